package http_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestInquiry(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	env.createTenant("beta")
	db := env.db("alpha")
	car := leadInsertCar(t, db, "A01", store.CarAvailable)
	leadInsertCar(t, db, "A04", store.CarBooking)
	leadInsertCar(t, env.db("beta"), "B01", store.CarAvailable)
	ctx := context.Background()

	res := env.do("POST", "/api/leads", "alpha.test", "", map[string]any{
		"name": " Ibu Siti ", "phone": "0812-3456-7890", "carSlug": "toyota-avanza-2020-hitam-A01"})
	if res.Code != 201 {
		t.Fatalf("new lead: %d %s", res.Code, res.Body)
	}
	var first struct {
		LeadID int64 `json:"leadId"`
	}
	leadData(t, res, &first)
	l, err := db.FindLeadByID(ctx, first.LeadID)
	if err != nil {
		t.Fatal(err)
	}
	if l.CustomerPhone != "+6281234567890" || l.CustomerName != "Ibu Siti" || l.Source != store.SourceWeb ||
		l.Status != store.LeadNew || l.CarID == nil || *l.CarID != car || l.MessageCount != 1 {
		t.Fatalf("lead = %+v", l)
	}

	// The same phone, written differently, lands on the same open lead.
	res = env.do("POST", "/api/leads", "alpha.test", "", map[string]any{
		"name": "Siti", "phone": "+62 812 3456 7890", "message": "Bisa kredit?"})
	if res.Code != 201 || !strings.Contains(res.Body, fmt.Sprintf(`"data":{"leadId":%d}`, first.LeadID)) {
		t.Fatalf("reuse: %d %s", res.Code, res.Body)
	}
	msgs, err := db.FindMessages(ctx, first.LeadID)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("messages = %d %v", len(msgs), err)
	}
	if msgs[0].Message != "Inquiry from the website about Toyota Avanza 2020 Hitam #A01" ||
		msgs[1].Message != "Bisa kredit?" || msgs[1].Sender != store.SenderCustomer {
		t.Fatalf("messages = %q, %q (%s)", msgs[0].Message, msgs[1].Message, msgs[1].Sender)
	}
	res = env.do("POST", "/api/leads", "alpha.test", "", map[string]any{"name": "Rudi", "phone": "081200000009"})
	if res.Code != 201 {
		t.Fatalf("without car: %d %s", res.Code, res.Body)
	}
	var second struct {
		LeadID int64 `json:"leadId"`
	}
	leadData(t, res, &second)
	if msgs, _ := db.FindMessages(ctx, second.LeadID); len(msgs) != 1 || msgs[0].Message != "Inquiry from the website" {
		t.Fatalf("default message = %+v", msgs)
	}

	tests := []struct {
		name, host string
		body       any
		status     int
		frags      []string
	}{
		{"bad phone", "alpha.test", map[string]any{"name": "A", "phone": "12345"}, 422, []string{`"phone":"Invalid phone number format"`}},
		{"missing name and phone", "alpha.test", map[string]any{}, 422, []string{`"name":"Name is required"`, `"phone":"Phone is required"`}},
		{"name too long", "alpha.test", map[string]any{"name": strings.Repeat("a", 101), "phone": "081200000001"}, 422, []string{`"name"`}},
		{"message too long", "alpha.test", map[string]any{"name": "A", "phone": "081200000001", "message": strings.Repeat("m", 2001)}, 422, []string{`"message"`}},
		{"car on booking", "alpha.test", map[string]any{"name": "A", "phone": "081200000001", "carSlug": "toyota-avanza-2020-hitam-A04"}, 422, []string{`"carSlug":"Car is not available"`}},
		{"unknown car", "alpha.test", map[string]any{"name": "A", "phone": "081200000001", "carSlug": "nope"}, 422, []string{`"carSlug"`}},
		{"car of another showroom", "alpha.test", map[string]any{"name": "A", "phone": "081200000001", "carSlug": "toyota-avanza-2020-hitam-B01"}, 422, []string{`"carSlug"`}},
		{"unknown key", "alpha.test", map[string]any{"name": "A", "phone": "081200000001", "status": "hot"}, 400, []string{`"BAD_REQUEST"`}},
		{"malformed", "alpha.test", `{"name":`, 400, []string{`"BAD_REQUEST"`}},
		{"unknown host", "nobody.test", map[string]any{"name": "A", "phone": "081200000001"}, 404, []string{`"Showroom not found"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("POST", "/api/leads", tt.host, "", tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.frags...)
		})
	}
	if st, _ := db.FindLeadStats(ctx, nil); st.Total != 2 {
		t.Fatalf("rejected inquiries created leads: total %d", st.Total)
	}
	if st, _ := env.db("beta").FindLeadStats(ctx, nil); st.Total != 0 {
		t.Fatalf("beta got leads: %d", st.Total)
	}
}

// TestInquiryRateLimit: the public form has its own per-IP class (docs/api.md, Rate limits;
// 10 per hour, burst 3), separate from the catalogue's.
func TestInquiryRateLimit(t *testing.T) {
	env := newTestEnv(t, withRates(nil))
	env.createTenant("alpha")
	post := func(peer string, n int) *response {
		r := httptest.NewRequest("POST", "/api/leads", strings.NewReader(
			fmt.Sprintf(`{"name":"Tamu","phone":%q}`, leadPhone(n))))
		r.Host, r.RemoteAddr = "alpha.test", peer
		r.Header.Set("Content-Type", "application/json")
		return env.serve(r)
	}
	for i := range 3 {
		if res := post("203.0.113.7:1000", i); res.Code != 201 || res.Header.Get("X-RateLimit-Limit") == "" {
			t.Fatalf("inquiry %d: %d %v %s", i, res.Code, res.Header, res.Body)
		}
	}
	res := post("203.0.113.7:1000", 3)
	if res.Code != 429 || res.Header.Get("Retry-After") == "" {
		t.Fatalf("fourth inquiry: %d %s", res.Code, res.Body)
	}
	if res := post("203.0.113.8:1000", 4); res.Code != 201 {
		t.Fatalf("another visitor limited: %d", res.Code)
	}
	r := httptest.NewRequest("GET", "/api/tenant", nil)
	r.Host, r.RemoteAddr = "alpha.test", "203.0.113.7:1000"
	if res := env.serve(r); res.Code != 200 {
		t.Fatalf("catalogue limited by the form's bucket: %d", res.Code)
	}
}
