package http

import (
	"net/http"
	"strconv"

	"github.com/autoleads/autoleads/store"
)

// The showroom's quick replies, the templates of the lead page's reply box:
// every staff user sees them; owners and admins manage them, as on the API.
func (s *Server) registerDeskQuickReplyRoutes(r *routeTable) {
	manage := []string{store.RoleOwner, store.RoleAdmin}
	r.Page(http.MethodGet, "/admin/quick-replies", s.deskSignedIn(s.handleDeskQuickReplies))
	r.Page(http.MethodPost, "/admin/quick-replies", s.deskPost(s.deskSignedIn(s.handleDeskQuickReplyCreate, manage...)))
	r.Page(http.MethodPost, "/admin/quick-replies/:id", s.deskPost(s.deskSignedIn(s.handleDeskQuickReplyUpdate, manage...)))
	r.Page(http.MethodPost, "/admin/quick-replies/:id/delete", s.deskPost(s.deskSignedIn(s.handleDeskQuickReplyDelete, manage...)))
}

// deskQuickRepliesPage is the data of the quick replies page. Editing
// names the reply whose form came back with Errors (0: the new one's).
type deskQuickRepliesPage struct {
	Replies   []*store.QuickReply
	CanManage bool
	Max       int
	Editing   int64
	Title     string
	Body      string
	Errors    map[string]string
}

// handleDeskQuickReplies serves GET /admin/quick-replies.
func (s *Server) handleDeskQuickReplies(w http.ResponseWriter, r *http.Request, sc *scope) {
	s.renderDeskQuickReplies(w, r, sc, http.StatusOK, &deskQuickRepliesPage{})
}

func (s *Server) renderDeskQuickReplies(w http.ResponseWriter, r *http.Request, sc *scope, status int, p *deskQuickRepliesPage) {
	replies, err := sc.DB.FindQuickReplies(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	p.Replies, p.CanManage, p.Max = replies, sc.User.Role != store.RoleSales, store.MaxQuickReplies
	s.renderDesk(w, r, sc, status, deskPageOf{name: "quick_replies", section: sectionLeads,
		titleKey: "desk.quick.title", content: p})
}

// handleDeskQuickReplyCreate serves POST /admin/quick-replies.
func (s *Server) handleDeskQuickReplyCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	q := &store.QuickReply{Title: r.PostFormValue("title"), Body: r.PostFormValue("body")}
	s.deskQuickReplyDone(w, r, sc, 0, q.Title, q.Body, sc.DB.CreateQuickReply(r.Context(), q))
}

// handleDeskQuickReplyUpdate serves POST /admin/quick-replies/:id.
func (s *Server) handleDeskQuickReplyUpdate(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err != nil {
		Error(w, r, err)
		return
	}
	title, body := r.PostFormValue("title"), r.PostFormValue("body")
	_, err = sc.DB.UpdateQuickReply(r.Context(), id, store.QuickReplyUpdate{Title: &title, Body: &body})
	s.deskQuickReplyDone(w, r, sc, id, title, body, err)
}

// handleDeskQuickReplyDelete serves POST /admin/quick-replies/:id/delete.
// A reply already gone (a second tap, a colleague's delete) is the wanted
// outcome: back to the list.
func (s *Server) handleDeskQuickReplyDelete(w http.ResponseWriter, r *http.Request, sc *scope) {
	id, err := idParam(r, "id")
	if err == nil {
		err = sc.DB.DeleteQuickReply(r.Context(), id)
	}
	if err != nil && store.ErrorCode(err) != store.ENOTFOUND {
		Error(w, r, err)
		return
	}
	http.Redirect(w, r, deskPath+"/quick-replies#list", http.StatusSeeOther)
}

// deskQuickReplyDone answers a form of the page: back to the list (303),
// or the form again with what was typed and the errors beside its fields.
func (s *Server) deskQuickReplyDone(w http.ResponseWriter, r *http.Request, sc *scope, id int64, title, body string, err error) {
	if err == nil {
		http.Redirect(w, r, deskPath+"/quick-replies#"+deskQuickReplyAnchor(id), http.StatusSeeOther)
		return
	}
	if store.ErrorCode(err) != store.EINVALID {
		Error(w, r, err)
		return
	}
	lang := deskLang(r)
	p := &deskQuickRepliesPage{Editing: id, Title: title, Body: body, Errors: map[string]string{}}
	for field := range store.ErrorDetails(err) {
		p.Errors[field] = catalogueText(lang, "desk.quick.invalid."+field, "desk.lead.invalid")
	}
	if len(p.Errors) == 0 { // the showroom's limit, not a field
		p.Errors["title"] = lang.T("desk.quick.tooMany", store.MaxQuickReplies)
	}
	s.renderDeskQuickReplies(w, r, sc, http.StatusUnprocessableEntity, p)
}

// deskQuickReplyAnchor is the id of a reply's form on the page ("new" for
// the form that adds one).
func deskQuickReplyAnchor(id int64) string {
	if id == 0 {
		return "new"
	}
	return "q" + strconv.FormatInt(id, 10)
}
