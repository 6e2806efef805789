// Package http is AutoLeads' HTTP server: routing, middleware, the JSON
// envelope and one handler file per resource. Every tenant-scoped handler is
// handed the tenant the request's host resolved to and that tenant's store,
// and can reach no other.
package http

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/julienschmidt/httprouter"

	"github.com/autoleads/autoleads/http/ratelimit"
	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/tenants"
)

// Config is everything the server needs, passed explicitly by cmd.
type Config struct {
	Registry *tenants.Registry
	Pool     *tenants.Pool
	Logger   *slog.Logger
	Version  string

	// CORSOrigins are the origins allowed to call the API from a browser.
	CORSOrigins []string
	// TrustTenantHeader lets X-Tenant-Domain override Host (behind a proxy).
	TrustTenantHeader bool
	// TrustedProxies are the peers whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// JWTSecret signs admin tokens; TokenTTL is their lifetime.
	JWTSecret []byte
	TokenTTL  time.Duration
	// TLSAskSecret, when set, is what the proxy sends to the TLS ask
	// endpoint (tls_ask.go); unset, only a loopback peer may ask.
	TLSAskSecret string
	// PublicURL, when set, is the base of the webhook URLs shown to dealers.
	PublicURL string
	// AccessLog logs one line per request.
	AccessLog bool
	// RateLimits override DefaultRateLimits per class; NoRateLimit turns
	// every limit off (benchmarks, or a fronting proxy that limits).
	RateLimits  map[string]ratelimit.Limit
	NoRateLimit bool
	// MaxInflightPerTenant caps one showroom's concurrent requests in each lane
	// (default DefaultMaxInflightPerTenant).
	MaxInflightPerTenant int
	// ResponseCacheBytes bounds the public catalogue's response cache
	// (0: DefaultResponseCacheBytes; negative: no cache).
	ResponseCacheBytes int64
	// MaxStreamsPerTenant caps one showroom's open live-update streams of
	// the dashboard (default DefaultMaxStreamsPerTenant).
	MaxStreamsPerTenant int
	// OutboxNotify, when set, is told the slug of a showroom that has just
	// queued an outgoing WhatsApp message, so the sender wakes at once.
	OutboxNotify func(slug string)
}

// Server is the HTTP server of one data directory.
type Server struct {
	cfg       Config
	reg       *tenants.Registry
	pool      *tenants.Pool
	log       *slog.Logger
	accessLog bool
	started   time.Time
	router    *routeTable
	limiters  map[string]*ratelimit.Limiter
	inflight  *inflight
	cache     *respCache // nil when off
	pageFills pageFills
	web       *web.Web
	live      *liveHub

	openapiOnce sync.Once
	openapi     []byte
	handler     http.Handler
	srv         *http.Server
}

// Timeouts of the listening server: a client that trickles its headers or
// body is cut off, and idle keep-alive connections are reaped.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second // photo uploads of 10 MiB on slow links
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 64 << 10
)

// NewServer builds the server and its routes.
func NewServer(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = 7 * 24 * time.Hour
	}
	s := &Server{cfg: cfg, reg: cfg.Registry, pool: cfg.Pool, log: cfg.Logger,
		accessLog: cfg.AccessLog, started: time.Now(), limiters: newLimiters(cfg),
		inflight: newInflight(cfg.MaxInflightPerTenant),
		live:     newLiveHub(cfg.MaxStreamsPerTenant)}
	if cfg.ResponseCacheBytes >= 0 && cfg.Registry != nil && cfg.Pool != nil {
		if cfg.ResponseCacheBytes == 0 {
			cfg.ResponseCacheBytes = DefaultResponseCacheBytes
		}
		s.cache = newRespCache(cfg.ResponseCacheBytes)
	}
	w, err := web.New()
	if err != nil {
		// The templates and assets are built in: only a broken build
		// can fail here, and its tests fail first.
		panic(err)
	}
	s.web = w
	s.router = s.routes()
	s.handler = s.observe(recoverPanic(securityHeaders(s.cors(s.router))))
	return s
}

// Changed tells the server of a committed write to a showroom's data; it
// subscribes to the pool's change feed (tenants.Pool.Changes), so the
// catalogue's response cache drops what the write made stale and the
// dashboard's open pages of the showroom hear of it.
func (s *Server) Changed(c tenants.Change) {
	if s.cache != nil {
		s.cache.changed(c)
	}
	s.live.changed(c)
}

// ServeHTTP makes the server an http.Handler (tests drive it with httptest).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	err := s.srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for in-flight requests
// until ctx ends. The dashboard's live streams, which would never finish,
// end at once: their browsers reconnect to the next server.
func (s *Server) Shutdown(ctx context.Context) error {
	s.live.close()
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

// routes registers every route. Each resource file registers its own.
func (s *Server) routes() *routeTable {
	r := &routeTable{Router: httprouter.New()}
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	// OPTIONS without a CORS preflight (those are answered before routing)
	// lists the path's methods in Allow.
	r.GlobalOPTIONS = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	r.NotFound = s.notFound()
	r.MethodNotAllowed = methodNotAllowedHandler()
	s.registerPlatformRoutes(r)
	s.registerTenantRoutes(r)
	s.registerAuthRoutes(r)
	s.registerUserRoutes(r)
	s.registerShowroomRoutes(r)
	s.registerLogoRoutes(r)
	s.registerOpenAPIRoutes(r)
	s.registerLeadRoutes(r)
	s.registerInquiryRoutes(r)
	s.registerCarRoutes(r)
	s.registerCarAdminRoutes(r)
	s.registerPhotoRoutes(r)
	s.registerUploadRoutes(r)
	s.registerWebhookRoutes(r)
	s.registerLeadMessageRoutes(r)
	s.registerQuickReplyRoutes(r)
	s.registerSiteRoutes(r)
	s.registerDeskRoutes(r)
	s.registerDeskLiveRoutes(r)
	return r
}
