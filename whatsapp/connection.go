package whatsapp

import (
	"context"
	"time"

	"github.com/autoleads/autoleads/store"
)

// ConnectionState is the state of a showroom's WhatsApp device as Fonnte's
// device-status webhook last reported it (docs/api.md, The Fonnte webhook): a dealer sees at once
// that the phone was logged out.
type ConnectionState struct {
	Status    string // connect or disconnect, as Fonnte says
	Device    string // the device's number as sent, or ""
	Reason    string // why it disconnected, or ""
	UpdatedAt time.Time
}

// Connected reports whether Fonnte last said the device is connected;
// any other status (disconnect, or one Fonnte adds) is not.
func (c *ConnectionState) Connected() bool { return c.Status == "connect" }

// LatestConnection returns the state the latest processed device event
// reported, or nil before Fonnte has reported any.
func LatestConnection(ctx context.Context, db *store.DB) (*ConnectionState, error) {
	ev, err := db.LatestDeviceEvent(ctx)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// An event keeps only its raw body, which DecodePayload accepted when it
	// was recorded: reading it again here needs no column of its own.
	p, _ := DecodePayload(ev.ContentType, []byte(ev.Body))
	return &ConnectionState{Status: p.Status, Device: p.Device, Reason: p.Reason, UpdatedAt: ev.ReceivedAt}, nil
}
