package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// registerCarRoutes registers the public catalogue. httprouter v1.3.0 panics
// when a static segment sits beside a parameter, so GET /api/cars/facets is
// served by the /api/cars/:slug route: a car slug always contains the car's
// year (see store.CarSlugBase), so no car can be called "facets".
func (s *Server) registerCarRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/api/cars", s.publicCached(memoByQuery(carListKey), s.handleCarList))
	r.Handler(http.MethodGet, "/api/cars/:slug", s.publicCached(carSlugKey, s.handleCarViewOrFacets))
}

// carListKey names a catalogue page by its parsed query, so the order of
// parameters, their spelling of defaults and unknown parameters (cache
// busters) all share one entry. An unparsable query is not cached.
func carListKey(r *http.Request) (string, bool) {
	f, p, err := carQuery(r.URL.Query())
	if err != nil {
		return "", false
	}
	b := make([]byte, 0, 96)
	b = append(b, "list"...)
	for _, v := range []string{f.Brand, f.Model, f.Transmission, f.FuelType, f.Search, f.SortBy} {
		b = append(append(b, 0), v...)
	}
	for _, v := range []*int64{f.MinYear, f.MaxYear, f.MinPrice, f.MaxPrice} {
		b = append(b, 0)
		if v != nil {
			b = strconv.AppendInt(append(b, '='), *v, 10)
		}
	}
	b = strconv.AppendInt(append(b, 0), int64(p.Page), 10)
	b = strconv.AppendInt(append(b, 0), int64(p.Limit), 10)
	return string(b), true
}

// carSlugKey names one car's page, or the facets.
func carSlugKey(r *http.Request) (string, bool) {
	return "car\x00" + param(r, "slug"), true
}

// cachePublic lets browsers and CDNs keep a successful catalogue answer for
// 30 seconds: a dealer's edit reaches every visitor within that time, while a
// busy listing page is not re-queried on every back-and-forth. Errors and
// admin answers are never cached. When X-Tenant-Domain picks the tenant, the
// answer varies with it too.
func (s *Server) cachePublic(w http.ResponseWriter) {
	w.Header()["Cache-Control"] = headerPublicCache
	if s.cfg.TrustTenantHeader {
		w.Header().Add("Vary", "X-Tenant-Domain")
	}
}

// publicCar is a car as the public catalogue shows it. It has no plate,
// stock code, status or condition notes: those are the dealer's business.
type publicCar struct {
	ID                  int64     `json:"id"`
	DisplayCode         string    `json:"displayCode"`
	PublicName          string    `json:"publicName"`
	Slug                string    `json:"slug"`
	Brand               string    `json:"brand"`
	Model               string    `json:"model"`
	Year                int       `json:"year"`
	Color               string    `json:"color"`
	Transmission        string    `json:"transmission"`
	Km                  int64     `json:"km"`
	Price               int64     `json:"price"`
	PriceFormatted      string    `json:"priceFormatted"`
	PriceFormattedShort string    `json:"priceFormattedShort"`
	FuelType            *string   `json:"fuelType"`
	KeyFeatures         []string  `json:"keyFeatures"`
	Photos              []string  `json:"photos"`
	PrimaryPhoto        *string   `json:"primaryPhoto"`
	PhotoCount          int       `json:"photoCount"`
	Description         *string   `json:"description"`
	CreatedAt           timestamp `json:"createdAt"`
}

// publicCarDetail is one car's public page.
type publicCarDetail struct {
	publicCar
	ConditionNotes *string   `json:"conditionNotes"`
	UpdatedAt      timestamp `json:"updatedAt"`
}

func newPublicCar(c *store.Car) publicCar {
	return publicCar{
		ID: c.ID, DisplayCode: c.DisplayCode, PublicName: c.PublicName, Slug: c.Slug,
		Brand: c.Brand, Model: c.Model, Year: c.Year, Color: c.Color, Transmission: c.Transmission,
		Km: c.Km, Price: c.Price,
		PriceFormatted: store.FormatRupiah(c.Price), PriceFormattedShort: store.FormatRupiahShort(c.Price),
		FuelType: nullableString(c.FuelType), KeyFeatures: nonNil(c.KeyFeatures), Photos: nonNil(c.Photos),
		PrimaryPhoto: nullableString(c.PrimaryPhoto()), PhotoCount: len(c.Photos),
		Description: nullableString(c.Description), CreatedAt: timestamp(c.CreatedAt),
	}
}

// nonNil renders a nil slice as [] rather than null.
func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// carQuery reads the list query shared by the public and admin lists: page,
// limit, brand, model, minYear, maxYear, minPrice, maxPrice, transmission,
// fuelType, search and sortBy. Unparsable numbers are 400; an unknown
// transmission or sortBy is 422, reported by the store.
func carQuery(q url.Values) (store.CarFilter, page, error) {
	p, err := parsePage(q)
	if err != nil {
		return store.CarFilter{}, p, err
	}
	f := store.CarFilter{
		Brand:        strings.TrimSpace(q.Get("brand")),
		Model:        strings.TrimSpace(q.Get("model")),
		Transmission: strings.TrimSpace(q.Get("transmission")),
		FuelType:     strings.TrimSpace(q.Get("fuelType")),
		Search:       strings.TrimSpace(q.Get("search")),
		SortBy:       strings.TrimSpace(q.Get("sortBy")),
		Offset:       p.Offset(),
		Limit:        p.Limit,
	}
	ints := []struct {
		name string
		dst  **int64
	}{{"minYear", &f.MinYear}, {"maxYear", &f.MaxYear}, {"minPrice", &f.MinPrice}, {"maxPrice", &f.MaxPrice}}
	for _, n := range ints {
		if *n.dst, err = queryInt(q, n.name); err != nil {
			return f, p, err
		}
	}
	return f, p, nil
}

// handleCarList serves GET /api/cars: available cars only.
func (s *Server) handleCarList(w http.ResponseWriter, r *http.Request, sc *scope) {
	f, p, err := carQuery(r.URL.Query())
	if err != nil {
		Error(w, r, err)
		return
	}
	f.Statuses = []string{store.CarAvailable}
	if f.SortBy == "status" {
		// Every public car has the same status; the order is admin-only.
		Error(w, r, store.ValidationError(map[string]string{"sortBy": "sortBy status is only for the admin list"}))
		return
	}
	cars, total, err := sc.DB.FindCars(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	items := make([]publicCar, len(cars))
	for i, c := range cars {
		items[i] = newPublicCar(c)
	}
	s.cachePublic(w)
	writeList(w, items, p, total)
}

// handleCarViewOrFacets serves GET /api/cars/:slug, and GET /api/cars/facets
// which shares its route.
func (s *Server) handleCarViewOrFacets(w http.ResponseWriter, r *http.Request, sc *scope) {
	slug := param(r, "slug")
	if slug == "facets" {
		s.handleCarFacets(w, r, sc)
		return
	}
	c, err := sc.DB.FindCarBySlug(r.Context(), slug)
	if err == nil && c.Status != store.CarAvailable {
		// Draft, booked and sold cars are not in the catalogue.
		err = store.Errorf(store.ENOTFOUND, "Car not found")
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	s.cachePublic(w)
	writeData(w, http.StatusOK, publicCarDetail{
		publicCar:      newPublicCar(c),
		ConditionNotes: nullableString(c.ConditionNotes),
		UpdatedAt:      timestamp(c.UpdatedAt),
	})
}

type brandCount struct {
	Brand string `json:"brand"`
	Count int64  `json:"count"`
}

// valueRange is a min..max pair; both are null when no car is available.
type valueRange struct {
	Min *int64 `json:"min"`
	Max *int64 `json:"max"`
}

type carFacets struct {
	Brands        []brandCount `json:"brands"`
	YearRange     valueRange   `json:"yearRange"`
	PriceRange    valueRange   `json:"priceRange"`
	Transmissions []string     `json:"transmissions"`
}

// handleCarFacets serves GET /api/cars/facets: what the catalogue's filters
// can offer, over available cars.
func (s *Server) handleCarFacets(w http.ResponseWriter, r *http.Request, sc *scope) {
	f, err := sc.DB.FindCarFacets(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	brands := make([]brandCount, len(f.Brands))
	for i, b := range f.Brands {
		brands[i] = brandCount{Brand: b.Brand, Count: b.Count}
	}
	s.cachePublic(w)
	writeData(w, http.StatusOK, carFacets{
		Brands:        brands,
		YearRange:     valueRange{Min: f.MinYear, Max: f.MaxYear},
		PriceRange:    valueRange{Min: f.MinPrice, Max: f.MaxPrice},
		Transmissions: nonNil(f.Transmissions),
	})
}
