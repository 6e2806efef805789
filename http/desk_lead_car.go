package http

import (
	"net/http"
	"strings"

	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
)

// deskCarResults is how many cars of the stock a search on the lead page
// lists.
const deskCarResults = 8

// deskLeadCars returns the lead's car of interest and, when query is set,
// the cars for sale or booked that match it by code or name.
func deskLeadCars(r *http.Request, sc *scope, l *store.Lead, query string) (*deskCarChoice, []deskCarChoice, error) {
	var current *deskCarChoice
	if l.CarID != nil {
		c, err := sc.DB.FindCarByID(r.Context(), *l.CarID)
		if err != nil && store.ErrorCode(err) != store.ENOTFOUND {
			return nil, nil, err
		}
		if c != nil {
			choice := newDeskCarChoice(c)
			current = &choice
		}
	}
	query = strings.TrimSpace(query)
	if query == "" {
		return current, nil, nil
	}
	cars, _, err := sc.DB.FindCars(r.Context(), store.CarFilter{Statuses: []string{store.CarAvailable, store.CarBooking},
		Search: query, Limit: deskCarResults})
	if err != nil {
		return nil, nil, err
	}
	found := make([]deskCarChoice, 0, len(cars))
	for _, c := range cars {
		found = append(found, newDeskCarChoice(c))
	}
	return current, found, nil
}

func newDeskCarChoice(c *store.Car) deskCarChoice {
	return deskCarChoice{ID: c.ID, Name: c.PublicName, Price: web.Rupiah(c.Price), Status: c.Status, Thumb: carThumb(c)}
}
