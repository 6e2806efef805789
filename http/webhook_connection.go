package http

import (
	"context"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/whatsapp"
)

// whatsappConnection renders the state of the showroom's WhatsApp device
// (whatsapp.ConnectionState) in the admin showroom view.
type whatsappConnection struct {
	Status    string    `json:"status"` // connect or disconnect, as Fonnte says
	Device    *string   `json:"device"`
	Reason    *string   `json:"reason"`
	UpdatedAt timestamp `json:"updatedAt"`
}

// whatsappConnectionOf returns the latest connection state, or nil before
// Fonnte has reported any.
func whatsappConnectionOf(ctx context.Context, db *store.DB) (*whatsappConnection, error) {
	c, err := whatsapp.LatestConnection(ctx, db)
	if c == nil || err != nil {
		return nil, err
	}
	return &whatsappConnection{Status: c.Status, Device: nullableString(c.Device),
		Reason: nullableString(c.Reason), UpdatedAt: timestamp(c.UpdatedAt)}, nil
}
