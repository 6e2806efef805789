package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestDB_QuickReplyValidation(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	for _, tt := range []struct {
		name       string
		reply      store.QuickReply
		field, msg string
	}{
		{"no title", store.QuickReply{Title: "  ", Body: "Halo"}, "title", "Title is required"},
		{"long title", store.QuickReply{Title: strings.Repeat("é", 61), Body: "Halo"}, "title", "at most 60"},
		{"control in title", store.QuickReply{Title: "Sa\x1bpa", Body: "Halo"}, "title", "control characters"},
		{"line break in title", store.QuickReply{Title: "Sa\npa", Body: "Halo"}, "title", "control characters"},
		{"no body", store.QuickReply{Title: "Sapa", Body: "\n"}, "body", "Body is required"},
		{"long body", store.QuickReply{Title: "Sapa", Body: strings.Repeat("a", 1001)}, "body", "at most 1000"},
		{"control in body", store.QuickReply{Title: "Sapa", Body: "Halo\x00"}, "body", "control characters"},
		{"negative position", store.QuickReply{Title: "Sapa", Body: "Halo", Position: -1}, "position", "0 or more"},
	} {
		err := db.CreateQuickReply(ctx, &tt.reply)
		var e *store.Error
		if !errors.As(err, &e) || e.Code != store.EINVALID || !strings.Contains(e.Details[tt.field].(string), tt.msg) {
			t.Errorf("%s: %v, want %s: %q", tt.name, err, tt.field, tt.msg)
		}
	}
	ok := store.QuickReply{Title: strings.Repeat("é", 60), Body: "Baris 1\n\tBaris 2 {nama} {mobil} {harga}"}
	if err := db.CreateQuickReply(ctx, &ok); err != nil {
		t.Fatalf("valid reply at the limits: %v", err)
	}
}

func TestDB_QuickReplies(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	create := func(title string, position int) *store.QuickReply {
		t.Helper()
		r := &store.QuickReply{Title: title, Body: "Halo {nama}", Position: position}
		if err := db.CreateQuickReply(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	a := create(" Sapa ", 0)
	b := create("Harga", 0)
	c := create("Kredit", 1)
	if a.Title != "Sapa" || a.Position != 1 || b.Position != 2 {
		t.Fatalf("created %+v, %+v; want trimmed and appended", a, b)
	}
	titles := func() string {
		t.Helper()
		all, err := db.FindQuickReplies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range all {
			out = append(out, r.Title)
		}
		return strings.Join(out, ",")
	}
	if got := titles(); got != "Sapa,Kredit,Harga" {
		t.Fatalf("order = %s", got)
	}
	pos := 0
	upd, err := db.UpdateQuickReply(ctx, b.ID, store.QuickReplyUpdate{Title: leadPtr("Harga nego"), Position: &pos})
	if err != nil || upd.Title != "Harga nego" || upd.Body != "Halo {nama}" {
		t.Fatalf("update = %+v, %v", upd, err)
	}
	if got := titles(); got != "Harga nego,Sapa,Kredit" {
		t.Fatalf("order after update = %s", got)
	}
	_, err = db.UpdateQuickReply(ctx, b.ID, store.QuickReplyUpdate{Body: leadPtr("")})
	wantLeadErrCode(t, err, store.EINVALID)
	_, err = db.UpdateQuickReply(ctx, 999, store.QuickReplyUpdate{Body: leadPtr("x")})
	wantLeadErrCode(t, err, store.ENOTFOUND)
	if got, err := db.FindQuickReplyByID(ctx, c.ID); err != nil || got.Title != "Kredit" {
		t.Fatalf("FindQuickReplyByID = %+v, %v", got, err)
	}
	if err := db.DeleteQuickReply(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	wantLeadErrCode(t, db.DeleteQuickReply(ctx, c.ID), store.ENOTFOUND)
	_, err = db.FindQuickReplyByID(ctx, c.ID)
	wantLeadErrCode(t, err, store.ENOTFOUND)

	for i := 2; i < store.MaxQuickReplies; i++ {
		create("T", 0)
	}
	err = db.CreateQuickReply(ctx, &store.QuickReply{Title: "One too many", Body: "x"})
	wantLeadErrCode(t, err, store.EINVALID)
}
