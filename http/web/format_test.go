package web_test

import (
	"testing"
	"time"

	"github.com/autoleads/autoleads/http/web"
)

func TestNumber(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1.000", 45000: "45.000",
		1234567: "1.234.567", -1500: "-1.500"} {
		if got := web.Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDatesInShowroomZone(t *testing.T) {
	at := time.Date(2026, 12, 4, 17, 5, 0, 0, time.UTC) // 00.05 the next day in WIB
	for _, tc := range []struct {
		zone string
		lang web.Lang
		want string
	}{
		{"WIB", web.Indonesian, "5 Des 2026, 00.05 WIB"},
		{"", web.Indonesian, "5 Des 2026, 00.05 WIB"},
		{"WITA", web.Indonesian, "5 Des 2026, 01.05 WITA"},
		{"Asia/Jayapura", web.English, "5 Dec 2026, 02:05 WIT"},
	} {
		if got := web.DateTime(at, web.Zone(tc.zone), tc.lang); got != tc.want {
			t.Errorf("DateTime in %q/%s = %q, want %q", tc.zone, tc.lang, got, tc.want)
		}
	}
}

func TestLocalPhone(t *testing.T) {
	for in, want := range map[string]string{
		"+6281234567890": "0812-3456-7890",
		"+62313456789":   "0313-4567-89",
		"+6591234567":    "+6591234567",
		"":               "",
	} {
		if got := web.LocalPhone(in); got != want {
			t.Errorf("LocalPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
