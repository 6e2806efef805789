package store_test

import (
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// FuzzNormalizeWhatsAppNumber checks the normaliser the webhook's device
// check and the sender's target rely on: it agrees with NormalizePhone (the
// same number, without "+"), an Indonesian number keeps 8..13 national
// digits, and the digits read back with a "+" give the same number. FuzzNormalizePhone covers NormalizePhone itself.
func FuzzNormalizeWhatsAppNumber(f *testing.F) {
	for _, s := range []string{"0812-3456-789", "628123456789", "6281234567890@s.whatsapp.net", "6281234567890@c.us",
		"120363025246125888@g.us", "status@broadcast", "123456789012345@lid", "+1 415 555 2671", "0062812", "+", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		wa, waErr := store.NormalizeWhatsAppNumber(raw)
		e164, err := store.NormalizePhone(raw)
		if (err == nil) != (waErr == nil) || (err == nil && "+"+wa != e164) {
			t.Fatalf("NormalizeWhatsAppNumber(%q) = %q, %v; NormalizePhone = %q, %v", raw, wa, waErr, e164, err)
		}
		if waErr != nil {
			return
		}
		if national, ok := strings.CutPrefix(wa, "62"); ok && (len(national) < 8 || len(national) > 13) {
			t.Fatalf("NormalizeWhatsAppNumber(%q) = %q: Indonesian number of %d digits", raw, wa, len(national))
		}
		// Digits alone name a country only for "62…"; with a "+" any number
		// comes back as itself.
		if again, err := store.NormalizeWhatsAppNumber("+" + wa); err != nil || again != wa {
			t.Fatalf("NormalizeWhatsAppNumber(%q) = %q, %v: no round trip", "+"+wa, again, err)
		}
	})
}
