package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

var leadEpoch = time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)

func TestDB_CreateLead(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	carID := leadTestCar(t, db, "A01", store.CarAvailable)
	sales := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	inactive := leadTestUser(t, db, "old@example.com", store.RoleSales)
	if _, err := db.UpdateUser(ctx, inactive.ID, store.UserUpdate{Status: leadPtr(store.UserInactive)}); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "0812-3456-7890", CustomerName: "  Ibu Siti ",
			CarID: &carID, AssignedToUserID: &sales.ID, Notes: " call back ", Tags: []string{" vip ", "", "vip", "cash"}})
		if l.ID == 0 || l.CustomerPhone != "+6281234567890" || l.CustomerName != "Ibu Siti" || l.Notes != "call back" {
			t.Fatalf("lead = %+v", l)
		}
		if l.Status != store.LeadNew || l.Source != store.SourceDirect || l.ClosedAt != nil {
			t.Fatalf("defaults: status %q source %q closedAt %v", l.Status, l.Source, l.ClosedAt)
		}
		if strings.Join(l.Tags, ",") != "vip,cash" {
			t.Fatalf("tags = %q", l.Tags)
		}
		if l.Car == nil || l.Car.DisplayCode != "#A01" || l.Car.Price != 150000000 {
			t.Fatalf("car = %+v", l.Car)
		}
		if l.AssignedTo == nil || l.AssignedTo.Email != "ani@example.com" || l.AssignedTo.Role != store.RoleSales {
			t.Fatalf("assignedTo = %+v", l.AssignedTo)
		}
		got, err := db.FindLeadByID(ctx, l.ID)
		if err != nil || got.CustomerPhone != l.CustomerPhone || got.Car == nil || got.AssignedTo == nil {
			t.Fatalf("FindLeadByID = %+v, %v", got, err)
		}
	})

	t.Run("ErrInvalidPhone", func(t *testing.T) {
		err := db.CreateLead(ctx, &store.Lead{CustomerPhone: "12345"})
		wantLeadErrCode(t, err, store.EINVALID)
		if store.ErrorMessage(err) != "Invalid phone number format" || store.ErrorDetails(err)["customerPhone"] == nil {
			t.Fatalf("err = %v %v", store.ErrorMessage(err), store.ErrorDetails(err))
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		tags := make([]string, 21)
		for i := range tags {
			tags[i] = strings.Repeat("x", i+1)
		}
		err := db.CreateLead(ctx, &store.Lead{CustomerPhone: "", CustomerName: strings.Repeat("n", 101),
			Status: "open", Source: "email", Notes: strings.Repeat("n", 5001), Tags: tags,
			CarID: leadPtr(int64(999)), AssignedToUserID: &inactive.ID})
		wantLeadErrCode(t, err, store.EINVALID)
		d := store.ErrorDetails(err)
		for _, k := range []string{"customerPhone", "customerName", "status", "source", "notes", "tags", "carId", "assignedToUserId"} {
			if d[k] == nil {
				t.Errorf("details lack %s: %v", k, d)
			}
		}
		err = db.CreateLead(ctx, &store.Lead{CustomerPhone: "081200000001", Tags: []string{strings.Repeat("é", 51)}})
		wantLeadErrCode(t, err, store.EINVALID)
		err = db.CreateLead(ctx, &store.Lead{CustomerPhone: "081200000001", AssignedToUserID: leadPtr(int64(999))})
		if store.ErrorDetails(err)["assignedToUserId"] != "User not found in this showroom" {
			t.Fatalf("unknown user: %v", err)
		}
	})

	t.Run("ErrDuplicatePhone", func(t *testing.T) {
		first := mustCreateLead(t, db, &store.Lead{CustomerPhone: "6281300000001"})
		err := db.CreateLead(ctx, &store.Lead{CustomerPhone: "0813-0000-0001"})
		wantLeadErrCode(t, err, store.ECONFLICT)
		if got := store.ErrorDetails(err)["leadId"]; got != first.ID {
			t.Fatalf("details.leadId = %v, want %d", got, first.ID)
		}
		// A closed lead for the phone does not block a new one, and a lead
		// created closed does not block an open one.
		if _, err := db.UpdateLead(ctx, first.ID, store.LeadUpdate{Status: leadPtr(store.LeadClosed)}); err != nil {
			t.Fatal(err)
		}
		closed := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081300000001", Status: store.LeadLost})
		if closed.ClosedAt == nil {
			t.Fatal("lead created lost has no closedAt")
		}
		mustCreateLead(t, db, &store.Lead{CustomerPhone: "081300000001"})
	})

	t.Run("CreatedAtKept", func(t *testing.T) {
		at := leadEpoch.Add(-48 * time.Hour)
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081300000002", CreatedAt: at})
		if !l.CreatedAt.Equal(at) || !l.UpdatedAt.Equal(at) {
			t.Fatalf("created %v updated %v, want %v", l.CreatedAt, l.UpdatedAt, at)
		}
	})
}

// TestDB_CreateLead_Concurrent races manual creation and inbound messages for
// one new phone: exactly one open lead results, and the only error is the
// conflict a manual creation meets when the lead already exists.
func TestDB_CreateLead_Concurrent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				errs <- db.CreateLead(ctx, &store.Lead{CustomerPhone: "0812-7777-0000"})
				return
			}
			_, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "6281277770000@s.whatsapp.net", Message: "halo"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil && store.ErrorCode(err) != store.ECONFLICT {
			t.Errorf("unexpected error: %v", err)
		}
	}
	leads, total, err := db.FindLeads(ctx, store.LeadFilter{Search: "081277770000"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(leads) != 1 || leads[0].CustomerPhone != "+6281277770000" {
		t.Fatalf("leads = %d (%d)", total, len(leads))
	}
}

func TestDB_UpdateLead(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestClock(db, leadEpoch)
	carA := leadTestCar(t, db, "A01", store.CarAvailable)
	carB := leadTestCar(t, db, "B01", store.CarSold)
	ani := leadTestUser(t, db, "ani@example.com", store.RoleSales)
	budi := leadTestUser(t, db, "budi@example.com", store.RoleAdmin)

	t.Run("Fields", func(t *testing.T) {
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000010", CarID: &carA, AssignedToUserID: &ani.ID})
		var noCar *int64
		got, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{
			CustomerPhone: leadPtr("+62 812 0000 0011"), CustomerName: leadPtr(" Pak Andi "),
			CarID: &noCar, Status: leadPtr(store.LeadHot), Source: leadPtr(store.SourceReferral),
			AssignedToUserID: leadPtr(&budi.ID), Notes: leadPtr("test drive Saturday"), Tags: &[]string{"a", "a", " b"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.CustomerPhone != "+6281200000011" || got.CustomerName != "Pak Andi" || got.CarID != nil || got.Car != nil ||
			got.Status != store.LeadHot || got.Source != store.SourceReferral || got.AssignedTo == nil ||
			got.AssignedTo.ID != budi.ID || got.Notes != "test drive Saturday" || strings.Join(got.Tags, ",") != "a,b" {
			t.Fatalf("updated = %+v", got)
		}
		if !got.UpdatedAt.After(l.UpdatedAt) {
			t.Fatalf("updatedAt not bumped: %v → %v", l.UpdatedAt, got.UpdatedAt)
		}
		// A sold car may still be the car a lead is about.
		got, err = db.UpdateLead(ctx, l.ID, store.LeadUpdate{CarID: leadPtr(&carB)})
		if err != nil || got.Car == nil || got.Car.ID != carB {
			t.Fatalf("set car: %+v %v", got, err)
		}
	})

	t.Run("ClosedAt", func(t *testing.T) {
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000020"})
		closed, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr(store.LeadClosed)})
		if err != nil || closed.ClosedAt == nil {
			t.Fatalf("close: %+v %v", closed, err)
		}
		lost, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr(store.LeadLost)})
		if err != nil || lost.ClosedAt == nil || !lost.ClosedAt.Equal(*closed.ClosedAt) {
			t.Fatalf("closed → lost must keep closedAt %v: %+v %v", closed.ClosedAt, lost.ClosedAt, err)
		}
		reopened, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr(store.LeadWarm)})
		if err != nil || reopened.ClosedAt != nil {
			t.Fatalf("reopen must clear closedAt: %+v %v", reopened.ClosedAt, err)
		}
		notes, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Notes: leadPtr("x")})
		if err != nil || notes.ClosedAt != nil || notes.Status != store.LeadWarm {
			t.Fatalf("notes update: %+v %v", notes, err)
		}
	})

	t.Run("ErrReopenConflict", func(t *testing.T) {
		old := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000030", Status: store.LeadClosed})
		current := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000030"})
		_, err := db.UpdateLead(ctx, old.ID, store.LeadUpdate{Status: leadPtr(store.LeadNew)})
		wantLeadErrCode(t, err, store.ECONFLICT)
		if store.ErrorDetails(err)["leadId"] != current.ID {
			t.Fatalf("details = %v, want leadId %d", store.ErrorDetails(err), current.ID)
		}
		// Moving an open lead onto a phone that has an open lead conflicts too.
		other := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000031"})
		_, err = db.UpdateLead(ctx, other.ID, store.LeadUpdate{CustomerPhone: leadPtr("081200000030")})
		wantLeadErrCode(t, err, store.ECONFLICT)
		// A closed lead may take the phone.
		if _, err := db.UpdateLead(ctx, old.ID, store.LeadUpdate{Notes: leadPtr("archived")}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000040"})
		_, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{CustomerPhone: leadPtr("abc")})
		wantLeadErrCode(t, err, store.EINVALID)
		_, err = db.UpdateLead(ctx, l.ID, store.LeadUpdate{Status: leadPtr("done"), CarID: leadPtr(leadPtr(int64(404))),
			AssignedToUserID: leadPtr(leadPtr(int64(404)))})
		wantLeadErrCode(t, err, store.EINVALID)
		for _, k := range []string{"status", "carId", "assignedToUserId"} {
			if store.ErrorDetails(err)[k] == nil {
				t.Errorf("details lack %s: %v", k, store.ErrorDetails(err))
			}
		}
		_, err = db.UpdateLead(ctx, 987654, store.LeadUpdate{})
		wantLeadErrCode(t, err, store.ENOTFOUND)
	})

	t.Run("CheckAborts", func(t *testing.T) {
		l := mustCreateLead(t, db, &store.Lead{CustomerPhone: "081200000050"})
		_, err := db.UpdateLead(ctx, l.ID, store.LeadUpdate{Notes: leadPtr("nope"), Check: func(cur *store.Lead) error {
			if cur.ID != l.ID {
				t.Errorf("check saw lead %d", cur.ID)
			}
			return store.Errorf(store.EFORBIDDEN, "no")
		}})
		wantLeadErrCode(t, err, store.EFORBIDDEN)
		got, _ := db.FindLeadByID(ctx, l.ID)
		if got.Notes != "" {
			t.Fatalf("aborted update was written: %q", got.Notes)
		}
	})
}

func TestDB_DeleteLead(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	res, err := db.RecordInboundMessage(ctx, store.InboundMessage{Phone: "081200000001", Message: "halo"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteLead(ctx, res.LeadID); err != nil {
		t.Fatal(err)
	}
	msgs, err := db.FindMessages(ctx, res.LeadID)
	if err != nil || len(msgs) != 0 {
		t.Fatalf("messages after delete: %d %v", len(msgs), err)
	}
	wantLeadErrCode(t, db.DeleteLead(ctx, res.LeadID), store.ENOTFOUND)
	_, err = db.FindLeadByID(ctx, res.LeadID)
	wantLeadErrCode(t, err, store.ENOTFOUND)
}

func TestDB_FindAvailableCarBySlug(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	leadTestCar(t, db, "A01", store.CarAvailable)
	leadTestCar(t, db, "A02", store.CarBooking)
	c, err := db.FindAvailableCarBySlug(ctx, "toyota-avanza-2020-hitam-A01")
	if err != nil || c.PublicName != "Toyota Avanza 2020 Hitam #A01" {
		t.Fatalf("available: %+v %v", c, err)
	}
	for _, slug := range []string{"toyota-avanza-2020-hitam-A02", "nothing"} {
		_, err := db.FindAvailableCarBySlug(ctx, slug)
		wantLeadErrCode(t, err, store.ENOTFOUND)
	}
}
