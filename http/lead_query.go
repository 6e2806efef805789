package http

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

// maxLeadSearchLen bounds the search text: a longer one is no search a
// person types, and every extra byte is scanned against every lead.
const maxLeadSearchLen = 200

// leadListQuery reads the lead list's query into a filter and a page. A sales
// user's filter is narrowed to what they may see. followUp=due keeps the
// follow-ups due by dueBy(). Unparsable values are EBADREQUEST; unknown
// status or source values are left to the store, which answers EINVALID.
func leadListQuery(q url.Values, u *store.User, dueBy func() time.Time) (store.LeadFilter, page, error) {
	p, err := parsePage(q)
	if err != nil {
		return store.LeadFilter{}, p, err
	}
	f := store.LeadFilter{
		Status: strings.TrimSpace(q.Get("status")),
		Source: strings.TrimSpace(q.Get("source")),
		Search: strings.TrimSpace(q.Get("search")),
		Offset: p.Offset(), Limit: p.Limit,
	}
	if f.CarID, err = queryInt(q, "carId"); err != nil {
		return f, p, err
	}
	if f.CarID != nil && *f.CarID <= 0 {
		return f, p, badQuery("carId", "must be a positive whole number")
	}
	switch v := strings.TrimSpace(q.Get("assignedTo")); v {
	case "":
	case "me":
		f.AssignedTo = &u.ID
	case "none":
		f.Unassigned = true
	default:
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, p, badQuery("assignedTo", "must be a user id, me or none")
		}
		f.AssignedTo = &id
	}
	if f.Since, err = queryDate(q, "startDate", false); err != nil {
		return f, p, err
	}
	if f.Until, err = queryDate(q, "endDate", true); err != nil {
		return f, p, err
	}
	if err := leadDeskQuery(q, &f, dueBy); err != nil {
		return f, p, err
	}
	errs := map[string]string{}
	if utf8.RuneCountInString(f.Search) > maxLeadSearchLen {
		errs["search"] = "Search must be at most 200 characters"
	}
	if f.Since != nil && f.Until != nil && f.Until.Before(*f.Since) {
		errs["endDate"] = "End date must not be before start date"
	}
	if u.Role == store.RoleSales {
		f.VisibleTo = &u.ID
	}
	return f, p, store.ValidationError(errs)
}

// queryDate parses a date filter: a day "2025-10-23" in UTC (as the start of
// that day, or with endOfDay its last millisecond, so both ends of a range
// are inclusive) or an RFC 3339 time. A "+" offset that arrived unencoded
// reads as a space and is restored. Errors: EBADREQUEST.
func queryDate(q url.Values, name string, endOfDay bool) (*time.Time, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		if endOfDay {
			t = t.Add(24*time.Hour - time.Millisecond)
		}
		return &t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, strings.Replace(v, " ", "+", 1)); err == nil {
		t = t.UTC()
		return &t, nil
	}
	return nil, badQuery(name, "must be a date (YYYY-MM-DD) or an RFC 3339 time")
}

// leadDeskQuery reads the sales desk's parameters of the lead list:
// awaiting=true, followUp=due and sort=activity (or status, the default).
// Errors: EBADREQUEST.
func leadDeskQuery(q url.Values, f *store.LeadFilter, dueBy func() time.Time) error {
	switch strings.TrimSpace(q.Get("awaiting")) {
	case "", "false":
	case "true":
		f.Awaiting = true
	default:
		return badQuery("awaiting", "must be true or false")
	}
	switch strings.TrimSpace(q.Get("followUp")) {
	case "":
	case "due":
		due := dueBy()
		f.FollowUpDue = &due
	default:
		return badQuery("followUp", "must be due")
	}
	switch strings.TrimSpace(q.Get("sort")) {
	case "", "status":
	case "activity":
		f.SortByActivity = true
	default:
		return badQuery("sort", "must be status or activity")
	}
	return nil
}

// endOfShowroomDay is the last millisecond of now's day in the showroom's
// time zone: a follow-up "due today" is due by then.
func endOfShowroomDay(now time.Time, loc *time.Location) time.Time {
	return showroomDay(now, loc).AddDate(0, 0, 1).Add(-time.Millisecond).UTC()
}
