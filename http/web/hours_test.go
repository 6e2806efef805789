package web_test

import (
	"testing"
	"time"

	"github.com/autoleads/autoleads/http/web"
)

func TestOpenNow(t *testing.T) {
	hours := map[string]string{"monday": "08:00-17:00", "friday": "18:00-02:00", "sunday": "closed"}
	wib := web.Zone("WIB")
	at := func(day, clock string) time.Time { // 2026-11-30 is a Monday
		d := map[string]int{"monday": 30, "tuesday": 1, "friday": 4, "saturday": 5, "sunday": 6}[day]
		m := time.November
		if d < 30 {
			m = time.December
		}
		tm, _ := time.ParseInLocation("15:04", clock, wib)
		return time.Date(2026, m, d, tm.Hour(), tm.Minute(), 0, 0, wib)
	}
	for _, tc := range []struct {
		day, clock  string
		open, known bool
	}{
		{"monday", "07:59", false, true},
		{"monday", "08:00", true, true},
		{"monday", "16:59", true, true},
		{"monday", "17:00", false, true},
		{"friday", "23:00", true, true},
		{"friday", "01:30", true, true},
		{"friday", "12:00", false, true},
		{"sunday", "10:00", false, true},
		{"tuesday", "10:00", false, false},
	} {
		open, known := web.OpenNow(hours, at(tc.day, tc.clock).UTC(), wib)
		if open != tc.open || known != tc.known {
			t.Errorf("%s %s: open %v known %v, want %v %v", tc.day, tc.clock, open, known, tc.open, tc.known)
		}
	}
}
