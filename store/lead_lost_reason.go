package store

import "slices"

// Why a lead was lost. A rejected leasing (credit) application is the most
// common reason in Indonesian dealerships, so it comes first.
const (
	LostLeasingRejected = "leasing_rejected"
	LostPrice           = "price"
	LostBoughtElsewhere = "bought_elsewhere"
	LostNoResponse      = "no_response"
	LostChangedMind     = "changed_mind"
	LostCarSold         = "car_sold"
	LostOther           = "other"
)

// LostReasons are the lost reasons in the order a form offers them; the
// CHECK of leads.lost_reason (migration 0008) holds the same set.
var LostReasons = []string{LostLeasingRejected, LostPrice, LostBoughtElsewhere, LostNoResponse,
	LostChangedMind, LostCarSold, LostOther}

// ValidLostReason reports whether s is a known lost reason.
func ValidLostReason(s string) bool {
	return slices.Contains(LostReasons, s)
}

// Messages of the lost reason's rules, shown to the client as they are.
const (
	msgLostReason       = "Lost reason must be leasing_rejected, price, bought_elsewhere, no_response, changed_mind, car_sold or other"
	msgLostReasonStatus = "A lost reason is only for a lead with status lost"
)

// checkLostReason records in errs a lost reason that is unknown or given
// to a lead whose status is not lost. No reason is always allowed: API
// clients older than the reasons close leads as lost without one.
func checkLostReason(errs map[string]string, status, reason string) {
	switch {
	case reason == "":
	case !ValidLostReason(reason):
		errs["lostReason"] = msgLostReason
	case status != LeadLost:
		errs["lostReason"] = msgLostReasonStatus
	}
}
