package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// Owners manage every user; admins manage sales users only; sales users
// manage nobody (they change their own password through /auth/password).
func (s *Server) registerUserRoutes(r *routeTable) {
	managers := []string{store.RoleOwner, store.RoleAdmin}
	r.Handler(http.MethodGet, "/api/admin/users", s.admin(s.handleUserList, managers...))
	r.Handler(http.MethodPost, "/api/admin/users", s.admin(s.handleUserCreate, managers...))
	r.Handler(http.MethodPut, "/api/admin/users/:id", s.admin(s.handleUserUpdate, managers...))
	r.Handler(http.MethodDelete, "/api/admin/users/:id", s.admin(s.handleUserDelete, managers...))
}

// UserView is a user as the API and the command line's --json show it:
// never the password hash or the token version.
type UserView struct {
	ID             int64      `json:"id"`
	Name           string     `json:"name"`
	Email          string     `json:"email"`
	Phone          *string    `json:"phone"`
	WhatsAppNumber *string    `json:"whatsappNumber"`
	Role           string     `json:"role"`
	Status         string     `json:"status"`
	LastLoginAt    *timestamp `json:"lastLoginAt"`
	CreatedAt      timestamp  `json:"createdAt"`
	UpdatedAt      timestamp  `json:"updatedAt"`
}

// NewUserView renders u.
func NewUserView(u *store.User) UserView {
	return UserView{
		ID: u.ID, Name: u.Name, Email: u.Email, Phone: nullableString(u.Phone),
		WhatsAppNumber: nullableString(u.WhatsAppNumber), Role: u.Role, Status: u.Status,
		LastLoginAt: timestampPtr(u.LastLoginAt), CreatedAt: timestamp(u.CreatedAt), UpdatedAt: timestamp(u.UpdatedAt),
	}
}

// NewUserViews renders a list of users, [] when there are none.
func NewUserViews(users []*store.User) []UserView {
	views := make([]UserView, 0, len(users))
	for _, u := range users {
		views = append(views, NewUserView(u))
	}
	return views
}

// errSalesOnly is the answer when an admin reaches beyond sales users.
func errSalesOnly() error {
	return store.Errorf(store.EFORBIDDEN, "Admins can only manage sales users")
}

// mayManage reports whether actor may change or delete target, and give it
// newRole when that is set: owners may do anything (the last-owner rule is
// the store's), admins only touch sales users and keep them sales.
// Errors: EFORBIDDEN.
func mayManage(actor, target *store.User, newRole *string) error {
	if actor.Role == store.RoleOwner {
		return nil
	}
	if target.Role != store.RoleSales {
		return errSalesOnly()
	}
	if newRole != nil && *newRole != store.RoleSales && store.ValidRole(*newRole) {
		return errSalesOnly()
	}
	return nil
}

// handleUserList returns every user of the showroom, owners first. The list
// is not paginated: a showroom's team is a handful of people.
func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request, sc *scope) {
	users, err := sc.DB.FindUsers(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, NewUserViews(users))
}

// userCreateRequest holds the fields a new user may be given.
type userCreateRequest struct {
	Name           string `json:"name"`
	Email          string `json:"email"`
	Password       string `json:"password"`
	Role           string `json:"role"`
	Phone          string `json:"phone"`
	WhatsAppNumber string `json:"whatsappNumber"`
}

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req userCreateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	u := &store.User{Name: req.Name, Email: req.Email, Role: req.Role, Phone: req.Phone, WhatsAppNumber: req.WhatsAppNumber}
	if err := createUser(r, sc, u, req.Password); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, NewUserView(u))
}

// createUser adds u to the showroom for the API and the dashboard. An
// unknown role is left to validation (EINVALID); a real one beyond an
// admin's reach is EFORBIDDEN.
func createUser(r *http.Request, sc *scope, u *store.User, password string) error {
	if sc.User.Role != store.RoleOwner && u.Role != store.RoleSales && store.ValidRole(u.Role) {
		return errSalesOnly()
	}
	return sc.DB.CreateUser(r.Context(), u, password)
}

// userUpdateRequest holds the writable fields of a user; email is the
// login name and stays fixed. Null clears phone and whatsappNumber; null
// for a required field fails validation like an empty value.
type userUpdateRequest struct {
	Name           optional[string] `json:"name"`
	Phone          optional[string] `json:"phone"`
	WhatsAppNumber optional[string] `json:"whatsappNumber"`
	Role           optional[string] `json:"role"`
	Status         optional[string] `json:"status"`
	Password       optional[string] `json:"password"`
}

func (req userUpdateRequest) update() store.UserUpdate {
	return store.UserUpdate{Name: req.Name.ptr(), Phone: req.Phone.ptr(), WhatsAppNumber: req.WhatsAppNumber.ptr(),
		Role: req.Role.ptr(), Status: req.Status.ptr(), Password: req.Password.ptr()}
}

// handleUserUpdate changes a user. Who may change whom is checked inside
// the store's transaction, on the user as stored then, so a concurrent
// promotion cannot hand an admin an owner's account. Nobody deactivates
// themselves here: it would lock them out with no way back but another
// manager.
func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req userUpdateRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	u, err := updateUser(r, sc, id, req.update())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, NewUserView(u))
}

// updateUser applies upd to user id for the API and the dashboard, with
// who may change whom checked inside the store's transaction.
// Errors: ENOTFOUND, EINVALID, EFORBIDDEN.
func updateUser(r *http.Request, sc *scope, id int64, upd store.UserUpdate) (*store.User, error) {
	upd.Check = func(target *store.User) error {
		if err := mayManage(sc.User, target, upd.Role); err != nil {
			return err
		}
		if target.ID == sc.User.ID && upd.Status != nil && *upd.Status == store.UserInactive {
			return store.ValidationError(map[string]string{"status": "You cannot deactivate your own account"})
		}
		return nil
	}
	return sc.DB.UpdateUser(r.Context(), id, upd)
}

// handleUserDelete removes a user; their leads become unassigned. Nobody
// deletes themselves.
func (s *Server) handleUserDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	err = sc.DB.DeleteUser(r.Context(), id, func(target *store.User) error {
		if err := mayManage(sc.User, target, nil); err != nil {
			return err
		}
		if target.ID == sc.User.ID {
			return store.ValidationError(map[string]string{"id": "You cannot delete your own account"})
		}
		return nil
	})
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, map[string]string{"message": "User deleted"})
}
