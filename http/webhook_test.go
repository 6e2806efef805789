package http_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb/sqldbtest"
	"github.com/autoleads/autoleads/tenants"
)

func TestWebhookAccess(t *testing.T) {
	env := newTestEnv(t)
	tn := env.whatsAppTenant("alpha", "")
	env.createTenant("frozen")
	if _, err := env.Reg.SetStatus(context.Background(), "frozen", tenants.StatusSuspended); err != nil {
		t.Fatal(err)
	}
	frozen, _ := env.Reg.Lookup("frozen")
	ct, text := corpus(t, "text.json")
	otherDevice := strings.Replace(text, `"device":"628123456789"`, `"device":"628999999999"`, 1)
	big := `{"sender":"6281234567890","message":"` + strings.Repeat("x", 1<<20) + `"}`

	tests := []struct {
		name, path, host, token, body string
		status                        int
		fragments                     []string
	}{
		{"no token", "/webhook/fonnte", "alpha.test", "", text, 403, []string{`"code":"FORBIDDEN"`, `"Invalid webhook token"`}},
		{"wrong token", "/webhook/fonnte", "alpha.test", "nope", text, 403, []string{`"Invalid webhook token"`}},
		{"token of another showroom", "/webhook/fonnte", "alpha.test", frozen.WebhookToken, text, 403, []string{`"Invalid webhook token"`}},
		{"host route", "/webhook/fonnte", "alpha.test", tn.WebhookToken, text, 200, []string{`"status":"processed"`}},
		{"slug route ignores host", "/webhook/fonnte/alpha", "fonnte-gateway.example", tn.WebhookToken, text, 200, []string{`"status":"duplicate"`}},
		{"unknown slug", "/webhook/fonnte/nobody", "alpha.test", tn.WebhookToken, text, 404, []string{`"Showroom not found"`}},
		{"unknown host", "/webhook/fonnte", "nobody.test", tn.WebhookToken, text, 404, []string{`"Showroom not found"`}},
		{"suspended showroom", "/webhook/fonnte/frozen", "x", frozen.WebhookToken, text, 403, []string{`"Showroom account is suspended"`}},
		{"another device", "/webhook/fonnte", "alpha.test", tn.WebhookToken, otherDevice, 403, []string{`"code":"FORBIDDEN"`, `another WhatsApp device`}},
		{"body too large", "/webhook/fonnte", "alpha.test", tn.WebhookToken, big, 413, []string{`"code":"PAYLOAD_TOO_LARGE"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := env.webhook(tt.path, tt.host, tt.token, ct, tt.body)
			if res.Code != tt.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, tt.status, res.Body)
			}
			wantFragments(t, tt.name, res.Body, tt.fragments...)
		})
	}

	t.Run("token header", func(t *testing.T) {
		req := strings.NewReader(text)
		r, _ := http.NewRequest(http.MethodPost, "/webhook/fonnte/alpha", req)
		r.Header.Set("X-Webhook-Token", tn.WebhookToken)
		r.Header.Set("Content-Type", ct)
		if res := env.serve(r); res.Code != 200 {
			t.Fatalf("status = %d: %s", res.Code, res.Body)
		}
	})
	t.Run("wrong method", func(t *testing.T) {
		if res := env.do("GET", "/webhook/fonnte", "alpha.test", "", nil); res.Code != 405 {
			t.Fatalf("status = %d", res.Code)
		}
	})
	// Calls with the right token are recorded, the refused device included;
	// calls without it are not.
	if n := env.count("alpha", `SELECT COUNT(*) FROM webhook_events WHERE outcome = 'rejected'`); n != 1 {
		t.Errorf("rejected events = %d, want 1", n)
	}
	if n := env.count("alpha", `SELECT COUNT(*) FROM webhook_events`); n != 4 {
		t.Errorf("events = %d, want 4", n)
	}
}

func TestWebhookCorpus(t *testing.T) {
	env := newTestEnv(t)
	tn := env.whatsAppTenant("alpha", "")
	type want struct {
		status    int
		outcome   string
		kind      string
		phone     string // the lead's phone, for stored messages
		name      string
		message   string
		metadata  string // exact stored metadata
		inboxID   string
		fragments []string // of the answer
	}
	tests := map[string]want{
		"text.json": {200, "processed", "message", "+6281234567890", "Budi Santoso", "Halo, Avanza #A01 masih ada?",
			`{"type":"text","timestamp":1729674000}`, "48213", []string{`"status":"processed"`, `"leadId":`, `"messageId":`}},
		"text_string_timestamp.json": {200, "processed", "message", "+6281298765432", "Ibu Siti", "Selamat siang, bisa nego?",
			`{"type":"text","timestamp":1729674060}`, "48214", nil},
		"image.json": {200, "processed", "message", "+6281234567890", "Budi Santoso", "",
			`{"type":"image","url":"https://api.fonnte.com/file/inbox/48215.jpg","filename":"IMG-20241023-WA0007.jpg","extension":"jpg","timestamp":1729674120}`, "48215", nil},
		"image_caption.json": {200, "processed", "message", "+6281234567890", "Budi Santoso", "Ini kondisi mobil saya buat tukar tambah",
			`{"type":"image","url":"https://api.fonnte.com/file/inbox/48216.jpg","filename":"IMG-20241023-WA0008.jpg","extension":"jpg","timestamp":1729674180}`, "48216", nil},
		"location.json": {200, "processed", "message", "+6281234567890", "Budi Santoso", "",
			`{"type":"location","location":"-7.2891,112.7345","timestamp":1729674240}`, "48217", nil},
		"button.json": {200, "processed", "message", "+6281234567890", "Budi Santoso", "Ya, saya tertarik",
			`{"type":"text","timestamp":1729674420}`, "48220", nil},
		"poll.json": {200, "processed", "message", "+6281234567890", "Budi Santoso", "",
			`{"type":"poll","timestamp":1729674480,"pollname":"Kapan mau test drive?","choices":["Sabtu pagi","Minggu siang"]}`, "48221", nil},
		"member_object.json": {200, "processed", "message", "+6285712345678", "Pak Andi", "Fortuner VRZ hitam ready?",
			`{"timestamp":1729674540,"member":{"name":"Pak Andi"}}`, "48222", nil},
		"text.form": {200, "processed", "message", "+6281387654321", "Dika", "Apakah Brio RS #B02 masih ada?",
			`{"type":"text","timestamp":1729674600}`, "48300", nil},
		// poll.form comes first, without a name; text.form then names the lead.
		"poll.form": {200, "processed", "message", "+6281387654321", "", "",
			`{"timestamp":1729674660,"pollname":"Warna favorit?","choices":["Putih","Hitam"]}`, "48301", nil},
		"group.json":                  {200, "ignored", "message", "", "", "", "", "", []string{`"status":"ignored","data":{"status":"ignored"`, `Group message`}},
		"broadcast.json":              {200, "ignored", "message", "", "", "", "", "", []string{`"status":"ignored"`}},
		"device_connect.json":         {200, "processed", "device", "", "", "", "", "", []string{`"status":"processed"`}},
		"device_disconnect.form":      {200, "processed", "device", "", "", "", "", "", nil},
		"message_status_sent.json":    {200, "ignored", "message_status", "", "", "", "", "", []string{`No outgoing message has Fonnte id`}},
		"message_status_read.json":    {200, "ignored", "message_status", "", "", "", "", "", nil},
		"message_status_pending.json": {200, "ignored", "message_status", "", "", "", "", "", []string{`Nothing to record`}},
		"invalid_no_sender.json":      {422, "invalid", "unknown", "", "", "", "", "", []string{`"code":"VALIDATION_ERROR"`, `"sender"`}},
		"invalid_phone.json":          {422, "invalid", "message", "", "", "", "", "", []string{`"Invalid phone number format"`}},
		"invalid_empty.json":          {422, "invalid", "message", "", "", "", "", "", []string{`"Message is empty"`}},
		"invalid_truncated.json":      {400, "invalid", "unknown", "", "", "", "", "", []string{`"code":"BAD_REQUEST"`}},
	}
	files := corpusFiles(t)
	if len(files) != len(tests) {
		t.Fatalf("corpus has %d files, table %d", len(files), len(tests))
	}
	db := sqldbtest.Open(t, env.db("alpha").Path()).Read
	for _, name := range files {
		w, ok := tests[name]
		if !ok {
			t.Fatalf("corpus file %s has no expectation", name)
		}
		t.Run(name, func(t *testing.T) {
			ct, body := corpus(t, name)
			res := env.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, ct, body)
			if res.Code != w.status {
				t.Fatalf("status = %d, want %d: %s", res.Code, w.status, res.Body)
			}
			wantFragments(t, name, res.Body, w.fragments...)

			var kind, outcome, stored, ctype string
			db.QueryRow(`SELECT kind, outcome, body, content_type FROM webhook_events ORDER BY id DESC LIMIT 1`).
				Scan(&kind, &outcome, &stored, &ctype)
			if kind != w.kind || outcome != w.outcome || ctype != ct {
				t.Errorf("event = %s/%s (%s), want %s/%s", kind, outcome, ctype, w.kind, w.outcome)
			}
			if strings.Contains(stored, "sUqjkKH") {
				t.Errorf("device token stored: %s", stored)
			} else if !strings.Contains(body, "sUqjkKH") && stored != body {
				t.Errorf("body not stored raw: %s", stored)
			}
			if w.phone == "" {
				return
			}
			var data struct {
				Data struct{ LeadID, MessageID int64 } `json:"data"`
			}
			res.decode(t, &data)
			var phone, leadName, message, metadata, inbox, sender string
			err := db.QueryRow(`SELECT l.customer_phone, COALESCE(l.customer_name, ''), m.message, COALESCE(m.metadata, ''),
				COALESCE(m.external_id, ''), m.sender FROM messages m JOIN leads l ON l.id = m.lead_id
				WHERE m.id = ? AND l.id = ?`, data.Data.MessageID, data.Data.LeadID).
				Scan(&phone, &leadName, &message, &metadata, &inbox, &sender)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{phone, leadName, message, metadata, inbox, sender}
			exp := []string{w.phone, w.name, w.message, w.metadata, w.inboxID, "customer"}
			if fmt.Sprint(got) != fmt.Sprint(exp) {
				t.Errorf("stored\n got %q\nwant %q", got, exp)
			}
		})
	}
	// Groups and broadcasts never make leads.
	if n := env.count("alpha", `SELECT COUNT(*) FROM leads WHERE customer_phone LIKE '%g.us%' OR customer_phone LIKE '%broadcast%'`); n != 0 {
		t.Errorf("leads from groups or broadcasts: %d", n)
	}
	// The last device event is the connection state the admin view shows.
	owner := env.tokenFor("alpha", env.createUser("alpha", "owner@alpha.test", store.RoleOwner))
	res := env.do("GET", "/api/admin/tenant", "alpha.test", owner, nil)
	wantFragments(t, "admin showroom", res.Body, `"whatsappConnection":{"status":"disconnect","device":"628123456789",`+
		`"reason":"logged out from phone","updatedAt":"`)
}

func TestWebhookRetriedInboxID(t *testing.T) {
	env := newTestEnv(t)
	tn := env.whatsAppTenant("alpha", "")
	ct, body := corpus(t, "text.json")
	var first, second struct {
		Data struct {
			LeadID, MessageID int64
			Status            string
		} `json:"data"`
	}
	env.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, ct, body).decode(t, &first)
	res := env.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, ct, body)
	if res.Code != 200 {
		t.Fatalf("retry: %d %s", res.Code, res.Body)
	}
	res.decode(t, &second)
	if second.Data.LeadID != first.Data.LeadID || second.Data.MessageID != first.Data.MessageID ||
		first.Data.Status != "processed" || second.Data.Status != "duplicate" {
		t.Fatalf("first %+v, retry %+v", first.Data, second.Data)
	}
	if n := env.count("alpha", `SELECT COUNT(*) FROM messages`); n != 1 {
		t.Fatalf("messages = %d, want 1", n)
	}
	if n := env.count("alpha", `SELECT COUNT(*) FROM webhook_events WHERE outcome = 'duplicate' AND message_id = ?`, first.Data.MessageID); n != 1 {
		t.Fatalf("duplicate events = %d, want 1", n)
	}
}

func TestWebhookConcurrentFirstMessages(t *testing.T) {
	env := newTestEnv(t)
	tn := env.whatsAppTenant("alpha", "")
	const n = 50
	var wg sync.WaitGroup
	codes := make([]int, n)
	bodies := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"device":"628123456789","sender":"6281111222333","message":"Pesan %d","inboxid":"c-%d","name":"Pelanggan Baru"}`, i, i)
			res := env.webhook("/webhook/fonnte/alpha", "any.host", tn.WebhookToken, "application/json", body)
			codes[i], bodies[i] = res.Code, res.Body
		}()
	}
	wg.Wait()
	for i := range n {
		if codes[i] != 200 {
			t.Fatalf("request %d: %d %s", i, codes[i], bodies[i])
		}
	}
	if got := env.count("alpha", `SELECT COUNT(*) FROM leads`); got != 1 {
		t.Fatalf("leads = %d, want 1", got)
	}
	if got := env.count("alpha", `SELECT message_count FROM leads WHERE status = 'new'`); got != n {
		t.Fatalf("messages on the open lead = %d, want %d", got, n)
	}
	if got := env.count("alpha", `SELECT COUNT(*) FROM webhook_events WHERE outcome = 'processed'`); got != n {
		t.Fatalf("processed events = %d, want %d", got, n)
	}
}

func TestWebhookClosedLeadStartsNewLead(t *testing.T) {
	env := newTestEnv(t)
	tn := env.whatsAppTenant("alpha", "")
	send := func(inbox string) int64 {
		t.Helper()
		body := `{"device":"628123456789","sender":"6281234567890","message":"Halo lagi","inboxid":"` + inbox + `"}`
		res := env.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, "application/json", body)
		if res.Code != 200 {
			t.Fatalf("%d %s", res.Code, res.Body)
		}
		var out struct {
			Data struct{ LeadID int64 } `json:"data"`
		}
		res.decode(t, &out)
		return out.Data.LeadID
	}
	first := send("a1")
	if _, err := sqldbtest.Open(t, env.db("alpha").Path()).Write.Exec(`UPDATE leads SET status = 'closed', closed_at = 1 WHERE id = ?`, first); err != nil {
		t.Fatal(err)
	}
	second := send("a2")
	if second == first {
		t.Fatalf("closed lead %d reused", first)
	}
	if got := send("a3"); got != second {
		t.Fatalf("open lead %d not reused: %d", second, got)
	}
}

func TestWebhookMessageStatus(t *testing.T) {
	env := newTestEnv(t)
	tn := env.whatsAppTenant("alpha", "fonnte-token")
	db := env.db("alpha")
	ctx := context.Background()
	lead, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281234567890", Message: "Halo"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: lead.LeadID, Message: "Masih ada", UserID: 1})
	if err != nil {
		t.Fatal(err)
	}
	db.ClaimDelivery(ctx, 0)
	if err := db.MarkDeliverySent(ctx, m.ID, "80367170"); err != nil {
		t.Fatal(err)
	}
	steps := []struct{ file, want, fragment string }{
		{"message_status_sent.json", "sent", `"status":"ignored"`},
		{"message_status_read.json", "read", `"status":"processed"`},
		{"message_status_sent.json", "read", `"status":"ignored"`},
	}
	for _, s := range steps {
		ct, body := corpus(t, s.file)
		res := env.webhook("/webhook/fonnte", "alpha.test", tn.WebhookToken, ct, body)
		if res.Code != 200 {
			t.Fatalf("%s: %d %s", s.file, res.Code, res.Body)
		}
		wantFragments(t, s.file, res.Body, s.fragment, fmt.Sprintf(`"messageId":%d`, m.ID))
		var status string
		sqldbtest.Open(t, db.Path()).Read.QueryRow(`SELECT delivery_status FROM messages WHERE id = ?`, m.ID).Scan(&status)
		if status != s.want {
			t.Fatalf("after %s: %s, want %s", s.file, status, s.want)
		}
	}
}
