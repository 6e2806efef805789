package http

import (
	"context"
	"log/slog"
	"net/http"
)

type contextKey int

const (
	requestIDKey contextKey = iota
	loggerKey
	tenantSlugKey
)

// RequestID returns the id of the request that ctx belongs to.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func withRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

func withLogger(ctx context.Context, l *slog.Logger) context.Context {
	return context.WithValue(ctx, loggerKey, l)
}

// logger returns the server's logger for r.
func logger(r *http.Request) *slog.Logger {
	if l, ok := r.Context().Value(loggerKey).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// tenantSlugHolder lets the tenant middleware, deep inside the chain, tell
// the outer log line which tenant a request was for, and a page route tell
// Error how its errors are shown.
type tenantSlugHolder struct {
	slug      string
	errorPage errorPage
}

func withTenantSlugHolder(ctx context.Context) (context.Context, *tenantSlugHolder) {
	h := &tenantSlugHolder{}
	return context.WithValue(ctx, tenantSlugKey, h), h
}

func setTenantSlug(r *http.Request, slug string) {
	if h, ok := r.Context().Value(tenantSlugKey).(*tenantSlugHolder); ok {
		h.slug = slug
	}
}

func tenantSlug(r *http.Request) string {
	if h, ok := r.Context().Value(tenantSlugKey).(*tenantSlugHolder); ok {
		return h.slug
	}
	return ""
}

// requestAttrs are the attributes every log line about r carries.
func requestAttrs(r *http.Request, extra ...any) []any {
	attrs := []any{
		slog.String("requestId", RequestID(r.Context())),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
	}
	if slug := tenantSlug(r); slug != "" {
		attrs = append(attrs, slog.String("tenant", slug))
	}
	return append(attrs, extra...)
}

// errorPage renders an error of a page route as an HTML page with status.
type errorPage func(w http.ResponseWriter, r *http.Request, status int, err error)

// withErrorPage makes Error render the request's errors with page: a
// visitor of the website sees a page, never the API's JSON envelope. The
// request's holder (every request that passed observe has one) takes it
// without copying the request.
func withErrorPage(r *http.Request, page errorPage) *http.Request {
	if h, ok := r.Context().Value(tenantSlugKey).(*tenantSlugHolder); ok {
		h.errorPage = page
		return r
	}
	r = r.WithContext(context.WithValue(r.Context(), tenantSlugKey, &tenantSlugHolder{errorPage: page}))
	return r
}

func errorPageOf(r *http.Request) errorPage {
	if h, ok := r.Context().Value(tenantSlugKey).(*tenantSlugHolder); ok {
		return h.errorPage
	}
	return nil
}
