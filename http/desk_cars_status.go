package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// handleDeskCarStatus serves POST /admin/cars/:id/status: one tap marks a
// car booked or sold, through the API's update, so the public catalogue
// drops it at once (its cache follows the change feed). The browser comes
// back to the car's card with a notice whose Undo posts the status it had
// (with undo=1, which asks no notice of its own).
func (s *Server) handleDeskCarStatus(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	status := r.PostFormValue("status")
	if !store.ValidCarStatus(status) {
		// The store would take a missing status for a draft.
		Error(w, r, store.Errorf(store.EBADREQUEST, "The form names no car status"))
		return
	}
	before, err := sc.DB.FindCarByID(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return
	}
	if _, err := s.updateCar(r, sc, id, store.CarUpdate{Status: &status}); err != nil {
		Error(w, r, err)
		return
	}
	back, err := url.Parse(deskNext(r.PostFormValue("back")))
	if err != nil || !strings.HasPrefix(back.Path, deskPath+"/cars") {
		back = &url.URL{Path: deskPath + "/cars"}
	}
	q := back.Query()
	q.Del("changed")
	q.Del("was")
	if r.PostFormValue("undo") == "" && before.Status != status {
		q.Set("changed", strconv.FormatInt(id, 10))
		q.Set("was", before.Status)
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String()+"#car-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
