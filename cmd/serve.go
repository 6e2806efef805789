package cmd

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/backup"
	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/http/ratelimit"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/whatsapp"
)

// serveOptions are the flags of `autoleads serve`.
type serveOptions struct {
	addr              string
	demo              bool
	corsOrigins       []string
	trustedProxies    []string
	trustTenantHeader bool
	fonnteURL         string
	fonnteMinInterval time.Duration
	tokenTTL          time.Duration
	maxOpenTenants    int
	durability        string
	publicURL         string
	tlsAskSecret      string
	logFormat         string
	accessLog         bool
	shutdownTimeout   time.Duration
	rates             map[string]*string
	noRateLimit       bool
	maxInflight       int
	maxStreams        int
}

func newServeCommand(g *globals) *cobra.Command {
	o := &serveOptions{}
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the API for every registered showroom",
		Long: `Serve migrates the registry and opens the HTTP server. Each request's Host picks
the showroom; tenant databases open on first use. SIGINT or SIGTERM stop it
gracefully: in-flight requests finish, the dashboard's live-update streams
end at once, and every database closes cleanly.`,
		Example: `  autoleads serve --demo
  autoleads serve --addr :8080 --cors-origins https://dashboard.example.com
  AUTOLEADS_JWT_SECRET=$(openssl rand -hex 32) autoleads serve --trusted-proxies 127.0.0.1/32`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runServe(c.Context(), g, o) },
	}
	f := c.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.BoolVar(&o.demo, "demo", false, "create the demo showroom first when it is missing")
	f.StringSliceVar(&o.corsOrigins, "cors-origins", nil, "origins allowed to call the API from a browser (comma-separated)")
	f.StringSliceVar(&o.trustedProxies, "trusted-proxies", nil, "CIDRs of proxies whose X-Forwarded-For is trusted")
	f.BoolVar(&o.trustTenantHeader, "trust-tenant-header", false, "let X-Tenant-Domain override Host (behind a proxy that sets it)")
	f.StringVar(&o.fonnteURL, "fonnte-url", whatsapp.DefaultBaseURL, "base URL of the Fonnte API")
	f.DurationVar(&o.fonnteMinInterval, "fonnte-min-interval", 2*time.Second, "at most one WhatsApp message per showroom per interval")
	f.DurationVar(&o.tokenTTL, "token-ttl", 7*24*time.Hour, "lifetime of admin tokens")
	f.IntVar(&o.maxOpenTenants, "max-open-tenants", tenants.DefaultMaxOpen, "tenant databases kept open at most while idle")
	f.StringVar(&o.durability, "durability", "normal", "normal (WAL, synchronous=NORMAL) or full (fsync every commit)")
	f.StringVar(&o.publicURL, "public-url", g.getenv("AUTOLEADS_PUBLIC_URL"), "public base URL shown in webhook URLs (env AUTOLEADS_PUBLIC_URL)")
	f.StringVar(&o.tlsAskSecret, "tls-ask-secret", g.getenv("AUTOLEADS_TLS_ASK_SECRET"),
		"secret the proxy sends to "+apphttp.TLSAskPath+" (env AUTOLEADS_TLS_ASK_SECRET, preferred: flags show in the process list); unset, only loopback may ask")
	f.StringVar(&o.logFormat, "log-format", "auto", "auto, json or text")
	f.BoolVar(&o.accessLog, "access-log", false, "log one line per request")
	f.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 30*time.Second, "how long in-flight requests may take to finish on shutdown")
	f.IntVar(&o.maxInflight, "max-inflight-per-tenant", apphttp.DefaultMaxInflightPerTenant, "requests one showroom may have in progress at once, in each lane (public; staff and webhook)")
	f.IntVar(&o.maxStreams, "max-streams-per-tenant", apphttp.DefaultMaxStreamsPerTenant, "live-update streams of the dashboard one showroom may have open at once")
	f.BoolVar(&o.noRateLimit, "no-rate-limit", false, "turn every rate limit off (benchmarks, or a proxy that limits)")
	o.rates = map[string]*string{}
	for class, l := range apphttp.DefaultRateLimits() {
		o.rates[class] = f.String("rate-"+class, l.String(), "rate limit of class "+class+" as N/period")
	}
	return c
}

// serveConfig is what the flags of serve parse into.
type serveConfig struct {
	log        *slog.Logger
	durability sqldb.Durability
	proxies    []netip.Prefix
	rates      map[string]ratelimit.Limit
}

// parse checks every flag before anything is opened, so a typo stops serve
// at once with one line, not later, request after request.
func (o *serveOptions) parse(g *globals) (*serveConfig, error) {
	var c serveConfig
	var err error
	if c.log, err = newLogger(g, o.logFormat); err != nil {
		return nil, err
	}
	if c.durability, err = sqldb.ParseDurability(o.durability); err != nil {
		return nil, err
	}
	if c.proxies, err = parsePrefixes(o.trustedProxies); err != nil {
		return nil, err
	}
	if c.rates, err = parseRates(o.rates); err != nil {
		return nil, err
	}
	if err := checkFonnteFlags(o); err != nil {
		return nil, err
	}
	if o.tlsAskSecret != "" && len(o.tlsAskSecret) < apphttp.MinTLSAskSecretLen {
		return nil, fmt.Errorf("--tls-ask-secret (AUTOLEADS_TLS_ASK_SECRET) must be at least %d bytes long", apphttp.MinTLSAskSecretLen)
	}
	return &c, nil
}

// otherWritersPoll is how often the files of open showroom databases are
// compared, to hear of writes by other processes.
const otherWritersPoll = time.Second

func runServe(ctx context.Context, g *globals, o *serveOptions) error {
	cfg, err := o.parse(g)
	if err != nil {
		return err
	}
	log := cfg.log
	reg, err := g.openRegistry(ctx, tenants.Options{Durability: cfg.durability, MaxOpen: o.maxOpenTenants, Logger: log})
	if err != nil {
		return err
	}
	defer reg.Close()
	// An import that died before its showroom was registered leaves no
	// half showroom behind this server, a delete that died no files.
	if err := backup.CleanImports(ctx, reg); err != nil {
		return fmt.Errorf("clean up an interrupted import: %w", err)
	}
	if err := reg.Layout.RemoveDeleted(); err != nil {
		return fmt.Errorf("clean up an interrupted delete: %w", err)
	}
	secret, err := jwtSecret(ctx, g, reg)
	if err != nil {
		return err
	}
	pool := tenants.NewPool(reg)
	defer pool.Close()

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	if o.demo {
		if err := ensureDemo(ctx, g, reg, ln.Addr().String()); err != nil {
			ln.Close()
			return err
		}
	}
	sender := whatsapp.NewSender(reg, pool, whatsapp.Options{BaseURL: o.fonnteURL,
		MinInterval: o.fonnteMinInterval, Logger: log})
	srv := apphttp.NewServer(apphttp.Config{
		Registry: reg, Pool: pool, Logger: log, Version: Version,
		CORSOrigins: o.corsOrigins, TrustTenantHeader: o.trustTenantHeader, TrustedProxies: cfg.proxies,
		JWTSecret: secret, TokenTTL: o.tokenTTL, PublicURL: o.publicURL, TLSAskSecret: o.tlsAskSecret, AccessLog: o.accessLog,
		RateLimits: cfg.rates, NoRateLimit: o.noRateLimit, MaxInflightPerTenant: o.maxInflight,
		MaxStreamsPerTenant: o.maxStreams,
		OutboxNotify:        sender.Notify,
	})

	// The WhatsApp sender uses tenant databases: it must stop (finishing the
	// sends under way) before the pool closes them.
	senderCtx, cancelSender := context.WithCancel(ctx)
	senderDone := make(chan struct{})
	go func() { sender.Run(senderCtx); close(senderDone) }()
	stopSender := func() { cancelSender(); <-senderDone }
	defer stopSender()

	// Every committed write to a showroom's data reaches the change feed's
	// subscribers: at once from this process, within a second from another
	// (autoleads seed, a second server), as the pool's watch of the files
	// finds it. The subscribers:
	//   - the catalogue's response cache, which drops what a write made stale;
	//   - the dashboard's live streams, which tell open pages to refresh.
	changes := pool.Changes()
	defer changes.Subscribe(srv.Changed)()

	// The watchers end before the registry and the pool close: the
	// registry's holds a connection, which must close first so the last
	// connection checkpoints the WAL.
	watchCtx, stopWatch := context.WithCancel(context.Background())
	var watchers sync.WaitGroup
	watchers.Go(func() { reg.Watch(watchCtx) })
	watchers.Go(func() { pool.WatchOtherWriters(watchCtx, otherWritersPoll) })
	defer func() { stopWatch(); watchers.Wait() }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", "http://"+ln.Addr().String(), "dataDir", g.dataDir,
		"tenants", reg.Count(), "version", Version)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", o.shutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		log.Warn("shutdown", "error", err)
	}
	stopSender()
	if err := pool.Close(); err != nil {
		log.Warn("close tenant databases", "error", err)
	}
	log.Info("stopped")
	return nil
}

// checkFonnteFlags refuses a Fonnte URL or interval that would only fail
// later, message after message, long after the operator has looked away.
func checkFonnteFlags(o *serveOptions) error {
	if u, err := url.Parse(o.fonnteURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--fonnte-url must be an http(s) URL such as %s, not %q", whatsapp.DefaultBaseURL, o.fonnteURL)
	}
	if o.fonnteMinInterval <= 0 {
		return fmt.Errorf("--fonnte-min-interval must be positive, not %s", o.fonnteMinInterval)
	}
	return nil
}

// jwtSecret is AUTOLEADS_JWT_SECRET when set (at least 32 bytes), else a key
// generated once and kept in the registry, so restarts keep users signed in.
func jwtSecret(ctx context.Context, g *globals, reg *tenants.Registry) ([]byte, error) {
	if s := g.getenv("AUTOLEADS_JWT_SECRET"); s != "" {
		if len(s) < 32 {
			return nil, fmt.Errorf("AUTOLEADS_JWT_SECRET must be at least 32 bytes long")
		}
		return []byte(s), nil
	}
	return reg.Secret(ctx, "jwt-signing-key", 64)
}

func newLogger(g *globals, format string) (*slog.Logger, error) {
	if format == "auto" {
		format = "json"
		if f, ok := g.stderr.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(g.stderr, nil)), nil
	case "text":
		return slog.New(slog.NewTextHandler(g.stderr, nil)), nil
	}
	return nil, fmt.Errorf("--log-format must be auto, json or text, not %q", format)
}

// parseRates reads the --rate-<class> flags; each keeps its default burst.
func parseRates(flags map[string]*string) (map[string]ratelimit.Limit, error) {
	defaults := apphttp.DefaultRateLimits()
	out := map[string]ratelimit.Limit{}
	for class, v := range flags {
		l, err := ratelimit.ParseLimit(*v, defaults[class].Burst)
		if err != nil {
			return nil, fmt.Errorf("--rate-%s: %w", class, err)
		}
		out[class] = l
	}
	return out, nil
}

func parsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			if a, err := netip.ParseAddr(s); err == nil {
				out = append(out, netip.PrefixFrom(a, a.BitLen()))
				continue
			}
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies: %q is not an IP address or CIDR", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
