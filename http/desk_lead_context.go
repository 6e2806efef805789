package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskQuickReply is a showroom template filled for the lead: a tap (or,
// without JavaScript, its link) puts Text in the reply box.
type deskQuickReply struct {
	ID          int64
	Title, Text string
}

// deskQuickReplies are the showroom's templates filled for l; the one the
// form state names (?template=) also fills the reply box when it is empty.
func deskQuickReplies(r *http.Request, sc *scope, l *store.Lead, f *deskLeadFormState) ([]deskQuickReply, error) {
	replies, err := sc.DB.FindQuickReplies(r.Context())
	if err != nil {
		return nil, err
	}
	v := web.QuickReplyValues{Name: l.CustomerName}
	if l.Car != nil {
		v.Car, v.Price = l.Car.PublicName, web.Rupiah(l.Car.Price)
	}
	out := make([]deskQuickReply, 0, len(replies))
	for _, q := range replies {
		qr := deskQuickReply{ID: q.ID, Title: q.Title, Text: web.FillQuickReply(q.Body, v)}
		if f.Reply == "" && f.Template == strconv.FormatInt(q.ID, 10) {
			f.Reply = qr.Text
		}
		out = append(out, qr)
	}
	return out, nil
}

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
