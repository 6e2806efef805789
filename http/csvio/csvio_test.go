package csvio_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/http/csvio"
)

func TestNeutralise(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Toyota", "Toyota"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+62812", "'+62812"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'quoted", "''quoted"},
		{"a=b", "a=b"},
	} {
		got := csvio.Neutralise(tc.in)
		if got != tc.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := csvio.Restore(got); back != tc.in {
			t.Errorf("Restore(%q) = %q, want %q", got, back, tc.in)
		}
	}
	// An apostrophe before an ordinary character is the cell's own.
	if got := csvio.Restore("'s Hertogenbosch"); got != "'s Hertogenbosch" {
		t.Errorf("Restore kept %q", got)
	}
}

func TestWriterRead(t *testing.T) {
	var buf bytes.Buffer
	w, err := csvio.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	records := [][]string{{"Kode", "Catatan"}, {"#A01", "=1+1"}, {"#A02", "baris satu\nbaris dua; \"kutip\""}}
	for _, r := range records {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFKode,Catatan\r\n#A01,'=1+1\r\n") {
		t.Fatalf("written %q", out)
	}
	header, rows, err := csvio.Read(strings.NewReader(out), 10)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(header) != fmt.Sprint(records[0]) || len(rows) != 2 ||
		rows[0].Number != 2 || rows[0].Cells[1] != "=1+1" || rows[1].Number != 3 || rows[1].Cells[1] != records[2][1] {
		t.Errorf("read back %q %+v", header, rows)
	}
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		header   []string
		numbers  []int
		cells    [][]string
	}{
		{"semicolons, as Excel writes in Indonesia", "Kode;Harga\r\n#A01;150.000.000\r\n", []string{"Kode", "Harga"}, []int{2}, [][]string{{"#A01", "150.000.000"}}},
		{"commas inside quotes do not choose", "\"Kode, unit\";Harga\n#A01;1\n", []string{"Kode, unit", "Harga"}, []int{2}, [][]string{{"#A01", "1"}}},
		{"no byte order mark, blank rows skipped but counted", "Kode,Harga\n,\n #A01 , 1 \n", []string{"Kode", "Harga"}, []int{3}, [][]string{{"#A01", "1"}}},
		{"ragged rows kept as they are", "Kode,Harga\n#A01\n", []string{"Kode", "Harga"}, []int{2}, [][]string{{"#A01"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header, rows, err := csvio.Read(strings.NewReader(tc.in), 10)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(header) != fmt.Sprint(tc.header) || len(rows) != len(tc.cells) {
				t.Fatalf("header %q rows %+v", header, rows)
			}
			for i, r := range rows {
				if r.Number != tc.numbers[i] || fmt.Sprint(r.Cells) != fmt.Sprint(tc.cells[i]) {
					t.Errorf("row %d: %+v, want %d %q", i, r, tc.numbers[i], tc.cells[i])
				}
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	var syntax *csvio.SyntaxError
	for _, tc := range []struct {
		name, in string
		is       func(error) bool
	}{
		{"empty", "", func(err error) bool { return errors.Is(err, csvio.ErrEmpty) }},
		{"only a byte order mark and blank rows", "\uFEFF\n,,\n", func(err error) bool { return errors.Is(err, csvio.ErrEmpty) }},
		{"one row too many", "Kode\na\nb\nc\n", func(err error) bool { return errors.Is(err, csvio.ErrTooManyRows) }},
		{"an unclosed quote", "Kode,Harga\n#A01,\"1\n", func(err error) bool { return errors.As(err, &syntax) && syntax.Line == 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := csvio.Read(strings.NewReader(tc.in), 2); !tc.is(err) {
				t.Errorf("err %v", err)
			}
		})
	}
}
