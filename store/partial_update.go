package store

// setIfGiven copies a field of a partial update (nil: not given) onto the
// stored value it changes.
func setIfGiven[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
