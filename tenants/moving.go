package tenants

import (
	"context"
	"time"
)

// A showroom moves to another node (docs/operations.md, Moving a showroom
// to another node) in three steps: it is put in the moving state, exported
// here, and imported there. While it moves it is read-only on every server
// of this data directory: writes are refused (503) and so are Fonnte's
// webhook calls, which Fonnte delivers again later, to the new node; and no
// queued WhatsApp message is sent, so the queue travels in the export and
// leaves from the new node. Nothing acknowledged here is missing from the
// copy, and no message leaves from both nodes.
//
// Moving is a state of its own, not a status: the account's status and plan
// (trial, active, …) must come out of the move unchanged, and a move that is
// called off must leave them as they were.

// MovingSettle is how long after a move began its export waits. A running
// server sees the moving state within its registry poll (1 s) and then
// claims no message to send; a send it claimed just before may still take
// the sender's timeout (15 s), and recording its outcome may wait out a busy
// database (10 s). After MovingSettle, a snapshot holds every send's outcome.
const MovingSettle = 30 * time.Second

// Moving reports whether the showroom is being moved to another node.
func (t *Tenant) Moving() bool { return t.MovingSince != nil }

// SetMoving puts the showroom slug in the moving state (on) or takes it out
// of it, and returns it as stored. Putting a moving showroom in the moving
// state again keeps the time its move began. Errors: EINVALID, ENOTFOUND.
func (r *Registry) SetMoving(ctx context.Context, slug string, on bool) (*Tenant, error) {
	now := r.now().UnixMilli()
	return r.updateRow(ctx, slug, `moving_since = CASE WHEN ? THEN COALESCE(moving_since, ?) END, updated_at = ?`,
		on, now, now)
}
