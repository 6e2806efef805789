package store

import (
	"context"
	"sync/atomic"
	"time"
)

// Checkpoints off the write path. With SQLite's default wal_autocheckpoint
// the commit that crosses 1,000 WAL pages runs the checkpoint itself: it
// copies the pages into the database file and fsyncs it before returning,
// so one unlucky webhook waits for a disk flush (hundreds of milliseconds
// on a busy shared disk) while the whole queue behind it waits too. The
// writer turns the automatic checkpoint off, and each commit instead starts
// a PASSIVE checkpoint on a reader connection in the background, at most
// one at a time and at most one per checkpointEvery. A passive checkpoint
// never blocks writers or readers and copies only what no reader still
// needs, exactly as the automatic one does, so the WAL stays small and
// tools that follow the WAL (Litestream) see the same kind of checkpoints.
// The last connection to close still checkpoints and removes the WAL.

// checkpointEvery spaces the background checkpoints of one database.
const checkpointEvery = time.Second

// checkpointer runs the background checkpoints of one database.
type checkpointer struct {
	h       *Handles
	running atomic.Bool
	last    atomic.Int64 // UnixNano of the last start
}

// committed starts a background checkpoint unless one runs or ran lately.
func (c *checkpointer) committed() {
	now := time.Now().UnixNano()
	if now-c.last.Load() < int64(checkpointEvery) || !c.running.CompareAndSwap(false, true) {
		return
	}
	c.last.Store(now)
	go func() {
		defer c.running.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c.h.Read.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`) // best effort: the next commit retries
	}()
}
