package backup

// SetImportFault makes every import fail at the step fault names (by
// returning an error) until the returned function is called.
func SetImportFault(fault func(step string) error) (restore func()) {
	importFault = fault
	return func() { importFault = nil }
}
