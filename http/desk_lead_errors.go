package http

import "github.com/autoleads/autoleads/http/web"

// deskFieldError is the text shown beside a field the store refused: the
// catalogue's desk.lead.invalid.<field>, or its general one. The store's
// own details are English and written for API clients.
func deskFieldError(lang web.Lang, field string) string {
	return catalogueFieldError(lang, "desk.lead.invalid", field)
}

// catalogueFieldError is the catalogue's <prefix>.<field>, or <prefix>
// itself for a field without a text of its own.
func catalogueFieldError(lang web.Lang, prefix, field string) string {
	return catalogueText(lang, prefix+"."+field, prefix)
}

// catalogueText is the catalogue's text of key, or of fallback when the
// catalogue has none for key.
func catalogueText(lang web.Lang, key, fallback string) string {
	if msg := lang.T(key); msg != key {
		return msg
	}
	return lang.T(fallback)
}
