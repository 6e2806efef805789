package tenants_test

import (
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

func TestTenant_WebhookURL(t *testing.T) {
	tests := []struct {
		name, publicURL string
		hosts           []string
		want            string
	}{
		{"public URL picks the slug form", "https://wa.autoleads.id/", []string{"dealer.example"},
			"https://wa.autoleads.id/webhook/fonnte/surabaya?token=tok_-1"},
		{"reachable host over https", "", []string{"127.0.0.1", "localhost", "surabaya.autoleads.id"},
			"https://surabaya.autoleads.id/webhook/fonnte?token=tok_-1"},
		{"only local hosts", "", []string{"localhost", "surabaya.localhost"},
			"http://localhost/webhook/fonnte?token=tok_-1"},
		{"no host", "", nil, "/webhook/fonnte/surabaya?token=tok_-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := &tenants.Tenant{Slug: "surabaya", WebhookToken: "tok_-1", Hosts: tt.hosts}
			if got := tn.WebhookURL(tt.publicURL); got != tt.want {
				t.Fatalf("WebhookURL = %q, want %q", got, tt.want)
			}
		})
	}
}
