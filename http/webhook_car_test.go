package http_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// A WhatsApp message that names a car by its display code, as the
// website's WhatsApp button writes it, links the lead to that car when the
// lead has none yet.
func TestWebhookMessageNamesCar(t *testing.T) {
	env := &carEnv{testEnv: newTestEnv(t)}
	tn := env.whatsAppTenant("alpha", "")
	avanza := env.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	brio := env.addCar("alpha", testCar("B01", "Honda", "Brio", 2019, 135_000_000, store.CarAvailable))
	env.addCar("alpha", testCar("#D01", "Suzuki", "Ertiga", 2021, 175_000_000, store.CarDraft))
	env.createUser("alpha", "owner@alpha.test", store.RoleOwner)
	owner := env.login("alpha", "owner@alpha.test")

	n := 0
	send := func(phone, text string) int64 {
		t.Helper()
		n++
		body, _ := json.Marshal(map[string]any{"device": "628123456789", "sender": phone, "message": text,
			"inboxid": fmt.Sprint(n)})
		res := env.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, "application/json", string(body))
		if res.Code != http.StatusOK {
			t.Fatalf("%d %s", res.Code, res.Body)
		}
		var out struct {
			Data struct{ LeadID int64 } `json:"data"`
		}
		res.decode(t, &out)
		return out.Data.LeadID
	}
	carOf := func(lead int64) int64 {
		t.Helper()
		var out struct {
			Data struct {
				Car *struct {
					ID int64 `json:"id"`
				} `json:"car"`
			} `json:"data"`
		}
		env.do("GET", fmt.Sprintf("/api/admin/leads/%d", lead), "alpha.test", owner, nil).decode(t, &out)
		if out.Data.Car == nil {
			return 0
		}
		return out.Data.Car.ID
	}

	for i, tc := range []struct {
		text string
		want int64
	}{
		{"Halo, saya tertarik dengan Toyota Avanza 2020 (#A01). Apakah masih tersedia?", avanza.ID},
		{"yg #a01 msh ada gan?", avanza.ID},
		{"Brio B01 bisa nego?", brio.ID},
		{"Kalau yang a01?", avanza.ID},
		{"Ertiga #D01 ready?", 0},         // a draft is not for sale
		{"Avanza 2020 1.5 masih ada?", 0}, // a year and an engine size are no codes
	} {
		lead := send(fmt.Sprintf("62812000000%02d", i), tc.text)
		if got := carOf(lead); got != tc.want {
			t.Errorf("%q: car %d, want %d", tc.text, got, tc.want)
		}
	}

	// A lead that has a car keeps it when the customer names another.
	lead := send("6281299999999", "Halo, #A01 masih ada?")
	send("6281299999999", "Kalau B01 gimana?")
	if got := carOf(lead); got != avanza.ID {
		t.Errorf("a second code replaced the lead's car: %d", got)
	}
}
