package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// leadColumns and leadFrom read a lead with its car and assignee summaries
// in one query, so a list page costs one statement however many rows it
// shows. The column after leadColumns is the Unread mark: 0 in
// leadSelect, the reader's own in leadSelectReadBy.
const leadColumns = `SELECT l.id, l.customer_phone, l.customer_name, l.car_id, l.status, l.source,
	l.assigned_to_user_id, l.notes, l.tags, l.message_count, l.last_message_at,
	l.created_at, l.updated_at, l.closed_at,
	l.follow_up_at, l.lost_reason, l.first_response_at, l.last_customer_at, l.last_reply_at,
	l.activity_at, l.awaiting_reply IS NOT NULL,
	c.display_code, c.public_name, c.slug, c.brand, c.model, c.year, c.price,
	u.name, u.email, u.role`

const leadFrom = `
FROM leads l
LEFT JOIN cars c ON c.id = l.car_id
LEFT JOIN users u ON u.id = l.assigned_to_user_id`

// leadSelect reads leads without an Unread mark.
const leadSelect = leadColumns + `, 0` + leadFrom

// leadSelectReadBy reads leads with the Unread mark of the user given as
// its first argument: the customer wrote after the user last opened the
// lead, or ever, if they never did.
const leadSelectReadBy = leadColumns + `, l.last_customer_at > COALESCE((SELECT r.read_at FROM lead_reads r
	WHERE r.user_id = ? AND r.lead_id = l.id), 0)` + leadFrom

// leadOrder is the list order: status in its declared order, newest first,
// id as the tie-break so pages never overlap. It matches leads_rank_created.
const leadOrder = ` ORDER BY l.status_rank, l.created_at DESC, l.id DESC`

// leadOrderOneStatus is leadOrder when the filter keeps one status.
const leadOrderOneStatus = ` ORDER BY l.created_at DESC, l.id DESC`

// leadOrderActivity is the inbox's order, newest activity first; the
// leads_*activity indexes (migration 0008) hold it.
const leadOrderActivity = ` ORDER BY l.activity_at DESC, l.id DESC`

// leadOrderFollowUp lists due follow-ups, the most overdue first, in the
// order of leads_follow_up.
const leadOrderFollowUp = ` ORDER BY l.follow_up_at, l.id`

func scanLead(row rowScanner) (*Lead, error) {
	var l Lead
	var name, notes, lostReason, carCode, carName, carSlug, carBrand, carModel, userName, userEmail, userRole sql.NullString
	var carID, userID, lastMsg, closed, followUp, firstResponse, lastCustomer, lastReply, carYear, carPrice sql.NullInt64
	var tags string
	var created, updated, activity int64
	var unread sql.NullBool
	if err := row.Scan(&l.ID, &l.CustomerPhone, &name, &carID, &l.Status, &l.Source,
		&userID, &notes, &tags, &l.MessageCount, &lastMsg, &created, &updated, &closed,
		&followUp, &lostReason, &firstResponse, &lastCustomer, &lastReply,
		&activity, &l.AwaitingReply,
		&carCode, &carName, &carSlug, &carBrand, &carModel, &carYear, &carPrice,
		&userName, &userEmail, &userRole, &unread); err != nil {
		return nil, err
	}
	l.CustomerName, l.Notes, l.LostReason = stringValue(name), stringValue(notes), stringValue(lostReason)
	l.FollowUpAt, l.FirstResponseAt = timePtr(followUp), timePtr(firstResponse)
	l.LastCustomerAt, l.LastReplyAt = timePtr(lastCustomer), timePtr(lastReply)
	l.Unread = unread.Bool
	l.CarID, l.AssignedToUserID = int64Ptr(carID), int64Ptr(userID)
	var err error
	if l.Tags, err = parseJSONStrings(tags); err != nil {
		return nil, err
	}
	l.LastMessageAt, l.ClosedAt = timePtr(lastMsg), timePtr(closed)
	l.CreatedAt, l.UpdatedAt, l.ActivityAt = fromMillis(created), fromMillis(updated), fromMillis(activity)
	if l.CarID != nil && carCode.Valid {
		l.Car = &LeadCar{ID: *l.CarID, DisplayCode: carCode.String, PublicName: carName.String,
			Slug: carSlug.String, Brand: carBrand.String, Model: carModel.String,
			Year: int(carYear.Int64), Price: carPrice.Int64}
	}
	if l.AssignedToUserID != nil && userEmail.Valid {
		l.AssignedTo = &LeadUser{ID: *l.AssignedToUserID, Name: userName.String,
			Email: userEmail.String, Role: userRole.String}
	}
	return &l, nil
}

func findLead(ctx context.Context, q querier, id int64) (*Lead, error) {
	return oneLead(q.QueryRowContext(ctx, leadSelect+` WHERE l.id = ?`, id))
}

// oneLead scans the lead a query for one found, ENOTFOUND when none.
func oneLead(row rowScanner) (*Lead, error) {
	l, err := scanLead(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "Lead not found")
	}
	return l, err
}

// FindLeadByID returns a lead with its car and assignee summaries.
// Errors: ENOTFOUND.
func (db *DB) FindLeadByID(ctx context.Context, id int64) (*Lead, error) {
	return findLead(ctx, db.h.Read, id)
}

// where builds the filter's WHERE clause (empty when nothing filters) and
// its arguments. Every column it reads must be in the column list of the
// leads_generation_update trigger (migration 0008; awaiting_reply is
// followed by leads_generation_awaiting): a change to any other column
// leaves the remembered totals (lead_count.go) as they were.
// Errors: EINVALID for an unknown status or source.
func (f LeadFilter) where() (string, []any, error) {
	var conds []string
	var args []any
	errs := map[string]string{}
	if f.Status != "" {
		if _, ok := leadStatusRank[f.Status]; !ok {
			errs["status"] = msgLeadStatus
		}
		// The status column, not status_rank: leads_status_search covers it.
		conds, args = append(conds, "l.status = ?"), append(args, f.Status)
	}
	if f.Source != "" {
		if !ValidLeadSource(f.Source) {
			errs["source"] = msgLeadSource
		}
		conds, args = append(conds, "l.source = ?"), append(args, f.Source)
	}
	if err := ValidationError(errs); err != nil {
		return "", nil, err
	}
	if f.CarID != nil {
		conds, args = append(conds, "l.car_id = ?"), append(args, *f.CarID)
	}
	if f.AssignedTo != nil {
		conds, args = append(conds, "l.assigned_to_user_id = ?"), append(args, *f.AssignedTo)
	}
	if f.Unassigned {
		conds = append(conds, "l.assigned_to_user_id IS NULL")
	}
	if f.VisibleTo != nil {
		// With the inbox's filters and orders the unary + keeps SQLite
		// from answering the OR through the assignee index and then
		// sorting or testing every lead a sales user may see: the inbox
		// index is walked instead, testing the assignee per lead, and a
		// page stops after its rows.
		col := "l.assigned_to_user_id"
		if f.SortByActivity || f.Awaiting || f.FollowUpDue != nil {
			col = "+l.assigned_to_user_id"
		}
		conds = append(conds, "("+col+" = ? OR "+col+" IS NULL)")
		args = append(args, *f.VisibleTo)
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		like := likeContains(s)
		search := []string{"l.customer_name LIKE " + likeParam, "l.notes LIKE " + likeParam}
		args = append(args, like, like)
		for _, digits := range phoneSearchDigits(s) {
			search, args = append(search, "l.customer_phone LIKE "+likeParam), append(args, "%"+digits+"%")
		}
		conds = append(conds, "("+strings.Join(search, " OR ")+")")
	}
	if f.Since != nil {
		conds, args = append(conds, "l.created_at >= ?"), append(args, millis(*f.Since))
	}
	if f.Until != nil {
		conds, args = append(conds, "l.created_at <= ?"), append(args, millis(*f.Until))
	}
	if f.Awaiting {
		// The term of leads_awaiting_activity's WHERE, so it can serve.
		conds = append(conds, "l.awaiting_reply = 1")
	}
	if f.FollowUpDue != nil {
		// The open-status term is leads_follow_up's WHERE, as written there.
		conds = append(conds, "l.follow_up_at <= ?", "l.status NOT IN ('closed', 'lost')")
		args = append(args, millis(*f.FollowUpDue))
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// phoneSearchDigits returns the digit strings to look for in stored phones
// when s looks like (part of) a phone number: digits with the separators
// people type. A national "0812…" also matches the stored "+62812…". It
// returns nothing for a search that is not a phone, so "Budi 2" does not
// match every number holding a 2.
func phoneSearchDigits(s string) []string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' || r == '-' || r == '.' || r == '(' || r == ')' || r == ' ':
		default:
			return nil
		}
	}
	digits := b.String()
	if digits == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(digits, "0"); ok && rest != "" {
		return []string{digits, "62" + rest}
	}
	return []string{digits}
}

// FindLeads returns one page of the leads matching f and the number of all
// matching leads, sorted by status order, then newest (see LeadFilter for
// the other orders). Errors: EINVALID for an unknown status or source.
func (db *DB) FindLeads(ctx context.Context, f LeadFilter) ([]*Lead, int64, error) {
	where, args, err := f.where()
	if err != nil {
		return nil, 0, err
	}
	leads, total, err := db.findLeads(ctx, f, where, args)
	db.h.ReadStmts.PrepareWanted(ctx)
	return leads, total, err
}

// FindLeadsPage returns the page of the leads matching f without counting
// them all, which is the slow part of a list over many leads: more reports
// whether a page follows (one lead more than f.Limit is read to know).
// Errors: EINVALID for an unknown status or source.
func (db *DB) FindLeadsPage(ctx context.Context, f LeadFilter) (leads []*Lead, more bool, err error) {
	where, args, err := f.where()
	if err != nil {
		return nil, false, err
	}
	if f.Limit <= 0 {
		leads, err = findLeadPage(ctx, db.reader(), f, where, args, 0)
		return leads, false, err
	}
	leads, err = findLeadPage(ctx, db.reader(), f, where, args, f.Limit+1)
	return pageOf(leads, f.Limit, err)
}

func (db *DB) findLeads(ctx context.Context, f LeadFilter, where string, args []any) ([]*Lead, int64, error) {
	// One read transaction, so the page and the total see the same data.
	tx, err := db.h.Read.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	q := db.h.ReadStmts.Tx(tx)
	total, err := db.countLeadsRemembered(ctx, q, where, args)
	if err != nil {
		return nil, 0, err
	}
	if total == 0 || (f.Offset > 0 && int64(f.Offset) >= total) {
		return []*Lead{}, total, nil
	}
	leads, err := findLeadPage(ctx, q, f, where, args, f.Limit)
	return leads, total, err
}

// countLeadsRemembered counts the leads matching where in q's transaction,
// or returns the total remembered for its lead generation.
func (db *DB) countLeadsRemembered(ctx context.Context, q querier, where string, args []any) (int64, error) {
	// The first read fixes the transaction's snapshot: the generation, the
	// total and the page all belong to it.
	var gen int64
	if err := q.QueryRowContext(ctx, `SELECT n FROM lead_generation`).Scan(&gen); err != nil {
		return 0, err
	}
	key := leadCountKey(where, args)
	if total, ok := db.leadCounts.get(gen, key); ok {
		return total, nil
	}
	total, err := countLeads(ctx, q, where, args)
	if err != nil {
		return 0, err
	}
	db.leadCounts.put(gen, key, total)
	return total, nil
}

func countLeads(ctx context.Context, tx querier, where string, args []any) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM leads l`+where, args...).Scan(&n)
	return n, err
}

// order is the ORDER BY of f's list.
func (f LeadFilter) order() string {
	switch {
	case f.FollowUpDue != nil:
		return leadOrderFollowUp
	case f.SortByActivity:
		return leadOrderActivity
	case f.Status != "":
		// One status: the status order is moot, and without it the page
		// walks leads_status_search in order and stops after the page.
		return leadOrderOneStatus
	}
	return leadOrder
}

// findLeadPage reads up to limit (≤ 0: all) of the leads matching where,
// from f.Offset on, in f's order.
func findLeadPage(ctx context.Context, q querier, f LeadFilter, where string, args []any, limit int) ([]*Lead, error) {
	query, all := f.pageQuery(where, args, limit)
	return queryLeads(ctx, q, query, all...)
}

// pageQuery is the query of findLeadPage and its arguments.
func (f LeadFilter) pageQuery(where string, args []any, limit int) (string, []any) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	query, all := leadSelect, make([]any, 0, len(args)+3)
	if f.ReadBy != nil {
		query, all = leadSelectReadBy, append(all, *f.ReadBy)
	}
	all = append(append(all, args...), limit, max(f.Offset, 0))
	return query + where + f.order() + ` LIMIT ? OFFSET ?`, all
}

// queryLeads runs query, which selects leadSelect's columns, and reads
// every lead it returns.
func queryLeads(ctx context.Context, q querier, query string, args ...any) ([]*Lead, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	leads := []*Lead{}
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			return nil, err
		}
		leads = append(leads, l)
	}
	return leads, rows.Err()
}

// FindLeadStats counts leads by status and by source. With visibleTo set it
// counts only the leads that user may see as a sales user: assigned to them
// or to nobody. Every status and source has a key, zero when none.
func (db *DB) FindLeadStats(ctx context.Context, visibleTo *int64) (*LeadStats, error) {
	where, args, err := LeadFilter{VisibleTo: visibleTo}.where()
	if err != nil {
		return nil, err
	}
	rows, err := db.h.Read.QueryContext(ctx, `SELECT l.status, l.source, COUNT(*) FROM leads l`+where+
		` GROUP BY l.status, l.source`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	st := &LeadStats{ByStatus: map[string]int64{}, BySource: map[string]int64{}}
	for _, s := range LeadStatuses {
		st.ByStatus[s] = 0
	}
	for _, s := range LeadSources {
		st.BySource[s] = 0
	}
	for rows.Next() {
		var status, source string
		var n int64
		if err := rows.Scan(&status, &source, &n); err != nil {
			return nil, err
		}
		st.Total += n
		st.ByStatus[status] += n
		st.BySource[source] += n
	}
	return st, rows.Err()
}

// FindAvailableCarBySlug returns the summary of the available car with that
// slug, the car a website inquiry may be about. Errors: ENOTFOUND, also for
// a car that exists but is not available (draft, booking, sold).
func (db *DB) FindAvailableCarBySlug(ctx context.Context, slug string) (*LeadCar, error) {
	var c LeadCar
	err := db.h.Read.QueryRowContext(ctx, `SELECT id, display_code, public_name, slug, brand, model, year, price
		FROM cars WHERE slug = ? AND status = 'available'`, slug).Scan(
		&c.ID, &c.DisplayCode, &c.PublicName, &c.Slug, &c.Brand, &c.Model, &c.Year, &c.Price)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "Car not found")
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}
