package store

import "time"

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
	Since     *time.Time
	Until     *time.Time
	Offset    int
	Limit     int
}

// LeadStats counts leads by status and by source.
type LeadStats struct {
	Total    int64
	ByStatus map[string]int64
	BySource map[string]int64
}
