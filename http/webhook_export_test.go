package http

import (
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// Internal helpers exposed to the external tests of this package.
var (
	DecodeFonntePayload  = decodeFonntePayload
	WhatsAppConnectionOf = whatsappConnectionOf
)

// IssueToken signs an admin token for u on t, so tests need no password
// round trip (bcrypt) to act as a user.
func (s *Server) IssueToken(t *tenants.Tenant, u *store.User) (string, error) {
	token, _, err := s.issueToken(t, u)
	return token, err
}
