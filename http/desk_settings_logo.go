package http

import (
	"net/http"

	"github.com/autoleads/autoleads/store"
)

// The logo part of the settings page: the owner uploads, replaces or
// removes the showroom's logo through the API's steps (setLogo,
// removeLogo); refusals come back beside the file field.

// logoRefusedSize is where a logo upload refused whole for its size is sent.
func logoRefusedSize(*http.Request) string { return deskPath + "/settings?refused=size#logo" }

// handleDeskLogoUpload serves POST /admin/settings/logo: the image of the
// multipart field "logo" becomes the showroom's logo.
func (s *Server) handleDeskLogoUpload(w http.ResponseWriter, r *http.Request, sc *scope) {
	part, err := imagePart(r, "logo", "Logo")
	if err == nil && part.FileName() == "" {
		// A form sent with no file chosen has an empty part without a name.
		err = store.ValidationError(map[string]string{"logo": "Logo file is required"})
	}
	if err == nil {
		_, err = s.setLogo(r, sc, part)
	}
	if err != nil {
		s.deskLogoRefused(w, r, sc, err)
		return
	}
	http.Redirect(w, r, deskPath+"/settings?saved=logo#logo", http.StatusSeeOther)
}

// handleDeskLogoDelete serves POST /admin/settings/logo/delete.
func (s *Server) handleDeskLogoDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	if _, err := s.removeLogo(r, sc); err != nil {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, deskPath+"/settings?saved=logoRemoved#logo", http.StatusSeeOther)
}

// deskLogoRefused answers a refused logo: the settings page again with
// the reason beside the file field, in the user's language, worded as for
// a car photo, and the API's status. A failure that is not the image's is
// an error page.
func (s *Server) deskLogoRefused(w http.ResponseWriter, r *http.Request, sc *scope, err error) {
	lang := deskLang(r)
	reason, ok := deskPhotoRefusal(lang, err)
	if !ok && store.ErrorCode(err) == store.EINVALID {
		reason, ok = lang.T("desk.settings.logoNone"), true
	}
	if !ok {
		Error(w, r, err)
		return
	}
	status := http.StatusUnprocessableEntity
	if m, known := statusOf[store.ErrorCode(err)]; known {
		status = m.status
	}
	p := &deskSettings{Profile: settingsOf(sc.Tenant), Errors: map[string]string{"logo": reason}}
	s.renderDeskSettings(w, r, sc, status, p, sc.Tenant.BusinessHours)
}
