package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// newCarID is the :id of the new car's form, /admin/cars/baru.
const newCarID = "baru"

// carPageLeads is how many of the leads that asked about a car its page
// lists, newest first within each status.
const carPageLeads = 20

// deskCarPage is a car's page: its form (or, for sales, its facts), what
// the server made of it, and the leads that asked about it.
type deskCarPage struct {
	New       bool
	ID        int64
	CanManage bool
	Form      carForm
	Errors    map[string]string
	// Saved: the form was just saved, the notice says so.
	Saved      bool
	Fields     []carField
	Car        *carFacts // nil on the new car's form
	Leads      []carLead
	LeadsTotal int64
	// DeleteError is shown beside the delete form's confirmation.
	DeleteError string

	// stored is the car as stored, when the handler read it already.
	stored *store.Car
}

// carField is one field of the car form, as its template draws it.
type carField struct {
	Name, Label, Value, Error, Hint string
	// DescribedBy names the hint and error shown under the field.
	DescribedBy string
	// Kind is input, textarea or select (with Options).
	Kind      string
	InputMode string
	Required  bool
	MaxLength int
	Options   []deskOption
}

// carForm is the car form's fields as typed, so that a refused form comes
// back as it was sent.
type carForm struct {
	DisplayCode, Brand, Model, Year, Color, Transmission, Km, Price string
	FuelType, PlateNumber, StockCode, KeyFeatures                   string
	ConditionNotes, Description, Status                             string
}

// carFacts is what the server computed of a saved car, and where it is seen.
type carFacts struct {
	PublicName, Slug, StatusLabel string
	// PublicURL is the car's page on the website, shown only while
	// the car is available (OnSite); ShareURL shares it on WhatsApp.
	PublicURL, ShareURL string
	OnSite              bool
	Photos              int
	Thumb               string
	Price, Km           string
	Days                int
	Added               string
	PlateNumberClean    string
}

// carLead is a lead that asked about the car, as its page lists it.
type carLead struct {
	ID                  int64
	Customer            string
	Status, StatusLabel string
	Created             string
}

// handleDeskCar serves GET /admin/cars/:id, and the new car's form at
// /admin/cars/baru for those who may add one.
func (s *Server) handleDeskCar(w http.ResponseWriter, r *http.Request, sc *scope) {
	if param(r, "id") == newCarID {
		if sc.User.Role == store.RoleSales {
			Error(w, r, store.Errorf(store.EFORBIDDEN, "Insufficient permissions"))
			return
		}
		s.renderDeskCar(w, r, sc, http.StatusOK, &deskCarPage{New: true, Form: carForm{Status: store.CarDraft}})
		return
	}
	c, ok := s.deskCarOf(w, r, sc)
	if !ok {
		return
	}
	s.renderDeskCar(w, r, sc, http.StatusOK, &deskCarPage{ID: c.ID, Form: carFormOf(c),
		Saved: r.URL.Query().Get("saved") != "", stored: c})
}

// deskCarOf loads the car the path names, answering the error itself.
func (s *Server) deskCarOf(w http.ResponseWriter, r *http.Request, sc *scope) (*store.Car, bool) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, store.Errorf(store.ENOTFOUND, "Car not found"))
		return nil, false
	}
	c, err := sc.DB.FindCarByID(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return nil, false
	}
	return c, true
}

// handleDeskCarCreate serves POST /admin/cars, the new car's form.
func (s *Server) handleDeskCarCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	form := carFormFrom(r)
	c, badNumbers := form.car()
	err := createCar(r.Context(), sc.DB, c, badNumbers)
	s.deskCarSaved(w, r, sc, &deskCarPage{New: true, Form: form}, c.ID, err)
}

// handleDeskCarUpdate serves POST /admin/cars/:id: every field of the form
// is written, through the API's update, but the photos, which have a page
// of their own.
func (s *Server) handleDeskCarUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	old, ok := s.deskCarOf(w, r, sc)
	if !ok {
		return
	}
	form := carFormFrom(r)
	c, badNumbers := form.car()
	var err error
	if len(badNumbers) > 0 {
		// The store's rules are checked too, so that every broken field
		// is named at once.
		c.Photos, c.PrimaryPhotoIndex = old.Photos, old.PrimaryPhotoIndex
		errs := store.ValidateCar(c, sc.DB.Now())
		for field, msg := range badNumbers {
			errs[field] = msg
		}
		err = store.ValidationError(errs)
	} else {
		_, err = s.updateCar(r, sc, old.ID, store.CarUpdate{DisplayCode: &c.DisplayCode, Brand: &c.Brand,
			Model: &c.Model, Year: &c.Year, Color: &c.Color, Transmission: &c.Transmission, Km: &c.Km,
			Price: &c.Price, FuelType: &c.FuelType, PlateNumber: &c.PlateNumber, StockCode: &c.StockCode,
			KeyFeatures: &c.KeyFeatures, ConditionNotes: &c.ConditionNotes, Description: &c.Description,
			Status: &c.Status})
	}
	s.deskCarSaved(w, r, sc, &deskCarPage{ID: old.ID, Form: form, stored: old}, old.ID, err)
}

// deskCarSaved answers the car form: the car's page (303) with a notice,
// or the form again as it was sent with the errors beside their fields.
func (s *Server) deskCarSaved(w http.ResponseWriter, r *http.Request, sc *scope, p *deskCarPage, id int64, err error) {
	if err == nil {
		http.Redirect(w, r, deskPath+"/cars/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	code := store.ErrorCode(err)
	if code != store.EINVALID && code != store.ECONFLICT {
		Error(w, r, err)
		return
	}
	lang := deskLang(r)
	p.Errors = map[string]string{}
	for field := range store.ErrorDetails(err) {
		p.Errors[field] = catalogueFieldError(lang, "desk.car.invalid", field)
	}
	if code == store.ECONFLICT {
		p.Errors["displayCode"] = lang.T("desk.car.displayCodeTaken")
	}
	s.renderDeskCar(w, r, sc, http.StatusUnprocessableEntity, p)
}

// handleDeskCarDelete serves POST /admin/cars/:id/delete, once its
// confirmation is ticked, through the API's delete (the photo files go
// too). A car already gone is the wanted outcome.
func (s *Server) handleDeskCarDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		c, ok := s.deskCarOf(w, r, sc)
		if !ok {
			return
		}
		s.renderDeskCar(w, r, sc, http.StatusUnprocessableEntity, &deskCarPage{ID: id, Form: carFormOf(c),
			DeleteError: deskLang(r).T("desk.car.confirmDelete"), stored: c})
		return
	}
	if err := s.deleteCar(r, sc, id); err != nil && store.ErrorCode(err) != store.ENOTFOUND {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, deskPath+"/cars?deleted=1", http.StatusSeeOther)
}

// renderDeskCar fills in what every state of the car page shows: the
// choices of the form, and of a saved car its facts and leads.
func (s *Server) renderDeskCar(w http.ResponseWriter, r *http.Request, sc *scope, status int, p *deskCarPage) {
	lang := deskLang(r)
	p.CanManage = sc.User.Role != store.RoleSales
	p.Fields = carFields(p.Form, p.Errors, lang)
	titleKey := "desk.car.newTitle"
	if !p.New {
		titleKey = "desk.car.title"
		c := p.stored
		if c == nil {
			var err error
			if c, err = sc.DB.FindCarByID(r.Context(), p.ID); err != nil {
				Error(w, r, err)
				return
			}
		}
		p.Car = s.newCarFacts(r, sc, c, lang)
		f := store.LeadFilter{CarID: &c.ID, VisibleTo: salesVisibility(sc.User), Limit: carPageLeads}
		leads, total, err := sc.DB.FindLeads(r.Context(), f)
		if err != nil {
			Error(w, r, err)
			return
		}
		loc := showroomZone(sc.Tenant)
		p.LeadsTotal = total
		for _, l := range leads {
			p.Leads = append(p.Leads, carLead{ID: l.ID, Customer: deskCustomerName(l), Status: l.Status,
				StatusLabel: lang.T("desk.status." + l.Status), Created: web.Date(l.CreatedAt, loc, lang)})
		}
	}
	s.renderDesk(w, r, sc, status, deskPageOf{name: "car", section: sectionCars, titleKey: titleKey, content: p})
}

func (s *Server) newCarFacts(r *http.Request, sc *scope, c *store.Car, lang web.Lang) *carFacts {
	public := s.siteURL(r, "/mobil/"+c.Slug)
	return &carFacts{PublicName: c.PublicName, Slug: c.Slug, StatusLabel: lang.T("desk.car.status." + c.Status),
		PublicURL: public, ShareURL: "https://wa.me/?text=" + whatsAppText(c.PublicName+" "+public),
		OnSite: c.Status == store.CarAvailable, Photos: len(c.Photos), Thumb: carThumb(c),
		Price: web.Rupiah(c.Price), Km: web.Number(c.Km), Days: daysInStock(c, time.Now()),
		Added: web.Date(c.CreatedAt, showroomZone(sc.Tenant), lang), PlateNumberClean: c.PlateNumberClean}
}

// carFormOf is a saved car as its form shows it, the numbers with dots
// between thousands as people write them (parseAmount reads them back).
func carFormOf(c *store.Car) carForm {
	return carForm{DisplayCode: c.DisplayCode, Brand: c.Brand, Model: c.Model, Year: strconv.Itoa(c.Year),
		Color: c.Color, Transmission: c.Transmission, Km: web.Number(c.Km), Price: web.Number(c.Price), FuelType: c.FuelType, PlateNumber: c.PlateNumber,
		StockCode: c.StockCode, KeyFeatures: strings.Join(c.KeyFeatures, "\n"),
		ConditionNotes: c.ConditionNotes, Description: c.Description, Status: c.Status}
}

// carFormFrom reads the posted car form.
func carFormFrom(r *http.Request) carForm {
	v := r.PostFormValue
	return carForm{DisplayCode: v("displayCode"), Brand: v("brand"), Model: v("model"), Year: v("year"),
		Color: v("color"), Transmission: v("transmission"), Km: v("km"), Price: v("price"),
		FuelType: v("fuelType"), PlateNumber: v("plateNumber"), StockCode: v("stockCode"),
		KeyFeatures: v("keyFeatures"), ConditionNotes: v("conditionNotes"), Description: v("description"),
		Status: v("status")}
}

// car is the car the form describes, and the numbers it holds that are
// missing or not numbers, by field (the store checks their range). Key
// features are one a line.
func (f carForm) car() (*store.Car, map[string]string) {
	bad := map[string]string{}
	c := &store.Car{DisplayCode: f.DisplayCode, Brand: f.Brand, Model: f.Model, Color: f.Color,
		Transmission: f.Transmission, FuelType: f.FuelType, PlateNumber: f.PlateNumber, StockCode: f.StockCode,
		KeyFeatures: strings.Split(f.KeyFeatures, "\n"), ConditionNotes: f.ConditionNotes,
		Description: f.Description, Status: f.Status}
	if n, err := strconv.Atoi(strings.TrimSpace(f.Year)); err == nil {
		c.Year = n
	} else {
		bad["year"] = "Year must be a number"
	}
	numbers := []struct {
		field, typed string
		dst          *int64
	}{{"km", f.Km, &c.Km}, {"price", f.Price, &c.Price}}
	for _, n := range numbers {
		if v, ok := parseAmount(n.typed); ok {
			*n.dst = v
		} else {
			bad[n.field] = n.field + " must be a number"
		}
	}
	return c, bad
}

// carFields lays out the car form: every writable field of the API but
// the photos, with what was typed and the error beside each.
func carFields(f carForm, errs map[string]string, lang web.Lang) []carField {
	var transmissions []deskOption
	for _, t := range []string{store.TransmissionManual, store.TransmissionMatic} {
		transmissions = append(transmissions, deskOption{Value: t, Label: lang.T("desk.car.transmission." + t),
			Selected: t == f.Transmission})
	}
	fields := []carField{
		{Name: "displayCode", Value: f.DisplayCode, Kind: "input", Required: true, MaxLength: 50},
		{Name: "brand", Value: f.Brand, Kind: "input", Required: true, MaxLength: 100},
		{Name: "model", Value: f.Model, Kind: "input", Required: true, MaxLength: 100},
		{Name: "year", Value: f.Year, Kind: "input", InputMode: "numeric", Required: true, MaxLength: 4},
		{Name: "color", Value: f.Color, Kind: "input", Required: true, MaxLength: 100},
		{Name: "transmission", Value: f.Transmission, Kind: "select", Required: true, Options: transmissions},
		{Name: "km", Value: f.Km, Kind: "input", InputMode: "numeric", Required: true, MaxLength: 12},
		{Name: "price", Value: f.Price, Kind: "input", InputMode: "numeric", Required: true, MaxLength: 20},
		{Name: "fuelType", Value: f.FuelType, Kind: "input", MaxLength: 100},
		{Name: "status", Value: f.Status, Kind: "select", Required: true, Options: carStatusOptions(lang, f.Status)},
		{Name: "plateNumber", Value: f.PlateNumber, Kind: "input", MaxLength: 50},
		{Name: "stockCode", Value: f.StockCode, Kind: "input", MaxLength: 50},
		{Name: "keyFeatures", Value: f.KeyFeatures, Kind: "textarea"},
		{Name: "conditionNotes", Value: f.ConditionNotes, Kind: "textarea", MaxLength: store.MaxDescriptionLen},
		{Name: "description", Value: f.Description, Kind: "textarea", MaxLength: store.MaxDescriptionLen},
	}
	for i := range fields {
		fl := &fields[i]
		fl.Label, fl.Error = lang.T("desk.car.field."+fl.Name), errs[fl.Name]
		var described []string
		if hint := "desk.car.hint." + fl.Name; lang.T(hint) != hint {
			fl.Hint, described = lang.T(hint), append(described, "f-"+fl.Name+"-hint")
		}
		if fl.Error != "" {
			described = append(described, "f-"+fl.Name+"-error")
		}
		fl.DescribedBy = strings.Join(described, " ")
	}
	return fields
}
