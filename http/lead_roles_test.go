package http_test

import (
	"fmt"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// TestLeadRoles walks every cell of the lead rows of the roles table (docs/api.md, Roles): each actor (owner,
// admin, sales user Ani) does each action on a fresh lead assigned to Ani,
// to Dika (another sales user) or to nobody.
func TestLeadRoles(t *testing.T) {
	env := newTestEnv(t)
	users := leadTenant(env, "alpha")
	db := env.db("alpha")
	ids := map[string]int64{"owner": users.owner.ID, "admin": users.admin.ID, "ani": users.ani.ID, "dika": users.dika.ID}
	assignee := map[string]*int64{"ani": &users.ani.ID, "dika": &users.dika.ID, "none": nil}

	type cell struct {
		actor, action, lead string // lead: ani, dika, none
		status              int
	}
	var cells []cell
	// Owners and admins may do everything to every lead.
	for _, actor := range []string{"owner", "admin"} {
		for _, lead := range []string{"ani", "dika", "none"} {
			for action, status := range map[string]int{"view": 200, "update": 200, "status": 200,
				"claim": 200, "assign other": 200, "unassign": 200, "delete": 200} {
				cells = append(cells, cell{actor, action, lead, status})
			}
		}
		cells = append(cells, cell{actor, "create", "", 201})
	}
	cells = append(cells,
		// A lead assigned to Ani: hers to work, not to hand on or delete.
		cell{"ani", "view", "ani", 200},
		cell{"ani", "update", "ani", 200},
		cell{"ani", "update keeping herself", "ani", 200},
		cell{"ani", "update reassigning", "ani", 403},
		cell{"ani", "status", "ani", 200},
		cell{"ani", "claim", "ani", 403},
		cell{"ani", "assign other", "ani", 403},
		cell{"ani", "unassign", "ani", 403},
		cell{"ani", "delete", "ani", 403},
		// Dika's lead is invisible to Ani: 404 whatever she tries, except
		// delete, which her role may never do.
		cell{"ani", "view", "dika", 404},
		cell{"ani", "update", "dika", 404},
		cell{"ani", "status", "dika", 404},
		cell{"ani", "claim", "dika", 404},
		cell{"ani", "assign other", "dika", 404},
		cell{"ani", "unassign", "dika", 404},
		cell{"ani", "delete", "dika", 403},
		// An unassigned lead: visible, claimable, not changeable until claimed.
		cell{"ani", "view", "none", 200},
		cell{"ani", "update", "none", 403},
		cell{"ani", "update keeping herself", "none", 403},
		cell{"ani", "status", "none", 403},
		cell{"ani", "claim", "none", 200},
		cell{"ani", "assign other", "none", 403},
		cell{"ani", "unassign", "none", 403},
		cell{"ani", "delete", "none", 403},
		cell{"ani", "create", "", 201},
	)

	n := 0
	for _, c := range cells {
		t.Run(fmt.Sprintf("%s %s lead of %s", c.actor, c.action, c.lead), func(t *testing.T) {
			n++
			path := "/api/admin/leads"
			var lead *store.Lead
			if c.lead != "" {
				lead = leadMust(t, db, &store.Lead{CustomerPhone: leadPhone(n), AssignedToUserID: assignee[c.lead]})
				path = fmt.Sprintf("/api/admin/leads/%d", lead.ID)
			}
			other := ids["dika"]
			if c.actor == "admin" || c.actor == "owner" {
				other = ids["ani"]
			}
			method, body := "GET", ""
			switch c.action {
			case "view":
			case "update":
				method, body = "PUT", `{"notes":"called","tags":["hot"]}`
			case "update keeping herself":
				method, body = "PUT", fmt.Sprintf(`{"notes":"called","assignedToUserId":%d}`, ids[c.actor])
			case "update reassigning":
				method, body = "PUT", fmt.Sprintf(`{"assignedToUserId":%d}`, other)
			case "status":
				method, body, path = "PUT", `{"status":"hot"}`, path+"/status"
			case "claim":
				method, body, path = "PUT", fmt.Sprintf(`{"userId":%d}`, ids[c.actor]), path+"/assign"
			case "assign other":
				method, body, path = "PUT", fmt.Sprintf(`{"userId":%d}`, other), path+"/assign"
			case "unassign":
				method, body, path = "PUT", `{"userId":null}`, path+"/assign"
			case "delete":
				method = "DELETE"
			case "create":
				method, body = "POST", fmt.Sprintf(`{"customerPhone":%q}`, leadPhone(1000+n))
			default:
				t.Fatalf("unknown action %q", c.action)
			}
			var reqBody any
			if body != "" {
				reqBody = body
			}
			res := env.do(method, path, "alpha.test", users.tokens[c.actor], reqBody)
			if res.Code != c.status {
				t.Fatalf("%s %s: status = %d, want %d: %s", method, path, res.Code, c.status, res.Body)
			}
			if c.status >= 400 && lead != nil {
				// A refused action changes nothing.
				after, err := db.FindLeadByID(t.Context(), lead.ID)
				if err != nil || after.Notes != "" || after.Status != store.LeadNew || !sameLeadID(after.AssignedToUserID, lead.AssignedToUserID) {
					t.Fatalf("refused action changed the lead: %+v %v", after, err)
				}
			}
		})
	}
}

func sameLeadID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// TestLeadTenantIsolation proves one showroom's leads are out of another's
// reach: ids of tenant A are unknown on B's host, and A's token is refused
// there.
func TestLeadTenantIsolation(t *testing.T) {
	env := newTestEnv(t)
	alpha := leadTenant(env, "alpha")
	env.createTenant("beta")
	betaOwner := env.createUser("beta", "owner@beta.test", store.RoleOwner)
	betaToken := env.tokenFor("beta", betaOwner)
	l := leadMust(t, env.db("alpha"), &store.Lead{CustomerPhone: "081200000001", Notes: "alpha secret"})
	path := fmt.Sprintf("/api/admin/leads/%d", l.ID)

	for _, tt := range []struct {
		method, path, body string
	}{
		{"GET", path, ""},
		{"PUT", path, `{"notes":"hijack"}`},
		{"PUT", path + "/status", `{"status":"lost"}`},
		{"PUT", path + "/assign", `{"userId":null}`},
		{"DELETE", path, ""},
	} {
		var body any
		if tt.body != "" {
			body = tt.body
		}
		if res := env.do(tt.method, tt.path, "beta.test", betaToken, body); res.Code != 404 {
			t.Errorf("%s %s on beta: %d, want 404: %s", tt.method, tt.path, res.Code, res.Body)
		}
		if res := env.do(tt.method, tt.path, "beta.test", alpha.tokens["owner"], body); res.Code != 403 {
			t.Errorf("%s %s with alpha's token on beta: %d, want 403: %s", tt.method, tt.path, res.Code, res.Body)
		}
	}
	res := env.do("GET", "/api/admin/leads", "beta.test", betaToken, nil)
	wantFragments(t, "beta list", res.Body, `"data":[]`, `"total":0`)
	res = env.do("GET", "/api/admin/leads/stats", "beta.test", betaToken, nil)
	wantFragments(t, "beta stats", res.Body, `"total":0`)
	if res := env.do("GET", "/api/admin/leads", "beta.test", alpha.tokens["owner"], nil); res.Code != 403 {
		t.Errorf("alpha token lists beta: %d", res.Code)
	}
	res = env.do("GET", path, "alpha.test", alpha.tokens["owner"], nil)
	wantFragments(t, "alpha untouched", res.Body, `"notes":"alpha secret"`, `"status":"new"`)
}
