package http

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

// encoding/json matches a key to a field whatever its case and lets a
// repeated key silently win, so {"BRAND":…} or {"price":1,"price":2} would
// be taken to mean something the client may not have meant. checkJSONKeys
// walks a body's tokens against the destination type before it is decoded
// and refuses, at any depth, a key not spelled exactly as a field's json
// name and a key given twice in one object.

// keySchema is what the key check knows of a destination type.
type keySchema struct {
	kind   schemaKind
	fields map[string]schemaField // schemaStruct: the keys, as spelled
	elem   *keySchema             // schemaArray's elements, schemaMap's values
}

type schemaField struct {
	index  int // of the field among the keys, to tell a repeat
	schema *keySchema
}

type schemaKind uint8

const (
	schemaScalar schemaKind = iota // no object or array fits
	schemaStruct                   // an object of the fields' keys only
	schemaMap                      // an object of any keys
	schemaArray                    // an array
	schemaAny                      // any value: decoded by its own code
)

// anySchema stands for any value at any depth below it.
var anySchema = func() *keySchema {
	s := &keySchema{kind: schemaAny}
	s.elem = s
	return s
}()

// jsonValueTyper is a wrapper (optional) that decodes a value of another
// type, whose keys are the ones to check.
type jsonValueTyper interface{ jsonValueType() reflect.Type }

var (
	valueTyperType      = reflect.TypeFor[jsonValueTyper]()
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	keySchemas          sync.Map // reflect.Type → *keySchema
)

// errKeysUnchecked stops the check of a body that is not valid JSON or does
// not fit its type; the decoder refuses it after.
var errKeysUnchecked = errors.New("body does not fit its type")

// maxKeyCheckDepth is encoding/json's own nesting limit: a deeper body is
// refused by the decoder, so the check need not go further.
const maxKeyCheckDepth = 10_000

// schemaOf returns t's schema, built once per type.
func schemaOf(t reflect.Type) *keySchema {
	if s, ok := keySchemas.Load(t); ok {
		return s.(*keySchema)
	}
	s := buildSchema(t, map[reflect.Type]*keySchema{})
	keySchemas.Store(t, s)
	return s
}

// buildSchema follows encoding/json's rules for which key fills which field;
// building maps the types being built, for recursive types.
func buildSchema(t reflect.Type, building map[reflect.Type]*keySchema) *keySchema {
	if s := building[t]; s != nil {
		return s
	}
	switch {
	case t.Kind() == reflect.Pointer:
		return buildSchema(t.Elem(), building)
	case t.Implements(valueTyperType):
		return buildSchema(reflect.Zero(t).Interface().(jsonValueTyper).jsonValueType(), building)
	case t.Implements(jsonUnmarshalerType), reflect.PointerTo(t).Implements(jsonUnmarshalerType),
		t.Implements(textUnmarshalerType), reflect.PointerTo(t).Implements(textUnmarshalerType),
		t.Kind() == reflect.Interface:
		return anySchema
	}
	s := &keySchema{}
	building[t] = s
	switch t.Kind() {
	case reflect.Map:
		s.kind, s.elem = schemaMap, buildSchema(t.Elem(), building)
	case reflect.Slice, reflect.Array:
		s.kind, s.elem = schemaArray, buildSchema(t.Elem(), building)
	case reflect.Struct:
		s.kind, s.fields = schemaStruct, map[string]schemaField{}
		addFields(s, t, building)
	}
	return s
}

// addFields adds t's keys to s: its own fields first, then those promoted
// from untagged embedded structs, which a field of the same name hides.
func addFields(s *keySchema, t reflect.Type, building map[reflect.Type]*keySchema) {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			embedded = append(embedded, ft)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s.fields[name] = schemaField{index: len(s.fields), schema: buildSchema(f.Type, building)}
	}
	for _, et := range embedded {
		inner := &keySchema{fields: map[string]schemaField{}}
		addFields(inner, et, building)
		for name, f := range inner.fields {
			if _, hidden := s.fields[name]; !hidden {
				s.fields[name] = schemaField{index: len(s.fields), schema: f.schema}
			}
		}
	}
}

// keyError is a key the body must not hold; Key is its path from the top,
// as in settings.theme or items[2].name.
type keyError struct {
	Key       string
	Duplicate bool
}

func (e *keyError) Error() string { return e.Key }

// clientError is the answer to a body holding the key.
func (e *keyError) clientError() error {
	if e.Duplicate {
		return &store.Error{Code: store.EBADREQUEST, Message: fmt.Sprintf("Duplicate field %q", e.Key),
			Details: map[string]any{e.Key: "Duplicate field"}}
	}
	return unknownFieldError(e.Key)
}

// under returns the error with its key placed below segment.
func (e *keyError) under(segment string) *keyError {
	if strings.HasPrefix(e.Key, "[") {
		e.Key = segment + e.Key
	} else {
		e.Key = segment + "." + e.Key
	}
	return e
}

// checkJSONKeys checks the keys of body's first value against the schema
// of t. It reports only a *keyError: a body that is not valid JSON or does
// not fit t is left to the decoder to refuse in its own words, so the scan
// is a light one over the bytes (json.Decoder.Token costs an allocation a
// token), lenient about what only the decoder must judge.
func checkJSONKeys(body []byte, t reflect.Type) *keyError {
	sc := keyScanner{b: body}
	var ke *keyError
	if errors.As(sc.value(schemaOf(t), 0), &ke) {
		return ke
	}
	return nil
}

// keyScanner reads a JSON text from b[i:].
type keyScanner struct {
	b []byte
	i int
}

// next skips white space and returns the byte there, or 0 at the end.
func (sc *keyScanner) next() byte {
	for ; sc.i < len(sc.b); sc.i++ {
		switch c := sc.b[sc.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

func (sc *keyScanner) value(s *keySchema, depth int) error {
	switch sc.next() {
	case '{':
		if depth >= maxKeyCheckDepth || (s.kind != schemaStruct && s.kind != schemaMap && s.kind != schemaAny) {
			return errKeysUnchecked
		}
		sc.i++
		return sc.object(s, depth)
	case '[':
		if depth >= maxKeyCheckDepth || (s.kind != schemaArray && s.kind != schemaAny) {
			return errKeysUnchecked
		}
		sc.i++
		return sc.array(s, depth)
	case '"':
		if _, ok := sc.str(); !ok {
			return errKeysUnchecked
		}
		return nil
	case 0, ',', ':', '}', ']':
		return errKeysUnchecked
	}
	// A number or a literal: the decoder judges its spelling.
	for ; sc.i < len(sc.b); sc.i++ {
		switch sc.b[sc.i] {
		case ' ', '\t', '\n', '\r', ',', '}', ']':
			return nil
		}
	}
	return nil
}

// str reads the string at b[i], a '"', and returns it as written, quotes
// included.
func (sc *keyScanner) str() ([]byte, bool) {
	start := sc.i
	for sc.i++; sc.i < len(sc.b); sc.i++ {
		switch sc.b[sc.i] {
		case '\\':
			sc.i++
		case '"':
			sc.i++
			return sc.b[start:sc.i], true
		}
	}
	return nil, false
}

// key reads an object's key as encoding/json reads it: escapes resolved,
// invalid UTF-8 replaced. A plain key is returned in place, without a copy.
func (sc *keyScanner) key() ([]byte, bool) {
	if sc.next() != '"' {
		return nil, false
	}
	quoted, ok := sc.str()
	if !ok {
		return nil, false
	}
	raw := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return raw, true
	}
	var k string
	if json.Unmarshal(quoted, &k) != nil {
		return nil, false
	}
	return []byte(k), true
}

func (sc *keyScanner) object(s *keySchema, depth int) error {
	if sc.next() == '}' {
		sc.i++
		return nil
	}
	var seenField []bool
	var seenKey map[string]bool
	if s.kind == schemaStruct {
		seenField = make([]bool, len(s.fields))
	} else {
		seenKey = map[string]bool{}
	}
	for {
		key, ok := sc.key()
		if !ok || sc.next() != ':' {
			return errKeysUnchecked
		}
		sc.i++
		value := s.elem
		if s.kind == schemaStruct {
			f, known := s.fields[string(key)]
			switch {
			case !known:
				return &keyError{Key: string(key)}
			case seenField[f.index]:
				return &keyError{Key: string(key), Duplicate: true}
			}
			seenField[f.index], value = true, f.schema
		} else {
			if seenKey[string(key)] {
				return &keyError{Key: string(key), Duplicate: true}
			}
			seenKey[string(key)] = true
		}
		if err := sc.value(value, depth+1); err != nil {
			return placeUnder(err, string(key))
		}
		switch sc.next() {
		case ',':
			sc.i++
		case '}':
			sc.i++
			return nil
		default:
			return errKeysUnchecked
		}
	}
}

func (sc *keyScanner) array(s *keySchema, depth int) error {
	if sc.next() == ']' {
		sc.i++
		return nil
	}
	for i := 0; ; i++ {
		if err := sc.value(s.elem, depth+1); err != nil {
			return placeUnder(err, "["+strconv.Itoa(i)+"]")
		}
		switch sc.next() {
		case ',':
			sc.i++
		case ']':
			sc.i++
			return nil
		default:
			return errKeysUnchecked
		}
	}
}

// placeUnder puts a key error found inside a value under the value's key
// or index; other errors pass as they are.
func placeUnder(err error, segment string) error {
	var ke *keyError
	if errors.As(err, &ke) {
		return ke.under(segment)
	}
	return err
}
