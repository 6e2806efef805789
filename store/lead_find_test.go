package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

func TestDB_FindLeads(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, leadEpoch)
	car := leadTestCar(t, db, "A01", store.CarAvailable)
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	dika := leadTestUser(t, db, "dika@example.com", store.RoleSales)

	// Created in this order, one minute apart.
	siti := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081987654321", CustomerName: "Ibu Siti", CarID: &car})
	andi := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081987654322", CustomerName: "Pak Andi", Status: store.LeadHot, AssignedToUserID: &ani.ID})
	dk := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081987654323", CustomerName: "Dika", Status: store.LeadWarm, AssignedToUserID: &dika.ID, Notes: "wants 50% down_payment"})
	nina := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081987654324", CustomerName: "Bu Nina", Status: store.LeadHot, Source: store.SourceWeb, AssignedToUserID: &ani.ID})
	rudi := mustCreateLead(t, db, &store.Lead{CustomerPhone: "+6581234567", CustomerName: "Pak Rudi", Source: store.SourceReferral})
	lost := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081987654326", CustomerName: "Lost One", Status: store.LeadLost})

	ids := func(leads []*store.Lead) string {
		s := ""
		for _, l := range leads {
			s += fmt.Sprintf("%d,", l.ID)
		}
		return s
	}
	order := func(ls ...*store.Lead) string { return ids(ls) }
	since := siti.CreatedAt.Add(2 * time.Minute) // dk's creation time
	until := nina.CreatedAt

	tests := []struct {
		name   string
		filter store.LeadFilter
		want   string
	}{
		{"all, status order then newest", store.LeadFilter{}, order(rudi, siti, nina, andi, dk, lost)},
		{"status", store.LeadFilter{Status: store.LeadHot}, order(nina, andi)},
		{"source", store.LeadFilter{Source: store.SourceWeb}, order(nina)},
		{"car", store.LeadFilter{CarID: &car}, order(siti)},
		{"assigned", store.LeadFilter{AssignedTo: &ani.ID}, order(nina, andi)},
		{"unassigned", store.LeadFilter{Unassigned: true}, order(rudi, siti, lost)},
		{"visible to sales", store.LeadFilter{VisibleTo: &dika.ID}, order(rudi, siti, dk, lost)},
		{"search name case-insensitive", store.LeadFilter{Search: "pak"}, order(rudi, andi)},
		{"search notes", store.LeadFilter{Search: "DOWN_payment"}, order(dk)},
		{"search percent is literal", store.LeadFilter{Search: "50%"}, order(dk)},
		{"search underscore is literal", store.LeadFilter{Search: "n_n"}, ""},
		{"search phone digits", store.LeadFilter{Search: "7654324"}, order(nina)},
		{"search national phone", store.LeadFilter{Search: "0819-8765-4322"}, order(andi)},
		{"search international phone", store.LeadFilter{Search: "+65 8123"}, order(rudi)},
		{"since and until inclusive", store.LeadFilter{Since: &since, Until: &until}, order(nina, dk)},
		{"combined", store.LeadFilter{Status: store.LeadHot, Search: "nina", AssignedTo: &ani.ID}, order(nina)},
		{"page", store.LeadFilter{Offset: 1, Limit: 2}, order(siti, nina)},
		{"page past the end", store.LeadFilter{Offset: 10, Limit: 2}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leads, total, err := db.FindLeads(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(leads); got != tt.want {
				t.Fatalf("ids = %s, want %s", got, tt.want)
			}
			if tt.filter.Limit == 0 && total != int64(len(leads)) {
				t.Fatalf("total = %d, rows %d", total, len(leads))
			}
		})
	}

	t.Run("TotalWithPage", func(t *testing.T) {
		_, total, err := db.FindLeads(ctx, store.LeadFilter{Offset: 2, Limit: 2})
		if err != nil || total != 6 {
			t.Fatalf("total = %d, %v", total, err)
		}
	})
	t.Run("Summaries", func(t *testing.T) {
		leads, _, _ := db.FindLeads(ctx, store.LeadFilter{Search: "Siti"})
		if leads[0].Car == nil || leads[0].Car.Slug != "toyota-avanza-2020-hitam-A01" || leads[0].AssignedTo != nil {
			t.Fatalf("siti = %+v", leads[0])
		}
	})
	t.Run("ErrUnknownEnum", func(t *testing.T) {
		_, _, err := db.FindLeads(ctx, store.LeadFilter{Status: "open", Source: "fax"})
		wantLeadErrCode(t, err, store.EINVALID)
		if d := store.ErrorDetails(err); d["status"] == nil || d["source"] == nil {
			t.Fatalf("details = %v", d)
		}
	})
}

func TestDB_FindLeadStats(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	dika := leadTestUser(t, db, "dika@example.com", store.RoleSales)

	empty, err := db.FindLeadStats(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Total != 0 || len(empty.ByStatus) != 6 || len(empty.BySource) != 4 {
		t.Fatalf("empty stats = %+v", empty)
	}

	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000001"})
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000002", Status: store.LeadHot, AssignedToUserID: &ani.ID, Source: store.SourceWeb})
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000003", Status: store.LeadHot, AssignedToUserID: &dika.ID})
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000004", Status: store.LeadClosed, Source: store.SourceReferral})
	if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081200000005", Message: "halo"}); err != nil {
		t.Fatal(err)
	}

	all, err := db.FindLeadStats(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 5 || all.ByStatus[store.LeadNew] != 2 || all.ByStatus[store.LeadHot] != 2 ||
		all.ByStatus[store.LeadClosed] != 1 || all.ByStatus[store.LeadLost] != 0 ||
		all.BySource[store.SourceDirect] != 2 || all.BySource[store.SourceWeb] != 1 ||
		all.BySource[store.SourceWhatsApp] != 1 || all.BySource[store.SourceReferral] != 1 {
		t.Fatalf("stats = %+v", all)
	}
	mine, err := db.FindLeadStats(ctx, &ani.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mine.Total != 4 || mine.ByStatus[store.LeadHot] != 1 || mine.BySource[store.SourceWeb] != 1 {
		t.Fatalf("sales stats = %+v", mine)
	}
}
