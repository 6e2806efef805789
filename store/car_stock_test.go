package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// The age window of the stock page selects cars by when they came in.
func TestDB_FindCarsAddedWindow(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	seedCatalogue(t, db)
	a03, err := db.FindCarBySlug(ctx, "toyota-innova-2019-putih-a03")
	if err != nil {
		t.Fatal(err)
	}
	codes := func(f store.CarFilter) string {
		t.Helper()
		cars, _, err := db.FindCars(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cars {
			out = append(out, c.DisplayCode)
		}
		return strings.Join(out, ",")
	}
	if got := codes(store.CarFilter{AddedBefore: &a03.CreatedAt}); got != "#A02,#A01" {
		t.Errorf("added before #A03: %s", got)
	}
	if got := codes(store.CarFilter{AddedSince: &a03.CreatedAt, Statuses: []string{store.CarAvailable}}); got != "#B01,#A03" {
		t.Errorf("available added since #A03: %s", got)
	}
}

// Lead counts per car come in one query, within what a sales user may see.
func TestDB_CountCarLeads(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	seedCatalogue(t, db)
	cars, _, err := db.FindCars(ctx, store.CarFilter{})
	if err != nil {
		t.Fatal(err)
	}
	first, second, quiet := cars[0], cars[1], cars[2]
	sales := &store.User{Email: "ani@example.test", Name: "Ani", Role: store.RoleSales}
	other := &store.User{Email: "rina@example.test", Name: "Rina", Role: store.RoleSales}
	for _, u := range []*store.User{sales, other} {
		if err := db.CreateUser(ctx, u, "password123"); err != nil {
			t.Fatal(err)
		}
	}
	leads := []struct {
		car  *store.Car
		user *store.User
	}{{first, nil}, {first, sales}, {first, other}, {second, other}}
	for i, l := range leads {
		lead := &store.Lead{CustomerPhone: fmt.Sprintf("08120000%04d", i), Source: store.SourceWhatsApp, CarID: &l.car.ID}
		if l.user != nil {
			lead.AssignedToUserID = &l.user.ID
		}
		if err := db.CreateLead(ctx, lead); err != nil {
			t.Fatal(err)
		}
	}
	ids := []int64{first.ID, second.ID, quiet.ID}
	for _, tc := range []struct {
		name      string
		visibleTo *int64
		want      map[int64]int64
	}{
		{"everyone's", nil, map[int64]int64{first.ID: 3, second.ID: 1}},
		{"a sales user's", &sales.ID, map[int64]int64{first.ID: 2}},
	} {
		got, err := db.CountCarLeads(ctx, ids, tc.visibleTo)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if got, err := db.CountCarLeads(ctx, nil, nil); err != nil || len(got) != 0 {
		t.Errorf("no cars: %v %v", got, err)
	}
}

func TestDB_FindCarBrands(t *testing.T) {
	db := mustOpenCarDB(t)
	seedCatalogue(t, db)
	got, err := db.FindCarBrands(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// "toyota" and "Toyota" are one brand; sold, booked and draft cars count.
	if len(got) != 3 || got[0] != "Daihatsu" || got[1] != "Honda" || !strings.EqualFold(got[2], "toyota") {
		t.Errorf("brands %v", got)
	}
}
