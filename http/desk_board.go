package http

import (
	"net/http"
	"net/url"
	"time"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskBoardCards is how many cards a column of the board shows, the most
// recently active first; the inbox lists the rest.
const deskBoardCards = 20

// deskBoard is the data of the board: a column per status.
type deskBoard struct {
	Columns []deskBoardColumn
	// LostReasons are the choices of the dialog that asks, when a card is
	// dragged to lost, why.
	LostReasons []deskOption
}

// deskBoardColumn is the leads of one status the user may see.
type deskBoardColumn struct {
	Status, Label string
	Count         int64
	Cards         []deskBoardCard
	// MoreURL lists the whole column in the inbox, "" when every card shows.
	MoreURL string
}

// deskBoardCard is a lead on the board.
type deskBoardCard struct {
	ID             int64
	Name, Car, Age string
	FollowUp       string
	FollowUpDue    bool
	CanMove        bool
	Statuses       []deskOption
}

func (s *Server) registerDeskBoardRoutes(r *routeTable) {
	r.Page(http.MethodGet, "/admin/board", s.deskSignedIn(s.handleDeskBoard))
}

// handleDeskBoard serves GET /admin/board: the leads as a kanban by status,
// in the user's scope (a sales user: their own and unassigned ones). Cards
// move with the lead page's status form (back=board), by drag or by the
// card's own select.
func (s *Server) handleDeskBoard(w http.ResponseWriter, r *http.Request, sc *scope) {
	lang, zone, now := deskLang(r), showroomZone(sc.Tenant), time.Now()
	b := &deskBoard{LostReasons: deskLostReasons("", lang)}
	for _, st := range store.LeadStatuses {
		leads, total, err := sc.DB.FindLeads(r.Context(), store.LeadFilter{Status: st, VisibleTo: salesVisibility(sc.User),
			SortByActivity: true, Limit: deskBoardCards})
		if err != nil {
			Error(w, r, err)
			return
		}
		col := deskBoardColumn{Status: st, Label: lang.T("desk.status." + st), Count: total}
		if total > int64(len(leads)) {
			q := url.Values{"status": {st}}
			if sc.User.Role != store.RoleSales {
				q.Set("tab", "all")
			}
			col.MoreURL = deskPath + "/leads?" + q.Encode()
		}
		for _, l := range leads {
			col.Cards = append(col.Cards, newDeskBoardCard(sc.User, l, lang, zone, now))
		}
		b.Columns = append(b.Columns, col)
	}
	s.renderDesk(w, r, sc, http.StatusOK, deskPageOf{name: "board", section: sectionBoard,
		titleKey: "desk.board.title", live: true, content: b})
}

func newDeskBoardCard(u *store.User, l *store.Lead, lang web.Lang, zone *time.Location, now time.Time) deskBoardCard {
	c := deskBoardCard{ID: l.ID, Name: deskCustomerName(l), Age: web.Ago(l.ActivityAt, now, zone, lang),
		CanMove: checkLeadModify(u, l) == nil}
	if l.Car != nil {
		c.Car = l.Car.PublicName
	}
	if l.FollowUpAt != nil {
		c.FollowUp, c.FollowUpDue = web.DateTime(*l.FollowUpAt, zone, lang), !l.FollowUpAt.After(now)
	}
	if c.CanMove {
		c.Statuses, _ = deskStatusOptions(l, &deskLeadFormState{}, lang)
	}
	return c
}
