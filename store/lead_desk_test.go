package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

func TestValidLostReason(t *testing.T) {
	for _, tt := range []struct {
		reason string
		want   bool
	}{
		{"leasing_rejected", true}, {"price", true}, {"bought_elsewhere", true}, {"no_response", true},
		{"changed_mind", true}, {"car_sold", true}, {"other", true},
		{"", false}, {"Price", false}, {"ditolak leasing", false}, {"lost", false},
	} {
		if got := store.ValidLostReason(tt.reason); got != tt.want {
			t.Errorf("ValidLostReason(%q) = %v, want %v", tt.reason, got, tt.want)
		}
	}
}

// A lead awaits a reply while it is open and its customer spoke last; its
// activity is its last message, or its creation before any. The rules are
// the database's generated columns, read with the lead.
func TestLead_AwaitingReplyAndActivity(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	at := func(m int) *time.Time { v := time.UnixMilli(int64(m)).UTC(); return &v }
	millis := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.UnixMilli()
	}
	// stored writes the lead's times as the message triggers would, and
	// reads the lead back.
	phones := 0
	stored := func(status string, customer, reply, lastMessage *time.Time) *store.Lead {
		t.Helper()
		phones++
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: fmt.Sprintf("0812%08d", phones)})
		if _, err := db.Handles().Write.Exec(`UPDATE leads SET status = ?, last_customer_at = ?, last_reply_at = ?,
			last_message_at = ?, created_at = 1 WHERE id = ?`, status, millis(customer), millis(reply), millis(lastMessage), l.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindLeadByID(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	created := time.UnixMilli(1).UTC()
	for _, tt := range []struct {
		name            string
		status          string
		customer, reply *time.Time
		want            bool
	}{
		{"no messages", store.LeadNew, nil, nil, false},
		{"customer only", store.LeadNew, at(5), nil, true},
		{"customer after reply", store.LeadHot, at(6), at(5), true},
		{"reply after customer", store.LeadHot, at(5), at(6), false},
		{"same moment", store.LeadHot, at(5), at(5), false},
		{"closed", store.LeadClosed, at(6), nil, false},
		{"lost", store.LeadLost, at(6), at(5), false},
	} {
		if got := stored(tt.status, tt.customer, tt.reply, nil).AwaitingReply; got != tt.want {
			t.Errorf("%s: AwaitingReply = %v, want %v", tt.name, got, tt.want)
		}
	}
	if l := stored(store.LeadNew, nil, nil, nil); !l.ActivityAt.Equal(created) {
		t.Errorf("ActivityAt without messages = %v, want the creation", l.ActivityAt)
	}
	if l := stored(store.LeadNew, nil, nil, at(9)); !l.ActivityAt.Equal(*at(9)) {
		t.Errorf("ActivityAt = %v, want the last message", l.ActivityAt)
	}
}

// The lost reason belongs to lost leads: unknown reasons and reasons on
// other statuses are refused, leaving lost clears it, and lost without a
// reason is allowed (older API clients).
func TestDB_UpdateLead_LostReason(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801"})
	update := func(upd store.LeadUpdate) (*store.Lead, error) { return db.UpdateLead(ctx, l.ID, upd) }

	for _, tt := range []struct {
		name   string
		upd    store.LeadUpdate
		detail string
	}{
		{"unknown", store.LeadUpdate{Status: leadPtr(store.LeadLost), LostReason: leadPtr("expensive")}, "Lost reason must be"},
		{"open lead", store.LeadUpdate{LostReason: leadPtr(store.LostPrice)}, "only for a lead with status lost"},
		{"closed lead", store.LeadUpdate{Status: leadPtr(store.LeadClosed), LostReason: leadPtr(store.LostPrice)}, "only for a lead with status lost"},
	} {
		_, err := update(tt.upd)
		wantLeadErrCode(t, err, store.EINVALID)
		if !strings.Contains(err.Error(), tt.detail) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.detail)
		}
	}
	got, err := update(store.LeadUpdate{Status: leadPtr(store.LeadLost)})
	if err != nil || got.LostReason != "" {
		t.Fatalf("lost without a reason: %+v, %v", got, err)
	}
	got, err = update(store.LeadUpdate{LostReason: leadPtr(store.LostLeasingRejected)})
	if err != nil || got.LostReason != store.LostLeasingRejected {
		t.Fatalf("reason on a lost lead: %+v, %v", got, err)
	}
	got, err = update(store.LeadUpdate{Notes: leadPtr("tetap lost")})
	if err != nil || got.LostReason != store.LostLeasingRejected {
		t.Fatalf("another change dropped the reason: %+v, %v", got, err)
	}
	got, err = update(store.LeadUpdate{Status: leadPtr(store.LeadCold)})
	if err != nil || got.LostReason != "" {
		t.Fatalf("reopened lead keeps reason %q (%v)", got.LostReason, err)
	}
	if _, err := db.Handles().Write.Exec(`UPDATE leads SET lost_reason = 'nope' WHERE id = ?`, l.ID); err == nil {
		t.Fatal("the schema accepted an unknown lost reason")
	}
}

// Each changed field of an update is one event on the timeline, with who
// made it; an update that changes nothing the timeline follows adds none.
func TestDB_UpdateLead_Timeline(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	owner := leadTestUser(t, db, "owner@example.com", store.RoleOwner)
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	car := leadTestCar(t, db, "A01", "available")
	l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801"})

	followUp := time.Date(2026, 3, 2, 10, 30, 0, 123456789, time.FixedZone("WIB", 7*3600))
	upd := store.LeadUpdate{Status: leadPtr(store.LeadHot), AssignedToUserID: leadPtr(&ani.ID),
		FollowUpAt: leadPtr(&followUp), CarID: leadPtr(&car), Notes: leadPtr("minta kredit"),
		Tags: &[]string{"kredit"}, By: &owner.ID}
	got, err := db.UpdateLead(ctx, l.ID, upd)
	if err != nil {
		t.Fatal(err)
	}
	if got.FollowUpAt == nil || !got.FollowUpAt.Equal(followUp.Truncate(time.Millisecond)) {
		t.Fatalf("follow-up = %v, want %v", got.FollowUpAt, followUp)
	}
	if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr(store.LeadHot), Source: leadPtr(store.SourceWeb)}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr(store.LeadLost),
		LostReason: leadPtr(store.LostPrice), FollowUpAt: leadPtr[*time.Time](nil), By: &ani.ID}); err != nil {
		t.Fatal(err)
	}
	events, err := db.FindLeadEvents(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range events {
		who := "system"
		if e.UserID != nil {
			who = e.UserName
		}
		lines = append(lines, e.Kind+" "+e.From+">"+e.To+" by "+who)
	}
	want := []string{
		"status new>hot by owner@example.com",
		"assigned >" + jsonInt(ani.ID) + " by owner@example.com",
		"follow_up >2026-03-02T03:30:00.123Z by owner@example.com",
		"car >" + jsonInt(car) + " by owner@example.com",
		"notes >minta kredit by owner@example.com",
		`tags []>["kredit"] by owner@example.com`,
		"status hot>lost by ani@example.com",
		"lost_reason >price by ani@example.com",
		"follow_up 2026-03-02T03:30:00.123Z> by ani@example.com",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("timeline:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// A refused update leaves no event behind.
	if _, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Notes: leadPtr("x"), LostReason: leadPtr("bad")}); err == nil {
		t.Fatal("bad lost reason accepted")
	}
	// A deleted user's events stay, by nobody.
	if err := db.DeleteUser(ctx, ani.ID, nil); err != nil {
		t.Fatal(err)
	}
	after, err := db.FindLeadEvents(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(want) || after[len(after)-1].UserID != nil {
		t.Fatalf("after deleting the user: %d events, last by %v", len(after), after[len(after)-1].UserID)
	}
	// The timeline goes with its lead.
	if err := db.DeleteLead(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, `SELECT COUNT(*) FROM lead_events`); n != 0 {
		t.Fatalf("%d events outlived their lead", n)
	}
}

// deskFixture is a small showroom: leads with conversations whose times
// are set, so the inbox's filters and orders are known.
type deskFixture struct {
	db                        *store.DB
	ani, budi                 *store.User
	waitingMine, answeredMine int64 // assigned to Ani
	waitingFree, quietFree    int64 // unassigned
	waitingBudi               int64 // assigned to Budi
	closedWaiting             int64
}

func newDeskFixture(t *testing.T) *deskFixture {
	t.Helper()
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	f := &deskFixture{db: db,
		ani:  leadTestUser(t, db, "ani@example.com", store.RoleSales),
		budi: leadTestUser(t, db, "budi@example.com", store.RoleAdmin)}
	lead := func(phone string, assigned *int64, status string, senders ...string) int64 {
		t.Helper()
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: phone, AssignedToUserID: assigned, Status: status})
		for _, s := range senders {
			if err := db.CreateMessage(ctx, &store.Message{LeadID: l.ID, Sender: s, Message: "m"}); err != nil {
				t.Fatal(err)
			}
		}
		return l.ID
	}
	f.waitingMine = lead("081234567801", &f.ani.ID, store.LeadHot, "customer", "sales", "customer")
	f.answeredMine = lead("081234567802", &f.ani.ID, store.LeadWarm, "customer", "sales")
	f.waitingFree = lead("081234567803", nil, store.LeadNew, "customer", "bot")
	f.quietFree = lead("081234567804", nil, store.LeadNew)
	f.waitingBudi = lead("081234567805", &f.budi.ID, store.LeadHot, "customer")
	f.closedWaiting = lead("081234567806", nil, store.LeadClosed, "customer")
	return f
}

func leadIDs(leads []*store.Lead) []int64 {
	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}
	return ids
}

func TestDB_FindLeads_Inbox(t *testing.T) {
	ctx := context.Background()
	f := newDeskFixture(t)
	db := f.db
	// Activity: the leads were created and written to in order, so the
	// newest activity is the last lead's; the quiet lead's is its creation.
	due := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	early, late := due.Add(-48*time.Hour), due.Add(time.Hour)
	for id, at := range map[int64]time.Time{f.answeredMine: early, f.quietFree: due, f.waitingBudi: late, f.closedWaiting: early} {
		if _, err := db.UpdateLead(ctx, id, store.LeadUpdate{FollowUpAt: leadPtr(&at)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name   string
		filter store.LeadFilter
		want   []int64
	}{
		{"all by activity", store.LeadFilter{SortByActivity: true},
			[]int64{f.closedWaiting, f.waitingBudi, f.quietFree, f.waitingFree, f.answeredMine, f.waitingMine}},
		{"mine", store.LeadFilter{SortByActivity: true, AssignedTo: &f.ani.ID}, []int64{f.answeredMine, f.waitingMine}},
		{"unassigned", store.LeadFilter{SortByActivity: true, Unassigned: true},
			[]int64{f.closedWaiting, f.quietFree, f.waitingFree}},
		{"waiting", store.LeadFilter{SortByActivity: true, Awaiting: true}, []int64{f.waitingBudi, f.waitingFree, f.waitingMine}},
		{"waiting for sales", store.LeadFilter{SortByActivity: true, Awaiting: true, VisibleTo: &f.ani.ID},
			[]int64{f.waitingFree, f.waitingMine}},
		{"follow-up due, most overdue first", store.LeadFilter{FollowUpDue: &due, SortByActivity: true},
			[]int64{f.answeredMine, f.quietFree}},
		{"waiting with status", store.LeadFilter{SortByActivity: true, Awaiting: true, Status: store.LeadHot},
			[]int64{f.waitingBudi, f.waitingMine}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			leads, total, err := db.FindLeads(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := leadIDs(leads); !slices.Equal(got, tt.want) || total != int64(len(tt.want)) {
				t.Fatalf("FindLeads = %v (total %d), want %v", got, total, tt.want)
			}
			for _, l := range leads {
				if tt.filter.Awaiting && !l.AwaitingReply {
					t.Errorf("lead %d listed as waiting, AwaitingReply false", l.ID)
				}
			}
			paged := tt.filter
			paged.Limit = 1
			var all []int64
			for {
				page, more, err := db.FindLeadsPage(ctx, paged)
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, leadIDs(page)...)
				if !more {
					break
				}
				paged.Offset++
			}
			if !slices.Equal(all, tt.want) {
				t.Fatalf("FindLeadsPage pages = %v, want %v", all, tt.want)
			}
		})
	}
	for _, tt := range []struct {
		visibleTo *int64
		want      int64
	}{{nil, 3}, {&f.ani.ID, 2}} {
		if n, err := db.CountAwaiting(ctx, tt.visibleTo); err != nil || n != tt.want {
			t.Errorf("CountAwaiting(%v) = %d, %v; want %d", tt.visibleTo, n, err, tt.want)
		}
	}
	// Ani answers: one fewer waits, for everyone's count.
	if _, err := db.QueueMessage(ctx, store.OutgoingMessage{LeadID: f.waitingMine, Message: "Siap", UserID: f.ani.ID}); err != nil {
		t.Fatal(err)
	}
	if n, err := db.CountAwaiting(ctx, nil); err != nil || n != 2 {
		t.Errorf("CountAwaiting after a reply = %d, %v; want 2", n, err)
	}
}

// A lead is unread for a user while its customer wrote after the user last
// opened it; each user has their own marks.
func TestDB_MarkLeadRead(t *testing.T) {
	ctx := context.Background()
	f := newDeskFixture(t)
	db := f.db
	unread := func(user *store.User) map[int64]bool {
		t.Helper()
		leads, _, err := db.FindLeads(ctx, store.LeadFilter{ReadBy: &user.ID})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]bool{}
		for _, l := range leads {
			if l.Unread {
				out[l.ID] = true
			}
		}
		return out
	}
	want := map[int64]bool{f.waitingMine: true, f.answeredMine: true, f.waitingFree: true, f.waitingBudi: true, f.closedWaiting: true}
	if got := unread(f.ani); len(got) != len(want) {
		t.Fatalf("never opened: unread %v, want %v", got, want)
	}
	if err := db.MarkLeadRead(ctx, f.ani.ID, f.waitingMine); err != nil {
		t.Fatal(err)
	}
	if unread(f.ani)[f.waitingMine] {
		t.Fatal("opened lead still unread")
	}
	if !unread(f.budi)[f.waitingMine] {
		t.Fatal("Ani's opening marked the lead read for Budi")
	}
	if _, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081234567801", Message: "Halo?"}); err != nil {
		t.Fatal(err)
	}
	if !unread(f.ani)[f.waitingMine] {
		t.Fatal("a new customer message left the lead read")
	}
	if l, err := db.FindLeadByID(ctx, f.waitingMine); err != nil || l.Unread {
		t.Fatalf("FindLeadByID fills Unread: %+v, %v", l, err)
	}
	wantLeadErrCode(t, db.MarkLeadRead(ctx, f.ani.ID, 9999), store.ENOTFOUND)
}

func TestDB_FindCustomerLeads(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	budi := leadTestUser(t, db, "budi@example.com", store.RoleAdmin)
	old1 := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801", Status: store.LeadLost})
	old2 := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801", Status: store.LeadClosed, AssignedToUserID: &budi.ID})
	old3 := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801", Status: store.LeadClosed, AssignedToUserID: &ani.ID})
	current := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567801"})
	mustCreateLead(t, db, &store.Lead{CustomerPhone: "081234567899", Status: store.LeadClosed})

	got, err := db.FindCustomerLeads(ctx, "0812-3456-7801", current.ID, nil)
	if err != nil || !slices.Equal(leadIDs(got), []int64{old3.ID, old2.ID, old1.ID}) {
		t.Fatalf("FindCustomerLeads = %v, %v", leadIDs(got), err)
	}
	got, err = db.FindCustomerLeads(ctx, current.CustomerPhone, current.ID, &ani.ID)
	if err != nil || !slices.Equal(leadIDs(got), []int64{old3.ID, old1.ID}) {
		t.Fatalf("FindCustomerLeads for sales = %v, %v", leadIDs(got), err)
	}
	_, err = db.FindCustomerLeads(ctx, "abc", current.ID, nil)
	wantLeadErrCode(t, err, store.EINVALID)
}

// Each inbox tab walks an index in its order: no sort of every matching
// lead (a TEMP B-TREE), so a page stops after its rows at 50,000 leads.
func TestLeadInboxPlan(t *testing.T) {
	db := MustOpenDB(t)
	me := int64(7)
	now := time.Now()
	for _, tt := range []struct {
		name   string
		filter store.LeadFilter
		index  string
	}{
		{"all", store.LeadFilter{SortByActivity: true}, "leads_activity"},
		{"status", store.LeadFilter{SortByActivity: true, Status: store.LeadHot}, "leads_status_activity"},
		{"mine", store.LeadFilter{SortByActivity: true, AssignedTo: &me, VisibleTo: &me}, "leads_assigned_activity"},
		{"unassigned", store.LeadFilter{SortByActivity: true, Unassigned: true}, "leads_assigned_activity"},
		{"waiting", store.LeadFilter{SortByActivity: true, Awaiting: true}, "leads_awaiting_activity"},
		{"waiting for sales", store.LeadFilter{SortByActivity: true, Awaiting: true, VisibleTo: &me}, "leads_awaiting_activity"},
		{"follow-up due", store.LeadFilter{SortByActivity: true, FollowUpDue: &now}, "leads_follow_up"},
		{"follow-up due for sales", store.LeadFilter{FollowUpDue: &now, VisibleTo: &me, ReadBy: &me}, "leads_follow_up"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.filter.Limit = 25
			q, args, err := store.LeadPageQuery(tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, db, q, args)
			if !strings.Contains(plan, "INDEX "+tt.index) || strings.Contains(plan, "TEMP B-TREE") {
				t.Fatalf("plan:\n%s\nwant %s without a sort", plan, tt.index)
			}
		})
	}
}

// The CSV export walks leads in id order by the primary key, batch after
// batch, for an owner and for a sales user alike: no batch sorts every
// lead the user may see.
func TestEachLeadPlan(t *testing.T) {
	db := MustOpenDB(t)
	me := int64(7)
	for _, f := range []store.LeadFilter{{}, {VisibleTo: &me}, {VisibleTo: &me, Status: store.LeadHot}} {
		q, args, err := store.EachLeadQuery(f)
		if err != nil {
			t.Fatal(err)
		}
		plan := explain(t, db, q, append(args, 0, 500))
		if !strings.Contains(plan, "INTEGER PRIMARY KEY") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%+v: plan:\n%s\nwant a walk by id without a sort", f, plan)
		}
	}
}
