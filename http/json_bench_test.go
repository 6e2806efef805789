package http

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkDecodeJSON measures decoding and checking request bodies: a
// full car, the admin's hot path, and a sign-in.
func BenchmarkDecodeJSON(b *testing.B) {
	const car = `{"displayCode":"#N01","brand":"Toyota","model":"Avanza","year":2020,"color":"Hitam",` +
		`"transmission":"Manual","km":45000,"price":165000000,"fuelType":"Bensin","plateNumber":"B 1234 XYZ",` +
		`"keyFeatures":["ABS","Airbag","Kamera mundur"],"photos":["/uploads/00000000000000000000000000000001.jpg"],` +
		`"primaryPhotoIndex":0,"description":"Mobil bekas terawat, surat lengkap, pajak hidup.","status":"available"}`
	const login = `{"email":"owner@alpha.test","password":"password123"}`
	run := func(b *testing.B, body string, dst func() any) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/", nil)
		b.ReportAllocs()
		for b.Loop() {
			r.Body = io.NopCloser(strings.NewReader(body))
			if err := decodeJSON(w, r, dst()); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("Car", func(b *testing.B) { run(b, car, func() any { return new(carRequest) }) })
	b.Run("Login", func(b *testing.B) { run(b, login, func() any { return new(loginRequest) }) })
}
