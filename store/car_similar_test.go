package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDB_FindSimilarCars(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	add := func(code, brand string, price int64, status string) *store.Car {
		c := validCar(code)
		c.Brand, c.Price, c.Status = brand, price, status
		return mustCreateCar(t, db, c)
	}
	this := add("#A01", "Toyota", 200_000_000, store.CarAvailable)
	toyota := add("#A02", "Toyota", 400_000_000, store.CarAvailable)
	add("#A03", "Toyota", 210_000_000, store.CarSold)
	add("#A04", "Toyota", 190_000_000, store.CarDraft)
	cheapHonda := add("#B01", "Honda", 160_000_000, store.CarAvailable)
	honda := add("#B02", "Honda", 240_000_000, store.CarAvailable)
	add("#B03", "Honda", 100_000_000, store.CarAvailable) // a quarter cheaper is too far
	add("#B04", "Honda", 260_000_000, store.CarAvailable)

	ids := func(cars []*store.Car) []int64 {
		var out []int64
		for _, c := range cars {
			out = append(out, c.ID)
		}
		return out
	}
	got, err := db.FindSimilarCars(ctx, this, 3)
	if err != nil {
		t.Fatal(err)
	}
	// The brand first, then by price, cheapest first; never the car itself,
	// nor a sold or draft one.
	if want := []int64{toyota.ID, cheapHonda.ID, honda.ID}; !slices.Equal(ids(got), want) {
		t.Errorf("similar = %v, want %v", ids(got), want)
	}
	if got, _ := db.FindSimilarCars(ctx, this, 1); len(got) != 1 || got[0].ID != toyota.ID {
		t.Errorf("n = 1: %v", ids(got))
	}
}
