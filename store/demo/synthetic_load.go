package demo

import (
	"context"
	"database/sql"
	"encoding/json"
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
	tx, err := db.Handles().Write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res := &SyntheticResult{}
	carIDs, err := insertCars(ctx, tx, g, s.Cars, res)
	if err != nil {
		return nil, err
	}
	if err := insertLeads(ctx, tx, g, s.Leads, s.Seed, carIDs, res); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return res, nil
}

func jsonText(v []string) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func insertCars(ctx context.Context, tx *sql.Tx, g *generator, n int, res *SyntheticResult) ([]int64, error) {
	st, err := tx.PrepareContext(ctx, `INSERT INTO cars (display_code, public_name, slug, brand, model, year,
		color, transmission, km, price, fuel_type, plate_number, plate_number_clean, stock_code,
		key_features, condition_notes, photos, primary_photo_index, description, status,
		created_at, updated_at, sold_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ids := make([]int64, 0, n)
	for i := range n {
		c := g.car(i)
		if errs := store.ValidateCar(&c, g.now); len(errs) > 0 {
			return nil, fmt.Errorf("generated car %s breaks a rule: %v", c.DisplayCode, errs)
		}
		created := g.ago(180)
		var sold any
		if c.Status == store.CarSold {
			sold = created.Add(time.Duration(g.r.IntN(20*24)) * time.Hour).UnixMilli()
		}
		r, err := st.ExecContext(ctx, c.DisplayCode,
			store.PublicName(c.Brand, c.Model, c.Year, c.Color, c.DisplayCode),
			store.CarSlugBase(c.Brand, c.Model, c.Year, c.Color, c.DisplayCode),
			c.Brand, c.Model, c.Year, c.Color, c.Transmission, c.Km, c.Price, c.FuelType, c.PlateNumber,
			store.CleanPlate(c.PlateNumber), c.StockCode, jsonText(c.KeyFeatures), c.ConditionNotes,
			c.Description, c.Status, created.UnixMilli(), created.UnixMilli(), sold)
		if err != nil {
			if store.IsUniqueViolation(err) {
				return nil, store.Errorf(store.ECONFLICT, "Showroom already holds generated cars (display code %s)", c.DisplayCode)
			}
			return nil, err
		}
		id, err := r.LastInsertId()
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
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
func insertLeads(ctx context.Context, tx *sql.Tx, g *generator, n int, seed uint64, carIDs []int64, res *SyntheticResult) error {
	lst, err := tx.PrepareContext(ctx, `INSERT INTO leads (customer_phone, customer_name, car_id, status, source,
		notes, tags, created_at, updated_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer lst.Close()
	mst, err := tx.PrepareContext(ctx, `INSERT INTO messages (lead_id, sender, message, external_id,
		delivery_status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer mst.Close()
	for i := range n {
		status := leadWeights[g.weighted(len(leadWeights), func(k int) int { return leadWeights[k].weight })].status
		source := sourceWeights[g.weighted(len(sourceWeights), func(k int) int { return sourceWeights[k].weight })].source
		// 7919 is prime to 10^8, so i ↦ phone is one-to-one: no two leads share a phone.
		phone := fmt.Sprintf("+62813%08d", (uint64(i)*7919+seed)%100_000_000)
		var name, carID, notes, closed any
		if g.r.IntN(100) < 85 {
			name = g.pick(firstNames) + " " + g.pick(lastNames)
		}
		if len(carIDs) > 0 && g.r.IntN(100) < 70 {
			carID = carIDs[g.r.IntN(len(carIDs))]
		}
		if note := g.pick(leadNotes); note != "" {
			notes = note
		}
		tags := "[]"
		if g.r.IntN(4) == 0 {
			tags = `["kredit"]`
		}
		created := g.ago(180)
		updated := created.Add(time.Duration(g.r.IntN(72)) * time.Hour)
		if !store.IsOpenLeadStatus(status) {
			closed = updated.UnixMilli()
		}
		r, err := lst.ExecContext(ctx, phone, name, carID, status, source, notes, tags,
			created.UnixMilli(), updated.UnixMilli(), closed)
		if err != nil {
			if store.IsUniqueViolation(err) {
				return store.Errorf(store.ECONFLICT, "Showroom already has an open lead for %s", phone)
			}
			return err
		}
		leadID, err := r.LastInsertId()
		if err != nil {
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
			var ext, delivery any
			if m.sender == store.SenderCustomer {
				ext = fmt.Sprintf("gen-%d-%d-%d", seed, i, j)
			} else {
				delivery = m.delivery
			}
			if _, err := mst.ExecContext(ctx, leadID, m.sender, m.text, ext, delivery, at.UnixMilli(), at.UnixMilli()); err != nil {
				return err
			}
			at = at.Add(time.Duration(1+g.r.IntN(30)) * time.Minute)
			res.Messages++
		}
	}
	return nil
}
