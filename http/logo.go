package http

import (
	"io"
	"net/http"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/tenants/photo"
)

// The showroom's logo is uploaded, not linked: the website's CSP shows
// images of its own host only. Like the rest of the profile, it is the
// owner's to change.
func (s *Server) registerLogoRoutes(r *routeTable) {
	r.Handler(http.MethodPost, "/api/admin/tenant/logo", s.adminBody(photoBodyLimit, s.handleLogoUpload, store.RoleOwner))
	r.Handler(http.MethodDelete, "/api/admin/tenant/logo", s.admin(s.handleLogoDelete, store.RoleOwner))
}

// handleLogoUpload serves POST /api/admin/tenant/logo: one image in the
// multipart field "logo", checked and limited as a car photo, stored as a
// PNG of at most photo.LogoSide px (photo.ProcessLogo) and made the
// showroom's logo. The answer is the profile as stored.
func (s *Server) handleLogoUpload(w http.ResponseWriter, r *http.Request, sc *scope) {
	r.Body = http.MaxBytesReader(w, r.Body, photoBodyLimit.max)
	part, err := imagePart(r, "logo", "Logo")
	if err != nil {
		Error(w, r, err)
		return
	}
	t, err := s.setLogo(r, sc, part)
	s.answerLogo(w, r, sc, t, err)
}

// handleLogoDelete serves DELETE /api/admin/tenant/logo: the showroom has
// no logo any more, and its file leaves the disk.
func (s *Server) handleLogoDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	t, err := s.removeLogo(r, sc)
	s.answerLogo(w, r, sc, t, err)
}

// answerLogo answers a change of the logo with the profile as stored, or
// its error.
func (s *Server) answerLogo(w http.ResponseWriter, r *http.Request, sc *scope, t *tenants.Tenant, err error) {
	var p showroomProfile
	if err == nil {
		p, err = s.newShowroomProfile(r.Context(), t, sc.DB)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, p)
}

// setLogo reads an uploaded logo from src, processes and stores it and makes
// it the showroom's, for the API and the dashboard; the logo it replaces
// leaves the disk (updateShowroom). A logo refused leaves the showroom
// unchanged and no file behind.
func (s *Server) setLogo(r *http.Request, sc *scope, src io.Reader) (*tenants.Tenant, error) {
	data, err := readUploadedImage(r, src)
	if err != nil {
		return nil, err
	}
	logo, err := processImage(r, "logo", "Logo", data, photo.ProcessLogo)
	if err != nil {
		return nil, err
	}
	up, err := s.uploads(sc)
	if err != nil {
		return nil, err
	}
	name, err := up.SaveLogo(logo)
	if err != nil {
		return nil, err
	}
	url := UploadURLPrefix + name
	t, err := s.updateShowroom(r, sc, showroomUpdateRequest{LogoURL: given(url)}.update())
	if err != nil && url != sc.Tenant.LogoURL {
		s.removeUploads(r, sc, url)
	}
	return t, err
}

// removeLogo clears the showroom's logo, and its file leaves the disk.
func (s *Server) removeLogo(r *http.Request, sc *scope) (*tenants.Tenant, error) {
	return s.updateShowroom(r, sc, showroomUpdateRequest{LogoURL: given("")}.update())
}
