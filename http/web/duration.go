package web

import "time"

// Duration is a wait as people say it, rounded to its largest units: "40
// dtk", "12 mnt", "1 jam 5 mnt", "3 hari".
func Duration(d time.Duration, l Lang) string {
	switch {
	case d < time.Minute:
		return l.T("desk.duration.seconds", int(d/time.Second))
	case d < time.Hour:
		return l.T("desk.duration.minutes", int(d/time.Minute))
	case d < 24*time.Hour && d%time.Hour >= time.Minute:
		return l.T("desk.duration.hoursMinutes", int(d/time.Hour), int(d%time.Hour/time.Minute))
	case d < 24*time.Hour:
		return l.T("desk.duration.hours", int(d/time.Hour))
	}
	return l.T("desk.duration.days", int(d/(24*time.Hour)))
}
