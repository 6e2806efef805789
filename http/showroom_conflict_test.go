package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// A dealer who tries another showroom's WhatsApp number learns that it is
// taken, never which showroom holds it.
func TestShowroomUpdateConflictNamesNoOtherShowroom(t *testing.T) {
	env := newTestEnv(t)
	env.createTenant("alpha")
	env.createTenantWith("beta", func(t *tenants.Tenant) {
		t.Name = "Dealer Rahasia"
		t.WhatsAppNumber = "6281112223333"
	})
	token := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
	res := env.do("PUT", "/api/admin/tenant", "alpha.test", token, map[string]string{"whatsappNumber": "0811-1222-3333"})
	wantStatusCode(t, "taken number", res, http.StatusConflict)
	wantFragments(t, "taken number", res.Body, `"whatsappNumber":"WhatsApp number is already used by another showroom"`)
	for _, secret := range []string{"beta", "Dealer Rahasia"} {
		if strings.Contains(res.Body, secret) {
			t.Errorf("the answer names the other showroom (%q): %s", secret, res.Body)
		}
	}
}
