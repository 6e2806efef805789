package http

// DecodeFonntePayload exposes the webhook decoder to the external tests
// (the fuzz target) of this package.
var DecodeFonntePayload = decodeFonntePayload
