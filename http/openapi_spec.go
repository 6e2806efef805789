package http

import "github.com/autoleads/autoleads/store"

// apiOperations lists every route of the API for the OpenAPI document.
func apiOperations() []operation {
	page := []obj{
		queryParam("page", "Page number, from 1", obj{"type": "integer", "minimum": 1, "maximum": maxPage, "default": 1}),
		queryParam("limit", "Page size; above 100 is capped", obj{"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
	}
	carQuery := append(append([]obj{}, page...),
		queryParam("brand", "Brand, case-insensitive equality", str),
		queryParam("model", "Model, case-insensitive substring", str),
		queryParam("minYear", "", integer), queryParam("maxYear", "", integer),
		queryParam("minPrice", "Rupiah", integer), queryParam("maxPrice", "Rupiah", integer),
		queryParam("transmission", "", obj{"enum": []string{"Manual", "Matic"}}),
		queryParam("fuelType", "", str),
		queryParam("search", "Substring of publicName, brand, model, displayCode or color", str),
		queryParam("sortBy", "", obj{"enum": []string{"newest", "price_asc", "price_desc", "km_asc", "year_desc"}, "default": "newest"}),
	)
	adminCarQuery := append(append([]obj{}, carQuery...),
		queryParam("status", "", obj{"enum": []string{"available", "sold", "booking", "draft"}}))
	leadQuery := append(append([]obj{}, page...),
		queryParam("status", "", obj{"enum": leadStatuses}),
		queryParam("source", "", obj{"enum": leadSources}),
		queryParam("carId", "", integer),
		queryParam("assignedTo", "A user id, me or none", str),
		queryParam("search", "Phone digits, name or notes", str),
		queryParam("startDate", "YYYY-MM-DD or RFC 3339, inclusive", str),
		queryParam("endDate", "YYYY-MM-DD or RFC 3339, inclusive", str),
		queryParam("awaiting", "true: open leads whose customer spoke last", boolean),
		queryParam("followUp", "due: open leads with a follow-up by the end of the showroom's day, most overdue first", obj{"enum": []string{"due"}}),
		queryParam("sort", "status (status order, then newest) or activity (last message, newest first)", obj{"enum": []string{"status", "activity"}, "default": "status"}),
	)
	id := pathParam("id", "", integer)
	slug := pathParam("slug", "", str)
	webhookQuery := queryParam("token", "The showroom's webhook token (or header X-Webhook-Token)", str)
	fonnteBody := obj{"required": true, "content": obj{
		"application/json":                  obj{"schema": ref("FonntePayload")},
		"application/x-www-form-urlencoded": obj{"schema": ref("FonntePayload")},
	}}
	photoBody := obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": props([]string{"photo"},
		obj{"photo": obj{"type": "string", "contentMediaType": "image/*", "description": "JPEG, PNG or WebP, at most 10 MiB"}})}}}
	logoBody := obj{"required": true, "content": obj{"multipart/form-data": obj{"schema": props([]string{"logo"},
		obj{"logo": obj{"type": "string", "contentMediaType": "image/*", "description": "JPEG, PNG or WebP, at most 10 MiB; stored as a PNG of at most 512 px, transparency kept"}})}}}
	message := props([]string{"message"}, obj{"message": str})
	followUpAt := obj{"type": []string{"string", "null"}, "format": "date-time", "description": "RFC 3339 with an offset; null clears"}
	lostReason := obj{"enum": append(anyOf(store.LostReasons), nil), "description": "Only with status lost; another status clears it"}

	return []operation{
		{method: "GET", path: "/health", summary: "Health of the server and its registry", tag: "platform", status: "200", data: anyObj},
		{method: "GET", path: "/api", summary: "API information and endpoint map", tag: "platform", status: "200", data: anyObj},
		{method: "GET", path: "/api/openapi.json", summary: "This document", tag: "platform", status: "200", data: anyObj},
		{method: "GET", path: "/internal/tls-ask", summary: "Whether the proxy may get a TLS certificate for a host (Caddy's on-demand TLS ask); only from loopback, or with the configured secret", tag: "platform",
			params: []obj{queryParam("domain", "The host Caddy asks about", str), queryParam("secret", "The secret of --tls-ask-secret, when one is configured", str)},
			status: "200", data: props([]string{"domain"}, obj{"domain": str}), errors: []string{"400", "403", "404"}},

		{method: "GET", path: "/api/tenant", summary: "Public showroom profile", tag: "public", status: "200", data: ref("TenantProfile"), errors: []string{"403", "404", "429"}},
		{method: "GET", path: "/api/cars", summary: "Available cars", tag: "public", params: carQuery, status: "200", data: arrayOf(ref("Car")), list: true, errors: []string{"400", "404", "422", "429"}},
		{method: "GET", path: "/api/cars/facets", summary: "Brands, year and price ranges, transmissions of available cars", tag: "public", status: "200", data: ref("CarFacets"), errors: []string{"404", "429"}},
		{method: "GET", path: "/api/cars/{slug}", summary: "One available car", tag: "public", params: []obj{slug}, status: "200", data: ref("CarDetail"), errors: []string{"404", "429"}},
		{method: "POST", path: "/api/leads", summary: "Public inquiry form", tag: "public",
			body:   jsonBody(props([]string{"name", "phone"}, obj{"name": str, "phone": str, "carSlug": str, "message": str})),
			status: "201", data: props([]string{"leadId"}, obj{"leadId": integer}), errors: []string{"400", "404", "413", "422", "429"}},
		{method: "GET", path: "/uploads/{file}", summary: "A photo of this showroom", tag: "public", params: []obj{pathParam("file", "Server-made file name", str)}, status: "200", errors: []string{"404"}},

		{method: "POST", path: "/api/admin/auth/login", summary: "Sign in", tag: "auth",
			body:   jsonBody(props([]string{"email", "password"}, obj{"email": str, "password": str})),
			status: "200", data: ref("LoginResult"), errors: []string{"400", "401", "422", "429"}},
		{method: "POST", path: "/api/admin/auth/verify", summary: "Check a token", tag: "auth", auth: true, status: "200",
			data: props(nil, obj{"valid": boolean, "payload": props(nil, obj{"userId": integer, "tenantSlug": str, "role": obj{"enum": userRoles},
				"exp": obj{"type": "integer", "description": "Expiry, Unix seconds"}})}), errors: []string{"401", "403", "404", "429"}},
		{method: "GET", path: "/api/admin/auth/me", summary: "The signed-in user", tag: "auth", auth: true, status: "200", data: ref("User"), errors: []string{"401", "403"}},
		{method: "PUT", path: "/api/admin/auth/password", summary: "Change own password; returns a new token", tag: "auth", auth: true,
			body:   jsonBody(props([]string{"currentPassword", "newPassword"}, obj{"currentPassword": str, "newPassword": str})),
			status: "200", data: props(nil, obj{"token": str, "expiresAt": dateTime}), errors: []string{"400", "401", "422"}},

		{method: "GET", path: "/api/admin/cars", summary: "All cars", tag: "cars", auth: true, params: adminCarQuery, status: "200", data: arrayOf(ref("AdminCar")), list: true, errors: []string{"400", "401", "403", "422"}},
		{method: "POST", path: "/api/admin/cars", summary: "Create a car", tag: "cars", auth: true, body: jsonBody(ref("CarInput")), status: "201", data: ref("AdminCar"), errors: []string{"400", "401", "403", "409", "413", "422"}},
		{method: "GET", path: "/api/admin/cars/{id}", summary: "One car", tag: "cars", auth: true, params: []obj{id}, status: "200", data: ref("AdminCar"), errors: []string{"400", "401", "403", "404"}},
		{method: "PUT", path: "/api/admin/cars/{id}", summary: "Update a car (partial)", tag: "cars", auth: true, params: []obj{id}, body: jsonBody(ref("CarInput")), status: "200", data: ref("AdminCar"), errors: []string{"400", "401", "403", "404", "409", "422"}},
		{method: "DELETE", path: "/api/admin/cars/{id}", summary: "Delete a car and its photos", tag: "cars", auth: true, params: []obj{id}, status: "200", data: message, errors: []string{"400", "401", "403", "404"}},
		{method: "POST", path: "/api/admin/cars/{id}/photos", summary: "Upload a photo", tag: "cars", auth: true, params: []obj{id}, body: photoBody, status: "201", data: ref("AdminCar"), errors: []string{"400", "401", "403", "404", "413", "415", "422"}},
		{method: "DELETE", path: "/api/admin/cars/{id}/photos/{index}", summary: "Remove a photo", tag: "cars", auth: true, params: []obj{id, pathParam("index", "Position in photos, from 0", integer)}, status: "200", data: ref("AdminCar"), errors: []string{"400", "401", "403", "404"}},

		{method: "GET", path: "/api/admin/leads", summary: "Leads", tag: "leads", auth: true, params: leadQuery, status: "200", data: arrayOf(ref("Lead")), list: true, errors: []string{"400", "401", "403", "422"}},
		{method: "POST", path: "/api/admin/leads", summary: "Create a lead manually", tag: "leads", auth: true,
			body:   jsonBody(props([]string{"customerPhone"}, obj{"customerPhone": str, "customerName": str, "carId": integer, "source": obj{"enum": leadSources}, "notes": str, "tags": strList})),
			status: "201", data: ref("Lead"), errors: []string{"400", "401", "403", "409", "422"}},
		{method: "GET", path: "/api/admin/leads/stats", summary: "Lead counts by status and source", tag: "leads", auth: true, status: "200", data: ref("LeadStats"), errors: []string{"401", "403"}},
		{method: "GET", path: "/api/admin/leads/{id}", summary: "One lead with its messages", tag: "leads", auth: true, params: []obj{id}, status: "200", data: ref("LeadDetail"), errors: []string{"400", "401", "403", "404"}},
		{method: "PUT", path: "/api/admin/leads/{id}", summary: "Update a lead (partial)", tag: "leads", auth: true, params: []obj{id},
			body: jsonBody(props(nil, obj{"customerPhone": str, "customerName": nullable("string"), "carId": nullable("integer"), "status": obj{"enum": leadStatuses},
				"source": obj{"enum": leadSources}, "notes": nullable("string"), "tags": strList, "assignedToUserId": nullable("integer"),
				"followUpAt": followUpAt, "lostReason": lostReason})),
			status: "200", data: ref("Lead"), errors: []string{"400", "401", "403", "404", "409", "422"}},
		{method: "DELETE", path: "/api/admin/leads/{id}", summary: "Delete a lead", tag: "leads", auth: true, params: []obj{id}, status: "200", data: message, errors: []string{"400", "401", "403", "404"}},
		{method: "PUT", path: "/api/admin/leads/{id}/assign", summary: "Assign, unassign or claim a lead", tag: "leads", auth: true, params: []obj{id},
			body:   jsonBody(props([]string{"userId"}, obj{"userId": nullable("integer")})),
			status: "200", data: props(nil, obj{"id": integer, "assignedTo": ref("UserSummary")}), errors: []string{"400", "401", "403", "404", "422"}},
		{method: "PUT", path: "/api/admin/leads/{id}/status", summary: "Change a lead's status", tag: "leads", auth: true, params: []obj{id},
			body:   jsonBody(props([]string{"status"}, obj{"status": obj{"enum": leadStatuses}, "followUpAt": followUpAt, "lostReason": lostReason})),
			status: "200", data: props(nil, obj{"id": integer, "status": str, "closedAt": nullable("string"),
				"lostReason": nullable("string"), "followUpAt": nullable("string")}), errors: []string{"400", "401", "403", "404", "409", "422"}},
		{method: "GET", path: "/api/admin/leads/{id}/events", summary: "A lead's timeline of changes, oldest first", tag: "leads", auth: true, params: []obj{id},
			status: "200", data: arrayOf(ref("LeadEvent")), errors: []string{"400", "401", "403", "404"}},
		{method: "POST", path: "/api/admin/leads/{id}/messages", summary: "Queue a WhatsApp reply to the customer", tag: "leads", auth: true, params: []obj{id},
			body: jsonBody(message), status: "201", data: ref("Message"), errors: []string{"400", "401", "403", "404", "422"}},
		{method: "POST", path: "/api/admin/leads/{id}/messages/{messageId}/retry", summary: "Queue a failed reply again", tag: "leads", auth: true,
			params: []obj{id, pathParam("messageId", "", integer)}, status: "200", data: ref("Message"), errors: []string{"400", "401", "403", "404", "422"}},

		{method: "GET", path: "/api/admin/quick-replies", summary: "The showroom's reply templates, in order", tag: "quick replies", auth: true, status: "200", data: arrayOf(ref("QuickReply")), errors: []string{"401", "403"}},
		{method: "POST", path: "/api/admin/quick-replies", summary: "Create a reply template (owner, admin)", tag: "quick replies", auth: true,
			body: jsonBody(ref("QuickReplyInput")), status: "201", data: ref("QuickReply"), errors: []string{"400", "401", "403", "422"}},
		{method: "PUT", path: "/api/admin/quick-replies/{id}", summary: "Update a reply template (partial; owner, admin)", tag: "quick replies", auth: true, params: []obj{id},
			body: jsonBody(ref("QuickReplyInput")), status: "200", data: ref("QuickReply"), errors: []string{"400", "401", "403", "404", "422"}},
		{method: "DELETE", path: "/api/admin/quick-replies/{id}", summary: "Delete a reply template (owner, admin)", tag: "quick replies", auth: true, params: []obj{id},
			status: "200", data: message, errors: []string{"400", "401", "403", "404"}},

		{method: "GET", path: "/api/admin/users", summary: "Users of the showroom", tag: "users", auth: true, status: "200", data: arrayOf(ref("User")), errors: []string{"401", "403"}},
		{method: "POST", path: "/api/admin/users", summary: "Create a user", tag: "users", auth: true,
			body:   jsonBody(props([]string{"name", "email", "password", "role"}, obj{"name": str, "email": str, "password": str, "role": obj{"enum": userRoles}, "phone": str, "whatsappNumber": str})),
			status: "201", data: ref("User"), errors: []string{"400", "401", "403", "409", "422"}},
		{method: "PUT", path: "/api/admin/users/{id}", summary: "Update a user (partial)", tag: "users", auth: true, params: []obj{id},
			body:   jsonBody(props(nil, obj{"name": str, "phone": nullable("string"), "whatsappNumber": nullable("string"), "role": obj{"enum": userRoles}, "status": obj{"enum": []string{"active", "inactive"}}, "password": str})),
			status: "200", data: ref("User"), errors: []string{"400", "401", "403", "404", "422"}},
		{method: "DELETE", path: "/api/admin/users/{id}", summary: "Delete a user", tag: "users", auth: true, params: []obj{id}, status: "200", data: message, errors: []string{"400", "401", "403", "404", "422"}},

		{method: "GET", path: "/api/admin/tenant", summary: "Showroom settings, webhook URL and WhatsApp connection", tag: "showroom", auth: true, status: "200", data: ref("AdminTenant"), errors: []string{"401", "403"}},
		{method: "PUT", path: "/api/admin/tenant", summary: "Update showroom settings (owner)", tag: "showroom", auth: true, body: jsonBody(ref("TenantInput")), status: "200", data: ref("AdminTenant"), errors: []string{"400", "401", "403", "409", "422"}},
		{method: "POST", path: "/api/admin/tenant/logo", summary: "Upload the showroom's logo (owner)", tag: "showroom", auth: true, body: logoBody, status: "200", data: ref("AdminTenant"), errors: []string{"400", "401", "403", "413", "415", "422"}},
		{method: "DELETE", path: "/api/admin/tenant/logo", summary: "Remove the showroom's logo (owner)", tag: "showroom", auth: true, status: "200", data: ref("AdminTenant"), errors: []string{"401", "403"}},

		{method: "POST", path: "/webhook/fonnte", summary: "Fonnte webhook (showroom by host)", tag: "webhook", params: []obj{webhookQuery}, body: fonnteBody, status: "200", data: ref("WebhookResult"), errors: []string{"403", "404", "413", "422", "429"}},
		{method: "POST", path: "/webhook/fonnte/{slug}", summary: "Fonnte webhook (showroom by slug)", tag: "webhook", params: []obj{slug, webhookQuery}, body: fonnteBody, status: "200", data: ref("WebhookResult"), errors: []string{"403", "404", "413", "422", "429"}},
	}
}

var (
	leadStatuses = []string{"new", "hot", "warm", "cold", "closed", "lost"}
	leadSources  = []string{"web", "wa", "direct", "referral"}
	userRoles    = []string{"owner", "admin", "sales"}
)
