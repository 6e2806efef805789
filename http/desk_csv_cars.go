package http

import (
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/http/csvio"
	"github.com/autoleads/autoleads/store"
)

// carColumn is a column of the stock spreadsheet: its header, the car's
// field it holds (the API's name, which the store's errors use), whether an
// import must have it, how a car writes it and how a cell is read into a
// car. read returns false for a cell it cannot read.
type carColumn struct {
	header, field string
	required      bool
	write         func(*store.Car) string
	read          func(*store.Car, string) bool
}

// carColumns are the columns of the stock export, in its order, and the
// ones an import reads (in any order). The headers are the file's format,
// Indonesian whatever the user's language, so that a file goes back in as
// it came out. Photos are not in it: they are uploaded from the phone, and
// a path of another showroom's uploads would point at nothing.
var carColumns = []carColumn{
	{codeHeader, "displayCode", true, func(c *store.Car) string { return c.DisplayCode }, readText(func(c *store.Car) *string { return &c.DisplayCode })},
	{"Merek", "brand", true, func(c *store.Car) string { return c.Brand }, readText(func(c *store.Car) *string { return &c.Brand })},
	{"Model", "model", true, func(c *store.Car) string { return c.Model }, readText(func(c *store.Car) *string { return &c.Model })},
	{"Tahun", "year", true, func(c *store.Car) string { return strconv.Itoa(c.Year) }, func(c *store.Car, s string) bool {
		y, ok := csvio.Whole(s)
		c.Year = int(y)
		return ok && y <= 9999
	}},
	{"Warna", "color", true, func(c *store.Car) string { return c.Color }, readText(func(c *store.Car) *string { return &c.Color })},
	{"Transmisi", "transmission", true, func(c *store.Car) string { return c.Transmission }, readTransmission},
	{"Kilometer", "km", true, func(c *store.Car) string { return strconv.FormatInt(c.Km, 10) }, func(c *store.Car, s string) bool {
		var ok bool
		c.Km, ok = csvio.Whole(strings.TrimSuffix(strings.ToLower(s), "km"))
		return ok
	}},
	{"Harga", "price", true, func(c *store.Car) string { return strconv.FormatInt(c.Price, 10) }, func(c *store.Car, s string) bool {
		var ok bool
		c.Price, ok = csvio.Whole(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "rp"))
		return ok
	}},
	{"Bahan bakar", "fuelType", false, func(c *store.Car) string { return c.FuelType }, readText(func(c *store.Car) *string { return &c.FuelType })},
	{"Nomor polisi", "plateNumber", false, func(c *store.Car) string { return c.PlateNumber }, readText(func(c *store.Car) *string { return &c.PlateNumber })},
	{"Kode stok", "stockCode", false, func(c *store.Car) string { return c.StockCode }, readText(func(c *store.Car) *string { return &c.StockCode })},
	{"Status", "status", false, func(c *store.Car) string { return c.Status }, func(c *store.Car, s string) bool {
		c.Status = strings.ToLower(s)
		return true
	}},
	// One key feature per line of the cell: a feature is one line (the
	// store refuses line breaks in it), so the split loses nothing.
	{"Fitur utama", "keyFeatures", false, func(c *store.Car) string { return strings.Join(c.KeyFeatures, "\n") }, func(c *store.Car, s string) bool {
		c.KeyFeatures = strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
		return true
	}},
	{"Catatan kondisi", "conditionNotes", false, func(c *store.Car) string { return c.ConditionNotes }, readText(func(c *store.Car) *string { return &c.ConditionNotes })},
	{"Deskripsi", "description", false, func(c *store.Car) string { return c.Description }, readText(func(c *store.Car) *string { return &c.Description })},
}

// codeHeader is the display code's column, which the import checks
// against the stock and the other rows.
const codeHeader = "Kode"

// carRecord is the row of c in the stock spreadsheet.
func carRecord(c *store.Car, record []string) []string {
	record = record[:0]
	for _, col := range carColumns {
		record = append(record, col.write(c))
	}
	return record
}

// carHeaders are carColumns' headers, the first row of the spreadsheet.
func carHeaders() []string {
	h := make([]string, len(carColumns))
	for i, col := range carColumns {
		h[i] = col.header
	}
	return h
}

func readText(field func(*store.Car) *string) func(*store.Car, string) bool {
	return func(c *store.Car, s string) bool {
		*field(c) = s
		return true
	}
}

// readTransmission takes the transmission in any case, as the store
// spells it; the store refuses anything else.
func readTransmission(c *store.Car, s string) bool {
	c.Transmission = s
	for _, t := range []string{store.TransmissionManual, store.TransmissionMatic} {
		if strings.EqualFold(s, t) {
			c.Transmission = t
		}
	}
	return true
}
