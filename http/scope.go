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
// store, after the tenant's status allows serving it.
func (s *Server) withTenant(t *tenants.Tenant, w http.ResponseWriter, r *http.Request, h scopedHandler) {
	setTenantSlug(r, t.Slug)
	w.Header().Set("X-Tenant-Slug", t.Slug)
	if err := t.Access(s.reg.Now()); err != nil {
		Error(w, r, err)
		return
	}
	if !s.inflight.acquire(t.Slug) {
		busy(w, r)
		return
	}
	defer s.inflight.release(t.Slug)
	db, release, err := s.pool.Acquire(r.Context(), t)
	if err != nil {
		Error(w, r, err)
		return
	}
	defer release()
	h(w, r, &scope{Tenant: t, DB: db})
}

// public adapts a handler of a public tenant route, limited per client IP.
func (s *Server) public(h scopedHandler) http.Handler {
	return s.limitIP(ClassPublic, s.tenantScoped(h))
}

// publicLimited adapts a public handler with its own rate-limit class
// instead of the catalogue's (the inquiry form).
func (s *Server) publicLimited(class string, h scopedHandler) http.Handler {
	return s.limitIP(class, s.tenantScoped(h))
}

// tenantScoped resolves the tenant and opens its store for h.
func (s *Server) tenantScoped(h scopedHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.resolveTenant(r)
		if err != nil {
			Error(w, r, err)
			return
		}
		s.withTenant(t, w, r, h)
	})
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
