package http

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestCheckJSONKeys(t *testing.T) {
	type inner struct {
		Name string `json:"name"`
	}
	type embedded struct {
		Note  string `json:"note"`
		Title string `json:"title"`
	}
	type dst struct {
		embedded
		Self     *dst              `json:"self"`
		Title    string            `json:"title"`
		Count    optional[int]     `json:"count"`
		Items    []inner           `json:"items"`
		Ptr      *inner            `json:"ptr"`
		Labels   map[string]string `json:"labels"`
		Raw      json.RawMessage   `json:"raw"`
		Untagged int
		Skipped  int `json:"-"`
		hidden   int
	}
	tests := []struct {
		name, body string
		want       string // the refused key, "" when none
		duplicate  bool
	}{
		{"exact keys", `{"title":"a","count":1,"items":[{"name":"x"}],"ptr":{"name":"y"},"labels":{"a":"1","A":"2"},"Untagged":1,"note":"n"}`, "", false},
		{"white space", " {\n\t\"title\" : \"a\" , \"count\" : null }\r\n", "", false},
		{"empty object and array", `{"items":[],"labels":{},"raw":{}}`, "", false},
		{"escaped key is the key", `{"t\u0069tle":"a"}`, "", false},
		{"strings holding quotes and braces", `{"title":"a\"}{,:","labels":{"k\"":"]"}}`, "", false},
		{"upper case", `{"TITLE":"a"}`, "TITLE", false},
		{"capitalised", `{"Title":"a"}`, "Title", false},
		{"untagged field in lower case", `{"untagged":1}`, "untagged", false},
		{"skipped field", `{"Skipped":1}`, "Skipped", false},
		{"unexported field", `{"hidden":1}`, "hidden", false},
		{"duplicate", `{"title":"a","title":"b"}`, "title", true},
		{"duplicate through an escape", `{"title":"a","t\u0069tle":"b"}`, "title", true},
		{"duplicate of an optional holding null", `{"count":null,"count":2}`, "count", true},
		{"duplicate of a promoted field", `{"note":"a","note":"b"}`, "note", true},
		{"nested in an array", `{"items":[{"name":"x"},{"name":"x","NAME":"y"}]}`, "items[1].NAME", false},
		{"nested pointer", `{"ptr":{"name":"x","name":"y"}}`, "ptr.name", true},
		{"recursive type", `{"self":{"self":{"title":"a","Title":"b"}}}`, "self.self.Title", false},
		{"map key repeated", `{"labels":{"a":"1","a":"2"}}`, "labels.a", true},
		{"raw value repeated deep", `{"raw":{"x":[{"y":1,"y":2}]}}`, "raw.x[0].y", true},
		{"invalid UTF-8 keys read alike", "{\"labels\":{\"a\xff\":\"1\",\"a\xfe\":\"2\"}}", "labels.a\uFFFD", true},
		{"array for an object is the decoder's", `[[{"title":1,"title":2}]]`, "", false},
		{"object for a string is the decoder's", `{"title":{"a":1,"a":2}}`, "", false},
		{"not JSON is the decoder's", `{"title":`, "", false},
		{"empty", ``, "", false},
		{"too deep is the decoder's", `{"raw":` + strings.Repeat("[", maxKeyCheckDepth) + `{"a":1,"a":2}`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkJSONKeys([]byte(tt.body), reflect.TypeFor[*dst]())
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("refused %q (duplicate %v)", got.Key, got.Duplicate)
			case tt.want != "" && (got == nil || got.Key != tt.want || got.Duplicate != tt.duplicate):
				t.Errorf("got %+v, want key %q, duplicate %v", got, tt.want, tt.duplicate)
			}
		})
	}
}
