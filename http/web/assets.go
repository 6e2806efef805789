package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// AssetPrefix is where the assets are served.
const AssetPrefix = "/assets/"

// Assets are the static files (CSS, JavaScript, icons), each served under
// its name with a hash of its content ("site.3f2a9c81d0.css"). A change of
// content is a new URL, so browsers may keep every asset for a year without
// asking again.
type Assets struct {
	byName   map[string]*asset // by name as written in templates
	byHashed map[string]*asset // by served name
}

type asset struct {
	hashed      string
	contentType string
	body        []byte
	gzipped     []byte // nil when compressing does not pay
}

func loadAssets() (*Assets, error) {
	a := &Assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		x := &asset{
			hashed:      strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext,
			contentType: mime.TypeByExtension(ext),
			body:        body,
		}
		if ext == ".webmanifest" {
			x.contentType = "application/manifest+json"
		}
		if x.contentType == "" {
			return fmt.Errorf("asset %s: unknown content type", name)
		}
		x.gzipped = compressIfSmaller(body)
		a.byName[name], a.byHashed[x.hashed] = x, x
		return nil
	})
	return a, err
}

// URL returns the path an asset is served at. A name with no asset is an
// error, so a template naming a missing file fails at start-up.
func (a *Assets) URL(name string) (string, error) {
	x := a.byName[name]
	if x == nil {
		return "", fmt.Errorf("no asset %q", name)
	}
	return AssetPrefix + x.hashed, nil
}

// Handler serves one asset by its hashed name, compressed when the client
// accepts gzip and that makes it smaller; notFound answers any other name.
func (a *Assets) Handler(notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if x := a.byHashed[strings.TrimPrefix(r.URL.Path, AssetPrefix)]; x != nil {
			x.serve(w, r)
			return
		}
		notFound.ServeHTTP(w, r)
	})
}

func (x *asset) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", x.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	body := x.body
	if x.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = x.gzipped
		}
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// compressIfSmaller returns body gzipped, or nil when that saves less than
// a tenth (images are compressed already).
func compressIfSmaller(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() > len(body)*9/10 {
		return nil
	}
	return buf.Bytes()
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
