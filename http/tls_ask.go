package http

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// TLSAskPath is where Caddy's on-demand TLS asks whether it may get a
// certificate for a host (on_demand_tls { ask … }, docs/operations.md,
// Behind a reverse proxy). Caddy adds ?domain=HOST and takes any 2xx as yes.
const TLSAskPath = "/internal/tls-ask"

// MinTLSAskSecretLen is the shortest secret serve accepts for the ask
// endpoint: it stands in for the loopback check, so it must not be guessable.
const MinTLSAskSecretLen = 16

type tlsAskAnswer struct {
	Domain string `json:"domain"`
}

// handleTLSAsk answers 200 for a host of a showroom this node may serve now
// — a moving one included, since its hosts stay served through the move and
// a certificate refused then would break them — and 4xx otherwise: 404 for
// a host no showroom has, 403 for a suspended or expired showroom, so
// nobody can make the proxy request certificates for names that are not
// ours (certificate authorities rate-limit every account).
func (s *Server) handleTLSAsk(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if !s.tlsAskAllowed(r) {
		Error(w, r, store.Errorf(store.EFORBIDDEN, "Only the proxy may ask for certificates"))
		return
	}
	domain := tenants.NormalizeHost(r.URL.Query().Get("domain"))
	if domain == "" {
		Error(w, r, store.Errorf(store.EBADREQUEST, "Query parameter domain is required"))
		return
	}
	t, err := s.reg.Resolve(domain)
	if err != nil {
		Error(w, r, store.Errorf(store.ENOTFOUND, "No showroom is served on this host"))
		return
	}
	if err := t.Access(s.reg.Now()); err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusOK, tlsAskAnswer{Domain: domain})
}

// tlsAskAllowed reports whether r comes from the proxy. With a secret
// configured, the caller must send it (?secret=, in the ask URL: Caddy keeps
// the URL's query and adds domain), from any address — the proxy of several
// nodes is another machine. Without one, only a loopback peer is believed,
// by the TCP address, never a header; and a loopback request that carries a
// proxy's forwarding headers is a visitor's request relayed by the local
// proxy, not the proxy's own question, so it is refused too.
func (s *Server) tlsAskAllowed(r *http.Request) bool {
	if s.cfg.TLSAskSecret != "" {
		got := sha256.Sum256([]byte(r.URL.Query().Get("secret")))
		want := sha256.Sum256([]byte(s.cfg.TLSAskSecret))
		return subtle.ConstantTimeCompare(got[:], want[:]) == 1
	}
	if !remoteAddr(r.RemoteAddr).IsLoopback() {
		return false
	}
	for _, h := range []string{"X-Forwarded-For", "X-Forwarded-Host", "Forwarded", "Via"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	return true
}
