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
	errs := map[string]string{}
	name := strings.TrimSpace(req.Name)
	switch {
	case name == "":
		errs["name"] = "Name is required"
	case utf8.RuneCountInString(name) > maxInquiryNameLen:
		errs["name"] = "Name must be at most 100 characters"
	}
	if strings.TrimSpace(req.Phone) == "" {
		errs["phone"] = "Phone is required"
	} else if _, err := store.NormalizePhone(req.Phone); err != nil {
		errs["phone"] = store.ErrorMessage(err)
	}
	message := strings.TrimSpace(req.Message)
	if utf8.RuneCountInString(message) > maxInquiryMessageLen {
		errs["message"] = "Message must be at most 2000 characters"
	}
	var car *store.LeadCar
	if slug := strings.TrimSpace(req.CarSlug); slug != "" {
		var err error
		car, err = sc.DB.FindAvailableCarBySlug(r.Context(), slug)
		switch {
		case store.ErrorCode(err) == store.ENOTFOUND:
			errs["carSlug"] = "Car is not available"
		case err != nil:
			Error(w, r, err)
			return
		}
	}
	if err := store.ValidationError(errs); err != nil {
		Error(w, r, err)
		return
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
	res, err := sc.DB.RecordInboundMessage(r.Context(), in)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeData(w, http.StatusCreated, map[string]int64{"leadId": res.LeadID})
}
