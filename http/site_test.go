package http_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// siteEnv is a car environment whose showroom alpha has a WhatsApp number,
// an address and a few cars of every status.
type siteEnv struct {
	*carEnv
	avanza, innova, brio, sold, booked, draft *store.Car
}

func newSiteEnv(t *testing.T) *siteEnv {
	t.Helper()
	e := &siteEnv{carEnv: newCarEnv(t)}
	number, address, city := "628123456789", "Jl. Raya Darmo No. 123", "Surabaya"
	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{
		WhatsAppNumber: &number, Address: &address, City: &city}); err != nil {
		t.Fatal(err)
	}
	e.avanza = e.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	e.innova = e.addCar("alpha", testCar("#A03", "Toyota", "Innova", 2019, 285_000_000, store.CarAvailable))
	e.brio = e.addCar("alpha", testCar("#B01", "Honda", "Brio", 2019, 135_000_000, store.CarAvailable))
	e.sold = e.addCar("alpha", testCar("#B03", "Honda", "HR-V", 2018, 285_000_000, store.CarSold))
	e.booked = e.addCar("alpha", testCar("#A04", "Toyota", "Zenix", 2022, 385_000_000, store.CarBooking))
	e.draft = e.addCar("alpha", testCar("#D01", "Suzuki", "Ertiga", 2021, 175_000_000, store.CarDraft))
	return e
}

// page gets path on alpha's host as a browser would.
func (e *siteEnv) page(path string) *response {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "alpha.test"
	req.Header.Set("Accept", "text/html")
	return e.serve(req)
}

func wantHTML(t *testing.T, label string, res *response, status int) {
	t.Helper()
	if res.Code != status {
		t.Fatalf("%s: status %d, want %d: %s", label, res.Code, status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Fatalf("%s: Content-Type %q", label, ct)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", label, csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("%s: CSP allows inline code: %q", label, csp)
	}
}

func wantAbsent(t *testing.T, label, body string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if strings.Contains(body, f) {
			t.Errorf("%s: body has %q", label, f)
		}
	}
}

// structuredData returns the JSON-LD object of a page, failing unless it
// is valid JSON.
func structuredData(t *testing.T, body string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no JSON-LD in the page")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD is not valid JSON (%v): %s", err, m[1])
	}
	return v
}

func TestSiteCatalogue(t *testing.T) {
	e := newSiteEnv(t)

	t.Run("available cars only", func(t *testing.T) {
		res := e.page("/")
		wantHTML(t, "home", res, http.StatusOK)
		wantFragments(t, "home", res.Body, `<html lang="id">`, "3 mobil", "Toyota Avanza 2020 Hitam #A01",
			"Rp 165 Jt", "/mobil/"+e.avanza.Slug, "Honda Brio", `href="https://wa.me/628123456789?text=`)
		wantAbsent(t, "home", res.Body, "HR-V", "Zenix", "Ertiga")
		if ld := structuredData(t, res.Body); ld["@type"] != "AutoDealer" {
			t.Errorf("JSON-LD of the catalogue: %v", ld)
		}
	})

	t.Run("filters are a shareable GET form", func(t *testing.T) {
		res := e.page("/?brand=Toyota&maxPrice=300000000")
		wantHTML(t, "filtered", res, http.StatusOK)
		wantFragments(t, "filtered", res.Body, "2 mobil", "Avanza", "Innova",
			`<option value="Toyota" selected>`, `<option value="300000000" selected>`, `<meta name="robots" content="noindex">`,
			`<link rel="canonical" href="http://alpha.test/?brand=Toyota&amp;maxPrice=300000000">`)
		wantAbsent(t, "filtered", res.Body, "Brio")
		res = e.page("/?brand=Toyota&maxPrice=200000000&sortBy=price_desc")
		wantFragments(t, "cheap Toyota", res.Body, "1 mobil", "Avanza")
		wantAbsent(t, "cheap Toyota", res.Body, "Innova")
	})

	t.Run("a URL the form could not send is read leniently", func(t *testing.T) {
		for _, q := range []string{"?minYear=abc", "?page=0", "?page=99999999999", "?sortBy=random&transmission=Auto", "?limit=1000", "?search=%zz"} {
			res := e.page("/" + q)
			wantHTML(t, q, res, http.StatusOK)
		}
	})

	t.Run("pagination by links", func(t *testing.T) {
		for i := range 12 {
			e.addCar("alpha", testCar(fmt.Sprintf("#P%02d", i), "Daihatsu", "Xenia", 2019, 145_000_000, store.CarAvailable))
		}
		first := e.page("/")
		wantFragments(t, "page 1", first.Body, "15 mobil", `href="/?page=2" rel="next"`, "Halaman 1 dari 2")
		if n := strings.Count(first.Body, `<li class="card">`); n != 12 {
			t.Errorf("page 1 shows %d cards, want 12", n)
		}
		second := e.page("/?page=2")
		wantFragments(t, "page 2", second.Body, `href="/" rel="prev"`, `<meta name="robots" content="noindex">`)
		if n := strings.Count(second.Body, `<li class="card">`); n != 3 {
			t.Errorf("page 2 shows %d cards, want 3", n)
		}
	})

	t.Run("a revisit is answered 304", func(t *testing.T) {
		res := e.page("/")
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Host = "alpha.test"
		req.Header.Set("If-None-Match", res.Header.Get("ETag"))
		if again := e.serve(req); again.Code != http.StatusNotModified || again.Body != "" {
			t.Errorf("revisit: %d %q", again.Code, again.Body)
		}
	})

	t.Run("compressed when the browser accepts it", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Host = "alpha.test"
		req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		if res := e.serve(req); res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("not gzipped: %v", res.Header)
		}
	})
}

func TestSiteCarPage(t *testing.T) {
	e := newSiteEnv(t)

	t.Run("available car", func(t *testing.T) {
		res := e.page("/mobil/" + e.avanza.Slug)
		wantHTML(t, "car", res, http.StatusOK)
		wa := regexp.MustCompile(`<a class="wa big" href="([^"]+)"`).FindStringSubmatch(res.Body)
		if wa == nil {
			t.Fatal("no WhatsApp button for the car")
		}
		link, err := url.Parse(html.UnescapeString(wa[1]))
		if err != nil || link.Host != "wa.me" || link.Path != "/628123456789" ||
			link.Query().Get("text") != "Halo, saya tertarik dengan Toyota Avanza 2020 (#A01). Apakah masih tersedia?" {
			t.Errorf("WhatsApp link %q (%v)", wa[1], err)
		}
		wantFragments(t, "car", res.Body, "<h1>Toyota Avanza 2020 Hitam #A01</h1>", "Rp 165.000.000", "30.000 km", "#A01",
			`<link rel="canonical" href="http://alpha.test/mobil/`+e.avanza.Slug+`">`,
			`<meta property="og:title" content="Toyota Avanza 2020 Hitam #A01 — Showroom alpha">`)
		wantAbsent(t, "car", res.Body, `content="noindex"`, "Terjual")
		ld := structuredData(t, res.Body)
		offer, _ := ld["offers"].(map[string]any)
		if ld["@type"] != "Car" || offer["priceCurrency"] != "IDR" || offer["price"] != float64(165_000_000) ||
			offer["availability"] != "https://schema.org/InStock" || ld["vehicleModelDate"] != "2020" {
			t.Errorf("JSON-LD: %v", ld)
		}
	})

	t.Run("photos come in sizes, and a shared link shows a copy", func(t *testing.T) {
		up := e.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", e.brio.ID), "alpha.test", e.owner, "photo", "brio.jpg", photoJPEG)
		if up.Code != http.StatusCreated {
			t.Fatalf("upload: %d %s", up.Code, up.Body)
		}
		full := decodeCarAnswer(t, up).Data.Photos[0]
		base := strings.TrimSuffix(full, ".jpg")
		res := e.page("/mobil/" + e.brio.Slug)
		wantFragments(t, "car with a photo", res.Body, `srcset="`+base+`-320.jpg 320w, `+base+`-640.jpg 640w, `+base+`-1280.jpg 1280w"`,
			`<meta property="og:image" content="http://alpha.test`+base+`-1280.jpg">`)
		home := e.page("/").Body
		wantFragments(t, "card with a photo", home, `src="`+base+`-640.jpg"`)
		// Only the first card's photo, in view as the page opens, loads at once.
		if first, rest, _ := strings.Cut(home, `<li class="card">`+"\n"+`<a`); rest == "" || strings.Count(home, `loading="lazy"`) != strings.Count(home, `<img `)-1 {
			t.Errorf("lazy photos: %d of %d images (%d bytes before the first card)", strings.Count(home, `loading="lazy"`), strings.Count(home, `<img `), len(first))
		}
	})

	t.Run("sold and booked cars stay reachable with a badge", func(t *testing.T) {
		for _, tc := range []struct {
			car   *store.Car
			badge string
		}{{e.sold, "Terjual"}, {e.booked, "Sudah dipesan"}} {
			res := e.page("/mobil/" + tc.car.Slug)
			wantHTML(t, tc.badge, res, http.StatusOK)
			wantFragments(t, tc.badge, res.Body, `<p class="badge big">`+tc.badge+`</p>`,
				`<meta name="robots" content="noindex">`, "Mobil serupa")
			wantAbsent(t, tc.badge, res.Body, `<a class="wa big"`)
		}
		// The catalogue drops a car the moment it is sold.
		if _, err := e.db("alpha").UpdateCar(context.Background(), e.innova.ID, store.CarUpdate{Status: ptr(store.CarSold)}); err != nil {
			t.Fatal(err)
		}
		wantAbsent(t, "catalogue after a sale", e.page("/").Body, "Innova")
		wantFragments(t, "page after a sale", e.page("/mobil/"+e.innova.Slug).Body, "Terjual")
	})

	t.Run("unknown and draft cars are the site's 404", func(t *testing.T) {
		for _, path := range []string{"/mobil/no-such-car-2020", "/mobil/" + e.draft.Slug, "/no/such/page"} {
			res := e.page(path)
			wantHTML(t, path, res, http.StatusNotFound)
			wantFragments(t, path, res.Body, "Halaman tidak ditemukan", "Showroom alpha", `<form method="get" action="/"`)
		}
	})

	t.Run("what a dealer typed renders inert", func(t *testing.T) {
		hostile := testCar("#X01", "Toyota", `Avanza"><img src=x onerror=alert(1)>`, 2021, 150_000_000, store.CarAvailable)
		hostile.Description = `<script>alert(1)</script></script><script>alert(2)</script>`
		hostile.KeyFeatures = []string{`javascript:alert(1)`}
		e.addCar("alpha", hostile)
		res := e.page("/mobil/" + hostile.Slug)
		wantHTML(t, "hostile", res, http.StatusOK)
		wantAbsent(t, "hostile", res.Body, "<script>alert", `<img src=x`, `href="javascript:`)
		wantFragments(t, "hostile", res.Body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		if ld := structuredData(t, res.Body); ld["description"] != hostile.Description {
			t.Errorf("JSON-LD description: %v", ld["description"])
		}
	})
}

func TestSiteHostsAndStatus(t *testing.T) {
	e := newSiteEnv(t)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Host = "nobody.test"
	res := e.serve(req)
	wantHTML(t, "unknown host", res, http.StatusNotFound)
	wantFragments(t, "unknown host", res.Body, "Situs ini tidak ditemukan")
	wantAbsent(t, "unknown host", res.Body, "Showroom alpha", "Showroom beta")

	if res := e.page("/api/nothing"); res.Code != http.StatusNotFound || !strings.Contains(res.Body, `"NOT_FOUND"`) {
		t.Errorf("an unknown API path is JSON: %d %s", res.Code, res.Body)
	}

	if _, err := e.Reg.SetStatus(context.Background(), "alpha", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/mobil/" + e.avanza.Slug} {
		res := e.page(path)
		wantHTML(t, "suspended "+path, res, http.StatusServiceUnavailable)
		wantFragments(t, "suspended "+path, res.Body, "Sementara tidak tersedia")
		if res.Header.Get("Retry-After") == "" {
			t.Errorf("suspended %s: no Retry-After", path)
		}
	}
}

func TestSiteCrawling(t *testing.T) {
	e := newSiteEnv(t)
	robots := e.page("/robots.txt")
	if robots.Code != http.StatusOK {
		t.Fatalf("robots.txt: %d", robots.Code)
	}
	wantFragments(t, "robots.txt", robots.Body, "Disallow: /admin\n", "Disallow: /api/admin\n",
		"Sitemap: http://alpha.test/sitemap.xml")

	res := e.page("/sitemap.xml")
	var m struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(res.Body), &m); err != nil {
		t.Fatalf("sitemap is not XML: %v\n%s", err, res.Body)
	}
	var locs []string
	for _, u := range m.URLs {
		locs = append(locs, u.Loc)
		if strings.Contains(u.Loc, "/mobil/") && !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(u.LastMod) {
			t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
		}
	}
	got := strings.Join(locs, " ")
	wantFragments(t, "sitemap", got, "http://alpha.test/ ", "http://alpha.test/tentang", e.avanza.Slug, e.innova.Slug, e.brio.Slug)
	wantAbsent(t, "sitemap", got, e.sold.Slug, e.booked.Slug, e.draft.Slug)
}

func TestSiteAssets(t *testing.T) {
	e := newSiteEnv(t)
	home := e.page("/")
	for _, link := range regexp.MustCompile(`href="(/assets/[^"]+|/theme\.css[^"]*)"`).FindAllStringSubmatch(home.Body, -1) {
		req := httptest.NewRequest(http.MethodGet, strings.ReplaceAll(link[1], "&amp;", "&"), nil)
		req.Host = "alpha.test"
		req.Header.Set("Accept-Encoding", "gzip")
		res := e.serve(req)
		if res.Code != http.StatusOK {
			t.Errorf("%s: %d", link[1], res.Code)
			continue
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q", link[1], cc)
		}
	}
	theme := e.page(regexp.MustCompile(`href="(/theme\.css[^"]*)"`).FindStringSubmatch(home.Body)[1])
	// The default orange, darkened until white text on it is readable.
	wantFragments(t, "theme", theme.Body, "--brand:#C5431A")
	if res := e.page("/assets/site.0000000000.css"); res.Code != http.StatusNotFound {
		t.Errorf("an unknown asset: %d", res.Code)
	}
}

func ptr[T any](v T) *T { return &v }

// postForm sends the inquiry form of a car's page as a browser on the same
// site would, with extra headers.
func (e *siteEnv) postForm(path string, form url.Values, headers ...string) *response {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Host = "alpha.test"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return e.serve(req)
}

func TestSiteInquiryForm(t *testing.T) {
	e := newSiteEnv(t)
	path := "/mobil/" + e.avanza.Slug
	leads := func() int { return e.count("alpha", `SELECT COUNT(*) FROM leads`) }

	t.Run("the form is on an available car's page only", func(t *testing.T) {
		wantFragments(t, "available", e.page(path).Body, `<form method="post" action="`+path+`#tanya">`,
			`name="name"`, `name="phone"`, `name="message"`, `name="website"`)
		wantAbsent(t, "sold", e.page("/mobil/"+e.sold.Slug).Body, `method="post"`)
	})

	t.Run("a wrong field keeps what was typed", func(t *testing.T) {
		before := leads()
		res := e.postForm(path, url.Values{"name": {""}, "phone": {"12ab"}, "message": {"Bisa kredit? <b>DP</b> 30%"}})
		wantHTML(t, "invalid", res, http.StatusUnprocessableEntity)
		wantFragments(t, "invalid", res.Body, "Nama wajib diisi.", "Nomor HP tidak valid.", `value="12ab"`,
			"Bisa kredit? &lt;b&gt;DP&lt;/b&gt; 30%</textarea>", `aria-invalid="true"`)
		if leads() != before {
			t.Error("an invalid inquiry made a lead")
		}
	})

	t.Run("an inquiry makes a lead and thanks", func(t *testing.T) {
		res := e.postForm(path, url.Values{"name": {"Rina"}, "phone": {"0812-1111-2222"}, "message": {"Masih ada?"}})
		if res.Code != http.StatusSeeOther || res.Header.Get("Location") != path+"/terima-kasih#main" {
			t.Fatalf("post: %d %v %s", res.Code, res.Header, res.Body)
		}
		var list struct {
			Data []struct {
				CustomerName  string `json:"customerName"`
				CustomerPhone string `json:"customerPhone"`
				Source        string `json:"source"`
				Car           *struct {
					ID int64 `json:"id"`
				} `json:"car"`
			} `json:"data"`
		}
		e.do("GET", "/api/admin/leads?search=Rina", "alpha.test", e.owner, nil).decode(t, &list)
		if len(list.Data) != 1 || list.Data[0].CustomerPhone != "+6281211112222" || list.Data[0].Source != "web" ||
			list.Data[0].Car == nil || list.Data[0].Car.ID != e.avanza.ID {
			t.Errorf("the lead in the API: %+v", list.Data)
		}
		thanks := e.page(path + "/terima-kasih")
		wantHTML(t, "thanks", thanks, http.StatusOK)
		wantFragments(t, "thanks", thanks.Body, "Terima kasih!", "Toyota Avanza 2020 Hitam #A01", "wa.me/628123456789")
	})

	t.Run("a bot that fills the hidden field is thanked and ignored", func(t *testing.T) {
		before := leads()
		res := e.postForm(path, url.Values{"name": {"Bot"}, "phone": {"081233334444"}, "website": {"http://spam.example"}})
		if res.Code != http.StatusSeeOther || leads() != before {
			t.Errorf("honeypot: %d, leads %d → %d", res.Code, before, leads())
		}
	})

	t.Run("a cross-origin post is refused", func(t *testing.T) {
		before := leads()
		for _, h := range [][]string{{"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Site", "", "Origin", "https://evil.example"}} {
			res := e.postForm(path, url.Values{"name": {"Evil"}, "phone": {"081255556666"}}, h...)
			wantHTML(t, "cross-origin", res, http.StatusForbidden)
			wantFragments(t, "cross-origin", res.Body, "Permintaan ditolak")
		}
		if leads() != before {
			t.Error("a cross-origin post made a lead")
		}
	})
}

// The website's form shares the API's inquiry limit per client IP.
func TestSiteInquiryRateLimit(t *testing.T) {
	e := &siteEnv{carEnv: &carEnv{testEnv: newTestEnv(t, func(c *apphttp.Config) { c.NoRateLimit = false })}}
	e.createTenant("alpha")
	car := e.addCar("alpha", testCar("#A01", "Toyota", "Avanza", 2020, 165_000_000, store.CarAvailable))
	var last *response
	for i := range 4 {
		last = e.postForm("/mobil/"+car.Slug, url.Values{"name": {"Rina"}, "phone": {fmt.Sprintf("08121111%04d", i)}})
	}
	wantHTML(t, "fourth inquiry", last, http.StatusTooManyRequests)
	wantFragments(t, "fourth inquiry", last.Body, "Terlalu banyak permintaan")
	if last.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
}

func TestSiteAbout(t *testing.T) {
	e := newSiteEnv(t)
	hours := map[string]string{"monday": "08:00-17:00", "saturday": "08:00-14:00", "sunday": "closed"}
	settings := json.RawMessage(`{"timeZone":"WITA"}`)
	phone, maps := "031-1234567", "https://maps.example/showroom"
	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{
		BusinessHours: &hours, Settings: &settings, Phone: &phone, MapsURL: &maps}); err != nil {
		t.Fatal(err)
	}
	// Monday 30 November 2026, 10.00 WITA (02.00 UTC).
	e.Reg.Now = func() time.Time { return time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC) }
	res := e.page("/tentang")
	wantHTML(t, "about", res, http.StatusOK)
	wantFragments(t, "about", res.Body, "Tentang Showroom alpha", "Buka sekarang", "Jl. Raya Darmo No. 123, Surabaya",
		`href="https://maps.example/showroom"`, `href="tel:&#43;62311234567">031-1234567</a>`,
		`<tr class="today"><th scope="row">Senin (Hari ini)</th><td>08:00-17:00</td></tr>`,
		"<th scope=\"row\">Minggu</th><td>Tutup</td>", "Waktu setempat (WITA)")
	if ld := structuredData(t, res.Body); ld["@type"] != "AutoDealer" || ld["openingHoursSpecification"] == nil {
		t.Errorf("JSON-LD: %v", ld)
	}
	// An address that already names the city is not followed by it again.
	full := "Jl. Basuki Rahmat 8, Surabaya"
	if _, err := e.Reg.UpdateTenant(context.Background(), "alpha", tenants.TenantUpdate{Address: &full}); err != nil {
		t.Fatal(err)
	}
	wantFragments(t, "full address", e.page("/tentang").Body, "<p>Jl. Basuki Rahmat 8, Surabaya</p>")
	// Monday 17.30 WITA: closed for the day.
	e.Reg.Now = func() time.Time { return time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC) }
	wantFragments(t, "evening", e.page("/tentang").Body, "Tutup sekarang")
}

// Visitors who open a page at the same moment all get it, built once while
// the others wait for it.
func TestSitePageOpenedByManyAtOnce(t *testing.T) {
	e := newSiteEnv(t)
	path := "/mobil/" + e.avanza.Slug
	bodies := make(chan string, 20)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Host = "alpha.test"
			rec := httptest.NewRecorder()
			e.Server.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Errorf("%d", rec.Code)
			}
			bodies <- rec.Body.String()
		})
	}
	wg.Wait()
	close(bodies)
	first := <-bodies
	wantFragments(t, "page", first, "Toyota Avanza 2020 Hitam #A01")
	for b := range bodies {
		if b != first {
			t.Fatal("visitors at the same moment got different pages")
		}
	}
}

// Behind a trusted proxy that says the visit came over TLS, a page names
// its https URL; a stranger's X-Forwarded-Proto is not believed.
func TestSiteCanonicalScheme(t *testing.T) {
	env := newTestEnv(t, func(c *apphttp.Config) { c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32")} })
	env.createTenant("alpha")
	for _, tc := range []struct {
		peer, want string
	}{
		{"10.0.0.1:5555", `<link rel="canonical" href="https://alpha.test/">`},
		{"203.0.113.9:5555", `<link rel="canonical" href="http://alpha.test/">`},
	} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Host = "alpha.test"
		req.RemoteAddr = tc.peer
		req.Header.Set("X-Forwarded-Proto", "https")
		wantFragments(t, tc.peer, env.serve(req).Body, tc.want)
	}
}
