package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Page is what every page's template receives: the texts of the <head>,
// and the page's own data.
type Page struct {
	Lang        Lang
	Title       string
	Description string
	// Canonical is the page's absolute URL on the host that was asked.
	Canonical string
	// NoIndex keeps search engines from listing the page (a sold car).
	NoIndex bool
	// Image is the absolute URL of the picture a shared link shows.
	Image string
	// StructuredData is schema.org JSON-LD, rendered from Go values by
	// html/template's JSON escaping, never by concatenating strings.
	StructuredData any
	Data           any
}

// T returns the text of key in the page's language.
func (p *Page) T(key string, args ...any) string { return p.Lang.T(key, args...) }

// ContentSecurityPolicy allows only the showroom's own host: no inline
// script or style (styles come from files, a showroom's colours from its
// theme stylesheet), no framing, forms posting only to the same host.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; " +
	"script-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Render writes the page name ("site/home": the surface's folder and the
// page's file) with status. The page is built in memory first, so a
// template error is returned before anything is written; the caller then
// answers with an error page.
func (w *Web) Render(rw http.ResponseWriter, r *http.Request, status int, name string, p *Page) error {
	a, err := w.Build(status, name, p)
	if err != nil {
		return err
	}
	a.Write(rw, r)
	return nil
}

// Build renders the page name with status into an Answer, which a cache
// may keep and write again.
func (w *Web) Build(status int, name string, p *Page) (*Answer, error) {
	t := w.pages[name]
	if t == nil {
		return nil, fmt.Errorf("no page %q", name)
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	a := NewAnswer(status, "text/html; charset=utf-8", bytes.Clone(buf.Bytes()))
	a.html = true
	return a, nil
}

// Answer is a text answer (a page, a sitemap) made ready once to be written
// any number of times, and, for a 200, with an ETag that a revisit's
// If-None-Match turns into 304 without a body. A body large enough to gain
// is kept only gzipped, a fifth of its size, since nearly every browser
// accepts gzip: a cache then holds five times the pages, and the rare
// client that does not is sent it unzipped on the fly.
type Answer struct {
	status  int
	html    bool   // a page: it carries the Content-Security-Policy
	body    []byte // nil when gzipped holds it
	gzipped []byte
	// The header values, built once: writing a kept page is then a few
	// map assignments (net/http copies the values, which stay unchanged).
	contentType           []string
	length, gzippedLength []string
	etag, gzippedETag     []string // nil unless status is 200
}

var (
	headerCSP      = []string{ContentSecurityPolicy}
	headerGzip     = []string{"gzip"}
	headerEncoding = "Accept-Encoding"
)

// NewAnswer makes body, of contentType, ready to be written with status.
func NewAnswer(status int, contentType string, body []byte) *Answer {
	a := &Answer{status: status, contentType: []string{contentType}, body: body,
		length: []string{strconv.Itoa(len(body))}}
	if status == http.StatusOK {
		sum := fnv.New64a()
		sum.Write(body)
		tag := strconv.FormatUint(sum.Sum64(), 36)
		a.etag, a.gzippedETag = []string{`"` + tag + `"`}, []string{`"` + tag + `-gz"`}
	}
	if len(body) > 1024 {
		var zbuf bytes.Buffer
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(&zbuf)
		zw.Write(body)
		zw.Close()
		gzipWriters.Put(zw)
		a.gzipped, a.body = bytes.Clone(zbuf.Bytes()), nil
		a.gzippedLength = []string{strconv.Itoa(len(a.gzipped))}
	}
	return a
}

// Status is the answer's HTTP status.
func (a *Answer) Status() int { return a.status }

// Size is the memory the answer holds.
func (a *Answer) Size() int { return len(a.body) + len(a.gzipped) }

// Write writes the answer, gzipped when the client accepts it.
func (a *Answer) Write(rw http.ResponseWriter, r *http.Request) {
	h := rw.Header()
	h["Content-Type"] = a.contentType
	if a.html {
		h["Content-Security-Policy"] = headerCSP
	}
	gz := a.gzipped != nil && acceptsGzip(r)
	if a.gzipped != nil {
		h["Vary"] = append(h["Vary"], headerEncoding)
	}
	if etag := a.etag; etag != nil {
		if gz {
			etag = a.gzippedETag
		}
		h["Etag"] = etag
		if matchesETag(r.Header.Get("If-None-Match"), etag[0]) {
			rw.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if gz {
		h["Content-Encoding"] = headerGzip
		h["Content-Length"] = a.gzippedLength
	} else {
		h["Content-Length"] = a.length
	}
	rw.WriteHeader(a.status)
	if r.Method == http.MethodHead {
		return
	}
	switch {
	case gz:
		rw.Write(a.gzipped)
	case a.body != nil:
		rw.Write(a.body)
	default:
		// Made by gzip from memory here: it cannot fail.
		zr, _ := gzip.NewReader(bytes.NewReader(a.gzipped))
		io.Copy(rw, zr)
	}
}

// matchesETag reports whether an If-None-Match header names etag.
func matchesETag(header, etag string) bool {
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == etag || v == "*" {
			return true
		}
	}
	return false
}

var (
	buffers     = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	gzipWriters = sync.Pool{New: func() any {
		zw, _ := gzip.NewWriterLevel(nil, 5)
		return zw
	}}
)

func getBuffer() *bytes.Buffer { b := buffers.Get().(*bytes.Buffer); b.Reset(); return b }

// putBuffer returns b to the pool unless it grew past what a page needs,
// so one huge page does not keep its memory forever.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		buffers.Put(b)
	}
}
