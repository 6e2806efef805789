package http

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// bearerToken returns the token of an "Authorization: Bearer …" header.
func bearerToken(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if h == "" {
		return "", store.Errorf(store.EUNAUTHORIZED, "Authentication required")
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", store.Errorf(store.EUNAUTHORIZED, "Authorization header must be: Bearer <token>")
	}
	return strings.TrimSpace(token), nil
}

// authenticate verifies the request's token for tenant t and loads its user
// from the tenant's own database, so a deactivated user or a bumped
// token_version takes effect on the very next request. The user must hold
// the token's key too: an id alone may have named someone else.
// Errors: EUNAUTHORIZED, EFORBIDDEN (token of another tenant).
func (s *Server) authenticate(r *http.Request, t *tenants.Tenant, db *store.DB) (*store.User, *adminClaims, error) {
	raw, err := bearerToken(r)
	if err != nil {
		return nil, nil, err
	}
	claims, err := s.parseToken(raw)
	if err != nil {
		return nil, nil, err
	}
	if claims.TenantSlug != t.Slug || claims.TenantID != t.ID {
		return nil, nil, store.Errorf(store.EFORBIDDEN, "Token belongs to another showroom")
	}
	id, err := strconv.ParseInt(claims.Subject, 10, 64)
	if err != nil {
		return nil, nil, store.Errorf(store.EUNAUTHORIZED, "Invalid token")
	}
	u, err := db.FindUserByID(r.Context(), id)
	if store.ErrorCode(err) == store.ENOTFOUND || err == nil && u.TokenKey != claims.UserKey {
		return nil, nil, store.Errorf(store.EUNAUTHORIZED, "Invalid token")
	}
	if err != nil {
		return nil, nil, err
	}
	if u.Status != store.UserActive {
		return nil, nil, store.Errorf(store.EUNAUTHORIZED, "User account is inactive")
	}
	if u.TokenVersion != claims.Version {
		return nil, nil, store.Errorf(store.EUNAUTHORIZED, "Token has been revoked")
	}
	return u, claims, nil
}

// admin adapts a handler of an authenticated route, limited per user. With
// roles given, only users of those roles pass (others get 403).
func (s *Server) admin(h scopedHandler, roles ...string) http.Handler {
	return s.adminBody(jsonBodyLimit, h, roles...)
}

// adminBody is admin for a route whose body may reach limit (asStaff,
// with the user of the request's bearer token).
func (s *Server) adminBody(limit bodyLimit, h scopedHandler, roles ...string) http.Handler {
	bearer := func(w http.ResponseWriter, r *http.Request, t *tenants.Tenant, db *store.DB) *store.User {
		u, _, err := s.authenticate(r, t, db)
		if err != nil {
			Error(w, r, err)
			return nil
		}
		return u
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.asStaff(w, r, limit, bearer, roles, h)
	})
}

// staffIdentity finds the signed-in user of a request in the showroom's
// database (a bearer token, a session cookie), or answers the request and
// returns nil.
type staffIdentity func(w http.ResponseWriter, r *http.Request, t *tenants.Tenant, db *store.DB) *store.User

// asStaff runs h for a request of a user whom identify recognises, in the
// staff lane; with roles given, only users of those roles pass (others get
// 403). The user is known before the body is read, so only staff can make
// the server hold a large body, and before a slot is taken; each user has a
// rate limit of their own, keyed by the user's token key, which no other
// user (of this or a re-created showroom of the slug) ever holds. Nothing a
// signed-in user is answered is kept by a cache.
func (s *Server) asStaff(w http.ResponseWriter, r *http.Request, limit bodyLimit, identify staffIdentity, roles []string, h scopedHandler) {
	t, ok := s.admittedTenant(w, r)
	if !ok {
		return
	}
	db, release, err := s.pool.Acquire(r.Context(), t)
	if err != nil {
		Error(w, r, err)
		return
	}
	defer release()
	u := identify(w, r, t, db)
	if u == nil || !s.allow(w, r, ClassAdmin, t.Slug+"/"+u.TokenKey) {
		return
	}
	if len(roles) > 0 && !slices.Contains(roles, u.Role) {
		Error(w, r, store.Errorf(store.EFORBIDDEN, "Your role is not allowed to do this"))
		return
	}
	w.Header()["Cache-Control"] = headerNoStore
	s.inSlot(w, r, t.Slug, laneStaff, limit, func() {
		h(w, r, &scope{Tenant: t, DB: db, User: u, Changes: s.live.count(t.ID)})
	})
}
