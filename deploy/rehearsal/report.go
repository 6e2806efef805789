package main

import (
	"cmp"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// report prints the rehearsal's short report as it goes.
type report struct {
	out    io.Writer
	failed bool
}

func (r *report) head(o options, st *stage, m *mover) {
	fmt.Fprintf(r.out, "AutoLeads two-node rehearsal, on loopback (%s)\n", o.work)
	fmt.Fprintf(r.out, "  node A %s: malang, kediri · node B %s: blitar · Caddy https on 127.0.0.1:%d\n",
		st.a.addr, st.b.addr, st.px.httpsPort)
	attempts := fmt.Sprintf("%d attempts", m.attempts)
	if m.attempts == 1 {
		attempts = "one attempt"
	}
	fmt.Fprintf(r.out, "  malang moved from A to B in %s, in %s, clients writing through Caddy all along:\n",
		m.took.Round(100*time.Millisecond), attempts)
	for _, s := range m.steps {
		fmt.Fprintf(r.out, "    %s\n", s)
	}
}

// writes prints, per showroom and kind, how many writes were made, how
// many acknowledged, how many were sent again and after how many refusals
// or failures, how many got no answer from their node at least once
// (Caddy's 502 while it was down or died under the request), and the
// longest time from a write's first attempt to its success.
func (r *report) writes(all []write) {
	type row struct {
		showroom, kind                      string
		made, acked, retried, refused, lost int
		longest                             time.Duration
	}
	var rows []*row
	index := map[string]*row{}
	for _, w := range all {
		k := w.showroom + "\x00" + w.kind
		x := index[k]
		if x == nil {
			x = &row{showroom: w.showroom, kind: w.kind}
			index[k] = x
			rows = append(rows, x)
		}
		x.made++
		if w.acked {
			x.acked++
			x.longest = max(x.longest, w.ackedAt.Sub(w.madeAt))
		}
		if w.attempts > 1 {
			x.retried++
			x.refused += w.attempts - 1
		}
		if w.lost {
			x.lost++
		}
	}
	slices.SortFunc(rows, func(x, y *row) int {
		return cmp.Or(cmp.Compare(x.showroom, y.showroom), cmp.Compare(x.kind, y.kind))
	})
	fmt.Fprintf(r.out, "  writes through Caddy          made  acked  retried (answers not 2xx)   no answer  longest to success\n")
	for _, x := range rows {
		fmt.Fprintf(r.out, "    %-7s %-18s %6d %6d %8d %-16s %11d  %s\n", x.showroom, x.kind, x.made, x.acked, x.retried,
			fmt.Sprintf("(%d)", x.refused), x.lost,
			x.longest.Round(10*time.Millisecond))
	}
}

// hosts checks that malang answers through Caddy, website and API, while
// A answers 404 for its host and B answers it: the answers come from B.
func (r *report) hosts(through *http.Client, a, b *node) {
	var problems []string
	get := func(url string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Accept", "text/html")
		res, err := through.Do(req)
		if err != nil {
			return 0, err.Error()
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
		return res.StatusCode, string(body)
	}
	if status, body := get("https://" + malang.host + "/"); status != http.StatusOK || !strings.Contains(body, malang.name) {
		problems = append(problems, fmt.Sprintf("the website through Caddy answered %d without the showroom's name", status))
	}
	if status, body := get("https://" + malang.host + "/api/tenant"); status != http.StatusOK || !strings.Contains(body, `"slug":"malang"`) {
		problems = append(problems, fmt.Sprintf("the API through Caddy answered %d: %.200s", status, body))
	}
	if a.serves(malang.host) {
		problems = append(problems, "node A still answers for "+malang.host)
	}
	if !b.serves(malang.host) {
		problems = append(problems, "node B does not answer for "+malang.host)
	}
	r.check("https://"+malang.host+"/ and its API answer through Caddy, from B (A answers 404 for it)", problems)
}

// check prints one check's outcome, with its first problems.
func (r *report) check(what string, problems []string) {
	if len(problems) == 0 {
		fmt.Fprintf(r.out, "  ok    %s\n", what)
		return
	}
	r.failed = true
	fmt.Fprintf(r.out, "  FAIL  %s: %d problems\n", what, len(problems))
	for i, p := range problems {
		if i == 10 {
			fmt.Fprintf(r.out, "          … and %d more\n", len(problems)-i)
			break
		}
		fmt.Fprintf(r.out, "          %s\n", p)
	}
}

// end prints the verdict and tells whether every check passed.
func (r *report) end(took time.Duration) bool {
	verdict := "PASS"
	if r.failed {
		verdict = "FAIL"
	}
	fmt.Fprintf(r.out, "%s in %s\n", verdict, took.Round(time.Second))
	return !r.failed
}
