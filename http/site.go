package http

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// registerSiteRoutes registers the showroom's public website, served on
// each showroom's own host beside the API.
func (s *Server) registerSiteRoutes(r *routeTable) {
	r.Page(http.MethodGet, "/", s.sitePageCached(memoByQuery(siteHomeKey), s.buildSiteHome))
	r.Page(http.MethodGet, "/mobil/:slug", s.sitePageCached(siteCarKey, s.buildSiteCarPage))
	r.Page(http.MethodPost, "/mobil/:slug", s.sitePost(ClassInquiry, s.handleSiteInquiry))
	r.Page(http.MethodGet, "/mobil/:slug/terima-kasih", s.sitePage(s.handleSiteThanks))
	r.Page(http.MethodGet, "/tentang", s.sitePage(s.handleSiteAbout))
	r.Page(http.MethodGet, "/theme.css", s.sitePage(s.handleSiteTheme))
	r.Page(http.MethodGet, "/robots.txt", s.sitePage(s.handleRobots))
	r.Page(http.MethodGet, "/sitemap.xml", s.sitePage(s.handleSitemap))
	r.Page(http.MethodGet, web.AssetPrefix+":file", s.web.Assets.Handler(notFoundHandler()))
}

// notFound answers an unknown route: JSON under the API's prefixes, the
// website's 404 page anywhere else on a showroom's host.
func (s *Server) notFound() http.Handler {
	api := notFoundHandler()
	page := s.sitePage(s.handleSiteNotFound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.ToLower(r.URL.Path)
		for _, prefix := range []string{"/api/", "/webhook/", "/uploads/", web.AssetPrefix} {
			if strings.HasPrefix(p, prefix) || p+"/" == prefix {
				api.ServeHTTP(w, r)
				return
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			api.ServeHTTP(w, r)
			return
		}
		page.ServeHTTP(w, r)
	})
}

// handleSiteNotFound is the showroom's 404 page, with the catalogue's
// search.
func (s *Server) handleSiteNotFound(w http.ResponseWriter, r *http.Request, sc *scope) {
	a, err := s.buildSiteNotFound(r, sc)
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	a.Write(w, r)
}

func (s *Server) buildSiteNotFound(r *http.Request, sc *scope) (*web.Answer, error) {
	lang := siteLang(r)
	return s.web.Build(http.StatusNotFound, "site/notfound", &web.Page{Lang: lang,
		Title: lang.T("site.notFoundTitle") + " — " + sc.Tenant.Name, NoIndex: true,
		Data: siteCarPage{Frame: newSiteFrame(sc.Tenant, lang)}})
}

// sitePage adapts a page of the website: limited per client IP and served
// in the public lane like the catalogue API, and answering its errors with
// pages instead of the API's envelope.
func (s *Server) sitePage(h scopedHandler) http.Handler {
	return s.asPage(nil, s.public(h))
}

// asPage makes h a route of the website or the dashboard: its errors are
// answered with pages (renderErrorPage), never the API's envelope, and
// every answer carries cacheControl when it is given.
func (s *Server) asPage(cacheControl []string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cacheControl != nil {
			w.Header()["Cache-Control"] = cacheControl
		}
		h.ServeHTTP(w, withErrorPage(r, s.renderErrorPage))
	})
}

// siteLang is the language of the website's pages. The showroom's cars,
// descriptions and customers are Indonesian, so its website is too, for
// every visitor: a phone set to English would otherwise get English
// buttons around Indonesian descriptions. (The dashboard follows each
// user's choice.)
func siteLang(*http.Request) web.Lang { return web.Indonesian }

// siteFrame is what every page of a showroom's website shows around its
// content: the header with the showroom's name and WhatsApp button, and
// the footer with its address and phone.
type siteFrame struct {
	Name, City, LogoURL, Address string
	PrimaryColor                 string
	ThemeURL                     string
	WhatsAppURL                  string // "" without a WhatsApp number
	Phone                        *sitePhone
}

// sitePhone is a number to call: how it is dialled and how it is shown.
type sitePhone struct{ Dial, Display string }

func newSiteFrame(t *tenants.Tenant, lang web.Lang) siteFrame {
	f := siteFrame{Name: t.Name, City: t.City, LogoURL: t.LogoURL, Address: t.Address,
		PrimaryColor: web.ReadableBrand(t.PrimaryColor), ThemeURL: "/theme.css?v=" + themeVersion(t),
		WhatsAppURL: whatsAppLink(t, lang.T("site.greeting", t.Name))}
	if t.Phone != "" {
		f.Phone = &sitePhone{Dial: t.Phone, Display: t.Phone}
		if e164, err := store.NormalizePhone(t.Phone); err == nil {
			f.Phone.Dial = e164
		}
	}
	return f
}

// whatsAppLink opens a chat with the showroom's number, text typed in
// already; "" when the showroom has no WhatsApp number.
func whatsAppLink(t *tenants.Tenant, text string) string {
	if t.WhatsAppNumber == "" {
		return ""
	}
	return "https://wa.me/" + store.PhoneDigits(t.WhatsAppNumber) + "?text=" + whatsAppText(text)
}

// whatsAppText is text as the text parameter of a wa.me link: wa.me reads
// "+" as a plus sign, not a space.
func whatsAppText(text string) string {
	return strings.ReplaceAll(url.QueryEscape(text), "+", "%20")
}

// siteURL is the absolute URL of path on the host that was asked, https
// when the request came over TLS or a trusted proxy says it did.
func (s *Server) siteURL(r *http.Request, path string) string {
	scheme := "http"
	if s.overTLS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// overTLS reports whether the request came over TLS, itself or as a trusted
// proxy says.
func (s *Server) overTLS(r *http.Request) bool {
	return r.TLS != nil || isTrusted(remoteAddr(r.RemoteAddr), s.cfg.TrustedProxies) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// sitePageCached adapts a page of the website that the response cache may
// keep: a hit is written without a slot, a database or a template, and a
// miss builds the page and keeps a 200 for the next visitor. A page is
// fresh while no car of the showroom and nothing of its record changed (the
// change feed and the registry say so): a car marked sold leaves every page
// at once. Pages that change with the clock or the visitor (the about page,
// a form with errors) are not kept. key names the page within its host.
func (s *Server) sitePageCached(key cacheKeyFunc, build func(r *http.Request, sc *scope) (*web.Answer, error)) http.Handler {
	write := func(w http.ResponseWriter, r *http.Request, sc *scope, keep func(*web.Answer)) {
		w.Header().Set("Cache-Control", "no-cache")
		a, err := build(r, sc)
		if err != nil {
			Error(w, r, err)
			return
		}
		if keep != nil && a.Status() == http.StatusOK {
			keep(a)
		}
		a.Write(w, r)
	}
	if s.cache == nil {
		return s.sitePage(func(w http.ResponseWriter, r *http.Request, sc *scope) { write(w, r, sc, nil) })
	}
	inner := s.limitIP(ClassPublic, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, ok := s.admittedTenant(w, r)
		if !ok {
			return
		}
		// A page names the host and scheme it was asked on (its canonical
		// and shared URLs), and a showroom may have several hosts.
		pk, keep := key(r)
		if !keep {
			s.serveTenant(t, w, r, lanePublic, func(w http.ResponseWriter, r *http.Request, sc *scope) { write(w, r, sc, nil) })
			return
		}
		k := "page\x00" + s.siteURL(r, "") + "\x00" + pk
		if e := s.cache.get(t, k); e != nil && e.page != nil {
			w.Header()["Cache-Control"] = headerNoCache
			e.page.Write(w, r)
			return
		}
		// The first visitor of a page that is not kept builds it; those who
		// ask for it meanwhile wait for that answer instead of each
		// building it again (a shared link opened by a whole group at once).
		fill, leader := s.pageFills.join(t.ID, k)
		if !leader {
			select {
			case <-fill.done:
			case <-r.Context().Done():
				Error(w, r, r.Context().Err())
				return
			}
			if fill.answer != nil {
				w.Header()["Cache-Control"] = headerNoCache
				fill.answer.Write(w, r)
				return
			}
			// The first build failed or made an answer not to keep: build.
		}
		f := s.cache.begin(t, k)
		defer func() {
			if leader {
				s.pageFills.done(t.ID, k, fill)
			}
		}()
		s.serveTenant(t, w, r, lanePublic, func(w http.ResponseWriter, r *http.Request, sc *scope) {
			write(w, r, sc, func(a *web.Answer) {
				s.cache.putPage(f, a)
				if leader {
					fill.answer = a
				}
			})
		})
	}))
	return s.asPage(nil, inner)
}

// renderPage writes a page of the website; a template failure is an
// internal error, answered with the plain error page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, p *web.Page) {
	if err := s.web.Render(w, r, status, name, p); err != nil {
		Error(w, r, err)
	}
}

// renderErrorPage answers an error of a website page with a plain page: an
// unknown host or page is 404, a suspended or expired showroom is
// "temporarily unavailable" (503, so search engines come back later rather
// than forget it), a form sent to a moving showroom "being moved" (503),
// and anything else says so in the visitor's language.
func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	lang := siteLang(r)
	p := &web.Page{Lang: lang, Title: lang.T("site.unavailableTitle"), Description: lang.T("site.unavailable")}
	var unavailable showroomUnavailable
	var moving showroomMoving
	switch {
	case errors.As(err, &unavailable):
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "3600")
	case errors.As(err, &moving):
		p.Title, p.Description = lang.T("site.movingTitle"), lang.T("site.moving")
	case status == http.StatusNotFound && tenantSlug(r) == "":
		p.Title, p.Description = lang.T("site.notFoundTitle"), lang.T("site.unknownHost")
	case status == http.StatusNotFound:
		p.Title, p.Description = lang.T("site.notFoundTitle"), lang.T("site.notFound")
	case status == http.StatusForbidden:
		p.Title, p.Description = lang.T("site.forbiddenTitle"), lang.T("site.forbidden")
	case status == http.StatusTooManyRequests:
		p.Title, p.Description = lang.T("site.tooManyTitle"), lang.T("site.tooMany")
	case status == http.StatusRequestEntityTooLarge:
		p.Title, p.Description = lang.T("site.tooLargeTitle"), lang.T("site.tooLarge")
	}
	w.Header().Set("Cache-Control", "no-store")
	if err := s.web.Render(w, r, status, "plain/notice", p); err != nil {
		http.Error(w, p.Title, status)
	}
}

// handleSiteTheme serves the showroom's colour, made readable, as a
// stylesheet, so pages
// need no inline style (which the Content-Security-Policy forbids). Its URL
// carries a hash of the colours: a change is a new URL.
func (s *Server) handleSiteTheme(w http.ResponseWriter, r *http.Request, sc *scope) {
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if r.URL.Query().Get("v") != themeVersion(sc.Tenant) {
		h.Set("Cache-Control", "no-cache")
	}
	// The colour was validated as #RRGGBB when it was set.
	css := ":root{--brand:" + web.ReadableBrand(sc.Tenant.PrimaryColor) + "}\n"
	h.Set("Content-Length", strconv.Itoa(len(css)))
	if r.Method != http.MethodHead {
		w.Write([]byte(css))
	}
}

func themeVersion(t *tenants.Tenant) string {
	sum := sha256.Sum256([]byte(web.ReadableBrand(t.PrimaryColor)))
	return hex.EncodeToString(sum[:4])
}
