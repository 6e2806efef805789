package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store"
)

// Rupiah is a price in full: "Rp 150.000.000".
func Rupiah(price int64) string { return store.FormatRupiah(price) }

// RupiahShort is a price on a card: "Rp 150 Jt".
func RupiahShort(price int64) string { return store.FormatRupiahShort(price) }

// Number writes n with dots between thousands, as Indonesian does: 45.000.
func Number(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Indonesia's three time zones have kept their offsets without daylight
// saving since 1988, so fixed zones need no tz database on the server.
var zones = map[string]*time.Location{
	"WIB":  time.FixedZone("WIB", 7*3600),
	"WITA": time.FixedZone("WITA", 8*3600),
	"WIT":  time.FixedZone("WIT", 9*3600),
}

// Zone returns the time zone a showroom names (WIB, WITA or WIT, as
// Indonesians call them, or their IANA names); WIB for anything else.
func Zone(name string) *time.Location { return zones[ZoneName(name)] }

// ZoneName is the name of the zone Zone returns for name: WIB, WITA or WIT.
func ZoneName(name string) string {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "WITA", "ASIA/MAKASSAR":
		return "WITA"
	case "WIT", "ASIA/JAYAPURA":
		return "WIT"
	}
	return "WIB"
}

// ZoneNames are Indonesia's time zones, west to east.
var ZoneNames = []string{"WIB", "WITA", "WIT"}

// KnownZone reports whether name is one Zone knows (rather than one it
// reads as WIB for want of knowing it).
func KnownZone(name string) bool {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "WIB", "WITA", "WIT", "ASIA/JAKARTA", "ASIA/MAKASSAR", "ASIA/JAYAPURA":
		return true
	}
	return false
}

var months = map[Lang][12]string{
	Indonesian: {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"},
	English:    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

// Date is a day as people write it: "4 Des 2026" (or "4 Dec 2026").
func Date(t time.Time, loc *time.Location, l Lang) string {
	t = t.In(loc)
	return strconv.Itoa(t.Day()) + " " + months[l][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Clock is a time of day: Indonesian separates hours and minutes with a
// dot (14.05), English with a colon (14:05).
func Clock(t time.Time, loc *time.Location, l Lang) string {
	if l == Indonesian {
		return t.In(loc).Format("15.04")
	}
	return t.In(loc).Format("15:04")
}

// DateTime is a date and a time with the zone's name: "4 Des 2026, 14.05 WIB".
func DateTime(t time.Time, loc *time.Location, l Lang) string {
	return Date(t, loc, l) + ", " + Clock(t, loc, l) + " " + t.In(loc).Format("MST")
}

// LocalPhone writes an E.164 Indonesian number as people dial it at home,
// in groups of four: "+6281234567890" → "0812-3456-7890". Other numbers
// are left as they are.
func LocalPhone(e164 string) string {
	rest, ok := strings.CutPrefix(e164, "+62")
	if !ok || rest == "" {
		return e164
	}
	digits := "0" + rest
	var b strings.Builder
	for i := 0; i < len(digits); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(digits[i:min(i+4, len(digits))])
	}
	return b.String()
}
