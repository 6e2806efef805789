package web

import (
	"strings"
	"time"
)

// Weekdays are the keys of a showroom's business hours, Monday first as
// Indonesian calendars have it.
var Weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// weekdayKey is the business-hours key of a time.Weekday.
func weekdayKey(d time.Weekday) string { return Weekdays[(int(d)+6)%7] }

// IsToday reports whether day (a key of Weekdays) is today in loc.
func IsToday(day string, now time.Time, loc *time.Location) bool {
	return weekdayKey(now.In(loc).Weekday()) == day
}

// OpenNow reports whether a showroom with these business hours ("HH:MM-HH:MM"
// or "closed" per weekday) is open at now in its time zone; known is false
// when today's hours are not given.
func OpenNow(hours map[string]string, now time.Time, loc *time.Location) (open, known bool) {
	now = now.In(loc)
	h, ok := hours[weekdayKey(now.Weekday())]
	if !ok {
		return false, false
	}
	opens, closes, ok := strings.Cut(h, "-")
	if !ok {
		return false, true // closed all day
	}
	t := now.Format("15:04")
	// Hours that pass midnight ("18:00-02:00") count the small hours of
	// the same weekday as open too: a listing names one span per day.
	if closes < opens {
		return t >= opens || t < closes, true
	}
	return t >= opens && t < closes, true
}
