// Package web is what the showroom's website and the staff dashboard are
// made of: HTML templates, static assets served under content-hashed names,
// one message catalogue per language, and the formatting of money, numbers,
// dates and phone numbers in Indonesian conventions. Page handlers live in
// package http beside the JSON ones and call the same store operations;
// they hand each page's data to Render.
package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

//go:embed all:templates
var templateFS embed.FS

// Web holds the parsed pages and the static assets.
type Web struct {
	Assets *Assets
	pages  map[string]*template.Template
}

// New parses every template and hashes every asset once, at start-up, so a
// broken template fails the server's start (and the tests), never a request.
func New() (*Web, error) {
	assets, err := loadAssets()
	if err != nil {
		return nil, err
	}
	w := &Web{Assets: assets, pages: map[string]*template.Template{}}
	funcs := template.FuncMap{
		"asset":       assets.URL,
		"rupiah":      Rupiah,
		"rupiahShort": RupiahShort,
		"number":      Number,
	}
	layouts, err := fs.Glob(templateFS, "templates/*/layout.html")
	if err != nil {
		return nil, err
	}
	for _, layout := range layouts {
		dir := path.Dir(layout)
		files := []string{layout}
		partials, _ := fs.Glob(templateFS, dir+"/_*.html")
		base, err := template.New("").Funcs(funcs).ParseFS(templateFS, append(files, partials...)...)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", dir, err)
		}
		pages, _ := fs.Glob(templateFS, dir+"/*.html")
		for _, p := range pages {
			name := path.Base(p)
			if name == "layout.html" || strings.HasPrefix(name, "_") {
				continue
			}
			t, err := template.Must(base.Clone()).ParseFS(templateFS, p)
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", p, err)
			}
			w.pages[path.Base(dir)+"/"+strings.TrimSuffix(name, ".html")] = t
		}
	}
	return w, nil
}
