package http_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
)

// An open dashboard page hears of every write to its own showroom's data,
// and of nothing else.
func TestDeskLiveStream(t *testing.T) {
	e := newDeskEnv(t)
	e.createTenant("beta")
	e.createUser("beta", "owner@beta.test", store.RoleOwner)
	base := e.listen()
	owner := e.login("alpha", "owner@alpha.test") // a sign-in writes too

	alpha := e.openLive(base, "alpha.test", e.signIn("alpha.test", "sales@alpha.test").Value)
	h := alpha.res.Header
	if alpha.res.StatusCode != http.StatusOK || h.Get("Content-Type") != "text/event-stream" ||
		h.Get("Cache-Control") != "no-store" || h.Get("Content-Encoding") != "" {
		t.Fatalf("stream answered %d %v", alpha.res.StatusCode, h)
	}
	if ev := alpha.next("opening"); ev.name != "hello" || ev.retry != "3000" {
		t.Fatalf("opening event %+v, want hello with retry 3000", ev)
	}
	beta := e.openLive(base, "beta.test", e.signIn("beta.test", "owner@beta.test").Value)
	beta.next("beta's opening")

	e.webhookText("alpha", "6281200000001", 1)
	alpha.wantChange("alpha's WhatsApp message", "leads", "messages", "other")

	// Beta's write reaches beta's page. Had it reached alpha's too, alpha's
	// next event would name its tables.
	e.webhookText("beta", "6281200000002", 1)
	beta.wantChange("beta's WhatsApp message", "leads", "messages", "other")
	e.createUser("alpha", "new@alpha.test", store.RoleSales)
	alpha.wantChange("alpha's new user, after beta's message", "users")

	// A lead changed through the API reaches the page too.
	var lead struct {
		Data struct{ ID int64 } `json:"data"`
	}
	res := e.do(http.MethodPost, "/api/admin/leads", "alpha.test", owner, map[string]string{"customerName": "Pak Budi", "customerPhone": "081299990000"})
	wantStatusCode(t, "create lead", res, http.StatusCreated)
	res.decode(t, &lead)
	alpha.wantChange("lead created through the API", "leads")
	res = e.do(http.MethodPut, fmt.Sprintf("/api/admin/leads/%d/status", lead.Data.ID), "alpha.test", owner, map[string]string{"status": "hot"})
	wantStatusCode(t, "lead status", res, http.StatusOK)
	alpha.wantChange("lead status changed through the API", "leads")
}

// A burst of writes reaches a page as fewer events than writes, carrying
// every table the writes changed.
func TestDeskLiveCoalescesBursts(t *testing.T) {
	e := newDeskEnv(t)
	s := e.openLive(e.listen(), "alpha.test", e.signIn("alpha.test", "owner@alpha.test").Value)
	s.next("opening")
	const burst = 20
	for i := range burst {
		e.webhookText("alpha", fmt.Sprintf("62812000000%02d", i), i+1)
	}
	e.createUser("alpha", "new@alpha.test", store.RoleSales)
	seen := map[string]bool{}
	events := 0
	for !seen["users"] {
		ev := s.next("burst")
		events++
		for _, table := range strings.Split(strings.Trim(strings.TrimPrefix(ev.data, `{"tables":`), "[]}"), ",") {
			seen[strings.Trim(table, `"`)] = true
		}
	}
	if events >= burst || !seen["leads"] || !seen["messages"] {
		t.Fatalf("%d writes became %d events naming %v", burst+1, events, seen)
	}
}

// A stream needs a valid session of the showroom whose host it asks:
// without one it is refused 401, never sent to the sign-in form.
func TestDeskLiveRefusals(t *testing.T) {
	e := newDeskEnv(t)
	e.createTenant("beta")
	alphaSession := e.signIn("alpha.test", "sales@alpha.test").Value
	for _, tc := range []struct {
		name, host, session string
		status              int
	}{
		{"no session", "alpha.test", "", http.StatusUnauthorized},
		{"unknown session", "alpha.test", "forged", http.StatusUnauthorized},
		{"alpha's session on beta", "beta.test", alphaSession, http.StatusUnauthorized},
		{"unknown host", "nobody.test", alphaSession, http.StatusNotFound},
	} {
		res := e.deskGet("/admin/events", tc.host, tc.session)
		wantStatusCode(t, tc.name, res, tc.status)
		if loc := res.Header.Get("Location"); loc != "" {
			t.Errorf("%s: sent to %q", tc.name, loc)
		}
	}
	// The refusals above are the route's own: the session works on alpha
	// (asked with HEAD, which opens no stream).
	req := httptest.NewRequest(http.MethodHead, "/admin/events", nil)
	req.Host = "alpha.test"
	req.AddCookie(&http.Cookie{Name: "al_session", Value: alphaSession})
	res := e.serve(req)
	wantStatusCode(t, "HEAD with alpha's session", res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("HEAD: Content-Type %q", ct)
	}
}

// Each user may hold maxStreamsPerUser streams and each showroom its
// configured number; beyond that a stream is refused 429 with Retry-After,
// and a closed stream frees its place.
func TestDeskLiveLimits(t *testing.T) {
	e := newDeskEnv(t, func(c *apphttp.Config) { c.MaxStreamsPerTenant = 6 })
	base := e.listen()
	owner := e.signIn("alpha.test", "owner@alpha.test").Value
	sales := e.signIn("alpha.test", "sales@alpha.test").Value
	wantRefused := func(label string, s *liveStream) {
		t.Helper()
		if s.res.StatusCode != http.StatusTooManyRequests || s.res.Header.Get("Retry-After") == "" {
			t.Fatalf("%s: %d %v, want 429 with Retry-After", label, s.res.StatusCode, s.res.Header)
		}
	}
	var open []*liveStream
	for i := range 5 {
		s := e.openLive(base, "alpha.test", owner)
		if s.res.StatusCode != http.StatusOK {
			t.Fatalf("owner's stream %d: %d", i+1, s.res.StatusCode)
		}
		open = append(open, s)
	}
	wantRefused("owner's sixth stream", e.openLive(base, "alpha.test", owner))

	if s := e.openLive(base, "alpha.test", sales); s.res.StatusCode != http.StatusOK {
		t.Fatalf("sales' first stream: %d", s.res.StatusCode)
	}
	wantRefused("the showroom's seventh stream", e.openLive(base, "alpha.test", sales))

	// A closed tab frees its place once the server notices.
	open[0].close()
	for {
		s := e.openLive(base, "alpha.test", sales)
		if s.res.StatusCode == http.StatusOK {
			break
		}
		wantRefused("while the closed stream ends", s)
		s.close()
		select {
		case <-t.Context().Done():
			t.Fatal("the closed stream's place never came free")
		default:
		}
	}
}

// A revoked session ends its open streams at once: sign out everywhere,
// a deactivation, a password change.
func TestDeskLiveRevokedSession(t *testing.T) {
	inactive, password := "inactive", "another-password1"
	for _, tc := range []struct {
		name   string
		revoke func(e *deskEnv, session string)
	}{
		{"signed out everywhere", func(e *deskEnv, session string) {
			wantStatusCode(e.t, "sign out everywhere", e.deskPost("/admin/logout-everywhere", "alpha.test", session, nil), http.StatusSeeOther)
		}},
		{"deactivated", func(e *deskEnv, _ string) {
			res := e.do(http.MethodPut, fmt.Sprintf("/api/admin/users/%d", e.sales.ID), "alpha.test",
				e.login("alpha", "owner@alpha.test"), map[string]any{"status": inactive})
			wantStatusCode(e.t, "deactivate", res, http.StatusOK)
		}},
		{"password changed", func(e *deskEnv, _ string) {
			if _, err := e.db("alpha").UpdateUser(context.Background(), e.sales.ID, store.UserUpdate{Password: &password}); err != nil {
				e.t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newDeskEnv(t)
			base := e.listen()
			session := e.signIn("alpha.test", "sales@alpha.test").Value
			a, b := e.openLive(base, "alpha.test", session), e.openLive(base, "alpha.test", session)
			owner := e.openLive(base, "alpha.test", e.signIn("alpha.test", "owner@alpha.test").Value)
			for _, s := range []*liveStream{a, b, owner} {
				s.next("opening")
			}
			tc.revoke(e, session)
			a.wantEnd("first tab")
			b.wantEnd("second tab")
			// Another user's stream lives on and hears the change.
			if ev := owner.next("owner's stream"); ev.name != "change" || !strings.Contains(ev.data, "users") {
				t.Fatalf("owner's stream: %+v", ev)
			}
			if res := e.deskGet("/admin/events", "alpha.test", session); res.Code != http.StatusUnauthorized {
				t.Fatalf("revoked session reopens: %d", res.Code)
			}
		})
	}
}

// Shutdown ends every open stream at once instead of waiting for them
// until its deadline, and refuses new ones.
func TestDeskLiveShutdown(t *testing.T) {
	e := newDeskEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- e.Server.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	session := e.signIn("alpha.test", "owner@alpha.test").Value
	var streams []*liveStream
	for range 3 {
		s := e.openLive(base, "alpha.test", session)
		s.next("opening")
		streams = append(streams, s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), liveWait)
	defer cancel()
	if err := e.Server.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown with open streams: %v", err)
	}
	for i, s := range streams {
		s.wantEnd(fmt.Sprintf("stream %d", i+1))
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	wantStatusCode(t, "a stream after shutdown", e.deskGet("/admin/events", "alpha.test", session), http.StatusServiceUnavailable)
}

// A page tells its version of the showroom's data, and a stream opens at
// the current one: equal when nothing changed in between, different when a
// change came while the page loaded — which the page would otherwise never
// hear of — and not changed by a session's use alone.
func TestDeskLiveVersionCatchesChangesWhileLoading(t *testing.T) {
	e := newDeskEnv(t)
	base := e.listen()
	session := e.signIn("alpha.test", "owner@alpha.test").Value
	pageVersion := func() string {
		t.Helper()
		res := e.deskGet("/admin/leads", "alpha.test", session)
		wantStatusCode(t, "inbox", res, http.StatusOK)
		_, after, ok := strings.Cut(res.Body, `data-live-version="`)
		version, _, _ := strings.Cut(after, `"`)
		if !ok || version == "" {
			t.Fatalf("the inbox names no version: %.300s", res.Body)
		}
		return version
	}
	streamVersion := func() string {
		t.Helper()
		ev := e.openLive(base, "alpha.test", session).next("opening")
		_, after, ok := strings.Cut(ev.data, `{"version":"`)
		version, _, _ := strings.Cut(after, `"`)
		if ev.name != "hello" || !ok {
			t.Fatalf("opening event %+v, want hello with a version", ev)
		}
		return version
	}

	loaded := pageVersion()
	if opened := streamVersion(); opened != loaded {
		t.Errorf("nothing changed, yet the page shows %s and its stream opens at %s", loaded, opened)
	}
	loaded = pageVersion()
	e.webhookText("alpha", "6281200000001", 1)
	if opened := streamVersion(); opened == loaded {
		t.Errorf("a WhatsApp message came while the page loaded, and the stream opens at the page's version %s", loaded)
	}
	if again := pageVersion(); again != streamVersion() {
		t.Errorf("the page after the message shows %s, not the stream's version", again)
	}
}
