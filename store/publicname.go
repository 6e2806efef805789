package store

import (
	"strconv"
	"strings"
)

// PublicName returns the name a car is shown under (docs/rules.md): brand, model,
// year, color and display code joined by single spaces, e.g.
// "Toyota Avanza 2020 Hitam #A01". Parts are trimmed and empty ones skipped,
// and whitespace runs inside a part collapse, so stray spaces typed into the
// admin form never reach the catalogue. A non-positive year is treated as
// missing rather than printed as "0".
func PublicName(brand, model string, year int, color, displayCode string) string {
	y := ""
	if year > 0 {
		y = strconv.Itoa(year)
	}
	var b strings.Builder
	b.Grow(len(brand) + len(model) + len(y) + len(color) + len(displayCode) + 4)
	for _, part := range [...]string{brand, model, y, color, displayCode} {
		for w := range strings.FieldsSeq(part) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}
