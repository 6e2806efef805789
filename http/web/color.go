package web

import (
	"fmt"
	"math"
	"strconv"
)

// minBrandContrast is the contrast a showroom's colour keeps against white
// once made readable: WCAG's 4.5:1 for body text, with room for the page's
// off-white background.
const minBrandContrast = 4.8

// ReadableBrand returns a showroom's colour ("#RRGGBB") darkened just enough
// that white text on it, and it as text on the page's light background,
// are readable (WCAG AA). Dealers pick bright colours — the default orange
// has 3.2:1 against white — and keep their hue this way. A colour that
// cannot be parsed comes back as it was.
func ReadableBrand(hex string) string {
	r, g, b, ok := parseHex(hex)
	if !ok {
		return hex
	}
	for range 60 {
		if contrast(1, luminance(r, g, b)) >= minBrandContrast {
			break
		}
		r, g, b = r*0.95, g*0.95, b*0.95
	}
	return fmt.Sprintf("#%02X%02X%02X", int(math.Round(r*255)), int(math.Round(g*255)), int(math.Round(b*255)))
}

func parseHex(hex string) (r, g, b float64, ok bool) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, true
}

// luminance is WCAG's relative luminance of an sRGB colour.
func luminance(r, g, b float64) float64 {
	lin := func(c float64) float64 {
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG's contrast ratio of two luminances.
func contrast(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}
