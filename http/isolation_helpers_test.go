package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/http/web"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

// routeKind says how a route is reached, and so which proofs apply to it.
type routeKind int

const (
	kindPlatform routeKind = iota // no tenant: /health, /api, the OpenAPI document
	kindPublic                    // a tenant's host, no credentials
	kindLogin                     // a tenant's host, credentials in the body
	kindAdmin                     // a tenant's host, a bearer token of that tenant
	kindWebhook                   // the tenant's webhook token in ?token=
	kindPage                      // a page of the tenant's website: its host, no credentials, HTML
	kindAsset                     // a static file of the pages, the same on every host
	kindDesk                      // a page of the staff dashboard: its host, a session cookie, HTML
	kindProxy                     // asked by the fronting proxy from loopback about a showroom's host
)

// routeCase is what the proofs need to call one route: its kind and, for
// writes, a valid body for the showroom it is sent to.
type routeCase struct {
	kind   routeKind
	body   func(fx *isoTenant) any // nil: no body
	upload bool                    // multipart image instead of JSON
	field  string                  // the multipart field of an upload; "photo" when ""
	form   bool                    // the body's map sent as a form post, answered 303
	signIn bool                    // a dashboard page that needs a session
	stream bool                    // an event stream, refused 401 without a session
}

// routeCases holds a case for every registered route, keyed "METHOD path".
// A route registered without a case fails TestIsolation with "no case for
// route …", so nobody can add a route and skip the proofs.
var routeCases = map[string]routeCase{
	"GET /health":           {kind: kindPlatform},
	"GET /api":              {kind: kindPlatform},
	"GET /api/openapi.json": {kind: kindPlatform},
	"GET /internal/tls-ask": {kind: kindProxy},

	"GET /api/tenant":     {kind: kindPublic},
	"GET /api/cars":       {kind: kindPublic},
	"GET /api/cars/:slug": {kind: kindPublic},
	"GET /uploads/:file":  {kind: kindPublic},
	"POST /api/leads": {kind: kindPublic, body: func(fx *isoTenant) any {
		return map[string]string{"name": "Pengunjung", "phone": fx.phone(90), "message": "Masih ada?"}
	}},

	"POST /api/admin/auth/login": {kind: kindLogin, body: func(fx *isoTenant) any {
		return map[string]string{"email": fx.sales.Email, "password": "password123"}
	}},
	"POST /api/admin/auth/verify": {kind: kindAdmin},
	"GET /api/admin/auth/me":      {kind: kindAdmin},
	"PUT /api/admin/auth/password": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"currentPassword": "password123", "newPassword": "password456"}
	}},

	"GET /api/admin/users": {kind: kindAdmin},
	"POST /api/admin/users": {kind: kindAdmin, body: func(fx *isoTenant) any {
		return map[string]string{"name": "Baru", "email": "baru@" + fx.slug + ".test", "password": "password123", "role": "sales"}
	}},
	"PUT /api/admin/users/:id": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"name": "Renamed"}
	}},
	"DELETE /api/admin/users/:id": {kind: kindAdmin},

	"GET /api/admin/tenant":         {kind: kindAdmin},
	"POST /api/admin/tenant/logo":   {kind: kindAdmin, upload: true, field: "logo"},
	"DELETE /api/admin/tenant/logo": {kind: kindAdmin},
	"PUT /api/admin/tenant": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"city": "Surabaya"}
	}},

	"GET /api/admin/leads": {kind: kindAdmin},
	"POST /api/admin/leads": {kind: kindAdmin, body: func(fx *isoTenant) any {
		return map[string]string{"customerPhone": fx.phone(91), "customerName": "Manual"}
	}},
	"GET /api/admin/leads/:id": {kind: kindAdmin},
	"PUT /api/admin/leads/:id": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"notes": "Sudah ditelepon"}
	}},
	"DELETE /api/admin/leads/:id": {kind: kindAdmin},
	"PUT /api/admin/leads/:id/assign": {kind: kindAdmin, body: func(fx *isoTenant) any {
		return map[string]int64{"userId": fx.sales.ID}
	}},
	"PUT /api/admin/leads/:id/status": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"status": "hot"}
	}},
	"GET /api/admin/leads/:id/events":                     {kind: kindAdmin},
	"POST /api/admin/leads/:id/messages/:messageId/retry": {kind: kindAdmin},

	"GET /api/admin/quick-replies": {kind: kindAdmin},
	"POST /api/admin/quick-replies": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"title": "Jadwal", "body": "Kapan {nama} bisa datang ke showroom?"}
	}},
	"PUT /api/admin/quick-replies/:id": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"title": "Salam pembuka"}
	}},
	"DELETE /api/admin/quick-replies/:id": {kind: kindAdmin},

	"GET /api/admin/cars": {kind: kindAdmin},
	"POST /api/admin/cars": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]any{"displayCode": "#N01", "brand": "Honda", "model": "Jazz", "year": 2019,
			"color": "Putih", "transmission": "Matic", "km": 40000, "price": 180000000}
	}},
	"GET /api/admin/cars/:id": {kind: kindAdmin},
	"PUT /api/admin/cars/:id": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]int64{"price": 150000000}
	}},
	"POST /api/admin/leads/:id/messages": {kind: kindAdmin, body: func(*isoTenant) any {
		return map[string]string{"message": "Masih tersedia, silakan datang"}
	}},
	"DELETE /api/admin/cars/:id":               {kind: kindAdmin},
	"POST /api/admin/cars/:id/photos":          {kind: kindAdmin, upload: true},
	"DELETE /api/admin/cars/:id/photos/:index": {kind: kindAdmin},

	"GET /":            {kind: kindPage},
	"GET /mobil/:slug": {kind: kindPage},
	"POST /mobil/:slug": {kind: kindPage, form: true, body: func(fx *isoTenant) any {
		return map[string]string{"name": "Pengunjung", "phone": fx.phone(92), "message": "Masih ada?"}
	}},
	"GET /mobil/:slug/terima-kasih": {kind: kindPage},
	"GET /tentang":                  {kind: kindPage},
	"GET /theme.css":                {kind: kindPage},
	"GET /robots.txt":               {kind: kindPage},
	"GET /sitemap.xml":              {kind: kindPage},
	"GET /assets/:file":             {kind: kindAsset},

	"GET /admin":       {kind: kindDesk, signIn: true},
	"GET /admin/login": {kind: kindDesk},
	"POST /admin/login": {kind: kindDesk, form: true, body: func(fx *isoTenant) any {
		return map[string]string{"email": fx.sales.Email, "password": "password123"}
	}},
	"POST /admin/logout":            {kind: kindDesk, form: true, body: func(*isoTenant) any { return map[string]string{} }},
	"POST /admin/logout-everywhere": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any { return map[string]string{} }},
	"GET /admin/account":            {kind: kindDesk, signIn: true},
	// Routes are proved in the order they are registered: by then the
	// API's PUT /api/admin/auth/password has set the owner's password to
	// password456, and this sets it back.
	"POST /admin/password": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"currentPassword": "password456", "newPassword": "password123"}
	}},
	"GET /admin/manifest.webmanifest": {kind: kindDesk},
	"GET /admin/events":               {kind: kindDesk, signIn: true, stream: true},
	"GET /admin/leads":                {kind: kindDesk, signIn: true},
	"POST /admin/leads/:id/take":      {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any { return map[string]string{} }},

	"GET /admin/leads/:id": {kind: kindDesk, signIn: true},
	"POST /admin/leads/:id/reply": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"message": "Baik, kami tunggu di showroom"}
	}},
	"POST /admin/leads/:id/status": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"status": "warm"}
	}},
	"POST /admin/leads/:id/assign": {kind: kindDesk, form: true, signIn: true, body: func(fx *isoTenant) any {
		return map[string]string{"userId": strconv.FormatInt(fx.sales.ID, 10)}
	}},
	"POST /admin/leads/:id/notes": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"notes": "Minta test drive"}
	}},
	"POST /admin/leads/:id/tags": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"tags": "kredit, test drive"}
	}},
	"POST /admin/leads/:id/car": {kind: kindDesk, form: true, signIn: true, body: func(fx *isoTenant) any {
		return map[string]string{"carId": strconv.FormatInt(fx.carID, 10)}
	}},
	"POST /admin/leads/:id/follow-up": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"followUpAt": "2030-01-02T09:30"}
	}},
	"POST /admin/leads/:id/messages/:messageId/retry": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any { return map[string]string{} }},
	"GET /admin/board":         {kind: kindDesk, signIn: true},
	"GET /admin/quick-replies": {kind: kindDesk, signIn: true},
	"POST /admin/quick-replies": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"title": "Lokasi", "body": "Showroom kami buka setiap hari, {nama}."}
	}},
	"POST /admin/quick-replies/:id": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"title": "Sapa", "body": "Halo {nama}"}
	}},
	"POST /admin/quick-replies/:id/delete": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any { return map[string]string{} }},
	"GET /admin/cars":                      {kind: kindDesk, signIn: true},
	"POST /admin/cars": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return deskCarForm("#D01", "available")
	}},
	"GET /admin/cars/:id": {kind: kindDesk, signIn: true},
	"POST /admin/cars/:id": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return deskCarForm("#D02", "available")
	}},
	"POST /admin/cars/:id/status": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"status": "booking"}
	}},
	"POST /admin/cars/:id/delete": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"confirm": "yes"}
	}},
	"GET /admin/export/cars.csv":  {kind: kindDesk, signIn: true},
	"GET /admin/export/leads.csv": {kind: kindDesk, signIn: true},
	"GET /admin/import/cars":      {kind: kindDesk, signIn: true},
	"POST /admin/import/cars": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"csv": "Kode,Merek,Model,Tahun,Warna,Transmisi,Kilometer,Harga\n#ISO1,Toyota,Avanza,2020,Hitam,Manual,1000,150000000\n"}
	}},
	"POST /admin/import/cars/confirm": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"csv": "Kode,Merek,Model,Tahun,Warna,Transmisi,Kilometer,Harga\n#ISO2,Toyota,Avanza,2020,Hitam,Manual,1000,150000000\n"}
	}},
	"GET /admin/team": {kind: kindDesk, signIn: true},
	"POST /admin/team": {kind: kindDesk, form: true, signIn: true, body: func(fx *isoTenant) any {
		return map[string]string{"name": "Sales Baru", "email": "sales.baru@" + fx.host, "role": "sales"}
	}},
	"POST /admin/users/:id/role": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"role": "sales"}
	}},
	"POST /admin/users/:id/status": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"status": "active"}
	}},
	"POST /admin/users/:id/password": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any { return map[string]string{} }},
	"GET /admin/settings":            {kind: kindDesk, signIn: true},
	"POST /admin/settings": {kind: kindDesk, form: true, signIn: true, body: func(fx *isoTenant) any {
		return map[string]string{"name": "Showroom " + fx.slug, "city": "Surabaya", "open-monday": "08:00", "close-monday": "17:00"}
	}},
	"POST /admin/settings/fonnte-token": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"fonnteToken": "fonnte-device-token"}
	}},
	"POST /admin/settings/test-message": {kind: kindDesk, form: true, signIn: true, body: func(fx *isoTenant) any {
		return map[string]string{"testNumber": fx.phone(1)}
	}},
	"POST /admin/settings/logo":        {kind: kindDesk, upload: true, field: "logo", form: true, signIn: true},
	"POST /admin/settings/logo/delete": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any { return map[string]string{} }},
	"GET /admin/cars/:id/photos":       {kind: kindDesk, signIn: true},
	"POST /admin/cars/:id/photos":      {kind: kindDesk, upload: true, form: true, signIn: true},
	"POST /admin/cars/:id/photos/move": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"index": "0", "to": "0"}
	}},
	"POST /admin/cars/:id/photos/primary": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"index": "0"}
	}},
	"POST /admin/cars/:id/photos/delete": {kind: kindDesk, form: true, signIn: true, body: func(*isoTenant) any {
		return map[string]string{"index": "0"}
	}},

	"POST /webhook/fonnte":       {kind: kindWebhook, body: fonnteText},
	"POST /webhook/fonnte/:slug": {kind: kindWebhook, body: fonnteText},
}

// fonnteText is a customer's text message as Fonnte posts it.
func fonnteText(fx *isoTenant) any {
	return map[string]any{"device": "", "sender": "62" + fx.phone(93)[1:], "name": "Pelanggan",
		"message": "Avanza masih ada?", "inboxid": 1000*fx.n + 1, "type": "text"}
}

// routeKey names a route the way routeCases does.
func routeKey(r apphttp.Route) string { return r.Method + " " + r.Path }

// caseFor returns the case of a route or fails the test.
func caseFor(t testing.TB, r apphttp.Route) routeCase {
	t.Helper()
	c, ok := routeCases[routeKey(r)]
	if !ok {
		t.Fatalf("no case for route %s: add it to routeCases", routeKey(r))
	}
	return c
}

// isoTenant is one showroom of the isolation proofs and the rows its routes'
// parameters name.
type isoTenant struct {
	slug, host   string
	n            int // distinguishes the showroom's phone numbers
	owner, sales *store.User
	carID        int64  // :id of /api/admin/cars/…
	leadID       int64  // :id of /api/admin/leads/…
	userID       int64  // :id of /api/admin/users/… (not the owner)
	carSlug      string // :slug of /api/cars/…
	photoFile    string // :file of /uploads/…
	quickReplyID int64  // :id of /api/admin/quick-replies/…
	failedID     int64  // :messageId of …/retry: a failed reply to leadID's customer
}

// phone returns the showroom's i-th customer phone number.
func (fx *isoTenant) phone(i int) string { return fmt.Sprintf("0812%04d%04d", fx.n, i) }

// fill replaces every parameter of a route's path with the showroom's row
// it names. A parameter no rule knows fails the test, so a new kind of
// parameter gets a fixture before the proofs pass.
func (fx *isoTenant) fill(t testing.TB, r apphttp.Route) string {
	t.Helper()
	segs := strings.Split(r.Path, "/")
	for i, s := range segs {
		if !strings.HasPrefix(s, ":") {
			continue
		}
		switch prev := segs[i-1] + "/" + s; prev {
		case "cars/:id":
			segs[i] = strconv.FormatInt(fx.carID, 10)
		case "leads/:id":
			segs[i] = strconv.FormatInt(fx.leadID, 10)
		case "users/:id":
			segs[i] = strconv.FormatInt(fx.userID, 10)
		case "quick-replies/:id":
			segs[i] = strconv.FormatInt(fx.quickReplyID, 10)
		case "messages/:messageId":
			segs[i] = strconv.FormatInt(fx.failedID, 10)
		case "photos/:index":
			segs[i] = "0"
		case "cars/:slug", "mobil/:slug":
			segs[i] = fx.carSlug
		case "uploads/:file":
			segs[i] = fx.photoFile
		case "fonnte/:slug":
			segs[i] = fx.slug
		case "assets/:file":
			segs[i] = assetFile(t, "site.css")
		default:
			t.Fatalf("no fixture for parameter %s of route %s", prev, routeKey(r))
		}
	}
	return strings.Join(segs, "/")
}

// isoEnv is a server with two showrooms, alpha and beta, each with an
// owner, a sales user, cars, leads, messages and a photo. Alpha has more of
// every row, so its highest ids do not exist in beta.
type isoEnv struct {
	*testEnv
	alpha, beta *isoTenant
}

func newIsoEnv(t testing.TB) *isoEnv {
	t.Helper()
	e := &isoEnv{testEnv: newTestEnv(t)}
	e.alpha = e.fixture("alpha", 1, 2)
	e.beta = e.fixture("beta", 2, 1)
	if e.alpha.carID <= e.beta.carID || e.alpha.leadID <= e.beta.leadID || e.alpha.userID <= e.beta.userID ||
		e.alpha.quickReplyID <= e.beta.quickReplyID || e.alpha.failedID <= e.beta.failedID {
		t.Fatalf("alpha's ids must lie beyond beta's: %+v %+v", e.alpha, e.beta)
	}
	return e
}

// fixture creates showroom slug with an owner, a sales user and rows-1
// more users, rows cars, leads (each lead with a customer message and a
// failed reply) and quick replies, and a photo of the last car, and returns
// the last row of each kind. Users cost a
// bcrypt hash each, so there are only as many as the proofs need.
func (e *isoEnv) fixture(slug string, n, rows int) *isoTenant {
	e.t.Helper()
	ctx := context.Background()
	e.createTenant(slug)
	token := "fonnte-" + slug
	if _, err := e.Reg.UpdateTenant(ctx, slug, tenants.TenantUpdate{FonnteToken: &token}); err != nil {
		e.t.Fatal(err)
	}
	fx := &isoTenant{slug: slug, host: slug + ".test", n: n,
		owner: e.createUser(slug, "owner@"+slug+".test", store.RoleOwner),
		sales: e.createUser(slug, "sales@"+slug+".test", store.RoleSales)}
	fx.userID = fx.sales.ID
	for i := 1; i < rows; i++ {
		fx.userID = e.createUser(slug, fmt.Sprintf("staff%d@%s.test", i, slug), store.RoleSales).ID
	}
	db := e.db(slug)
	for i := range rows {
		c := testCar(fmt.Sprintf("#%s%d", strings.ToUpper(slug[:1]), i), "Toyota", "Avanza", 2020, 165000000, store.CarAvailable)
		if err := db.CreateCar(ctx, c); err != nil {
			e.t.Fatal(err)
		}
		fx.carID, fx.carSlug = c.ID, c.Slug
		l := leadMust(e.t, db, &store.Lead{CustomerPhone: fx.phone(i), CustomerName: "Customer " + slug,
			CarID: &c.ID, Source: store.SourceWhatsApp})
		if err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: store.SenderCustomer, Message: "Halo dari " + slug}); err != nil {
			e.t.Fatal(err)
		}
		failed := &store.Message{LeadID: l.ID, Sender: store.SenderSales, Message: "Balasan " + slug,
			DeliveryStatus: store.DeliveryFailed}
		if err := db.CreateMessage(ctx, failed); err != nil {
			e.t.Fatal(err)
		}
		q := &store.QuickReply{Title: "Salam " + slug, Body: "Halo {nama}, dari " + slug}
		if err := db.CreateQuickReply(ctx, q); err != nil {
			e.t.Fatal(err)
		}
		fx.leadID, fx.failedID, fx.quickReplyID = l.ID, failed.ID, q.ID
	}
	ce := &carEnv{testEnv: e.testEnv}
	res := ce.uploadPhoto(fmt.Sprintf("/api/admin/cars/%d/photos", fx.carID), fx.host, e.tokenFor(slug, fx.owner), "photo", "a.png", photoNumber(int(slug[0])))
	wantStatusCode(e.t, "upload fixture photo", res, http.StatusCreated)
	photos := decodeCarAnswer(e.t, res).Data.Photos
	fx.photoFile = path.Base(photos[len(photos)-1])
	return fx
}

// webhookToken is the showroom's webhook token.
func (e *isoEnv) webhookToken(fx *isoTenant) string {
	e.t.Helper()
	tn, err := e.Reg.Lookup(fx.slug)
	if err != nil {
		e.t.Fatal(err)
	}
	return tn.WebhookToken
}

// freshToken mints a valid token for u as stored now, so a route that bumped
// the token version (a password change) does not spoil the next call.
func (e *isoEnv) freshToken(fx *isoTenant, u *store.User) string {
	e.t.Helper()
	cur, err := e.db(fx.slug).FindUserByID(context.Background(), u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.tokenFor(fx.slug, cur)
}

// call sends route r, with its path filled from params, to host with the
// token (none when ""), and the case's body built for bodyFrom. The token
// is a bearer token, on webhooks the ?token= of the webhook URL, and on
// the dashboard the session cookie.
func (e *isoEnv) call(r apphttp.Route, params, bodyFrom *isoTenant, host, token string) *response {
	e.t.Helper()
	c := caseFor(e.t, r)
	p := params.fill(e.t, r)
	if c.kind == kindWebhook && token != "" {
		p, token = p+"?token="+url.QueryEscape(token), ""
	}
	if c.kind == kindProxy {
		req := httptest.NewRequest(r.Method, p+"?domain="+url.QueryEscape(host), nil)
		req.RemoteAddr = "127.0.0.1:40000"
		return e.serve(req)
	}
	field := c.field
	if field == "" {
		field = "photo"
	}
	if c.upload && c.kind == kindDesk {
		return e.serve(newDeskFileRequest(e.t, p, host, token, field, upFile{"b.png", photoPNG}))
	}
	if c.upload {
		return (&carEnv{testEnv: e.testEnv}).uploadPhoto(p, host, token, field, "b.png", photoPNG)
	}
	var body any
	if c.body != nil {
		body = c.body(bodyFrom)
	}
	if c.form {
		v := url.Values{}
		for k, x := range body.(map[string]string) {
			v.Set(k, x)
		}
		req := httptest.NewRequest(r.Method, p, strings.NewReader(v.Encode()))
		req.Host = host
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if c.kind == kindDesk && token != "" {
			req.AddCookie(&http.Cookie{Name: "al_session", Value: token})
		}
		return e.serve(req)
	}
	if c.kind == kindDesk {
		req := httptest.NewRequest(r.Method, p, nil)
		req.Host = host
		if token != "" {
			req.AddCookie(&http.Cookie{Name: "al_session", Value: token})
		}
		if c.stream {
			return e.serveOpening(req)
		}
		return e.serve(req)
	}
	return e.do(r.Method, p, host, token, body)
}

// routesOf returns the registered routes of the given kinds.
func (e *isoEnv) routesOf(kinds ...routeKind) []apphttp.Route {
	e.t.Helper()
	var out []apphttp.Route
	for _, r := range e.Server.Routes() {
		c := caseFor(e.t, r)
		for _, k := range kinds {
			if c.kind == k {
				out = append(out, r)
			}
		}
	}
	return out
}

// snapshot renders everything a showroom holds: its rows through the admin
// API, its webhook events and the files of its uploads directory, to prove
// a series of requests changed nothing.
func (e *isoEnv) snapshot(fx *isoTenant) string {
	e.t.Helper()
	var b strings.Builder
	token := e.freshToken(fx, fx.owner)
	for _, p := range []string{"/api/admin/cars?limit=100", "/api/admin/leads?limit=100", "/api/admin/users", "/api/admin/tenant",
		fmt.Sprintf("/api/admin/leads/%d", fx.leadID), fmt.Sprintf("/api/admin/cars/%d", fx.carID),
		fmt.Sprintf("/api/admin/leads/%d/events", fx.leadID), "/api/admin/quick-replies"} {
		res := e.do("GET", p, fx.host, token, nil)
		wantStatusCode(e.t, "snapshot "+p, res, http.StatusOK)
		b.WriteString(res.Body)
	}
	var events int
	if err := sqldbtest.Open(e.t, e.db(fx.slug).Path()).Read.QueryRow(`SELECT COUNT(*) FROM webhook_events`).Scan(&events); err != nil {
		e.t.Fatal(err)
	}
	fmt.Fprintf(&b, "%d webhook events;", events)
	dir, err := e.Reg.Layout.UploadsDir(fx.slug)
	if err != nil {
		e.t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		e.t.Fatal(err)
	}
	names := make([]string, 0, len(entries))
	for _, f := range entries {
		names = append(names, f.Name())
	}
	sort.Strings(names)
	b.WriteString(strings.Join(names, ","))
	return b.String()
}

// assetFile is the name an asset is served under.
func assetFile(t testing.TB, name string) string {
	t.Helper()
	w, err := web.New()
	if err != nil {
		t.Fatal(err)
	}
	u, err := w.Assets.URL(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u, web.AssetPrefix)
}
