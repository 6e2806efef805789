package store

// CarListQuery exposes the SELECT and arguments FindCars runs for f, so that
// the external tests can check its plan with EXPLAIN QUERY PLAN.
func CarListQuery(f CarFilter) (string, []any, error) {
	list, _, args, err := carQueries(f)
	return list, pageArgs(args, f), err
}
