package store

import (
	"context"
	"strings"
	"time"
)

// DeskSummaryOf says whose day the dashboard's home sums up, and when.
type DeskSummaryOf struct {
	// VisibleTo narrows every lead figure to what a sales user may see
	// (LeadFilter.VisibleTo); nil for owners and admins.
	VisibleTo *int64
	// Mine narrows the open leads by status to the leads assigned to that
	// user; nil counts every open lead in scope.
	Mine *int64
	// Now, and the starts of the showroom's day, week (Monday) and month
	// it falls in.
	Now, DayStart, WeekStart, MonthStart time.Time
}

// DeskSummary is the dashboard's home: the day at a glance.
type DeskSummary struct {
	NewToday int64
	// Follow-ups of open leads due later today, and already past.
	FollowUpsToday, FollowUpsOverdue int64
	// OpenByStatus counts open leads (Mine's, or all in scope) by status;
	// every open status has a key.
	OpenByStatus                                 map[string]int64
	CarsAvailable, CarsBooked, CarsSoldThisMonth int64
	// Responded counts the leads created this week that staff answered,
	// and MedianFirstResponse is the median time they took (0 when none).
	Responded           int64
	MedianFirstResponse time.Duration
}

// FindDeskSummary sums up the day for the home page, in one read
// transaction so the figures agree. Every lead figure walks an index over
// its own rows (today's leads, the due follow-ups, the waiting leads, one
// status or assignee), not the whole table.
func (db *DB) FindDeskSummary(ctx context.Context, of DeskSummaryOf) (*DeskSummary, error) {
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q := db.h.ReadStmts.Tx(tx)
	// Each figure names the index that holds its rows: without statistics
	// (the showroom's database has no ANALYZE) SQLite would rather take a
	// sales user's (assigned_to_user_id = ? OR IS NULL) to an index of
	// assignees, and walk every unassigned lead for each figure.
	count := func(index string, f LeadFilter) (int64, error) {
		f.VisibleTo = of.VisibleTo
		where, args, err := f.where()
		if err != nil {
			return 0, err
		}
		var n int64
		err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM leads l INDEXED BY `+index+where, args...).Scan(&n)
		return n, err
	}
	dayEnd := of.DayStart.AddDate(0, 0, 1).Add(-time.Millisecond)
	s := &DeskSummary{OpenByStatus: map[string]int64{}}
	if s.NewToday, err = count("leads_created", LeadFilter{Since: &of.DayStart, Until: &dayEnd}); err != nil {
		return nil, err
	}
	overdue := of.Now.Add(-time.Millisecond)
	if s.FollowUpsOverdue, err = count("leads_follow_up", LeadFilter{FollowUpDue: &overdue}); err != nil {
		return nil, err
	}
	due, err := count("leads_follow_up", LeadFilter{FollowUpDue: &dayEnd})
	if err != nil {
		return nil, err
	}
	s.FollowUpsToday = due - s.FollowUpsOverdue
	if err := openByStatus(ctx, q, of, s); err != nil {
		return nil, err
	}
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(status = 'available'), 0),
		COALESCE(SUM(status = 'booking'), 0), COALESCE(SUM(status = 'sold' AND sold_at >= ?), 0) FROM cars`,
		millis(of.MonthStart)).Scan(&s.CarsAvailable, &s.CarsBooked, &s.CarsSoldThisMonth); err != nil {
		return nil, err
	}
	if err := medianFirstResponse(ctx, q, of, s); err != nil {
		return nil, err
	}
	return s, nil
}

// openByStatus counts the open leads in scope, Mine's when set, by status
// in one pass over the index of status_rank (and assignee for Mine's),
// which holds every column the count reads.
func openByStatus(ctx context.Context, q querier, of DeskSummaryOf, s *DeskSummary) error {
	where, args, err := LeadFilter{VisibleTo: of.VisibleTo, AssignedTo: of.Mine}.where()
	if err != nil {
		return err
	}
	var open []string
	for _, status := range LeadStatuses {
		if IsOpenLeadStatus(status) {
			s.OpenByStatus[status] = 0
			open, args = append(open, "?"), append(args, leadStatusRank[status])
		}
	}
	index := "leads_rank_created"
	if of.Mine != nil {
		index = "leads_assigned"
	}
	if where == "" {
		where = " WHERE "
	} else {
		where += " AND "
	}
	rows, err := q.QueryContext(ctx, `SELECT l.status_rank, COUNT(*) FROM leads l INDEXED BY `+index+where+
		`l.status_rank IN (`+strings.Join(open, ", ")+`) GROUP BY l.status_rank`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rank int
		var n int64
		if err := rows.Scan(&rank, &n); err != nil {
			return err
		}
		s.OpenByStatus[LeadStatuses[rank]] = n
	}
	return rows.Err()
}

// medianFirstResponse fills the week's first-response figures from the
// leads created since its start that staff answered.
func medianFirstResponse(ctx context.Context, q querier, of DeskSummaryOf, s *DeskSummary) error {
	where, args, err := LeadFilter{VisibleTo: of.VisibleTo, Since: &of.WeekStart}.where()
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT l.first_response_at - l.created_at FROM leads l INDEXED BY leads_created`+where+
		` AND l.first_response_at IS NOT NULL`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var waits []int64
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return err
		}
		waits = append(waits, ms)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.Responded, s.MedianFirstResponse = int64(len(waits)), medianMillis(waits)
	return nil
}
