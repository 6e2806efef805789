package photo

import "image"

// orient returns img turned by an EXIF orientation (1 to 8) so it shows as
// the camera was held. Orientations 5 to 8 swap width and height.
func orient(img *image.RGBA, orientation int) *image.RGBA {
	if orientation < 2 || orientation > 8 {
		return img
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	dw, dh := w, h
	if orientation >= 5 {
		dw, dh = h, w
	}
	// source returns the pixel of img shown at (x, y) of the result.
	source := func(x, y int) (int, int) {
		switch orientation {
		case 2: // mirrored
			return w - 1 - x, y
		case 3: // upside down
			return w - 1 - x, h - 1 - y
		case 4: // mirrored upside down
			return x, h - 1 - y
		case 5: // mirrored, turned a quarter left
			return y, x
		case 6: // turned a quarter right to be upright
			return y, h - 1 - x
		case 7: // mirrored, turned a quarter right
			return w - 1 - y, h - 1 - x
		default: // 8: turned a quarter left to be upright
			return w - 1 - y, x
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		row := dst.Pix[y*dst.Stride:]
		for x := range dw {
			sx, sy := source(x, y)
			copy(row[x*4:x*4+4], img.Pix[sy*img.Stride+sx*4:])
		}
	}
	return dst
}
