package http

import (
	"net/http"
	"strconv"

	"github.com/autoleads/autoleads/store"
)

// A car's photos in the dashboard: owners and admins upload, order, choose
// the primary and delete, through the API's own steps (addCarPhoto,
// removeCarPhoto, the store's writes); sales see them.
func (s *Server) registerDeskPhotoRoutes(r *routeTable) {
	manage := []string{store.RoleOwner, store.RoleAdmin}
	r.Page(http.MethodGet, "/admin/cars/:id/photos", s.deskSignedIn(s.handleDeskPhotos))
	r.Page(http.MethodPost, "/admin/cars/:id/photos", s.deskPost(s.deskUploads(deskPhotosBodyLimit, photosRefusedSize, s.handleDeskPhotoUpload, manage...)))
	r.Page(http.MethodPost, "/admin/cars/:id/photos/move", s.deskPost(s.deskSignedIn(s.handleDeskPhotoMove, manage...)))
	r.Page(http.MethodPost, "/admin/cars/:id/photos/primary", s.deskPost(s.deskSignedIn(s.handleDeskPhotoPrimary, manage...)))
	r.Page(http.MethodPost, "/admin/cars/:id/photos/delete", s.deskPost(s.deskSignedIn(s.handleDeskPhotoDelete, manage...)))
}

// deskPhotosPage is the data of a car's photos page. Refused lists the
// files of the last upload that were not added, with why; Gone says an
// action named a photo no longer at its place (a colleague changed the
// list first).
type deskPhotosPage struct {
	Car       *store.Car
	Photos    []deskPhoto
	CanManage bool
	Max       int
	Full      bool
	Added     int
	Refused   []deskPhotoRefused
	Gone      bool
	// PhotoMB and BatchMB are the limits of one photo and of one upload.
	PhotoMB, BatchMB int64
}

// deskPhoto is one photo in the list: its place, its URL, the small copy
// shown as its thumbnail, and where it stands.
type deskPhoto struct {
	Index, Up, Down  int // its place, and the places above and below it
	URL, Thumb       string
	Primary          bool
	First, Last      bool
	Number, OfPhotos int // counted from 1, for its label
}

// deskPhotoRefused is a file of an upload that was not added.
type deskPhotoRefused struct{ File, Reason string }

// handleDeskPhotos serves GET /admin/cars/:id/photos. ?added=n reports a
// finished upload; ?refused=size an upload refused whole for its size.
func (s *Server) handleDeskPhotos(w http.ResponseWriter, r *http.Request, sc *scope) {
	p := &deskPhotosPage{}
	q := r.URL.Query()
	p.Added, _ = strconv.Atoi(q.Get("added"))
	if q.Get("refused") == "size" {
		p.Refused = []deskPhotoRefused{{Reason: deskLang(r).T("desk.photos.refused.body", deskPhotosBodyLimit.max>>20)}}
	}
	s.renderDeskPhotos(w, r, sc, http.StatusOK, p)
}

// renderDeskPhotos loads the car of the path and writes its photos page.
func (s *Server) renderDeskPhotos(w http.ResponseWriter, r *http.Request, sc *scope, status int, p *deskPhotosPage) {
	id, err := idParam(r, "id")
	if err == nil {
		p.Car, err = sc.DB.FindCarByID(r.Context(), id)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	n := len(p.Car.Photos)
	p.Photos = make([]deskPhoto, n)
	for i, u := range p.Car.Photos {
		p.Photos[i] = deskPhoto{Index: i, Up: i - 1, Down: i + 1, URL: u, Thumb: photoThumb(u), Primary: i == p.Car.PrimaryPhotoIndex,
			First: i == 0, Last: i == n-1, Number: i + 1, OfPhotos: n}
	}
	p.CanManage = sc.User.Role != store.RoleSales
	p.Max, p.Full = store.MaxCarPhotos, carPhotosFull(p.Car) != nil
	p.PhotoMB, p.BatchMB = maxPhotoBytes>>20, deskPhotosBodyLimit.max>>20
	s.renderDesk(w, r, sc, status, deskPageOf{name: "photos", section: sectionCars,
		titleKey: "desk.photos.title", live: true, content: p})
}

// photosPath is the photos page of car id, at fragment.
func photosPath(id int64, fragment string) string {
	return deskPath + "/cars/" + strconv.FormatInt(id, 10) + "/photos" + fragment
}

// handleDeskPhotoMove serves POST /admin/cars/:id/photos/move: the photo
// at index goes to place to (the up and down buttons, and a drag).
func (s *Server) handleDeskPhotoMove(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.deskPhotoAction(w, r, sc, func(id int64, index int) (string, error) {
		to, err := strconv.Atoi(r.PostFormValue("to"))
		if err != nil {
			return "", store.Errorf(store.ENOTFOUND, "Photo not found")
		}
		_, err = sc.DB.MoveCarPhoto(r.Context(), id, index, to)
		return "#photo-" + strconv.Itoa(to), err
	})
}

// handleDeskPhotoPrimary serves POST /admin/cars/:id/photos/primary, as the
// API sets primaryPhotoIndex.
func (s *Server) handleDeskPhotoPrimary(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.deskPhotoAction(w, r, sc, func(id int64, index int) (string, error) {
		_, err := sc.DB.UpdateCar(r.Context(), id, store.CarUpdate{PrimaryPhotoIndex: &index})
		return "#photo-" + strconv.Itoa(index), err
	})
}

// handleDeskPhotoDelete serves POST /admin/cars/:id/photos/delete.
func (s *Server) handleDeskPhotoDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.deskPhotoAction(w, r, sc, func(id int64, index int) (string, error) {
		_, err := s.removeCarPhoto(r, sc, id, index)
		return "#photos", err
	})
}

// deskPhotoAction runs an action on the photo at the posted index of the
// car of the path and goes back to the list, at the fragment the action
// returns. An index that is not one of the car's photos (a stale page) is
// answered with the list as it is now and a word on why.
func (s *Server) deskPhotoAction(w http.ResponseWriter, r *http.Request, sc *scope, action func(id int64, index int) (string, error)) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	c, err := sc.DB.FindCarByID(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return
	}
	index, err := strconv.Atoi(r.PostFormValue("index"))
	if err != nil || index < 0 || index >= len(c.Photos) {
		s.renderDeskPhotos(w, r, sc, http.StatusConflict, &deskPhotosPage{Gone: true})
		return
	}
	fragment, err := action(id, index)
	if store.ErrorCode(err) == store.ENOTFOUND {
		s.renderDeskPhotos(w, r, sc, http.StatusConflict, &deskPhotosPage{Gone: true})
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, photosPath(id, fragment), http.StatusSeeOther)
}
