package http_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// The sales desk's fields of a lead: set through PUT, shown in every lead
// JSON, refused with the field named when they are wrong.
func TestLeadDeskFields(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	ctx := context.Background()
	in, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: leadPhone(1), Message: "Halo"})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/admin/leads/%d", in.LeadID)
	owner := users.tokens["owner"]

	res := env.do("GET", path, "alpha.test", owner, nil)
	wantStatusCode(t, "view", res, 200)
	wantFragments(t, "view", res.Body, `"followUpAt":null`, `"lostReason":null`, `"firstResponseAt":null`,
		`"lastCustomerMessageAt":"`, `"awaitingReply":true`)

	res = env.do("PUT", path, "alpha.test", owner, map[string]any{"followUpAt": "2026-03-02T10:30:00+07:00"})
	wantStatusCode(t, "set follow-up", res, 200)
	wantFragments(t, "set follow-up", res.Body, `"followUpAt":"2026-03-02T03:30:00.000Z"`)

	for _, tt := range []struct {
		name   string
		path   string
		body   any
		status int
		detail string
	}{
		{"follow-up not a time", path, map[string]any{"followUpAt": "besok"}, 422, `"followUpAt":"Follow-up must be an RFC 3339 time`},
		{"follow-up without a zone", path, map[string]any{"followUpAt": "2026-03-02T10:30:00"}, 422, `"followUpAt":`},
		{"follow-up a number", path, map[string]any{"followUpAt": 1234}, 400, `"followUpAt":"Wrong JSON type"`},
		{"unknown lost reason", path, map[string]any{"status": "lost", "lostReason": "mahal"}, 422, `"lostReason":"Lost reason must be`},
		{"lost reason on an open lead", path, map[string]any{"lostReason": "price"}, 422, `"lostReason":"A lost reason is only for a lead with status lost"`},
		{"status route: unknown lost reason", path + "/status", map[string]any{"status": "lost", "lostReason": "mahal"}, 422, `"lostReason":`},
		{"status route: bad follow-up", path + "/status", map[string]any{"status": "hot", "followUpAt": "x"}, 422, `"followUpAt":`},
	} {
		res := env.do("PUT", tt.path, "alpha.test", owner, tt.body)
		wantStatusCode(t, tt.name, res, tt.status)
		wantFragments(t, tt.name, res.Body, tt.detail)
	}

	res = env.do("PUT", path+"/status", "alpha.test", owner, map[string]any{"status": "lost", "lostReason": "leasing_rejected", "followUpAt": nil})
	wantStatusCode(t, "close as lost", res, 200)
	wantFragments(t, "close as lost", res.Body, `"status":"lost"`, `"lostReason":"leasing_rejected"`, `"followUpAt":null`, `"closedAt":"`)
	res = env.do("GET", path, "alpha.test", owner, nil)
	wantFragments(t, "lost lead", res.Body, `"lostReason":"leasing_rejected"`, `"awaitingReply":false`)

	// Existing clients close leads as lost without a reason, and reopening
	// clears the reason.
	res = env.do("PUT", path, "alpha.test", owner, map[string]any{"status": "new"})
	wantStatusCode(t, "reopen", res, 200)
	wantFragments(t, "reopen", res.Body, `"lostReason":null`)
	res = env.do("PUT", path+"/status", "alpha.test", owner, map[string]any{"status": "lost"})
	wantStatusCode(t, "lost without a reason", res, 200)
	wantFragments(t, "lost without a reason", res.Body, `"lostReason":null`)
}

// The timeline names who changed what; a sales user sees it only on the
// leads they may see.
func TestLeadEvents(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	dikas := leadMust(t, db, &store.Lead{CustomerPhone: leadPhone(1)})
	free := leadMust(t, db, &store.Lead{CustomerPhone: leadPhone(2)})
	res := env.do("PUT", fmt.Sprintf("/api/admin/leads/%d/assign", dikas.ID), "alpha.test", users.tokens["owner"],
		map[string]any{"userId": users.dika.ID})
	wantStatusCode(t, "assign", res, 200)
	res = env.do("PUT", fmt.Sprintf("/api/admin/leads/%d/status", dikas.ID), "alpha.test", users.tokens["dika"],
		map[string]any{"status": "hot", "followUpAt": "2026-03-02T10:30:00+07:00"})
	wantStatusCode(t, "status", res, 200)

	path := fmt.Sprintf("/api/admin/leads/%d/events", dikas.ID)
	res = env.do("GET", path, "alpha.test", users.tokens["admin"], nil)
	wantStatusCode(t, "events", res, 200)
	var events []struct {
		Kind     string
		From, To *string
		User     *struct {
			ID   int64
			Name string
		}
	}
	leadData(t, res, &events)
	want := []string{"assigned  → " + fmt.Sprint(users.dika.ID) + " by owner", "status new → hot by dika",
		"follow_up  → 2026-03-02T03:30:00.000Z by dika"}
	if len(events) != len(want) {
		t.Fatalf("events = %s", res.Body)
	}
	for i, e := range events {
		from, to := "", ""
		if e.From != nil {
			from = *e.From
		}
		if e.To != nil {
			to = *e.To
		}
		if got := fmt.Sprintf("%s %s → %s by %s", e.Kind, from, to, e.User.Name); got != want[i] {
			t.Errorf("event %d = %q, want %q", i, got, want[i])
		}
	}
	for _, tt := range []struct {
		name, path, token string
		status            int
	}{
		{"sales, a colleague's lead", path, users.tokens["ani"], 404},
		{"sales, own lead", path, users.tokens["dika"], 200},
		{"sales, unassigned lead", fmt.Sprintf("/api/admin/leads/%d/events", free.ID), users.tokens["ani"], 200},
		{"unknown lead", "/api/admin/leads/999/events", users.tokens["owner"], 404},
		{"bad id", "/api/admin/leads/x/events", users.tokens["owner"], 400},
		{"no token", path, "", 401},
	} {
		wantStatusCode(t, tt.name, env.do("GET", tt.path, "alpha.test", tt.token, nil), tt.status)
	}
	res = env.do("GET", fmt.Sprintf("/api/admin/leads/%d/events", free.ID), "alpha.test", users.tokens["ani"], nil)
	wantFragments(t, "no changes", res.Body, `"data":[]`)
}

// The desk's list parameters: waiting for a reply, follow-ups due by the
// end of the showroom's day (WIB), and the activity order.
func TestLeadListDesk(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	ctx := context.Background()
	// 17:00 WIB: the showroom's day ends at 16:59:59.999 UTC.
	env.Reg.Now = func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	lead := func(n int, assigned *int64, status string, followUp *time.Time, senders ...string) int64 {
		t.Helper()
		l := leadMust(t, db, &store.Lead{CustomerPhone: leadPhone(n), AssignedToUserID: assigned, Status: status,
			CreatedAt: base.Add(time.Duration(n) * time.Minute)})
		for i, s := range senders {
			at := base.Add(time.Duration(n)*time.Hour + time.Duration(i)*time.Minute)
			if err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: s, Message: "m", CreatedAt: at}); err != nil {
				t.Fatal(err)
			}
		}
		if followUp != nil {
			if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{FollowUpAt: &followUp}); err != nil {
				t.Fatal(err)
			}
		}
		return l.ID
	}
	at := func(s string) *time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	tonight := lead(1, &users.ani.ID, store.LeadHot, at("2026-03-02T23:00:00+07:00"), "customer")
	tomorrow := lead(2, nil, store.LeadNew, at("2026-03-03T01:00:00+07:00"), "customer", "sales")
	overdue := lead(3, &users.dika.ID, store.LeadWarm, at("2026-03-01T09:00:00+07:00"), "customer", "bot")
	closed := lead(4, nil, store.LeadClosed, at("2026-03-01T08:00:00+07:00"), "customer")
	quiet := lead(5, nil, store.LeadNew, nil)
	get := func(token, query string) *response {
		t.Helper()
		res := env.do("GET", "/api/admin/leads?"+query, "alpha.test", token, nil)
		wantStatusCode(t, query, res, 200)
		return res
	}
	owner, ani := users.tokens["owner"], users.tokens["ani"]
	leadWantIDs(t, "activity", get(owner, "sort=activity"), closed, overdue, tomorrow, tonight, quiet)
	leadWantIDs(t, "waiting", get(owner, "awaiting=true&sort=activity"), overdue, tonight)
	leadWantIDs(t, "waiting, sales", get(ani, "awaiting=true&sort=activity"), tonight)
	leadWantIDs(t, "follow-up due today", get(owner, "followUp=due"), overdue, tonight)
	leadWantIDs(t, "follow-up due, sales", get(ani, "followUp=due"), tonight)
	leadWantIDs(t, "status order", get(owner, "awaiting=false"), quiet, tomorrow, tonight, overdue, closed)
	wantFragments(t, "total", get(owner, "awaiting=true").Body, `"total":2`)
	for _, q := range []string{"awaiting=yes", "followUp=today", "sort=price"} {
		res := env.do("GET", "/api/admin/leads?"+q, "alpha.test", owner, nil)
		wantStatusCode(t, q, res, 400)
	}
}
