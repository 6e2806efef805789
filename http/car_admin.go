package http

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// registerCarAdminRoutes registers the inventory of the back office: every
// role reads it, owners and admins change it (docs/api.md, Roles).
func (s *Server) registerCarAdminRoutes(r *routeTable) {
	write := []string{store.RoleOwner, store.RoleAdmin}
	r.Handler(http.MethodGet, "/api/admin/cars", s.admin(s.handleAdminCarList))
	r.Handler(http.MethodPost, "/api/admin/cars", s.admin(s.handleCarCreate, write...))
	r.Handler(http.MethodGet, "/api/admin/cars/:id", s.admin(s.handleAdminCarView))
	r.Handler(http.MethodPut, "/api/admin/cars/:id", s.admin(s.handleCarUpdate, write...))
	r.Handler(http.MethodDelete, "/api/admin/cars/:id", s.admin(s.handleCarDelete, write...))
}

// adminCar is a car in the admin list: the public fields plus the dealer's.
type adminCar struct {
	publicCar
	PlateNumber    *string    `json:"plateNumber"`
	StockCode      *string    `json:"stockCode"`
	ConditionNotes *string    `json:"conditionNotes"`
	Status         string     `json:"status"`
	UpdatedAt      timestamp  `json:"updatedAt"`
	SoldAt         *timestamp `json:"soldAt"`
}

// adminCarDetail is the full car, as the edit form needs it.
type adminCarDetail struct {
	adminCar
	PlateNumberClean  *string `json:"plateNumberClean"`
	PrimaryPhotoIndex int     `json:"primaryPhotoIndex"`
}

func newAdminCar(c *store.Car) adminCar {
	return adminCar{
		publicCar:   newPublicCar(c),
		PlateNumber: nullableString(c.PlateNumber), StockCode: nullableString(c.StockCode),
		ConditionNotes: nullableString(c.ConditionNotes), Status: c.Status,
		UpdatedAt: timestamp(c.UpdatedAt), SoldAt: timestampPtr(c.SoldAt),
	}
}

func newAdminCarDetail(c *store.Car) adminCarDetail {
	return adminCarDetail{adminCar: newAdminCar(c),
		PlateNumberClean: nullableString(c.PlateNumberClean), PrimaryPhotoIndex: c.PrimaryPhotoIndex}
}

// carRequest is the body of POST and PUT /api/admin/cars: the writable fields
// and nothing else. With DisallowUnknownFields, a body naming id, slug,
// publicName, timestamps or a tenant is refused (400) instead of written.
type carRequest struct {
	DisplayCode       optional[string]   `json:"displayCode"`
	Brand             optional[string]   `json:"brand"`
	Model             optional[string]   `json:"model"`
	Year              optional[int]      `json:"year"`
	Color             optional[string]   `json:"color"`
	Transmission      optional[string]   `json:"transmission"`
	Km                optional[int64]    `json:"km"`
	Price             optional[int64]    `json:"price"`
	FuelType          optional[string]   `json:"fuelType"`
	PlateNumber       optional[string]   `json:"plateNumber"`
	StockCode         optional[string]   `json:"stockCode"`
	KeyFeatures       optional[[]string] `json:"keyFeatures"`
	ConditionNotes    optional[string]   `json:"conditionNotes"`
	Photos            optional[[]string] `json:"photos"`
	PrimaryPhotoIndex optional[int]      `json:"primaryPhotoIndex"`
	Description       optional[string]   `json:"description"`
	Status            optional[string]   `json:"status"`
}

// required lists the fields that must hold a value. absent reports the
// broken ones: on create a field that is missing or null, on update one set
// to null (a missing field is left alone). The store checks what the values
// are; only the HTTP layer can tell a missing number from a zero.
func (req *carRequest) required(create bool) map[string]string {
	fields := []struct {
		name, label string
		set, null   bool
	}{
		{"displayCode", "Display code", req.DisplayCode.Set, req.DisplayCode.Null},
		{"brand", "Brand", req.Brand.Set, req.Brand.Null},
		{"model", "Model", req.Model.Set, req.Model.Null},
		{"year", "Year", req.Year.Set, req.Year.Null},
		{"color", "Color", req.Color.Set, req.Color.Null},
		{"transmission", "Transmission", req.Transmission.Set, req.Transmission.Null},
		{"km", "Km", req.Km.Set, req.Km.Null},
		{"price", "Price", req.Price.Set, req.Price.Null},
	}
	errs := map[string]string{}
	for _, f := range fields {
		if f.null || (create && !f.set) {
			errs[f.name] = f.label + " is required"
		}
	}
	if !create && req.Status.Null {
		errs["status"] = "Status is required"
	}
	return errs
}

// update converts the request into a partial update. A null optional text
// or list clears it; a null primaryPhotoIndex resets it to the first photo.
func (req *carRequest) update() store.CarUpdate {
	return store.CarUpdate{
		DisplayCode: req.DisplayCode.ptr(), Brand: req.Brand.ptr(), Model: req.Model.ptr(),
		Year: req.Year.ptr(), Color: req.Color.ptr(), Transmission: req.Transmission.ptr(),
		Km: req.Km.ptr(), Price: req.Price.ptr(), FuelType: req.FuelType.ptr(),
		PlateNumber: req.PlateNumber.ptr(), StockCode: req.StockCode.ptr(),
		KeyFeatures: req.KeyFeatures.ptr(), ConditionNotes: req.ConditionNotes.ptr(),
		Photos: req.Photos.ptr(), PrimaryPhotoIndex: req.PrimaryPhotoIndex.ptr(),
		Description: req.Description.ptr(), Status: req.Status.ptr(),
	}
}

// car converts the request into a new car; absent fields are zero.
func (req *carRequest) car() *store.Car {
	return &store.Car{
		DisplayCode: req.DisplayCode.Value, Brand: req.Brand.Value, Model: req.Model.Value,
		Year: req.Year.Value, Color: req.Color.Value, Transmission: req.Transmission.Value,
		Km: req.Km.Value, Price: req.Price.Value, FuelType: req.FuelType.Value,
		PlateNumber: req.PlateNumber.Value, StockCode: req.StockCode.Value,
		KeyFeatures: req.KeyFeatures.Value, ConditionNotes: req.ConditionNotes.Value,
		Photos: req.Photos.Value, PrimaryPhotoIndex: req.PrimaryPhotoIndex.Value,
		Description: req.Description.Value, Status: req.Status.Value,
	}
}

// handleAdminCarList serves GET /api/admin/cars: every status, sorted by
// status order then newest unless sortBy says otherwise; status filters by
// one status or a comma-separated list.
func (s *Server) handleAdminCarList(w http.ResponseWriter, r *http.Request, sc *scope) {
	q := r.URL.Query()
	f, p, err := carQuery(q)
	if err != nil {
		Error(w, r, err)
		return
	}
	if f.SortBy == "" {
		f.SortBy = "status"
	}
	for st := range strings.SplitSeq(q.Get("status"), ",") {
		if st = strings.TrimSpace(st); st != "" {
			f.Statuses = append(f.Statuses, st)
		}
	}
	cars, total, err := sc.DB.FindCars(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	items := make([]adminCar, len(cars))
	for i, c := range cars {
		items[i] = newAdminCar(c)
	}
	writeList(w, items, p, total)
}

// handleAdminCarView serves GET /api/admin/cars/:id.
func (s *Server) handleAdminCarView(w http.ResponseWriter, r *http.Request, sc *scope) {
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
	writeData(w, http.StatusOK, newAdminCarDetail(c))
}

// handleCarCreate serves POST /api/admin/cars. Every broken rule is reported
// at once: the required numbers this layer checks with the store's rules.
func (s *Server) handleCarCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req carRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	c := req.car()
	if err := createCar(r.Context(), sc.DB, c, req.required(true)); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, newAdminCarDetail(c))
}

// createCar creates c, the API's and the dashboard's way alike. Every
// broken rule is reported at once: the store's, and missing, the required
// fields the request left out, which only the caller can tell from zeros.
func createCar(ctx context.Context, db *store.DB, c *store.Car, missing map[string]string) error {
	errs := store.ValidateCar(c, db.Now())
	maps.Copy(errs, missing)
	if err := store.ValidationError(errs); err != nil {
		return err
	}
	return db.CreateCar(ctx, c)
}

// handleCarUpdate serves PUT /api/admin/cars/:id, a partial update.
func (s *Server) handleCarUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	var req carRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	if err := store.ValidationError(req.required(false)); err != nil {
		Error(w, r, err)
		return
	}
	c, err := s.updateCar(r, sc, id, req.update())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, newAdminCarDetail(c))
}

// updateCar applies upd to car id, the API's and the dashboard's way
// alike. A new photo list may drop uploaded photos; their files go too,
// unless another car still shows them.
func (s *Server) updateCar(r *http.Request, sc *scope, id int64, upd store.CarUpdate) (*store.Car, error) {
	var before []string
	if upd.Photos != nil {
		// Photos left out of a new list are deleted from disk afterwards.
		old, err := sc.DB.FindCarByID(r.Context(), id)
		if err != nil {
			return nil, err
		}
		before = old.Photos
	}
	c, err := sc.DB.UpdateCar(r.Context(), id, upd)
	if err != nil {
		return nil, err
	}
	for _, u := range before {
		if !slices.Contains(c.Photos, u) {
			s.removeUploads(r, sc, u)
		}
	}
	return c, nil
}

// handleCarDelete serves DELETE /api/admin/cars/:id.
func (s *Server) handleCarDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	if err := s.deleteCar(r, sc, id); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, map[string]string{"message": "Car deleted"})
}

// deleteCar deletes car id and then its photo files, the API's and the
// dashboard's way alike.
func (s *Server) deleteCar(r *http.Request, sc *scope, id int64) error {
	c, err := sc.DB.DeleteCar(r.Context(), id)
	if err != nil {
		return err
	}
	s.removeUploads(r, sc, c.Photos...)
	return nil
}
