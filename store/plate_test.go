package store_test

import (
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestCleanPlate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// SPEC §10 and the brief's examples.
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
