package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// handleDeskFonnteToken serves POST /admin/settings/fonnte-token: the
// device token is set or replaced, never shown back.
func (s *Server) handleDeskFonnteToken(w http.ResponseWriter, r *http.Request, sc *scope) {
	token := r.PostFormValue("fonnteToken")
	var err error
	// The update trims the token: one of only spaces would remove it.
	if strings.TrimSpace(token) == "" {
		err = store.ValidationError(map[string]string{"fonnteToken": "Fonnte token is required"})
	} else {
		_, err = s.updateShowroom(r, sc, showroomUpdateRequest{FonnteToken: given(token)}.update())
	}
	if err != nil {
		s.deskSettingsFailed(w, r, sc, &deskSettings{Profile: settingsOf(sc.Tenant)}, sc.Tenant.BusinessHours, err)
		return
	}
	http.Redirect(w, r, deskPath+"/settings?saved=token#whatsapp", http.StatusSeeOther)
}

// handleDeskTestMessage serves POST /admin/settings/test-message: a test
// message to a number, queued through the outbox as a reply to the
// number's open lead (one is opened for it when there is none), so the
// lead page shows whether it was delivered.
func (s *Server) handleDeskTestMessage(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang := deskLang(r)
	number := r.PostFormValue("testNumber")
	failed := func(err error) {
		s.deskSettingsFailed(w, r, sc, &deskSettings{Profile: settingsOf(sc.Tenant), TestNumber: number},
			sc.Tenant.BusinessHours, err)
	}
	if sc.Tenant.FonnteToken == "" {
		failed(store.ValidationError(map[string]string{"testToken": "Fonnte token is not set"}))
		return
	}
	l := &store.Lead{CustomerPhone: number, CustomerName: lang.T("desk.settings.testLead")}
	err := sc.DB.CreateLead(r.Context(), l)
	if id, ok := store.ErrorDetails(err)["leadId"].(int64); ok && store.ErrorCode(err) == store.ECONFLICT {
		l.ID, err = id, nil
	}
	if store.ErrorCode(err) == store.EINVALID {
		err = store.ValidationError(map[string]string{"testNumber": "Invalid phone number"})
	}
	if err != nil {
		failed(err)
		return
	}
	m, err := s.queueReply(r, sc, l.ID, lang.T("desk.settings.testText", sc.Tenant.Name))
	if err != nil {
		failed(err)
		return
	}
	http.Redirect(w, r, deskLeadPath(l.ID)+"#m"+strconv.FormatInt(m.ID, 10), http.StatusSeeOther)
}
