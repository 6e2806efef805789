package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/autoleads/autoleads/store"
)

// Options tune Load.
type Options struct {
	// Data is what to load; nil loads Demo().
	Data *Dataset
	// Password is the users' password; "" means Password.
	Password string
	// Now anchors the conversations' timestamps; zero means time.Now().
	Now time.Time
}

// Result counts what Load wrote and what it found already there.
type Result struct {
	Cars         int      `json:"cars"`
	CarsSkipped  int      `json:"carsSkipped"`  // display code already taken
	Users        []string `json:"users"`        // emails created
	UsersSkipped []string `json:"usersSkipped"` // emails already registered
	Leads        int      `json:"leads"`
	LeadsSkipped int      `json:"leadsSkipped"` // phone already has an open lead, or the closed one
	Messages     int      `json:"messages"`
	QuickReplies int      `json:"quickReplies"`
}

// Load writes a dataset into a tenant database and adds only what is
// missing: a car whose display code is taken, a user whose email is
// registered and a lead whose phone already has an open lead are left as
// they are (a lead then gets none of its messages), so loading twice adds
// nothing; quick replies are written only to a showroom without any. Leads
// point at the dataset's cars and users by display code and
// email, whether Load created them or found them. Outgoing messages are
// stored as already read, so the outbox never sends history to real phones.
// Each record is its own transaction: a failure leaves what was written, and
// running Load again completes it.
func Load(ctx context.Context, db *store.DB, opts Options) (*Result, error) {
	if opts.Data == nil {
		opts.Data = Demo()
	}
	if opts.Password == "" {
		opts.Password = Password
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	res := &Result{Users: []string{}, UsersSkipped: []string{}}
	users, err := loadUsers(ctx, db, opts, res)
	if err != nil {
		return res, err
	}
	cars, err := loadCars(ctx, db, opts.Data.Cars, res)
	if err != nil {
		return res, err
	}
	for i := range opts.Data.Leads {
		if err := loadLead(ctx, db, &opts.Data.Leads[i], cars, users, opts.Now, res); err != nil {
			return res, err
		}
	}
	return res, loadQuickReplies(ctx, db, opts.Data.QuickReplies, res)
}

// loadQuickReplies writes replies to a showroom that has no quick reply yet.
func loadQuickReplies(ctx context.Context, db *store.DB, replies []store.QuickReply, res *Result) error {
	existing, err := db.FindQuickReplies(ctx)
	if err != nil || len(existing) > 0 {
		return err
	}
	for _, r := range replies {
		if err := db.CreateQuickReply(ctx, &r); err != nil {
			return fmt.Errorf("demo quick reply %s: %w", r.Title, err)
		}
		res.QuickReplies++
	}
	return nil
}

// loadUsers creates the users whose emails are free and returns the id of
// every active user of the dataset by email, to assign leads to.
func loadUsers(ctx context.Context, db *store.DB, opts Options, res *Result) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, du := range opts.Data.Users {
		u, err := db.FindUserByEmail(ctx, du.Email)
		switch {
		case err == nil:
			res.UsersSkipped = append(res.UsersSkipped, u.Email)
		case store.ErrorCode(err) == store.ENOTFOUND:
			u = &store.User{Name: du.Name, Email: du.Email, Role: du.Role}
			if err := db.CreateUser(ctx, u, opts.Password); err != nil {
				return nil, fmt.Errorf("demo user %s: %w", du.Email, err)
			}
			res.Users = append(res.Users, u.Email)
		default:
			return nil, err
		}
		if u.Status == store.UserActive {
			ids[u.Email] = u.ID
		}
	}
	return ids, nil
}

// loadCars creates the cars whose display codes are free and returns the id
// of every car of the dataset by upper-cased display code.
func loadCars(ctx context.Context, db *store.DB, cars []store.Car, res *Result) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, c := range cars {
		c.KeyFeatures = append([]string(nil), c.KeyFeatures...)
		c.Photos = append([]string{}, c.Photos...)
		err := db.CreateCar(ctx, &c)
		switch {
		case err == nil:
			res.Cars++
		case store.ErrorCode(err) == store.ECONFLICT:
			existing, ferr := findCarByCode(ctx, db, c.DisplayCode)
			if ferr != nil {
				return nil, ferr
			}
			c.ID = existing.ID
			res.CarsSkipped++
		default:
			return nil, fmt.Errorf("demo car %s: %w", c.DisplayCode, err)
		}
		ids[strings.ToUpper(c.DisplayCode)] = c.ID
	}
	return ids, nil
}

// findCarByCode finds a car by display code, compared case-insensitively
// like the unique index does. Errors: ENOTFOUND.
func findCarByCode(ctx context.Context, db *store.DB, code string) (*store.Car, error) {
	cars, _, err := db.FindCars(ctx, store.CarFilter{Search: code})
	if err != nil {
		return nil, err
	}
	for _, c := range cars {
		if strings.EqualFold(c.DisplayCode, code) {
			return c, nil
		}
	}
	return nil, store.Errorf(store.ENOTFOUND, "Car %s not found", code)
}

// loadLead creates a lead and its conversation unless its phone already has
// an open lead (for a closed or lost lead: one in the same status). The
// lead is as old as its first message; a lead qualified by a user comes in
// as new and is then qualified, which its timeline records.
func loadLead(ctx context.Context, db *store.DB, dl *Lead, cars, users map[string]int64, now time.Time, res *Result) error {
	if !store.IsOpenLeadStatus(dl.Status) {
		loaded, err := hasLeadInStatus(ctx, db, dl.Phone, dl.Status)
		if err != nil {
			return err
		}
		if loaded {
			res.LeadsSkipped++
			return nil
		}
	}
	l := &store.Lead{
		CustomerPhone: dl.Phone, CustomerName: dl.Name, Status: dl.Status, Source: dl.Source,
		Notes: dl.Notes, Tags: append([]string(nil), dl.Tags...), LostReason: dl.LostReason, CreatedAt: now,
	}
	if len(dl.Messages) > 0 {
		l.CreatedAt = now.Add(-dl.Messages[0].Ago)
	}
	if id, ok := cars[strings.ToUpper(dl.CarCode)]; ok {
		l.CarID = &id
	}
	if id, ok := users[dl.AssignedTo]; ok {
		l.AssignedToUserID = &id
	}
	switch {
	case dl.FollowUpToday:
		at := laterToday(now)
		l.FollowUpAt = &at
	case dl.FollowUpIn != 0:
		at := now.Add(dl.FollowUpIn)
		l.FollowUpAt = &at
	}
	var qualify *store.LeadUpdate
	if by, ok := users[dl.QualifiedBy]; ok && store.IsOpenLeadStatus(dl.Status) {
		status, assigned, followUp := l.Status, l.AssignedToUserID, l.FollowUpAt
		qualify = &store.LeadUpdate{Status: &status, AssignedToUserID: &assigned, FollowUpAt: &followUp, By: &by}
		l.Status, l.AssignedToUserID, l.FollowUpAt = store.LeadNew, nil, nil
	}
	err := db.CreateLead(ctx, l)
	if store.ErrorCode(err) == store.ECONFLICT {
		res.LeadsSkipped++
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo lead %s: %w", dl.Name, err)
	}
	res.Leads++
	for _, dm := range dl.Messages {
		m := &store.Message{LeadID: l.ID, Sender: dm.Sender, Message: dm.Text, CreatedAt: now.Add(-dm.Ago)}
		if dm.Sender == store.SenderBot || dm.Sender == store.SenderSales {
			m.DeliveryStatus = store.DeliveryRead
		}
		if err := db.CreateMessage(ctx, m); err != nil {
			return fmt.Errorf("demo message of %s: %w", dl.Name, err)
		}
		res.Messages++
	}
	if qualify != nil {
		if _, err := db.UpdateLead(ctx, l.ID, *qualify); err != nil {
			return fmt.Errorf("demo lead %s: %w", dl.Name, err)
		}
	}
	return nil
}

// wib is the demo showroom's time zone (it sets no settings.timeZone).
var wib = time.FixedZone("WIB", 7*60*60)

// laterToday is halfway from now to the end of now's day in WIB: in the
// future, and due today, whenever the demo is loaded.
func laterToday(now time.Time) time.Time {
	y, m, d := now.In(wib).Date()
	end := time.Date(y, m, d+1, 0, 0, 0, 0, wib)
	return now.Add(end.Sub(now) / 2)
}

// hasLeadInStatus reports whether phone has a lead in status.
func hasLeadInStatus(ctx context.Context, db *store.DB, phone, status string) (bool, error) {
	leads, err := db.FindCustomerLeads(ctx, phone, 0, nil)
	if err != nil {
		return false, err
	}
	for _, l := range leads {
		if l.Status == status {
			return true, nil
		}
	}
	return false, nil
}
