package store

import (
	"strings"
	"unicode"
)

// CleanPlate returns the searchable form of a number plate (plateNumberClean,
// docs/rules.md): upper-cased first, then only A–Z and 0–9 kept, so "b 1234 xyz"
// and "B-1234-XYZ" both become "B1234XYZ". Upper-casing before filtering is
// the point: the old system filtered first and silently dropped lower-case
// letters.
func CleanPlate(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToUpper(r)
		if 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			b.WriteByte(byte(r))
		}
	}
	return b.String()
}
