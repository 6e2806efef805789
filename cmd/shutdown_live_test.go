package cmd_test

import (
	"bufio"
	"io"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SIGTERM ends the dashboard's open live-update streams at once: the
// server stops cleanly instead of waiting out --shutdown-timeout for
// streams that never finish.
func TestServeShutdownEndsLiveStreams(t *testing.T) {
	p := startServer(t, newDataDir(t), "--demo", "--shutdown-timeout", "5m")
	base := "http://" + p.Addr
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	form := url.Values{"email": {"owner@showroom-surabaya.com"}, "password": {"password123"}}
	req, _ := http.NewRequest(http.MethodPost, base+"/admin/login", strings.NewReader(form.Encode()))
	req.Host = "localhost"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "al_session" {
			session = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || session == nil {
		t.Fatalf("sign in: %d, cookies %v", res.StatusCode, res.Cookies())
	}

	ended := make(chan error, 3)
	for range cap(ended) {
		req, _ := http.NewRequest(http.MethodGet, base+"/admin/events", nil)
		req.Host = "localhost"
		req.AddCookie(session)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		r := bufio.NewReader(res.Body)
		if line, err := r.ReadString('\n'); res.StatusCode != http.StatusOK || line != "retry: 3000\n" {
			t.Fatalf("stream: %d %q %v", res.StatusCode, line, err)
		}
		go func() {
			_, err := io.Copy(io.Discard, r)
			ended <- err
		}()
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.wait(t, time.Minute); err != nil {
		t.Fatalf("server exit: %v\n%s", err, p.Log())
	}
	for range cap(ended) {
		if err := <-ended; err != nil {
			t.Errorf("stream cut off instead of ended: %v", err)
		}
	}
	if log := p.Log(); !strings.Contains(log, `"msg":"stopped"`) || strings.Contains(log, `"msg":"shutdown"`) {
		t.Errorf("no clean stop in the log:\n%s", log)
	}
}
