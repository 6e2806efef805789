package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

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

// deskLeadStatus changes the status (field status). Closing a lead as lost
// takes a reason (field lostReason) on the dashboard, though the API does
// not ask old clients for one. From the board, a move to lost without a
// reason goes to the lead page's status form to choose one.
func (s *Server) deskLeadStatus(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	f.Status, f.LostReason = r.PostFormValue("status"), r.PostFormValue("lostReason")
	upd := store.LeadUpdate{Status: &f.Status}
	if f.Status == store.LeadLost {
		if f.LostReason == "" {
			return "", store.ValidationError(map[string]string{"lostReason": "A lost reason is required"})
		}
		upd.LostReason = &f.LostReason
	}
	err := s.deskUpdateLead(r, sc, id, upd)
	if store.ErrorCode(err) == store.ECONFLICT { // reopening beside the customer's open lead
		err = store.ValidationError(map[string]string{"openLead": "The customer has another open lead"})
	}
	return "status", err
}

// deskFollowUpLayout is the value of a datetime-local input.
const deskFollowUpLayout = "2006-01-02T15:04"

// deskLeadFollowUp sets the next follow-up (field followUpAt, a date and
// time of the showroom's zone) or, with the field clear, removes it.
func (s *Server) deskLeadFollowUp(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	var at *time.Time
	if r.PostFormValue("clear") == "" {
		f.FollowUp = r.PostFormValue("followUpAt")
		t, err := time.ParseInLocation(deskFollowUpLayout, f.FollowUp, showroomZone(sc.Tenant))
		if err != nil {
			return "", store.ValidationError(map[string]string{"followUpAt": "A date and time is required"})
		}
		at = &t
	}
	return "follow-up", s.deskUpdateLead(r, sc, id, store.LeadUpdate{FollowUpAt: &at})
}

// deskLeadRetry sends a failed reply again (field-less; the API's
// retryReply). A message no longer failed (a second tap, a colleague's
// retry) is left as it is.
func (s *Server) deskLeadRetry(r *http.Request, sc *scope, id int64, f *deskLeadFormState) (string, error) {
	mid, err := idParam(r, "messageId")
	if err != nil {
		return "", err
	}
	_, err = s.retryReply(r, sc, id, mid)
	if store.ErrorCode(err) == store.EINVALID && store.ErrorDetails(err) == nil {
		err = nil
	}
	return "m" + strconv.FormatInt(mid, 10), err
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
	upd.By, upd.Check = &sc.User.ID, checkLeadUpdate(sc.User, upd)
	_, err := sc.DB.UpdateLead(r.Context(), id, upd)
	return err
}
