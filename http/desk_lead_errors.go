package http

import "github.com/autoleads/autoleads/http/web"

// deskFieldError is the text shown beside a field the store refused: the
// catalogue's desk.lead.invalid.<field>, or its general one. The store's
// own details are English and written for API clients.
func deskFieldError(lang web.Lang, field string) string {
	key := "desk.lead.invalid." + field
	if msg := lang.T(key); msg != key {
		return msg
	}
	return lang.T("desk.lead.invalid")
}
