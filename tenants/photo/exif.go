package photo

import "encoding/binary"

// Orientation returns the EXIF orientation (1 to 8) a JPEG's APP1 Exif
// segment records, or 1 (upright) when there is none or it cannot be read.
// Cameras store a photo as the sensor saw it and record how to turn it;
// the re-encoded photo drops that record, so the turn must be applied.
//
// Only what reaching IFD0's Orientation tag needs is parsed: the JPEG
// segments before the image data, the TIFF header and IFD0's entries. Every
// offset is checked against the segment, so malformed input is 1, never a
// panic.
func Orientation(jpeg []byte) int {
	tiff := exifTIFF(jpeg)
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := int64(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return 1
	}
	count := int64(order.Uint16(tiff[ifd:]))
	for i := range count {
		entry := ifd + 2 + i*12
		if entry+12 > int64(len(tiff)) {
			return 1
		}
		e := tiff[entry : entry+12]
		const tagOrientation, typeShort = 0x0112, 3
		if order.Uint16(e) != tagOrientation {
			continue
		}
		if order.Uint16(e[2:]) != typeShort || order.Uint32(e[4:]) != 1 {
			return 1
		}
		if o := int(order.Uint16(e[8:])); o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// exifTIFF returns the TIFF data of a JPEG's first APP1 Exif segment, or
// nil. It walks the marker segments from SOI up to the start of the image
// data (SOS), after which no metadata segment comes.
func exifTIFF(b []byte) []byte {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	const exifHeader = "Exif\x00\x00"
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return nil
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			i++
			continue
		case marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			i += 2 // markers without a length
			continue
		case marker == 0xDA || marker == 0xD9: // start of scan, end of image
			return nil
		}
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		if size < 2 || i+2+size > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+size]
		if marker == 0xE1 && len(seg) >= len(exifHeader) && string(seg[:len(exifHeader)]) == exifHeader {
			return seg[len(exifHeader):]
		}
		i += 2 + size
	}
	return nil
}
