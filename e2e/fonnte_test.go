package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// fonnte stands in for Fonnte's send API: it accepts every message, gives
// it an id, and keeps what it was sent so a test can see a reply leave.
type fonnte struct {
	srv  *httptest.Server
	mu   sync.Mutex
	sent []sentMessage
}

// sentMessage is one message the server asked Fonnte to send.
type sentMessage struct {
	ID, Token, Target, Message string
}

func newFonnte() *fonnte {
	f := &fonnte{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/send" || r.ParseForm() != nil {
			http.Error(w, `{"status":false,"reason":"unknown request"}`, http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		m := sentMessage{ID: fmt.Sprint(9000 + len(f.sent)), Token: r.Header.Get("Authorization"),
			Target: r.PostFormValue("target"), Message: r.PostFormValue("message")}
		f.sent = append(f.sent, m)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"status":true,"id":[%q],"process":"pending"}`, m.ID)
	}))
	return f
}

// waitSent returns the first message sent whose text is message, waiting
// up to timeout for it.
func (f *fonnte) waitSent(t *testing.T, message string, timeout time.Duration) sentMessage {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		f.mu.Lock()
		for _, m := range f.sent {
			if m.Message == message {
				f.mu.Unlock()
				return m
			}
		}
		f.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("Fonnte was not asked to send %q within %s", message, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
