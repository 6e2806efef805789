// Package phototest builds the photos tests upload: real images with a
// known layout, camera metadata spliced in, and a decompression bomb.
package phototest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Colours of Image's corner blocks, and of the rest.
var (
	TopLeft     = color.RGBA{R: 220, G: 20, B: 20, A: 255}
	BottomRight = color.RGBA{R: 20, G: 20, B: 220, A: 255}
	Background  = color.RGBA{R: 128, G: 128, B: 128, A: 255}
)

// Image returns a w×h image: a TopLeft block in its top-left quarter, a
// BottomRight block in its bottom-right quarter, Background elsewhere.
// Blocks this big survive JPEG and resizing, so a test can tell where a
// corner went.
func Image(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := Background
			switch {
			case x < w/2 && y < h/2:
				c = TopLeft
			case x >= w/2 && y >= h/2:
				c = BottomRight
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// JPEG encodes img as a JPEG.
func JPEG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// PNG encodes img as a PNG.
func PNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// GPSMarker is in the GPS data WithExif adds: a test looks for it in what
// is served.
const GPSMarker = "GPS-7.2575S-112.7521E"

// WithExif returns a JPEG with an APP1 Exif segment spliced in after SOI,
// as a phone camera writes: a little-endian TIFF whose IFD0 holds
// Orientation = orientation and a pointer to a GPS IFD, whose
// GPSLatitudeRef is "S" and GPSProcessingMethod holds GPSMarker.
func WithExif(jpg []byte, orientation int) []byte {
	le := binary.LittleEndian
	tiff := []byte("II*\x00")
	tiff = le.AppendUint32(tiff, 8)
	// IFD0 at 8: two entries and no next IFD.
	const gpsIFD = 8 + 2 + 2*12 + 4
	tiff = le.AppendUint16(tiff, 2)
	tiff = appendEntry(tiff, 0x0112, 3, 1, uint32(orientation)) // Orientation, SHORT
	tiff = appendEntry(tiff, 0x8825, 4, 1, gpsIFD)              // GPSInfo IFD pointer, LONG
	tiff = le.AppendUint32(tiff, 0)
	// The GPS IFD: GPSLatitudeRef "S" inline, GPSProcessingMethod after it.
	const method = gpsIFD + 2 + 2*12 + 4
	tiff = le.AppendUint16(tiff, 2)
	tiff = appendEntry(tiff, 0x0001, 2, 2, uint32('S'))
	tiff = appendEntry(tiff, 0x001B, 7, uint32(len(GPSMarker)), method)
	tiff = le.AppendUint32(tiff, 0)
	tiff = append(tiff, GPSMarker...)

	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1}
	app1 = binary.BigEndian.AppendUint16(app1, uint16(len(seg)+2))
	app1 = append(app1, seg...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, app1...)
	return append(out, jpg[2:]...)
}

// appendEntry appends a little-endian IFD entry whose value (or offset)
// is value.
func appendEntry(b []byte, tag, typ uint16, count, value uint32) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(b, tag)
	b = le.AppendUint16(b, typ)
	b = le.AppendUint32(b, count)
	return le.AppendUint32(b, value)
}

// PNGBomb returns a PNG whose header claims w×h pixels but which holds only
// a tiny, truncated image data chunk: enough for image.DecodeConfig, and
// gigabytes for anyone who decodes it.
func PNGBomb(w, h int) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	b = appendChunk(b, "IHDR", ihdr)
	b = appendChunk(b, "IDAT", []byte{0x78, 0x9c, 0x62, 0x00, 0x00})
	return appendChunk(b, "IEND", nil)
}

func appendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// WebP is a 1×1 lossless WebP whose one pixel is fully transparent.
var WebP = []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
