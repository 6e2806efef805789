package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

func (s *Server) registerAuthRoutes(r *routeTable) {
	// Sign-ins are limited per client IP (an office behind one NAT shares
	// it) and, in the handler, per showroom and email.
	r.Handler(http.MethodPost, "/api/admin/auth/login", s.limitIP(ClassLoginIP, s.tenantScoped(s.handleLogin)))
	r.Handler(http.MethodPost, "/api/admin/auth/verify", s.public(s.handleVerify))
	r.Handler(http.MethodGet, "/api/admin/auth/me", s.admin(s.handleMe))
	r.Handler(http.MethodPut, "/api/admin/auth/password", s.admin(s.handlePasswordChange))
}

// loginRequest is the body of POST /api/admin/auth/login.
type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// loginTenant is the short form of the showroom a login answer carries.
type loginTenant struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

type loginResponse struct {
	Token     string      `json:"token"`
	ExpiresAt timestamp   `json:"expiresAt"`
	User      userSummary `json:"user"`
	Tenant    loginTenant `json:"tenant"`
}

// tokenResponse answers a password change with the replacement token.
type tokenResponse struct {
	Token     string    `json:"token"`
	ExpiresAt timestamp `json:"expiresAt"`
}

// handleLogin signs a user of this showroom in with a token (see
// checkLogin).
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request, sc *scope) {
	w.Header().Set("Cache-Control", "no-store")
	var req loginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	u, ok, err := s.checkLogin(w, r, sc, req.Email, req.Password)
	if !ok {
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	token, exp, err := s.issueToken(sc.Tenant, u)
	if err != nil {
		Error(w, r, err)
		return
	}
	t := sc.Tenant
	writeData(w, http.StatusOK, loginResponse{
		Token: token, ExpiresAt: timestamp(exp),
		User:   userSummary{ID: u.ID, Name: u.Name, Email: u.Email, Role: u.Role},
		Tenant: loginTenant{ID: t.ID, Name: t.Name, Slug: t.Slug},
	})
}

// checkLogin checks an email and password against this showroom's users,
// for the API and the dashboard's sign-in form alike, and records the
// sign-in. An unknown email, a wrong password and an inactive user get the
// same EUNAUTHORIZED after the same bcrypt work, so neither reveals which
// addresses exist; a missing field is EINVALID with the field in details.
// ok is false when the account's rate limit refused the attempt, which has
// then been answered.
func (s *Server) checkLogin(w http.ResponseWriter, r *http.Request, sc *scope, email, password string) (u *store.User, ok bool, err error) {
	errs := map[string]string{}
	if store.NormalizeEmail(email) == "" {
		errs["email"] = "Email is required"
	}
	if password == "" {
		errs["password"] = "Password is required"
	}
	if err := store.ValidationError(errs); err != nil {
		return nil, true, err
	}
	if !s.allow(w, r, ClassLogin, loginKey(sc, email)) {
		return nil, false, nil
	}
	u, err = sc.DB.FindUserByEmail(r.Context(), email)
	if err != nil && store.ErrorCode(err) != store.ENOTFOUND {
		return nil, true, err
	}
	// With u nil, CheckPassword still spends one bcrypt comparison.
	if !store.CheckPassword(u, password) || u.Status != store.UserActive {
		return nil, true, store.Errorf(store.EUNAUTHORIZED, "Invalid email or password")
	}
	if err := sc.DB.RecordLogin(r.Context(), u.ID); err != nil {
		return nil, true, err
	}
	return u, true, nil
}

// loginKey is the rate-limit key of password guesses against one account.
func loginKey(sc *scope, email string) string {
	return sc.Tenant.Slug + "\x00" + store.NormalizeEmail(email)
}

// verifyPayload is what a valid token says; exp is Unix seconds, as in the
// token itself.
type verifyPayload struct {
	UserID     int64  `json:"userId"`
	TenantSlug string `json:"tenantSlug"`
	Role       string `json:"role"`
	Exp        int64  `json:"exp"`
}

type verifyResponse struct {
	Valid   bool          `json:"valid"`
	Payload verifyPayload `json:"payload"`
}

// handleVerify tells a dashboard whether its stored token still works on
// this showroom. It applies every check an admin request does (signature,
// claims, tenant, user active, token version), so "valid" here means the
// next admin call will be accepted.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request, sc *scope) {
	w.Header().Set("Cache-Control", "no-store")
	u, claims, err := s.authenticate(r, sc.Tenant, sc.DB)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, verifyResponse{Valid: true, Payload: verifyPayload{
		UserID: u.ID, TenantSlug: claims.TenantSlug, Role: u.Role, Exp: claims.ExpiresAt.Unix(),
	}})
}

// handleMe returns the signed-in user.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request, sc *scope) {
	writeData(w, http.StatusOK, NewUserView(sc.User))
}

// passwordRequest is the body of PUT /api/admin/auth/password.
type passwordRequest struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

// handlePasswordChange lets any signed-in user change their own password
// (changePassword). Success answers with a fresh token for this session.
func (s *Server) handlePasswordChange(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req passwordRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	u, ok, err := s.changePassword(w, r, sc, req.CurrentPassword, req.NewPassword)
	if !ok {
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	token, exp, err := s.issueToken(sc.Tenant, u)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, tokenResponse{Token: token, ExpiresAt: timestamp(exp)})
}

// changePassword changes the signed-in user's password, for the API and
// the dashboard alike. A wrong current password is EINVALID on the
// currentPassword field rather than EUNAUTHORIZED: the session is valid,
// and clients treat 401 as "signed out" and would end it for a typo.
// Success bumps the token version, revoking every older token and session
// (other devices included). With ok false the request was refused by the
// rate limit and has been answered.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, sc *scope, current, next string) (u *store.User, ok bool, err error) {
	errs := map[string]string{}
	if current == "" {
		errs["currentPassword"] = "Current password is required"
	}
	if msg := store.ValidatePassword(next); msg != "" {
		errs["newPassword"] = msg
	}
	if err := store.ValidationError(errs); err != nil {
		return nil, true, err
	}
	// Guesses of the current password (from a stolen session) draw on the
	// same bucket as sign-ins to this account.
	if !s.allow(w, r, ClassLogin, loginKey(sc, sc.User.Email)) {
		return nil, false, nil
	}
	if !store.CheckPassword(sc.User, current) {
		return nil, true, &store.Error{Code: store.EINVALID, Message: "Current password is incorrect",
			Details: map[string]any{"currentPassword": "Current password is incorrect"}}
	}
	if next == current {
		return nil, true, store.ValidationError(map[string]string{"newPassword": "New password must differ from the current password"})
	}
	u, err = sc.DB.UpdateUser(r.Context(), sc.User.ID, store.UserUpdate{Password: &next})
	return u, true, err
}
