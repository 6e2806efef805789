package http

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// siteCatalogueLimit is how many cars a catalogue page shows: a multiple
// of the one, two and three columns of the phone, tablet and desktop grid.
const siteCatalogueLimit = 12

// The catalogue's price steps, from the cheapest used city car to the
// dearest SUV a small showroom sells.
var sitePriceSteps = []int64{50e6, 75e6, 100e6, 150e6, 200e6, 250e6, 300e6, 400e6, 500e6, 750e6, 1e9}

// siteFuels are the fuels a buyer filters by; a car may name another.
var siteFuels = []string{"Bensin", "Diesel", "Hybrid", "Listrik"}

// siteSorts are the catalogue's orders with their catalogue keys.
var siteSorts = []struct{ value, key string }{
	{"newest", "site.sortNewest"}, {"price_asc", "site.sortPriceAsc"}, {"price_desc", "site.sortPriceDesc"},
	{"km_asc", "site.sortKmAsc"}, {"year_desc", "site.sortYearDesc"},
}

// siteOption is one choice of a filter.
type siteOption struct {
	Value, Label string
	Count        int64
	Selected     bool
}

// siteCard is a car as a catalogue card shows it.
type siteCard struct {
	URL, Name, Km, Transmission, Fuel, Price, Badge string
	Photo                                           sitePicture
	Year                                            int
	// Eager loads the photo at once: the first card's is in view as the
	// page opens, and a lazy one would only start loading after layout.
	Eager bool
}

// sitePicture is a photo with the resized copies a browser picks from.
type sitePicture struct {
	URL    string // "" without a photo
	Srcset string // "" when the photo has no copies
}

// newSitePicture offers the browser a photo's copies; its src is the
// middle one, for browsers that read no srcset.
func newSitePicture(url string) sitePicture {
	p := sitePicture{URL: url}
	var set []string
	for _, v := range PhotoVariants(url) {
		set = append(set, v.URL+" "+strconv.Itoa(v.Width)+"w")
		if v.Width == 640 {
			p.URL = v.URL
		}
	}
	p.Srcset = strings.Join(set, ", ")
	return p
}

// sharedPhoto is the absolute URL of the copy of a photo that a link
// shared on WhatsApp or Facebook shows: large enough for a preview, far
// smaller than the original.
func (s *Server) sharedPhoto(r *http.Request, url string) string {
	for _, v := range PhotoVariants(url) {
		if v.Width == 1280 {
			url = v.URL
		}
	}
	return s.siteURL(r, url)
}

// siteHome is the data of the catalogue page.
type siteHome struct {
	Frame            siteFrame
	Cars             []siteCard
	Total            int64
	Page, TotalPages int
	PrevURL, NextURL string
	Filtered         bool
	Form             struct{ Model, MinYear, MaxYear string }
	Brands           []siteOption
	MinPrices        []siteOption
	MaxPrices        []siteOption
	Transmissions    []siteOption
	Fuels            []siteOption
	Sorts            []siteOption
}

// siteHomeKey and buildSiteHome serve GET /: the showroom's available
// cars, filtered by a plain GET form whose result URLs can be shared and
// crawled (/?brand=Toyota&maxPrice=300000000). The filters are the public
// catalogue API's, read by the same code; a value the form could not have
// sent is ignored rather than refused, since a visitor cannot fix a URL.
func siteHomeKey(r *http.Request) (string, bool) {
	q := siteQuery(r.URL.Query())
	return "home\x00" + siteListURL(q, 0) + "\x00" + q.Get("page"), true
}

func (s *Server) buildSiteHome(r *http.Request, sc *scope) (*web.Answer, error) {
	lang := siteLang(r)
	q := siteQuery(r.URL.Query())
	f, p, err := carQuery(q)
	if err != nil {
		return nil, err
	}
	f.Statuses = []string{store.CarAvailable}
	cars, total, err := sc.DB.FindCars(r.Context(), f)
	if err != nil {
		return nil, err
	}
	facets, err := sc.DB.FindCarFacets(r.Context())
	if err != nil {
		return nil, err
	}
	d := &siteHome{Frame: newSiteFrame(sc.Tenant, lang), Total: total, Page: p.Page,
		TotalPages: int((total + int64(p.Limit) - 1) / int64(p.Limit))}
	for _, c := range cars {
		d.Cars = append(d.Cars, newSiteCard(c, lang))
	}
	if len(d.Cars) > 0 {
		d.Cars[0].Eager = true
	}
	d.fillForm(q, facets, lang)
	if p.Page > 1 {
		d.PrevURL = siteListURL(q, p.Page-1)
	}
	if p.Page < d.TotalPages {
		d.NextURL = siteListURL(q, p.Page+1)
	}
	title := sc.Tenant.Name
	if sc.Tenant.City != "" {
		title = lang.T("site.cataloguePageTitle", sc.Tenant.City, sc.Tenant.Name)
	}
	page := &web.Page{Lang: lang, Title: title, Data: d,
		Description: lang.T("site.catalogueDescription", total, sc.Tenant.Name),
		Canonical:   s.siteURL(r, siteListURL(q, p.Page)),
		// A filtered or later page repeats cars of the first: only the
		// first page of the whole catalogue is for search engines.
		NoIndex:        d.Filtered || p.Page > 1,
		StructuredData: autoDealerData(sc.Tenant, s.siteURL(r, "/")),
	}
	if len(cars) > 0 && cars[0].PrimaryPhoto() != "" {
		page.Image = s.sharedPhoto(r, cars[0].PrimaryPhoto())
	}
	return s.web.Build(http.StatusOK, "site/home", page)
}

// siteQuery keeps of a catalogue URL's query only what the form can send,
// each value well-formed, with the site's own page size.
func siteQuery(in url.Values) url.Values {
	out := url.Values{}
	for _, k := range []string{"brand", "model", "fuelType"} {
		if v := strings.TrimSpace(in.Get(k)); v != "" {
			out.Set(k, v)
		}
	}
	for _, k := range []string{"minYear", "maxYear", "minPrice", "maxPrice"} {
		if n, err := strconv.ParseInt(strings.TrimSpace(in.Get(k)), 10, 64); err == nil && n > 0 {
			out.Set(k, strconv.FormatInt(n, 10))
		}
	}
	if v := in.Get("transmission"); v == store.TransmissionManual || v == store.TransmissionMatic {
		out.Set("transmission", v)
	}
	if v := in.Get("sortBy"); v != "newest" && slices.ContainsFunc(siteSorts, func(s struct{ value, key string }) bool { return s.value == v }) {
		out.Set("sortBy", v)
	}
	if n, err := strconv.Atoi(in.Get("page")); err == nil && n > 1 && n <= maxPage {
		out.Set("page", strconv.Itoa(n))
	}
	out.Set("limit", strconv.Itoa(siteCatalogueLimit))
	return out
}

// siteListURL is the catalogue's URL for the filters of q at page n: the
// form's own parameters in a fixed order, so one result has one URL.
func siteListURL(q url.Values, n int) string {
	v := url.Values{}
	for k, vals := range q {
		if k != "limit" && k != "page" {
			v[k] = vals
		}
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// fillForm sets the form's fields and choices to what q asks for.
func (d *siteHome) fillForm(q url.Values, facets *store.CarFacets, lang web.Lang) {
	for k := range q {
		if k != "limit" && k != "page" && k != "sortBy" {
			d.Filtered = true
		}
	}
	d.Form.Model, d.Form.MinYear, d.Form.MaxYear = q.Get("model"), q.Get("minYear"), q.Get("maxYear")
	for _, b := range facets.Brands {
		d.Brands = append(d.Brands, siteOption{Value: b.Brand, Count: b.Count, Selected: strings.EqualFold(b.Brand, q.Get("brand"))})
	}
	d.MinPrices = priceOptions(q.Get("minPrice"))
	d.MaxPrices = priceOptions(q.Get("maxPrice"))
	for _, t := range []string{store.TransmissionManual, store.TransmissionMatic} {
		d.Transmissions = append(d.Transmissions, siteOption{Value: t, Label: lang.T("transmission." + t), Selected: q.Get("transmission") == t})
	}
	for _, fuel := range siteFuels {
		d.Fuels = append(d.Fuels, siteOption{Value: fuel, Label: fuel, Selected: strings.EqualFold(q.Get("fuelType"), fuel)})
	}
	for _, so := range siteSorts {
		d.Sorts = append(d.Sorts, siteOption{Value: so.value, Label: lang.T(so.key),
			Selected: q.Get("sortBy") == so.value || q.Get("sortBy") == "" && so.value == "newest"})
	}
}

// priceOptions are the price steps, with a shared URL's own price among
// them when it is not a step, so the form shows what the page filters by.
func priceOptions(selected string) []siteOption {
	steps := sitePriceSteps
	if n, err := strconv.ParseInt(selected, 10, 64); err == nil && !slices.Contains(steps, n) {
		steps = append(slices.Clone(steps), n)
		slices.Sort(steps)
	}
	out := make([]siteOption, len(steps))
	for i, n := range steps {
		v := strconv.FormatInt(n, 10)
		out[i] = siteOption{Value: v, Label: web.RupiahShort(n), Selected: v == selected}
	}
	return out
}

// newSiteCard is a car as its catalogue card shows it.
func newSiteCard(c *store.Car, lang web.Lang) siteCard {
	card := siteCard{URL: "/mobil/" + c.Slug, Photo: newSitePicture(c.PrimaryPhoto()), Name: c.PublicName, Year: c.Year,
		Km: lang.T("site.km", web.Number(c.Km)), Transmission: lang.T("transmission." + c.Transmission),
		Fuel: c.FuelType, Price: web.RupiahShort(c.Price)}
	if k, ok := unavailableTexts[c.Status]; ok {
		card.Badge = lang.T(k.badge)
	}
	return card
}

// unavailableTexts are the catalogue keys of a car that is no longer for
// sale: its badge, and the note on its page.
var unavailableTexts = map[string]struct{ badge, note string }{
	store.CarSold:    {"site.sold", "site.soldNote"},
	store.CarBooking: {"site.booked", "site.bookedNote"},
}
