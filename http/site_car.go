package http

import (
	"net/http"
	"strconv"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// siteSimilarCount is how many similar cars a car's page suggests.
const siteSimilarCount = 4

// sitePhoto is one photo of a car's gallery.
type sitePhoto struct {
	sitePicture
	Alt   string
	First bool
}

// siteCarView is a car as its page shows it.
type siteCarView struct {
	siteCard
	Brand, Model, Color, Code string
	Features                  []string
	Description, Condition    string
	Photos                    []sitePhoto
	Available                 bool
	UnavailableNote           string
}

// siteCarPage is the data of a car's page.
type siteCarPage struct {
	Frame       siteFrame
	Car         *siteCarView
	WhatsAppURL string
	Similar     []siteCard
	Form        *siteInquiryForm // nil for a car that is not for sale
}

// handleSiteCar serves GET /mobil/:slug, one car's page. A booked or sold
// car's page stays reachable (links to it were shared) with its badge,
// hidden from search engines and pointing to similar available cars; an
// unknown or draft car is the site's 404 page with the catalogue's search.
func (s *Server) handleSiteCar(w http.ResponseWriter, r *http.Request, sc *scope) {
	if c, ok := s.siteCar(w, r, sc); ok {
		s.renderSiteCar(w, r, sc, c, http.StatusOK, &siteInquiryForm{})
	}
}

// siteCar finds the car the path names, for its page; an unknown or draft
// car has been answered with the site's 404 page.
func (s *Server) siteCar(w http.ResponseWriter, r *http.Request, sc *scope) (*store.Car, bool) {
	c, err := sc.DB.FindCarBySlug(r.Context(), param(r, "slug"))
	if store.ErrorCode(err) == store.ENOTFOUND || err == nil && c.Status == store.CarDraft {
		s.handleSiteNotFound(w, r, sc)
		return nil, false
	}
	if err != nil {
		Error(w, r, err)
		return nil, false
	}
	return c, true
}

// renderSiteCar writes a car's page with status, its inquiry form showing
// form (what was typed, and what is wrong with it).
func (s *Server) renderSiteCar(w http.ResponseWriter, r *http.Request, sc *scope, c *store.Car, status int, form *siteInquiryForm) {
	lang := siteLang(r)
	similar, err := s.similarCars(r, sc.DB, c)
	if err != nil {
		Error(w, r, err)
		return
	}
	view := newSiteCarView(c, lang)
	d := siteCarPage{Frame: newSiteFrame(sc.Tenant, lang), Car: view, Similar: make([]siteCard, len(similar))}
	for i, o := range similar {
		d.Similar[i] = newSiteCard(o, lang)
	}
	if view.Available {
		d.WhatsAppURL = carWhatsAppLink(sc, c, lang)
		d.Form = form
	}
	canonical := s.siteURL(r, "/mobil/"+c.Slug)
	page := &web.Page{Lang: lang, Title: c.PublicName + " — " + sc.Tenant.Name, Canonical: canonical,
		Description: lang.T("site.carDescription", c.PublicName, web.Number(c.Km), view.Transmission,
			c.FuelType, web.RupiahShort(c.Price), sc.Tenant.Name),
		NoIndex: !view.Available, Data: d}
	var images []string
	for _, p := range c.Photos {
		images = append(images, s.siteURL(r, p))
	}
	if c.PrimaryPhoto() != "" {
		page.Image = s.sharedPhoto(r, c.PrimaryPhoto())
	}
	page.StructuredData = carData(c, canonical, images, sc.Tenant)
	w.Header().Set("Cache-Control", "no-cache")
	s.renderPage(w, r, status, "site/car", page)
}

// carWhatsAppLink opens a chat with the showroom whose first message names
// the car and its display code, which AutoLeads then links to the lead.
func carWhatsAppLink(sc *scope, c *store.Car, lang web.Lang) string {
	return whatsAppLink(sc.Tenant, lang.T("site.carGreeting", c.Brand+" "+c.Model+" "+strconv.Itoa(c.Year), c.DisplayCode))
}

// newSiteCarView is a car as its page shows it. The plate, the stock code
// and the status are the dealer's business and never shown; the condition
// notes are, as on the public API.
func newSiteCarView(c *store.Car, lang web.Lang) *siteCarView {
	v := &siteCarView{siteCard: newSiteCard(c, lang), Brand: c.Brand, Model: c.Model, Color: c.Color,
		Code: c.DisplayCode, Features: c.KeyFeatures, Description: c.Description, Condition: c.ConditionNotes,
		Available: c.Status == store.CarAvailable}
	v.Price = web.Rupiah(c.Price)
	for i, p := range c.Photos {
		v.Photos = append(v.Photos, sitePhoto{sitePicture: newSitePicture(p),
			Alt: lang.T("site.photoOf", i+1, len(c.Photos), c.PublicName), First: i == 0})
	}
	switch c.Status {
	case store.CarSold:
		v.UnavailableNote = lang.T("site.soldNote")
	case store.CarBooking:
		v.UnavailableNote = lang.T("site.bookedNote")
	}
	return v
}

// similarCars are available cars of the same brand, then of a similar
// price, without c itself.
func (s *Server) similarCars(r *http.Request, db *store.DB, c *store.Car) ([]*store.Car, error) {
	byBrand, _, err := db.FindCars(r.Context(), store.CarFilter{Statuses: []string{store.CarAvailable},
		Brand: c.Brand, Limit: siteSimilarCount + 1})
	if err != nil {
		return nil, err
	}
	lo, hi := c.Price*3/4, c.Price*5/4
	byPrice, _, err := db.FindCars(r.Context(), store.CarFilter{Statuses: []string{store.CarAvailable},
		MinPrice: &lo, MaxPrice: &hi, SortBy: "price_asc", Limit: siteSimilarCount * 2})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{c.ID: true}
	var out []*store.Car
	for _, o := range append(byBrand, byPrice...) {
		if !seen[o.ID] && len(out) < siteSimilarCount {
			seen[o.ID] = true
			out = append(out, o)
		}
	}
	return out, nil
}
