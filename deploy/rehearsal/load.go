package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// write is one write a client made through Caddy and what it was answered.
type write struct {
	showroom string
	kind     string // kindMessage, kindCar or kindReply
	key      string // the message's inboxid and text, the car's display code, the reply's text
	acked    bool   // a success answer arrived, or the write was found after its answer was lost
	lost     bool   // an answer was lost (Caddy's 502 when the node died under it)
	madeAt   time.Time
	ackedAt  time.Time
	attempts int
}

const (
	kindMessage = "WhatsApp message"
	kindCar     = "car"
	kindReply   = "reply"
)

// ledger keeps every write of every client.
type ledger struct {
	mu     sync.Mutex
	writes []*write
}

func (l *ledger) add(showroom, kind, key string) *write {
	w := &write{showroom: showroom, kind: kind, key: key, madeAt: time.Now()}
	l.mu.Lock()
	l.writes = append(l.writes, w)
	l.mu.Unlock()
	return w
}

func (l *ledger) settle(w *write, acked, lost bool, attempts int) {
	l.mu.Lock()
	w.acked, w.lost, w.attempts = acked, lost, attempts
	if acked {
		w.ackedAt = time.Now()
	}
	l.mu.Unlock()
}

// of returns a copy of every write to showroom, for the checks once the
// clients ended ("" for every showroom).
func (l *ledger) of(showroom string) []write {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []write
	for _, w := range l.writes {
		if showroom == "" || w.showroom == showroom {
			out = append(out, *w)
		}
	}
	return out
}

// client writes to showrooms through Caddy, as Fonnte and staff's phones
// do. stop ends the making of new writes; a write under way is retried
// until it is answered or giveUp ends.
type client struct {
	http   *http.Client
	ledger *ledger
	giveUp context.Context
	retry  time.Duration // the pause before a retry: Fonnte waits a minute, the rehearsal less
}

// call sends one request to host and returns the status and body, or an
// error when no answer arrived (Caddy itself answers 502 when the node is
// down).
func (c *client) call(method, host, path, token string, body any) (int, []byte, error) {
	var payload io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		payload = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(c.giveUp, method, "https://"+host+path, payload)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	return res.StatusCode, answer, err
}

// pause waits d, or less when giveUp ends; false once it ended.
func (c *client) pause(d time.Duration) bool {
	select {
	case <-c.giveUp.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// showroom is what a client needs to know of one showroom.
type showroom struct {
	slug, name, host, device, webhookToken string
}

// sendMessages posts the WhatsApp messages of one customer of s to its
// webhook as Fonnte does, one every pace, each with its own inboxid, and
// delivers each again after any answer but 200 until it gets 200.
func (c *client) sendMessages(stop context.Context, s showroom, customer int, pace time.Duration) {
	for i := 1; stop.Err() == nil; i++ {
		text := fmt.Sprintf("%s-wa-%d-%05d", s.slug, customer, i)
		w := c.ledger.add(s.slug, kindMessage, text)
		body := map[string]string{"device": s.device, "sender": fmt.Sprintf("6281300000%03d", customer),
			"name": fmt.Sprintf("Pelanggan %d", customer), "message": text, "inboxid": text}
		attempts, lost := 0, false
		for {
			attempts++
			status, _, _ := c.call(http.MethodPost, s.host, "/webhook/fonnte?token="+s.webhookToken, "", body)
			if status == http.StatusOK {
				c.ledger.settle(w, true, lost, attempts)
				break
			}
			lost = lost || status != http.StatusServiceUnavailable
			if !c.pause(c.retry) {
				c.ledger.settle(w, false, lost, attempts)
				return
			}
		}
		if !c.pause(pace) {
			return
		}
	}
}

// staff is a signed-in member of a showroom's staff using the admin API.
// Its token is signed by the node that issued it for that node's copy of
// the showroom: after the move, B refuses A's token and staff sign in
// again, as the dashboard's users would.
type staff struct {
	c               *client
	s               showroom
	email, password string
	mu              sync.Mutex
	token           string
}

// signIn gets a token, retrying while the showroom moves (503) or its node
// is down.
func (st *staff) signIn(stale string) (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.token != stale {
		return st.token, nil // a colleague signed in already
	}
	for {
		status, body, err := st.c.call(http.MethodPost, st.s.host, "/api/admin/auth/login", "",
			map[string]string{"email": st.email, "password": st.password})
		if status == http.StatusOK {
			var answer struct {
				Data struct {
					Token string `json:"token"`
				} `json:"data"`
			}
			if err := json.Unmarshal(body, &answer); err != nil || answer.Data.Token == "" {
				return "", fmt.Errorf("sign-in answered %s", body)
			}
			st.token = answer.Data.Token
			return st.token, nil
		}
		if status == http.StatusUnauthorized || status == http.StatusForbidden {
			return "", fmt.Errorf("sign-in refused: %d %s", status, body)
		}
		if !st.c.pause(st.c.retry) {
			return "", fmt.Errorf("sign-in: no answer but %d (%v) before the rehearsal's end", status, err)
		}
	}
}

// call is client.call with the staff's token, signing in again once the
// token is refused.
func (st *staff) call(method, path string, body any) (int, []byte, error) {
	st.mu.Lock()
	token := st.token
	st.mu.Unlock()
	status, answer, err := st.c.call(method, st.s.host, path, token, body)
	if status != http.StatusUnauthorized {
		return status, answer, err
	}
	if token, err = st.signIn(token); err != nil {
		return 0, nil, err
	}
	return st.c.call(method, st.s.host, path, token, body)
}

// addCars creates a car every pace. Its display code is unique, so a car
// whose answer was lost is sent again safely: 409 (the code is taken)
// then says the first attempt was written.
func (st *staff) addCars(stop context.Context, pace time.Duration) {
	for i := 1; stop.Err() == nil; i++ {
		code := fmt.Sprintf("R%05d", i)
		w := st.c.ledger.add(st.s.slug, kindCar, code)
		car := map[string]any{"displayCode": code, "brand": "Toyota", "model": "Avanza", "year": 2020,
			"color": "Hitam", "transmission": "Manual", "km": 1000 + i, "price": 150000000 + i, "status": "available"}
		attempts, lost := 0, false
		for {
			attempts++
			status, _, _ := st.call(http.MethodPost, "/api/admin/cars", car)
			if status == http.StatusCreated || (status == http.StatusConflict && lost) {
				st.c.ledger.settle(w, true, lost, attempts)
				break
			}
			if !retriable(status) || !st.c.pause(st.c.retry) {
				st.c.ledger.settle(w, false, lost, attempts)
				break
			}
			lost = lost || status != http.StatusServiceUnavailable
		}
		if !st.c.pause(pace) {
			return
		}
	}
}

// retriable tells whether a write may have been refused for a while: the
// showroom is moving (503), or no node answered (Caddy's 502 and 504, or
// no answer at all).
func retriable(status int) bool {
	switch status {
	case 0, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// reply sends a WhatsApp reply to one of leads every pace. A 503 is
// answered before the body is read, so the reply is sent again; a reply
// has no key of its own, so one whose answer was lost is looked for in
// its lead's conversation first, and sent again only when it is not there.
func (st *staff) reply(stop context.Context, leads []int64, pace time.Duration) {
	for i := 1; stop.Err() == nil; i++ {
		text := fmt.Sprintf("%s-reply-%05d", st.s.slug, i)
		w := st.c.ledger.add(st.s.slug, kindReply, text)
		lead := leads[i%len(leads)]
		attempts, lost := 0, false
		for {
			attempts++
			status, _, _ := st.call(http.MethodPost, fmt.Sprintf("/api/admin/leads/%d/messages", lead), map[string]string{"message": text})
			if status == http.StatusCreated {
				st.c.ledger.settle(w, true, lost, attempts)
				break
			}
			if !retriable(status) {
				st.c.ledger.settle(w, false, lost, attempts)
				break
			}
			if status != http.StatusServiceUnavailable {
				lost = true
				if found, ok := st.findMessage(lead, text); !ok || found {
					st.c.ledger.settle(w, found, lost, attempts)
					break
				}
			}
			if !st.c.pause(st.c.retry) {
				st.c.ledger.settle(w, false, lost, attempts)
				break
			}
		}
		if !st.c.pause(pace) {
			return
		}
	}
}

// findMessage reads a lead's conversation until a node answers, and tells
// whether it holds text; ok is false when no answer came before giveUp.
func (st *staff) findMessage(lead int64, text string) (found, ok bool) {
	for {
		status, body, _ := st.call(http.MethodGet, fmt.Sprintf("/api/admin/leads/%d", lead), nil)
		if status == http.StatusOK {
			return bytes.Contains(body, []byte(`"message":"`+text+`"`)), true
		}
		if !st.c.pause(st.c.retry) {
			return false, false
		}
	}
}

// leadIDs lists the ids of the showroom's leads.
func (st *staff) leadIDs() ([]int64, error) {
	status, body, err := st.call(http.MethodGet, "/api/admin/leads?limit=50", nil)
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("listing leads: %d %s %v", status, body, err)
	}
	var answer struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return nil, err
	}
	ids := make([]int64, len(answer.Data))
	for i, l := range answer.Data {
		ids[i] = l.ID
	}
	return ids, nil
}
