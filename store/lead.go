package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Lead statuses, in their declared order (lists sort by it).
const (
	LeadNew    = "new"
	LeadHot    = "hot"
	LeadWarm   = "warm"
	LeadCold   = "cold"
	LeadClosed = "closed"
	LeadLost   = "lost"
)

// Lead sources.
const (
	SourceWeb      = "web"
	SourceWhatsApp = "wa"
	SourceDirect   = "direct"
	SourceReferral = "referral"
)

// Lead is a customer inquiry and its lifecycle.
type Lead struct {
	ID               int64
	CustomerPhone    string // E.164, +62…
	CustomerName     string
	CarID            *int64
	Status           string
	Source           string
	AssignedToUserID *int64
	Notes            string
	Tags             []string
	MessageCount     int64
	LastMessageAt    *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
	ClosedAt         *time.Time
	// FollowUpAt is when staff mean to contact the customer next.
	FollowUpAt *time.Time
	// LostReason says why a lost lead was lost (LostReasons), or "".
	LostReason string
	// The conversation's times, kept by the message triggers: the first
	// sales reply after the lead was created, the customer's last
	// message and the last sales reply. Bot and system turns are no reply.
	FirstResponseAt *time.Time
	LastCustomerAt  *time.Time
	LastReplyAt     *time.Time
	// AwaitingReply: the customer of an open lead spoke last, so staff owe
	// them an answer. ActivityAt is when the lead last moved: its last
	// message, or its creation before any. Both are read from their
	// generated columns (migration 0008), the inbox's filter and order.
	AwaitingReply bool
	ActivityAt    time.Time
	// Unread: the customer wrote since the user of LeadFilter.ReadBy last
	// opened the lead. Only the finders given ReadBy fill it.
	Unread bool

	// Car and AssignedTo are filled by the finders for display.
	Car        *LeadCar
	AssignedTo *LeadUser
}

// LeadCar is the summary of a lead's car shown with the lead.
type LeadCar struct {
	ID          int64
	DisplayCode string
	PublicName  string
	Slug        string
	Brand       string
	Model       string
	Year        int
	Price       int64
}

// LeadUser is the summary of the user a lead is assigned to.
type LeadUser struct {
	ID    int64
	Name  string
	Email string
	Role  string
}

// IsOpenLeadStatus reports whether a lead in status s is still open.
func IsOpenLeadStatus(s string) bool { return s != LeadClosed && s != LeadLost }

// LeadUpdate is a partial update of a lead; nil fields are left alone. For
// the nullable references, a non-nil pointer to nil clears them.
type LeadUpdate struct {
	CustomerPhone    *string
	CustomerName     *string
	CarID            **int64
	Status           *string
	Source           *string
	AssignedToUserID **int64
	Notes            *string
	Tags             *[]string
	FollowUpAt       **time.Time
	// LostReason sets the reason of a lost lead; "" clears it. A status
	// other than lost clears it by itself.
	LostReason *string

	// By is the user making the change, recorded on the lead's timeline
	// (nil: the system).
	By *int64

	// Check, when set, is called inside the update's transaction with the
	// lead as it is before the change; an error aborts the update and is
	// returned as is. Permission rules that depend on the lead's state (a
	// sales user may only change leads assigned to them, or claim an
	// unassigned one) use it, so a concurrent reassignment cannot slip in
	// between the check and the write.
	Check func(current *Lead) error
}

// LeadFilter selects leads. Zero fields do not filter.
type LeadFilter struct {
	Status string
	Source string
	CarID  *int64
	// AssignedTo: a user id; Unassigned selects leads with nobody assigned.
	AssignedTo *int64
	Unassigned bool
	// VisibleTo, when set, restricts to leads assigned to that user or to
	// nobody (what a sales user may see).
	VisibleTo *int64
	Search    string // phone digits, name or notes, case-insensitive
	// Since and Until bound created_at, both inclusive.
	Since *time.Time
	Until *time.Time
	// Awaiting keeps the open leads whose customer spoke last.
	Awaiting bool
	// FollowUpDue keeps the open leads with a follow-up at or before it,
	// and sorts them by follow-up time, the most overdue first.
	FollowUpDue *time.Time
	// SortByActivity sorts by last activity (Lead.ActivityAt), newest
	// first, instead of by status.
	SortByActivity bool
	// ReadBy, when set, fills Lead.Unread for that user.
	ReadBy *int64
	// Offset and Limit select a page; a Limit ≤ 0 returns every match.
	Offset int
	Limit  int
}

// LeadStats counts leads by status and by source.
type LeadStats struct {
	Total    int64
	ByStatus map[string]int64
	BySource map[string]int64
}

// Limits of a lead's free-text fields.
const (
	maxLeadNameLen  = 100
	maxLeadNotesLen = 5000
	maxLeadTags     = 20
	maxLeadTagLen   = 50
)

// leadStatusRank mirrors the status_rank generated column of leads, so a
// status filter can use the (status_rank, created_at) index that also serves
// the list's order.
var leadStatusRank = map[string]int{
	LeadNew: 0, LeadHot: 1, LeadWarm: 2, LeadCold: 3, LeadClosed: 4, LeadLost: 5,
}

// LeadStatuses are the lead statuses in their declared order.
var LeadStatuses = []string{LeadNew, LeadHot, LeadWarm, LeadCold, LeadClosed, LeadLost}

// LeadSources are the lead sources.
var LeadSources = []string{SourceWeb, SourceWhatsApp, SourceDirect, SourceReferral}

// ValidLeadStatus reports whether s is a known lead status.
func ValidLeadStatus(s string) bool {
	_, ok := leadStatusRank[s]
	return ok
}

// ValidLeadSource reports whether s is a known lead source.
func ValidLeadSource(s string) bool {
	return s == SourceWeb || s == SourceWhatsApp || s == SourceDirect || s == SourceReferral
}

// Messages of lead validation, shown to the client as they are.
const (
	msgLeadStatus = "Status must be new, hot, warm, cold, closed or lost"
	msgLeadSource = "Source must be web, wa, direct or referral"
)

// validateLead normalises l's fields in place (phone to E.164, text trimmed,
// tags cleaned) and returns every rule it breaks, keyed by API field name.
func validateLead(l *Lead) map[string]string {
	errs := map[string]string{}
	if strings.TrimSpace(l.CustomerPhone) == "" {
		errs["customerPhone"] = "Customer phone is required"
	} else if phone, err := NormalizePhone(l.CustomerPhone); err != nil {
		errs["customerPhone"] = errInvalidPhone
	} else {
		l.CustomerPhone = phone
	}
	l.CustomerName = strings.TrimSpace(l.CustomerName)
	if utf8.RuneCountInString(l.CustomerName) > maxLeadNameLen {
		errs["customerName"] = fmt.Sprintf("Customer name must be at most %d characters", maxLeadNameLen)
	}
	if !ValidLeadStatus(l.Status) {
		errs["status"] = msgLeadStatus
	}
	if !ValidLeadSource(l.Source) {
		errs["source"] = msgLeadSource
	}
	l.Notes = strings.TrimSpace(l.Notes)
	if utf8.RuneCountInString(l.Notes) > maxLeadNotesLen {
		errs["notes"] = fmt.Sprintf("Notes must be at most %d characters", maxLeadNotesLen)
	}
	l.Tags = cleanTags(l.Tags)
	checkStringList(errs, "tags", "tag", "tags", l.Tags, maxLeadTags, maxLeadTagLen)
	checkLostReason(errs, l.Status, l.LostReason)
	return errs
}

// checkLeadText refuses control characters in the lead text a write sets
// (nil: not set). An update checks only the fields it changes: a customer
// name that came from WhatsApp is stored as it came, and must not stop a
// dealer from moving the lead on.
func checkLeadText(errs map[string]string, name, notes *string, tags *[]string) {
	if name != nil {
		CheckLine(errs, "customerName", "Customer name", *name)
	}
	if notes != nil {
		CheckText(errs, "notes", "Notes", *notes)
	}
	if tags != nil {
		for _, t := range *tags {
			CheckLine(errs, "tags", "Tags", t)
		}
	}
}

// cleanTags trims tags and drops empty and repeated ones, keeping the order
// in which they were given.
func cleanTags(tags []string) []string {
	out := cleanStrings(tags)
	seen := make(map[string]bool, len(out))
	kept := out[:0]
	for _, t := range out {
		if !seen[t] {
			seen[t] = true
			kept = append(kept, t)
		}
	}
	return kept
}

// ruleError is ValidationError whose message, when one rule is
// broken, is that rule's own sentence ("Invalid phone number format").
func ruleError(errs map[string]string) error {
	err := ValidationError(errs)
	if e, ok := err.(*Error); ok && len(errs) == 1 {
		for _, msg := range errs {
			e.Message = msg
		}
	}
	return err
}

// checkLeadRefs adds an error for a car or user id that does not exist in
// this showroom; an assignee must also be active, since an inactive user
// cannot sign in to work the lead.
func checkLeadRefs(ctx context.Context, q querier, carID, userID *int64, errs map[string]string) error {
	if carID != nil {
		ok, err := exists(ctx, q, "cars", *carID)
		if err != nil {
			return err
		}
		if !ok {
			errs["carId"] = "Car not found"
		}
	}
	if userID != nil {
		var status string
		err := q.QueryRowContext(ctx, `SELECT status FROM users WHERE id = ?`, *userID).Scan(&status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			errs["assignedToUserId"] = "User not found in this showroom"
		case err != nil:
			return err
		case status != UserActive:
			errs["assignedToUserId"] = "User is inactive"
		}
	}
	return nil
}

// openLeadID returns the id of the open lead for phone other than except,
// or 0 when there is none.
func openLeadID(ctx context.Context, q querier, phone string, except int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM leads
		WHERE customer_phone = ? AND status NOT IN ('closed', 'lost') AND id <> ?`, phone, except).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// openLeadConflict is the error of a second open lead for one phone; its
// details carry the existing lead's id so a client can open that one.
func openLeadConflict(id int64) error {
	return &Error{Code: ECONFLICT, Message: "An open lead already exists for this phone number",
		Details: map[string]any{"leadId": id}}
}

// ensureNoOtherOpenLead returns the conflict error when phone already has
// an open lead other than except.
func ensureNoOtherOpenLead(ctx context.Context, q querier, phone string, except int64) error {
	id, err := openLeadID(ctx, q, phone, except)
	if err != nil {
		return err
	}
	if id != 0 {
		return openLeadConflict(id)
	}
	return nil
}

// mapOpenLeadViolation turns a violation of the leads_open_phone index (the
// backstop behind the check above) into the same conflict error.
func mapOpenLeadViolation(ctx context.Context, q querier, err error, phone string, except int64) error {
	if !IsUniqueViolation(err) {
		return err
	}
	if id, ferr := openLeadID(ctx, q, phone, except); ferr == nil && id != 0 {
		return openLeadConflict(id)
	}
	return &Error{Code: ECONFLICT, Message: "An open lead already exists for this phone number"}
}

// CreateLead validates and inserts a lead entered by hand, then fills l with
// what was stored, including its car and assignee summaries. Status defaults
// to new and source to direct. A non-zero CreatedAt is kept (imports, the
// demo seed). Errors: EINVALID (details per field, also for a car or user id
// not in this showroom), ECONFLICT when the phone already has an open lead
// (details.leadId is that lead).
func (db *DB) CreateLead(ctx context.Context, l *Lead) error {
	if l.Status == "" {
		l.Status = LeadNew
	}
	if l.Source == "" {
		l.Source = SourceDirect
	}
	errs := validateLead(l)
	checkLeadText(errs, &l.CustomerName, &l.Notes, &l.Tags)
	tx, err := db.h.Write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkLeadRefs(ctx, tx, l.CarID, l.AssignedToUserID, errs); err != nil {
		return err
	}
	if err := ruleError(errs); err != nil {
		return err
	}
	open := IsOpenLeadStatus(l.Status)
	if open {
		if err := ensureNoOtherOpenLead(ctx, tx, l.CustomerPhone, 0); err != nil {
			return err
		}
	}
	stamp := db.now()
	if !l.CreatedAt.IsZero() {
		stamp = l.CreatedAt.UTC().Truncate(time.Millisecond)
	}
	var closedAt *time.Time
	if !open {
		closedAt = &stamp
		if l.ClosedAt != nil {
			closedAt = l.ClosedAt
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO leads (customer_phone, customer_name, car_id, status, source,
		assigned_to_user_id, notes, tags, follow_up_at, lost_reason, created_at, updated_at, closed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.CustomerPhone, nullString(l.CustomerName), nullInt64(l.CarID), l.Status, l.Source,
		nullInt64(l.AssignedToUserID), nullString(l.Notes), jsonStrings(l.Tags),
		nullMillis(l.FollowUpAt), nullString(l.LostReason), millis(stamp), millis(stamp), nullMillis(closedAt))
	if err != nil {
		return mapOpenLeadViolation(ctx, tx, err, l.CustomerPhone, 0)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	stored, err := findLead(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*l = *stored
	return nil
}
