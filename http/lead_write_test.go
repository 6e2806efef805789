package http_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestLeadCreate(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	car := leadInsertCar(t, db, "A01", store.CarAvailable)
	owner := users.tokens["owner"]

	res := env.do("POST", "/api/admin/leads", "alpha.test", owner, map[string]any{
		"customerPhone": "0812-3456-7890", "customerName": " Ibu Siti ", "carId": car, "source": "referral",
		"notes": "Datang ke showroom", "tags": []string{"vip", " vip ", "kredit"}})
	if res.Code != 201 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	wantFragments(t, "create", res.Body, `"customerPhone":"+6281234567890"`, `"customerName":"Ibu Siti"`,
		`"displayCode":"#A01"`, `"status":"new"`, `"source":"referral"`, `"assignedTo":null`,
		`"notes":"Datang ke showroom"`, `"tags":["vip","kredit"]`, `"closedAt":null`)
	var created struct{ ID int64 }
	leadData(t, res, &created)

	tests := []struct {
		name   string
		body   any
		status int
		frags  []string
	}{
		{"open lead exists", map[string]any{"customerPhone": "+62 812 3456 7890"}, 409,
			[]string{`"code":"CONFLICT"`, fmt.Sprintf(`"details":{"leadId":%d}`, created.ID)}},
		{"default source direct", map[string]any{"customerPhone": "081200000001"}, 201, []string{`"source":"direct"`}},
		{"bad phone", map[string]any{"customerPhone": "12-34"}, 422,
			[]string{`"message":"Invalid phone number format"`, `"customerPhone":"Invalid phone number format"`}},
		{"missing phone", map[string]any{"customerName": "X"}, 422, []string{`"customerPhone":"Customer phone is required"`}},
		{"unknown car", map[string]any{"customerPhone": "081200000002", "carId": 999}, 422, []string{`"carId":"Car not found"`}},
		{"bad source", map[string]any{"customerPhone": "081200000002", "source": "email"}, 422, []string{`"source"`}},
		{"too many tags", map[string]any{"customerPhone": "081200000002", "tags": make21Tags()}, 422, []string{`"tags"`}},
		{"unknown key", map[string]any{"customerPhone": "081200000002", "status": "hot"}, 400, []string{`"status":"Unknown or read-only field"`}},
		{"tenant key", map[string]any{"customerPhone": "081200000002", "tenantId": 2}, 400, []string{`"BAD_REQUEST"`}},
		{"wrong type", map[string]any{"customerPhone": 812}, 400, []string{`"BAD_REQUEST"`}},
		{"malformed", "{", 400, []string{`"BAD_REQUEST"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("POST", "/api/admin/leads", "alpha.test", owner, tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.frags...)
		})
	}

	t.Run("sales lead is theirs", func(t *testing.T) {
		res := env.do("POST", "/api/admin/leads", "alpha.test", users.tokens["ani"], map[string]any{"customerPhone": "081200000003"})
		if res.Code != 201 {
			t.Fatalf("status = %d: %s", res.Code, res.Body)
		}
		wantFragments(t, "sales", res.Body, fmt.Sprintf(`"assignedTo":{"id":%d`, users.ani.ID))
	})
}

func make21Tags() []string {
	tags := make([]string, 21)
	for i := range tags {
		tags[i] = fmt.Sprintf("t%d", i)
	}
	return tags
}

func TestLeadUpdate(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	car := leadInsertCar(t, db, "A01", store.CarSold)
	owner := users.tokens["owner"]
	l := leadMust(t, db, &store.Lead{CustomerPhone: "081200000001", CustomerName: "Old", Notes: "old", Tags: []string{"a"}})
	other := leadMust(t, db, &store.Lead{CustomerPhone: "081200000002"})
	path := fmt.Sprintf("/api/admin/leads/%d", l.ID)

	tests := []struct {
		name   string
		body   any
		status int
		frags  []string
	}{
		{"phone", `{"customerPhone":"0812 0000 0009"}`, 200, []string{`"customerPhone":"+6281200000009"`}},
		{"name", `{"customerName":"Pak Andi"}`, 200, []string{`"customerName":"Pak Andi"`}},
		{"name null clears", `{"customerName":null}`, 200, []string{`"customerName":null`}},
		{"car", fmt.Sprintf(`{"carId":%d}`, car), 200, []string{`"displayCode":"#A01"`}},
		{"car null clears", `{"carId":null}`, 200, []string{`"car":null`}},
		{"status", `{"status":"hot"}`, 200, []string{`"status":"hot"`, `"closedAt":null`}},
		{"source", `{"source":"web"}`, 200, []string{`"source":"web"`}},
		{"notes", `{"notes":"Test drive Sabtu"}`, 200, []string{`"notes":"Test drive Sabtu"`}},
		{"notes null clears", `{"notes":null}`, 200, []string{`"notes":null`}},
		{"tags", `{"tags":["kredit"," dp "]}`, 200, []string{`"tags":["kredit","dp"]`}},
		{"tags null clears", `{"tags":null}`, 200, []string{`"tags":[]`}},
		{"assign", fmt.Sprintf(`{"assignedToUserId":%d}`, users.ani.ID), 200, []string{fmt.Sprintf(`"assignedTo":{"id":%d`, users.ani.ID)}},
		{"unassign", `{"assignedToUserId":null}`, 200, []string{`"assignedTo":null`}},
		{"several at once", `{"status":"warm","notes":"x","customerName":"Andi"}`, 200, []string{`"status":"warm"`, `"notes":"x"`, `"customerName":"Andi"`}},
		{"empty body changes nothing", `{}`, 200, []string{`"status":"warm"`}},
		{"phone of another open lead", `{"customerPhone":"081200000002"}`, 409, []string{fmt.Sprintf(`"leadId":%d`, other.ID)}},
		{"bad phone", `{"customerPhone":"abc"}`, 422, []string{`"customerPhone"`}},
		{"phone null", `{"customerPhone":null}`, 422, []string{`"customerPhone":"Customer phone cannot be null"`}},
		{"status null", `{"status":null}`, 422, []string{`"status"`}},
		{"bad status", `{"status":"done"}`, 422, []string{`"status"`}},
		{"empty status", `{"status":""}`, 422, []string{`"status"`}},
		{"empty source", `{"source":""}`, 422, []string{`"source"`}},
		{"unknown car", `{"carId":4242}`, 422, []string{`"carId":"Car not found"`}},
		{"unknown user", `{"assignedToUserId":4242}`, 422, []string{`"assignedToUserId":"User not found in this showroom"`}},
		{"read-only id", `{"id":5}`, 400, []string{`"id":"Unknown or read-only field"`}},
		{"read-only createdAt", `{"createdAt":"2020-01-01T00:00:00Z"}`, 400, []string{`"BAD_REQUEST"`}},
		{"read-only closedAt", `{"closedAt":null}`, 400, []string{`"BAD_REQUEST"`}},
		{"wrong type", `{"tags":"vip"}`, 400, []string{`"BAD_REQUEST"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("PUT", path, "alpha.test", owner, tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.frags...)
		})
	}
	for _, p := range []string{"/api/admin/leads/x", "/api/admin/leads/0"} {
		if res := env.do("PUT", p, "alpha.test", owner, `{}`); res.Code != 400 {
			t.Errorf("PUT %s: %d", p, res.Code)
		}
	}
	if res := env.do("PUT", "/api/admin/leads/4242", "alpha.test", owner, `{}`); res.Code != 404 {
		t.Errorf("PUT unknown id: %d", res.Code)
	}
}

func TestLeadStatus(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	owner := users.tokens["owner"]
	l := leadMust(t, db, &store.Lead{CustomerPhone: "081200000001"})
	path := fmt.Sprintf("/api/admin/leads/%d/status", l.ID)

	res := env.do("PUT", path, "alpha.test", owner, `{"status":"closed"}`)
	if res.Code != 200 {
		t.Fatalf("close: %d %s", res.Code, res.Body)
	}
	var closed struct {
		ID       int64   `json:"id"`
		Status   string  `json:"status"`
		ClosedAt *string `json:"closedAt"`
	}
	leadData(t, res, &closed)
	if closed.ID != l.ID || closed.Status != "closed" || closed.ClosedAt == nil {
		t.Fatalf("closed = %+v", closed)
	}
	res = env.do("PUT", path, "alpha.test", owner, `{"status":"lost"}`)
	wantFragments(t, "lost keeps closedAt", res.Body, `"status":"lost"`, `"closedAt":"`+*closed.ClosedAt+`"`)

	// While it is closed, the customer writes again: a new open lead.
	fresh := leadMust(t, db, &store.Lead{CustomerPhone: "081200000001"})
	res = env.do("PUT", path, "alpha.test", owner, `{"status":"new"}`)
	if res.Code != 409 {
		t.Fatalf("reopen beside open lead: %d %s", res.Code, res.Body)
	}
	wantFragments(t, "reopen conflict", res.Body, fmt.Sprintf(`"details":{"leadId":%d}`, fresh.ID))
	if err := db.DeleteLead(context.Background(), fresh.ID); err != nil {
		t.Fatal(err)
	}
	res = env.do("PUT", path, "alpha.test", owner, `{"status":"warm"}`)
	wantFragments(t, "reopen clears closedAt", res.Body, `"status":"warm"`, `"closedAt":null`)

	for _, tt := range []struct {
		body   string
		status int
	}{
		{`{"status":"done"}`, 422}, {`{"status":""}`, 422}, {`{}`, 422}, {`{"status":null}`, 422}, {`{"status":1}`, 400},
		{`{"status":"new","notes":"x"}`, 400},
	} {
		if res := env.do("PUT", path, "alpha.test", owner, tt.body); res.Code != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.body, res.Code, tt.status, res.Body)
		}
	}
}

func TestLeadAssign(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	ctx := context.Background()
	gone := env.createUser("alpha", "gone@alpha.test", store.RoleSales)
	if _, err := db.UpdateUser(ctx, gone.ID, store.UserUpdate{Status: leadPtrTo(store.UserInactive)}); err != nil {
		t.Fatal(err)
	}
	l := leadMust(t, db, &store.Lead{CustomerPhone: "081200000001"})
	path := fmt.Sprintf("/api/admin/leads/%d/assign", l.ID)
	tests := []struct {
		name, token, body string
		status            int
		frags             []string
	}{
		{"admin assigns", "admin", fmt.Sprintf(`{"userId":%d}`, users.dika.ID), 200,
			[]string{fmt.Sprintf(`"data":{"id":%d,"assignedTo":{"id":%d,"name":"dika","email":"dika@alpha.test","role":"sales"}}`, l.ID, users.dika.ID)}},
		{"owner reassigns", "owner", fmt.Sprintf(`{"userId":%d}`, users.ani.ID), 200, []string{fmt.Sprintf(`"assignedTo":{"id":%d`, users.ani.ID)}},
		{"owner unassigns", "owner", `{"userId":null}`, 200, []string{`"assignedTo":null`}},
		{"sales claims", "dika", fmt.Sprintf(`{"userId":%d}`, users.dika.ID), 200, []string{fmt.Sprintf(`"assignedTo":{"id":%d`, users.dika.ID)}},
		{"inactive user", "owner", fmt.Sprintf(`{"userId":%d}`, gone.ID), 422, []string{`"userId":"User is inactive"`}},
		{"unknown user", "owner", `{"userId":4242}`, 422, []string{`"userId":"User not found in this showroom"`}},
		{"missing userId", "owner", `{}`, 422, []string{`"userId"`}},
		{"unknown key", "owner", `{"userId":null,"status":"hot"}`, 400, []string{`"status"`}},
		{"wrong type", "owner", `{"userId":"me"}`, 400, []string{`"BAD_REQUEST"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("PUT", path, "alpha.test", users.tokens[tt.token], tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.frags...)
		})
	}
	if res := env.do("PUT", "/api/admin/leads/abc/assign", "alpha.test", users.tokens["owner"], `{"userId":null}`); res.Code != 400 {
		t.Errorf("bad id: %d", res.Code)
	}
}

func leadPtrTo[T any](v T) *T { return &v }

func TestLeadDelete(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	res, err := db.RecordInboundMessage(context.Background(), store.InboundMessage{Phone: "081200000001", Message: "halo"})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/admin/leads/%d", res.LeadID)
	if r := env.do("DELETE", path, "alpha.test", users.tokens["admin"], nil); r.Code != 200 || !strings.Contains(r.Body, `"message":"Lead deleted"`) {
		t.Fatalf("delete: %d %s", r.Code, r.Body)
	}
	if r := env.do("GET", path, "alpha.test", users.tokens["admin"], nil); r.Code != 404 {
		t.Fatalf("after delete: %d", r.Code)
	}
	if msgs, _ := db.FindMessages(context.Background(), res.LeadID); len(msgs) != 0 {
		t.Fatalf("messages survive: %d", len(msgs))
	}
	if r := env.do("DELETE", path, "alpha.test", users.tokens["owner"], nil); r.Code != 404 {
		t.Fatalf("delete twice: %d", r.Code)
	}
	if r := env.do("DELETE", "/api/admin/leads/zz", "alpha.test", users.tokens["owner"], nil); r.Code != 400 {
		t.Fatalf("bad id: %d", r.Code)
	}
}
