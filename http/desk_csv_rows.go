package http

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/autoleads/autoleads/http/csvio"
	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// Limits of a car import. A showroom's stock is hundreds of cars, the
// generated benchmark stock 2,000: a larger file is a mistake (a leads
// sheet, a whole workbook), answered before its rows are checked. 2,000
// rows of the export's columns with long descriptions fit in 2 MB.
const (
	maxImportRows  = 2000
	maxImportBytes = 2 << 20
)

// importRow is one data row of an import as the preview shows it: its
// spreadsheet row number, the car it makes, and what is wrong with it.
type importRow struct {
	Number int
	Car    *store.Car
	Errors []importError
}

// importError is one problem of a row: the column it is in ("" for the
// row as a whole) and the message in the user's language.
type importError struct{ Column, Message string }

// importCheck is the outcome of checking a file: the problems of the file
// itself (no row is checked while there is one), or every row's.
type importCheck struct {
	FileErrors []string
	Rows       []importRow
	Bad        int // rows with errors
}

// Ready reports whether every row can be written.
func (c *importCheck) Ready() bool { return len(c.FileErrors) == 0 && len(c.Rows) > 0 && c.Bad == 0 }

// Cars are the cars of the rows, in the file's order.
func (c *importCheck) Cars() []*store.Car {
	cars := make([]*store.Car, len(c.Rows))
	for i, r := range c.Rows {
		cars[i] = r.Car
	}
	return cars
}

// checkImport reads a CSV of cars and checks every row by the store's rules
// (store.ValidateCar), against the other rows and against the stock's
// display codes, without writing anything.
func checkImport(ctx context.Context, db *store.DB, lang web.Lang, file string) (*importCheck, error) {
	check := &importCheck{}
	fileError := func(key string, args ...any) (*importCheck, error) {
		check.FileErrors = append(check.FileErrors, lang.T(key, args...))
		return check, nil
	}
	switch {
	case strings.TrimSpace(file) == "":
		return fileError("desk.csv.file.required")
	case len(file) > maxImportBytes:
		return fileError("desk.csv.file.tooLarge", maxImportBytes>>20)
	case !utf8.ValidString(file):
		return fileError("desk.csv.file.encoding")
	}
	header, rows, err := csvio.Read(strings.NewReader(file), maxImportRows)
	var syntax *csvio.SyntaxError
	switch {
	case errors.Is(err, csvio.ErrEmpty):
		return fileError("desk.csv.file.required")
	case errors.Is(err, csvio.ErrTooManyRows):
		return fileError("desk.csv.file.tooManyRows", web.Number(maxImportRows))
	case errors.As(err, &syntax):
		return fileError("desk.csv.file.syntax", syntax.Line)
	case err != nil:
		return nil, err
	}
	columns, problems := importColumns(lang, header)
	if len(problems) > 0 {
		check.FileErrors = problems
		return check, nil
	}
	if len(rows) == 0 {
		return fileError("desk.csv.file.noRows")
	}
	taken, err := db.FindDisplayCodes(ctx)
	if err != nil {
		return nil, err
	}
	firstRow := map[string]int{} // folded display code → the row that has it
	now := db.Now()
	for _, row := range rows {
		r := readImportRow(lang, columns, row)
		if r.Car.DisplayCode != "" {
			code := store.FoldDisplayCode(r.Car.DisplayCode)
			switch first, seen := firstRow[code]; {
			case seen:
				r.Errors = append(r.Errors, importError{codeHeader, lang.T("desk.csv.duplicateInFile", first)})
			case taken[code]:
				r.Errors = append(r.Errors, importError{codeHeader, lang.T("desk.csv.duplicateInStock")})
			default:
				firstRow[code] = row.Number
			}
		}
		// The store's texts are English, for API clients: the page shows
		// the catalogue's, one per column, after any the cell already has.
		broken := store.ValidateCar(r.Car, now)
		for _, col := range carColumns {
			if _, ok := broken[col.field]; ok && !r.has(col.header) {
				r.Errors = append(r.Errors, importError{col.header, csvFieldError(lang, col.field)})
			}
		}
		if len(r.Errors) > 0 {
			check.Bad++
		}
		check.Rows = append(check.Rows, r)
	}
	return check, nil
}

// has reports whether the row already has an error in column.
func (r *importRow) has(column string) bool {
	for _, e := range r.Errors {
		if e.Column == column {
			return true
		}
	}
	return false
}

// importColumns maps each header cell to its column (nil for none), and
// reports what is wrong with the header: a column it does not know, one it
// has twice, a required one it lacks.
func importColumns(lang web.Lang, header []string) ([]*carColumn, []string) {
	var problems []string
	columns := make([]*carColumn, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		for j := range carColumns {
			if strings.EqualFold(h, carColumns[j].header) {
				columns[i] = &carColumns[j]
			}
		}
		switch {
		case columns[i] == nil:
			problems = append(problems, lang.T("desk.csv.header.unknown", h))
		case seen[columns[i].header]:
			problems = append(problems, lang.T("desk.csv.header.twice", columns[i].header))
		}
		if columns[i] != nil {
			seen[columns[i].header] = true
		}
	}
	for _, col := range carColumns {
		if col.required && !seen[col.header] {
			problems = append(problems, lang.T("desk.csv.header.missing", col.header))
		}
	}
	return columns, problems
}

// readImportRow reads the cells of row into a car, noting each cell that
// cannot be read, a required one left empty, and cells beyond the header.
func readImportRow(lang web.Lang, columns []*carColumn, row csvio.Row) importRow {
	r := importRow{Number: row.Number, Car: &store.Car{}}
	if len(row.Cells) > len(columns) {
		r.Errors = append(r.Errors, importError{"", lang.T("desk.csv.extraCells", len(columns))})
	}
	for i, col := range columns {
		cell := ""
		if i < len(row.Cells) {
			cell = row.Cells[i]
		}
		switch {
		case cell == "" && col.required:
			r.Errors = append(r.Errors, importError{col.header, lang.T("desk.csv.required")})
		case cell != "" && !col.read(r.Car, cell):
			r.Errors = append(r.Errors, importError{col.header, csvFieldError(lang, col.field)})
		}
	}
	return r
}

// csvFieldError is the text shown for a cell the import refuses.
func csvFieldError(lang web.Lang, field string) string {
	return catalogueFieldError(lang, "desk.csv.invalid", field)
}
