package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text output goes to the operator's terminal, and part of what it shows
// was typed by others: dealers name their showroom and users through the
// API, customers name themselves on WhatsApp, and rows from before the API
// refused control characters may hold them. A control character printed
// raw is a command to the terminal (ESC starts a sequence that can
// recolour, retitle or rewrite the screen), and a line break or tab forges
// rows. --json output needs nothing: encoding/json escapes them itself.

// terminalSafe returns s with every character that is not graphic (control
// and format characters, line breaks and tabs included) written as a Go
// escape, as strconv.QuoteToGraphic does, and every byte of invalid UTF-8
// as \xNN. Anything else, quotes and backslashes too, is left as it is, so
// an ordinary name reads as typed.
func terminalSafe(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case needsEscape(r):
			q := strconv.QuoteRuneToGraphic(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// needsEscape reports whether r may not reach a terminal as it is.
func needsEscape(r rune) bool { return r == utf8.RuneError || !unicode.IsGraphic(r) }

// printf is fmt.Fprintf for text output: every string argument is made
// terminal-safe first. The format is the program's own and keeps its tabs
// and line breaks.
func printf(w io.Writer, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = terminalSafe(s)
		}
	}
	fmt.Fprintf(w, format, args...)
}
