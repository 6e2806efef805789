package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// nullString stores an empty optional string as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func stringValue(n sql.NullString) string { return n.String }

// nullInt64 stores an optional id as NULL.
func nullInt64(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func int64Ptr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// jsonText encodes a value stored as a JSON text column. A nil slice is
// stored as [] so the API never sees null where it promises an array.
func jsonStrings(v []string) string {
	if len(v) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func parseJSONStrings(s string) ([]string, error) {
	out := []string{}
	if s == "" {
		return out, nil
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("decode JSON array: %w", err)
	}
	return out, nil
}

// cleanStrings trims every element and drops the empty ones.
func cleanStrings(v []string) []string {
	out := make([]string, 0, len(v))
	for _, s := range v {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
