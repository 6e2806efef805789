package http

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

// registerInquiryRoutes registers the public inquiry form of the showroom's
// website.
func (s *Server) registerInquiryRoutes(r *routeTable) {
	r.Handler(http.MethodPost, "/api/leads", s.publicLimited(ClassInquiry, s.handleInquiryCreate))
}

// Limits of the inquiry form's fields.
const (
	maxInquiryNameLen    = 100
	maxInquiryMessageLen = 2000
)

// inquiryRequest is the body of POST /api/leads.
type inquiryRequest struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	CarSlug string `json:"carSlug"`
	Message string `json:"message"`
}

// handleInquiryCreate answers POST /api/leads: a visitor's inquiry becomes
// a customer message on their open lead, created (source web, status new)
// when they have none, so a second inquiry from the same phone lands on the
// same lead. 201 {leadId}. Every broken rule is reported at once (422).
func (s *Server) handleInquiryCreate(w http.ResponseWriter, r *http.Request, sc *scope) {
	var req inquiryRequest
	if err := decodeJSON(w, r, &req); err != nil {
		Error(w, r, err)
		return
	}
	in, problems, err := checkInquiry(r, sc.DB, req)
	if err != nil {
		Error(w, r, err)
		return
	}
	if len(problems) > 0 {
		errs := map[string]string{}
		for field, p := range problems {
			errs[field] = inquiryMessages[field+"."+p]
		}
		Error(w, r, store.ValidationError(errs))
		return
	}
	res, err := sc.DB.RecordInboundMessage(r.Context(), in)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, map[string]int64{"leadId": res.LeadID})
}

// What can be wrong with a field of an inquiry. The API words each in
// English (inquiryMessages); the website in the visitor's language (the
// catalogue's "inquiry.<field>.<problem>").
const (
	problemRequired       = "required"
	problemTooLong        = "tooLong"
	problemInvalid        = "invalid"
	problemCarUnavailable = "unavailable"
)

// inquiryMessages are the API's messages, by field and problem.
var inquiryMessages = map[string]string{
	"name.required":       "Name is required",
	"name.tooLong":        "Name must be at most 100 characters",
	"phone.required":      "Phone is required",
	"phone.invalid":       "Invalid phone number format",
	"message.tooLong":     "Message must be at most 2000 characters",
	"carSlug.unavailable": "Car is not available",
}

// checkInquiry applies the inquiry form's rules, for the API and the
// website alike, and returns the message to record, or the problem of each
// broken field. An error is a failure to check, not a broken rule.
func checkInquiry(r *http.Request, db *store.DB, req inquiryRequest) (store.InboundMessage, map[string]string, error) {
	problems := map[string]string{}
	name := strings.TrimSpace(req.Name)
	switch {
	case name == "":
		problems["name"] = problemRequired
	case utf8.RuneCountInString(name) > maxInquiryNameLen:
		problems["name"] = problemTooLong
	}
	if strings.TrimSpace(req.Phone) == "" {
		problems["phone"] = problemRequired
	} else if _, err := store.NormalizePhone(req.Phone); err != nil {
		problems["phone"] = problemInvalid
	}
	message := strings.TrimSpace(req.Message)
	if utf8.RuneCountInString(message) > maxInquiryMessageLen {
		problems["message"] = problemTooLong
	}
	var car *store.LeadCar
	if slug := strings.TrimSpace(req.CarSlug); slug != "" {
		var err error
		car, err = db.FindAvailableCarBySlug(r.Context(), slug)
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
			problems["carSlug"] = problemCarUnavailable
		case err != nil:
			return store.InboundMessage{}, nil, err
		}
	}
	in := store.InboundMessage{Phone: req.Phone, Name: name, Source: store.SourceWeb, Message: message}
	if car != nil {
		in.CarID = &car.ID
	}
	if in.Message == "" {
		in.Message = "Inquiry from the website"
		if car != nil {
			in.Message += " about " + car.PublicName
		}
	}
	return in, problems, nil
}
