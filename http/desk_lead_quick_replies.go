package http

import (
	"net/http"
	"strconv"

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
