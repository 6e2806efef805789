package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDB_MoveCarPhoto(t *testing.T) {
	ctx := context.Background()
	photos := []string{"https://x.test/a.jpg", "https://x.test/b.jpg", "https://x.test/c.jpg", "https://x.test/d.jpg"}
	for _, tc := range []struct {
		name        string
		primary     int
		from, to    int
		want        []string // by last letter
		wantPrimary int
	}{
		{"down past the primary", 1, 0, 2, []string{"b", "c", "a", "d"}, 0},
		{"up past the primary", 1, 3, 0, []string{"d", "a", "b", "c"}, 2},
		{"the primary itself", 1, 1, 3, []string{"a", "c", "d", "b"}, 3},
		{"after the primary", 0, 2, 3, []string{"a", "b", "d", "c"}, 0},
		{"in place", 2, 2, 2, []string{"a", "b", "c", "d"}, 2},
		{"onto the primary from below", 2, 3, 2, []string{"a", "b", "d", "c"}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpenCarDB(t)
			c := validCar("#M1")
			c.Photos, c.PrimaryPhotoIndex = slices.Clone(photos), tc.primary
			mustCreateCar(t, db, c)
			got, err := db.MoveCarPhoto(ctx, c.ID, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := db.FindCarByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, car := range []*store.Car{got, stored} {
				var order []string
				for _, p := range car.Photos {
					order = append(order, p[len(p)-5:len(p)-4])
				}
				if !slices.Equal(order, tc.want) || car.PrimaryPhotoIndex != tc.wantPrimary {
					t.Errorf("order %v primary %d, want %v primary %d", order, car.PrimaryPhotoIndex, tc.want, tc.wantPrimary)
				}
				if car.PrimaryPhoto() != photos[tc.primary] {
					t.Errorf("primary photo %q, want %q", car.PrimaryPhoto(), photos[tc.primary])
				}
			}
		})
	}

	t.Run("NotFound", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := validCar("#M2")
		c.Photos = slices.Clone(photos[:2])
		mustCreateCar(t, db, c)
		for _, tc := range []struct {
			name     string
			id       int64
			from, to int
		}{
			{"no such car", c.ID + 1, 0, 1},
			{"from beyond", c.ID, 2, 0},
			{"to beyond", c.ID, 0, 2},
			{"negative", c.ID, -1, 0},
		} {
			if _, err := db.MoveCarPhoto(ctx, tc.id, tc.from, tc.to); store.ErrorCode(err) != store.ENOTFOUND {
				t.Errorf("%s: %v, want ENOTFOUND", tc.name, err)
			}
		}
		if got, _ := db.FindCarByID(ctx, c.ID); !slices.Equal(got.Photos, photos[:2]) {
			t.Errorf("photos changed: %v", got.Photos)
		}
	})
}
