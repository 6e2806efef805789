package http

import "github.com/autoleads/autoleads/store"

// merge returns the union of property sets.
func merge(sets ...obj) obj {
	out := obj{}
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

// apiSchemas are the shared schemas of the OpenAPI document.
func apiSchemas() obj {
	carPublic := obj{
		"id": integer, "displayCode": str, "publicName": str, "slug": str, "brand": str, "model": str,
		"year": integer, "color": str, "transmission": obj{"enum": []string{"Manual", "Matic"}}, "km": integer,
		"price": integer, "priceFormatted": str, "priceFormattedShort": str, "fuelType": nullable("string"),
		"keyFeatures": strList, "photos": strList, "primaryPhoto": nullable("string"), "photoCount": integer,
		"description": nullable("string"), "createdAt": dateTime,
	}
	carAdmin := merge(carPublic, obj{
		"plateNumber": nullable("string"), "plateNumberClean": nullable("string"), "stockCode": nullable("string"),
		"conditionNotes": nullable("string"), "status": obj{"enum": []string{"available", "sold", "booking", "draft"}},
		"primaryPhotoIndex": integer, "updatedAt": dateTime, "soldAt": nullable("string"),
	})
	userSummary := obj{"id": integer, "name": str, "email": str, "role": obj{"enum": userRoles}}
	leadCar := obj{"id": integer, "displayCode": str, "publicName": str, "slug": str, "brand": str, "model": str, "year": integer}
	lead := obj{
		"id": integer, "customerPhone": str, "customerName": nullable("string"),
		"car":    obj{"oneOf": []obj{props(nil, leadCar), {"type": "null"}}},
		"status": obj{"enum": leadStatuses}, "source": obj{"enum": leadSources},
		"assignedTo": obj{"oneOf": []obj{ref("UserSummary"), {"type": "null"}}},
		"notes":      nullable("string"), "tags": strList, "messageCount": integer, "lastMessageAt": nullable("string"),
		"createdAt": dateTime, "updatedAt": dateTime, "closedAt": nullable("string"),
		"followUpAt": nullable("string"), "lostReason": obj{"enum": append(anyOf(store.LostReasons), nil)},
		"firstResponseAt":       obj{"type": []string{"string", "null"}, "description": "First sales reply after the lead came in"},
		"lastCustomerMessageAt": nullable("string"),
		"awaitingReply":         obj{"type": "boolean", "description": "An open lead whose customer spoke last"},
	}
	profile := obj{
		"id": integer, "slug": str, "name": str, "logoUrl": nullable("string"), "primaryColor": str,
		"secondaryColor": str, "phone": nullable("string"), "whatsappNumber": nullable("string"),
		"email": nullable("string"), "address": nullable("string"), "city": nullable("string"),
		"mapsUrl": nullable("string"), "businessHours": obj{"type": "object", "additionalProperties": str},
	}
	return obj{
		"PageMeta": props([]string{"page", "limit", "total", "totalPages"},
			obj{"page": integer, "limit": integer, "total": integer, "totalPages": integer}),
		"ErrorEnvelope": props([]string{"success", "error"}, obj{
			"success": obj{"const": false},
			"error": props([]string{"code", "message"}, obj{"code": str, "message": str,
				"details": obj{"type": "object", "description": "Field → rule, on validation errors"}}),
		}),
		"TenantProfile": props(nil, profile),
		"AdminTenant": props(nil, merge(profile, obj{
			"status": str, "plan": str, "trialEndsAt": nullable("string"), "planExpiresAt": nullable("string"),
			"settings": anyObj, "hosts": strList, "fonnteTokenSet": boolean, "webhookUrl": str,
			"whatsappConnection": obj{"oneOf": []obj{anyObj, {"type": "null"}}},
			"createdAt":          dateTime, "updatedAt": dateTime,
		})),
		"TenantInput": props(nil, obj{
			"name": str, "phone": str, "email": str, "address": str, "city": str, "mapsUrl": str, "logoUrl": str,
			"primaryColor": str, "secondaryColor": str, "businessHours": anyObj, "settings": anyObj,
			"whatsappNumber": str, "fonnteToken": obj{"type": []string{"string", "null"}, "writeOnly": true},
		}),
		"Car":       props(nil, carPublic),
		"CarDetail": props(nil, merge(carPublic, obj{"conditionNotes": nullable("string"), "updatedAt": dateTime})),
		"AdminCar":  props(nil, carAdmin),
		"CarInput": props(nil, obj{
			"displayCode": str, "brand": str, "model": str, "year": integer, "color": str,
			"transmission": obj{"enum": []string{"Manual", "Matic"}}, "km": integer, "price": integer,
			"fuelType": str, "plateNumber": str, "stockCode": str, "keyFeatures": strList, "conditionNotes": str,
			"photos": strList, "primaryPhotoIndex": integer, "description": str,
			"status": obj{"enum": []string{"available", "sold", "booking", "draft"}},
		}),
		"CarFacets": props(nil, obj{
			"brands":        arrayOf(props(nil, obj{"brand": str, "count": integer})),
			"yearRange":     props(nil, obj{"min": nullable("integer"), "max": nullable("integer")}),
			"priceRange":    props(nil, obj{"min": nullable("integer"), "max": nullable("integer")}),
			"transmissions": strList,
		}),
		"UserSummary": props(nil, userSummary),
		"User": props(nil, merge(userSummary, obj{
			"phone": nullable("string"), "whatsappNumber": nullable("string"), "status": str,
			"lastLoginAt": nullable("string"), "createdAt": dateTime, "updatedAt": dateTime,
		})),
		"LoginResult": props(nil, obj{"token": str, "expiresAt": dateTime, "user": ref("UserSummary"),
			"tenant": props(nil, obj{"id": integer, "name": str, "slug": str})}),
		"Lead":       props(nil, lead),
		"LeadDetail": props(nil, merge(lead, obj{"messages": arrayOf(ref("Message"))})),
		"LeadStats": props(nil, obj{"total": integer, "new": integer, "hot": integer, "warm": integer,
			"cold": integer, "closed": integer, "lost": integer, "bySource": obj{"type": "object", "additionalProperties": integer}}),
		"LeadEvent": props(nil, obj{"id": integer,
			"kind": obj{"enum": []string{"status", "assigned", "follow_up", "car", "notes", "tags", "lost_reason"}},
			"from": nullable("string"), "to": nullable("string"),
			"user":      obj{"oneOf": []obj{props(nil, obj{"id": integer, "name": str}), {"type": "null"}}},
			"createdAt": dateTime}),
		"QuickReply": props(nil, obj{"id": integer, "title": str,
			"body":     obj{"type": "string", "description": "May hold {nama}, {mobil} and {harga}, filled in by the dashboard"},
			"position": integer, "createdAt": dateTime, "updatedAt": dateTime}),
		"QuickReplyInput": props(nil, obj{"title": obj{"type": "string", "maxLength": 60},
			"body": obj{"type": "string", "minLength": 1, "maxLength": 1000}, "position": obj{"type": "integer", "minimum": 0}}),
		"Message": props(nil, obj{"id": integer, "sender": obj{"enum": []string{"customer", "bot", "sales", "system"}},
			"message": str, "metadata": obj{"type": []string{"object", "null"}},
			"deliveryStatus": obj{"enum": []any{"queued", "sent", "delivered", "read", "failed", nil}}, "createdAt": dateTime}),
		"FonntePayload": props(nil, obj{"device": str, "sender": str, "message": str, "text": str, "member": obj{},
			"name": str, "pushname": str, "location": str, "pollname": str, "choices": obj{}, "timestamp": obj{},
			"inboxid": str, "url": str, "filename": str, "extension": str, "type": str, "id": str, "status": str, "state": str}),
		"WebhookResult": props(nil, obj{"leadId": integer, "messageId": integer, "status": str, "detail": str}),
	}
}

// anyOf converts strings to an enum's values.
func anyOf(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
