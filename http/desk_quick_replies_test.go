package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDeskQuickReplies(t *testing.T) {
	e := newDeskLeadEnv(t)
	res := e.deskPost("/admin/quick-replies", "alpha.test", e.ownerS, url.Values{"title": {"Sapa"}, "body": {"Halo Kak {nama}"}})
	wantRedirect(t, "add", res, "/admin/quick-replies#new")
	replies, err := e.db("alpha").FindQuickReplies(context.Background())
	if err != nil || len(replies) != 1 || replies[0].Body != "Halo Kak {nama}" {
		t.Fatalf("replies %+v, %v", replies, err)
	}
	id := replies[0].ID
	page := e.deskGet("/admin/quick-replies", "alpha.test", e.ownerS).Body
	wantFragments(t, "list", page, fmt.Sprintf(`action="/admin/quick-replies/%d"`, id), ">Halo Kak {nama}</textarea>",
		fmt.Sprintf(`action="/admin/quick-replies/%d/delete"`, id), `action="/admin/quick-replies"`)

	res = e.deskPost(fmt.Sprintf("/admin/quick-replies/%d", id), "alpha.test", e.ownerS, url.Values{"title": {"Sapa pagi"}, "body": {"Selamat pagi {nama}"}})
	wantRedirect(t, "edit", res, fmt.Sprintf("/admin/quick-replies#q%d", id))
	if q, _ := e.db("alpha").FindQuickReplyByID(context.Background(), id); q.Title != "Sapa pagi" || q.Body != "Selamat pagi {nama}" {
		t.Fatalf("not edited: %+v", q)
	}

	// Errors come back beside the fields, with what was typed.
	res = e.deskPost("/admin/quick-replies", "alpha.test", e.ownerS, url.Values{"title": {strings.Repeat("j", 61)}, "body": {""}})
	wantStatusCode(t, "bad add", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad add", res.Body, `id="title-new-error"`, `id="body-new-error"`, `value="`+strings.Repeat("j", 61)+`"`)
	res = e.deskPost(fmt.Sprintf("/admin/quick-replies/%d", id), "alpha.test", e.ownerS, url.Values{"title": {"Sapa"}, "body": {" "}})
	wantStatusCode(t, "bad edit", res, http.StatusUnprocessableEntity)
	wantFragments(t, "bad edit", res.Body, fmt.Sprintf(`id="body-%d-error"`, id), "Isi pesan, maksimal 1.000 karakter.")

	// Sales users read them and cannot manage them; no other site can post.
	sales := e.deskGet("/admin/quick-replies", "alpha.test", e.salesS)
	wantStatusCode(t, "sales list", sales, http.StatusOK)
	wantFragments(t, "sales list", sales.Body, "Selamat pagi {nama}")
	if strings.Contains(sales.Body, `action="/admin/quick-replies`) {
		t.Error("a sales user is offered the forms")
	}
	for _, path := range []string{"/admin/quick-replies", fmt.Sprintf("/admin/quick-replies/%d", id), fmt.Sprintf("/admin/quick-replies/%d/delete", id)} {
		form := url.Values{"title": {"x"}, "body": {"y"}}
		wantStatusCode(t, "sales "+path, e.deskPost(path, "alpha.test", e.salesS, form), http.StatusForbidden)
		req := newFormRequest(path, "alpha.test", form)
		req.Header.Set("Origin", "https://evil.example")
		req.AddCookie(&http.Cookie{Name: "al_session", Value: e.ownerS})
		wantStatusCode(t, "cross-site "+path, e.serve(req), http.StatusForbidden)
	}

	wantRedirect(t, "delete", e.deskPost(fmt.Sprintf("/admin/quick-replies/%d/delete", id), "alpha.test", e.ownerS, nil), "/admin/quick-replies#list")
	wantRedirect(t, "delete again", e.deskPost(fmt.Sprintf("/admin/quick-replies/%d/delete", id), "alpha.test", e.ownerS, nil), "/admin/quick-replies#list")
	wantStatusCode(t, "bad id", e.deskPost("/admin/quick-replies/x/delete", "alpha.test", e.ownerS, nil), http.StatusBadRequest)
	if replies, _ := e.db("alpha").FindQuickReplies(context.Background()); len(replies) != 0 {
		t.Fatalf("not deleted: %+v", replies)
	}
}

func TestDeskQuickRepliesLimit(t *testing.T) {
	e := newDeskLeadEnv(t)
	for i := range store.MaxQuickReplies {
		if err := e.db("alpha").CreateQuickReply(context.Background(), &store.QuickReply{Title: fmt.Sprint("T", i), Body: "Halo"}); err != nil {
			t.Fatal(err)
		}
	}
	res := e.deskPost("/admin/quick-replies", "alpha.test", e.ownerS, url.Values{"title": {"Satu lagi"}, "body": {"Halo"}})
	wantStatusCode(t, "over the limit", res, http.StatusUnprocessableEntity)
	wantFragments(t, "over the limit", res.Body, "Showroom hanya bisa menyimpan 50 template.", `value="Satu lagi"`)
}
