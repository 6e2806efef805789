package http_test

// deskCarForm is a valid car form of the dashboard, as a browser posts it.
func deskCarForm(code, status string) map[string]string {
	return map[string]string{"displayCode": code, "brand": "Honda", "model": "Jazz RS", "year": "2019",
		"color": "Putih", "transmission": "Matic", "km": "40.000", "price": "Rp 180.000.000",
		"fuelType": "Bensin", "plateNumber": "L 1234 AB", "stockCode": "STK-101",
		"keyFeatures": "Velg racing\r\nKamera mundur", "conditionNotes": "Mulus", "description": "Siap pakai",
		"status": status}
}
