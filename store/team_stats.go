package store

import (
	"context"
	"slices"
	"time"
)

// TeamStats is one person's month on the team page.
type TeamStats struct {
	// Assigned counts the leads created since the month began that are
	// now assigned to them (who holds a lead now, not who held it first).
	Assigned int64
	// Responded counts those of the assigned leads that staff answered,
	// and MedianFirstResponse is the median time it took (0 when none).
	Responded           int64
	MedianFirstResponse time.Duration
	// Closed counts their leads closed as a sale since the month began.
	Closed int64
}

// FindTeamStats returns the month's figures of every user with a lead in
// it, by user id, from one pass over the leads created or closed since
// monthStart.
func (db *DB) FindTeamStats(ctx context.Context, monthStart time.Time) (map[int64]*TeamStats, error) {
	since := millis(monthStart)
	rows, err := db.h.Read.QueryContext(ctx, `SELECT assigned_to_user_id, created_at >= ?1,
		first_response_at - created_at, status = 'closed' AND closed_at >= ?1
		FROM leads WHERE assigned_to_user_id IS NOT NULL AND (created_at >= ?1 OR closed_at >= ?1)`, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	stats := map[int64]*TeamStats{}
	waits := map[int64][]int64{}
	for rows.Next() {
		var user int64
		var created, closed bool
		var wait *int64
		if err := rows.Scan(&user, &created, &wait, &closed); err != nil {
			return nil, err
		}
		s := stats[user]
		if s == nil {
			s = &TeamStats{}
			stats[user] = s
		}
		if created {
			s.Assigned++
			if wait != nil {
				waits[user] = append(waits[user], *wait)
			}
		}
		if closed {
			s.Closed++
		}
	}
	for user, w := range waits {
		stats[user].Responded, stats[user].MedianFirstResponse = int64(len(w)), medianMillis(w)
	}
	return stats, rows.Err()
}

// medianMillis is the median of durations in milliseconds (0 for none);
// it sorts them in place.
func medianMillis(ms []int64) time.Duration {
	if len(ms) == 0 {
		return 0
	}
	slices.Sort(ms)
	mid := len(ms) / 2
	median := ms[mid]
	if len(ms)%2 == 0 {
		median = (ms[mid-1] + ms[mid]) / 2
	}
	return time.Duration(median) * time.Millisecond
}
