package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/csvio"
	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// registerDeskCSVRoutes registers the spreadsheets: the stock and the
// leads as CSV, and the import of cars. httprouter refuses a static
// segment beside /admin/cars/:id and /admin/leads/:id, hence their own
// paths. The stock's files are the back office's (owner and admin, who
// may change it); the leads file holds the leads the user may see.
func (s *Server) registerDeskCSVRoutes(r *routeTable) {
	manage := []string{store.RoleOwner, store.RoleAdmin}
	r.Page(http.MethodGet, "/admin/export/cars.csv", s.deskSignedIn(s.handleDeskExportCars, manage...))
	r.Page(http.MethodGet, "/admin/export/leads.csv", s.deskSignedIn(s.handleDeskExportLeads))
	r.Page(http.MethodGet, "/admin/import/cars", s.deskSignedIn(s.handleDeskImportForm, manage...))
	r.Page(http.MethodPost, "/admin/import/cars", s.deskPost(s.deskSignedInWithin(importBodyLimit, s.handleDeskImportPreview, manage...)))
	r.Page(http.MethodPost, "/admin/import/cars/confirm", s.deskPost(s.deskSignedInWithin(importBodyLimit, s.handleDeskImportConfirm, manage...)))
}

// handleDeskExportCars serves GET /admin/export/cars.csv: every car, in
// the columns an import reads.
func (s *Server) handleDeskExportCars(w http.ResponseWriter, r *http.Request, sc *scope) {
	out := s.startCSV(w, r, sc, "stok", carHeaders())
	if out == nil {
		return
	}
	record := make([]string, 0, len(carColumns))
	err := sc.DB.EachCar(r.Context(), func(c *store.Car) error {
		return out.Write(carRecord(c, record))
	})
	finishCSV(out, err)
}

// handleDeskExportLeads serves GET /admin/export/leads.csv: the leads the
// user may see, by the same rule as the inbox and the API.
func (s *Server) handleDeskExportLeads(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang, zone := deskLang(r), showroomZone(sc.Tenant)
	out := s.startCSV(w, r, sc, "prospek", leadHeaders)
	if out == nil {
		return
	}
	record := make([]string, 0, len(leadHeaders))
	err := sc.DB.EachLead(r.Context(), store.LeadFilter{VisibleTo: salesVisibility(sc.User)}, func(l *store.Lead) error {
		return out.Write(leadRecord(l, lang, zone, record))
	})
	finishCSV(out, err)
}

// startCSV answers with a CSV download named <what>-<showroom>-<date>.csv
// (the showroom's date) and writes its header row, or answers the error
// and returns nil.
func (s *Server) startCSV(w http.ResponseWriter, r *http.Request, sc *scope, what string, header []string) *csvio.Writer {
	date := sc.DB.Now().In(showroomZone(sc.Tenant)).Format("2006-01-02")
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	// The showroom's slug is lower-case letters, digits and dashes: the
	// name needs no quoting rules beyond its quotes.
	h.Set("Content-Disposition", `attachment; filename="`+what+"-"+sc.Tenant.Slug+"-"+date+`.csv"`)
	h.Set("X-Content-Type-Options", "nosniff")
	out, err := csvio.NewWriter(w)
	if err == nil {
		err = out.Write(header)
	}
	if err != nil {
		finishCSV(out, err)
		return nil
	}
	return out
}

// finishCSV sends what is buffered. A download that failed half-way is
// cut off rather than ended cleanly, so the browser reports a failed
// download instead of saving a short file that looks whole.
func finishCSV(out *csvio.Writer, err error) {
	if err == nil && out != nil {
		err = out.Flush()
	}
	if err != nil {
		panic(http.ErrAbortHandler)
	}
}

// leadHeaders are the columns of the leads spreadsheet.
var leadHeaders = []string{"ID", "Nama", "Telepon", "Status", "Sumber", "Kode mobil", "Mobil", "Ditangani",
	"Tag", "Catatan", "Jumlah pesan", "Dibuat", "Pesan terakhir", "Tindak lanjut", "Alasan batal", "Ditutup"}

// leadRecord is the row of l in the leads spreadsheet: labels in the
// user's language, times in the showroom's zone as a spreadsheet reads
// them (2026-12-04 14:05).
func leadRecord(l *store.Lead, lang web.Lang, zone *time.Location, record []string) []string {
	at := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(zone).Format("2006-01-02 15:04")
	}
	var carCode, carName, assignee, lost string
	if l.Car != nil {
		carCode, carName = l.Car.DisplayCode, l.Car.PublicName
	}
	if l.AssignedTo != nil {
		assignee = l.AssignedTo.Name
	}
	if l.LostReason != "" {
		lost = lang.T("desk.lost." + l.LostReason)
	}
	return append(record[:0], strconv.FormatInt(l.ID, 10), l.CustomerName, l.CustomerPhone, lang.T("desk.status."+l.Status),
		lang.T("desk.csv.source."+l.Source), carCode, carName, assignee, strings.Join(l.Tags, ", "), l.Notes,
		strconv.FormatInt(l.MessageCount, 10), at(&l.CreatedAt), at(l.LastMessageAt), at(l.FollowUpAt), lost, at(l.ClosedAt))
}
