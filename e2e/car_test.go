package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store/demo"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// A customer opens a car from its card and swipes through its photos: the
// gallery scrolls sideways and snaps to a photo.
func TestCarGallerySwipe(t *testing.T) {
	s := site(t)
	c := carWithPhotos(t)
	tab := newTab(t, phone{})
	do(t, tab,
		chromedp.Navigate(s.url("/")),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`ul.cards a[href="/mobil/%s"]`, c.Slug))),
		chromedp.WaitVisible(chromedp.CSS(".car-head h1")),
	)
	if got := location(t, tab); got != s.url("/mobil/"+c.Slug) {
		t.Fatalf("the card opened %s, want /mobil/%s", got, c.Slug)
	}
	if h1 := text(t, tab, ".car-head h1"); h1 != c.PublicName {
		t.Errorf("the car page's title is %q, want %q", h1, c.PublicName)
	}
	if n := eval[int](t, tab, `document.querySelectorAll(".gallery img").length`); n != c.PhotoCount {
		t.Fatalf("the gallery shows %d photos, want %d", n, c.PhotoCount)
	}
	if snap := eval[string](t, tab, `getComputedStyle(document.querySelector(".gallery")).scrollSnapType`); !strings.Contains(snap, "x") {
		t.Errorf("the gallery's scroll-snap-type is %q, want it to snap sideways", snap)
	}

	box := eval[struct{ X, Y, Width, Height float64 }](t, tab,
		`(() => { const r = document.querySelector(".gallery").getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height} })()`)
	if box.Width > 390 {
		t.Errorf("the gallery is %.0f px wide on a 390-px screen", box.Width)
	}
	// A finger swipes from right to left across the first photo, and the
	// gallery settles on the second one, snapped to its centre.
	swipe(t, tab, box.Y+box.Height/2, box.X+box.Width*0.85, box.X+box.Width*0.2)
	if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](`(() => {
		const g = document.querySelector(".gallery").getBoundingClientRect(),
			img = document.querySelectorAll(".gallery img")[1].getBoundingClientRect();
		return Math.abs((img.left + img.right) / 2 - (g.left + g.right) / 2) < 2
	})()`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("after a swipe the gallery's scrollLeft is %v, not centred on the second photo: %v",
			eval[float64](t, tab, `document.querySelector(".gallery").scrollLeft`), err)
	}
}

// The car page's WhatsApp button opens a chat with the showroom, the
// message naming the car and its display code.
func TestWhatsAppButtonNamesCar(t *testing.T) {
	s := site(t)
	c, text := s.carWhatsAppText(t, "#A05")
	if !strings.Contains(text, c.DisplayCode) || !strings.Contains(text, c.Brand+" "+c.Model) {
		t.Errorf("the WhatsApp message is %q, want it to name %s %s (%s)", text, c.Brand, c.Model, c.DisplayCode)
	}
}

// carWhatsAppText opens the page of the car with display code on a phone
// and returns the car and the message its WhatsApp button types in.
func (s *server) carWhatsAppText(t *testing.T, code string) (car, string) {
	t.Helper()
	c := s.carByCode(t, code)
	tab := newTab(t, phone{})
	do(t, tab, chromedp.Navigate(s.url("/mobil/"+c.Slug)), chromedp.WaitVisible(chromedp.CSS(".car-head a.wa")))
	return c, waText(t, attr(t, tab, ".car-head a.wa", "href"))
}

// waText is the message a wa.me link types in; the link must open a chat
// with the demo showroom's number.
func waText(t *testing.T, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://wa.me/" + demo.Showroom().WhatsAppNumber; u.Scheme+"://"+u.Host+u.Path != want {
		t.Fatalf("the WhatsApp button opens %s, want %s?text=…", href, want)
	}
	return u.Query().Get("text")
}

// A customer sends the inquiry form with a wrong phone number: the page
// says so beside the field and keeps the name; with the number fixed, the
// inquiry becomes a lead about the car and the customer is thanked.
func TestInquiryForm(t *testing.T) {
	s := site(t)
	c := s.carByCode(t, "#A03")
	const name = "Rina Pembeli Peramban"
	tab := newTab(t, phone{})
	do(t, tab,
		chromedp.Navigate(s.url("/mobil/"+c.Slug)),
		chromedp.SendKeys(chromedp.CSS("#inq-name"), name),
		chromedp.SendKeys(chromedp.CSS("#inq-phone"), "12345"),
		chromedp.SendKeys(chromedp.CSS("#inq-message"), "Masih bisa nego?"),
		chromedp.Click(chromedp.CSS(`section.inquiry button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#inq-phone-error")),
	)
	if msg := text(t, tab, "#inq-phone-error"); msg == "" {
		t.Error("the phone's error message is empty")
	}
	if v := attr(t, tab, "#inq-phone", "aria-invalid"); v != "true" {
		t.Errorf("the phone field's aria-invalid is %q", v)
	}
	if v := eval[string](t, tab, `document.querySelector("#inq-name").value`); v != name {
		t.Errorf("the form lost the name: %q", v)
	}
	if v := eval[string](t, tab, `document.querySelector("#inq-message").value`); v != "Masih bisa nego?" {
		t.Errorf("the form lost the message: %q", v)
	}
	if n := len(s.leadsNamed(t, name)); n != 0 {
		t.Fatalf("a refused inquiry made %d leads", n)
	}

	do(t, tab,
		chromedp.Clear(chromedp.CSS("#inq-phone")),
		chromedp.SendKeys(chromedp.CSS("#inq-phone"), "0812-5555-0101"),
		chromedp.Click(chromedp.CSS(`section.inquiry button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.thanks h1")),
	)
	// The browser carries the form's #tanya over the redirect.
	if got, _, _ := strings.Cut(location(t, tab), "#"); got != s.url("/mobil/"+c.Slug+"/terima-kasih") {
		t.Errorf("the inquiry went on to %s", got)
	}
	leads := s.leadsNamed(t, name)
	if len(leads) != 1 {
		t.Fatalf("the inquiry made %d leads named %q, want 1", len(leads), name)
	}
	if l := leads[0]; l.Car == nil || l.Car.ID != c.ID {
		t.Errorf("the inquiry's lead has car %+v, want %d", l.Car, c.ID)
	}
}

// The message the WhatsApp button types in, once sent, reaches the
// showroom through Fonnte's webhook and makes a lead about the car.
func TestWhatsAppMessageLinksCar(t *testing.T) {
	s := site(t)
	c, message := s.carWhatsAppText(t, "#B01")

	leadID := s.whatsApp(t, "6281255550202", "Dodi", message, "browser-suite-1")
	var l lead
	s.admin(t, http.MethodGet, fmt.Sprintf("/api/admin/leads/%d", leadID), nil, &l)
	if l.Car == nil || l.Car.ID != c.ID {
		t.Errorf("the WhatsApp lead has car %+v, want %s (%d)", l.Car, c.DisplayCode, c.ID)
	}
}

// swipe drags one finger along the screen at height y from x0 to x1, at
// about a finger's speed.
func swipe(t *testing.T, tab context.Context, y, x0, x1 float64) {
	t.Helper()
	touch := func(typ input.DispatchTouchEventType, x float64) {
		p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
		if typ != input.DispatchTouchEventTypeTouchEnd {
			p.TouchPoints = []*input.TouchPoint{{X: x, Y: y}}
		}
		if _, err := chromedp.Call(tab, input.DispatchTouchEvent, p); err != nil {
			t.Fatal(err)
		}
	}
	touch(input.DispatchTouchEventTypeTouchStart, x0)
	const steps = 15
	for i := 1; i <= steps; i++ {
		touch(input.DispatchTouchEventTypeTouchMove, x0+(x1-x0)*float64(i)/steps)
		time.Sleep(16 * time.Millisecond)
	}
	touch(input.DispatchTouchEventTypeTouchEnd, x1)
}
