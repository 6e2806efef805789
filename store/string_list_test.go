package store

import (
	"strings"
	"testing"
)

func TestCheckStringList(t *testing.T) {
	long := strings.Repeat("é", 6)
	tests := []struct {
		name  string
		items []string
		want  string
	}{
		{"none", nil, ""},
		{"at the limits", []string{"a", "bb", strings.Repeat("é", 5)}, ""},
		{"too many", []string{"a", "b", "c", "d"}, "At most 3 tags are allowed"},
		{"one too long", []string{"a", long}, "Each tag must be at most 5 characters"},
		{"too many and one too long", []string{long, "b", "c", "d"}, "Each tag must be at most 5 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := map[string]string{}
			checkStringList(errs, "tags", "tag", "tags", tt.items, 3, 5)
			if errs["tags"] != tt.want || (tt.want == "" && len(errs) != 0) {
				t.Fatalf("errs = %v, want tags: %q", errs, tt.want)
			}
		})
	}
}
