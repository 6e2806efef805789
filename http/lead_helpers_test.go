package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
)

// leadInsertCar puts a car straight into a tenant's table (the cars API is
// not under test here) and returns its id.
func leadInsertCar(tb testing.TB, db *store.DB, code, status string) int64 {
	tb.Helper()
	res, err := sqldbtest.Open(tb, db.Path()).Write.Exec(`INSERT INTO cars (display_code, public_name, slug, brand, model, year,
		color, transmission, km, price, status, created_at, updated_at)
		VALUES (?, ?, ?, 'Toyota', 'Avanza', 2020, 'Hitam', 'Manual', 45000, 165000000, ?, 0, 0)`,
		"#"+code, "Toyota Avanza 2020 Hitam #"+code, "toyota-avanza-2020-hitam-"+code, status)
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// leadUsers are the signed-in users of a lead test tenant.
type leadUsers struct {
	owner, admin, ani, dika *store.User
	tokens                  map[string]string // by "owner", "admin", "ani", "dika"
}

// leadTenant creates tenant slug with an owner, an admin and two sales users
// (Ani and Dika) and tokens for each.
func leadTenant(env *testEnv, slug string) *leadUsers {
	env.t.Helper()
	env.createTenant(slug)
	u := &leadUsers{
		owner: env.createUser(slug, "owner@"+slug+".test", store.RoleOwner),
		admin: env.createUser(slug, "budi@"+slug+".test", store.RoleAdmin),
		ani:   env.createUser(slug, "ani@"+slug+".test", store.RoleSales),
		dika:  env.createUser(slug, "dika@"+slug+".test", store.RoleSales),
	}
	u.tokens = map[string]string{
		"owner": env.tokenFor(slug, u.owner), "admin": env.tokenFor(slug, u.admin),
		"ani": env.tokenFor(slug, u.ani), "dika": env.tokenFor(slug, u.dika),
	}
	return u
}

// leadMust creates a lead through the store or fails the test.
func leadMust(tb testing.TB, db *store.DB, l *store.Lead) *store.Lead {
	tb.Helper()
	if err := db.CreateLead(context.Background(), l); err != nil {
		tb.Fatalf("CreateLead %s: %v", l.CustomerPhone, err)
	}
	return l
}

// leadPhone returns a distinct valid phone for the n-th lead of a test.
func leadPhone(n int) string { return fmt.Sprintf("0812%08d", n) }

// leadIDsOf returns the ids of a list response's items, in order.
func leadIDsOf(tb testing.TB, res *response) []int64 {
	tb.Helper()
	var body struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	res.decode(tb, &body)
	ids := make([]int64, 0, len(body.Data))
	for _, d := range body.Data {
		ids = append(ids, d.ID)
	}
	return ids
}

// leadWantIDs fails unless the list response holds exactly want, in order.
func leadWantIDs(tb testing.TB, label string, res *response, want ...int64) {
	tb.Helper()
	if got := leadIDsOf(tb, res); !slices.Equal(got, want) {
		tb.Errorf("%s: ids = %v, want %v", label, got, want)
	}
}

// leadData decodes a response's data into v.
func leadData(tb testing.TB, res *response, v any) {
	tb.Helper()
	var body struct {
		Data json.RawMessage `json:"data"`
	}
	res.decode(tb, &body)
	if err := json.Unmarshal(body.Data, v); err != nil {
		tb.Fatalf("decode data %s: %v", body.Data, err)
	}
}
