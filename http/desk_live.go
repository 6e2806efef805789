package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// registerDeskLiveRoutes registers the dashboard's live updates: a stream
// of Server-Sent Events telling an open page that its showroom's data has
// changed, so it fetches what it shows again (docs/dashboard.md, Live
// updates).
func (s *Server) registerDeskLiveRoutes(r *routeTable) {
	// EventSource cannot follow a redirect to the sign-in form usefully:
	// a stream without a session is refused, and the page decides.
	identify := s.deskSession(func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, store.Errorf(store.EUNAUTHORIZED, "Sign in to the dashboard to receive live updates"))
	})
	r.Page(http.MethodGet, deskPath+"/events", s.deskStaff(func(w http.ResponseWriter, r *http.Request) {
		s.handleDeskEvents(w, r, identify)
	}))
}

// The timing of a live stream.
const (
	liveRetry        = 3 * time.Second        // how long a browser waits to reconnect
	liveCoalesce     = 200 * time.Millisecond // at most one event per stream in this time
	livePing         = 25 * time.Second       // proxies close streams idle for longer
	liveRecheck      = time.Minute            // how often the session is checked again
	liveWriteTimeout = 10 * time.Second       // a client slower to take a write is gone
)

// liveRetryAfter is the Retry-After, in seconds, of a stream refused by a
// limit: open pages come and go in minutes, not in a second.
const liveRetryAfter = "30"

var livePingLine = []byte(": ping\n\n")

// liveHello opens a stream: how long to wait before reconnecting, and the
// version of the showroom's data the stream follows from.
func liveHello(version string) []byte {
	// A struct of strings always encodes.
	data, _ := json.Marshal(struct {
		Version string `json:"version"`
	}{version})
	return fmt.Appendf(nil, "retry: %d\nevent: hello\ndata: %s\n\n", liveRetry/time.Millisecond, data)
}

// handleDeskEvents opens a live stream for the signed-in user. The
// session is checked, and the stream counted against its limits, holding
// the showroom's database and a slot of the staff lane as any request
// does; the stream itself holds neither.
func (s *Server) handleDeskEvents(w http.ResponseWriter, r *http.Request, identify staffIdentity) {
	var st *liveStream
	var t *tenants.Tenant
	var version string
	s.asStaff(w, r, jsonBodyLimit, identify, nil, func(w http.ResponseWriter, r *http.Request, sc *scope) {
		if r.Method == http.MethodHead {
			w.Header().Set("Content-Type", "text/event-stream")
			return
		}
		var err error
		if st, err = s.live.join(sc.Tenant.ID, sc.User.ID); err != nil {
			if store.ErrorCode(err) == store.ERATELIMIT {
				w.Header().Set("Retry-After", liveRetryAfter)
			}
			Error(w, r, err)
			return
		}
		// Read after joining: a change from now on reaches the stream.
		t, version = sc.Tenant, s.live.version(s.live.count(sc.Tenant.ID))
	})
	if st == nil {
		return
	}
	defer s.live.leave(st)
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return // identify found the session in this very cookie
	}
	s.streamLive(w, r, t, c.Value, version, st)
}

// streamLive writes st's events until the client goes, the session ends
// (checked every liveRecheck, and whenever the users table changed) or the
// server shuts down. A burst of writes becomes one event: the first
// change after a quiet spell goes at once, later ones at most once per
// liveCoalesce, with every table they changed.
func (s *Server) streamLive(w http.ResponseWriter, r *http.Request, t *tenants.Tenant, session, version string, st *liveStream) {
	out := liveWriter{w: w, rc: http.NewResponseController(w)}
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if out.write(liveHello(version)) != nil {
		return
	}
	ping := time.NewTicker(livePing)
	defer ping.Stop()
	recheck := time.NewTicker(liveRecheck)
	defer recheck.Stop()
	coalesce := time.NewTimer(liveCoalesce)
	coalesce.Stop()
	defer coalesce.Stop()
	waiting := false
	var last time.Time
	send := func() error {
		tables := st.take()
		if tables == 0 {
			return nil // a signal whose tables an earlier event carried
		}
		// Revoking sessions (signing out everywhere, a deactivation, a
		// password change) writes the users table: a stream ends at once.
		if tables&store.TableUsers != 0 && !s.stillSignedIn(r, t, session) {
			return errSignedOut
		}
		last = time.Now()
		return out.write(liveChange(tables))
	}
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.live.done:
			return
		case <-st.dirty:
			if waiting {
				continue
			}
			if wait := liveCoalesce - time.Since(last); wait > 0 {
				coalesce.Reset(wait)
				waiting = true
				continue
			}
			err = send()
		case <-coalesce.C:
			waiting = false
			err = send()
		case <-ping.C:
			err = out.write(livePingLine)
		case <-recheck.C:
			if !s.stillSignedIn(r, t, session) {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// errSignedOut ends a stream whose session no longer holds.
var errSignedOut = errors.New("session ended")

// liveChange is the event telling a page which tables changed.
func liveChange(t store.Tables) []byte {
	// A struct of strings always encodes.
	data, _ := json.Marshal(struct {
		Tables []string `json:"tables"`
	}{store.TableNames(t)})
	return append(append([]byte("event: change\ndata: "), data...), "\n\n"...)
}

// stillSignedIn checks again that a stream's showroom is served and its
// session holds, without writing (store.DB.CheckSession): an open page is
// no use of the session, so a week without one still ends it. It holds
// the showroom's database only while it checks.
func (s *Server) stillSignedIn(r *http.Request, t *tenants.Tenant, session string) bool {
	now, err := s.resolveTenant(r)
	if err != nil || now.ID != t.ID || now.Access(s.reg.Now()) != nil {
		return false
	}
	db, release, err := s.pool.Acquire(r.Context(), now)
	if err != nil {
		return false
	}
	defer release()
	u, err := sessionUser(db.CheckSession(r.Context(), session))
	return err == nil && u != nil
}

// liveWriter writes a stream's lines and sends them at once.
type liveWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

// write sends p to the client. The server's WriteTimeout would cut every
// stream a minute after it began; each write gets a deadline of its own
// instead, so a client that stopped reading frees its stream. A writer
// that cannot set one (a test's recorder) writes without.
func (o liveWriter) write(p []byte) error {
	if err := o.rc.SetWriteDeadline(time.Now().Add(liveWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	if _, err := o.w.Write(p); err != nil {
		return err
	}
	return o.rc.Flush()
}
