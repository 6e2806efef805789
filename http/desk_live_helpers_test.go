package http_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// liveEvent is one Server-Sent Event as a browser's EventSource sees it
// (comments are kept too, as event ":").
type liveEvent struct{ name, data, retry string }

// liveStream is an open GET /admin/events, read as a browser would.
type liveStream struct {
	t      testing.TB
	res    *http.Response
	events chan liveEvent // closed when the server ends the stream
	cancel context.CancelFunc
}

// liveWait bounds how long a test waits for what should come at once,
// so a broken stream fails the test instead of hanging it; no test
// measures speed with it.
const liveWait = 10 * time.Second

// listen serves e's server on a real listener until the test ends, and
// returns its base URL.
func (e *testEnv) listen() string {
	e.t.Helper()
	srv := httptest.NewServer(e.Server)
	e.t.Cleanup(srv.Close)
	return srv.URL
}

// openLive asks the server at base for host's event stream with the
// session cookie, when session is not "". The stream is closed at the end
// of the test.
func (e *testEnv) openLive(base, host, session string) *liveStream {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/admin/events", nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Host = host
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Accept-Encoding", "gzip")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "al_session", Value: session})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		e.t.Fatal(err)
	}
	s := &liveStream{t: e.t, res: res, events: make(chan liveEvent, 64), cancel: cancel}
	e.t.Cleanup(s.close)
	if res.StatusCode == http.StatusOK {
		go s.read()
	} else {
		close(s.events) // a refusal is no stream
	}
	return s
}

// read parses the stream into events until it ends.
func (s *liveStream) read() {
	defer close(s.events)
	sc := bufio.NewScanner(s.res.Body)
	var ev liveEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev != (liveEvent{}) {
				s.events <- ev
			}
			ev = liveEvent{}
		case strings.HasPrefix(line, ":"):
			ev.name = ":"
		default:
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "event":
				ev.name = value
			case "data":
				ev.data = value
			case "retry":
				ev.retry = value
			}
		}
	}
}

// close ends the stream from the client's side, as a closed tab does.
func (s *liveStream) close() {
	s.cancel()
	s.res.Body.Close()
}

// next returns the stream's next event, pings skipped; it fails the test
// when the stream ends or nothing comes.
func (s *liveStream) next(label string) liveEvent {
	s.t.Helper()
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				s.t.Fatalf("%s: the stream ended", label)
			}
			if ev.name != ":" {
				return ev
			}
		case <-time.After(liveWait):
			s.t.Fatalf("%s: no event within %v", label, liveWait)
		}
	}
}

// wantChange fails unless the next event is a change of exactly tables.
func (s *liveStream) wantChange(label string, tables ...string) {
	s.t.Helper()
	want := fmt.Sprintf(`{"tables":["%s"]}`, strings.Join(tables, `","`))
	if ev := s.next(label); ev.name != "change" || ev.data != want {
		s.t.Fatalf("%s: event %+v, want change %s", label, ev, want)
	}
}

// wantEnd fails unless the server ends the stream.
func (s *liveStream) wantEnd(label string) {
	s.t.Helper()
	timeout := time.After(liveWait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return
			}
			if ev.name != ":" && ev.name != "change" {
				s.t.Fatalf("%s: event %+v before the end", label, ev)
			}
		case <-timeout:
			s.t.Fatalf("%s: the stream is still open after %v", label, liveWait)
		}
	}
}

// serveOpening runs req through the server as serve does, but ends an
// event stream once its opening is flushed, as a browser leaving the page
// would; other answers are served whole.
func (e *testEnv) serveOpening(req *http.Request) *response {
	ctx, cancel := context.WithCancel(req.Context())
	defer cancel()
	rec := &leavingRecorder{ResponseRecorder: httptest.NewRecorder(), leave: cancel}
	e.Server.ServeHTTP(rec, req.WithContext(ctx))
	return &response{Code: rec.Code, Header: rec.Header(), Body: rec.Body.String()}
}

// leavingRecorder records an answer and leaves at its first flush.
type leavingRecorder struct {
	*httptest.ResponseRecorder
	leave context.CancelFunc
}

func (r *leavingRecorder) Flush() {
	r.ResponseRecorder.Flush()
	r.leave()
}

// webhookText posts a customer's WhatsApp text to slug's webhook, as
// Fonnte does, and fails unless it is stored.
func (e *testEnv) webhookText(slug, sender string, inboxID int) {
	e.t.Helper()
	tn, err := e.Reg.Lookup(slug)
	if err != nil {
		e.t.Fatal(err)
	}
	body := fmt.Sprintf(`{"device":"","sender":"%s","name":"Pelanggan","message":"Avanza masih ada?","inboxid":%d,"type":"text"}`,
		sender, inboxID)
	res := e.webhook("/webhook/fonnte", slug+".test", tn.WebhookToken, "application/json", body)
	wantStatusCode(e.t, "webhook", res, http.StatusOK)
}
