package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// seedCatalogue creates a small inventory, oldest first:
//
//	#A01 Toyota Avanza 2020 Hitam  Manual  45000 165 Jt Bensin available
//	#A02 Toyota Avanza 2021 Silver Matic   32000 185 Jt Bensin available
//	#A03 toyota Innova 2019 Putih  Matic   58000 285 Jt Diesel available
//	#B01 Honda  Brio   2019 Merah  Manual  52000 135 Jt Bensin available
//	#B02 Honda  HR-V   2022 Putih  Matic   22000 385 Jt Bensin booking
//	#B03 Honda  HR-V   2018 Hitam  Matic   65000 285 Jt Bensin sold
//	#C01 Daihatsu Xenia_R 2021 Hitam Matic 35000 175 Jt Bensin draft
func seedCatalogue(tb testing.TB, db *store.DB) {
	tb.Helper()
	rows := []struct {
		code, brand, model string
		year               int
		color, trans       string
		km, price          int64
		fuel, status       string
	}{
		{"#A01", "Toyota", "Avanza", 2020, "Hitam", "Manual", 45000, 165_000_000, "Bensin", store.CarAvailable},
		{"#A02", "Toyota", "Avanza", 2021, "Silver", "Matic", 32000, 185_000_000, "Bensin", store.CarAvailable},
		{"#A03", "toyota", "Innova", 2019, "Putih", "Matic", 58000, 285_000_000, "Diesel", store.CarAvailable},
		{"#B01", "Honda", "Brio", 2019, "Merah", "Manual", 52000, 135_000_000, "Bensin", store.CarAvailable},
		{"#B02", "Honda", "HR-V", 2022, "Putih", "Matic", 22000, 385_000_000, "Bensin", store.CarBooking},
		{"#B03", "Honda", "HR-V", 2018, "Hitam", "Matic", 65000, 285_000_000, "Bensin", store.CarSold},
		{"#C01", "Daihatsu", "Xenia_R", 2021, "Hitam", "Matic", 35000, 175_000_000, "Bensin", store.CarDraft},
	}
	for _, r := range rows {
		mustCreateCar(tb, db, &store.Car{DisplayCode: r.code, Brand: r.brand, Model: r.model, Year: r.year,
			Color: r.color, Transmission: r.trans, Km: r.km, Price: r.price, FuelType: r.fuel, Status: r.status})
	}
}

func TestDB_FindCars(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	seedCatalogue(t, db)
	i64 := func(v int64) *int64 { return &v }
	avail := []string{store.CarAvailable}
	tests := []struct {
		name   string
		filter store.CarFilter
		want   string // display codes in order
		total  int64
	}{
		{"available newest", store.CarFilter{Statuses: avail}, "#B01,#A03,#A02,#A01", 4},
		{"all statuses newest", store.CarFilter{}, "#C01,#B03,#B02,#B01,#A03,#A02,#A01", 7},
		{"status order", store.CarFilter{SortBy: "status"}, "#B01,#A03,#A02,#A01,#B03,#B02,#C01", 7},
		{"two statuses", store.CarFilter{Statuses: []string{store.CarSold, store.CarDraft}}, "#C01,#B03", 2},
		{"brand any case", store.CarFilter{Statuses: avail, Brand: "TOYOTA"}, "#A03,#A02,#A01", 3},
		{"brand is equality", store.CarFilter{Statuses: avail, Brand: "Toy"}, "", 0},
		{"model substring", store.CarFilter{Model: "r-"}, "#B03,#B02", 2},
		{"model underscore is literal", store.CarFilter{Model: "a_r"}, "#C01", 1},
		{"model percent is literal", store.CarFilter{Model: "%"}, "", 0},
		{"min year", store.CarFilter{Statuses: avail, MinYear: i64(2020)}, "#A02,#A01", 2},
		{"max year", store.CarFilter{Statuses: avail, MaxYear: i64(2019)}, "#B01,#A03", 2},
		{"price range", store.CarFilter{Statuses: avail, MinPrice: i64(150_000_000), MaxPrice: i64(200_000_000)}, "#A02,#A01", 2},
		{"transmission", store.CarFilter{Statuses: avail, Transmission: "Manual"}, "#B01,#A01", 2},
		{"fuel any case", store.CarFilter{FuelType: "diesel"}, "#A03", 1},
		{"search color", store.CarFilter{Search: "hitam"}, "#C01,#B03,#A01", 3},
		{"search display code", store.CarFilter{Search: "#b0"}, "#B03,#B02,#B01", 3},
		{"search public name", store.CarFilter{Search: "avanza 2021"}, "#A02", 1},
		{"price asc", store.CarFilter{Statuses: avail, SortBy: "price_asc"}, "#B01,#A01,#A02,#A03", 4},
		{"price desc", store.CarFilter{Statuses: avail, SortBy: "price_desc"}, "#A03,#A02,#A01,#B01", 4},
		{"km asc", store.CarFilter{Statuses: avail, SortBy: "km_asc"}, "#A02,#A01,#B01,#A03", 4},
		{"year desc ties newest", store.CarFilter{Statuses: avail, SortBy: "year_desc"}, "#A02,#A01,#B01,#A03", 4},
		{"newest explicit", store.CarFilter{Statuses: avail, SortBy: "newest"}, "#B01,#A03,#A02,#A01", 4},
		{"page 1", store.CarFilter{Statuses: avail, Limit: 3}, "#B01,#A03,#A02", 4},
		{"page 2", store.CarFilter{Statuses: avail, Limit: 3, Offset: 3}, "#A01", 4},
		{"past the end", store.CarFilter{Statuses: avail, Limit: 3, Offset: 30}, "", 4},
		{"short first page", store.CarFilter{Statuses: avail, Limit: 10}, "#B01,#A03,#A02,#A01", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cars, total, err := db.FindCars(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			codes := make([]string, len(cars))
			for i, c := range cars {
				codes[i] = c.DisplayCode
			}
			if got := strings.Join(codes, ","); got != tt.want || total != tt.total {
				t.Fatalf("got %s (total %d), want %s (total %d)", got, total, tt.want, tt.total)
			}
		})
	}

	invalid := []struct {
		name   string
		filter store.CarFilter
		field  string
	}{
		{"sortBy", store.CarFilter{SortBy: "cheapest"}, "sortBy"},
		{"transmission", store.CarFilter{Transmission: "manual"}, "transmission"},
		{"status", store.CarFilter{Statuses: []string{"gone"}}, "status"},
	}
	for _, tt := range invalid {
		t.Run("Err"+tt.name, func(t *testing.T) {
			_, _, err := db.FindCars(ctx, tt.filter)
			if store.ErrorCode(err) != store.EINVALID || store.ErrorDetails(err)[tt.field] == nil {
				t.Fatalf("err = %v %v", err, store.ErrorDetails(err))
			}
		})
	}
}

func TestDB_FindCarFacets(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	empty, err := db.FindCarFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(empty.Brands) != 0 || empty.Brands == nil || empty.Transmissions == nil || empty.MinYear != nil || empty.MaxPrice != nil {
		t.Fatalf("empty facets = %+v", empty)
	}

	seedCatalogue(t, db)
	f, err := db.FindCarFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var brands []string
	for _, b := range f.Brands {
		brands = append(brands, b.Brand+":"+strconv.FormatInt(b.Count, 10))
	}
	// Booking, sold and draft cars are not counted; "toyota" counts as Toyota.
	if got := strings.Join(brands, ","); got != "Toyota:3,Honda:1" {
		t.Fatalf("brands = %s", got)
	}
	if *f.MinYear != 2019 || *f.MaxYear != 2021 || *f.MinPrice != 135_000_000 || *f.MaxPrice != 285_000_000 {
		t.Fatalf("ranges = %d..%d, %d..%d", *f.MinYear, *f.MaxYear, *f.MinPrice, *f.MaxPrice)
	}
	if got := strings.Join(f.Transmissions, ","); got != "Manual,Matic" {
		t.Fatalf("transmissions = %s", got)
	}
}

// explain returns the plan of a query, one detail line per step.
func explain(t *testing.T, db *store.DB, q string, args []any) string {
	t.Helper()
	rows, err := db.Handles().Read.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "\n")
}

// TestCarListPlan proves the catalogue's queries are answered from indexes:
// the list walks an index in the requested order (no sort of every match, so
// LIMIT stops early) and the public count never reads the table.
func TestCarListPlan(t *testing.T) {
	db := MustOpenDB(t)
	maxPrice := int64(300_000_000)
	tests := []struct {
		name         string
		filter       store.CarFilter
		coveredCount bool
	}{
		{"public brand+price", store.CarFilter{Statuses: []string{store.CarAvailable}, Brand: "Toyota", MaxPrice: &maxPrice, Limit: 20}, true},
		{"public brand", store.CarFilter{Statuses: []string{store.CarAvailable}, Brand: "toyota", Limit: 20}, true},
		{"public newest", store.CarFilter{Statuses: []string{store.CarAvailable}, Limit: 20}, true},
		{"admin status order", store.CarFilter{SortBy: "status", Limit: 20}, false},
		{"admin status order, one status, search", store.CarFilter{SortBy: "status", Statuses: []string{store.CarAvailable},
			MaxPrice: &maxPrice, Search: "a", Limit: 24, Offset: 24}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, listArgs, count, countArgs, err := store.CarListQueries(tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, db, list, listArgs)
			if !strings.Contains(plan, "USING INDEX") || strings.Contains(plan, "TEMP B-TREE") {
				t.Fatalf("list plan:\n%s", plan)
			}
			// Without statistics (an empty table) SQLite may choose either
			// the covering status+brand index or the brand index for the
			// count, about one time in a hundred the latter; both search an
			// index, and neither may scan the table.
			plan = explain(t, db, count, countArgs)
			if tt.coveredCount && (!strings.Contains(plan, "USING") || strings.Contains(plan, "SCAN cars")) {
				t.Fatalf("count plan:\n%s", plan)
			}
		})
	}
}
