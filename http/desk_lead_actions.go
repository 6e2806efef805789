package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// The forms of the lead page. Each changes the lead through the store, as
// the JSON API does and with its rules (checkLeadUpdate, queueReply), so
// the change feed tells every open page.

// deskLeadReply queues a reply to the customer (form field message).
func (s *Server) deskLeadReply(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	f.Reply = r.PostFormValue("message")
	_, err := s.queueReply(r, sc, id, f.Reply)
	return "reply", err
}

// deskLeadStatus changes the status (field status).
func (s *Server) deskLeadStatus(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	f.Status = r.PostFormValue("status")
	return "status", s.deskUpdateLead(r, sc, id, store.LeadUpdate{Status: &f.Status})
}

// deskLeadAssign hands the lead to a user (field userId; empty for nobody).
// Only owners and admins have the form; a sales user's post is refused by
// the API's rule.
func (s *Server) deskLeadAssign(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	var user *int64
	if v := r.PostFormValue("userId"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", store.ValidationError(map[string]string{"assignedToUserId": "Unknown user"})
		}
		user = &n
	}
	return "assign", s.deskUpdateLead(r, sc, id, store.LeadUpdate{AssignedToUserID: &user})
}

// deskLeadNotes replaces the internal notes (field notes).
func (s *Server) deskLeadNotes(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	f.Notes = r.PostFormValue("notes")
	return "notes", s.deskUpdateLead(r, sc, id, store.LeadUpdate{Notes: &f.Notes})
}

// deskLeadTags replaces the tags (field tags, separated by commas).
func (s *Server) deskLeadTags(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	f.Tags = r.PostFormValue("tags")
	tags := []string{}
	for _, t := range strings.Split(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return "tags", s.deskUpdateLead(r, sc, id, store.LeadUpdate{Tags: &tags})
}

// deskLeadCar sets the car of interest (field carId; empty clears it).
func (s *Server) deskLeadCar(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	var car *int64
	if v := r.PostFormValue("carId"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", store.ValidationError(map[string]string{"carId": "Unknown car"})
		}
		car = &n
	}
	return "car", s.deskUpdateLead(r, sc, id, store.LeadUpdate{CarID: &car})
}

// deskUpdateLead applies upd for the signed-in user with the API's rules.
func (s *Server) deskUpdateLead(r *http.Request, sc *scope, id int64, upd store.LeadUpdate) error {
	upd.Check = checkLeadUpdate(sc.User, upd)
	_, err := sc.DB.UpdateLead(r.Context(), id, upd)
	return err
}
