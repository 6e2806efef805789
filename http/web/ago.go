package web

import (
	"strconv"
	"time"
)

// Ago is how long ago t was, as a list of conversations says it: "baru
// saja", "5 mnt", "2 jam" the same day, "kemarin", then the date ("4 Des",
// with the year when it is not this one's). Days are the showroom's (loc).
// A t after now (a clock ahead of ours) is now.
func Ago(t, now time.Time, loc *time.Location, l Lang) string {
	d := now.Sub(t)
	t, now = t.In(loc), now.In(loc)
	y, m, day := now.Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, loc)
	switch {
	case d < time.Minute:
		return l.T("desk.ago.now")
	case d < time.Hour:
		return l.T("desk.ago.minutes", int(d/time.Minute))
	case !t.Before(today):
		return l.T("desk.ago.hours", int(d/time.Hour))
	case !t.Before(today.AddDate(0, 0, -1)):
		return l.T("desk.ago.yesterday")
	case t.Year() == now.Year():
		return strconv.Itoa(t.Day()) + " " + months[l][t.Month()-1]
	}
	return Date(t, loc, l)
}
