package web

import (
	"strings"
	"unicode/utf8"
)

// Excerpt is text on one line, at most n runes: its lines and runs of
// spaces joined by one space, cut at a word when one ends near the limit,
// with "…" when anything was cut.
func Excerpt(text string, n int) string {
	s := strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut == n-1 {
			s = s[:i]
			break
		}
		cut++
	}
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)*3/4 {
		s = s[:sp]
	}
	return strings.TrimRight(s, " ,.;:") + "…"
}
