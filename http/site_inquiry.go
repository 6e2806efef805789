package http

import (
	"net/http"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// siteInquiryForm is the inquiry form of a car's page: what the visitor
// typed, kept when a field is wrong, and the message beside each wrong one.
type siteInquiryForm struct {
	Name, Phone, Message string
	Errors               map[string]string // by field, in the visitor's language
}

// sitePost adapts a form post of the website: refused unless it comes from
// a page of the same site (Sec-Fetch-Site, or Origin against Host), limited
// per client IP by class, and answering its errors with pages.
func (s *Server) sitePost(class string, h scopedHandler) http.Handler {
	return s.asPage(nil, sameOrigin(s.publicLimited(class, h)))
}

// sameOrigin refuses a form post unless it comes from a page of the same
// site (Sec-Fetch-Site, or Origin against Host), with a 403.
func sameOrigin(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, store.Errorf(store.EFORBIDDEN, "Cross-origin request refused"))
	}))
	return cop.Handler(h)
}

// handleSiteInquiry serves POST /mobil/:slug, the car page's inquiry form:
// the same rules, rate limit and lead as POST /api/leads. A wrong field
// shows the page again with what was typed and a message beside the field
// (422); success redirects to the thank-you page, so reloading it sends
// nothing twice. A filled-in honeypot (a field people cannot see) is a bot:
// it is thanked and nothing is recorded.
func (s *Server) handleSiteInquiry(w http.ResponseWriter, r *http.Request, sc *scope) {
	c, ok := s.siteCar(w, r, sc)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		Error(w, r, store.Errorf(store.EBADREQUEST, "The form could not be read"))
		return
	}
	// A fragment of its own, or the browser would carry the form's #tanya
	// over to a page without it.
	thanks := "/mobil/" + c.Slug + "/terima-kasih#main"
	if r.PostFormValue("website") != "" {
		http.Redirect(w, r, thanks, http.StatusSeeOther)
		return
	}
	form := &siteInquiryForm{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"),
		Message: r.PostFormValue("message")}
	in, problems, err := checkInquiry(r, sc.DB, inquiryRequest{Name: form.Name, Phone: form.Phone,
		CarSlug: c.Slug, Message: form.Message})
	if err != nil {
		Error(w, r, err)
		return
	}
	if len(problems) > 0 {
		lang := siteLang(r)
		form.Errors = map[string]string{}
		for field, p := range problems {
			form.Errors[field] = lang.T("inquiry." + field + "." + p)
		}
		a, err := s.buildSiteCar(r, sc, c, http.StatusUnprocessableEntity, form)
		if err != nil {
			Error(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		a.Write(w, r)
		return
	}
	if _, err := sc.DB.RecordInboundMessage(r.Context(), in); err != nil {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, thanks, http.StatusSeeOther)
}

// siteThanks is the data of the thank-you page.
type siteThanks struct {
	Frame       siteFrame
	CarName     string
	WhatsAppURL string
}

// handleSiteThanks serves GET /mobil/:slug/terima-kasih, where an inquiry
// lands: it says what happens next and offers WhatsApp for the impatient.
func (s *Server) handleSiteThanks(w http.ResponseWriter, r *http.Request, sc *scope) {
	c, ok := s.siteCar(w, r, sc)
	if !ok {
		return
	}
	lang := siteLang(r)
	d := siteThanks{Frame: newSiteFrame(sc.Tenant, lang), CarName: c.PublicName}
	if c.Status == store.CarAvailable {
		d.WhatsAppURL = carWhatsAppLink(sc, c, lang)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderPage(w, r, http.StatusOK, "site/thanks", &web.Page{Lang: lang, NoIndex: true,
		Title: lang.T("thanks.title") + " — " + sc.Tenant.Name, Data: d})
}
