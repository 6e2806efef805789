package store

import (
	"context"
	"strings"
	"unicode"
)

// A customer who writes about a car by its display code — as the website's
// WhatsApp button does: "Halo, saya tertarik dengan Toyota Avanza 2020
// (#A01)…" — is asking about that car: their lead records it as its car of
// interest when it has none yet (one a salesperson chose is never
// replaced). Draft cars are not for sale and are never named this way.

// maxNamedCodes bounds the words of one message looked up as display codes.
const maxNamedCodes = 8

// codeCandidates returns the words of a message that may be display codes,
// in the order written: a word with a digit and a letter or '#', no longer
// than a display code may be ("#A01", "B-12"; not "2020" or "1.5").
func codeCandidates(message string) []string {
	words := strings.FieldsFunc(message, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '#' && r != '-' && r != '_'
	})
	var out []string
	for _, w := range words {
		w = strings.Trim(w, "-_")
		if len(w) > maxCodeLen || !strings.ContainsFunc(w, unicode.IsDigit) ||
			!strings.ContainsFunc(w, func(r rune) bool { return r == '#' || unicode.IsLetter(r) }) {
			continue
		}
		out = append(out, w)
		if len(out) == maxNamedCodes {
			break
		}
	}
	return out
}

// carNamedIn returns the id of the first car, not a draft, whose display
// code the message names, or nil. Display codes compare without case.
func carNamedIn(ctx context.Context, tx querier, message string) (*int64, error) {
	codes := codeCandidates(message)
	if len(codes) == 0 {
		return nil, nil
	}
	// A customer may leave out the '#' a showroom writes its codes with.
	var args []any
	for _, c := range codes {
		args = append(args, c)
		if !strings.HasPrefix(c, "#") {
			args = append(args, "#"+c)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, display_code FROM cars
		WHERE display_code IN (?`+strings.Repeat(", ?", len(args)-1)+`) AND status <> 'draft'`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := map[string]int64{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		found[strings.ToLower(code)] = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range codes {
		for _, code := range []string{c, "#" + c} {
			if id, ok := found[strings.ToLower(code)]; ok {
				return &id, nil
			}
		}
	}
	return nil, nil
}
