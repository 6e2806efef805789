package store_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// carClock is the tests' fixed "now": max valid year is 2026.
var carClock = time.Date(2025, 10, 23, 9, 0, 0, 0, time.UTC)

// mustOpenCarDB opens a database whose clock starts at carClock and moves one
// second per reading, so cars created one after another have distinct,
// increasing timestamps.
func mustOpenCarDB(tb testing.TB) *store.DB {
	tb.Helper()
	db := MustOpenDB(tb)
	now := carClock
	db.Now = func() time.Time {
		now = now.Add(time.Second)
		return now
	}
	return db
}

// validCar returns a car that passes every rule.
func validCar(code string) *store.Car {
	return &store.Car{DisplayCode: code, Brand: "Toyota", Model: "Avanza", Year: 2020, Color: "Hitam",
		Transmission: store.TransmissionManual, Km: 45000, Price: 165_000_000, Status: store.CarAvailable}
}

// mustCreateCar inserts c or fails the test.
func mustCreateCar(tb testing.TB, db *store.DB, c *store.Car) *store.Car {
	tb.Helper()
	if err := db.CreateCar(context.Background(), c); err != nil {
		tb.Fatalf("create %s: %v", c.DisplayCode, err)
	}
	return c
}

func TestDB_CreateCar(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := validCar(" #A01 ")
		c.Brand, c.PlateNumber = "  Toyota ", "l 1234 ab"
		c.KeyFeatures = []string{" ABS ", "", "  ", "Airbag"}
		c.Photos = []string{"/uploads/0123456789abcdef0123456789abcdef.jpg", "https://cdn.example.com/a.jpg"}
		c.PrimaryPhotoIndex = 1
		mustCreateCar(t, db, c)
		got, err := db.FindCarByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.PublicName != "Toyota Avanza 2020 Hitam #A01" || got.Slug != "toyota-avanza-2020-hitam-a01" {
			t.Fatalf("publicName %q slug %q", got.PublicName, got.Slug)
		}
		if got.PlateNumberClean != "L1234AB" || got.DisplayCode != "#A01" || got.Brand != "Toyota" {
			t.Fatalf("computed/trimmed fields: %+v", got)
		}
		if strings.Join(got.KeyFeatures, "|") != "ABS|Airbag" || len(got.Photos) != 2 || got.PrimaryPhoto() != c.Photos[1] {
			t.Fatalf("features %q photos %q", got.KeyFeatures, got.Photos)
		}
		if got.SoldAt != nil || !got.CreatedAt.Equal(c.CreatedAt) || got.CreatedAt.IsZero() {
			t.Fatalf("timestamps: %+v", got)
		}
	})
	t.Run("DefaultDraft", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := validCar("#A01")
		c.Status = ""
		mustCreateCar(t, db, c)
		if c.Status != store.CarDraft || len(c.Photos) != 0 || c.Photos == nil {
			t.Fatalf("status %q photos %#v", c.Status, c.Photos)
		}
	})
	t.Run("SoldSetsSoldAt", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := validCar("#A01")
		c.Status = store.CarSold
		mustCreateCar(t, db, c)
		if got, _ := db.FindCarByID(ctx, c.ID); got.SoldAt == nil {
			t.Fatal("soldAt not set")
		}
	})
	t.Run("ErrDuplicateDisplayCode", func(t *testing.T) {
		db := mustOpenCarDB(t)
		mustCreateCar(t, db, validCar("#A01"))
		c := validCar("#a01") // display codes compare case-insensitively
		c.Color = "Putih"
		err := db.CreateCar(ctx, c)
		if store.ErrorCode(err) != store.ECONFLICT || store.ErrorMessage(err) != "Display code already exists" {
			t.Fatalf("err = %v", err)
		}
		if store.ErrorDetails(err)["displayCode"] == nil {
			t.Fatalf("details = %v", store.ErrorDetails(err))
		}
	})
	t.Run("SlugSuffix", func(t *testing.T) {
		db := mustOpenCarDB(t)
		// "#A01", "A01" and "(A01)" all slugify to "a01".
		slugs := []string{}
		for _, code := range []string{"#A01", "A01", "(A01)"} {
			c := mustCreateCar(t, db, validCar(code))
			slugs = append(slugs, c.Slug)
		}
		want := "toyota-avanza-2020-hitam-a01,toyota-avanza-2020-hitam-a01-2,toyota-avanza-2020-hitam-a01-3"
		if got := strings.Join(slugs, ","); got != want {
			t.Fatalf("slugs = %s", got)
		}
	})
}

func TestValidateCar(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name   string
		edit   func(c *store.Car)
		fields []string // the detail keys expected, exactly
	}{
		{"valid", func(c *store.Car) {}, nil},
		{"brand blank", func(c *store.Car) { c.Brand = "   " }, []string{"brand"}},
		{"model missing", func(c *store.Car) { c.Model = "" }, []string{"model"}},
		{"color missing", func(c *store.Car) { c.Color = "" }, []string{"color"}},
		{"display code missing", func(c *store.Car) { c.DisplayCode = " " }, []string{"displayCode"}},
		{"transmission missing", func(c *store.Car) { c.Transmission = "" }, []string{"transmission"}},
		{"transmission unknown", func(c *store.Car) { c.Transmission = "CVT" }, []string{"transmission"}},
		{"year too old", func(c *store.Car) { c.Year = 1979 }, []string{"year"}},
		{"year oldest", func(c *store.Car) { c.Year = 1980 }, nil},
		{"year next", func(c *store.Car) { c.Year = 2026 }, nil},
		{"year too new", func(c *store.Car) { c.Year = 2027 }, []string{"year"}},
		{"price negative", func(c *store.Car) { c.Price = -1 }, []string{"price"}},
		{"price max", func(c *store.Car) { c.Price = 999_999_999_999 }, nil},
		{"price too high", func(c *store.Car) { c.Price = 1_000_000_000_000 }, []string{"price"}},
		{"km negative", func(c *store.Car) { c.Km = -1 }, []string{"km"}},
		{"km max", func(c *store.Car) { c.Km = 9_999_999 }, nil},
		{"km too high", func(c *store.Car) { c.Km = 10_000_000 }, []string{"km"}},
		{"21 photos", func(c *store.Car) {
			c.Photos = make([]string, 21)
			for i := range c.Photos {
				c.Photos[i] = "https://cdn.example.com/p.jpg"
			}
		}, []string{"photos"}},
		{"bad photo url", func(c *store.Car) { c.Photos = []string{"javascript:alert(1)"} }, []string{"photos"}},
		{"11 key features", func(c *store.Car) { c.KeyFeatures = strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",") }, []string{"keyFeatures"}},
		{"10 key features and blanks", func(c *store.Car) {
			c.KeyFeatures = strings.Split("a,b,c,d,e,f,g,h,i,j, , ,", ",")
		}, nil},
		{"description 5000", func(c *store.Car) { c.Description = long(5000) }, nil},
		{"description 5001", func(c *store.Car) { c.Description = long(5001) }, []string{"description"}},
		{"primary index without photos", func(c *store.Car) { c.PrimaryPhotoIndex = 1 }, []string{"primaryPhotoIndex"}},
		{"primary index past photos", func(c *store.Car) {
			c.Photos, c.PrimaryPhotoIndex = []string{"/uploads/a.jpg"}, 1
		}, []string{"primaryPhotoIndex"}},
		{"primary index negative", func(c *store.Car) { c.PrimaryPhotoIndex = -1 }, []string{"primaryPhotoIndex"}},
		{"status unknown", func(c *store.Car) { c.Status = "reserved" }, []string{"status"}},
		{"brand too long", func(c *store.Car) { c.Brand = long(101) }, []string{"brand"}},
		{"several at once", func(c *store.Car) {
			c.Brand, c.Year, c.Price, c.Km, c.Transmission = "", 1900, -5, -5, "auto"
		}, []string{"brand", "km", "price", "transmission", "year"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validCar("#A01")
			tt.edit(c)
			errs := store.ValidateCar(c, carClock)
			got := slices.Sorted(maps.Keys(errs))
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Fatalf("fields = %v, want %v (%v)", got, tt.fields, errs)
			}
		})
	}
	t.Run("CreateCarReportsAll", func(t *testing.T) {
		db := mustOpenCarDB(t)
		err := db.CreateCar(context.Background(), &store.Car{Year: 2020})
		if store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("err = %v", err)
		}
		d := store.ErrorDetails(err)
		for _, f := range []string{"brand", "model", "color", "displayCode", "transmission"} {
			if d[f] == nil {
				t.Errorf("no detail for %s: %v", f, d)
			}
		}
	})
}

func TestDB_UpdateCar(t *testing.T) {
	ctx := context.Background()
	str := func(s string) *string { return &s }
	t.Run("SlugStableOnUnrelatedEdit", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := mustCreateCar(t, db, validCar("#A01"))
		price := int64(150_000_000)
		got, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Price: &price, Description: str("Mulus")})
		if err != nil {
			t.Fatal(err)
		}
		if got.Slug != c.Slug || got.PublicName != c.PublicName || got.Price != price || got.Description != "Mulus" {
			t.Fatalf("got %+v", got)
		}
		if !got.UpdatedAt.After(c.UpdatedAt) || !got.CreatedAt.Equal(c.CreatedAt) {
			t.Fatalf("timestamps: created %v updated %v", got.CreatedAt, got.UpdatedAt)
		}
	})
	t.Run("SlugRecomputed", func(t *testing.T) {
		db := mustOpenCarDB(t)
		a := mustCreateCar(t, db, validCar("#A01"))
		b := validCar("#A02")
		b.Color = "Putih"
		mustCreateCar(t, db, b)
		// b takes a's identity except the display code "A01" that slugifies alike.
		got, err := db.UpdateCar(ctx, b.ID, store.CarUpdate{Color: str("Hitam"), DisplayCode: str("A01")})
		if err != nil {
			t.Fatal(err)
		}
		if got.Slug != a.Slug+"-2" || got.PublicName != "Toyota Avanza 2020 Hitam A01" {
			t.Fatalf("slug %q publicName %q", got.Slug, got.PublicName)
		}
		// Re-saving the same identity keeps its own -2 slug.
		got, err = db.UpdateCar(ctx, b.ID, store.CarUpdate{Brand: str("Toyota")})
		if err != nil || got.Slug != a.Slug+"-2" {
			t.Fatalf("slug %q err %v", got.Slug, err)
		}
		stored, _ := db.FindCarBySlug(ctx, a.Slug+"-2")
		if stored == nil || stored.ID != b.ID {
			t.Fatalf("FindCarBySlug = %+v", stored)
		}
	})
	t.Run("SoldAtSetAndCleared", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := mustCreateCar(t, db, validCar("#A01"))
		sold, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Status: str(store.CarSold)})
		if err != nil || sold.SoldAt == nil {
			t.Fatalf("sold: %+v %v", sold, err)
		}
		again, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Description: str("x")})
		if err != nil || again.SoldAt == nil || !again.SoldAt.Equal(*sold.SoldAt) {
			t.Fatalf("soldAt moved: %v → %v", sold.SoldAt, again.SoldAt)
		}
		back, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Status: str(store.CarBooking)})
		if err != nil || back.SoldAt != nil {
			t.Fatalf("not cleared: %+v %v", back, err)
		}
		if stored, _ := db.FindCarByID(ctx, c.ID); stored.SoldAt != nil {
			t.Fatal("stored soldAt not cleared")
		}
	})
	t.Run("ErrInvalidMerged", func(t *testing.T) {
		db := mustOpenCarDB(t)
		c := mustCreateCar(t, db, validCar("#A01"))
		year := 1900
		_, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Year: &year, Brand: str(" ")})
		d := store.ErrorDetails(err)
		if store.ErrorCode(err) != store.EINVALID || d["year"] == nil || d["brand"] == nil {
			t.Fatalf("err = %v %v", err, d)
		}
	})
	t.Run("ErrDuplicateDisplayCode", func(t *testing.T) {
		db := mustOpenCarDB(t)
		mustCreateCar(t, db, validCar("#A01"))
		c := mustCreateCar(t, db, validCar("#A02"))
		if _, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{DisplayCode: str("#A01")}); store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpenCarDB(t)
		if _, err := db.UpdateCar(ctx, 42, store.CarUpdate{}); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestDB_DeleteCar(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	c := validCar("#A01")
	c.Photos = []string{"/uploads/0123456789abcdef0123456789abcdef.jpg"}
	mustCreateCar(t, db, c)
	res, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567890", Message: "Halo", CarID: &c.ID})
	if err != nil {
		t.Fatal(err)
	}
	deleted, err := db.DeleteCar(ctx, c.ID)
	if err != nil || len(deleted.Photos) != 1 {
		t.Fatalf("deleted %+v err %v", deleted, err)
	}
	if _, err := db.FindCarByID(ctx, c.ID); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("still found: %v", err)
	}
	var carID *int64
	if err := db.Handles().Read.QueryRow(`SELECT car_id FROM leads WHERE id = ?`, res.LeadID).Scan(&carID); err != nil || carID != nil {
		t.Fatalf("lead car_id = %v err %v", carID, err)
	}
	if _, err := db.DeleteCar(ctx, c.ID); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("second delete: %v", err)
	}
}

func TestDB_CarPhotos(t *testing.T) {
	ctx := context.Background()
	db := mustOpenCarDB(t)
	c := mustCreateCar(t, db, validCar("#A01"))
	url := func(i int) string { return "/uploads/" + strings.Repeat(string(rune('a'+i)), 32) + ".jpg" }
	for i := range store.MaxCarPhotos {
		if _, err := db.AddCarPhoto(ctx, c.ID, url(i%6)); err != nil {
			t.Fatalf("photo %d: %v", i, err)
		}
	}
	if _, err := db.AddCarPhoto(ctx, c.ID, url(0)); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("21st photo: %v", err)
	}
	if _, err := db.AddCarPhoto(ctx, 999, url(0)); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("unknown car: %v", err)
	}

	db2 := mustOpenCarDB(t)
	c = validCar("#B01")
	c.Photos = []string{url(0), url(1), url(2), url(3)}
	c.PrimaryPhotoIndex = 2
	mustCreateCar(t, db2, c)
	steps := []struct {
		index       int
		wantRemoved string
		wantPrimary string
	}{
		{0, url(0), url(2)}, // before the primary: the same picture stays primary
		{2, url(3), url(2)}, // after it: unchanged
		{1, url(2), url(1)}, // the primary itself: the first photo takes over
		{0, url(1), ""},     // the last one
	}
	for _, s := range steps {
		got, removed, err := db2.RemoveCarPhoto(ctx, c.ID, s.index)
		if err != nil || removed != s.wantRemoved || got.PrimaryPhoto() != s.wantPrimary {
			t.Fatalf("remove %d: removed %q primary %q err %v", s.index, removed, got.PrimaryPhoto(), err)
		}
		if got.PrimaryPhotoIndex < 0 || (len(got.Photos) > 0 && got.PrimaryPhotoIndex >= len(got.Photos)) {
			t.Fatalf("primary index %d out of %d", got.PrimaryPhotoIndex, len(got.Photos))
		}
	}
	if _, _, err := db2.RemoveCarPhoto(ctx, c.ID, 0); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("remove from empty: %v", err)
	}
	inUse, err := db.CarPhotoInUse(ctx, url(1))
	if err != nil || !inUse {
		t.Fatalf("in use: %v %v", inUse, err)
	}
	if inUse, _ := db.CarPhotoInUse(ctx, url(9)); inUse {
		t.Fatal("unused photo reported in use")
	}
}
