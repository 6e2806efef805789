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
	t.list = append(t.list, Route{Method: method, Path: path})
	t.Router.Handler(method, path, h)
	if method == http.MethodGet {
		t.Router.Handler(http.MethodHead, path, h)
	}
}

// Routes returns every registered route in registration order. The
// OpenAPI, isolation and fuzz proofs enumerate it, so a route added later
// is checked (or named as unchecked) without anyone remembering to list it.
func (s *Server) Routes() []Route { return slices.Clone(s.router.list) }
