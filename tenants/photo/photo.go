// Package photo turns an uploaded car photo into what a showroom serves: an
// upright JPEG without metadata (no EXIF, no GPS: a customer-facing photo
// must not tell where it was taken), capped in size, plus narrower copies
// for pages on small screens, all named by the content.
//
// It is pure image work, knowing no package of ours: the http upload and the
// command that reprocesses older photos both call it, and tenants.Uploads
// stores what it makes. It lives below tenants because what it decides (the
// files and names of an uploads directory) is what tenants.Uploads owns.
package photo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // registers PNG with image.Decode
	"strconv"
	"strings"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers WebP with image.Decode
)

// Limits of a photo's pixels, read from its header before it is decoded: a
// small file can claim a huge image (a "decompression bomb"), and decoding
// 50 megapixels already takes about 200 MB.
const (
	MaxSide   = 12_000
	MaxPixels = 50_000_000
)

// FullSide caps the long side of the stored full-size photo: wider than any
// page shows, and a fraction of a phone camera's 4000 px.
const FullSide = 2048

// Widths are the widths of the resized copies, for a page's srcset.
var Widths = []int{320, 640, 1280}

// quality is the JPEG quality of every stored photo: no visible loss on a
// car, about a tenth of a camera's file.
const quality = 82

// kernel resizes. Measured on a 12-megapixel photo (BenchmarkProcess), the
// approximate bilinear kernel takes 0.35 s and 55 MB where Catmull-Rom takes
// 1.2 s and 400 MB (its two passes keep an intermediate image of float64s).
// Bilinear blurs into aliasing when shrinking more than twofold, so
// shrink halves first: a halving samples between four pixels, their
// average.
var kernel = draw.ApproxBiLinear

// Errors of Process.
var (
	ErrUnsupported = errors.New("photo is not a JPEG, PNG or WebP image")
	ErrTooLarge    = errors.New("photo has too many pixels")
	ErrDamaged     = errors.New("photo's image data is damaged")
)

// Processed is a photo ready to store.
type Processed struct {
	Full          []byte // the upright JPEG, at most FullSide px on its long side
	Width, Height int    // of Full
	Copies        []Copy // one per Widths, in that order
}

// Copy is a resized copy of a photo. A photo is never enlarged: the copy of
// a width the photo does not reach holds the full-size photo.
type Copy struct {
	Width int // the width it was made for, one of Widths
	Data  []byte
}

// Name is the stored name of the photo: NameOf(p.Full).
func (p *Processed) Name() string { return NameOf(p.Full) }

// NameOf is the name of a processed photo's bytes: 32 hex digits of their
// SHA-256, and .jpg. The same photo always gets the same name, so a name
// never points at different bytes and may be cached forever; a stored photo
// whose name is NameOf its bytes has been processed.
func NameOf(full []byte) string { return hashName(full, ".jpg") }

// hashName is 32 hex digits of data's SHA-256, then ext.
func hashName(data []byte, ext string) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16]) + ext
}

// CopyName is the name of the copy of the photo name at width, e.g.
// "<hash>-640.jpg".
func CopyName(name string, width int) string {
	return strings.TrimSuffix(name, ".jpg") + "-" + strconv.Itoa(width) + ".jpg"
}

// Process decodes a JPEG, PNG or WebP photo, turns it upright by its EXIF
// orientation, flattens transparency on white, shrinks it to FullSide and
// makes its copies, all re-encoded as JPEG without metadata. The header is
// checked against MaxSide and MaxPixels before any pixel is decoded.
// Errors: ErrUnsupported, ErrTooLarge, ErrDamaged (wrapped with details).
func Process(data []byte) (*Processed, error) {
	src, orientation, err := decode(data)
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	// Shrink first and turn the smaller image: the same result for less work.
	w, h := fit(b.Dx(), b.Dy(), FullSide)
	full := orient(shrink(src, w, h, true), orientation)
	p := &Processed{Width: full.Bounds().Dx(), Height: full.Bounds().Dy()}
	if p.Full, err = encode(full); err != nil {
		return nil, err
	}
	// The widest copy first, each from the last: 1280 → 640 → 320 are halvings.
	p.Copies = make([]Copy, len(Widths))
	from := image.Image(full)
	for i := len(Widths) - 1; i >= 0; i-- {
		cw := Widths[i]
		c := Copy{Width: cw, Data: p.Full}
		if cw < p.Width {
			img := shrink(from, cw, scaled(p.Height, cw, p.Width), true)
			if c.Data, err = encode(img); err != nil {
				return nil, err
			}
			from = img
		}
		p.Copies[i] = c
	}
	return p, nil
}

// decode decodes a JPEG, PNG or WebP image after checking its header
// against MaxSide and MaxPixels, and returns it with its EXIF orientation
// (1 but for a JPEG that says otherwise).
// Errors: ErrUnsupported, ErrTooLarge, ErrDamaged (wrapped with details).
func decode(data []byte) (image.Image, int, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png" && format != "webp") {
		return nil, 0, ErrUnsupported
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, 0, fmt.Errorf("%w: %d×%d", ErrTooLarge, cfg.Width, cfg.Height)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if src.Bounds().Empty() {
		return nil, 0, ErrDamaged
	}
	orientation := 1
	if format == "jpeg" {
		orientation = Orientation(data)
	}
	return src, orientation, nil
}

// fit returns w×h shrunk, keeping its shape, so its long side is at most
// max. It is never enlarged.
func fit(w, h, max int) (int, int) {
	switch {
	case w >= h && w > max:
		return max, scaled(h, max, w)
	case h > w && h > max:
		return scaled(w, max, h), max
	}
	return w, h
}

// scaled returns n×num/den rounded, at least 1.
func scaled(n, num, den int) int {
	return max(1, (n*num+den/2)/den)
}

// shrink returns src shrunk to w×h, halving it while it is more than
// twice that; on white where src is transparent if onWhite, else keeping
// its transparency.
func shrink(src image.Image, w, h int, onWhite bool) *image.RGBA {
	for b := src.Bounds(); b.Dx() > 2*w && b.Dy() > 2*h; b = src.Bounds() {
		src = scale(src, (b.Dx()+1)/2, (b.Dy()+1)/2, onWhite)
	}
	return scale(src, w, h, onWhite)
}

// scale draws src into a new w×h image. On white where src is transparent
// if onWhite, so JPEG (which has no transparency) shows it as a page would.
func scale(src image.Image, w, h int, onWhite bool) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	op := draw.Src
	if o, ok := src.(interface{ Opaque() bool }); onWhite && (!ok || !o.Opaque()) {
		draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
		op = draw.Over
	}
	b := src.Bounds()
	if b.Dx() == w && b.Dy() == h {
		draw.Draw(dst, dst.Bounds(), src, b.Min, op)
	} else {
		kernel.Scale(dst, dst.Bounds(), src, b, op, nil)
	}
	return dst
}

// encode encodes img as a JPEG: image/jpeg writes no metadata segment.
func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("encode photo: %w", err)
	}
	return buf.Bytes(), nil
}
