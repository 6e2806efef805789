package photo_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/autoleads/autoleads/tenants/photo"
	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

// app1 returns a JPEG of SOI, an APP1 segment holding payload, and EOI.
func app1(payload []byte) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)+2))
	return append(append(b, payload...), 0xFF, 0xD9)
}

// bigEndianTIFF is an Exif payload in Motorola byte order with one IFD0
// entry: Orientation = 3.
var bigEndianTIFF = []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x03\x00\x00\x00\x00\x00\x00")

func TestOrientation(t *testing.T) {
	plain := phototest.JPEG(phototest.Image(8, 4))
	withApp0 := append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00}, phototest.WithExif(plain, 8)[2:]...)
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"no exif", plain, 1},
		{"orientation 6 with GPS", phototest.WithExif(plain, 6), 6},
		{"orientation 8 after an APP0", withApp0, 8},
		{"big-endian", app1(bigEndianTIFF), 3},
		{"orientation 0 is out of range", phototest.WithExif(plain, 0), 1},
		{"orientation 9 is out of range", phototest.WithExif(plain, 9), 1},
		{"not a JPEG", []byte("\x89PNG\r\n\x1a\n"), 1},
		{"empty", nil, 1},
		{"SOI only", []byte{0xFF, 0xD8}, 1},
		{"segment longer than the file", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'E', 'x'}, 1},
		{"segment length below 2", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01, 0, 0}, 1},
		{"APP1 that is not Exif", app1([]byte("http://ns.adobe.com/xap/1.0/\x00<x/>")), 1},
		{"bad byte order", app1([]byte("Exif\x00\x00XX\x2a\x00\x08\x00\x00\x00")), 1},
		{"bad magic", app1([]byte("Exif\x00\x00II\x2b\x00\x08\x00\x00\x00")), 1},
		{"IFD offset past the end", app1([]byte("Exif\x00\x00II\x2a\x00\xff\xff\x00\x00")), 1},
		{"IFD offset inside the header", app1([]byte("Exif\x00\x00II\x2a\x00\x02\x00\x00\x00")), 1},
		{"entry count past the end", app1([]byte("Exif\x00\x00II\x2a\x00\x08\x00\x00\x00\x09\x00")), 1},
		{"orientation of type LONG", app1([]byte("Exif\x00\x00II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x04\x00\x01\x00\x00\x00\x06\x00\x00\x00")), 1},
		{"orientation with count 2", app1([]byte("Exif\x00\x00II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x02\x00\x00\x00\x06\x00\x06\x00")), 1},
		{"exif after the image data is not read", append([]byte{0xFF, 0xD8, 0xFF, 0xDA}, app1(bigEndianTIFF)[2:]...), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := photo.Orientation(tt.data); got != tt.want {
				t.Fatalf("Orientation = %d, want %d", got, tt.want)
			}
		})
	}
}

func FuzzOrientation(f *testing.F) {
	plain := phototest.JPEG(phototest.Image(8, 4))
	f.Add(plain)
	f.Add(phototest.WithExif(plain, 6))
	f.Add(app1(bigEndianTIFF))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xE1, 0x00, 0x08, 'E', 'x', 'i', 'f', 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		before := bytes.Clone(data)
		if o := photo.Orientation(data); o < 1 || o > 8 {
			t.Fatalf("Orientation = %d", o)
		}
		if !bytes.Equal(before, data) {
			t.Fatal("Orientation changed its input")
		}
	})
}
