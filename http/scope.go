package http

import (
	"net/http"
	"strconv"

	"github.com/julienschmidt/httprouter"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// scope is everything a tenant-scoped handler may touch: the tenant the
// request resolved to, that tenant's database, and (on admin routes) the
// signed-in user loaded from it.
type scope struct {
	Tenant *tenants.Tenant
	DB     *store.DB
	User   *store.User
	// Changes counts the showroom's writes (liveHub.count) before the
	// handler read any of its data: a live page is at least that new.
	Changes uint64
}

// scopedHandler is the signature of every tenant-scoped handler.
type scopedHandler func(w http.ResponseWriter, r *http.Request, sc *scope)

// resolveTenant finds the tenant a request is for: the Host header, or
// X-Tenant-Domain when the operator trusts a fronting proxy to set it.
func (s *Server) resolveTenant(r *http.Request) (*tenants.Tenant, error) {
	host := r.Host
	if s.cfg.TrustTenantHeader {
		if h := r.Header.Get("X-Tenant-Domain"); h != "" {
			host = h
		}
	}
	return s.reg.Resolve(host)
}

// withTenant runs h with the tenant resolved from the request and its open
// store in lane l, after the tenant's status allows serving it.
func (s *Server) withTenant(t *tenants.Tenant, w http.ResponseWriter, r *http.Request, l lane, h scopedHandler) {
	if s.admitTenant(t, w, r) {
		s.serveTenant(t, w, r, l, h)
	}
}

// admitTenant tags the request with its tenant and checks that the tenant's
// status allows serving it, and that a moving tenant is only read; a
// refused request has been answered.
func (s *Server) admitTenant(t *tenants.Tenant, w http.ResponseWriter, r *http.Request) bool {
	setTenantSlug(r, t.Slug)
	w.Header().Set("X-Tenant-Slug", t.Slug)
	if err := t.Access(s.reg.Now()); err != nil {
		Error(w, r, showroomUnavailable{err})
		return false
	}
	return !refuseWhileMoving(t, w, r)
}

// showroomUnavailable is the refusal of a showroom whose status does not
// allow serving it (suspended, expired). The API answers it as the error it
// wraps; the website as "temporarily unavailable".
type showroomUnavailable struct{ error }

func (e showroomUnavailable) Unwrap() error { return e.error }

// serveTenant runs h of an admitted tenant with its store open, holding a
// slot of lane l once the body has arrived.
func (s *Server) serveTenant(t *tenants.Tenant, w http.ResponseWriter, r *http.Request, l lane, h scopedHandler) {
	s.inSlot(w, r, t.Slug, l, jsonBodyLimit, func() {
		db, release, err := s.pool.Acquire(r.Context(), t)
		if err != nil {
			Error(w, r, err)
			return
		}
		defer release()
		h(w, r, &scope{Tenant: t, DB: db})
	})
}

// inSlot reads the request body within limit, then runs fn holding one of
// the in-flight slots of slug's lane l; when they are all taken the request
// is answered 429 and fn does not run.
func (s *Server) inSlot(w http.ResponseWriter, r *http.Request, slug string, l lane, limit bodyLimit, fn func()) {
	if !readBody(w, r, limit) {
		return
	}
	if !s.inflight.acquire(slug, l) {
		busy(w, r)
		return
	}
	defer s.inflight.release(slug, l)
	fn()
}

// public adapts a handler of a public tenant route, limited per client IP.
func (s *Server) public(h scopedHandler) http.Handler {
	return s.limitIP(ClassPublic, s.tenantScoped(h))
}

// publicLimited adapts a public handler with its own rate-limit class
// instead of the catalogue's (the inquiry form, signing in).
func (s *Server) publicLimited(class string, h scopedHandler) http.Handler {
	return s.limitIP(class, s.tenantScoped(h))
}

// tenantScoped resolves the tenant and opens its store for h, in the
// public lane.
func (s *Server) tenantScoped(h scopedHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t, ok := s.admittedTenant(w, r); ok {
			s.serveTenant(t, w, r, lanePublic, h)
		}
	})
}

// admittedTenant resolves the request's tenant and admits it (see
// admitTenant); a refused request has been answered.
func (s *Server) admittedTenant(w http.ResponseWriter, r *http.Request) (*tenants.Tenant, bool) {
	t, err := s.resolveTenant(r)
	if err != nil {
		Error(w, r, err)
		return nil, false
	}
	return t, s.admitTenant(t, w, r)
}

// param returns a path parameter of the matched route.
func param(r *http.Request, name string) string {
	return httprouter.ParamsFromContext(r.Context()).ByName(name)
}

// idParam parses a numeric path id. Errors: EBADREQUEST.
func idParam(r *http.Request, name string) (int64, error) {
	v := param(r, name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, store.Errorf(store.EBADREQUEST, "Path parameter %s must be a positive integer", name)
	}
	return id, nil
}
