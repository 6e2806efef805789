package store

import "strconv"

// Prices are integer rupiah (docs/rules.md, Prices). These formatters run once or twice per
// catalogue item on every list request, so they build the text backwards in a
// stack buffer and allocate only the returned string, instead of going
// through fmt.

// rupiahBufLen fits the longest output: "-Rp " and math.MinInt64 with dots.
const rupiahBufLen = 32

// FormatRupiah returns the full price with dots between thousands, as
// Indonesian buyers read it: 150000000 → "Rp 150.000.000". A negative value
// (never valid for a price, but formatting must not lie about it) is
// "-Rp 1.000".
func FormatRupiah(price int64) string {
	var buf [rupiahBufLen]byte
	i := putGrouped(&buf, len(buf), absInt64(price))
	i = putPrefix(&buf, i, price < 0)
	return string(buf[i:])
}

// shortUnits are the short-price units from largest to smallest: triliun,
// miliar, juta, ribu.
var shortUnits = [...]struct {
	div  uint64
	name string
}{
	{1e12, "T"},
	{1e9, "M"},
	{1e6, "Jt"},
	{1e3, "Rb"},
}

// FormatRupiahShort returns the compact price used on catalogue cards:
// 150000000 → "Rp 150 Jt", 187500000 → "Rp 187,5 Jt", 1500000000 →
// "Rp 1,5 M", 1500 → "Rp 1,5 Rb", 500 → "Rp 500". The one decimal (comma, as
// Indonesian writes it) is truncated, not rounded, so a card never shows a
// price above the real one (1999999 → "Rp 1,9 Jt", not "Rp 2 Jt"); a
// decimal that truncates to 0 is left out. Negative values get a leading "-".
func FormatRupiahShort(price int64) string {
	var buf [rupiahBufLen]byte
	u := absInt64(price)
	i := len(buf)
	for _, unit := range shortUnits {
		if u < unit.div {
			continue
		}
		i -= copy(buf[i-len(unit.name):], unit.name)
		i--
		buf[i] = ' '
		if d := (u % unit.div) * 10 / unit.div; d != 0 {
			i--
			buf[i] = byte('0' + d)
			i--
			buf[i] = ','
		}
		u /= unit.div
		break
	}
	i = putGrouped(&buf, i, u)
	i = putPrefix(&buf, i, price < 0)
	return string(buf[i:])
}

// absInt64 returns |v| as uint64, which, unlike int64, holds |math.MinInt64|.
func absInt64(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// putGrouped writes u with dots between thousands so that it ends just before
// buf[end], and returns the index of its first byte.
func putGrouped(buf *[rupiahBufLen]byte, end int, u uint64) int {
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], u, 10)
	i := end
	for n := len(d) - 1; n >= 0; n-- {
		if k := len(d) - 1 - n; k > 0 && k%3 == 0 {
			i--
			buf[i] = '.'
		}
		i--
		buf[i] = d[n]
	}
	return i
}

// putPrefix writes "Rp " (and a leading "-" when negative) so that it ends
// just before buf[end], and returns the index of its first byte.
func putPrefix(buf *[rupiahBufLen]byte, end int, negative bool) int {
	i := end - copy(buf[end-3:], "Rp ")
	if negative {
		i--
		buf[i] = '-'
	}
	return i
}
