package store

import (
	"database/sql"
	"time"
)

// Timestamps are stored as Unix milliseconds: compact, ordered and free of
// time-zone ambiguity. These helpers are the only place that converts.

func millis(t time.Time) int64 { return t.UnixMilli() }

// TimestampLayout is how times are written as text, in the API's JSON and
// in a lead's timeline: RFC 3339 in UTC with the milliseconds stored,
// 2025-10-23T09:00:00.000Z.
const TimestampLayout = "2006-01-02T15:04:05.000Z07:00"

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// nullMillis converts an optional time to a column value.
func nullMillis(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

// timePtr converts a nullable column back to an optional time.
func timePtr(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromMillis(n.Int64)
	return &t
}
