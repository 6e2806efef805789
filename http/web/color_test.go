package web

import "testing"

func TestReadableBrand(t *testing.T) {
	for _, tc := range []struct {
		in   string
		same bool // already readable: unchanged
	}{
		{"#FF5722", false}, // the default orange: 3.2:1 against white
		{"#FFFF00", false}, // yellow
		{"#FFFFFF", false}, // white on white
		{"#000000", true},
		{"#0B5394", true},
		{"#C2410C", true},
	} {
		got := ReadableBrand(tc.in)
		r, g, b, ok := parseHex(got)
		if !ok {
			t.Fatalf("%s → %q is no colour", tc.in, got)
		}
		if c := contrast(1, luminance(r, g, b)); c < minBrandContrast {
			t.Errorf("%s → %s: contrast %.2f against white", tc.in, got, c)
		}
		if (got == tc.in) != tc.same {
			t.Errorf("%s → %s: changed %v, want %v", tc.in, got, got != tc.in, !tc.same)
		}
	}
	if got := ReadableBrand("not a colour"); got != "not a colour" {
		t.Errorf("unparsable colour changed: %q", got)
	}
}
