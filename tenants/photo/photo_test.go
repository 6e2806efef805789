package photo_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"regexp"
	"runtime"
	"testing"

	"github.com/autoleads/autoleads/tenants/photo"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// decode decodes a processed JPEG and checks it carries no metadata segment.
func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	if bytes.Contains(data, []byte{0xFF, 0xE1}) || bytes.Contains(data, []byte("Exif")) ||
		bytes.Contains(data, []byte(phototest.GPSMarker)) {
		t.Fatal("processed photo carries metadata")
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// near reports whether c is within JPEG's loss of want.
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { return int(x>>8)-int(y) < 24 && int(y)-int(x>>8) < 24 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestProcessOrientation(t *testing.T) {
	// The camera's image is 80×40 with red top-left and blue bottom-right.
	// Each orientation says how to turn it; where red lands, and the shape,
	// show the turn was applied.
	plain := phototest.JPEG(phototest.Image(80, 40))
	tests := []struct {
		orientation int
		w, h        int
		red, blue   image.Point // corners of the upright photo
	}{
		{1, 80, 40, image.Pt(2, 2), image.Pt(77, 37)},
		{2, 80, 40, image.Pt(77, 2), image.Pt(2, 37)},
		{3, 80, 40, image.Pt(77, 37), image.Pt(2, 2)},
		{4, 80, 40, image.Pt(2, 37), image.Pt(77, 2)},
		{5, 40, 80, image.Pt(2, 2), image.Pt(37, 77)},
		{6, 40, 80, image.Pt(37, 2), image.Pt(2, 77)},
		{7, 40, 80, image.Pt(37, 77), image.Pt(2, 2)},
		{8, 40, 80, image.Pt(2, 77), image.Pt(37, 2)},
	}
	for _, tt := range tests {
		p, err := photo.Process(phototest.WithExif(plain, tt.orientation))
		if err != nil {
			t.Fatal(err)
		}
		img := decode(t, p.Full)
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h || p.Width != tt.w || p.Height != tt.h {
			t.Errorf("orientation %d: %v, reported %d×%d", tt.orientation, b, p.Width, p.Height)
			continue
		}
		if !near(img.At(tt.red.X, tt.red.Y), phototest.TopLeft) || !near(img.At(tt.blue.X, tt.blue.Y), phototest.BottomRight) {
			t.Errorf("orientation %d: red at %v is %v, blue at %v is %v", tt.orientation,
				tt.red, img.At(tt.red.X, tt.red.Y), tt.blue, img.At(tt.blue.X, tt.blue.Y))
		}
	}
}

func TestProcessSizes(t *testing.T) {
	tests := []struct {
		name           string
		w, h           int
		fullW, fullH   int
		copyW, copyH   []int // per photo.Widths
		sharedWithFull []bool
	}{
		{"landscape camera photo", 4000, 3000, 2048, 1536, []int{320, 640, 1280}, []int{240, 480, 960}, []bool{false, false, false}},
		{"portrait", 1500, 2500, 1229, 2048, []int{320, 640, 1229}, []int{533, 1066, 2048}, []bool{false, false, true}},
		{"small photo is never enlarged", 500, 300, 500, 300, []int{320, 500, 500}, []int{192, 300, 300}, []bool{false, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := photo.Process(phototest.JPEG(phototest.Image(tt.w, tt.h)))
			if err != nil {
				t.Fatal(err)
			}
			if b := decode(t, p.Full).Bounds(); b.Dx() != tt.fullW || b.Dy() != tt.fullH {
				t.Fatalf("full size %v", b)
			}
			if len(p.Copies) != len(photo.Widths) {
				t.Fatalf("%d copies", len(p.Copies))
			}
			for i, c := range p.Copies {
				b := decode(t, c.Data).Bounds()
				if c.Width != photo.Widths[i] || b.Dx() != tt.copyW[i] || b.Dy() != tt.copyH[i] ||
					bytes.Equal(c.Data, p.Full) != tt.sharedWithFull[i] {
					t.Errorf("copy %d: width %d, %v", photo.Widths[i], c.Width, b)
				}
			}
		})
	}
}

func TestProcessFormats(t *testing.T) {
	img := phototest.Image(60, 30)
	fromJPEG, err := photo.Process(phototest.JPEG(img))
	if err != nil {
		t.Fatal(err)
	}
	fromPNG, err := photo.Process(phototest.PNG(img))
	if err != nil {
		t.Fatal(err)
	}
	if b := decode(t, fromPNG.Full).Bounds(); b.Dx() != 60 || b.Dy() != 30 {
		t.Fatalf("png: %v", b)
	}
	// A transparent pixel is shown on white, as a page would.
	fromWebP, err := photo.Process(phototest.WebP)
	if err != nil {
		t.Fatal(err)
	}
	if c := decode(t, fromWebP.Full).At(0, 0); !near(c, color.RGBA{255, 255, 255, 255}) {
		t.Fatalf("transparent webp pixel is %v", c)
	}

	// The name is the content's: the same photo twice is one name, another is another.
	again, _ := photo.Process(phototest.JPEG(img))
	if !regexp.MustCompile(`^[0-9a-f]{32}\.jpg$`).MatchString(fromJPEG.Name()) || again.Name() != fromJPEG.Name() ||
		fromPNG.Name() == fromJPEG.Name() {
		t.Fatalf("names %s %s %s", fromJPEG.Name(), again.Name(), fromPNG.Name())
	}
	if got := photo.CopyName(fromJPEG.Name(), 640); got != fromJPEG.Name()[:32]+"-640.jpg" {
		t.Fatalf("CopyName = %s", got)
	}
}

func TestProcessRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"text", []byte("not a photo"), photo.ErrUnsupported},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), photo.ErrUnsupported},
		{"20000×20000", phototest.PNGBomb(20_000, 20_000), photo.ErrTooLarge},
		{"wider than 12000", phototest.PNGBomb(12_001, 10), photo.ErrTooLarge},
		{"over 50 megapixels", phototest.PNGBomb(10_000, 5_001), photo.ErrTooLarge},
		{"header of a small image, no data", phototest.PNGBomb(100, 100), photo.ErrDamaged},
		{"truncated jpeg", truncated(phototest.JPEG(phototest.Image(640, 640))), photo.ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := photo.Process(tt.data); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// A bomb is refused from its header: nothing near its pixels' size is allocated.
	bomb := phototest.PNGBomb(20_000, 20_000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	photo.Process(bomb)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Fatalf("refusing a bomb allocated %d bytes", n)
	}
}

// BenchmarkProcess processes a 12-megapixel camera photo (4000×3000 JPEG):
// decode, shrink to 2048, turn, encode, and three copies.
func BenchmarkProcess(b *testing.B) {
	data := phototest.WithExif(phototest.JPEG(phototest.Image(4000, 3000)), 6)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := photo.Process(data); err != nil {
			b.Fatal(err)
		}
	}
}

// truncated returns the first half of data.
func truncated(data []byte) []byte { return data[:len(data)/2] }
