package store

import "context"

// RecordInboundBatch runs ins (with their events, which may be nil) as one
// group-commit batch, in order, as concurrent RecordInboundWebhook calls
// would be: the batch tests need batches of a known make-up.
func RecordInboundBatch(db *DB, evs []*WebhookEvent, ins []InboundMessage) ([]InboundOutcome, []error) {
	batch := make([]*inboundCall, len(ins))
	for i, in := range ins {
		phone, name, err := prepareInbound(&in)
		if err != nil {
			panic(err) // the batch tests give valid input; rule failures are tested elsewhere
		}
		batch[i] = &inboundCall{in: in, phone: phone, name: name}
		if evs[i] != nil {
			ev := *evs[i]
			batch[i].ev = &ev
		}
	}
	tx, err := db.h.Write.Begin()
	if err != nil {
		panic(err)
	}
	defer tx.Rollback()
	db.runInboundBatch(context.Background(), tx, batch, func() {})
	res := make([]InboundOutcome, len(batch))
	errs := make([]error, len(batch))
	for i, c := range batch {
		if errs[i] = c.err; c.err != nil {
			continue
		}
		res[i].InboundResult = *c.res
		if c.ev != nil {
			res[i].Event = *c.ev
		}
	}
	return res, errs
}
