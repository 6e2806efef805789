package whatsapp_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/whatsapp"
)

// timeoutError is a network error that ran out of time.
type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestFailureReason(t *testing.T) {
	const gateway = "http://10.0.0.7:8080/send"
	refused := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 7), Port: 8080},
		Err: os.NewSyscallError("connect", errors.New("connection refused"))}
	long := strings.Repeat("kuota ", 100)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"connection refused", &whatsapp.SendError{Temporary: true, Err: &url.Error{Op: "Post", URL: gateway, Err: refused}},
			"WhatsApp gateway unreachable"},
		{"network timeout", &whatsapp.SendError{Temporary: true, Err: &url.Error{Op: "Post", URL: gateway, Err: timeoutError{}}},
			"WhatsApp gateway timed out"},
		{"deadline", &whatsapp.SendError{Temporary: true, Err: fmt.Errorf("reading the answer: %w", context.DeadlineExceeded)},
			"WhatsApp gateway timed out"},
		{"not a send error", fmt.Errorf("Post %q: %w", gateway, refused), "WhatsApp gateway unreachable"},
		{"server error", &whatsapp.SendError{Temporary: true, Status: 502}, "WhatsApp gateway answered HTTP 502"},
		{"client error with reason", &whatsapp.SendError{Status: 401, Refusal: "unknown user"},
			"WhatsApp gateway answered HTTP 401: unknown user"},
		{"refusal", &whatsapp.SendError{Status: 200, Refusal: "target invalid"}, "Fonnte refused the message: target invalid"},
		{"refusal on several lines", &whatsapp.SendError{Status: 200, Refusal: " device\r\n\tdisconnected\x00\u202e "},
			"Fonnte refused the message: device disconnected"},
		{"refusal not UTF-8", &whatsapp.SendError{Status: 200, Refusal: "quota \xff\xfehabis"}, "Fonnte refused the message: quota habis"},
		{"long refusal", &whatsapp.SendError{Status: 200, Refusal: long},
			"Fonnte refused the message: " + strings.Repeat("kuota ", 33) + "k…"},
		{"refusal without reason", &whatsapp.SendError{Status: 200}, "Fonnte refused the message without a reason"},
		{"refusal of blanks", &whatsapp.SendError{Status: 200, Refusal: " \n "}, "Fonnte refused the message without a reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := whatsapp.FailureReason(tt.err); got != tt.want {
				t.Fatalf("FailureReason(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}
