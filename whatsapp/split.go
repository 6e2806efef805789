package whatsapp

import (
	"strings"
	"unicode/utf8"
)

// MaxMessageLen is the longest text, in characters, sent as one WhatsApp
// message; a longer one goes out in parts.
const MaxMessageLen = 4096

// Split cuts text into parts of at most max characters, breaking between
// lines (the line break at a cut is dropped), and cutting a single line
// longer than max wherever it reaches max. Parts of only white space are
// left out. The result depends on text and max alone: the sender relies on
// that to resume a long message after the parts already sent.
func Split(text string, max int) []string {
	if utf8.RuneCountInString(text) <= max {
		return []string{text}
	}
	var parts, cur []string
	curLen := 0
	flush := func() {
		if p := strings.Join(cur, "\n"); strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
		cur, curLen = nil, 0
	}
	for _, line := range strings.Split(text, "\n") {
		n := utf8.RuneCountInString(line)
		for n > max {
			flush()
			r := []rune(line)
			cur, curLen = []string{string(r[:max])}, max
			flush()
			line, n = string(r[max:]), n-max
		}
		add := n
		if len(cur) > 0 {
			add++ // the line break joining it to the part
		}
		if curLen+add > max {
			flush()
			add = n
		}
		cur = append(cur, line)
		curLen += add
	}
	flush()
	return parts
}
