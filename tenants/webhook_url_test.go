package tenants_test

import (
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

func TestTenant_WebhookURL(t *testing.T) {
	const token = "abc_DEF-123"
	tests := []struct {
		name      string
		hosts     []string
		token     string
		publicURL string
		want      string
	}{
		{"public URL wins", []string{"dealer.example.com"}, token, "https://app.autoleads.id",
			"https://app.autoleads.id/webhook/fonnte/showroom-a?token=abc_DEF-123"},
		{"public URL trailing slash", nil, token, "https://app.autoleads.id/",
			"https://app.autoleads.id/webhook/fonnte/showroom-a?token=abc_DEF-123"},
		{"first public host", []string{"dealer.example.com", "showroom-a.autoleads.id"}, token, "",
			"https://dealer.example.com/webhook/fonnte?token=abc_DEF-123"},
		{"local hosts skipped", []string{"127.0.0.1", "localhost", "showroom-a.localhost", "showroom-a.autoleads.id"}, token, "",
			"https://showroom-a.autoleads.id/webhook/fonnte?token=abc_DEF-123"},
		{"only local hosts", []string{"127.0.0.1", "localhost", "showroom-a.localhost"}, token, "",
			"http://127.0.0.1:8080/webhook/fonnte?token=abc_DEF-123"},
		{"only localhost", []string{"localhost"}, token, "",
			"http://localhost:8080/webhook/fonnte?token=abc_DEF-123"},
		{"ipv6 loopback is local", []string{"[::1]"}, token, "",
			"http://[::1]:8080/webhook/fonnte?token=abc_DEF-123"},
		{"no hosts", nil, token, "",
			"/webhook/fonnte/showroom-a?token=abc_DEF-123"},
		{"token query-escaped", []string{"dealer.example.com"}, "a+b/c=d&e f", "",
			"https://dealer.example.com/webhook/fonnte?token=a%2Bb%2Fc%3Dd%26e+f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := &tenants.Tenant{Slug: "showroom-a", WebhookToken: tt.token, Hosts: tt.hosts}
			if got := tn.WebhookURL(tt.publicURL); got != tt.want {
				t.Fatalf("WebhookURL(%q) = %q, want %q", tt.publicURL, got, tt.want)
			}
		})
	}
}
