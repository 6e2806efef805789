package tenants_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/autoleads/autoleads/tenants"
)

// Every field of a showroom travels in its record, but its id and moving
// state, which are the old registry's: a field added to Tenant and
// forgotten in Record fails here instead of vanishing in every move.
func TestRecordCarriesEveryField(t *testing.T) {
	var orig tenants.Tenant
	v := reflect.ValueOf(&orig).Elem()
	when := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		if name == "ID" || name == "MovingSince" {
			continue
		}
		switch f.Interface().(type) {
		case string:
			f.SetString(name + "-value")
		case time.Time:
			f.Set(reflect.ValueOf(when.Add(time.Duration(i) * time.Hour)))
		case *time.Time:
			at := when.Add(time.Duration(i) * time.Hour)
			f.Set(reflect.ValueOf(&at))
		case map[string]string:
			f.Set(reflect.ValueOf(map[string]string{"monday": "08:00-17:00"}))
		case json.RawMessage:
			f.Set(reflect.ValueOf(json.RawMessage(`{"timeZone":"WITA"}`)))
		case []string:
			f.Set(reflect.ValueOf([]string{name + ".test"}))
		default:
			t.Fatalf("Tenant.%s has a type (%s) this test does not fill: teach it, and Record", name, f.Type())
		}
	}
	data, err := json.Marshal(tenants.NewRecord(&orig, true))
	if err != nil {
		t.Fatal(err)
	}
	var rec tenants.Record
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	if got := rec.Tenant(); !reflect.DeepEqual(*got, orig) {
		t.Fatalf("through a record:\n%+v\nwant\n%+v", *got, orig)
	}
	if rec := tenants.NewRecord(&orig, false); rec.FonnteToken != "" {
		t.Fatal("the Fonnte token travelled without being asked for")
	}
}
