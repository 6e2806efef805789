package whatsapp_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/autoleads/autoleads/whatsapp"
)

func TestClient_Send(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		id        string
		reason    string
		temporary bool
	}{
		{"success", 200, `{"status":true,"id":["80367170"],"process":"pending"}`, "80367170", "", false},
		{"numeric id", 200, `{"status":true,"id":[80367170]}`, "80367170", "", false},
		{"success without id", 200, `{"status":true}`, "", "", false},
		{"refused with reason", 200, `{"status":false,"reason":"token invalid"}`, "", "Fonnte refused the message: token invalid", false},
		{"refused with detail", 200, `{"status":false,"detail":"quota habis"}`, "", "Fonnte refused the message: quota habis", false},
		{"refused without reason", 200, `{"status":false}`, "", "Fonnte refused the message without a reason", false},
		{"not JSON", 200, `<html>maintenance</html>`, "", "WhatsApp gateway gave an answer that is not JSON", true},
		{"server error", 500, `{"status":false}`, "", "WhatsApp gateway answered HTTP 500", true},
		{"rate limited", 429, ``, "", "WhatsApp gateway answered HTTP 429", true},
		{"client error", 401, `{"status":false,"reason":"unknown user"}`, "", "WhatsApp gateway answered HTTP 401: unknown user", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeFonnte(t, func(int) (int, string) { return tt.status, tt.body })
			c := whatsapp.NewClient(fake.URL+"/", 5*time.Second)
			id, err := c.Send(context.Background(), whatsapp.SendRequest{Token: "tok", Target: "6281234567890", Message: "hi"})
			var serr *whatsapp.SendError
			if tt.reason == "" {
				if err != nil || id != tt.id {
					t.Fatalf("Send = %q, %v; want %q", id, err, tt.id)
				}
				return
			}
			if !errors.As(err, &serr) || whatsapp.FailureReason(err) != tt.reason || serr.Temporary != tt.temporary {
				t.Fatalf("err = %#v, want reason %q temporary %v", err, tt.reason, tt.temporary)
			}
		})
	}
	t.Run("timeout is temporary", func(t *testing.T) {
		fake := newFakeFonnte(t, okAnswer)
		_, release := fake.hold(t, "tok")
		defer release()
		_, err := whatsapp.NewClient(fake.URL, 50*time.Millisecond).Send(context.Background(),
			whatsapp.SendRequest{Token: "tok", Target: "62812", Message: "hi"})
		var serr *whatsapp.SendError
		if !errors.As(err, &serr) || !serr.Temporary || whatsapp.FailureReason(err) != "WhatsApp gateway timed out" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("network error is temporary", func(t *testing.T) {
		fake := newFakeFonnte(t, okAnswer)
		fake.Close()
		_, err := whatsapp.NewClient(fake.URL, time.Second).Send(context.Background(), whatsapp.SendRequest{Target: "62812"})
		var serr *whatsapp.SendError
		if !errors.As(err, &serr) || !serr.Temporary || whatsapp.FailureReason(err) != "WhatsApp gateway unreachable" {
			t.Fatalf("err = %v", err)
		}
	})
}
