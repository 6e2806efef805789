package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/autoleads/autoleads/http/csvio"
	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// sectionCars is the Stock tab: the stock page and each car's page.
const sectionCars = "cars"

// stockPageSize is how many cards a page of the stock shows: a multiple
// of the two, three and four columns the grid has on wider screens.
const stockPageSize = 24

// registerDeskCarRoutes registers the stock and the car form: every role
// reads them, owners and admins change them, as on the API. The new car's
// form is /admin/cars/baru, served by the car route (httprouter v1.3.0
// allows no static segment beside :id).
func (s *Server) registerDeskCarRoutes(r *routeTable) {
	manage := []string{store.RoleOwner, store.RoleAdmin}
	r.Page(http.MethodGet, "/admin/cars", s.deskSignedIn(s.handleDeskCars))
	r.Page(http.MethodPost, "/admin/cars", s.deskPost(s.deskSignedIn(s.handleDeskCarCreate, manage...)))
	r.Page(http.MethodGet, "/admin/cars/:id", s.deskSignedIn(s.handleDeskCar))
	r.Page(http.MethodPost, "/admin/cars/:id", s.deskPost(s.deskSignedIn(s.handleDeskCarUpdate, manage...)))
	r.Page(http.MethodPost, "/admin/cars/:id/status", s.deskPost(s.deskSignedIn(s.handleDeskCarStatus, manage...)))
	r.Page(http.MethodPost, "/admin/cars/:id/delete", s.deskPost(s.deskSignedIn(s.handleDeskCarDelete, manage...)))
}

// Ages of a car in stock, in days, from which its card turns a warmer
// colour: a car still unsold after a month costs the showroom money.
var stockAges = []int{30, 60, 90}

// deskStock is the stock page: the filters, one page of cards and the
// links to the pages beside it.
type deskStock struct {
	Query    stockQuery
	Statuses []deskOption
	Brands   []deskOption
	Ages     []deskOption
	Errors   map[string]string
	Cards    []*stockCard
	Total    int64
	Page     int
	Pages    int
	Prev     string
	Next     string
	Filtered bool
	// MoreOpen opens the filters beside the search: one of them is set,
	// or refused.
	MoreOpen  bool
	CanManage bool
	// Deleted: a car was just deleted, the notice says so.
	Deleted bool
	// NoPhoto stands in a card for a car without a photo.
	NoPhoto string
	// Here is this page's address, where a card's status form comes back to.
	Here string
}

// stockCard is one car as the stock page shows it.
type stockCard struct {
	ID                  int64
	Code, Name, Price   string
	Status, StatusLabel string
	Thumb               string
	Days                int
	Age                 int // the last of stockAges reached, or 0
	Leads               int64
	Marks               []stockMark // the statuses one tap gives
	// The card's texts, made here rather than by the template: a page
	// has many cards, and a catalogue call from a template is costly.
	DaysText, LeadsText string
	// Notice and Undo are set on the card whose status just changed,
	// Was being its status before.
	Notice, Undo, Was string
}

// stockMark is a status one tap on a card gives the car.
type stockMark struct {
	Status, Label, Aria string
}

// stockQuery is what the address asks of the stock page. Prices are kept as
// typed, so a bad one comes back in its field.
type stockQuery struct {
	Status, Brand, MinPrice, MaxPrice, Age, Q string
	page                                      int
	// changed and was name the car whose status the last tap changed, and
	// its status before, for the notice and its undo.
	changed int64
	was     string
}

// narrowed reports whether a filter beside the search is set.
func (q stockQuery) narrowed() bool {
	return q.Status != "" || q.Brand != "" || q.MinPrice != "" || q.MaxPrice != "" || q.Age != ""
}

// maxStockQuery bounds a search: a code, a brand or a model is far shorter.
const maxStockQuery = 100

// handleDeskCars serves GET /admin/cars.
func (s *Server) handleDeskCars(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang := deskLang(r)
	now := time.Now()
	q, f, errs := parseStockQuery(r.URL.Query(), now, lang)
	f.SortBy, f.Offset, f.Limit = "status", (q.page-1)*stockPageSize, stockPageSize
	cars, total, err := sc.DB.FindCars(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	ids := make([]int64, len(cars))
	for i, c := range cars {
		ids[i] = c.ID
	}
	leads, err := sc.DB.CountCarLeads(r.Context(), ids, salesVisibility(sc.User))
	if err != nil {
		Error(w, r, err)
		return
	}
	brands, err := sc.DB.FindCarBrands(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	p := &deskStock{Query: q, Errors: errs, Total: total, Page: q.page,
		Pages: max(1, int((total+stockPageSize-1)/stockPageSize)), CanManage: sc.User.Role != store.RoleSales,
		Deleted: r.URL.Query().Get("deleted") != "", NoPhoto: lang.T("desk.cars.noPhoto"),
		Filtered: q.narrowed() || q.Q != "", MoreOpen: q.narrowed() || len(errs) > 0, Here: q.url(q.page)}
	p.Statuses = carStatusOptions(lang, q.Status)
	for _, b := range brands {
		p.Brands = append(p.Brands, deskOption{Value: b, Label: b, Selected: strings.EqualFold(b, q.Brand)})
	}
	for _, a := range stockAgeFilters {
		p.Ages = append(p.Ages, deskOption{Value: a, Label: lang.T("desk.cars.age." + a), Selected: a == q.Age})
	}
	for _, c := range cars {
		p.Cards = append(p.Cards, newStockCard(c, leads[c.ID], q, now, lang))
	}
	if q.page > 1 {
		p.Prev = q.url(q.page - 1)
	}
	if q.page < p.Pages {
		p.Next = q.url(q.page + 1)
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.renderDesk(w, r, sc, status, deskPageOf{name: "cars", section: sectionCars,
		titleKey: "desk.cars.title", live: true, content: p})
}

// carStatusOptions are the car statuses as a select offers them.
func carStatusOptions(lang web.Lang, selected string) []deskOption {
	opts := make([]deskOption, 0, 4)
	for _, st := range []string{store.CarAvailable, store.CarBooking, store.CarSold, store.CarDraft} {
		opts = append(opts, deskOption{Value: st, Label: lang.T("desk.car.status." + st), Selected: st == selected})
	}
	return opts
}

// stockAgeFilters are the age filter's choices: under 30 days, then from
// each of stockAges to the next.
var stockAgeFilters = []string{"0", "30", "60", "90"}

// stockAgeWindow is when the cars of an age filter came in: from since
// (nil: any time) to before (nil: now).
func stockAgeWindow(age string, now time.Time) (since, before *time.Time) {
	from, _ := strconv.Atoi(age)
	day := func(n int) *time.Time { t := now.AddDate(0, 0, -n); return &t }
	if from > 0 {
		before = day(from)
	}
	for _, to := range stockAges {
		if to > from {
			return day(to), before
		}
	}
	return nil, before
}

// parseStockQuery reads the stock page's address into the store's filter.
// What cannot be used is left out and, but for a bad page, named beside its
// field.
func parseStockQuery(v url.Values, now time.Time, lang web.Lang) (stockQuery, store.CarFilter, map[string]string) {
	q := stockQuery{Status: v.Get("status"), Brand: strings.TrimSpace(v.Get("brand")),
		MinPrice: strings.TrimSpace(v.Get("minPrice")), MaxPrice: strings.TrimSpace(v.Get("maxPrice")),
		Age: v.Get("age"), Q: strings.TrimSpace(v.Get("q")), page: 1}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		q.page = n
	}
	errs := map[string]string{}
	var f store.CarFilter
	if q.Status != "" && !store.ValidCarStatus(q.Status) {
		errs["status"], q.Status = lang.T("desk.cars.badStatus"), ""
	}
	if q.Status != "" {
		f.Statuses = []string{q.Status}
	}
	if utf8.RuneCountInString(q.Brand) > maxStockQuery {
		errs["brand"], q.Brand = lang.T("desk.cars.badBrand"), ""
	}
	f.Brand = q.Brand
	for _, p := range []struct {
		field string
		typed *string
		dst   **int64
	}{{"minPrice", &q.MinPrice, &f.MinPrice}, {"maxPrice", &q.MaxPrice, &f.MaxPrice}} {
		if *p.typed == "" {
			continue
		}
		if n, ok := parseAmount(*p.typed); ok {
			*p.dst = &n
		} else {
			errs[p.field] = lang.T("desk.cars.badPrice")
		}
	}
	if q.Age != "" {
		if !validStockAge(q.Age) {
			errs["age"], q.Age = lang.T("desk.cars.badAge"), ""
		} else {
			f.AddedSince, f.AddedBefore = stockAgeWindow(q.Age, now)
		}
	}
	if utf8.RuneCountInString(q.Q) > maxStockQuery {
		errs["q"] = lang.T("desk.cars.queryTooLong", maxStockQuery)
		q.Q = string([]rune(q.Q)[:maxStockQuery])
	}
	f.Search = q.Q
	if id, err := strconv.ParseInt(v.Get("changed"), 10, 64); err == nil && id > 0 && store.ValidCarStatus(v.Get("was")) {
		q.changed, q.was = id, v.Get("was")
	}
	return q, f, errs
}

func validStockAge(age string) bool {
	for _, a := range stockAgeFilters {
		if a == age {
			return true
		}
	}
	return false
}

// parseAmount reads a whole amount as people type it, a price maybe after
// "Rp", by the CSV import's rule (csvio.Whole): thousands grouped by dots,
// commas or spaces, and nothing guessed of a number grouped wrongly.
func parseAmount(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && strings.EqualFold(s[:2], "rp") {
		s = s[2:]
	}
	return csvio.Whole(s)
}

// url is the address of page n of the stock as q asks for it.
func (q stockQuery) url(n int) string {
	v := url.Values{}
	for _, p := range [][2]string{{"status", q.Status}, {"brand", q.Brand}, {"minPrice", q.MinPrice},
		{"maxPrice", q.MaxPrice}, {"age", q.Age}, {"q", q.Q}} {
		if p[1] != "" {
			v.Set(p[0], p[1])
		}
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return deskPath + "/cars"
	}
	return deskPath + "/cars?" + v.Encode()
}

// carThumb is the smallest copy of a car's primary photo, or "" without one.
func carThumb(c *store.Car) string { return photoThumb(c.PrimaryPhoto()) }

// photoThumb is the smallest copy of the photo at url, or the photo.
func photoThumb(url string) string {
	if vs := PhotoVariants(url); len(vs) > 0 {
		return vs[0].URL
	}
	return url
}

// daysInStock counts the whole days since a car came in, until it was sold.
func daysInStock(c *store.Car, now time.Time) int {
	end := now
	if c.SoldAt != nil {
		end = *c.SoldAt
	}
	return max(0, int(end.Sub(c.CreatedAt)/(24*time.Hour)))
}

// stockAge is the last of stockAges that days reaches, or 0.
func stockAge(days int) int {
	age := 0
	for _, a := range stockAges {
		if days >= a {
			age = a
		}
	}
	return age
}

func newStockCard(c *store.Car, leads int64, q stockQuery, now time.Time, lang web.Lang) *stockCard {
	card := &stockCard{ID: c.ID, Code: c.DisplayCode, Name: c.PublicName, Price: web.Rupiah(c.Price),
		Status: c.Status, StatusLabel: lang.T("desk.car.status." + c.Status), Thumb: carThumb(c),
		Days: daysInStock(c, now), Leads: leads}
	card.Age = stockAge(card.Days)
	card.DaysText, card.LeadsText = lang.T("desk.cars.days", card.Days), lang.T("desk.cars.leads", leads)
	for _, st := range []string{store.CarBooking, store.CarSold} {
		if st != c.Status {
			label := lang.T("desk.cars.mark." + st)
			card.Marks = append(card.Marks, stockMark{Status: st, Label: label, Aria: lang.T("desk.cars.markCar", label, c.DisplayCode)})
		}
	}
	if q.changed == c.ID && q.was != c.Status {
		card.Was = q.was
		card.Notice = lang.T("desk.cars.changed", c.DisplayCode, card.StatusLabel)
		card.Undo = lang.T("desk.cars.undo", lang.T("desk.car.status."+q.was))
	}
	return card
}
