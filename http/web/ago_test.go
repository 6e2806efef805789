package web

import (
	"testing"
	"time"
)

func TestAgo(t *testing.T) {
	wib := Zone("WIB")
	// 4 Dec 2026, 10.00 WIB.
	now := time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		t    time.Time
		lang Lang
		want string
	}{
		{"seconds", now.Add(-20 * time.Second), Indonesian, "baru saja"},
		{"ahead of our clock", now.Add(time.Minute), Indonesian, "baru saja"},
		{"minutes", now.Add(-5*time.Minute - 30*time.Second), Indonesian, "5 mnt"},
		{"minutes in English", now.Add(-5 * time.Minute), English, "5 min"},
		{"hours today", now.Add(-2*time.Hour - 59*time.Minute), Indonesian, "2 jam"},
		{"just after midnight WIB", now.Add(-9*time.Hour - 59*time.Minute), Indonesian, "9 jam"},
		// 23.50 WIB yesterday is only ten hours ago, but yesterday.
		{"before midnight WIB", now.Add(-10*time.Hour - 10*time.Minute), Indonesian, "kemarin"},
		{"yesterday in English", now.Add(-30 * time.Hour), English, "yesterday"},
		{"this year", now.AddDate(0, -1, -2), Indonesian, "2 Nov"},
		{"other year", now.AddDate(-1, 0, 0), English, "4 Dec 2025"},
	} {
		if got := Ago(tc.t, now, wib, tc.lang); got != tc.want {
			t.Errorf("%s: Ago = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
		want string
	}{
		{"Halo, Avanza masih ada?", 40, "Halo, Avanza masih ada?"},
		{"  Halo\n\nmasih\tada? ", 40, "Halo masih ada?"},
		{"Halo kak, Avanza yang hitam masih ada? Bisa kredit?", 30, "Halo kak, Avanza yang hitam…"},
		{"abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"},
		{"ééééééééééé", 5, "éééé…"},
	} {
		if got := Excerpt(tc.text, tc.n); got != tc.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tc.text, tc.n, got, tc.want)
		}
	}
}

func TestDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		lang Lang
		want string
	}{
		{40 * time.Second, Indonesian, "40 dtk"},
		{12*time.Minute + 59*time.Second, Indonesian, "12 mnt"},
		{65 * time.Minute, Indonesian, "1 jam 5 mnt"},
		{2*time.Hour + 30*time.Second, English, "2 h"},
		{75 * time.Hour, Indonesian, "3 hari"},
		{75 * time.Hour, English, "3 days"},
	} {
		if got := Duration(tc.d, tc.lang); got != tc.want {
			t.Errorf("Duration(%v, %s) = %q, want %q", tc.d, tc.lang, got, tc.want)
		}
	}
}
