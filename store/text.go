package store

import (
	"strings"
	"unicode"
)

// Text typed into a form ends up in dashboards, WhatsApp messages and the
// operator's terminal, where a control character has no meaning but can do
// harm: ESC starts a terminal escape sequence, NUL cuts strings short, and
// the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069)
// make text display in another order than it is stored. The marks LRM and
// RLM, which only nudge the direction of neutral characters, stay allowed.

// isControl reports whether r is a control character (C0, DEL, C1) or a
// bidirectional embedding, override or isolate.
func isControl(r rune) bool {
	return unicode.IsControl(r) || r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// ControlInLine reports whether s, a single-line field (a name, an
// address, a phone number), holds a control character: any of C0, DEL and
// C1, or a bidirectional control.
func ControlInLine(s string) bool {
	return strings.ContainsFunc(s, isControl)
}

// ControlInText reports whether s, a multi-line field (a description, a
// note, a message), holds a control character other than a tab or a line
// break (\n, or \r\n).
func ControlInText(s string) bool {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ContainsFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && isControl(r)
	})
}

// TextRule records in errs, under key, a control character in the field
// label that the rule does not allow: CheckLine or CheckText.
type TextRule func(errs map[string]string, key, label, s string)

// CheckLine records in errs, under key, that the single-line field label
// holds a control character, unless a rule of that field already failed.
func CheckLine(errs map[string]string, key, label, s string) {
	if errs[key] == "" && ControlInLine(s) {
		errs[key] = label + " must not contain control characters"
	}
}

// CheckText records in errs, under key, that the multi-line field label
// holds a control character other than a tab or a line break, unless a
// rule of that field already failed.
func CheckText(errs map[string]string, key, label, s string) {
	if errs[key] == "" && ControlInText(s) {
		errs[key] = label + " must not contain control characters other than line breaks and tabs"
	}
}
