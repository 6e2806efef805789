package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxRefusalLen bounds how many characters of Fonnte's own reason staff see.
const maxRefusalLen = 200

// failureReason is what staff are told of a failed send, stored in the
// message's metadata and shown with the lead's conversation. It is a fixed
// phrase, or Fonnte's own reason for a refusal, sanitised: never the error's
// text, which names the gateway's address and is only logged.
func failureReason(err error) string {
	var serr *SendError
	if !errors.As(err, &serr) {
		serr = &SendError{Err: err}
	}
	refusal := plainText(serr.Refusal)
	switch {
	case errors.Is(serr.Err, errNotJSON):
		return "WhatsApp gateway gave an answer that is not JSON"
	case isTimeout(serr.Err):
		return "WhatsApp gateway timed out"
	case serr.Err != nil:
		return "WhatsApp gateway unreachable"
	case serr.Status >= 300 && refusal != "":
		return fmt.Sprintf("WhatsApp gateway answered HTTP %d: %s", serr.Status, refusal)
	case serr.Status >= 300:
		return fmt.Sprintf("WhatsApp gateway answered HTTP %d", serr.Status)
	case refusal != "":
		return "Fonnte refused the message: " + refusal
	}
	return "Fonnte refused the message without a reason"
}

// isTimeout reports whether err is a call that ran out of time.
func isTimeout(err error) bool {
	var nerr net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &nerr) && nerr.Timeout())
}

// plainText is s on one line, without control characters or invalid UTF-8,
// cut to maxRefusalLen characters.
func plainText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return -1
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxRefusalLen {
		return s
	}
	return string([]rune(s)[:maxRefusalLen-1]) + "…"
}
