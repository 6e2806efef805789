package cmd

import (
	"fmt"
	"strings"
	"time"
)

// timeText renders an optional time for people: a date and minutes, or "-".
func timeText(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// orDash shows an empty value as "-" in text output.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// parseTimeFlag reads a date flag: YYYY-MM-DD (midnight UTC), RFC 3339, or ""
// for "no date".
func parseTimeFlag(name, v string) (*time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return &t, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, fmt.Errorf("--%s must be YYYY-MM-DD or RFC 3339 (2025-12-31T17:00:00Z), not %q", name, v)
	}
	t = t.UTC()
	return &t, nil
}
