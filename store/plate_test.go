package store_test

import (
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestCleanPlate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// The examples of docs/rules.md, and more.
		{"b 1234 xyz", "B1234XYZ"},
		{"L 1234 AB", "L1234AB"},
		{" ", ""},

		{"", ""},
		{"B1234XYZ", "B1234XYZ"},
		{"B-1234-XYZ", "B1234XYZ"},
		{"  d 12 ab  ", "D12AB"},
		{"AD.1234.Bc", "AD1234BC"},
		{"B 1234 XYZ (2020)", "B1234XYZ2020"},
		{"#!/-", ""},
		{"B 1234 ÉÀ", "B1234"}, // non-ASCII letters have no place on a plate
		{"b\t1\n2", "B12"},
		{"Ｂ１２", ""}, // full-width forms are not A–Z/0–9
	}
	for _, tt := range tests {
		if got := store.CleanPlate(tt.in); got != tt.want {
			t.Errorf("CleanPlate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCleanPlate checks that a clean plate holds only A–Z and 0–9, is
// already clean, and keeps every ASCII letter and digit of the input, in
// order and upper-cased (the old system dropped lower-case letters).
func FuzzCleanPlate(f *testing.F) {
	for _, seed := range []string{"b 1234 xyz", "L 1234 AB", "B-1234-XYZ", "", " ", "ſ ı ﬀ K", "ab\xffcd", "١٢٣"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := store.CleanPlate(in)
		if strings.Trim(got, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			t.Fatalf("CleanPlate(%q) = %q, not only A–Z and 0–9", in, got)
		}
		if again := store.CleanPlate(got); again != got {
			t.Fatalf("CleanPlate(CleanPlate(%q)) = %q, want %q", in, again, got)
		}
		rest := got
		for _, r := range strings.ToUpper(in) {
			if 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				i := strings.IndexRune(rest, r)
				if i < 0 {
					t.Fatalf("CleanPlate(%q) = %q lost %q", in, got, r)
				}
				rest = rest[i+1:]
			}
		}
	})
}
