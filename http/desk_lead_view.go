package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskLeadFormState is what a form of the lead page was given back with:
// the text typed (kept when it is refused) and the errors by field.
type deskLeadFormState struct {
	Reply, Notes, Tags, CarQuery, Status, LostReason, FollowUp string
	// Template is the id of the quick reply chosen without JavaScript
	// (?template=), which fills the reply box.
	Template string
	Errors   map[string]string
}

// deskLeadPage is the data of a lead's page.
type deskLeadPage struct {
	ID                        int64
	Name, Phone, Dial, WaLink string
	Status, StatusLabel       string
	Assignee                  string
	Notes, Tags               string
	// CanModify: the user may change the lead (the controls are shown);
	// CanTake: a sales user who may only take it; CanAssign: owner/admin.
	CanModify, CanTake, CanAssign bool
	Thread                        []deskBubble
	// NoToken: the showroom has no Fonnte token, so no reply can be sent.
	NoToken     bool
	Statuses    []deskOption
	LostReasons []deskOption
	// FollowUp is the next follow-up as a datetime-local value of the
	// showroom's zone, FollowUpText as people read it.
	FollowUp, FollowUpText, Zone string
	FollowUpDue                  bool
	Users                        []deskOption
	QuickReplies                 []deskQuickReply
	Earlier                      []deskEarlierLead
	Timeline                     []deskEvent
	Car                          *deskCarChoice
	Cars                         []deskCarChoice // the stock matching CarQuery
	Form                         *deskLeadFormState
}

// deskOption is an option of a select.
type deskOption struct {
	Value, Label string
	Selected     bool
}

// deskCarChoice is a car of the stock as the lead page shows it.
type deskCarChoice struct {
	ID                  int64
	Name, Price, Status string
	Thumb               string // "" without a photo
}

// renderDeskLead writes the lead page for l with the form state f.
func (s *Server) renderDeskLead(w http.ResponseWriter, r *http.Request, sc *scope, status int, l *store.Lead, f *deskLeadFormState) {
	lang, zone, now := deskLang(r), showroomZone(sc.Tenant), time.Now()
	p := newDeskLeadPage(sc, l, f, lang, zone, now)
	if err := p.load(r, sc, l, f, lang, zone, now); err != nil {
		Error(w, r, err)
		return
	}
	s.renderDesk(w, r, sc, status, deskPageOf{name: "lead", section: sectionLeads,
		titleKey: "desk.lead.title", live: true, content: p})
}

// newDeskLeadPage fills what the lead itself and the user's role tell;
// what was typed in a refused form is shown again.
func newDeskLeadPage(sc *scope, l *store.Lead, f *deskLeadFormState, lang web.Lang, zone *time.Location, now time.Time) *deskLeadPage {
	p := &deskLeadPage{ID: l.ID, Name: deskCustomerName(l), Phone: web.LocalPhone(l.CustomerPhone),
		Dial: l.CustomerPhone, WaLink: "https://wa.me/" + store.PhoneDigits(l.CustomerPhone),
		Status: l.Status, StatusLabel: lang.T("desk.status." + l.Status),
		Notes: l.Notes, Tags: strings.Join(l.Tags, ", "),
		CanModify: checkLeadModify(sc.User, l) == nil, CanAssign: sc.User.Role != store.RoleSales,
		NoToken: sc.Tenant.FonnteToken == "", Zone: now.In(zone).Format("MST"), Form: f}
	p.CanTake = !p.CanModify && l.AssignedToUserID == nil
	if l.AssignedTo != nil {
		p.Assignee = l.AssignedTo.Name
	}
	p.Statuses, p.LostReasons = deskStatusOptions(l, f, lang)
	if l.FollowUpAt != nil {
		p.FollowUp = l.FollowUpAt.In(zone).Format(deskFollowUpLayout)
		p.FollowUpText, p.FollowUpDue = web.DateTime(*l.FollowUpAt, zone, lang), !l.FollowUpAt.After(now)
	}
	if f.Errors["notes"] != "" {
		p.Notes = f.Notes
	}
	if f.Errors["tags"] != "" {
		p.Tags = f.Tags
	}
	if f.Errors["followUpAt"] != "" {
		p.FollowUp = f.FollowUp
	}
	return p
}

// load reads what the page shows beside the lead: the conversation, quick
// replies, the customer's other leads, the users, the cars and the
// timeline.
func (p *deskLeadPage) load(r *http.Request, sc *scope, l *store.Lead, f *deskLeadFormState, lang web.Lang, zone *time.Location, now time.Time) error {
	msgs, err := sc.DB.FindMessages(r.Context(), l.ID)
	if err != nil {
		return err
	}
	p.Thread = deskThread(msgs, zone, lang, now, p.CanModify)
	if p.QuickReplies, err = deskQuickReplies(r, sc, l, f); err != nil {
		return err
	}
	if p.Earlier, err = deskEarlierLeads(r, sc, l, zone, lang); err != nil {
		return err
	}
	users, err := sc.DB.FindUsers(r.Context())
	if err != nil {
		return err
	}
	if p.CanAssign {
		p.Users = deskAssignees(users, l, lang)
	}
	if p.Car, p.Cars, err = deskLeadCars(r, sc, l, f.CarQuery); err != nil {
		return err
	}
	p.Timeline, err = deskTimeline(r, sc, l, users, zone, lang)
	return err
}

// deskStatusOptions are the options of the status form: the statuses, and
// the lost reasons, none chosen until one is.
func deskStatusOptions(l *store.Lead, f *deskLeadFormState, lang web.Lang) (statuses, reasons []deskOption) {
	status, reason := f.Status, f.LostReason
	if !store.ValidLeadStatus(status) {
		status = l.Status
	}
	if reason == "" {
		reason = l.LostReason
	}
	for _, st := range store.LeadStatuses {
		statuses = append(statuses, deskOption{Value: st, Label: lang.T("desk.status." + st), Selected: st == status})
	}
	return statuses, deskLostReasons(reason, lang)
}

// deskLostReasons are the options of a lost reason's select, "Ditolak
// leasing" first (store.LostReasons), after an empty choice.
func deskLostReasons(chosen string, lang web.Lang) []deskOption {
	reasons := []deskOption{{Value: "", Label: lang.T("desk.lead.chooseLostReason"), Selected: chosen == ""}}
	for _, lr := range store.LostReasons {
		reasons = append(reasons, deskOption{Value: lr, Label: lang.T("desk.lost." + lr), Selected: lr == chosen})
	}
	return reasons
}

// deskCustomerName is how a lead's customer is named on the pages: the
// name they gave, else their number as people write it.
func deskCustomerName(l *store.Lead) string {
	if l.CustomerName != "" {
		return l.CustomerName
	}
	return web.LocalPhone(l.CustomerPhone)
}

// deskAssignees are the options of the assignment select: nobody, then the
// showroom's active users.
func deskAssignees(users []*store.User, l *store.Lead, lang web.Lang) []deskOption {
	opts := []deskOption{{Value: "", Label: lang.T("desk.lead.nobody"), Selected: l.AssignedToUserID == nil}}
	for _, u := range users {
		if u.Status == store.UserActive || isUser(l.AssignedToUserID, u) {
			opts = append(opts, deskOption{Value: strconv.FormatInt(u.ID, 10), Label: u.Name, Selected: isUser(l.AssignedToUserID, u)})
		}
	}
	return opts
}
