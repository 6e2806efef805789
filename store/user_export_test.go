package store

// DummyHash exposes the hash an unknown email is compared against.
func DummyHash() []byte { return dummyHash }
