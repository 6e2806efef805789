package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// Control characters have no place in the text a dealer types: each write
// that carries one is refused with 422 naming the field. Multi-line fields
// keep their line breaks and tabs.
func TestControlCharactersRefused(t *testing.T) {
	env := newCarEnv(t)
	ownerUser, err := env.db("alpha").FindUserByEmail(context.Background(), "owner@alpha.test")
	if err != nil {
		t.Fatal(err)
	}
	lead := leadMust(t, env.db("alpha"), &store.Lead{CustomerPhone: "081200000001", AssignedToUserID: &ownerUser.ID})
	leadPath := fmt.Sprintf("/api/admin/leads/%d", lead.ID)
	// Replies queue only for a showroom wired to WhatsApp.
	wantStatusCode(t, "fonnte token", env.do("PUT", "/api/admin/tenant", "alpha.test", env.owner,
		map[string]string{"fonnteToken": "fonnte-token"}), http.StatusOK)
	car := func(edit map[string]any) map[string]any {
		body := validCarBody()
		for k, v := range edit {
			body[k] = v
		}
		return body
	}
	const esc = "Alpha\x1b[31m Motor\x07"
	tests := []struct {
		name, method, path string
		body               any
		status             int
		field              string // the field the 422 names
	}{
		{"showroom name with ESC", "PUT", "/api/admin/tenant", map[string]string{"name": esc}, 422, "name"},
		{"showroom city with NUL", "PUT", "/api/admin/tenant", map[string]string{"city": "Sura\x00baya"}, 422, "city"},
		{"showroom address with C1 CSI", "PUT", "/api/admin/tenant", map[string]string{"address": "Jl. \u009b2J Raya"}, 422, "address"},
		{"showroom address with a line break", "PUT", "/api/admin/tenant", map[string]string{"address": "Jl. Raya\n12"}, 422, "address"},
		{"showroom phone with DEL", "PUT", "/api/admin/tenant", map[string]string{"phone": "031\x7f123"}, 422, "phone"},
		{"showroom maps URL with a bidi override", "PUT", "/api/admin/tenant", map[string]string{"mapsUrl": "https://maps.example.com/\u202eq"}, 422, "mapsUrl"},
		{"showroom name with a bidi override", "PUT", "/api/admin/tenant", map[string]string{"name": "Motor \u202eayaJ"}, 422, "name"},
		{"user name with ESC", "POST", "/api/admin/users", map[string]string{
			"name": esc, "email": "x@alpha.test", "password": "password123", "role": "sales"}, 422, "name"},
		{"user phone with ESC", "POST", "/api/admin/users", map[string]string{
			"name": "Ani", "phone": "0812\x1b[0m", "email": "x@alpha.test", "password": "password123", "role": "sales"}, 422, "phone"},
		{"user rename with BEL", "PUT", fmt.Sprintf("/api/admin/users/%d", ownerUser.ID), map[string]string{"name": "Owner\x07"}, 422, "name"},
		{"car brand with NUL", "POST", "/api/admin/cars", car(map[string]any{"brand": "Toyota\x00"}), 422, "brand"},
		{"car model with ESC", "POST", "/api/admin/cars", car(map[string]any{"model": "Avanza\x1b]0;owned\x07"}), 422, "model"},
		{"car plate with a tab", "POST", "/api/admin/cars", car(map[string]any{"plateNumber": "L\t1234"}), 422, "plateNumber"},
		{"car key feature with NUL", "POST", "/api/admin/cars", car(map[string]any{"keyFeatures": []string{"ABS\x00"}}), 422, "keyFeatures"},
		{"car description with ESC", "POST", "/api/admin/cars", car(map[string]any{"description": "Mulus\x1b[2J"}), 422, "description"},
		{"car description with lines and tabs", "POST", "/api/admin/cars",
			car(map[string]any{"displayCode": "#N02", "description": "Mulus\r\nServis rutin\n\tBan baru", "conditionNotes": "Lecet\nhalus"}), 201, ""},
		{"car description with a lone CR", "POST", "/api/admin/cars", car(map[string]any{"displayCode": "#N03", "conditionNotes": "Lecet\rhalus"}), 422, "conditionNotes"},
		{"lead notes with ESC", "PUT", leadPath, map[string]string{"notes": "Hubungi\x1b[8m lagi"}, 422, "notes"},
		{"lead name with NUL", "PUT", leadPath, map[string]string{"customerName": "Budi\x00"}, 422, "customerName"},
		{"lead tag with ESC", "PUT", leadPath, map[string]any{"tags": []string{"vip\x1b"}}, 422, "tags"},
		{"lead notes with lines and tabs", "PUT", leadPath, map[string]string{"notes": "Baris satu\r\nBaris dua\n\tcatatan"}, 200, ""},
		{"new lead name with ESC", "POST", "/api/admin/leads", map[string]string{"customerPhone": "081200000002", "customerName": esc}, 422, "customerName"},
		{"message with ESC", "POST", leadPath + "/messages", map[string]string{"message": "Halo\x1b[31m Pak"}, 422, "message"},
		{"message with lines", "POST", leadPath + "/messages", map[string]string{"message": "Halo Pak,\nmobilnya masih ada."}, 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do(tt.method, tt.path, "alpha.test", env.owner, tt.body)
			wantStatusCode(t, tt.name, res, tt.status)
			if tt.field != "" {
				wantFragments(t, tt.name, res.Body, `"`+tt.field+`":"`, "must not contain control characters")
			}
		})
	}
	res := env.do("POST", "/api/admin/cars", "alpha.test", env.owner, car(map[string]any{"photos": []string{"/uploads/a\x1b.jpg"}}))
	wantStatusCode(t, "photo path with ESC", res, http.StatusUnprocessableEntity)
	wantFragments(t, "photo path with ESC", res.Body, `"photos":"Each photo must be an /uploads/ path or an http(s) URL"`)

	res = env.do("GET", "/api/cars/facets", "alpha.test", "", nil)
	wantStatusCode(t, "facets", res, http.StatusOK)
	if strings.Contains(res.Body, `\u0000`) || strings.Contains(res.Body, "\x00") {
		t.Errorf("the facets show a NUL: %s", res.Body)
	}
}

// What a customer sends through WhatsApp is stored as it came, control
// characters and all, and a name that arrived that way does not stop the
// dealer from working the lead.
func TestControlCharactersFromCustomersKept(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	token := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
	db := env.db("alpha")
	in, err := db.RecordInboundMessage(context.Background(), store.InboundMessage{
		Phone: "081200000003", Name: "Budi\x1b[31m", Message: "Masih ada?\x07\x00"})
	if err != nil {
		t.Fatalf("a customer's message with control characters: %v", err)
	}
	res := env.do("PUT", fmt.Sprintf("/api/admin/leads/%d", in.LeadID), "alpha.test", token, map[string]string{"status": "hot"})
	wantStatusCode(t, "status of a lead named over WhatsApp", res, http.StatusOK)
	wantFragments(t, "lead", res.Body, `"customerName":"Budi\u001b[31m"`)
	res = env.do("GET", fmt.Sprintf("/api/admin/leads/%d", in.LeadID), "alpha.test", token, nil)
	wantFragments(t, "lead messages", res.Body, `Masih ada?\u0007\u0000`)
}
