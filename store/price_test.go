package store_test

import (
	"cmp"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestFormatRupiah(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{150000000, "Rp 150.000.000"}, // docs/rules.md
		{0, "Rp 0"},
		{1, "Rp 1"},
		{999, "Rp 999"},
		{1000, "Rp 1.000"},
		{12345, "Rp 12.345"},
		{123456, "Rp 123.456"},
		{1234567, "Rp 1.234.567"},
		{187500000, "Rp 187.500.000"},
		{1000000000000, "Rp 1.000.000.000.000"},
		{-1000, "-Rp 1.000"},
		{-5, "-Rp 5"},
		{math.MaxInt64, "Rp 9.223.372.036.854.775.807"},
		{math.MinInt64, "-Rp 9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := store.FormatRupiah(tt.in); got != tt.want {
			t.Errorf("FormatRupiah(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatRupiahShort(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		// The examples of docs/rules.md.
		{150000000, "Rp 150 Jt"},
		{187500000, "Rp 187,5 Jt"},
		{1500000000, "Rp 1,5 M"},
		{1500, "Rp 1,5 Rb"},
		{500, "Rp 500"},

		// Truncated, never rounded up.
		{1999999, "Rp 1,9 Jt"},
		{999999, "Rp 999,9 Rb"},
		{1099999, "Rp 1 Jt"}, // ,0 after truncation is dropped
		{1000001, "Rp 1 Jt"},

		// Unit boundaries.
		{0, "Rp 0"},
		{999, "Rp 999"},
		{1000, "Rp 1 Rb"},
		{1000000, "Rp 1 Jt"},
		{1000000000, "Rp 1 M"},
		{999999999999, "Rp 999,9 M"},
		{1000000000000, "Rp 1 T"},
		{2500000000000, "Rp 2,5 T"},
		{1234000000000000, "Rp 1.234 T"},
		{165000000, "Rp 165 Jt"},
		{475000000, "Rp 475 Jt"},

		// Negative values keep their sign.
		{-1500000, "-Rp 1,5 Jt"},
		{-500, "-Rp 500"},
		{math.MaxInt64, "Rp 9.223.372 T"},
		{math.MinInt64, "-Rp 9.223.372 T"},
	}
	for _, tt := range tests {
		if got := store.FormatRupiahShort(tt.in); got != tt.want {
			t.Errorf("FormatRupiahShort(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatRupiahAllocs(t *testing.T) {
	for _, tt := range []struct {
		name string
		fn   func(int64) string
	}{
		{"FormatRupiah", store.FormatRupiah},
		{"FormatRupiahShort", store.FormatRupiahShort},
	} {
		n := testing.AllocsPerRun(100, func() { _ = tt.fn(187500000) })
		if n > 1 {
			t.Errorf("%s allocates %v times per call, want ≤ 1", tt.name, n)
		}
	}
}

var sinkString string

func BenchmarkFormatRupiah(b *testing.B) {
	b.ReportAllocs()
	for i := int64(0); b.Loop(); i++ {
		sinkString = store.FormatRupiah(i * 1000)
	}
}

func BenchmarkFormatRupiahShort(b *testing.B) {
	b.ReportAllocs()
	for i := int64(0); b.Loop(); i++ {
		sinkString = store.FormatRupiahShort(i * 1000)
	}
}

// FuzzFormatRupiah checks both formats against the number for every int64:
// the full price is the exact digits grouped by three; the short price is
// the value truncated to one decimal of the largest unit it reaches.
func FuzzFormatRupiah(f *testing.F) {
	for _, v := range []int64{0, 1, 500, 999, 1000, 1500, 1999999, 150000000, 187500000, 1500000000,
		999999999999, 1e12, -1000, math.MaxInt64, math.MinInt64} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, price int64) {
		abs := new(big.Int).Abs(big.NewInt(price))
		prefix := "Rp "
		if price < 0 {
			prefix = "-Rp "
		}

		full := store.FormatRupiah(price)
		digits, ok := strings.CutPrefix(full, prefix)
		if !ok || !groupedDigits(digits) || strings.ReplaceAll(digits, ".", "") != abs.String() {
			t.Fatalf("FormatRupiah(%d) = %q", price, full)
		}

		short := store.FormatRupiahShort(price)
		rest, ok := strings.CutPrefix(short, prefix)
		if !ok {
			t.Fatalf("FormatRupiahShort(%d) = %q: no %q prefix", price, short, prefix)
		}
		number, unitName, _ := strings.Cut(rest, " ")
		whole, tenth, hasTenth := strings.Cut(number, ",")
		if !groupedDigits(whole) || hasTenth && (len(tenth) != 1 || tenth < "1" || tenth > "9") {
			t.Fatalf("FormatRupiahShort(%d) = %q: malformed number", price, short)
		}
		units := map[string]int64{"": 1, "Rb": 1e3, "Jt": 1e6, "M": 1e9, "T": 1e12}
		unit, ok := units[unitName]
		if !ok || (unitName == "") != (abs.Cmp(big.NewInt(1000)) < 0) || hasTenth && unitName == "" {
			t.Fatalf("FormatRupiahShort(%d) = %q: wrong unit", price, short)
		}
		if unitName != "T" && unitName != "" && abs.Cmp(big.NewInt(unit*1000)) >= 0 {
			t.Fatalf("FormatRupiahShort(%d) = %q: a larger unit applies", price, short)
		}
		// shown ≤ |price| < shown + one tenth of the unit (truncation); a
		// price below a thousand is shown exactly.
		tenths, _ := new(big.Int).SetString(strings.ReplaceAll(whole, ".", "")+cmp.Or(tenth, "0"), 10)
		var low, high *big.Int
		if unitName == "" {
			low = new(big.Int).Div(tenths, big.NewInt(10))
			high = new(big.Int).Add(low, big.NewInt(1))
		} else {
			low = new(big.Int).Mul(tenths, big.NewInt(unit/10))
			high = new(big.Int).Add(low, big.NewInt(unit/10))
		}
		if abs.Cmp(low) < 0 || abs.Cmp(high) >= 0 {
			t.Fatalf("FormatRupiahShort(%d) = %q: shows [%s, %s)", price, short, low, high)
		}
	})
}

// groupedDigits reports whether s is digits in groups of three separated by
// dots, the first group of one to three digits, without leading zeros.
func groupedDigits(s string) bool {
	groups := strings.Split(s, ".")
	for i, g := range groups {
		if g == "" || len(g) > 3 || i > 0 && len(g) != 3 || strings.Trim(g, "0123456789") != "" {
			return false
		}
	}
	return s == "0" || s[0] != '0'
}
