package http_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// leadListFixture is a tenant with six leads of known times, statuses,
// sources and assignees.
type leadListFixture struct {
	env   *testEnv
	users *leadUsers
	db    *store.DB
	carA  int64
	carB  int64
	// siti, andi, dika, nina, rudi, lost
	leads map[string]*store.Lead
}

func newLeadListFixture(t *testing.T) *leadListFixture {
	env := newTestEnv(t)
	f := &leadListFixture{env: env, users: leadTenant(env, "alpha"), db: env.db("alpha"), leads: map[string]*store.Lead{}}
	f.carA = leadInsertCar(t, f.db, "A01", store.CarAvailable)
	f.carB = leadInsertCar(t, f.db, "A03", store.CarAvailable)
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, l := range []struct {
		key string
		l   store.Lead
	}{
		{"siti", store.Lead{CustomerPhone: "6281987654321", CustomerName: "Ibu Siti", CarID: &f.carA, Source: store.SourceWhatsApp,
			CreatedAt: at("2025-10-01T08:00:00Z")}},
		{"andi", store.Lead{CustomerPhone: "6281987654322", CustomerName: "Pak Andi", CarID: &f.carB, Status: store.LeadHot,
			AssignedToUserID: &f.users.admin.ID, Notes: "Minta simulasi KREDIT", CreatedAt: at("2025-10-02T09:00:00Z")}},
		{"dika", store.Lead{CustomerPhone: "6281987654323", CustomerName: "Dika", Status: store.LeadWarm,
			AssignedToUserID: &f.users.ani.ID, CreatedAt: at("2025-10-02T23:59:59.999Z")}},
		{"nina", store.Lead{CustomerPhone: "6281987654324", CustomerName: "Bu Nina", Status: store.LeadHot, Source: store.SourceWeb,
			AssignedToUserID: &f.users.admin.ID, CreatedAt: at("2025-10-03T00:00:00Z")}},
		{"rudi", store.Lead{CustomerPhone: "6281987654325", CustomerName: "Pak Rudi", Source: store.SourceReferral,
			Tags: []string{"cash"}, CreatedAt: at("2025-10-04T10:00:00Z")}},
		{"lost", store.Lead{CustomerPhone: "6281987654326", CustomerName: "Lost Customer", Status: store.LeadLost,
			CreatedAt: at("2025-09-30T10:00:00Z")}},
	} {
		lead := l.l
		f.leads[l.key] = leadMust(t, f.db, &lead)
	}
	return f
}

func (f *leadListFixture) ids(keys ...string) []int64 {
	out := make([]int64, 0, len(keys))
	for _, k := range keys {
		out = append(out, f.leads[k].ID)
	}
	return out
}

func TestLeadList(t *testing.T) {
	f := newLeadListFixture(t)
	carA := strconv.FormatInt(f.carA, 10)
	admin := strconv.FormatInt(f.users.admin.ID, 10)
	tests := []struct {
		name, query, token string
		want               []string
	}{
		{"all in status order then newest", "", "owner", []string{"rudi", "siti", "nina", "andi", "dika", "lost"}},
		{"status", "status=hot", "owner", []string{"nina", "andi"}},
		{"source", "source=web", "owner", []string{"nina"}},
		{"carId", "carId=" + carA, "owner", []string{"siti"}},
		{"assignedTo id", "assignedTo=" + admin, "owner", []string{"nina", "andi"}},
		{"assignedTo me", "assignedTo=me", "admin", []string{"nina", "andi"}},
		{"assignedTo none", "assignedTo=none", "owner", []string{"rudi", "siti", "lost"}},
		{"search phone digits", "search=654324", "owner", []string{"nina"}},
		{"search national phone", "search=0819-8765-4321", "owner", []string{"siti"}},
		{"search name", "search=PAK", "owner", []string{"rudi", "andi"}},
		{"search notes", "search=kredit", "owner", []string{"andi"}},
		{"search wildcard literal", "search=%25", "owner", nil},
		{"date range days inclusive", "startDate=2025-10-02&endDate=2025-10-02", "owner", []string{"andi", "dika"}},
		{"date range RFC 3339", "startDate=2025-10-02T23:59:59.999Z&endDate=2025-10-03T07:00:00%2B07:00", "owner", []string{"nina", "dika"}},
		{"date range unencoded plus", "startDate=2025-10-04T17:00:00+07:00", "owner", []string{"rudi"}},
		{"status and search", "status=new&search=siti", "owner", []string{"siti"}},
		{"sales sees own and unassigned", "", "ani", []string{"rudi", "siti", "dika", "lost"}},
		{"sales assignedTo other", "assignedTo=" + admin, "ani", nil},
		{"sales assignedTo me", "assignedTo=me", "ani", []string{"dika"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.env.do("GET", "/api/admin/leads?"+tt.query, "alpha.test", f.users.tokens[tt.token], nil)
			if res.Code != 200 {
				t.Fatalf("status = %d: %s", res.Code, res.Body)
			}
			leadWantIDs(t, tt.name, res, f.ids(tt.want...)...)
			if got := res.Header.Get("X-Total-Count"); got != strconv.Itoa(len(tt.want)) {
				t.Errorf("X-Total-Count = %q, want %d", got, len(tt.want))
			}
		})
	}

	t.Run("item shape", func(t *testing.T) {
		res := f.env.do("GET", "/api/admin/leads?search=siti", "alpha.test", f.users.tokens["owner"], nil)
		wantFragments(t, "siti", res.Body, `"customerPhone":"+6281987654321"`, `"customerName":"Ibu Siti"`,
			fmt.Sprintf(`"car":{"id":%d,"displayCode":"#A01","publicName":"Toyota Avanza 2020 Hitam #A01","slug":"toyota-avanza-2020-hitam-A01","brand":"Toyota","model":"Avanza","year":2020}`, f.carA),
			`"status":"new"`, `"source":"wa"`, `"assignedTo":null`, `"notes":null`, `"tags":[]`,
			`"messageCount":0`, `"lastMessageAt":null`, `"createdAt":"2025-10-01T08:00:00.000Z"`, `"closedAt":null`)
		res = f.env.do("GET", "/api/admin/leads?search=andi", "alpha.test", f.users.tokens["owner"], nil)
		wantFragments(t, "andi", res.Body, fmt.Sprintf(`"assignedTo":{"id":%d,"name":"budi","email":"budi@alpha.test","role":"admin"}`, f.users.admin.ID))
	})

	t.Run("pagination", func(t *testing.T) {
		res := f.env.do("GET", "/api/admin/leads?page=2&limit=4", "alpha.test", f.users.tokens["owner"], nil)
		leadWantIDs(t, "page 2", res, f.ids("dika", "lost")...)
		wantFragments(t, "meta", res.Body, `"meta":{"page":2,"limit":4,"total":6,"totalPages":2}`)
		if res.Header.Get("X-Total-Count") != "6" {
			t.Errorf("X-Total-Count = %q", res.Header.Get("X-Total-Count"))
		}
		res = f.env.do("GET", "/api/admin/leads?limit=500", "alpha.test", f.users.tokens["owner"], nil)
		wantFragments(t, "capped", res.Body, `"limit":100`)
		res = f.env.do("GET", "/api/admin/leads?page=9", "alpha.test", f.users.tokens["owner"], nil)
		wantFragments(t, "past the end", res.Body, `"data":[]`, `"total":6`)
	})

	bad := []struct {
		name, query string
		status      int
		fragment    string
	}{
		{"page zero", "page=0", 400, `"page"`},
		{"limit text", "limit=ten", 400, `"limit"`},
		{"carId text", "carId=abc", 400, `"carId"`},
		{"carId zero", "carId=0", 400, `"carId"`},
		{"assignedTo text", "assignedTo=someone", 400, `"assignedTo"`},
		{"startDate garbage", "startDate=yesterday", 400, `"startDate"`},
		{"endDate bad day", "endDate=2025-13-01", 400, `"endDate"`},
		{"unknown status", "status=open", 422, `"status":"Status must be`},
		{"unknown source", "source=email", 422, `"source":"Source must be`},
		{"range reversed", "startDate=2025-10-03&endDate=2025-10-01", 422, `"endDate"`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			res := f.env.do("GET", "/api/admin/leads?"+tt.query, "alpha.test", f.users.tokens["owner"], nil)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, `"success":false`, tt.fragment)
		})
	}
}

func TestLeadStats(t *testing.T) {
	f := newLeadListFixture(t)
	tests := []struct{ token, want string }{
		{"owner", `"data":{"total":6,"new":2,"hot":2,"warm":1,"cold":0,"closed":0,"lost":1,"bySource":{"direct":3,"referral":1,"wa":1,"web":1}}`},
		{"admin", `"total":6`},
		{"ani", `"data":{"total":4,"new":2,"hot":0,"warm":1,"cold":0,"closed":0,"lost":1,"bySource":{"direct":2,"referral":1,"wa":1,"web":0}}`},
		{"dika", `"data":{"total":3,"new":2,"hot":0,"warm":0,"cold":0,"closed":0,"lost":1,"bySource":{"direct":1,"referral":1,"wa":1,"web":0}}`},
	}
	for _, tt := range tests {
		res := f.env.do("GET", "/api/admin/leads/stats", "alpha.test", f.users.tokens[tt.token], nil)
		if res.Code != 200 {
			t.Fatalf("%s: status = %d: %s", tt.token, res.Code, res.Body)
		}
		wantFragments(t, tt.token, res.Body, tt.want)
	}
	// The stats path is served by the /:id route: other methods are 405,
	// not a complaint about the id, and an id route still works beside it.
	for _, method := range []string{"PUT", "DELETE", "POST"} {
		res := f.env.do(method, "/api/admin/leads/stats", "alpha.test", f.users.tokens["owner"], "{}")
		if res.Code != 405 {
			t.Errorf("%s stats: status = %d: %s", method, res.Code, res.Body)
		}
	}
	res := f.env.do("GET", "/api/admin/leads/stats", "alpha.test", "", nil)
	if res.Code != 401 {
		t.Errorf("stats without token: %d", res.Code)
	}
	res = f.env.do("GET", fmt.Sprintf("/api/admin/leads/%d", f.leads["siti"].ID), "alpha.test", f.users.tokens["owner"], nil)
	if res.Code != 200 {
		t.Errorf("view beside stats: %d %s", res.Code, res.Body)
	}
}

func TestLeadView(t *testing.T) {
	f := newLeadListFixture(t)
	ctx := context.Background()
	siti := f.leads["siti"]
	base := time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC)
	// Inserted out of order: the view sorts by time, oldest first.
	for _, m := range []*store.Message{
		{LeadID: siti.ID, Sender: store.SenderSales, Message: "Bisa test drive besok", CreatedAt: base.Add(3 * time.Minute),
			DeliveryStatus: store.DeliveryDelivered},
		{LeadID: siti.ID, Sender: store.SenderCustomer, Message: "Halo, Avanza masih ada?", CreatedAt: base.Add(time.Minute),
			Metadata: []byte(`{"type":"text"}`)},
		{LeadID: siti.ID, Sender: store.SenderBot, Message: "Masih ada, Bu.", CreatedAt: base.Add(2 * time.Minute)},
	} {
		if err := f.db.CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	res := f.env.do("GET", fmt.Sprintf("/api/admin/leads/%d", siti.ID), "alpha.test", f.users.tokens["owner"], nil)
	if res.Code != 200 {
		t.Fatalf("status = %d: %s", res.Code, res.Body)
	}
	wantFragments(t, "view", res.Body, `"price":165000000`, `"messageCount":3`,
		`"lastMessageAt":"2025-10-01T08:03:00.000Z"`,
		`"sender":"customer","message":"Halo, Avanza masih ada?","metadata":{"type":"text"},"deliveryStatus":null,"createdAt":"2025-10-01T08:01:00.000Z"`,
		`"sender":"bot","message":"Masih ada, Bu.","metadata":null`,
		`"deliveryStatus":"delivered"`)
	var detail struct {
		Messages []struct{ Sender string } `json:"messages"`
	}
	leadData(t, res, &detail)
	if len(detail.Messages) != 3 || detail.Messages[0].Sender != "customer" || detail.Messages[2].Sender != "sales" {
		t.Fatalf("messages = %+v", detail.Messages)
	}
	// A lead without messages has an empty array; the list has no price.
	res = f.env.do("GET", fmt.Sprintf("/api/admin/leads/%d", f.leads["rudi"].ID), "alpha.test", f.users.tokens["owner"], nil)
	wantFragments(t, "rudi", res.Body, `"messages":[]`, `"car":null`, `"tags":["cash"]`)
	res = f.env.do("GET", "/api/admin/leads", "alpha.test", f.users.tokens["owner"], nil)
	if strings.Contains(res.Body, `"price"`) {
		t.Errorf("list shows car price: %s", res.Body)
	}

	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/api/admin/leads/abc", 400}, {"/api/admin/leads/0", 400}, {"/api/admin/leads/-3", 400},
		{"/api/admin/leads/99999999999999999999", 400}, {"/api/admin/leads/424242", 404},
	} {
		res := f.env.do("GET", tt.path, "alpha.test", f.users.tokens["owner"], nil)
		if res.Code != tt.status {
			t.Errorf("%s: status = %d, want %d: %s", tt.path, res.Code, tt.status, res.Body)
		}
	}
}
