package csvio_test

import (
	"testing"

	"github.com/autoleads/autoleads/http/csvio"
)

func TestWhole(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"150000000", 150_000_000, true},
		{"150.000.000", 150_000_000, true},
		{"150,000,000", 150_000_000, true},
		{" 150 000 000 ", 150_000_000, true},
		{"150000000,00", 150_000_000, true},
		{"1.500,00", 1500, true},
		{"1,500.00", 1500, true},
		{"1.500", 1500, true},
		{"0", 0, true},
		{"", 0, false},
		{".", 0, false},
		{"1,5", 0, false},
		{"1.50", 0, false},
		{"1.500.000,5", 0, false},
		{"1.234.5678", 0, false},
		{"1234.567", 0, false},
		{"1.234,567", 0, false},
		{"150jt", 0, false},
		{"-5", 0, false},
		{"+5", 0, false},
		{"99999999999999999999", 0, false},
	} {
		got, ok := csvio.Whole(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Whole(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
