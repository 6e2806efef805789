package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/autoleads/autoleads/store"
)

// LoadSynthetic generates s and writes it into db in one transaction, so
// tens of thousands of leads load in seconds and a failure leaves nothing
// half-written. Every car passes store.ValidateCar, and its public name,
// slug and clean plate are computed by the store's own rules. Display codes
// (#G0001…), stock codes and phones (+62813…) come from fixed ranges, so
// loading into a showroom that already holds generated data fails on the
// first duplicate (ECONFLICT) instead of mixing two runs.
func LoadSynthetic(ctx context.Context, db *store.DB, s Synthetic) (*SyntheticResult, error) {
	if s.Cars < 0 || s.Leads < 0 {
		return nil, store.Errorf(store.EINVALID, "Cars and leads must not be negative")
	}
	if s.Now.IsZero() {
		s.Now = time.Now()
	}
	g := &generator{r: rand.New(rand.NewPCG(s.Seed, s.Seed^0x9e3779b97f4a7c15)), now: s.Now.UTC()}
	res := &SyntheticResult{}
	err := db.BulkLoad(ctx, func(b *store.BulkLoad) error {
		carIDs, err := insertCars(ctx, b, g, s.Cars, res)
		if err != nil {
			return err
		}
		return insertLeads(ctx, b, g, s.Leads, s.Seed, carIDs, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func insertCars(ctx context.Context, b *store.BulkLoad, g *generator, n int, res *SyntheticResult) ([]int64, error) {
	ids := make([]int64, 0, n)
	for i := range n {
		c := g.car(i)
		if errs := store.ValidateCar(&c, g.now); len(errs) > 0 {
			return nil, fmt.Errorf("generated car %s breaks a rule: %v", c.DisplayCode, errs)
		}
		c.CreatedAt = g.ago(180)
		c.UpdatedAt = c.CreatedAt
		if c.Status == store.CarSold {
			sold := c.CreatedAt.Add(time.Duration(g.r.IntN(20*24)) * time.Hour)
			c.SoldAt = &sold
		}
		if err := b.AddCar(ctx, &c); err != nil {
			if store.IsUniqueViolation(err) {
				return nil, store.Errorf(store.ECONFLICT, "Showroom already holds generated cars (display code %s)", c.DisplayCode)
			}
			return nil, err
		}
		ids = append(ids, c.ID)
		res.Cars++
		if c.Status == store.CarAvailable {
			res.AvailableCars++
		}
	}
	return ids, nil
}

// insertLeads writes n leads over the statuses and sources in realistic
// shares, each with one to three messages: the customer's inquiry, often a
// bot's acknowledgement, sometimes a salesperson's answer.
func insertLeads(ctx context.Context, b *store.BulkLoad, g *generator, n int, seed uint64, carIDs []int64, res *SyntheticResult) error {
	for i := range n {
		status := leadWeights[g.weighted(len(leadWeights), func(k int) int { return leadWeights[k].weight })].status
		source := sourceWeights[g.weighted(len(sourceWeights), func(k int) int { return sourceWeights[k].weight })].source
		// 7919 is prime to 10^8, so i ↦ phone is one-to-one: no two leads share a phone.
		phone := fmt.Sprintf("+62813%08d", (uint64(i)*7919+seed)%100_000_000)
		l := &store.Lead{CustomerPhone: phone, Status: status, Source: source}
		if g.r.IntN(100) < 85 {
			l.CustomerName = g.pick(firstNames) + " " + g.pick(lastNames)
		}
		if len(carIDs) > 0 && g.r.IntN(100) < 70 {
			l.CarID = &carIDs[g.r.IntN(len(carIDs))]
		}
		l.Notes = g.pick(leadNotes)
		if g.r.IntN(4) == 0 {
			l.Tags = []string{"kredit"}
		}
		created := g.ago(180)
		l.CreatedAt, l.UpdatedAt = created, created.Add(time.Duration(g.r.IntN(72))*time.Hour)
		if !store.IsOpenLeadStatus(status) {
			l.ClosedAt = &l.UpdatedAt
		}
		// One open lead in ten has a follow-up, from three days overdue to
		// three days ahead, so the desk's follow-up list has work at any
		// size. (Derived from i, not drawn: the seed's data stays as it was.)
		if store.IsOpenLeadStatus(status) && i%10 == 0 {
			at := g.now.Add(time.Duration(i%7-3) * 24 * time.Hour)
			l.FollowUpAt = &at
		}
		if err := b.AddLead(ctx, l); err != nil {
			if store.IsUniqueViolation(err) {
				return store.Errorf(store.ECONFLICT, "Showroom already has an open lead for %s", phone)
			}
			return err
		}
		res.Leads++
		msgs := []struct{ sender, text, delivery string }{
			{store.SenderCustomer, fmt.Sprintf(g.pick(inquiries), "mobilnya"), ""},
		}
		if g.r.IntN(2) == 0 {
			msgs = append(msgs, struct{ sender, text, delivery string }{store.SenderBot, "Terima kasih, tim kami akan segera menghubungi Anda.", "read"})
		}
		if g.r.IntN(3) == 0 {
			msgs = append(msgs, struct{ sender, text, delivery string }{store.SenderSales, "Unit masih tersedia, silakan mampir ke showroom kami.", "read"})
		}
		at := created
		for j, m := range msgs {
			msg := &store.Message{LeadID: l.ID, Sender: m.sender, Message: m.text, CreatedAt: at}
			if m.sender == store.SenderCustomer {
				msg.ExternalID = fmt.Sprintf("gen-%d-%d-%d", seed, i, j)
			} else {
				msg.DeliveryStatus = m.delivery
			}
			if err := b.AddMessage(ctx, msg); err != nil {
				return err
			}
			at = at.Add(time.Duration(1+g.r.IntN(30)) * time.Minute)
			res.Messages++
		}
	}
	return nil
}
