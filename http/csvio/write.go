// Package csvio reads and writes the spreadsheets staff exchange with the
// dashboard: UTF-8 with a byte order mark, so Excel opens them in the right
// encoding, and cells that Excel or Sheets would run as a formula kept as
// text.
package csvio

import (
	"encoding/csv"
	"io"
	"strings"
)

// bom is the UTF-8 byte order mark Excel needs to read a CSV as UTF-8.
const bom = "\uFEFF"

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (or, tab and carriage return, hide one), plus the
// apostrophe that marks a cell as text, so that Restore can undo Neutralise
// exactly.
const formulaStarts = "=+-@\t\r'"

// Neutralise prefixes a cell that a spreadsheet would run as a formula
// with an apostrophe, which makes it text: a customer named
// =HYPERLINK("http://evil") stays a name.
func Neutralise(cell string) string {
	if cell != "" && strings.IndexByte(formulaStarts, cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// Restore undoes Neutralise.
func Restore(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && strings.IndexByte(formulaStarts, cell[1]) >= 0 {
		return cell[1:]
	}
	return cell
}

// Writer writes records, each cell neutralised, after the byte order mark.
type Writer struct {
	csv  *csv.Writer
	cell []string
}

// NewWriter writes the byte order mark to w and returns a Writer on it. The
// separator is the comma; Excel takes it in a file with a byte order mark.
func NewWriter(w io.Writer) (*Writer, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{csv: cw}, nil
}

// Write writes one record. Output is buffered: Flush sends it.
func (w *Writer) Write(record []string) error {
	w.cell = w.cell[:0]
	for _, c := range record {
		w.cell = append(w.cell, Neutralise(c))
	}
	return w.csv.Write(w.cell)
}

// Flush sends what is buffered and reports the first error of any write.
func (w *Writer) Flush() error {
	w.csv.Flush()
	return w.csv.Error()
}
