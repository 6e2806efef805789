package cmd_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/tenants/photo"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// oldPhotos stores files as photos were stored before they were processed,
// under the given random names, in showroom slug's uploads directory.
func (c *cli) oldPhotos(slug string, files map[string][]byte) string {
	c.t.Helper()
	dir, err := tenants.Layout{Root: c.dir}.UploadsDir(slug)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		c.t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			c.t.Fatal(err)
		}
	}
	return dir
}

// carWithPhotos adds a car showing photos to showroom slug.
func (c *cli) carWithPhotos(slug, code string, photos ...string) *store.Car {
	c.t.Helper()
	car := &store.Car{DisplayCode: code, Brand: "Honda", Model: "Brio", Year: 2021, Color: "Putih",
		Transmission: store.TransmissionMatic, Km: 28000, Price: 165000000, Status: store.CarAvailable, Photos: photos}
	if err := c.tenantDB(slug).CreateCar(context.Background(), car); err != nil {
		c.t.Fatal(err)
	}
	return car
}

func TestPhotosReprocess(t *testing.T) {
	c := newCLI(t)
	c.createTenant("alpha")
	c.createTenant("beta")
	const (
		camera  = "11111111111111111111111111111111.jpg" // on its side, with GPS
		png     = "22222222222222222222222222222222.png"
		damaged = "33333333333333333333333333333333.jpg"
		missing = "44444444444444444444444444444444.jpg"
		betas   = "55555555555555555555555555555555.jpg"
	)
	dir := c.oldPhotos("alpha", map[string][]byte{
		camera:  phototest.WithExif(phototest.JPEG(phototest.Image(1600, 1200)), 6),
		png:     phototest.PNG(phototest.Image(300, 200)),
		damaged: phototest.JPEG(phototest.Image(64, 64))[:400],
	})
	betaDir := c.oldPhotos("beta", map[string][]byte{betas: phototest.JPEG(phototest.Image(200, 100))})
	external := "https://cdn.example.com/brio.jpg"
	a1 := c.carWithPhotos("alpha", "#A1", "/uploads/"+camera, external, "/uploads/"+png)
	a2 := c.carWithPhotos("alpha", "#A2", "/uploads/"+damaged, "/uploads/"+camera, "/uploads/"+missing)
	b1 := c.carWithPhotos("beta", "#B1", "/uploads/"+betas)

	r := c.exec(context.Background(), "", "photos", "reprocess", "--tenant", "alpha", "--json")
	if r.err == nil || !strings.Contains(r.err.Error(), "2 photos could not be reprocessed") {
		t.Fatalf("err = %v", r.err)
	}
	var results []struct {
		Showroom               string
		Reprocessed, Unchanged int
		Failed                 []string
	}
	decode(t, r.stdout, &results)
	if len(results) != 1 || results[0].Showroom != "alpha" || results[0].Reprocessed != 2 || results[0].Unchanged != 1 ||
		len(results[0].Failed) != 2 || !strings.Contains(r.stdout, missing+`: the file is missing`) {
		t.Fatalf("results: %s", r.stdout)
	}

	// The cars show the processed photos; shared, failed and external ones
	// keep their places.
	db := c.tenantDB("alpha")
	got1, _ := db.FindCarByID(t.Context(), a1.ID)
	got2, _ := db.FindCarByID(t.Context(), a2.ID)
	newCamera := strings.TrimPrefix(got1.Photos[0], "/uploads/")
	newPNG := strings.TrimPrefix(got1.Photos[2], "/uploads/")
	if !tenants.ValidPhotoName(newCamera) || newCamera == camera || !strings.HasSuffix(newPNG, ".jpg") ||
		got1.Photos[1] != external ||
		!slices.Equal(got2.Photos, []string{"/uploads/" + damaged, got1.Photos[0], "/uploads/" + missing}) {
		t.Fatalf("photos: %v %v", got1.Photos, got2.Photos)
	}
	// The camera photo is upright, without its EXIF and GPS, with copies.
	data, err := os.ReadFile(filepath.Join(dir, newCamera))
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil || img.Bounds().Dx() != 1200 || img.Bounds().Dy() != 1600 ||
		bytes.Contains(data, []byte("Exif")) || bytes.Contains(data, []byte(phototest.GPSMarker)) {
		t.Fatalf("processed camera photo: %v %v", img.Bounds(), err)
	}
	want := []string{damaged}
	for _, name := range []string{newCamera, newPNG} {
		want = append(want, name)
		for _, w := range photo.Widths {
			want = append(want, photo.CopyName(name, w))
		}
	}
	listing := func(dir string) []string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	slices.Sort(want)
	if got := listing(dir); !slices.Equal(got, want) {
		t.Fatalf("uploads: %v, want %v (the replaced files gone)", got, want)
	}

	// Again, and nothing changes; beta was left alone by --tenant alpha.
	c.exec(context.Background(), "", "photos", "reprocess", "--tenant", "alpha")
	again, _ := db.FindCarByID(t.Context(), a1.ID)
	if !slices.Equal(again.Photos, got1.Photos) || !slices.Equal(listing(dir), want) {
		t.Fatalf("second run changed %v, %v", again.Photos, listing(dir))
	}
	if got, _ := c.tenantDB("beta").FindCarByID(t.Context(), b1.ID); got.Photos[0] != "/uploads/"+betas {
		t.Fatalf("beta reprocessed by --tenant alpha: %v", got.Photos)
	}

	// Without --tenant, every showroom.
	if err := os.Remove(filepath.Join(dir, damaged)); err != nil {
		t.Fatal(err)
	}
	c.exec(context.Background(), "", "photos", "reprocess")
	if got, _ := c.tenantDB("beta").FindCarByID(t.Context(), b1.ID); got.Photos[0] == "/uploads/"+betas || len(listing(betaDir)) != 4 {
		t.Fatalf("beta: %v, files %v", got.Photos, listing(betaDir))
	}
	c.fail("", "Showroom not found", "photos", "reprocess", "--tenant", "nobody")
}
