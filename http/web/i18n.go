package web

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is a language of the pages: Indonesian first, English second.
type Lang string

// The languages; every key of the catalogue exists in both (a test fails
// otherwise).
const (
	Indonesian Lang = "id"
	English    Lang = "en"
)

// catalogues hold every text of the pages, per language.
var catalogues = map[Lang]map[string]string{Indonesian: messagesID, English: messagesEN}

// ParseLang returns the language a stored or submitted choice names, and
// false for anything else.
func ParseLang(s string) (Lang, bool) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case Indonesian, English:
		return l, true
	}
	return "", false
}

// T returns the text of key in l, formatted with args as by fmt.Sprintf. A
// key missing from the catalogue shows as itself, which the catalogue tests
// keep from ever reaching a page.
func (l Lang) T(key string, args ...any) string {
	msg, ok := catalogues[l][key]
	if !ok {
		msg, ok = messagesID[key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// NegotiateLang picks the language an Accept-Language header prefers among
// ours: English only when the client ranks it above Indonesian, which is
// the default for everyone else.
func NegotiateLang(header string) Lang {
	best, bestQ := Indonesian, -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		l, ok := ParseLang(primary)
		if !ok {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > bestQ || q == bestQ && l == Indonesian {
			best, bestQ = l, q
		}
	}
	if bestQ <= 0 {
		return Indonesian
	}
	return best
}
