package store

import (
	"strings"
	"unicode"
)

// Phone numbers are stored in exactly one format, E.164 ("+6281234567890"),
// so the open-lead-per-phone index sees one customer as one number whether
// the number came from the web form ("0812-3456-7890") or from a WhatsApp
// webhook ("6281234567890@s.whatsapp.net"). The old system stored both
// spellings and rejected separators (docs/rules.md, Phone numbers).

// whatsAppSuffixes are the JID domains that mark a personal WhatsApp chat;
// Fonnte and WhatsApp Web clients send senders in these forms.
var whatsAppSuffixes = [...]string{"@s.whatsapp.net", "@c.us"}

// errInvalidPhone is the documented message (docs/rules.md), shown to the client as is.
const errInvalidPhone = "Invalid phone number format"

// NormalizePhone returns raw as an E.164 number (docs/rules.md, Phone numbers): spaces, dashes,
// dots and parentheses are removed, a WhatsApp JID suffix is stripped, a
// national "0…" or a bare "62…" becomes "+62…", and the result must be "+"
// and 9..15 digits — for Indonesia, "+62" and 8..13 digits. A number with a
// leading 0 after the "+" or the "+62" is rejected: no country code and no
// Indonesian subscriber number starts with 0, so "+62 0812…" or "0062…" are
// typos whose intended number cannot be guessed safely. Returns EINVALID
// with "Invalid phone number format" otherwise.
func NormalizePhone(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	for _, suffix := range whatsAppSuffixes {
		if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
			s = s[:len(s)-len(suffix)]
			break
		}
	}
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '(' || r == ')' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)

	switch {
	case strings.HasPrefix(s, "+"):
	case strings.HasPrefix(s, "0"):
		s = "+62" + s[1:]
	case strings.HasPrefix(s, "62"):
		s = "+" + s
	default:
		return "", Errorf(EINVALID, errInvalidPhone)
	}
	if !validE164(s) {
		return "", Errorf(EINVALID, errInvalidPhone)
	}
	return s, nil
}

// validE164 reports whether s is "+", a non-zero digit, and 9..15 digits in
// all, with an Indonesian ("+62") number carrying 8..13 digits after the
// country code, the range of Indonesian mobile and landline numbers.
func validE164(s string) bool {
	digits := s[1:]
	if s[0] != '+' || len(digits) < 9 || len(digits) > 15 || digits[0] == '0' {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	if national, ok := strings.CutPrefix(digits, "62"); ok {
		return len(national) >= 8 && len(national) <= 13 && national[0] != '0'
	}
	return true
}

// PhoneDigits returns an E.164 number without its "+", the "62…" form the
// Fonnte API expects as a send target and sends as a device number.
func PhoneDigits(e164 string) string {
	return strings.TrimPrefix(e164, "+")
}

// NormalizeWhatsAppNumber returns raw in the digits-only "62…" form Fonnte
// uses, applying the rules of NormalizePhone. It is used for numbers compared
// with Fonnte's `device` field, such as the tenant's WhatsApp number, so one
// device matches however the dealer typed it. In that digits-only form a
// number always carries its country code, so bare digits not starting with
// 0 are read as international: the function accepts its own output, foreign
// numbers included. Returns EINVALID like NormalizePhone.
func NormalizeWhatsAppNumber(raw string) (string, error) {
	if s := strings.TrimSpace(raw); s != "" && s[0] != '0' && strings.Trim(s, "0123456789") == "" {
		raw = "+" + s
	}
	e164, err := NormalizePhone(raw)
	if err != nil {
		return "", err
	}
	return PhoneDigits(e164), nil
}
