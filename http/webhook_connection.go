package http

import (
	"context"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/whatsapp"
)

// whatsappConnection is the state of the showroom's WhatsApp device as
// Fonnte's device-status webhook last reported it; the admin showroom view
// shows it so a dealer sees at once that the phone was logged out.
type whatsappConnection struct {
	Status    string    `json:"status"` // connect or disconnect, as Fonnte says
	Device    *string   `json:"device"`
	Reason    *string   `json:"reason"`
	UpdatedAt timestamp `json:"updatedAt"`
}

// whatsappConnectionOf returns the latest connection state, or nil before
// Fonnte has reported any.
func whatsappConnectionOf(ctx context.Context, db *store.DB) (*whatsappConnection, error) {
	ev, err := db.LatestDeviceEvent(ctx)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p, _ := whatsapp.DecodePayload(ev.ContentType, []byte(ev.Body))
	return &whatsappConnection{Status: p.Status, Device: nullableString(p.Device),
		Reason: nullableString(p.Reason), UpdatedAt: timestamp(ev.ReceivedAt)}, nil
}
