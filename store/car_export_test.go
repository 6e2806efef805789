package store

// CarListQueries exposes the SELECT (with its arguments) and the COUNT (with
// its own) that FindCars runs for f, so that the external tests can check
// their plans with EXPLAIN QUERY PLAN.
func CarListQueries(f CarFilter) (list string, listArgs []any, count string, countArgs []any, err error) {
	list, count, args, err := carQueries(f)
	return list, pageArgs(args, f), count, args, err
}

// EachLeadQuery is the query of one batch of EachLead, with its arguments
// up to the previous batch's last id and the batch size.
func EachLeadQuery(f LeadFilter) (string, []any, error) { return eachLeadQuery(f) }
