package store_test

import (
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestControlCharacterRules(t *testing.T) {
	tests := []struct {
		name         string
		s            string
		inLine, text bool // whether each rule refuses s
	}{
		{"plain", "Toyota Avanza 1.3 G", false, false},
		{"Indonesian and emoji", "Mobil bekas 👍 — Rp 165 jt", false, false},
		{"empty", "", false, false},
		{"LRM mark", "Motor \u200eJaya", false, false},
		{"zero-width joiner", "👨\u200d👩", false, false},
		{"NUL", "Toyota\x00", true, true},
		{"ESC sequence", "Alpha\x1b[31m", true, true},
		{"BEL", "Alpha\x07", true, true},
		{"DEL", "Alpha\x7f", true, true},
		{"C1 CSI", "Alpha\u009b2J", true, true},
		{"C1 NEL", "Alpha\u0085", true, true},
		{"tab", "A\tB", true, false},
		{"line feed", "A\nB", true, false},
		{"CRLF", "A\r\nB", true, false},
		{"lone CR", "A\rB", true, true},
		{"CR at the end", "A\r", true, true},
		{"vertical tab", "A\vB", true, true},
		{"form feed", "A\fB", true, true},
		{"right-to-left override", "A\u202eB", true, true},
		{"left-to-right embedding", "A\u202aB", true, true},
		{"first strong isolate", "A\u2068B", true, true},
		{"pop directional isolate", "A\u2069B", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := store.ControlInLine(tt.s); got != tt.inLine {
				t.Errorf("ControlInLine(%q) = %v, want %v", tt.s, got, tt.inLine)
			}
			if got := store.ControlInText(tt.s); got != tt.text {
				t.Errorf("ControlInText(%q) = %v, want %v", tt.s, got, tt.text)
			}
		})
	}
}
