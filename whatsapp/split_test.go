package whatsapp_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/autoleads/autoleads/whatsapp"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, text string
		max        int
		want       []string
	}{
		{"short", "halo", 10, []string{"halo"}},
		{"exactly max", "0123456789", 10, []string{"0123456789"}},
		{"on line breaks", "aaaa\nbbbb\ncccc", 9, []string{"aaaa\nbbbb", "cccc"}},
		{"long line cut hard", "0123456789abcdef\nxy", 10, []string{"0123456789", "abcdef\nxy"}},
		{"blank parts dropped", "aaaaaaaaa\n\n\n\n\n\n\n\n\n\n\nbbb", 9, []string{"aaaaaaaaa", "bbb"}},
		{"characters, not bytes", "ééééé\nééééé", 5, []string{"ééééé", "ééééé"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := whatsapp.Split(tt.text, tt.max)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("Split = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("parts within bound", func(t *testing.T) {
		text := strings.Repeat("kalimat panjang tentang mobil bekas ", 300) + "\n" + strings.Repeat("baris\n", 900)
		for i, p := range whatsapp.Split(text, whatsapp.MaxMessageLen) {
			if n := utf8.RuneCountInString(p); n > whatsapp.MaxMessageLen || n == 0 {
				t.Fatalf("part %d has %d characters", i, n)
			}
		}
	})
}
