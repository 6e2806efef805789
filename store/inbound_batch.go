package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Group commit of inbound messages. After a promotion, WhatsApp delivers
// bursts of customer messages at once, and a commit (a WAL append, an fsync
// with --durability full) costs far more than the few rows each message
// writes. So concurrent RecordInboundWebhook calls on one database share
// one write transaction: while a batch commits, the calls that arrive
// queue, and the next batch takes all of them. No call waits for a timer;
// a lone message is committed at once, exactly as before.
//
// Each message runs inside its own SAVEPOINT, so a message that fails (an
// unknown car, a constraint) is rolled back alone and the others commit.
// Messages of one batch run one after another in arrival order in the
// same transaction, so a retry of an inboxid and a second message from a new
// phone see what the earlier message of the batch wrote: inboxid
// idempotency and the one-open-lead rule hold exactly as with one
// transaction each. Every caller is answered only after its batch has
// committed; if the commit fails, every message of the batch fails with it.
// Across the showrooms of a server, batches pass a WriteGate (sqldb/writegate.go).

// maxInboundBatch bounds one transaction, so a flood cannot hold the write
// lock for long while admin writes wait.
const maxInboundBatch = 256

// inboundCall is one queued RecordInboundWebhook or RecordInboundMessage.
type inboundCall struct {
	ev          *WebhookEvent // the call's own copy, filled in when stored; nil for a message alone
	in          InboundMessage
	phone, name string

	res  *InboundResult
	err  error
	done chan bool // receives true when this call must lead the next batch
}

// inboundQueue is the group committer of one database.
type inboundQueue struct {
	mu      sync.Mutex
	pending []*inboundCall
	leading bool // a caller is running a batch
}

// queueInbound validates in and queues it, with ev when not nil, on the
// database's group committer; it returns once its batch has committed.
func (db *DB) queueInbound(ctx context.Context, ev *WebhookEvent, in InboundMessage) (*InboundResult, error) {
	phone, name, err := prepareInbound(&in)
	if err != nil {
		return nil, err
	}
	c := &inboundCall{ev: ev, in: in, phone: phone, name: name, done: make(chan bool, 1)}
	db.submitInbound(ctx, c)
	return c.res, c.err
}

// submitInbound queues c and returns once c's batch has committed (or failed).
// The caller that finds no batch running runs one; when it is done, it
// hands the lead to the first caller still waiting.
func (db *DB) submitInbound(ctx context.Context, c *inboundCall) {
	q := &db.inbound
	q.mu.Lock()
	q.pending = append(q.pending, c)
	lead := !q.leading
	q.leading = true
	q.mu.Unlock()
	if !lead {
		if lead = <-c.done; !lead {
			return
		}
	}
	// The batch outlives the leader's request: its client may go away, the
	// others' may not.
	bctx := context.WithoutCancel(ctx)
	batch := db.runNextBatch(bctx)
	db.h.WriteStmts.PrepareWanted(bctx)

	q.mu.Lock()
	var next *inboundCall
	if len(q.pending) > 0 {
		next = q.pending[0]
	} else {
		q.leading = false
		q.pending = nil
	}
	q.mu.Unlock()
	for _, b := range batch {
		if b != c {
			b.done <- false
		}
	}
	if next != nil {
		next.done <- true
	}
}

// runNextBatch opens the write transaction, passes the gate, takes the
// queued calls (at most maxInboundBatch) and runs them; it returns the
// calls it took, each answered.
func (db *DB) runNextBatch(ctx context.Context) []*inboundCall {
	tx, err := db.h.Write.BeginTx(ctx, nil)
	leave := db.gate.Enter()
	defer leave()
	q := &db.inbound
	q.mu.Lock()
	n := min(len(q.pending), maxInboundBatch)
	batch := q.pending[:n:n]
	q.pending = q.pending[n:]
	q.mu.Unlock()
	if err != nil {
		failBatch(batch, err)
		return batch
	}
	defer tx.Rollback()
	db.runBatchSafely(ctx, tx, batch, leave)
	return batch
}

func failBatch(batch []*inboundCall, err error) {
	for _, c := range batch {
		c.res, c.err = nil, err
	}
}

// runBatchSafely runs a batch and turns a panic into every call's error: the
// callers waiting on the batch, and those queued behind it, must be answered
// and led on whatever happens.
func (db *DB) runBatchSafely(ctx context.Context, tx *sql.Tx, batch []*inboundCall, leave func()) {
	defer func() {
		if v := recover(); v != nil {
			failBatch(batch, fmt.Errorf("inbound batch: panic: %v", v))
		}
	}()
	db.runInboundBatch(ctx, tx, batch, leave)
}

// runInboundBatch writes every call of batch in tx, each in a savepoint of
// its own, calls leave (the gate) and commits.
func (db *DB) runInboundBatch(ctx context.Context, tx *sql.Tx, batch []*inboundCall, leave func()) {
	fail := func(err error) { failBatch(batch, err) }
	wtx := db.inWrite(tx)
	now := millis(db.now())
	wrote := false
	// A batch of one needs no savepoint: its failure rolls back the
	// transaction, which holds nothing else. (Across many showrooms each
	// burst is thin, and most batches are of one.)
	alone := len(batch) == 1
	for _, c := range batch {
		// One savepoint name serves all: each is released before the next.
		if !alone {
			if _, err := wtx.ExecContext(ctx, "SAVEPOINT inbound"); err != nil {
				fail(err)
				return
			}
		}
		c.res, c.err = db.recordInboundCall(ctx, wtx, c, now)
		if c.err != nil {
			if alone {
				return
			}
			if _, err := wtx.ExecContext(ctx, "ROLLBACK TO inbound"); err != nil {
				fail(err)
				return
			}
		} else if !c.res.Duplicate || c.ev != nil {
			wrote = true
		}
		if !alone {
			if _, err := wtx.ExecContext(ctx, "RELEASE inbound"); err != nil {
				fail(err)
				return
			}
		}
	}
	leave()
	if !wrote {
		return // only retries of stored messages, or failures: nothing to commit
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}

// recordInboundCall is one message of a batch: the message, and its event
// with the outcome when the call came from the webhook.
func (db *DB) recordInboundCall(ctx context.Context, tx querier, c *inboundCall, now int64) (*InboundResult, error) {
	res, err := recordInbound(ctx, tx, c.in, c.phone, c.name, now)
	if err != nil || c.ev == nil {
		return res, err
	}
	c.ev.Outcome = WebhookProcessed
	if res.Duplicate {
		c.ev.Outcome = WebhookDuplicate
	}
	c.ev.LeadID, c.ev.MessageID = &res.LeadID, &res.MessageID
	if err := db.insertWebhookEvent(ctx, tx, c.ev); err != nil {
		return nil, err
	}
	return res, nil
}
