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

// siteCarKey and buildSiteCarPage serve GET /mobil/:slug, one car's page.
// A booked or sold car's page stays reachable (links to it were shared)
// with its badge, hidden from search engines and pointing to similar
// available cars; an unknown or draft car is the site's 404 page with the
// catalogue's search.
func siteCarKey(r *http.Request) (string, bool) { return "car\x00" + param(r, "slug"), true }

func (s *Server) buildSiteCarPage(r *http.Request, sc *scope) (*web.Answer, error) {
	c, err := sc.DB.FindCarBySlug(r.Context(), param(r, "slug"))
	if store.ErrorCode(err) == store.ENOTFOUND || err == nil && c.Status == store.CarDraft {
		return s.buildSiteNotFound(r, sc)
	}
	if err != nil {
		return nil, err
	}
	return s.buildSiteCar(r, sc, c, http.StatusOK, &siteInquiryForm{})
}

// siteCar finds the car the path names, for a form posted from its page;
// an unknown or draft car has been answered with the site's 404 page.
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

// buildSiteCar renders a car's page with status, its inquiry form showing
// form (what was typed, and what is wrong with it).
func (s *Server) buildSiteCar(r *http.Request, sc *scope, c *store.Car, status int, form *siteInquiryForm) (*web.Answer, error) {
	lang := siteLang(r)
	similar, err := sc.DB.FindSimilarCars(r.Context(), c, siteSimilarCount)
	if err != nil {
		return nil, err
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
	return s.web.Build(status, "site/car", page)
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
	if k, ok := unavailableTexts[c.Status]; ok {
		v.UnavailableNote = lang.T(k.note)
	}
	return v
}
