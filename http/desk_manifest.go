package http

import (
	"encoding/json"
	"net/http"
)

// webManifest is what lets staff add the dashboard to their phone's home
// screen: it opens standalone at /admin, named after the showroom.
type webManifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []manifestIcon `json:"icons"`
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// handleDeskManifest serves GET /admin/manifest.webmanifest. Browsers
// fetch it without cookies, so it needs no session and holds nothing but
// the showroom's name, which its website shows anyway.
func (s *Server) handleDeskManifest(w http.ResponseWriter, r *http.Request, sc *scope) {
	m := webManifest{Name: sc.Tenant.Name, ShortName: sc.Tenant.Name, StartURL: deskPath, Scope: deskPath + "/",
		Display: "standalone", BackgroundColor: "#f6f6f4", ThemeColor: "#1d4ed8"}
	for _, i := range []manifestIcon{
		{Src: "icon-192.png", Sizes: "192x192", Type: "image/png"},
		{Src: "icon-512.png", Sizes: "512x512", Type: "image/png"},
		{Src: "apple-touch-icon.png", Sizes: "180x180", Type: "image/png", Purpose: "maskable"},
	} {
		src, err := s.web.Assets.URL(i.Src)
		if err != nil {
			Error(w, r, err)
			return
		}
		i.Src = src
		m.Icons = append(m.Icons, i)
	}
	body, err := json.Marshal(m)
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Write(body)
}
