package http

import (
	"errors"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// Fixed JWT claims of admin tokens.
const (
	tokenIssuer   = "autoleads"
	tokenAudience = "autoleads-admin"
)

// adminClaims are the claims of an admin token (docs/api.md, Authentication). TenantID ties a
// token to one registration of the slug: a showroom deleted and created
// again under the same slug starts its user ids and token versions afresh,
// and must not accept the old showroom's tokens. UserKey ties it to one
// user: the key is random and never reused, so neither a user id held by
// someone else nor a restored old copy of the database can pass it.
type adminClaims struct {
	TenantSlug string `json:"tid"`
	TenantID   int64  `json:"tenantId"`
	UserKey    string `json:"ukey"`
	Role       string `json:"role"`
	Version    int64  `json:"ver"`
	jwt.RegisteredClaims
}

// issueToken signs a token for u on tenant t, returning it and its expiry.
func (s *Server) issueToken(t *tenants.Tenant, u *store.User) (string, time.Time, error) {
	now := time.Now()
	exp := now.Add(s.cfg.TokenTTL).Truncate(time.Second)
	claims := adminClaims{
		TenantSlug: t.Slug,
		TenantID:   t.ID,
		UserKey:    u.TokenKey,
		Role:       u.Role,
		Version:    u.TokenVersion,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   strconv.FormatInt(u.ID, 10),
			Issuer:    tokenIssuer,
			Audience:  jwt.ClaimStrings{tokenAudience},
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.cfg.JWTSecret)
	return signed, exp, err
}

// tokenParser accepts only HS256 tokens of our issuer and audience that
// carry an expiry; "none", RS256 and every other algorithm are refused.
var tokenParser = jwt.NewParser(
	jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
	jwt.WithIssuer(tokenIssuer),
	jwt.WithAudience(tokenAudience),
	jwt.WithExpirationRequired(),
	jwt.WithIssuedAt(),
	jwt.WithLeeway(30*time.Second),
)

// parseToken verifies a token's signature and claims. It does not check
// the user or tenant; authenticate does. Errors: EUNAUTHORIZED.
func (s *Server) parseToken(raw string) (*adminClaims, error) {
	var claims adminClaims
	_, err := tokenParser.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) {
		return s.cfg.JWTSecret, nil
	})
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			return nil, store.Errorf(store.EUNAUTHORIZED, "Token has expired")
		}
		return nil, store.Errorf(store.EUNAUTHORIZED, "Invalid token")
	}
	return &claims, nil
}
