package http

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskEvent is one change on a lead's timeline, as a sentence.
type deskEvent struct {
	When, Who, What string
}

// deskTimeline is the lead's timeline, newest first: who changed what,
// when, with users (the showroom's) named.
func deskTimeline(r *http.Request, sc *scope, l *store.Lead, users []*store.User, zone *time.Location, lang web.Lang) ([]deskEvent, error) {
	events, err := sc.DB.FindLeadEvents(r.Context(), l.ID)
	if err != nil || len(events) == 0 {
		return nil, err
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[strconv.FormatInt(u.ID, 10)] = u.Name
	}
	out := make([]deskEvent, 0, len(events))
	for i := len(events) - 1; i >= 0; i-- {
		ev := events[i]
		who := ev.UserName
		if who == "" {
			who = lang.T("desk.timeline.system")
		}
		out = append(out, deskEvent{When: web.DateTime(ev.CreatedAt, zone, lang), Who: who,
			What: deskEventText(ev, names, zone, lang)})
	}
	return out, nil
}

// deskEventText says what an event changed: the new value where a person
// reads it at a glance (status, reason, assignee, follow-up, tags), only
// that it changed for the long ones (notes, car).
func deskEventText(ev *store.LeadEvent, users map[string]string, zone *time.Location, lang web.Lang) string {
	value := func(v string) string {
		if v == "" {
			return ""
		}
		switch ev.Kind {
		case store.EventStatus:
			return lang.T("desk.status." + v)
		case store.EventLostReason:
			return lang.T("desk.lost." + v)
		case store.EventAssigned:
			if name, ok := users[v]; ok {
				return name
			}
			return lang.T("desk.timeline.formerUser")
		case store.EventFollowUp:
			t, err := time.Parse(store.TimestampLayout, v)
			if err != nil {
				return v
			}
			return web.DateTime(t, zone, lang)
		case store.EventTags:
			var tags []string
			json.Unmarshal([]byte(v), &tags) // written by the store as a JSON array
			return strings.Join(tags, ", ")
		}
		return v
	}
	key := "desk.timeline." + ev.Kind
	if ev.Kind == store.EventNotes || ev.Kind == store.EventCar {
		return lang.T(key)
	}
	from, to := value(ev.From), value(ev.To)
	switch {
	case to == "":
		return lang.T(key+".cleared", from)
	case from == "":
		return lang.T(key+".set", to)
	}
	return lang.T(key+".changed", from, to)
}
