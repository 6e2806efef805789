package http

import (
	"encoding/json"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskBubble is one message of a lead's conversation as a chat bubble.
type deskBubble struct {
	ID int64
	// Side: "in" for the customer, "out" for staff and the bot, "system"
	// for the showroom's notes in the thread.
	Side string
	// Day names the day when a new one starts above this message.
	Day  string
	Text string
	Time string
	// By names who wrote an automatic reply ("Bot"), "" for the others.
	By string
	// Tick is the delivery status of an outgoing message ("" for others);
	// Failed: Reason says why, and CanRetry offers to send it again.
	Tick, TickMark, TickLabel, Reason string
	Failed, CanRetry                  bool
}

// deskThread turns a conversation, oldest first, into bubbles with the
// times of the showroom's zone; canRetry: the user may send failed
// messages again.
func deskThread(msgs []*store.Message, zone *time.Location, lang web.Lang, now time.Time, canRetry bool) []deskBubble {
	out := make([]deskBubble, 0, len(msgs))
	lastDay, today := "", web.Date(now, zone, lang)
	for _, m := range msgs {
		b := deskBubble{ID: m.ID, Text: m.Message, Time: web.Clock(m.CreatedAt, zone, lang)}
		switch m.Sender {
		case store.SenderCustomer:
			b.Side = "in"
		case store.SenderSystem:
			b.Side = "system"
		case store.SenderBot:
			b.Side, b.By = "out", lang.T("desk.lead.bot")
		default:
			b.Side = "out"
		}
		if day := web.Date(m.CreatedAt, zone, lang); day != lastDay {
			b.Day, lastDay = day, day
			if day == today {
				b.Day = lang.T("desk.lead.today")
			}
		}
		if b.Side == "out" && m.DeliveryStatus != "" {
			b.Tick, b.TickLabel = m.DeliveryStatus, lang.T("desk.tick."+m.DeliveryStatus)
			b.TickMark = lang.T("desk.tickMark." + m.DeliveryStatus)
			if m.DeliveryStatus == store.DeliveryFailed {
				b.Failed, b.Reason, b.CanRetry = true, failureReason(m.Metadata), canRetry
			}
		}
		out = append(out, b)
	}
	return out
}

// failureReason is why the outbox gave a message up (its metadata's
// reason, written in plain words for staff; store/outbox.go), or the last
// attempt's error.
func failureReason(metadata json.RawMessage) string {
	var meta struct {
		Reason    string `json:"reason"`
		LastError string `json:"lastError"`
	}
	json.Unmarshal(metadata, &meta) // a JSON object or nil, written by the store
	if meta.Reason != "" {
		return meta.Reason
	}
	return meta.LastError
}
