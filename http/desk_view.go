package http

import (
	"net/http"
	"strconv"

	"github.com/autoleads/autoleads/http/web"
)

// Sections of the dashboard, one per tab of its navigation.
const (
	sectionHome    = "home"
	sectionLeads   = "leads"
	sectionBoard   = "board"
	sectionAccount = "account"
)

// deskView is what every dashboard page's template receives as its data:
// who is signed in where (nil User on the sign-in form, which shows no
// navigation), the tab it belongs to, and the page's own content.
type deskView struct {
	Showroom string
	UserName string
	Section  string
	// Live asks the page's script to follow the showroom's changes and
	// refresh the page's [data-live] regions; Version is the version of
	// the showroom's data the page shows at least.
	Live    bool
	Version string
	// Waiting counts the conversations the user may answer whose customer
	// spoke last: the tab title and the Inbox tab show it.
	Waiting int64
	Content any
}

// SignedIn reports whether the page is shown to a signed-in user.
func (v *deskView) SignedIn() bool { return v.UserName != "" }

// deskPageOf describes a page of the dashboard: its template, tab, title
// key and content, and the user's waiting conversations (deskView.Waiting)
// when the page counted them already.
type deskPageOf struct {
	name, section, titleKey string
	live                    bool
	content                 any
	waiting                 *int64
}

// renderDesk writes a page of the dashboard for the signed-in user of sc.
func (s *Server) renderDesk(w http.ResponseWriter, r *http.Request, sc *scope, status int, p deskPageOf) {
	lang := deskLang(r)
	v := &deskView{Showroom: sc.Tenant.Name, Section: p.section, Live: p.live, Version: s.live.version(sc.Changes), Content: p.content}
	title := lang.T(p.titleKey) + " — " + sc.Tenant.Name
	if sc.User != nil {
		v.UserName = sc.User.Name
		n, err := s.deskWaiting(r, sc, p.waiting)
		if err != nil {
			Error(w, r, err)
			return
		}
		if v.Waiting = n; n > 0 {
			title = "(" + strconv.FormatInt(n, 10) + ") " + title
		}
	}
	s.renderPage(w, r, status, "desk/"+p.name, &web.Page{Lang: lang, NoIndex: true, Title: title, Data: v})
}

// deskWaiting counts the conversations the user of sc may answer whose
// customer spoke last, unless counted (by the page) already.
func (s *Server) deskWaiting(r *http.Request, sc *scope, counted *int64) (int64, error) {
	if counted != nil {
		return *counted, nil
	}
	return sc.DB.CountAwaiting(r.Context(), salesVisibility(sc.User))
}
