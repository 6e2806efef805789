package http

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// importBodyLimit admits a file up to twice maxImportBytes, so that one a
// little too large is told so beside the file field; a larger body is
// refused before it is read (413).
var importBodyLimit = bodyLimit{max: 2 * maxImportBytes, tooLarge: func() error {
	return store.Errorf(store.ETOOLARGE, "The file is larger than %d MB", maxImportBytes>>20)
}}

// deskImportPage is the import page: the upload form, and after a file was
// sent the check of its rows, with the file itself to send back to write
// it. Imported counts the cars the last import wrote.
type deskImportPage struct {
	Check    *importCheck
	Rows     []importRowView
	File     string
	Imported int
	// Changed: a file the preview found ready is not any more when sent
	// to be written (the stock took one of its codes meanwhile).
	Changed   bool
	ReadyRows int
	Columns   []importColumnView
	MaxRows   string
	MaxBytes  int
}

// importColumnView is a column as the page lists it.
type importColumnView struct {
	Header   string
	Required bool
}

// importRowView is a row of the preview table.
type importRowView struct {
	Number            int
	Code, Name, Price string
	Errors            []importError
}

// handleDeskImportForm serves GET /admin/import/cars: the upload form, and
// after an import, how many cars it wrote.
func (s *Server) handleDeskImportForm(w http.ResponseWriter, r *http.Request, sc *scope) {
	n, _ := strconv.Atoi(r.URL.Query().Get("imported"))
	s.renderDeskImport(w, r, sc, http.StatusOK, &deskImportPage{Imported: max(n, 0)})
}

// handleDeskImportPreview serves POST /admin/import/cars: it checks the
// uploaded file and shows every row's result, writing nothing.
func (s *Server) handleDeskImportPreview(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.checkAndShowImport(w, r, sc, false)
}

// handleDeskImportConfirm serves POST /admin/import/cars/confirm: the file
// the preview sent back, checked again from scratch (the browser may send
// anything, and the stock may have changed since), then written whole in
// one transaction, or not at all. Writing only a file without a single
// problem leaves nothing half-imported to untangle: the owner fixes the
// spreadsheet and sends it again.
func (s *Server) handleDeskImportConfirm(w http.ResponseWriter, r *http.Request, sc *scope) {
	check, file, ok := s.checkImportRequest(w, r, sc)
	if !ok {
		return
	}
	if !check.Ready() {
		s.showImport(w, r, sc, check, file, true)
		return
	}
	err := sc.DB.CreateCars(r.Context(), check.Cars())
	if code := store.ErrorCode(err); code == store.ECONFLICT || code == store.EINVALID {
		// Another writer took a display code after the check: check again
		// to show which.
		s.checkAndShowImport(w, r, sc, true)
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, deskPath+"/import/cars?imported="+strconv.Itoa(len(check.Rows))+"#result", http.StatusSeeOther)
}

// checkAndShowImport checks the request's file and shows the preview.
func (s *Server) checkAndShowImport(w http.ResponseWriter, r *http.Request, sc *scope, changed bool) {
	if check, file, ok := s.checkImportRequest(w, r, sc); ok {
		s.showImport(w, r, sc, check, file, changed)
	}
}

// checkImportRequest reads the file of an import post, an upload (file) or
// the text the preview sent back (csv), and checks it. A request already
// answered returns false.
func (s *Server) checkImportRequest(w http.ResponseWriter, r *http.Request, sc *scope) (*importCheck, string, bool) {
	file, err := importFile(r)
	if err != nil {
		Error(w, r, err)
		return nil, "", false
	}
	check, err := checkImport(r.Context(), sc.DB, deskLang(r), file)
	if err != nil {
		Error(w, r, err)
		return nil, "", false
	}
	return check, file, true
}

// importFile is the CSV text of an import post; at most one byte over
// maxImportBytes is read, enough for the check to refuse it.
func importFile(r *http.Request) (string, error) {
	if err := r.ParseMultipartForm(importBodyLimit.max); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return "", store.Errorf(store.EBADREQUEST, "The form could not be read")
	}
	f, _, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return r.PostFormValue("csv"), nil
	}
	if err != nil {
		return "", store.Errorf(store.EBADREQUEST, "The file could not be read")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxImportBytes+1))
	return string(b), err
}

// showImport renders the preview of a checked file: 200 when it can be
// written, 422 when it cannot.
func (s *Server) showImport(w http.ResponseWriter, r *http.Request, sc *scope, check *importCheck, file string, changed bool) {
	p := &deskImportPage{Check: check, Changed: changed && !check.Ready(), ReadyRows: len(check.Rows) - check.Bad}
	if check.Ready() {
		p.File = file
	}
	for _, row := range check.Rows {
		c := row.Car
		p.Rows = append(p.Rows, importRowView{Number: row.Number, Code: c.DisplayCode,
			Name: store.PublicName(c.Brand, c.Model, c.Year, c.Color, ""), Price: web.Rupiah(c.Price), Errors: row.Errors})
	}
	status := http.StatusOK
	if !check.Ready() {
		status = http.StatusUnprocessableEntity
	}
	s.renderDeskImport(w, r, sc, status, p)
}

func (s *Server) renderDeskImport(w http.ResponseWriter, r *http.Request, sc *scope, status int, p *deskImportPage) {
	for _, c := range carColumns {
		p.Columns = append(p.Columns, importColumnView{c.header, c.required})
	}
	p.MaxRows, p.MaxBytes = web.Number(maxImportRows), maxImportBytes>>20
	s.renderDesk(w, r, sc, status, deskPageOf{name: "import", section: sectionCars,
		titleKey: "desk.csv.import.title", content: p})
}
