package http

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// Pagination bounds (docs/api.md, Pagination).
const (
	defaultLimit = 20
	maxLimit     = 100
	// maxPage keeps OFFSET arithmetic far from overflow.
	maxPage = 1_000_000
)

// page is a validated page request.
type page struct {
	Page  int
	Limit int
}

// Offset is the number of rows before the page.
func (p page) Offset() int { return (p.Page - 1) * p.Limit }

// parsePage reads page and limit: page 1..1000000 (default 1), limit 1..100
// (default 20, larger values capped). Errors: EBADREQUEST.
func parsePage(q url.Values) (page, error) {
	p := page{Page: 1, Limit: defaultLimit}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > maxPage {
			return p, badQuery("page", "must be a whole number from 1 to "+strconv.Itoa(maxPage))
		}
		p.Page = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 {
			return p, badQuery("limit", "must be a whole number from 1 to 100")
		}
		p.Limit = min(n, maxLimit)
	}
	return p, nil
}

// queryInt parses an optional integer query parameter. Errors: EBADREQUEST.
func queryInt(q url.Values, name string) (*int64, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, badQuery(name, "must be a whole number")
	}
	return &n, nil
}

func badQuery(name, rule string) error {
	return &store.Error{Code: store.EBADREQUEST, Message: "Query parameter " + name + " " + rule,
		Details: map[string]any{name: rule}}
}
