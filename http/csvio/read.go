package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrTooManyRows is returned when a file holds more data rows than allowed.
var ErrTooManyRows = errors.New("csvio: too many rows")

// ErrEmpty is returned for a file without a header row.
var ErrEmpty = errors.New("csvio: no header row")

// SyntaxError is a file that is not CSV (an unclosed quote, say) at Line.
type SyntaxError struct{ Line int }

func (e *SyntaxError) Error() string { return fmt.Sprintf("csvio: not CSV at line %d", e.Line) }

// Row is a data row: its number as a spreadsheet shows it (the header is
// row 1; a cell holding line breaks does not count them) and its cells,
// restored and trimmed.
type Row struct {
	Number int
	Cells  []string
}

// Read reads a header and at most maxRows data rows from r, with or without
// a byte order mark, separated by commas or by semicolons, which Excel
// writes where the comma is the decimal mark (Indonesia). The separator is
// the one the header holds more of outside quotes. Blank rows are skipped.
// Errors: ErrEmpty, ErrTooManyRows, *SyntaxError.
func Read(r io.Reader, maxRows int) (header []string, rows []Row, err error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		br.Discard(len(bom))
	}
	first, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.Comma = separator(first)
	cr.FieldsPerRecord = -1
	for number := 1; ; number++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, &SyntaxError{Line: pe.StartLine}
			}
			return nil, nil, err
		}
		cells := make([]string, len(rec))
		blank := true
		for i, c := range rec {
			cells[i] = strings.TrimSpace(Restore(strings.TrimSpace(c)))
			blank = blank && cells[i] == ""
		}
		if blank {
			continue
		}
		if header == nil {
			header = cells
			continue
		}
		if len(rows) == maxRows {
			return nil, nil, ErrTooManyRows
		}
		rows = append(rows, Row{Number: number, Cells: cells})
	}
	if header == nil {
		return nil, nil, ErrEmpty
	}
	return header, rows, nil
}

// separator is ';' when the first line holds more semicolons than commas
// outside quotes, else ','.
func separator(head []byte) rune {
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		head = head[:i]
	}
	commas, semis, quoted := 0, 0, false
	for _, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			commas++
		case b == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}
