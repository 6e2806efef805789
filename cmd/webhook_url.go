package cmd

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/autoleads/autoleads/tenants"
)

// webhookURL is the address a dealer pastes into Fonnte: with a public base
// URL, the slug form that works when one domain fronts every showroom;
// otherwise the showroom's first public host over HTTPS, or a local host over
// plain HTTP on the default port when it has only local ones.
func webhookURL(t *tenants.Tenant, publicURL string) string {
	token := url.QueryEscape(t.WebhookToken)
	if publicURL != "" {
		return strings.TrimRight(publicURL, "/") + "/webhook/fonnte/" + t.Slug + "?token=" + token
	}
	for _, h := range t.Hosts {
		if !isLocalHost(h) {
			return "https://" + h + "/webhook/fonnte?token=" + token
		}
	}
	host := "localhost"
	if len(t.Hosts) > 0 {
		host = t.Hosts[0]
	}
	return "http://" + net.JoinHostPort(strings.Trim(host, "[]"), "8080") + "/webhook/fonnte?token=" + token
}

// isLocalHost reports whether a host only reaches this machine or a private
// network, where Fonnte's servers cannot deliver.
func isLocalHost(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || strings.HasSuffix(h, ".local") ||
		strings.HasSuffix(h, ".test") {
		return true
	}
	ip := net.ParseIP(strings.Trim(h, "[]"))
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast())
}

// checkHostArgs refuses a host given as a URL ("https://x/y") or with a path:
// the registry would otherwise read "https:" as a host with a port.
func checkHostArgs(hosts ...string) error {
	for _, h := range hosts {
		if strings.Contains(h, "/") || strings.ContainsAny(h, " \t") {
			return fmt.Errorf("invalid host %q: give a bare host name such as mobilmalang.co.id, without scheme or path", h)
		}
	}
	return nil
}
