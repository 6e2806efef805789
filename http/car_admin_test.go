package http_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// validCarBody is a create body that passes every rule.
func validCarBody() map[string]any {
	return map[string]any{"displayCode": "#N01", "brand": "Toyota", "model": "Avanza", "year": 2020,
		"color": "Hitam", "transmission": "Manual", "km": 45000, "price": 165000000}
}

func TestCarAdminValidation(t *testing.T) {
	env := newCarEnv(t)
	env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	twentyOne := make([]string, 21)
	for i := range twentyOne {
		twentyOne[i] = fmt.Sprintf("https://cdn.example.com/%d.jpg", i)
	}
	tests := []struct {
		name   string
		edit   map[string]any // keys set (nil value: key removed)
		status int
		keys   []string // details keys that must be present
	}{
		{"brand missing", map[string]any{"brand": nil}, 422, []string{"brand"}},
		{"brand blank", map[string]any{"brand": "   "}, 422, []string{"brand"}},
		{"model missing", map[string]any{"model": nil}, 422, []string{"model"}},
		{"color null", map[string]any{"color": "null"}, 422, []string{"color"}},
		{"display code missing", map[string]any{"displayCode": nil}, 422, []string{"displayCode"}},
		{"year missing", map[string]any{"year": nil}, 422, []string{"year"}},
		{"year too old", map[string]any{"year": 1979}, 422, []string{"year"}},
		{"year too new", map[string]any{"year": 3000}, 422, []string{"year"}},
		{"km missing", map[string]any{"km": nil}, 422, []string{"km"}},
		{"km negative", map[string]any{"km": -1}, 422, []string{"km"}},
		{"km too high", map[string]any{"km": 10_000_000}, 422, []string{"km"}},
		{"price missing", map[string]any{"price": nil}, 422, []string{"price"}},
		{"price negative", map[string]any{"price": -1}, 422, []string{"price"}},
		{"price too high", map[string]any{"price": int64(1_000_000_000_000)}, 422, []string{"price"}},
		{"transmission missing", map[string]any{"transmission": nil}, 422, []string{"transmission"}},
		{"transmission unknown", map[string]any{"transmission": "CVT"}, 422, []string{"transmission"}},
		{"too many photos", map[string]any{"photos": twentyOne}, 422, []string{"photos"}},
		{"photo url unsafe", map[string]any{"photos": []string{"javascript:alert(1)"}}, 422, []string{"photos"}},
		{"too many key features", map[string]any{"keyFeatures": strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",")}, 422, []string{"keyFeatures"}},
		{"description too long", map[string]any{"description": strings.Repeat("x", 5001)}, 422, []string{"description"}},
		{"primary index without photos", map[string]any{"primaryPhotoIndex": 2}, 422, []string{"primaryPhotoIndex"}},
		{"status unknown", map[string]any{"status": "reserved"}, 422, []string{"status"}},
		{"several at once", map[string]any{"brand": "", "year": 1900, "km": nil, "price": -5, "transmission": "x"}, 422,
			[]string{"brand", "year", "km", "price", "transmission"}},
		{"everything missing", map[string]any{"displayCode": nil, "brand": nil, "model": nil, "year": nil, "color": nil,
			"transmission": nil, "km": nil, "price": nil}, 422,
			[]string{"displayCode", "brand", "model", "year", "color", "transmission", "km", "price"}},
		{"duplicate display code", map[string]any{"displayCode": "#a01"}, 409, []string{"displayCode"}},
		{"year wrong type", map[string]any{"year": "2020"}, 400, []string{"year"}},
		{"price fraction", map[string]any{"price": 1.5}, 400, []string{"price"}},
		{"slug is read-only", map[string]any{"slug": "mine"}, 400, []string{"slug"}},
		{"id is read-only", map[string]any{"id": 7}, 400, []string{"id"}},
		{"publicName is read-only", map[string]any{"publicName": "x"}, 400, []string{"publicName"}},
		{"createdAt is read-only", map[string]any{"createdAt": "2020-01-01T00:00:00.000Z"}, 400, []string{"createdAt"}},
		{"tenant is read-only", map[string]any{"tenantId": 2}, 400, []string{"tenantId"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := validCarBody()
			for k, v := range tt.edit {
				switch v {
				case nil:
					delete(body, k)
				case "null":
					body[k] = nil
				default:
					body[k] = v
				}
			}
			res := env.do("POST", "/api/admin/cars", "alpha.test", env.owner, body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			var got struct {
				Error struct {
					Details map[string]any `json:"details"`
				} `json:"error"`
			}
			res.decode(t, &got)
			for _, k := range tt.keys {
				if got.Error.Details[k] == nil {
					t.Errorf("details lack %q: %s", k, res.Body)
				}
			}
			if tt.status == 422 && len(got.Error.Details) != len(tt.keys) {
				t.Errorf("details = %v, want exactly %v", got.Error.Details, tt.keys)
			}
		})
	}
	if res := env.do("POST", "/api/admin/cars", "alpha.test", env.owner, `{"brand":`); res.Code != 400 {
		t.Errorf("malformed JSON: %d", res.Code)
	}
	if _, total, _ := env.db("alpha").FindCars(t.Context(), store.CarFilter{}); total != 1 {
		t.Errorf("a refused request wrote a car: %d cars", total)
	}
}

// TestCarAdminLifecycle walks one car through create, read, update and
// delete, each step depending on the previous one.
func TestCarAdminLifecycle(t *testing.T) {
	env := newCarEnv(t)
	env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))

	body := validCarBody()
	maps.Copy(body, map[string]any{"displayCode": "A01", "plateNumber": "l 1234 ab", "stockCode": "STK-9",
		"keyFeatures": []string{" ABS ", ""}, "status": "available", "fuelType": "Bensin"})
	res := env.do("POST", "/api/admin/cars", "alpha.test", env.admin, body)
	if res.Code != 201 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	// "A01" slugifies like "#A01", which is taken: the -2 suffix.
	wantFragments(t, "create", res.Body, `"slug":"toyota-avanza-2020-hitam-a01-2"`,
		`"publicName":"Toyota Avanza 2020 Hitam A01"`, `"plateNumberClean":"L1234AB"`, `"plateNumber":"l 1234 ab"`,
		`"keyFeatures":["ABS"]`, `"primaryPhotoIndex":0`, `"soldAt":null`, `"status":"available"`)
	id := decodeCarAnswer(t, res).Data.ID
	path := fmt.Sprintf("/api/admin/cars/%d", id)

	steps := []struct {
		name      string
		method    string
		body      any
		status    int
		fragments []string
	}{
		{"view", "GET", nil, 200, []string{`"stockCode":"STK-9"`, `"plateNumberClean":"L1234AB"`}},
		{"price only keeps slug", "PUT", map[string]any{"price": 150000000}, 200,
			[]string{`"slug":"toyota-avanza-2020-hitam-a01-2"`, `"price":150000000`, `"priceFormattedShort":"Rp 150 Jt"`}},
		{"color recomputes", "PUT", map[string]any{"color": "Putih"}, 200,
			[]string{`"slug":"toyota-avanza-2020-putih-a01"`, `"publicName":"Toyota Avanza 2020 Putih A01"`}},
		{"sold sets soldAt", "PUT", map[string]any{"status": "sold"}, 200, []string{`"status":"sold"`, `"soldAt":"20`}},
		{"leaving sold clears it", "PUT", map[string]any{"status": "booking"}, 200, []string{`"status":"booking"`, `"soldAt":null`}},
		{"null clears optional", "PUT", map[string]any{"stockCode": nil, "keyFeatures": nil}, 200,
			[]string{`"stockCode":null`, `"keyFeatures":[]`}},
		{"null required", "PUT", map[string]any{"km": nil, "brand": nil, "status": nil}, 422,
			[]string{`"km":"Km is required"`, `"brand":"Brand is required"`, `"status":"Status is required"`}},
		{"merged validation", "PUT", map[string]any{"year": 1900, "primaryPhotoIndex": 3}, 422,
			[]string{`"year"`, `"primaryPhotoIndex"`}},
		{"duplicate display code", "PUT", map[string]any{"displayCode": "#A01"}, 409,
			[]string{`"CONFLICT"`, `"Display code already exists"`}},
		{"slug not writable", "PUT", map[string]any{"slug": "x"}, 400, []string{`"slug"`}},
		{"id not writable", "PUT", map[string]any{"id": 9}, 400, []string{`"id"`}},
		{"createdAt not writable", "PUT", map[string]any{"createdAt": "2020-01-01T00:00:00.000Z"}, 400, []string{`"createdAt"`}},
		{"updatedAt not writable", "PUT", map[string]any{"updatedAt": "2020-01-01T00:00:00.000Z"}, 400, nil},
		{"soldAt not writable", "PUT", map[string]any{"soldAt": nil}, 400, nil},
		{"still unchanged", "GET", nil, 200, []string{`"slug":"toyota-avanza-2020-putih-a01"`, `"status":"booking"`, `"price":150000000`}},
		{"delete", "DELETE", nil, 200, []string{`"message":"Car deleted"`}},
		{"gone", "GET", nil, 404, []string{`"Car not found"`}},
		{"delete again", "DELETE", nil, 404, nil},
		{"update gone", "PUT", map[string]any{"price": 1}, 404, nil},
	}
	for _, s := range steps {
		res := env.do(s.method, path, "alpha.test", env.owner, s.body)
		if res.Code != s.status {
			t.Fatalf("%s: status = %d, want %d: %s", s.name, res.Code, s.status, res.Body)
		}
		wantFragments(t, s.name, res.Body, s.fragments...)
	}
}

func TestCarAdminAccess(t *testing.T) {
	env := newCarEnv(t)
	cars := env.seedCars("alpha")
	a01 := fmt.Sprintf("/api/admin/cars/%d", cars["#A01"].ID)
	update := map[string]any{"price": 1}
	tests := []struct {
		name, method, path, host, token string
		body                            any
		status                          int
		fragments                       []string
	}{
		{"sales lists", "GET", "/api/admin/cars", "alpha.test", env.sales, nil, 200,
			[]string{`"status":"draft"`, `"plateNumber":"L 1234 AB"`, `"stockCode":"STK-001"`, `"conditionNotes":`, `"updatedAt"`, `"soldAt"`, `"total":7`}},
		{"sales views", "GET", a01, "alpha.test", env.sales, nil, 200, []string{`"plateNumberClean":"L1234AB"`}},
		{"sales cannot create", "POST", "/api/admin/cars", "alpha.test", env.sales, validCarBody(), 403, []string{`"FORBIDDEN"`}},
		{"sales cannot update", "PUT", a01, "alpha.test", env.sales, update, 403, nil},
		{"sales cannot delete", "DELETE", a01, "alpha.test", env.sales, nil, 403, nil},
		{"sales cannot remove photo", "DELETE", a01 + "/photos/0", "alpha.test", env.sales, nil, 403, nil},
		{"no token", "GET", "/api/admin/cars", "alpha.test", "", nil, 401, []string{`"UNAUTHORIZED"`}},
		{"bad token", "GET", "/api/admin/cars", "alpha.test", "junk", nil, 401, nil},
		{"token of another tenant", "GET", "/api/admin/cars", "alpha.test", env.betaOwner, nil, 403, nil},
		{"token of another tenant writes", "DELETE", a01, "alpha.test", env.betaOwner, nil, 403, nil},
		{"id of another tenant", "GET", a01, "beta.test", env.betaOwner, nil, 404, []string{`"Car not found"`}},
		{"update id of another tenant", "PUT", a01, "beta.test", env.betaOwner, update, 404, nil},
		{"delete id of another tenant", "DELETE", a01, "beta.test", env.betaOwner, nil, 404, nil},
		{"non-numeric id", "GET", "/api/admin/cars/abc", "alpha.test", env.owner, nil, 400, []string{`"BAD_REQUEST"`}},
		{"zero id", "PUT", "/api/admin/cars/0", "alpha.test", env.owner, update, 400, nil},
		{"non-numeric id delete", "DELETE", "/api/admin/cars/1x", "alpha.test", env.owner, nil, 400, nil},
		{"unknown id", "GET", "/api/admin/cars/999", "alpha.test", env.owner, nil, 404, nil},
		{"wrong method", "PATCH", a01, "alpha.test", env.owner, nil, 405, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do(tt.method, tt.path, tt.host, tt.token, tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
			if tt.status == 200 && res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("admin answer cacheable: %q", res.Header.Get("Cache-Control"))
			}
		})
	}
	if c, err := env.db("alpha").FindCarByID(t.Context(), cars["#A01"].ID); err != nil || c.Price != 165_000_000 {
		t.Fatalf("a refused update changed the car: %+v %v", c, err)
	}
}

func TestCarAdminList(t *testing.T) {
	env := newCarEnv(t)
	env.seedCars("alpha")
	tests := []struct {
		query  string
		status int
		codes  string
	}{
		{"", 200, "#B01,#A03,#A02,#A01,#B03,#B02,#C01"}, // available, sold, booking, draft; newest first
		{"?status=draft", 200, "#C01"},
		{"?status=sold,booking", 200, "#B03,#B02"},
		{"?brand=honda", 200, "#B01,#B03,#B02"},
		{"?search=hr-v&sortBy=price_asc", 200, "#B03,#B02"},
		{"?sortBy=newest&limit=2", 200, "#C01,#B03"},
		{"?status=gone", 422, ""},
		{"?transmission=auto", 422, ""},
		{"?minPrice=cheap", 400, ""},
	}
	for _, tt := range tests {
		res := env.do("GET", "/api/admin/cars"+tt.query, "alpha.test", env.owner, nil)
		if res.Code != tt.status {
			t.Fatalf("%s: status = %d, want %d: %s", tt.query, res.Code, tt.status, res.Body)
		}
		if tt.status == 200 {
			if codes, _ := listCodes(t, res); codes != tt.codes {
				t.Errorf("%s: codes = %s, want %s", tt.query, codes, tt.codes)
			}
		}
	}
}
