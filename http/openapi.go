package http

import (
	"encoding/json"
	"net/http"
	"strings"
)

func (s *Server) registerOpenAPIRoutes(r *routeTable) {
	r.Handler(http.MethodGet, "/api/openapi.json", http.HandlerFunc(s.handleOpenAPI))
}

// handleOpenAPI serves the OpenAPI 3.1 document of the API. It is built
// once; a test keeps it true to the registered routes.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	s.openapiOnce.Do(func() { s.openapi, _ = json.Marshal(openAPIDocument(s.cfg.Version)) })
	w.Header()["Content-Type"] = headerJSON
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(s.openapi)
}

// obj is a JSON object of the document.
type obj = map[string]any

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

func arrayOf(item obj) obj { return obj{"type": "array", "items": item} }

func nullable(t string) obj { return obj{"type": []string{t, "null"}} }

func props(required []string, p obj) obj {
	o := obj{"type": "object", "properties": p}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

var (
	str      = obj{"type": "string"}
	integer  = obj{"type": "integer", "format": "int64"}
	boolean  = obj{"type": "boolean"}
	dateTime = obj{"type": "string", "format": "date-time"}
	strList  = arrayOf(str)
	anyObj   = obj{"type": "object"}
)

// success wraps a data schema in the success envelope.
func success(data obj, list bool) obj {
	p := obj{"success": obj{"const": true}, "data": data}
	if list {
		p["meta"] = ref("PageMeta")
	}
	return props([]string{"success", "data"}, p)
}

func jsonBody(schema obj) obj {
	return obj{"required": true, "content": obj{"application/json": obj{"schema": schema}}}
}

func queryParam(name, desc string, schema obj) obj {
	return obj{"name": name, "in": "query", "description": desc, "schema": schema}
}

func pathParam(name, desc string, schema obj) obj {
	return obj{"name": name, "in": "path", "required": true, "description": desc, "schema": schema}
}

// operation describes one route.
type operation struct {
	method, path, summary, tag string
	auth                       bool
	params                     []obj
	body                       obj
	status                     string
	data                       obj
	list                       bool
	errors                     []string
}

func (o operation) build() obj {
	responses := obj{}
	responses[o.status] = obj{"description": "Success", "content": obj{"application/json": obj{"schema": success(o.data, o.list)}}}
	for _, code := range o.errors {
		responses[code] = ref400(code)
	}
	op := obj{"summary": o.summary, "tags": []string{o.tag}, "responses": responses}
	if len(o.params) > 0 {
		op["parameters"] = o.params
	}
	if o.body != nil {
		op["requestBody"] = o.body
	}
	if o.auth {
		op["security"] = []obj{{"bearer": []string{}}}
	}
	return op
}

func ref400(code string) obj { return obj{"$ref": "#/components/responses/E" + code} }

var errorDescriptions = map[string]string{
	"400": "Malformed request (JSON, query parameter or path id)",
	"401": "Missing, invalid, expired or revoked token",
	"403": "Role not allowed, showroom suspended or expired, token of another showroom, bad webhook token",
	"404": "Unknown showroom host, id or slug",
	"409": "Conflict with an existing record",
	"413": "Body over its limit",
	"415": "Photo is not JPEG, PNG or WebP",
	"422": "Validation failed; details map each field to its rule",
	"429": "Rate limit exceeded; see Retry-After",
}

// openAPIDocument builds the document from the operation list.
func openAPIDocument(version string) obj {
	paths := obj{}
	for _, o := range apiOperations() {
		p, _ := paths[o.path].(obj)
		if p == nil {
			p = obj{}
			paths[o.path] = p
		}
		p[strings.ToLower(o.method)] = o.build()
	}
	errResponses := obj{}
	for code, desc := range errorDescriptions {
		errResponses["E"+code] = obj{"description": desc,
			"content": obj{"application/json": obj{"schema": ref("ErrorEnvelope")}}}
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "AutoLeads API", "version": version,
			"description": "The back office of a used-car showroom. The Host header selects the showroom."},
		"paths": paths,
		"components": obj{
			"schemas":         apiSchemas(),
			"responses":       errResponses,
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
		},
	}
}
