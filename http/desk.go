package http

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// registerDeskRoutes registers the staff dashboard, served under /admin on
// each showroom's own host. A browser signs in once and holds a session
// cookie; the API's bearer tokens are for other clients.
func (s *Server) registerDeskRoutes(r *routeTable) {
	r.Page(http.MethodGet, "/admin", s.deskSignedIn(s.handleDeskHome))
	r.Page(http.MethodGet, "/admin/login", s.deskPage(ClassPublic, s.handleDeskLoginForm))
	// Sign-ins are limited per client IP and, in checkLogin, per showroom
	// and email, as the API's.
	r.Page(http.MethodPost, "/admin/login", s.deskPost(s.deskPage(ClassLoginIP, s.handleDeskLogin)))
	r.Page(http.MethodPost, "/admin/logout", s.deskPost(s.deskPage(ClassPublic, s.handleDeskLogout)))
	r.Page(http.MethodPost, "/admin/logout-everywhere", s.deskPost(s.deskSignedIn(s.handleDeskLogoutEverywhere)))
	r.Page(http.MethodGet, "/admin/leads", s.deskSignedIn(s.handleDeskInbox))
	r.Page(http.MethodPost, "/admin/leads/:id/take", s.deskPost(s.deskSignedIn(s.handleDeskTake)))
	r.Page(http.MethodGet, "/admin/account", s.deskSignedIn(s.handleDeskAccount))
	r.Page(http.MethodPost, "/admin/password", s.deskPost(s.deskSignedIn(s.handleDeskPassword)))
	r.Page(http.MethodGet, "/admin/manifest.webmanifest", s.deskPage(ClassPublic, s.handleDeskManifest))
	s.registerDeskLeadRoutes(r)
	s.registerDeskBoardRoutes(r)
	s.registerDeskQuickReplyRoutes(r)
	s.registerDeskCarRoutes(r)
	s.registerDeskCSVRoutes(r)
	s.registerDeskTeamRoutes(r)
	s.registerDeskSettingsRoutes(r)
	s.registerDeskPhotoRoutes(r)
}

// The dashboard's cookies: the session, and the language a user chose.
const (
	sessionCookie = "al_session"
	langCookie    = "lang"
	deskPath      = "/admin"
)

// deskPage adapts a page of the dashboard that needs no session (the
// sign-in form): limited per client IP by class, in the public lane, never
// kept by a cache, its errors answered with pages.
func (s *Server) deskPage(class string, h scopedHandler) http.Handler {
	return s.asPage(headerNoStore, s.rememberLang(s.publicLimited(class, h)))
}

// deskPost refuses a dashboard form post from another site (403), before
// anything else runs.
func (s *Server) deskPost(h http.Handler) http.Handler {
	return s.asPage(headerNoStore, sameOrigin(h))
}

// deskSignedIn adapts a page that needs a session of this showroom's
// database: without a valid one the browser is sent to the sign-in form,
// which brings it back here. As on the API, the user is known before a
// slot of the staff lane is taken, and is limited per user. With roles, a
// user of another role is refused (403), as by the API's admin routes.
func (s *Server) deskSignedIn(h scopedHandler, roles ...string) http.Handler {
	return s.deskSignedInWithin(jsonBodyLimit, h, roles...)
}

// deskSignedInWithin is deskSignedIn for a route whose body may exceed the
// forms' limit (a file upload).
func (s *Server) deskSignedInWithin(limit bodyLimit, h scopedHandler, roles ...string) http.Handler {
	identify := s.deskSession(toSignIn)
	return s.deskStaff(func(w http.ResponseWriter, r *http.Request) {
		s.asStaff(w, r, limit, identify, roles, h)
	})
}

// deskStaff adapts a dashboard route that runs asStaff: limited per client
// IP before the session is looked up, never kept by a cache, its errors
// answered with pages.
func (s *Server) deskStaff(h http.HandlerFunc) http.Handler {
	return s.asPage(headerNoStore, s.rememberLang(s.limitIP(ClassPublic, h)))
}

// deskSession identifies the user of a dashboard request by its session
// cookie, in the showroom's own database. A request without a valid session
// has a stale cookie cleared and is answered by signedOut.
func (s *Server) deskSession(signedOut http.HandlerFunc) staffIdentity {
	return func(w http.ResponseWriter, r *http.Request, t *tenants.Tenant, db *store.DB) *store.User {
		if c, err := r.Cookie(sessionCookie); err == nil {
			u, err := sessionUser(db.FindSession(r.Context(), c.Value))
			if err != nil {
				Error(w, r, err)
				return nil
			}
			if u != nil {
				return u
			}
			s.clearSessionCookie(w, r)
		}
		signedOut(w, r)
		return nil
	}
}

// sessionUser is the user a session check found: nil, without an error,
// when the session is unknown or refused (signed out, expired, revoked).
func sessionUser(u *store.User, err error) (*store.User, error) {
	if code := store.ErrorCode(err); code == store.ENOTFOUND || code == store.EUNAUTHORIZED {
		return nil, nil
	}
	return u, err
}

// toSignIn sends the browser to the sign-in form, which brings a GET back
// to the page it asked for.
func toSignIn(w http.ResponseWriter, r *http.Request) {
	next := deskPath
	if r.Method == http.MethodGet {
		next = r.URL.Path
	}
	http.Redirect(w, r, deskPath+"/login?next="+url.QueryEscape(next), http.StatusSeeOther)
}

// setSessionCookie hands the browser its session: unreadable to scripts,
// sent only to the dashboard, not on other sites' posts, and only over
// TLS when the request came over it.
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, raw string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: raw, Path: deskPath, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r), MaxAge: int(store.SessionMaxAge / time.Second)})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: deskPath, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r), MaxAge: -1})
}

// rememberLang keeps the language a user chose with ?lang= on any
// dashboard page in a cookie, once per request, for deskLang.
func (s *Server) rememberLang(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l, ok := web.ParseLang(r.URL.Query().Get("lang")); ok {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: deskPath,
				MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r)})
		}
		h.ServeHTTP(w, r)
	})
}

// deskLang is the dashboard's language for this user: the one they chose
// (?lang= on a page, then remembered in a cookie by rememberLang), else
// what the browser prefers, Indonesian unless it ranks English higher.
func deskLang(r *http.Request) web.Lang {
	if l, ok := web.ParseLang(r.URL.Query().Get("lang")); ok {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := web.ParseLang(c.Value); ok {
			return l
		}
	}
	return web.NegotiateLang(r.Header.Get("Accept-Language"))
}

// deskNext is where a sign-in leads: next when it is a path of the
// dashboard on this site, /admin otherwise, so a link cannot make the form
// send someone to another site.
func deskNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.ContainsAny(next, "\\\x00\r\n\t") ||
		!strings.HasPrefix(next, deskPath) || u.Path != deskPath && !strings.HasPrefix(u.Path, deskPath+"/") {
		return deskPath
	}
	return u.RequestURI()
}
