package http

import (
	"encoding/xml"
	"net/http"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// handleRobots serves the showroom's robots.txt: the website is for search
// engines, the dashboard and the admin API are not, and the sitemap lists
// the cars.
func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request, sc *scope) {
	body := "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/admin\n\nSitemap: " +
		s.siteURL(r, "/sitemap.xml") + "\n"
	w.Header().Set("Cache-Control", "public, max-age=3600")
	web.NewAnswer(http.StatusOK, "text/plain; charset=utf-8", []byte(body)).Write(w, r)
}

// sitemapURL is one <url> of a sitemap.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemap struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapPage is how many cars one query of the sitemap reads.
const sitemapPage = 100

// handleSitemap serves /sitemap.xml: the catalogue, the about page and
// every available car's page with the day it last changed.
func (s *Server) handleSitemap(w http.ResponseWriter, r *http.Request, sc *scope) {
	m := sitemap{URLs: []sitemapURL{{Loc: s.siteURL(r, "/")}, {Loc: s.siteURL(r, "/tentang")}}}
	for offset := 0; ; offset += sitemapPage {
		cars, total, err := sc.DB.FindCars(r.Context(), store.CarFilter{Statuses: []string{store.CarAvailable},
			Offset: offset, Limit: sitemapPage})
		if err != nil {
			Error(w, r, err)
			return
		}
		for _, c := range cars {
			m.URLs = append(m.URLs, sitemapURL{Loc: s.siteURL(r, "/mobil/"+c.Slug),
				LastMod: c.UpdatedAt.UTC().Format("2006-01-02")})
		}
		if int64(offset+sitemapPage) >= total {
			break
		}
	}
	body, err := xml.Marshal(m)
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	web.NewAnswer(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), body...)).Write(w, r)
}
