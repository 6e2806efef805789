package store

// LeadPageQuery exposes the query (with its arguments) that FindLeadsPage
// runs for f, so that the external tests can check its plan.
func LeadPageQuery(f LeadFilter) (string, []any, error) {
	where, args, err := f.where()
	if err != nil {
		return "", nil, err
	}
	q, all := f.pageQuery(where, args, f.Limit+1)
	return q, all, nil
}
