package tenants

import (
	"net/url"
	"strings"
)

// WebhookURL is the address a dealer pastes into Fonnte's device settings,
// with the tenant's webhook token in the query.
//
// With publicURL (the server's public base, e.g. https://app.autoleads.id)
// it is the slug form <publicURL>/webhook/fonnte/<slug>?token=…, which works
// whatever host Fonnte calls. Otherwise it is https://<host>/webhook/fonnte
// on the tenant's first public host; a tenant reachable only on local hosts
// (localhost, 127.0.0.1, *.localhost) gets http://<host>:8080/…, the
// default listen port, for local testing. A tenant without any host gets the
// relative slug form, which still names the path to put behind a domain.
func (t *Tenant) WebhookURL(publicURL string) string {
	query := "?token=" + url.QueryEscape(t.WebhookToken)
	if publicURL = strings.TrimRight(strings.TrimSpace(publicURL), "/"); publicURL != "" {
		return publicURL + "/webhook/fonnte/" + t.Slug + query
	}
	for _, h := range t.Hosts {
		if !isLocalHost(h) {
			return "https://" + h + "/webhook/fonnte" + query
		}
	}
	if len(t.Hosts) > 0 {
		return "http://" + t.Hosts[0] + ":8080/webhook/fonnte" + query
	}
	return "/webhook/fonnte/" + t.Slug + query
}

// isLocalHost reports whether a (normalised) host only reaches this machine,
// so Fonnte's servers could never call it.
func isLocalHost(h string) bool {
	return h == "localhost" || h == "127.0.0.1" || h == "[::1]" || strings.HasSuffix(h, ".localhost")
}
