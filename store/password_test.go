package store_test

import (
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name, password, want string // want: a fragment of the refusal, "" for accepted
	}{
		{"eight letters", "password", ""},
		{"72 bytes", strings.Repeat("x", 72), ""},
		{"inner spaces", "kata sandi rahasia", ""},
		{"leading and trailing spaces", "  rahasia-1  ", ""},
		{"eight multi-byte characters", "ééééééé1", ""},
		{"Indonesian and emoji", "sandi🚗mobil", ""},
		{"empty", "", "at least 8 characters"},
		{"seven letters", "passwor", "at least 8 characters"},
		{"four 2-byte characters are 8 bytes", "éééé", "at least 8 characters"},
		{"73 bytes", strings.Repeat("x", 73), "at most 72 bytes"},
		{"72 bytes plus a multi-byte character", strings.Repeat("x", 71) + "é", "at most 72 bytes"},
		{"ten spaces", strings.Repeat(" ", 10), "only spaces"},
		{"tabs and spaces", " \t \t \t \t \t", "control characters"},
		{"ideographic spaces", strings.Repeat("\u3000", 8), "only spaces"},
		{"ten NUL bytes", strings.Repeat("\x00", 10), "control characters"},
		{"NUL inside", "password\x00123", "control characters"},
		{"escape sequence", "pass\x1b[31mword", "control characters"},
		{"DEL", "password\x7f", "control characters"},
		{"C1 control", "password\u0085", "control characters"},
		{"line break", "password\n123", "control characters"},
		{"bidi override", "password\u202e123", "control characters"},
		{"invalid UTF-8", "password\xff\xfe", "valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := store.ValidatePassword(tt.password)
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("ValidatePassword(%q) = %q, want %q", tt.password, got, tt.want)
			}
		})
	}
}
