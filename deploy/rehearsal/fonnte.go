package main

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
)

// fonnte stands in for Fonnte's send API on loopback. Each node is given
// its own base URL (/a, /b), so every message it is asked to send is
// counted with the node that sent it.
type fonnte struct {
	srv  *http.Server
	addr string
	mu   sync.Mutex
	sent map[string][]string // message text → the nodes that sent it, in order
	n    int
}

func startFonnte() (*fonnte, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fonnte{addr: ln.Addr().String(), sent: map[string][]string{}}
	f.srv = &http.Server{Handler: http.HandlerFunc(f.send)}
	go f.srv.Serve(ln)
	return f, nil
}

// url is the base URL node gives to --fonnte-url.
func (f *fonnte) url(node string) string { return "http://" + f.addr + "/" + node }

func (f *fonnte) send(w http.ResponseWriter, r *http.Request) {
	node, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/send")
	if !ok || r.Method != http.MethodPost || r.ParseForm() != nil || r.Header.Get("Authorization") == "" {
		http.Error(w, `{"status":false,"reason":"unknown request"}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.n++
	id := f.n
	text := r.PostFormValue("message")
	f.sent[text] = append(f.sent[text], node)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"status":true,"id":["%d"],"process":"pending"}`, id)
}

// sentBy returns the nodes that sent text, in order.
func (f *fonnte) sentBy(text string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent[text]...)
}
