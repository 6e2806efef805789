package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
)

// BenchmarkInboxPage reads one page of each inbox tab over 50,000 leads
// (the synthetic showroom, a third assigned to one sales user), as the
// desk asks for it: by activity, without counting every match.
func BenchmarkInboxPage(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := demo.LoadSynthetic(ctx, db, demo.Synthetic{Cars: 200, Leads: 50_000, Seed: 42, Now: now}); err != nil {
		b.Fatal(err)
	}
	sales := leadTestUser(b, db, "ani@example.com", store.RoleSales)
	if _, err := db.Handles().Write.Exec(`UPDATE leads SET assigned_to_user_id = ? WHERE id % 3 = 0`, sales.ID); err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		filter store.LeadFilter
	}{
		{"all", store.LeadFilter{}},
		{"status", store.LeadFilter{Status: store.LeadWarm}},
		{"mine", store.LeadFilter{AssignedTo: &sales.ID, VisibleTo: &sales.ID}},
		{"unassigned", store.LeadFilter{Unassigned: true}},
		{"waiting", store.LeadFilter{Awaiting: true}},
		{"waiting for sales", store.LeadFilter{Awaiting: true, VisibleTo: &sales.ID}},
		{"follow-up due", store.LeadFilter{FollowUpDue: &now}},
		{"search", store.LeadFilter{Search: "kredit", VisibleTo: &sales.ID}},
	} {
		f := tt.filter
		f.SortByActivity, f.ReadBy, f.Limit = true, &sales.ID, 25
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.FindLeadsPage(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("count waiting for sales", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.CountAwaiting(ctx, &sales.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}
