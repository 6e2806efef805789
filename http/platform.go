package http

import (
	"context"
	"net/http"
	"time"
)

func (s *Server) registerPlatformRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/health", http.HandlerFunc(s.handleHealth))
	r.Handler(http.MethodGet, "/api", http.HandlerFunc(s.handleAPIInfo))
	r.Handler(http.MethodGet, TLSAskPath, http.HandlerFunc(s.handleTLSAsk))
}

type healthDatabase struct {
	Connected    bool  `json:"connected"`
	ResponseTime int64 `json:"responseTime"`
}

type healthTenants struct {
	Registered int `json:"registered"`
	Open       int `json:"open"`
}

type healthBody struct {
	Status    string         `json:"status"`
	Timestamp timestamp      `json:"timestamp"`
	Uptime    int64          `json:"uptime"`
	Database  healthDatabase `json:"database"`
	Tenants   healthTenants  `json:"tenants"`
	Version   string         `json:"version"`
}

// handleHealth reports whether the registry answers; 503 when it does not,
// so a load balancer takes the instance out.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	start := time.Now()
	err := s.reg.Ping(ctx)
	body := healthBody{
		Status:    "ok",
		Timestamp: timestamp(time.Now()),
		Uptime:    int64(time.Since(s.started).Seconds()),
		Database:  healthDatabase{Connected: err == nil, ResponseTime: time.Since(start).Milliseconds()},
		Tenants:   healthTenants{Registered: s.reg.Count(), Open: s.pool.Len()},
		Version:   s.cfg.Version,
	}
	status := http.StatusOK
	if err != nil {
		body.Status, status = "error", http.StatusServiceUnavailable
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, body)
}

type apiInfo struct {
	Name      string            `json:"name"`
	Version   string            `json:"version"`
	Endpoints map[string]string `json:"endpoints"`
}

func (s *Server) handleAPIInfo(w http.ResponseWriter, r *http.Request) {
	writeData(w, http.StatusOK, apiInfo{
		Name:    "AutoLeads API",
		Version: s.cfg.Version,
		Endpoints: map[string]string{
			"health":  "/health",
			"openapi": "/api/openapi.json",
			"tenant":  "/api/tenant",
			"cars":    "/api/cars",
			"leads":   "/api/leads",
			"admin":   "/api/admin",
			"webhook": "/webhook/fonnte",
		},
	})
}
