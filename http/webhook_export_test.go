package http

// Internal helpers exposed to the external tests of this package.
var (
	DecodeFonntePayload  = decodeFonntePayload
	WhatsAppConnectionOf = whatsappConnectionOf
)
