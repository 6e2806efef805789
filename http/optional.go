package http

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// optional is a field of a partial update: absent (Set false), explicitly
// null (Set and Null), or a value. It tells "leave alone" from "clear".
type optional[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// UnmarshalJSON implements json.Unmarshaler; it is only called when the key
// is present.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// jsonValueType tells the key check (checkJSONKeys) the type the value is
// decoded into.
func (optional[T]) jsonValueType() reflect.Type { return reflect.TypeFor[T]() }

// ptr returns nil when absent, else a pointer to the value (the zero value
// for null).
func (o optional[T]) ptr() *T {
	if !o.Set {
		return nil
	}
	v := o.Value
	return &v
}
