package photo_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"testing"

	"github.com/autoleads/autoleads/tenants/photo"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

func TestProcessLogoKeepsTransparency(t *testing.T) {
	// A 1024×600 logo: transparent around an opaque red square in the middle.
	src := image.NewNRGBA(image.Rect(0, 0, 1024, 600))
	for y := 200; y < 400; y++ {
		for x := 412; x < 612; x++ {
			src.Set(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	data, err := photo.ProcessLogo(phototest.PNG(src))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 300 {
		t.Fatalf("logo is %v, want 512×300", b.Size())
	}
	if _, _, _, a := img.At(5, 5).RGBA(); a != 0 {
		t.Errorf("corner alpha = %d, want transparent", a)
	}
	if r, _, _, a := img.At(256, 150).RGBA(); a>>8 != 255 || r>>8 < 240 {
		t.Errorf("centre = %v, want opaque red", img.At(256, 150))
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}\.png$`).MatchString(photo.LogoNameOf(data)) {
		t.Errorf("name %q", photo.LogoNameOf(data))
	}
}

func TestProcessLogoSmallAndUpright(t *testing.T) {
	// An 80×40 JPEG whose EXIF says to turn it a quarter right: never
	// enlarged, stored upright (40×80), without the camera's metadata.
	data, err := photo.ProcessLogo(phototest.WithExif(phototest.JPEG(phototest.Image(80, 40)), 6))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(phototest.GPSMarker)) {
		t.Fatal("logo carries the photo's metadata")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "png" || cfg.Width != 40 || cfg.Height != 80 {
		t.Fatalf("logo is %s %d×%d (%v), want png 40×80", format, cfg.Width, cfg.Height, err)
	}
}

func TestProcessLogoRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"text", []byte("not a logo"), photo.ErrUnsupported},
		{"20000×20000", phototest.PNGBomb(20_000, 20_000), photo.ErrTooLarge},
		{"truncated jpeg", truncated(phototest.JPEG(phototest.Image(640, 640))), photo.ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := photo.ProcessLogo(tt.data); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
