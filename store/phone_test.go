package store_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string // want "" means invalid
	}{
		// The examples of docs/rules.md, and more.
		{"0812-3456-7890", "+6281234567890"},
		{"6281987654321", "+6281987654321"},
		{"+62 812 3456 7890", "+6281234567890"},
		{"(0812) 3456.7890", "+6281234567890"},

		// Separators and surrounding whitespace.
		{"  081234567890  ", "+6281234567890"},
		{"0812 3456 7890", "+6281234567890"},
		{"+62-812-3456-7890", "+6281234567890"},
		{"+62 (812) 3456-7890", "+6281234567890"},
		{"0812\t3456\u00a07890", "+6281234567890"},
		{"021-555-1234", "+62215551234"},

		// WhatsApp JIDs as Fonnte sends them.
		{"6281234567890@s.whatsapp.net", "+6281234567890"},
		{"6281234567890@c.us", "+6281234567890"},
		{"6281234567890@S.WhatsApp.Net", "+6281234567890"},
		{"6281234567890@g.us", ""}, // a group is not a person
		{"6281234567890@broadcast", ""},

		// Indonesian length bounds: +62 and 8..13 digits.
		{"+6281234567", "+6281234567"},           // 8 after 62
		{"+628123456", ""},                       // 7 after 62
		{"+628123456789012", "+628123456789012"}, // 13 after 62
		{"+6281234567890123", ""},                // 14 after 62
		{"081234567", "+6281234567"},             // 0 + 8 digits
		{"08123456", ""},                         // 0 + 7 digits
		{"0812345678901234", ""},                 // 0 + 15 digits

		// Foreign numbers: "+" and 9..15 digits.
		{"+14155552671", "+14155552671"},
		{"+44 20 7946 0958", "+442079460958"},
		{"+123456789", "+123456789"},             // 9 digits
		{"+12345678", ""},                        // 8 digits
		{"+123456789012345", "+123456789012345"}, // 15 digits
		{"+1234567890123456", ""},                // 16 digits

		// No country code can start with 0, no Indonesian subscriber number
		// either: these are typos, not numbers to guess.
		{"+0812345678901", ""},
		{"+62 0812 3456 7890", ""},
		{"0062812345678", ""},

		// Garbage.
		{"", ""},
		{"   ", ""},
		{"+", ""},
		{"0", ""},
		{"62", ""},
		{"abc", ""},
		{"0812-3456-78ab", ""},
		{"0812/3456/7890", ""},
		{"++6281234567890", ""},
		{"+62+81234567890", ""},
		{"81234567890", ""},    // no prefix at all: not a documented spelling
		{"1 415 555 2671", ""}, // foreign numbers need "+"
		{"٠٨١٢٣٤٥٦٧٨٩٠", ""},   // Arabic-Indic digits
		{"0812３４５６７８９０", ""},   // full-width digits
		{"@s.whatsapp.net", ""},
	}
	for _, tt := range tests {
		got, err := store.NormalizePhone(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("NormalizePhone(%q) = %q, want error", tt.in, got)
				continue
			}
			if code := store.ErrorCode(err); code != store.EINVALID {
				t.Errorf("NormalizePhone(%q) error code = %q, want %q", tt.in, code, store.EINVALID)
			}
			if msg := store.ErrorMessage(err); msg != "Invalid phone number format" {
				t.Errorf("NormalizePhone(%q) error message = %q, want %q", tt.in, msg, "Invalid phone number format")
			}
			if got != "" {
				t.Errorf("NormalizePhone(%q) = %q with an error, want \"\"", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("NormalizePhone(%q) error = %v, want %q", tt.in, err, tt.want)
			continue
		}
		if got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhoneDigits(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"+6281234567890", "6281234567890"},
		{"+14155552671", "14155552671"},
		{"6281234567890", "6281234567890"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := store.PhoneDigits(tt.in); got != tt.want {
			t.Errorf("PhoneDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhoneNormalizeWhatsAppNumber(t *testing.T) {
	tests := []struct {
		in, want string // want "" means invalid
	}{
		{"0812-3456-7890", "6281234567890"},
		{"6281234567890", "6281234567890"},
		{"+62 812 3456 7890", "6281234567890"},
		{"6281234567890@s.whatsapp.net", "6281234567890"},
		{"+14155552671", "14155552671"},
		{"14155552671", "14155552671"},
		{"", ""},
		{"62812", ""},
		{"0812", ""},
		{"not a number", ""},
	}
	for _, tt := range tests {
		got, err := store.NormalizeWhatsAppNumber(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("NormalizeWhatsAppNumber(%q) = %q, want error", tt.in, got)
			} else if code := store.ErrorCode(err); code != store.EINVALID {
				t.Errorf("NormalizeWhatsAppNumber(%q) error code = %q, want %q", tt.in, code, store.EINVALID)
			}
			continue
		}
		if err != nil {
			t.Errorf("NormalizeWhatsAppNumber(%q) error = %v, want %q", tt.in, err, tt.want)
			continue
		}
		if got != tt.want {
			t.Errorf("NormalizeWhatsAppNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// e164Pattern is the shape of every normalised phone number.
var e164Pattern = regexp.MustCompile(`^\+[0-9]{9,15}$`)

func FuzzNormalizePhone(f *testing.F) {
	for _, seed := range []string{
		"0812-3456-7890",
		"6281987654321",
		"+62 812 3456 7890",
		"(0812) 3456.7890",
		"6281234567890@s.whatsapp.net",
		"+14155552671",
		"+628123456",
		"",
		"abc",
		strings.Repeat("0", 40),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := store.NormalizePhone(in)
		if err != nil {
			if got != "" {
				t.Fatalf("NormalizePhone(%q) = %q with error %v", in, got, err)
			}
			if code := store.ErrorCode(err); code != store.EINVALID {
				t.Fatalf("NormalizePhone(%q) error code = %q, want %q", in, code, store.EINVALID)
			}
			return
		}
		if !e164Pattern.MatchString(got) {
			t.Fatalf("NormalizePhone(%q) = %q, not E.164", in, got)
		}
		again, err := store.NormalizePhone(got)
		if err != nil || again != got {
			t.Fatalf("NormalizePhone(%q) = %q, %v; want %q, nil", got, again, err, got)
		}
	})
}
