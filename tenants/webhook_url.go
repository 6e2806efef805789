package tenants

import (
	"net/netip"
	"net/url"
	"strings"
)

// WebhookURL is the URL a dealer pastes into Fonnte's device settings, with
// the showroom's webhook token. With a public base URL (the operator's one
// domain fronting many showrooms, `serve --public-url`) it is the slug form
// <base>/webhook/fonnte/<slug>?token=…, which works whatever that domain
// is. Without one it is the showroom's own host: the first that the
// internet can reach (not localhost or an IP address) over https, else its
// first host over http. A showroom with no host gets the bare path.
func (t *Tenant) WebhookURL(publicURL string) string {
	query := "?token=" + url.QueryEscape(t.WebhookToken)
	if base := strings.TrimRight(strings.TrimSpace(publicURL), "/"); base != "" {
		return base + "/webhook/fonnte/" + t.Slug + query
	}
	for _, h := range t.Hosts {
		if !localHost(h) {
			return "https://" + h + "/webhook/fonnte" + query
		}
	}
	if len(t.Hosts) > 0 {
		return "http://" + t.Hosts[0] + "/webhook/fonnte" + query
	}
	return "/webhook/fonnte/" + t.Slug + query
}

// localHost reports whether h names this machine or a bare IP address,
// which Fonnte's servers cannot reach by name.
func localHost(h string) bool {
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	_, err := netip.ParseAddr(strings.Trim(h, "[]"))
	return err == nil
}
