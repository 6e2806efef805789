package http

import (
	"net/http"

	"github.com/julienschmidt/httprouter"
)

// route is one registered method and path.
type route struct {
	Method string
	Path   string
}

// routeTable is the router plus the list of what was registered on it, so
// the OpenAPI document and the isolation tests can be checked against the
// routes that really exist.
type routeTable struct {
	*httprouter.Router
	list []route
}

// Handler registers h for method and path.
func (t *routeTable) Handler(method, path string, h http.Handler) {
	t.list = append(t.list, route{Method: method, Path: path})
	t.Router.Handler(method, path, h)
}

// Route is one registered method and path, as httprouter spells it
// (parameters as :name).
type Route struct {
	Method string
	Path   string
}

// Routes returns every registered route in registration order. The
// isolation and fuzz proofs enumerate it, so a route added later is checked
// (or named as unchecked) without anyone remembering to list it.
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.router.list))
	for i, r := range s.router.list {
		out[i] = Route(r)
	}
	return out
}
