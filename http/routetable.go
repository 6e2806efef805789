package http

import (
	"net/http"
	"slices"

	"github.com/julienschmidt/httprouter"
)

// Route is one registered method and path, as httprouter spells it
// (parameters as :name).
type Route struct {
	Method string
	Path   string
	// Page marks a page of the website or the dashboard (HTML, not in the
	// OpenAPI document).
	Page bool
}

// routeTable is the router plus the list of what was registered on it, so
// the OpenAPI document and the isolation tests can be checked against the
// routes that really exist.
type routeTable struct {
	*httprouter.Router
	list []Route
}

// Handler registers h for method and path. A GET route answers HEAD too,
// as monitors, caches and link checkers expect: the same handler runs and
// net/http sends its headers without the body.
func (t *routeTable) Handler(method, path string, h http.Handler) {
	t.add(Route{Method: method, Path: path}, h)
}

// Page registers h as a page for method and path.
func (t *routeTable) Page(method, path string, h http.Handler) {
	t.add(Route{Method: method, Path: path, Page: true}, h)
}

func (t *routeTable) add(route Route, h http.Handler) {
	method, path := route.Method, route.Path
	t.list = append(t.list, route)
	t.Router.Handler(method, path, h)
	if method == http.MethodGet {
		t.Router.Handler(http.MethodHead, path, h)
	}
}

// Routes returns every registered route in registration order. The
// OpenAPI, isolation and fuzz proofs enumerate it, so a route added later
// is checked (or named as unchecked) without anyone remembering to list it.
func (s *Server) Routes() []Route { return slices.Clone(s.router.list) }
