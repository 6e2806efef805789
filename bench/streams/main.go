// Command streams is the load harness's live-update case (bench/run.sh,
// case "streams"): it opens many dashboard event streams on one showroom,
// as many staff phones and tabs would, then posts WhatsApp messages to the
// showroom's webhook one at a time and reports how long each took to reach
// every stream, and how much more resident memory the server holds with
// the streams open.
//
// The showroom's owner signs in through the API to add the sales users the
// streams need (each user may hold only a few), and each of them signs in
// to the dashboard; that happens before the first memory reading, so the
// reading after the streams open counts the streams alone.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

type options struct {
	base, host      string
	owner, password string
	webhook         string // the showroom's webhook path, token included
	streams         int
	perUser         int
	messages        int
	pid             int
}

func main() {
	var o options
	addr := flag.String("addr", "127.0.0.1:8080", "address of the autoleads server")
	flag.StringVar(&o.host, "host", "bench-1.localhost", "the showroom's host")
	flag.StringVar(&o.owner, "owner", "owner@bench-1.test", "the showroom owner's email")
	flag.StringVar(&o.password, "password", "password123", "the owner's password, given to the users it adds too")
	flag.StringVar(&o.webhook, "webhook", "", "the showroom's webhook path with its ?token=")
	flag.IntVar(&o.streams, "streams", 200, "streams to open")
	flag.IntVar(&o.perUser, "per-user", 5, "streams each user opens (the server's per-user limit)")
	flag.IntVar(&o.messages, "messages", 20, "messages to post, one at a time")
	flag.IntVar(&o.pid, "pid", 0, "the server's process id, to read its resident memory")
	flag.Parse()
	o.base = "http://" + *addr
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "streams:", err)
		os.Exit(1)
	}
}

// arrival is a change event reaching stream i at a time.
type arrival struct {
	stream int
	at     time.Time
}

func run(o options) error {
	if o.webhook == "" || o.pid == 0 {
		return fmt.Errorf("-webhook and -pid are required")
	}
	sessions, err := signIn(o)
	if err != nil {
		return err
	}
	// The messages' work warms the server up before it is measured (its
	// databases' page caches, the pools of buffers), so the memory after
	// holds what the streams cost, not that.
	for k := range o.messages {
		if err := postMessage(o, "warm", k); err != nil {
			return err
		}
	}
	time.Sleep(time.Second)
	before, err := residentMB(o.pid)
	if err != nil {
		return err
	}
	arrivals := make(chan arrival, 4*o.streams)
	for i := range o.streams {
		if err := openStream(o, sessions[i/o.perUser], i, arrivals); err != nil {
			return fmt.Errorf("stream %d: %w", i+1, err)
		}
	}
	var reachedAll []time.Duration
	for k := range o.messages {
		time.Sleep(time.Second) // a quiet spell: the next message is not coalesced with the last
		drain(arrivals)
		sent := time.Now()
		if err := postMessage(o, "live", k); err != nil {
			return err
		}
		d, err := untilAll(arrivals, o.streams, sent)
		if err != nil {
			return fmt.Errorf("message %d: %w", k+1, err)
		}
		reachedAll = append(reachedAll, d)
	}
	after, err := residentMB(o.pid)
	if err != nil {
		return err
	}
	slices.Sort(reachedAll)
	fmt.Printf("%d open streams on one showroom: %d MB of extra RSS (%d → %d MB); a new message reached all of them in %s (median of %d), %s at the slowest (targets: ≤ 20 MB, ≤ 2 s).\n",
		o.streams, after-before, before, after, ms(reachedAll[len(reachedAll)/2]), len(reachedAll), ms(reachedAll[len(reachedAll)-1]))
	return nil
}

// postMessage posts the k-th WhatsApp message of a series to the
// showroom's webhook, from a customer of the series' own.
func postMessage(o options, series string, k int) error {
	customer := map[string]int{"warm": 1, "live": 2}[series]
	body := fmt.Sprintf(`{"device":"","sender":"6281%d%08d","message":"Mobilnya masih ada?","name":"Pelanggan %d","inboxid":"%s-%d-%d","type":"text"}`,
		customer, k, k, series, time.Now().UnixNano(), k)
	if err := post(o, o.webhook, "application/json", body, nil, http.StatusOK); err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	return nil
}

// signIn adds the sales users the streams need and signs each in to the
// dashboard, returning their session cookies.
func signIn(o options) ([]*http.Cookie, error) {
	var token struct {
		Data struct{ Token string } `json:"data"`
	}
	login, _ := json.Marshal(map[string]string{"email": o.owner, "password": o.password})
	if err := post(o, "/api/admin/auth/login", "application/json", string(login), &token, http.StatusOK); err != nil {
		return nil, fmt.Errorf("owner's sign-in: %w", err)
	}
	var sessions []*http.Cookie
	for i := range (o.streams + o.perUser - 1) / o.perUser {
		email := fmt.Sprintf("live%d@%s", i+1, o.host)
		user, _ := json.Marshal(map[string]string{"name": "Sales " + strconv.Itoa(i+1), "email": email, "password": o.password, "role": "sales"})
		req := request(o, http.MethodPost, "/api/admin/users", "application/json", string(user))
		req.Header.Set("Authorization", "Bearer "+token.Data.Token)
		res, err := send(req, nil, http.StatusCreated, http.StatusConflict) // a user of an earlier run
		if err != nil {
			return nil, fmt.Errorf("add %s: %w", email, err)
		}
		res.Body.Close()
		req = request(o, http.MethodPost, "/admin/login", "application/x-www-form-urlencoded",
			url.Values{"email": {email}, "password": {o.password}}.Encode())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res, err = send(req, nil, http.StatusSeeOther)
		if err != nil {
			return nil, fmt.Errorf("%s's sign-in: %w", email, err)
		}
		res.Body.Close()
		for _, c := range res.Cookies() {
			if c.Name == "al_session" {
				sessions = append(sessions, c)
			}
		}
		if len(sessions) != i+1 {
			return nil, fmt.Errorf("%s's sign-in set no session", email)
		}
	}
	return sessions, nil
}

// openStream opens stream i with session, waits for its opening and then
// reports each change event it reads to arrivals.
func openStream(o options, session *http.Cookie, i int, arrivals chan<- arrival) error {
	req := request(o, http.MethodGet, "/admin/events", "", "")
	req.AddCookie(session)
	res, err := send(req, nil, http.StatusOK)
	if err != nil {
		return err
	}
	r := bufio.NewReader(res.Body)
	if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "retry:") {
		return fmt.Errorf("opening %q: %v", line, err)
	}
	go func() {
		defer res.Body.Close()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if line == "event: change\n" {
				arrivals <- arrival{i, time.Now()}
			}
		}
	}()
	return nil
}

// untilAll waits until a change event sent after sent reached each of n
// streams, and returns how long that took.
func untilAll(arrivals <-chan arrival, n int, sent time.Time) (time.Duration, error) {
	reached := map[int]bool{}
	var last time.Time
	timeout := time.After(10 * time.Second)
	for len(reached) < n {
		select {
		case a := <-arrivals:
			if a.at.After(sent) && !reached[a.stream] {
				reached[a.stream] = true
				last = a.at
			}
		case <-timeout:
			return 0, fmt.Errorf("%d of %d streams heard of it within 10 s", len(reached), n)
		}
	}
	return last.Sub(sent), nil
}

// drain forgets the events that arrived before now.
func drain(arrivals <-chan arrival) {
	for {
		select {
		case <-arrivals:
		default:
			return
		}
	}
}

func request(o options, method, path, contentType, body string) *http.Request {
	req, err := http.NewRequest(method, o.base+path, strings.NewReader(body))
	if err != nil {
		panic(err) // the paths are the program's own
	}
	req.Host = o.host
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

// client keeps every stream on its own connection and follows no redirect.
var client = &http.Client{
	Transport:     &http.Transport{MaxIdleConnsPerHost: 16},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// send sends req and fails unless the answer has one of the statuses;
// into, when given, receives the JSON body.
func send(req *http.Request, into any, statuses ...int) (*http.Response, error) {
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(statuses, res.StatusCode) {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 512))
		res.Body.Close()
		return nil, fmt.Errorf("%s %s: %d %s", req.Method, req.URL.Path, res.StatusCode, bytes.TrimSpace(b))
	}
	if into != nil {
		defer res.Body.Close()
		return res, json.NewDecoder(res.Body).Decode(into)
	}
	return res, nil
}

func post(o options, path, contentType, body string, into any, status int) error {
	res, err := send(request(o, http.MethodPost, path, contentType, body), into, status)
	if err == nil && into == nil {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	return err
}

// residentMB is the process's resident memory now (VmRSS), in MB.
func residentMB(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.Atoi(f[1])
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }
