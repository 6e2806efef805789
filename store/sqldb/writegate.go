package sqldb

import "sync"

// WriteGate bounds how many databases of one process run the statements of
// a message batch at the same moment. That work is all CPU (SQLite here is
// Go code), so more batches at once than there are cores only makes them
// take turns in the Go scheduler, in no particular order: while WhatsApp
// floods fifty showrooms, one message in a hundred spent thirty times the
// median in the handler. Batches admitted one core each, in arrival order,
// finish as fast in total and evenly; and while a showroom's leader waits
// for a slot its next messages queue behind it, so its batch grows and
// fewer commits do the same work.
//
// The gate covers the statements only: a batch takes its write lock before
// it (waiting for another process's transaction must not hold a slot the
// other showrooms need), and commits after it (with --durability full a
// commit waits for the disk, which other databases' commits may do at the
// same time).
type WriteGate struct {
	slots chan struct{}
}

// NewWriteGate returns a gate admitting n batches at once (at least one).
func NewWriteGate(n int) *WriteGate {
	return &WriteGate{slots: make(chan struct{}, max(n, 1))}
}

// Enter waits for a slot, first come first served (a channel's waiting
// senders are queued in order), and returns the function that gives it
// back; calling that again does nothing. A nil gate admits at once.
func (g *WriteGate) Enter() (leave func()) {
	if g == nil {
		return func() {}
	}
	g.slots <- struct{}{}
	var once sync.Once
	return func() { once.Do(func() { <-g.slots }) }
}
