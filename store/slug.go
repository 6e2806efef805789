package store

import (
	"strconv"
	"unicode"
)

// MaxSlugLen is the longest slug Slugify and SlugWithSuffix return, in bytes.
// Slugs are ASCII, so bytes and characters coincide; the cap keeps URLs and
// the unique index on cars.slug bounded whatever a dealer types as a model.
const MaxSlugLen = 200

// foldTable maps U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A) to lower-case ASCII. Showroom data is mostly Indonesian and
// European brand names, so these two blocks cover what dealers type; a hand
// table keeps the module free of golang.org/x/text. An empty entry (× and ÷)
// means "not a letter, drop it".
var foldTable = [0x180 - 0xC0]string{
	// U+00C0 À Á Â Ã Ä Å Æ Ç
	"a", "a", "a", "a", "a", "a", "ae", "c",
	// U+00C8 È É Ê Ë Ì Í Î Ï
	"e", "e", "e", "e", "i", "i", "i", "i",
	// U+00D0 Ð Ñ Ò Ó Ô Õ Ö ×
	"d", "n", "o", "o", "o", "o", "o", "",
	// U+00D8 Ø Ù Ú Û Ü Ý Þ ß
	"o", "u", "u", "u", "u", "y", "th", "ss",
	// U+00E0 à á â ã ä å æ ç
	"a", "a", "a", "a", "a", "a", "ae", "c",
	// U+00E8 è é ê ë ì í î ï
	"e", "e", "e", "e", "i", "i", "i", "i",
	// U+00F0 ð ñ ò ó ô õ ö ÷
	"d", "n", "o", "o", "o", "o", "o", "",
	// U+00F8 ø ù ú û ü ý þ ÿ
	"o", "u", "u", "u", "u", "y", "th", "y",
	// U+0100 Ā ā Ă ă Ą ą Ć ć
	"a", "a", "a", "a", "a", "a", "c", "c",
	// U+0108 Ĉ ĉ Ċ ċ Č č Ď ď
	"c", "c", "c", "c", "c", "c", "d", "d",
	// U+0110 Đ đ Ē ē Ĕ ĕ Ė ė
	"d", "d", "e", "e", "e", "e", "e", "e",
	// U+0118 Ę ę Ě ě Ĝ ĝ Ğ ğ
	"e", "e", "e", "e", "g", "g", "g", "g",
	// U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ
	"g", "g", "g", "g", "h", "h", "h", "h",
	// U+0128 Ĩ ĩ Ī ī Ĭ ĭ Į į
	"i", "i", "i", "i", "i", "i", "i", "i",
	// U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ
	"i", "i", "ij", "ij", "j", "j", "k", "k",
	// U+0138 ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
	"k", "l", "l", "l", "l", "l", "l", "l",
	// U+0140 ŀ Ł ł Ń ń Ņ ņ Ň
	"l", "l", "l", "n", "n", "n", "n", "n",
	// U+0148 ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
	"n", "n", "n", "n", "o", "o", "o", "o",
	// U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ
	"o", "o", "oe", "oe", "r", "r", "r", "r",
	// U+0158 Ř ř Ś ś Ŝ ŝ Ş ş
	"r", "r", "s", "s", "s", "s", "s", "s",
	// U+0160 Š š Ţ ţ Ť ť Ŧ ŧ
	"s", "s", "t", "t", "t", "t", "t", "t",
	// U+0168 Ũ ũ Ū ū Ŭ ŭ Ů ů
	"u", "u", "u", "u", "u", "u", "u", "u",
	// U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ
	"u", "u", "u", "u", "w", "w", "y", "y",
	// U+0178 Ÿ Ź ź Ż ż Ž ž ſ
	"y", "z", "z", "z", "z", "z", "z", "s",
}

// foldLatin returns the lower-case ASCII spelling of a non-ASCII letter, or
// "" for a rune the slug must drop: symbols, and letters outside the fold
// table, which cannot be spelled in ASCII without a transliteration library.
func foldLatin(r rune) string {
	switch {
	case r == 'ª': // feminine ordinal, a letter: compatibility form of "a"
		return "a"
	case r == 'º': // masculine ordinal, a letter: compatibility form of "o"
		return "o"
	case 0xC0 <= r && r < 0x180:
		return foldTable[r-0xC0]
	}
	return ""
}

// Slugify turns free text into a URL slug (docs/rules.md, Slugs and public names): `&` reads as "and",
// diacritics fold to ASCII (Škoda → skoda), every other character that is not
// a letter, digit, `_`, space or `-` is removed (so "1.5" becomes "15", not
// "1-5"), runs of spaces and dashes become one `-`, and the result is
// lower-case, trimmed of `-` and at most MaxSlugLen bytes. It returns "" when
// nothing sluggable is left. Slugify is idempotent: a slug maps to itself,
// which is what lets a car keep its slug when an update changes nothing.
func Slugify(s string) string {
	b := make([]byte, 0, min(len(s)+8, MaxSlugLen+8))
	sep := false // a separator is pending; written only before the next word
	word := func() {
		if sep && len(b) > 0 {
			b = append(b, '-')
		}
		sep = false
	}
	for _, r := range s {
		if len(b) > MaxSlugLen {
			break // the rest would be cut anyway
		}
		switch {
		case r == '-' || unicode.IsSpace(r):
			sep = true
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_':
			word()
			b = append(b, byte(r))
		case 'A' <= r && r <= 'Z':
			word()
			b = append(b, byte(r-'A'+'a'))
		case r == '&':
			sep = true
			word()
			b = append(b, "and"...)
			sep = true
		default:
			if w := foldLatin(r); w != "" {
				word()
				b = append(b, w...)
			}
		}
	}
	return cutSlug(string(b), MaxSlugLen)
}

// cutSlug shortens an ASCII slug to at most n bytes and trims the dash a cut
// may leave at the end, so the result is still a well-formed slug.
func cutSlug(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	for len(s) > 0 && s[len(s)-1] == '-' {
		s = s[:len(s)-1]
	}
	return s
}

// CarSlugBase returns the slug a car would have if no other car held it:
// the slug of its public name (brand model year color displayCode). Callers
// resolve collisions with SlugWithSuffix.
func CarSlugBase(brand, model string, year int, color, displayCode string) string {
	return Slugify(PublicName(brand, model, year, color, displayCode))
}

// SlugWithSuffix returns the n-th candidate for a slug whose base is taken:
// base itself for n <= 1, then base-2, base-3, … The base is cut, never the
// suffix, so candidates stay distinct and within MaxSlugLen. An empty base
// yields the bare number, since "-2" would not be a valid slug.
func SlugWithSuffix(base string, n int) string {
	if n <= 1 {
		return cutSlug(base, MaxSlugLen)
	}
	suffix := strconv.Itoa(n)
	base = cutSlug(base, MaxSlugLen-len(suffix)-1)
	if base == "" {
		return suffix
	}
	return base + "-" + suffix
}
