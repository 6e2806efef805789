package http

import (
	"net/http"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskEarlierLead is another lead of the same customer.
type deskEarlierLead struct {
	ID                         int64
	Created, Status, StatusKey string
	Car                        string
}

// deskEarlierLeads are the customer's other leads the user may see,
// newest first.
func deskEarlierLeads(r *http.Request, sc *scope, l *store.Lead, zone *time.Location, lang web.Lang) ([]deskEarlierLead, error) {
	leads, err := sc.DB.FindCustomerLeads(r.Context(), l.CustomerPhone, l.ID, salesVisibility(sc.User))
	if err != nil {
		return nil, err
	}
	out := make([]deskEarlierLead, 0, len(leads))
	for _, o := range leads {
		e := deskEarlierLead{ID: o.ID, Created: web.Date(o.CreatedAt, zone, lang),
			Status: lang.T("desk.status." + o.Status), StatusKey: o.Status}
		if o.Car != nil {
			e.Car = o.Car.PublicName
		}
		out = append(out, e)
	}
	return out, nil
}
