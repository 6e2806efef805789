package whatsapp

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// Options configure a Sender. Zero values take the defaults.
type Options struct {
	BaseURL     string        // Fonnte's API; default DefaultBaseURL
	MinInterval time.Duration // at most one send per showroom per interval; default 2s
	RetryBase   time.Duration // delay before the first retry, doubling after each (2s, 4s, 8s, 16s); default 2s
	MaxAttempts int           // attempts before a message fails; default 5
	Timeout     time.Duration // bound of one call to Fonnte; default 15s
	Concurrency int           // showrooms served at once; default 8
	// Recheck is how often a showroom that may not send for now (suspended,
	// expired, without a Fonnte token) is looked at again; default 10s.
	Recheck time.Duration
	Logger  *slog.Logger
}

func (o *Options) defaults() {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	if o.MinInterval <= 0 {
		o.MinInterval = 2 * time.Second
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 2 * time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.Timeout <= 0 {
		o.Timeout = 15 * time.Second
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.Recheck <= 0 {
		o.Recheck = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// Sender is the one worker per process that delivers every showroom's
// outbox. The outbox lives in each tenant database, so with a thousand
// showrooms the sender must not open every database on every tick: it keeps
// in memory the set of showrooms that may have queued messages, seeded at
// start by one scan of every showroom and grown by Notify when the API
// queues a message. A showroom leaves the set when its outbox is empty or
// it is deleted. One that may not send for now (suspended, expired, its
// Fonnte token removed) stays, held, and is looked at again every Recheck
// without opening its database: the operator's reactivation or a new token
// comes from the registry, often from another process, and nobody notifies
// the sender of it.
//
// Per showroom, messages leave in order and at most one per MinInterval
// (WhatsApp bans numbers that blast); showrooms are served concurrently.
type Sender struct {
	reg    *tenants.Registry
	pool   *tenants.Pool
	client *Client
	opts   Options
	log    *slog.Logger
	wake   chan struct{}

	mu        sync.Mutex
	showrooms map[string]*showroom // by slug: those that may have queued messages
	inflight  int

	// scanned are the ids of the showrooms scan has looked at (only Run's
	// goroutine uses it). A showroom registered later, empty or imported
	// with messages another node had queued, is looked at once when the
	// registry first lists it.
	scanned map[int64]bool
}

// showroom is the sender's state of one showroom with a pending outbox.
type showroom struct {
	due      time.Time // not worked on before
	busy     bool      // a worker is on it
	notified bool      // Notify came while busy: look again even if it found nothing
	held     bool      // it may not send for now (logged once when it starts)
}

// visit is what a worker found at a showroom.
type visit struct {
	due  time.Time // when to look again, if keep
	keep bool      // false: its outbox is empty, or it is deleted
	held string    // why it may not send for now, or ""
}

// NewSender returns a sender of reg's showrooms, whose databases it takes
// from pool. Run starts it.
func NewSender(reg *tenants.Registry, pool *tenants.Pool, opts Options) *Sender {
	opts.defaults()
	return &Sender{reg: reg, pool: pool, client: NewClient(opts.BaseURL, opts.Timeout), opts: opts,
		log: opts.Logger, wake: make(chan struct{}, 1), showrooms: map[string]*showroom{}, scanned: map[int64]bool{}}
}

// Notify tells the sender that showroom slug has queued a message. It never
// blocks and never makes a showroom send sooner than its interval allows.
func (s *Sender) Notify(slug string) {
	s.mu.Lock()
	switch sh := s.showrooms[slug]; {
	case sh == nil:
		s.showrooms[slug] = &showroom{due: time.Now()}
	case sh.busy:
		sh.notified = true
	}
	s.mu.Unlock()
	s.poke()
}

// poke wakes the loop without blocking.
func (s *Sender) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run delivers messages until ctx ends, then waits for the sends under way
// (each bounded by Options.Timeout) so no result is lost. It first scans
// the showrooms for messages still queued from before a restart, and every
// Recheck scans the showrooms registered since.
func (s *Sender) Run(ctx context.Context) {
	var wg sync.WaitGroup
	defer wg.Wait()
	s.scan(ctx)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	rescan := time.NewTicker(s.opts.Recheck)
	defer rescan.Stop()
	for ctx.Err() == nil {
		if wait, ok := s.dispatch(ctx, &wg); ok {
			timer.Reset(wait)
		} else {
			timer.Stop()
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-timer.C:
		case <-rescan.C:
			s.scan(ctx)
		}
	}
}

// scan adds every showroom not scanned before that has a queued message. A
// showroom that cannot be read now is added too, so that a worker retries
// it (and logs why).
func (s *Sender) scan(ctx context.Context) {
	for _, t := range s.reg.All() {
		if ctx.Err() != nil {
			return
		}
		if s.scanned[t.ID] {
			continue
		}
		s.scanned[t.ID] = true
		at, err := s.nextDelivery(ctx, t)
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
			continue
		case err != nil:
			s.log.Warn("whatsapp sender: read outbox", "tenant", t.Slug, "error", err)
			at = time.Now().Add(s.opts.RetryBase)
		}
		s.mu.Lock()
		if s.showrooms[t.Slug] == nil { // Notify may have been first
			s.showrooms[t.Slug] = &showroom{due: at}
		}
		s.mu.Unlock()
	}
}

// nextDelivery is when t's oldest queued message is due. Errors: ENOTFOUND
// when nothing is queued.
func (s *Sender) nextDelivery(ctx context.Context, t *tenants.Tenant) (time.Time, error) {
	db, release, err := s.pool.Acquire(ctx, t)
	if err != nil {
		return time.Time{}, err
	}
	defer release()
	return db.NextDeliveryAt(ctx)
}

// dispatch starts a worker for every due showroom, within the concurrency
// bound, and returns how long until the next one is due (false: none).
func (s *Sender) dispatch(ctx context.Context, wg *sync.WaitGroup) (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	var next time.Time
	for slug, sh := range s.showrooms {
		switch {
		case sh.busy:
		case sh.due.After(now):
			if next.IsZero() || sh.due.Before(next) {
				next = sh.due
			}
		case s.inflight < s.opts.Concurrency: // else: a finishing worker wakes the loop
			sh.busy = true
			s.inflight++
			wg.Add(1)
			go func() {
				defer wg.Done()
				// A send under way finishes even when Run is told to stop.
				s.done(slug, s.serve(context.WithoutCancel(ctx), slug))
			}()
		}
	}
	if next.IsZero() {
		return 0, false
	}
	return next.Sub(now), true
}

// done records a worker's visit and wakes the loop.
func (s *Sender) done(slug string, v visit) {
	s.mu.Lock()
	sh := s.showrooms[slug]
	sh.busy = false
	s.inflight--
	if !v.keep && sh.notified {
		v.keep, v.due = true, time.Now()
	}
	sh.notified = false
	if v.held != "" && !sh.held {
		s.log.Info("whatsapp sender: showroom may not send; its queued messages wait", "tenant", slug, "reason", v.held)
	}
	sh.held = v.held != ""
	if v.keep {
		sh.due = v.due
	} else {
		delete(s.showrooms, slug)
	}
	s.mu.Unlock()
	s.poke()
}

// serve sends the showroom's next due message, if any, and says when to
// look at it again.
func (s *Sender) serve(ctx context.Context, slug string) visit {
	t, err := s.reg.Lookup(slug)
	if err != nil {
		return visit{} // deleted
	}
	if why := heldReason(t); why != "" {
		return visit{due: time.Now().Add(s.opts.Recheck), keep: true, held: why}
	}
	retry := visit{due: time.Now().Add(s.opts.RetryBase), keep: true}
	db, release, err := s.pool.Acquire(ctx, t)
	if err != nil {
		s.log.Warn("whatsapp sender: open showroom", "tenant", slug, "error", err)
		return retry
	}
	defer release()
	d, err := db.ClaimDelivery(ctx, s.opts.Timeout+time.Minute)
	if store.ErrorCode(err) == store.ENOTFOUND {
		at, err := db.NextDeliveryAt(ctx)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return visit{}
		}
		if err != nil {
			s.log.Warn("whatsapp sender: read outbox", "tenant", slug, "error", err)
			return retry
		}
		return visit{due: at, keep: true}
	}
	if err != nil {
		s.log.Warn("whatsapp sender: claim message", "tenant", slug, "error", err)
		return retry
	}
	s.deliver(ctx, db, t, d)
	return visit{due: time.Now().Add(s.opts.MinInterval), keep: true}
}

// heldReason says why showroom t may not send for now, or "". A moving
// showroom's queue travels in its export and leaves from the new node: a
// message claimed before the move began finishes here, its outcome recorded
// before the export's snapshot (tenants.MovingSettle).
func heldReason(t *tenants.Tenant) string {
	if t.Moving() {
		return "the showroom is moving to another node"
	}
	if t.FonnteToken == "" {
		return "the showroom has no Fonnte token"
	}
	if err := t.Access(time.Now()); err != nil {
		return store.ErrorMessage(err)
	}
	return ""
}

// deliver sends the next part of a claimed message and records the result:
// the Fonnte id on success; failed for a refusal or after the last attempt;
// otherwise a retry after an exponential backoff.
func (s *Sender) deliver(ctx context.Context, db *store.DB, t *tenants.Tenant, d *store.Delivery) {
	parts := Split(d.Message, MaxMessageLen)
	i := len(d.SentIDs)
	if i >= len(parts) { // every part went out before a crash: only the mark is missing
		s.record(t, d, db.MarkDeliverySent(ctx, d.MessageID, ""))
		return
	}
	req := SendRequest{Token: t.FonnteToken, Target: d.Target, Message: parts[i]}
	if i == 0 {
		req.InboxID = d.InboxID
	}
	id, err := s.client.Send(ctx, req)
	var serr *SendError
	switch {
	case err == nil && i+1 < len(parts):
		err = db.MarkDeliveryPartSent(ctx, d.MessageID, id)
	case err == nil:
		err = db.MarkDeliverySent(ctx, d.MessageID, id)
	case !errors.As(err, &serr) || !serr.Temporary || d.Attempt >= s.opts.MaxAttempts:
		s.logFailure(ctx, slog.LevelWarn, "whatsapp sender: message failed", t, d, err)
		err = db.MarkDeliveryFailed(ctx, d.MessageID, failureReason(err))
	default:
		s.logFailure(ctx, slog.LevelInfo, "whatsapp sender: send failed; retrying", t, d, err)
		err = db.MarkDeliveryRetry(ctx, d.MessageID, s.opts.RetryBase<<(d.Attempt-1), failureReason(err))
	}
	s.record(t, d, err)
}

// logFailure logs a failed send with its detail, which staff are not shown.
func (s *Sender) logFailure(ctx context.Context, level slog.Level, msg string, t *tenants.Tenant, d *store.Delivery, err error) {
	s.log.Log(ctx, level, msg, "tenant", t.Slug, "messageId", d.MessageID,
		"attempt", d.Attempt, "error", err)
}

// record logs a result that could not be stored; the claim's lease then
// brings the message back.
func (s *Sender) record(t *tenants.Tenant, d *store.Delivery, err error) {
	if err != nil {
		s.log.Error("whatsapp sender: record delivery", "tenant", t.Slug, "messageId", d.MessageID, "error", err)
	}
}
