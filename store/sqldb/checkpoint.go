package sqldb

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Checkpoints off the write path. With SQLite's default wal_autocheckpoint
// the commit that crosses 1,000 WAL pages runs the checkpoint itself: it
// copies the pages into the database file and fsyncs it before returning,
// so one unlucky webhook waits for a disk flush (hundreds of milliseconds
// on a busy shared disk) while the whole queue behind it waits too. The
// writer turns the automatic checkpoint off, and each commit instead starts
// a PASSIVE checkpoint on a reader connection in the background when one is
// due, at most one at a time. A passive checkpoint
// never blocks writers or readers and copies only what no reader still
// needs, exactly as the automatic one does, so the WAL stays small and
// tools that follow the WAL (Litestream) see the same kind of checkpoints.
// The last connection to close still checkpoints and removes the WAL.

// A background checkpoint starts after checkpointCommits commits (about
// SQLite's 1,000-page threshold: a customer's message, the most common
// transaction, appends about five pages to the WAL), or after any
// commit checkpointIdle after the last one, and at most once per
// checkpointEvery: a server of many showrooms receiving webhooks would
// otherwise flush every one of them every second.
const (
	checkpointEvery   = time.Second
	checkpointCommits = 200
	checkpointIdle    = 10 * time.Second
)

// checkpointer runs the background checkpoints of one database.
type checkpointer struct {
	h       *Handles
	running atomic.Bool
	last    atomic.Int64 // UnixNano of the last start
	commits atomic.Int64 // since the last start

	// Close waits for a running checkpoint: its connection must not outlive
	// the database's, or it could recreate files a deletion has removed.
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// close stops new checkpoints and waits for a running one.
func (c *checkpointer) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.wg.Wait()
}

// committed starts a background checkpoint when one is due and none runs.
func (c *checkpointer) committed() {
	n := c.commits.Add(1)
	now := time.Now().UnixNano()
	since := now - c.last.Load()
	due := since >= int64(checkpointIdle) || (n >= checkpointCommits && since >= int64(checkpointEvery))
	if !due || !c.running.CompareAndSwap(false, true) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		c.running.Store(false)
		return
	}
	c.last.Store(now)
	c.commits.Store(0)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer c.running.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c.h.Read.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`) // best effort: the next commit retries
	}()
}
