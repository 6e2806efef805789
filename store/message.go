package store

import (
	"encoding/json"
	"time"
)

// Message senders.
const (
	SenderCustomer = "customer"
	SenderBot      = "bot"
	SenderSales    = "sales"
	SenderSystem   = "system"
)

// Delivery statuses of outgoing messages.
const (
	DeliveryQueued    = "queued"
	DeliverySent      = "sent"
	DeliveryDelivered = "delivered"
	DeliveryRead      = "read"
	DeliveryFailed    = "failed"
)

// Message is one turn of a lead's conversation. Outgoing ones double as the
// outbox: DeliveryStatus, Attempts and NextAttemptAt drive the sender.
type Message struct {
	ID             int64
	LeadID         int64
	Sender         string
	Message        string
	Metadata       json.RawMessage // a JSON object, or nil
	ExternalID     string          // Fonnte inboxid (incoming) or message id (outgoing)
	DeliveryStatus string          // "" for incoming
	Attempts       int
	NextAttemptAt  *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}
