package http_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
)

// seedCars fills tenant slug with a small inventory, oldest first.
func (e *carEnv) seedCars(slug string) map[string]*store.Car {
	e.t.Helper()
	cars := map[string]*store.Car{}
	add := func(c *store.Car, edit func(c *store.Car)) {
		if edit != nil {
			edit(c)
		}
		cars[c.DisplayCode] = e.addCar(slug, c)
	}
	add(testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable), func(c *store.Car) {
		c.Transmission, c.Km, c.PlateNumber, c.StockCode = store.TransmissionManual, 45000, "L 1234 AB", "STK-001"
		c.ConditionNotes, c.Description, c.KeyFeatures = "Lecet halus di bumper", "Mulus, pajak hidup", []string{"ABS", "Airbag"}
	})
	add(testCar("#A02", "Toyota", "Avanza", 2021, 185_000_000, store.CarAvailable), func(c *store.Car) { c.Km, c.Color = 32000, "Silver" })
	add(testCar("#A03", "Toyota", "Innova Reborn", 2019, 285_000_000, store.CarAvailable), func(c *store.Car) {
		c.Km, c.FuelType, c.Color = 58000, "Diesel", "Putih"
	})
	add(testCar("#B01", "Honda", "Brio Satya", 2019, 135_000_000, store.CarAvailable), func(c *store.Car) {
		c.Transmission, c.Km, c.Color = store.TransmissionManual, 52000, "Merah"
		c.Photos = []string{"/uploads/00000000000000000000000000000001.jpg", "/uploads/00000000000000000000000000000002.jpg"}
		c.PrimaryPhotoIndex = 1
	})
	add(testCar("#B02", "Honda", "HR-V SE", 2022, 385_000_000, store.CarBooking), nil)
	add(testCar("#B03", "Honda", "HR-V Prestige", 2018, 285_000_000, store.CarSold), nil)
	add(testCar("#C01", "Daihatsu", "Xenia R", 2021, 175_000_000, store.CarDraft), nil)
	return cars
}

// listCodes decodes a car list and returns its display codes in order.
func listCodes(t testing.TB, res *response) (string, int64) {
	t.Helper()
	var body struct {
		Data []struct {
			DisplayCode string `json:"displayCode"`
		} `json:"data"`
		Meta struct {
			Total int64 `json:"total"`
		} `json:"meta"`
	}
	res.decode(t, &body)
	codes := make([]string, len(body.Data))
	for i, c := range body.Data {
		codes[i] = c.DisplayCode
	}
	return strings.Join(codes, ","), body.Meta.Total
}

func TestCarPublicList(t *testing.T) {
	env := newCarEnv(t)
	env.seedCars("alpha")
	tests := []struct {
		name, query string
		status      int
		codes       string // display codes in order, for 200
		fragments   []string
	}{
		{"available newest", "", 200, "#B01,#A03,#A02,#A01", []string{`"totalPages":1`, `"limit":20`}},
		{"brand any case", "?brand=toyota", 200, "#A03,#A02,#A01", nil},
		{"model substring", "?model=REBORN", 200, "#A03", nil},
		{"min year", "?minYear=2020", 200, "#A02,#A01", nil},
		{"max year", "?maxYear=2019", 200, "#B01,#A03", nil},
		{"price range", "?minPrice=150000000&maxPrice=190000000", 200, "#A02,#A01", nil},
		{"transmission", "?transmission=Manual", 200, "#B01,#A01", nil},
		{"fuel type", "?fuelType=diesel", 200, "#A03", nil},
		{"search", "?search=merah", 200, "#B01", nil},
		{"search display code", "?search=%23a0", 200, "#A03,#A02,#A01", nil},
		{"search is literal", "?search=%25", 200, "", nil},
		{"sort price asc", "?sortBy=price_asc", 200, "#B01,#A01,#A02,#A03", nil},
		{"sort price desc", "?sortBy=price_desc", 200, "#A03,#A02,#A01,#B01", nil},
		{"sort km asc", "?sortBy=km_asc", 200, "#A02,#A01,#B01,#A03", nil},
		{"sort year desc", "?sortBy=year_desc", 200, "#A02,#A01,#B01,#A03", nil},
		{"sort newest", "?sortBy=newest", 200, "#B01,#A03,#A02,#A01", nil},
		{"page 2", "?limit=3&page=2", 200, "#A01", []string{`"page":2`, `"limit":3`, `"total":4`, `"totalPages":2`}},
		{"limit capped", "?limit=500", 200, "#B01,#A03,#A02,#A01", []string{`"limit":100`}},
		{"combined", "?brand=Toyota&maxPrice=200000000&sortBy=price_asc", 200, "#A01,#A02", nil},
		{"status ignored", "?status=sold", 200, "#B01,#A03,#A02,#A01", nil},
		{"bad transmission", "?transmission=CVT", 422, "", []string{`"VALIDATION_ERROR"`, `"transmission"`}},
		{"bad sortBy", "?sortBy=cheapest", 422, "", []string{`"VALIDATION_ERROR"`, `"sortBy"`}},
		{"admin sortBy", "?sortBy=status", 422, "", []string{`"sortBy"`}},
		{"bad minYear", "?minYear=abc", 400, "", []string{`"BAD_REQUEST"`, `"minYear"`}},
		{"bad maxPrice", "?maxPrice=1e9", 400, "", []string{`"maxPrice"`}},
		{"bad page", "?page=0", 400, "", []string{`"page"`}},
		{"bad limit", "?limit=x", 400, "", []string{`"limit"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("GET", "/api/cars"+tt.query, "alpha.test", "", nil)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
			if tt.status != 200 {
				if cc := res.Header.Get("Cache-Control"); cc != "" {
					t.Errorf("error answer cached: %q", cc)
				}
				return
			}
			if codes, _ := listCodes(t, res); codes != tt.codes {
				t.Fatalf("codes = %s, want %s", codes, tt.codes)
			}
			if res.Header.Get("X-Total-Count") == "" || res.Header.Get("Cache-Control") != "public, max-age=30" {
				t.Errorf("headers: %v", res.Header)
			}
		})
	}
}

func TestCarPublicFields(t *testing.T) {
	env := newCarEnv(t)
	env.seedCars("alpha")
	res := env.do("GET", "/api/cars?search=%23B01", "alpha.test", "", nil)
	wantFragments(t, "B01", res.Body,
		`"primaryPhoto":"/uploads/00000000000000000000000000000002.jpg"`, `"photoCount":2`,
		`"priceFormatted":"Rp 135.000.000"`, `"priceFormattedShort":"Rp 135 Jt"`,
		`"keyFeatures":[]`, `"description":null`, `"fuelType":"Bensin"`, `"slug":"honda-brio-satya-2019-merah-b01"`,
		`"publicName":"Honda Brio Satya 2019 Merah #B01"`)
	res = env.do("GET", "/api/cars?search=%23A01", "alpha.test", "", nil)
	wantFragments(t, "A01", res.Body, `"primaryPhoto":null`, `"photos":[]`, `"photoCount":0`,
		`"keyFeatures":["ABS","Airbag"]`, `"createdAt":"20`)

	// The list never leaks the dealer's own fields.
	res = env.do("GET", "/api/cars", "alpha.test", "", nil)
	for _, leak := range []string{"plateNumber", "stockCode", "conditionNotes", `"status"`, "L 1234 AB", "STK-001", "updatedAt", "soldAt"} {
		if strings.Contains(res.Body, leak) {
			t.Errorf("list leaks %s: %s", leak, res.Body)
		}
	}
}

func TestCarPublicView(t *testing.T) {
	env := newCarEnv(t)
	env.seedCars("alpha")
	tests := []struct {
		name, host, slug string
		status           int
		fragments        []string
	}{
		{"available", "alpha.test", "toyota-avanza-2020-hitam-a01", 200, []string{`"displayCode":"#A01"`,
			`"conditionNotes":"Lecet halus di bumper"`, `"updatedAt":"20`, `"description":"Mulus, pajak hidup"`}},
		{"booking", "alpha.test", "honda-hr-v-se-2022-hitam-b02", 404, []string{`"Car not found"`}},
		{"sold", "alpha.test", "honda-hr-v-prestige-2018-hitam-b03", 404, []string{`"Car not found"`}},
		{"draft", "alpha.test", "daihatsu-xenia-r-2021-hitam-c01", 404, []string{`"Car not found"`}},
		{"unknown", "alpha.test", "no-such-car", 404, []string{`"NOT_FOUND"`, `"Car not found"`}},
		{"other tenant", "beta.test", "toyota-avanza-2020-hitam-a01", 404, []string{`"Car not found"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.do("GET", "/api/cars/"+tt.slug, tt.host, "", nil)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
			for _, leak := range []string{"plateNumber", "stockCode", `"status"`} {
				if strings.Contains(res.Body, leak) {
					t.Errorf("detail leaks %s", leak)
				}
			}
		})
	}
}

func TestCarFacets(t *testing.T) {
	env := newCarEnv(t)
	empty := env.do("GET", "/api/cars/facets", "alpha.test", "", nil)
	wantFragments(t, "empty", empty.Body, `"brands":[]`, `"yearRange":{"min":null,"max":null}`,
		`"priceRange":{"min":null,"max":null}`, `"transmissions":[]`)

	env.seedCars("alpha")
	res := env.do("GET", "/api/cars/facets", "alpha.test", "", nil)
	if res.Code != http.StatusOK {
		t.Fatalf("status %d: %s", res.Code, res.Body)
	}
	wantFragments(t, "facets", res.Body,
		`"brands":[{"brand":"Toyota","count":3},{"brand":"Honda","count":1}]`,
		`"yearRange":{"min":2019,"max":2021}`, `"priceRange":{"min":135000000,"max":285000000}`,
		`"transmissions":["Manual","Matic"]`)
	if res.Header.Get("Cache-Control") != "public, max-age=30" {
		t.Errorf("Cache-Control = %q", res.Header.Get("Cache-Control"))
	}
	// A write shows on the next read through the server.
	env.addCar("alpha", testCar("#D01", "Suzuki", "Ertiga", 2023, 200_000_000, store.CarAvailable))
	res = env.do("GET", "/api/cars/facets", "alpha.test", "", nil)
	wantFragments(t, "after write", res.Body, `{"brand":"Suzuki","count":1}`, `"yearRange":{"min":2019,"max":2023}`)
	if res = env.do("GET", "/api/cars/facets", "nobody.test", "", nil); res.Code != 404 {
		t.Errorf("unknown host: %d", res.Code)
	}
}

func TestCarPublicCacheVariesByTenantHeader(t *testing.T) {
	env := &carEnv{testEnv: newTestEnv(t, func(c *apphttp.Config) { c.TrustTenantHeader = true })}
	env.createTenant("alpha")
	req := httptest.NewRequest("GET", "/api/cars", nil)
	req.Host = "proxy.internal"
	req.Header.Set("X-Tenant-Domain", "alpha.test")
	res := env.serve(req)
	if res.Code != 200 || res.Header.Get("Cache-Control") != "public, max-age=30" ||
		!slices.Contains(res.Header.Values("Vary"), "X-Tenant-Domain") {
		t.Fatalf("status %d headers %v", res.Code, res.Header)
	}
}
