package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDB_CreateCars(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	mustCreateCar(t, db, validCar("#A01"))

	t.Run("all written", func(t *testing.T) {
		cars := []*store.Car{validCar("#B01"), validCar("#B02")}
		cars[1].Status = store.CarSold
		if err := db.CreateCars(ctx, cars); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindCarByID(ctx, cars[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Slug != "toyota-avanza-2020-hitam-b02" || got.PublicName != "Toyota Avanza 2020 Hitam #B02" || got.SoldAt == nil {
			t.Errorf("stored %+v", got)
		}
	})

	for _, tc := range []struct {
		name  string
		cars  []*store.Car
		code  string
		index int
	}{
		{"taken in the stock", []*store.Car{validCar("#C01"), validCar("#a01")}, store.ECONFLICT, 1},
		{"twice in the list", []*store.Car{validCar("#C01"), validCar("#C02"), validCar("#c01")}, store.ECONFLICT, 2},
		{"a broken rule", []*store.Car{validCar("#C01"), {DisplayCode: "#C09"}}, store.EINVALID, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := db.CreateCars(ctx, tc.cars)
			if store.ErrorCode(err) != tc.code || store.ErrorDetails(err)["index"] != tc.index {
				t.Fatalf("err %v details %v, want %s at %d", err, store.ErrorDetails(err), tc.code, tc.index)
			}
			if _, total, _ := db.FindCars(ctx, store.CarFilter{}); total != 3 {
				t.Errorf("%d cars after a refused import, want the 3 before it", total)
			}
		})
	}
}

func TestDB_FindDisplayCodes(t *testing.T) {
	db := mustOpenCarDB(t)
	mustCreateCar(t, db, validCar("#Ab1"))
	codes, err := db.FindDisplayCodes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !codes[store.FoldDisplayCode(" #aB1 ")] || len(codes) != 1 {
		t.Errorf("codes %v", codes)
	}
}

func TestFoldDisplayCode(t *testing.T) {
	for in, want := range map[string]string{"#A01": "#a01", " stk-9 ": "stk-9", "ÉX": "Éx"} {
		if got := store.FoldDisplayCode(in); got != want {
			t.Errorf("FoldDisplayCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDB_EachCar(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	// More than two batches, so the walk resumes after each batch's last id.
	const n = 1201
	cars := make([]*store.Car, n)
	for i := range cars {
		cars[i] = validCar(fmt.Sprintf("#G%04d", i))
	}
	if err := db.CreateCars(ctx, cars); err != nil {
		t.Fatal(err)
	}
	var seen []int64
	if err := db.EachCar(ctx, func(c *store.Car) error { seen = append(seen, c.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != n {
		t.Fatalf("walked %d cars, want %d", len(seen), n)
	}
	for i := 1; i < n; i++ {
		if seen[i] <= seen[i-1] {
			t.Fatalf("car %d after %d", seen[i], seen[i-1])
		}
	}
	stop := fmt.Errorf("stop")
	calls := 0
	if err := db.EachCar(ctx, func(*store.Car) error { calls++; return stop }); err != stop || calls != 1 {
		t.Errorf("err %v after %d calls, want stop after 1", err, calls)
	}
}

func TestDB_EachLead(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	sales := leadTestUser(t, db, "sales@x.test", store.RoleSales)
	other := leadTestUser(t, db, "other@x.test", store.RoleSales)
	carID := leadTestCar(t, db, "A01", store.CarAvailable)
	mine := mustCreateLead(t, db, &store.Lead{CustomerPhone: "+6281200000001", CarID: &carID, AssignedToUserID: &sales.ID})
	free := mustCreateLead(t, db, &store.Lead{CustomerPhone: "+6281200000002"})
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "+6281200000003", AssignedToUserID: &other.ID})

	var got []int64
	err := db.EachLead(ctx, store.LeadFilter{VisibleTo: &sales.ID}, func(l *store.Lead) error {
		if l.ID == mine.ID && (l.Car == nil || l.Car.DisplayCode != "#A01" || l.AssignedTo == nil) {
			t.Errorf("lead without its summaries: %+v", l)
		}
		got = append(got, l.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint([]int64{mine.ID, free.ID}) {
		t.Errorf("sales walked %v, want %v", got, []int64{mine.ID, free.ID})
	}
	n := 0
	if err := db.EachLead(ctx, store.LeadFilter{}, func(*store.Lead) error { n++; return nil }); err != nil || n != 3 {
		t.Errorf("everyone's walk: %d leads, %v", n, err)
	}
	if err := db.EachLead(ctx, store.LeadFilter{Status: "nope"}, func(*store.Lead) error { return nil }); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("unknown status: %v", err)
	}
}
