package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// The inbox's tabs (?tab=).
const (
	tabMine       = "mine"
	tabUnassigned = "unassigned"
	tabWaiting    = "waiting"
	tabFollowUp   = "followup"
	tabAll        = "all"
)

const (
	inboxPageSize = 25
	// maxInboxQuery bounds a search: a name or a phone number is far shorter.
	maxInboxQuery = 100
	// inboxExcerpt is the length of a row's last message, about a line
	// of a phone.
	inboxExcerpt = 90
)

// deskInbox is the inbox page: the tabs, the search, one page of rows and
// the links to the pages beside it.
type deskInbox struct {
	Tab, Query, Status string
	// Today: only the leads that came today (?new=today, from the home page).
	Today    bool
	Tabs     []inboxTab
	Statuses []inboxStatus
	Errors   map[string]string
	Rows     []*inboxRow
	// Newer and Older are the URLs of the pages beside this one, or "".
	Newer, Older string
}

type inboxTab struct {
	Key, Label, URL string
	Current         bool
}

type inboxStatus struct {
	Value, Label string
	Selected     bool
}

// inboxRow is one lead as the inbox lists it.
type inboxRow struct {
	ID int64
	// Customer is the name, or the phone when there is none; Phone is
	// shown beside a name.
	Customer, Phone string
	Car             string
	Last            string
	// LastBy names who wrote the last message when it was not the
	// customer (a catalogue key), or "".
	LastBy string
	// Age is how long ago the lead last moved, At and Datetime when.
	Age, At, Datetime string
	Unread            bool
	Awaiting          bool
	// Status is the lead's status, StatusLabel its name.
	Status, StatusLabel string
	Assignee            string
	// FollowUp is when the lead is to be followed up, if set; Overdue
	// when that has passed.
	FollowUp string
	Overdue  bool
	CanTake  bool
}

// inboxQuery is what the address asks of the inbox.
type inboxQuery struct {
	tab, q, status string
	today          bool
	page           int
}

// handleDeskInbox serves GET /admin/leads: the leads the user may see, by
// last activity, one tab, search and status at a time, with older and
// newer pages instead of a count of every match.
func (s *Server) handleDeskInbox(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang := deskLang(r)
	loc := showroomZone(sc.Tenant)
	now := time.Now()
	waiting, err := s.deskWaiting(r, sc, nil)
	if err != nil {
		Error(w, r, err)
		return
	}
	in, errs := parseInboxQuery(r.URL.Query(), sc.User, waiting, lang)
	f := inboxFilter(in, sc.User, now, loc)
	f.Offset, f.Limit = (in.page-1)*inboxPageSize, inboxPageSize
	leads, more, err := sc.DB.FindInboxPage(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}
	last, err := sc.DB.FindLastMessages(r.Context(), ids)
	if err != nil {
		Error(w, r, err)
		return
	}
	p := &deskInbox{Tab: in.tab, Query: in.q, Status: in.status, Today: in.today, Errors: errs}
	for _, key := range inboxTabs(sc.User) {
		p.Tabs = append(p.Tabs, inboxTab{Key: key, Label: lang.T("desk.inbox.tab." + key),
			URL: inboxQuery{tab: key}.url(1), Current: key == in.tab})
	}
	for _, st := range store.LeadStatuses {
		p.Statuses = append(p.Statuses, inboxStatus{Value: st, Label: lang.T("desk.status." + st), Selected: st == in.status})
	}
	for _, l := range leads {
		p.Rows = append(p.Rows, newInboxRow(l, last[l.ID], sc.User, now, loc, lang))
	}
	if in.page > 1 {
		p.Newer = in.url(in.page - 1)
	}
	if more {
		p.Older = in.url(in.page + 1)
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.renderDesk(w, r, sc, status, deskPageOf{name: "inbox", section: sectionLeads,
		titleKey: "desk.inbox.title", live: true, content: p, waiting: &waiting})
}

// inboxTabs are the tabs u has: All only for those who see every lead.
func inboxTabs(u *store.User) []string {
	tabs := []string{tabWaiting, tabMine, tabUnassigned, tabFollowUp}
	if salesVisibility(u) == nil {
		tabs = append(tabs, tabAll)
	}
	return tabs
}

// defaultInboxTab is the tab the inbox opens on: the conversations that
// wait for an answer while there are any, since answering is the job;
// then the user's own leads for sales, everything for owners and admins.
func defaultInboxTab(u *store.User, waiting int64) string {
	switch {
	case waiting > 0:
		return tabWaiting
	case salesVisibility(u) != nil:
		return tabMine
	}
	return tabAll
}

// parseInboxQuery reads the inbox's address. What cannot be used is left
// out: an unknown tab opens the default one, a bad page the first; a bad
// status or an overlong search is also named beside its field.
func parseInboxQuery(v url.Values, u *store.User, waiting int64, lang web.Lang) (inboxQuery, map[string]string) {
	in := inboxQuery{tab: defaultInboxTab(u, waiting), q: strings.TrimSpace(v.Get("q")),
		status: v.Get("status"), today: v.Get("new") == "today", page: 1}
	for _, t := range inboxTabs(u) {
		if v.Get("tab") == t {
			in.tab = t
		}
	}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		in.page = n
	}
	errs := map[string]string{}
	if in.status != "" && !store.ValidLeadStatus(in.status) {
		errs["status"], in.status = lang.T("desk.inbox.badStatus"), ""
	}
	if utf8.RuneCountInString(in.q) > maxInboxQuery {
		errs["q"] = lang.T("desk.inbox.queryTooLong", maxInboxQuery)
		in.q = string([]rune(in.q)[:maxInboxQuery])
	}
	return in, errs
}

// url is the address of page n of the inbox as in asks for it.
func (in inboxQuery) url(n int) string {
	v := url.Values{"tab": {in.tab}}
	if in.q != "" {
		v.Set("q", in.q)
	}
	if in.status != "" {
		v.Set("status", in.status)
	}
	if in.today {
		v.Set("new", "today")
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	return inboxURL(v)
}

func inboxURL(v url.Values) string { return deskPath + "/leads?" + v.Encode() }

// inboxFilter is the store's filter of in's tab, search and status, within
// what u may see, newest activity first, with u's unread marks.
func inboxFilter(in inboxQuery, u *store.User, now time.Time, loc *time.Location) store.LeadFilter {
	f := store.LeadFilter{VisibleTo: salesVisibility(u), Search: in.q, Status: in.status,
		SortByActivity: true, ReadBy: &u.ID}
	switch in.tab {
	case tabMine:
		f.AssignedTo = &u.ID
	case tabUnassigned:
		f.Unassigned = true
	case tabWaiting:
		f.Awaiting = true
	case tabFollowUp:
		// Everything due by the end of the showroom's day, overdue first.
		due := endOfShowroomDay(now, loc)
		f.FollowUpDue = &due
	}
	if in.today {
		day := showroomDay(now, loc)
		f.Since = &day
	}
	return f
}

func newInboxRow(l *store.Lead, last *store.LastMessage, u *store.User, now time.Time, loc *time.Location, lang web.Lang) *inboxRow {
	row := &inboxRow{ID: l.ID, Customer: l.CustomerName, Phone: web.LocalPhone(l.CustomerPhone),
		Unread: l.Unread, Awaiting: l.AwaitingReply, Status: l.Status, StatusLabel: lang.T("desk.status." + l.Status),
		CanTake: l.AssignedToUserID == nil}
	if row.Customer == "" {
		row.Customer, row.Phone = row.Phone, ""
	}
	if l.Car != nil {
		row.Car = l.Car.PublicName
	}
	at := l.ActivityAt
	if last != nil {
		row.Last = web.Excerpt(last.Message, inboxExcerpt)
		if last.Sender != store.SenderCustomer {
			row.LastBy = "desk.inbox.by." + last.Sender
		}
	}
	row.Age, row.At, row.Datetime = web.Ago(at, now, loc, lang), web.DateTime(at, loc, lang), at.In(loc).Format(time.RFC3339)
	switch {
	case isUser(l.AssignedToUserID, u):
		row.Assignee = lang.T("desk.inbox.assignedToYou")
	case l.AssignedTo != nil:
		row.Assignee = l.AssignedTo.Name
	default:
		row.Assignee = lang.T("desk.inbox.unassigned")
	}
	if l.FollowUpAt != nil && store.IsOpenLeadStatus(l.Status) {
		row.FollowUp, row.Overdue = web.DateTime(*l.FollowUpAt, loc, lang), l.FollowUpAt.Before(now)
	}
	return row
}

// handleDeskTake serves POST /admin/leads/:id/take: the signed-in user
// takes an unassigned lead, by the API's rule of who may assign what
// (assignUpdate), and lands on the lead's conversation: the next thing
// after taking a customer is answering them, and in the Unassigned tab the
// row would be gone.
func (s *Server) handleDeskTake(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	if _, err := sc.DB.UpdateLead(r.Context(), id, assignUpdate(sc.User, &sc.User.ID)); err != nil && !takenBy(r, sc, id, err) {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, deskPath+"/leads/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// takenBy reports whether a take refused with err failed only because the
// lead is already the user's (a second tap, another tab): that is done.
func takenBy(r *http.Request, sc *scope, id int64, err error) bool {
	if store.ErrorCode(err) != store.EFORBIDDEN {
		return false
	}
	l, ferr := sc.DB.FindLeadByID(r.Context(), id)
	return ferr == nil && isUser(l.AssignedToUserID, sc.User)
}
