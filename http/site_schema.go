package http

import (
	"strconv"
	"strings"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// schema.org structured data of the website, built from Go values: the
// page's template writes it through html/template's JSON escaping, so no
// text a dealer or customer typed can end the script element or break the
// JSON.

type schemaThing = map[string]any

// carData describes a car as a schema.org Car with its Offer.
func carData(c *store.Car, url string, images []string, t *tenants.Tenant) schemaThing {
	availability := "https://schema.org/InStock"
	switch c.Status {
	case store.CarSold:
		availability = "https://schema.org/SoldOut"
	case store.CarBooking:
		availability = "https://schema.org/LimitedAvailability"
	}
	car := schemaThing{
		"@context": "https://schema.org", "@type": "Car", "name": c.PublicName, "url": url,
		"brand":               schemaThing{"@type": "Brand", "name": c.Brand},
		"model":               c.Model,
		"vehicleModelDate":    strconv.Itoa(c.Year),
		"mileageFromOdometer": schemaThing{"@type": "QuantitativeValue", "value": c.Km, "unitCode": "KMT"},
		"vehicleTransmission": c.Transmission,
		"color":               c.Color,
		"itemCondition":       "https://schema.org/UsedCondition",
		"offers": schemaThing{"@type": "Offer", "price": c.Price, "priceCurrency": "IDR",
			"availability": availability, "itemCondition": "https://schema.org/UsedCondition", "url": url,
			"seller": schemaThing{"@type": "AutoDealer", "name": t.Name}},
	}
	if c.FuelType != "" {
		car["fuelType"] = c.FuelType
	}
	if len(images) > 0 {
		car["image"] = images
	}
	if c.Description != "" {
		car["description"] = c.Description
	}
	return car
}

// schemaDays are the weekdays of the business hours with their schema.org
// names.
var schemaDays = []struct{ key, name string }{
	{"monday", "Monday"}, {"tuesday", "Tuesday"}, {"wednesday", "Wednesday"}, {"thursday", "Thursday"},
	{"friday", "Friday"}, {"saturday", "Saturday"}, {"sunday", "Sunday"},
}

// autoDealerData describes the showroom as a schema.org AutoDealer with its
// address, phone and opening hours.
func autoDealerData(t *tenants.Tenant, url string) schemaThing {
	d := schemaThing{"@context": "https://schema.org", "@type": "AutoDealer", "name": t.Name, "url": url}
	if t.Address != "" || t.City != "" {
		addr := schemaThing{"@type": "PostalAddress", "addressCountry": "ID"}
		if t.Address != "" {
			addr["streetAddress"] = t.Address
		}
		if t.City != "" {
			addr["addressLocality"] = t.City
		}
		d["address"] = addr
	}
	if t.Phone != "" {
		d["telephone"] = t.Phone
	}
	if t.LogoURL != "" {
		d["logo"] = t.LogoURL
	}
	if t.MapsURL != "" {
		d["hasMap"] = t.MapsURL
	}
	var hours []schemaThing
	for _, day := range schemaDays {
		opens, closes, ok := strings.Cut(t.BusinessHours[day.key], "-")
		if !ok {
			continue // closed, or not given
		}
		hours = append(hours, schemaThing{"@type": "OpeningHoursSpecification",
			"dayOfWeek": "https://schema.org/" + day.name, "opens": opens, "closes": closes})
	}
	if len(hours) > 0 {
		d["openingHoursSpecification"] = hours
	}
	return d
}
