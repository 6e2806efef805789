package photo

import (
	"bytes"
	"fmt"
	"image/png"
)

// LogoSide caps the long side of a stored logo: the website's header shows
// it at 40 px, and 512 px stays sharp on any screen and as a sharing image.
const LogoSide = 512

// ProcessLogo turns an uploaded showroom logo (JPEG, PNG or WebP) into an
// upright PNG without metadata, at most LogoSide px on its long side. A
// logo, unlike a car photo, keeps its transparency: it sits on the
// website's coloured header. PNG keeps it and is small for the few flat
// colours of a logo. It checks and decodes as Process does, with its errors.
func ProcessLogo(data []byte) ([]byte, error) {
	src, orientation, err := decode(data)
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	w, h := fit(b.Dx(), b.Dy(), LogoSide)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, orient(shrink(src, w, h, false), orientation)); err != nil {
		return nil, fmt.Errorf("encode logo: %w", err)
	}
	return buf.Bytes(), nil
}

// LogoNameOf is the stored name of a processed logo's bytes: 32 hex digits
// of their SHA-256, and .png, so it never points at different bytes.
func LogoNameOf(logo []byte) string { return hashName(logo, ".png") }
