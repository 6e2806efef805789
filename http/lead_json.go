package http

import (
	"encoding/json"

	"github.com/autoleads/autoleads/store"
)

// leadCarJSON is the car a lead is about. Price appears only on the detail
// view; the list shows what identifies the car.
type leadCarJSON struct {
	ID          int64  `json:"id"`
	DisplayCode string `json:"displayCode"`
	PublicName  string `json:"publicName"`
	Slug        string `json:"slug"`
	Brand       string `json:"brand"`
	Model       string `json:"model"`
	Year        int    `json:"year"`
	Price       *int64 `json:"price,omitempty"`
}

// userSummary is the short form of a user: whom a lead is assigned to, who
// signed in.
type userSummary struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

// leadJSON is a lead as the admin list shows it.
type leadJSON struct {
	ID            int64        `json:"id"`
	CustomerPhone string       `json:"customerPhone"`
	CustomerName  *string      `json:"customerName"`
	Car           *leadCarJSON `json:"car"`
	Status        string       `json:"status"`
	Source        string       `json:"source"`
	AssignedTo    *userSummary `json:"assignedTo"`
	Notes         *string      `json:"notes"`
	Tags          []string     `json:"tags"`
	MessageCount  int64        `json:"messageCount"`
	LastMessageAt *timestamp   `json:"lastMessageAt"`
	CreatedAt     timestamp    `json:"createdAt"`
	UpdatedAt     timestamp    `json:"updatedAt"`
	ClosedAt      *timestamp   `json:"closedAt"`
	// The sales desk's fields (docs/api.md, The sales desk).
	FollowUpAt            *timestamp `json:"followUpAt"`
	LostReason            *string    `json:"lostReason"`
	FirstResponseAt       *timestamp `json:"firstResponseAt"`
	LastCustomerMessageAt *timestamp `json:"lastCustomerMessageAt"`
	AwaitingReply         bool       `json:"awaitingReply"`
}

// leadDetailJSON is one lead with its car's price and its conversation.
type leadDetailJSON struct {
	leadJSON
	Messages []messageJSON `json:"messages"`
}

// messageJSON is one turn of a lead's conversation.
type messageJSON struct {
	ID             int64           `json:"id"`
	Sender         string          `json:"sender"`
	Message        string          `json:"message"`
	Metadata       json.RawMessage `json:"metadata"`
	DeliveryStatus *string         `json:"deliveryStatus"`
	CreatedAt      timestamp       `json:"createdAt"`
}

// leadStatsJSON counts leads by status (flat, as the old dashboard reads
// them) and by source.
type leadStatsJSON struct {
	Total    int64            `json:"total"`
	New      int64            `json:"new"`
	Hot      int64            `json:"hot"`
	Warm     int64            `json:"warm"`
	Cold     int64            `json:"cold"`
	Closed   int64            `json:"closed"`
	Lost     int64            `json:"lost"`
	BySource map[string]int64 `json:"bySource"`
}

func newLeadJSON(l *store.Lead) leadJSON {
	out := leadJSON{
		ID: l.ID, CustomerPhone: l.CustomerPhone, CustomerName: nullableString(l.CustomerName),
		Status: l.Status, Source: l.Source, Notes: nullableString(l.Notes), Tags: l.Tags,
		MessageCount: l.MessageCount, LastMessageAt: timestampPtr(l.LastMessageAt),
		CreatedAt: timestamp(l.CreatedAt), UpdatedAt: timestamp(l.UpdatedAt), ClosedAt: timestampPtr(l.ClosedAt),
		FollowUpAt: timestampPtr(l.FollowUpAt), LostReason: nullableString(l.LostReason),
		FirstResponseAt: timestampPtr(l.FirstResponseAt), LastCustomerMessageAt: timestampPtr(l.LastCustomerAt),
		AwaitingReply: l.AwaitingReply,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if c := l.Car; c != nil {
		out.Car = &leadCarJSON{ID: c.ID, DisplayCode: c.DisplayCode, PublicName: c.PublicName, Slug: c.Slug,
			Brand: c.Brand, Model: c.Model, Year: c.Year}
	}
	out.AssignedTo = newUserSummary(l.AssignedTo)
	return out
}

// newUserSummary summarises a lead's assignee; nil when nobody is assigned.
func newUserSummary(u *store.LeadUser) *userSummary {
	if u == nil {
		return nil
	}
	return &userSummary{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role}
}

func newLeadDetailJSON(l *store.Lead, msgs []*store.Message) leadDetailJSON {
	out := leadDetailJSON{leadJSON: newLeadJSON(l), Messages: make([]messageJSON, 0, len(msgs))}
	if out.Car != nil {
		price := l.Car.Price
		out.Car.Price = &price
	}
	for _, m := range msgs {
		out.Messages = append(out.Messages, newMessageJSON(m))
	}
	return out
}

// newMessageJSON renders a message; routes that return one message (the
// outbox's send) use it too.
func newMessageJSON(m *store.Message) messageJSON {
	return messageJSON{ID: m.ID, Sender: m.Sender, Message: m.Message, Metadata: m.Metadata,
		DeliveryStatus: nullableString(m.DeliveryStatus), CreatedAt: timestamp(m.CreatedAt)}
}

func newLeadStatsJSON(st *store.LeadStats) leadStatsJSON {
	return leadStatsJSON{Total: st.Total,
		New: st.ByStatus[store.LeadNew], Hot: st.ByStatus[store.LeadHot], Warm: st.ByStatus[store.LeadWarm],
		Cold: st.ByStatus[store.LeadCold], Closed: st.ByStatus[store.LeadClosed], Lost: st.ByStatus[store.LeadLost],
		BySource: st.BySource}
}
