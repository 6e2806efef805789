package http_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// A body means one thing or is refused: every key must be spelled exactly
// as documented, and no object may give a key twice.
func TestJSONBodyKeysStrict(t *testing.T) {
	env := newCarEnv(t)
	car := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	const rest = `"displayCode":"#N01","model":"Avanza","year":2020,"color":"Hitam","transmission":"Manual","km":45000`
	tests := []struct {
		name, method, path, token, body string
		key, message                    string // the details key and the message the answer names
	}{
		{"car create, upper-case key", "POST", "/api/admin/cars", env.owner,
			`{"BRAND":"Toyota","price":165000000,` + rest + `}`, "BRAND", `Unknown or read-only field \"BRAND\"`},
		{"car create, capitalised key", "POST", "/api/admin/cars", env.owner,
			`{"Brand":"Toyota","price":165000000,` + rest + `}`, "Brand", `Unknown or read-only field \"Brand\"`},
		{"car create, duplicate key", "POST", "/api/admin/cars", env.owner,
			`{"brand":"Toyota","price":1,"price":165000000,` + rest + `}`, "price", `Duplicate field \"price\"`},
		{"car update, duplicate key", "PUT", fmt.Sprint("/api/admin/cars/", car.ID), env.owner,
			`{"price":1,"price":2}`, "price", `Duplicate field \"price\"`},
		{"car update, key differing in case from another", "PUT", fmt.Sprint("/api/admin/cars/", car.ID), env.owner,
			`{"price":1,"PRICE":2}`, "PRICE", `Unknown or read-only field \"PRICE\"`},
		{"login, upper-case key", "POST", "/api/admin/auth/login", "",
			`{"EMAIL":"owner@alpha.test","password":"password123"}`, "EMAIL", `Unknown or read-only field \"EMAIL\"`},
		{"login, duplicate key", "POST", "/api/admin/auth/login", "",
			`{"email":"nobody@alpha.test","email":"owner@alpha.test","password":"password123"}`, "email", `Duplicate field \"email\"`},
		{"showroom, duplicate key in a map", "PUT", "/api/admin/tenant", env.owner,
			`{"businessHours":{"monday":"08:00-17:00","monday":"closed"}}`, "businessHours.monday", `Duplicate field \"businessHours.monday\"`},
		{"showroom, duplicate key deep in settings", "PUT", "/api/admin/tenant", env.owner,
			`{"settings":{"theme":{"dark":true,"dark":false}}}`, "settings.theme.dark", `Duplicate field \"settings.theme.dark\"`},
		{"lead create, duplicate key", "POST", "/api/admin/leads", env.owner,
			`{"customerPhone":"081200000001","tags":["a"],"customerName":"A","customerName":"B"}`, "customerName", `Duplicate field \"customerName\"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do(tt.method, tt.path, "alpha.test", tt.token, tt.body)
			if res.Code != 400 {
				t.Fatalf("status = %d, want 400: %s", res.Code, res.Body)
			}
			var got struct {
				Error struct {
					Message string         `json:"message"`
					Details map[string]any `json:"details"`
				} `json:"error"`
			}
			res.decode(t, &got)
			if got.Error.Details[tt.key] == nil || len(got.Error.Details) != 1 {
				t.Errorf("details = %v, want only %q", got.Error.Details, tt.key)
			}
			wantFragments(t, tt.name, res.Body, `"message":"`+tt.message+`"`)
		})
	}
	if _, total, _ := env.db("alpha").FindCars(context.Background(), store.CarFilter{}); total != 1 {
		t.Errorf("a refused body wrote a car: %d cars", total)
	}
	if c, err := env.db("alpha").FindCarByID(context.Background(), car.ID); err != nil || c.Price != 165_000_000 {
		t.Errorf("a refused update changed the car: %v %v", c, err)
	}
	// Exact keys and values in arrays and nested objects still pass.
	if res := env.do("PUT", "/api/admin/tenant", "alpha.test", env.owner,
		`{"businessHours":{"monday":"08:00-17:00","tuesday":"08:00-17:00"},"settings":{"a":[{"x":1},{"x":2}],"A":1}}`); res.Code != 200 {
		t.Errorf("a valid showroom update: %d %s", res.Code, res.Body)
	}
}
