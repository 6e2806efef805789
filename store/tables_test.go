package store_test

import (
	"slices"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestTableNames(t *testing.T) {
	for _, tc := range []struct {
		tables store.Tables
		want   []string
	}{
		{0, nil},
		{store.TableLeads, []string{"leads"}},
		{store.TableMessages | store.TableLeads, []string{"leads", "messages"}},
		{store.TableOther | store.TableCars, []string{"cars", "other"}},
		{store.TableSessions | store.TableLeadReads, []string{"lead_reads", "sessions"}},
		{store.TableCars | store.TableLeads | store.TableMessages | store.TableUsers | store.TableOther,
			[]string{"cars", "leads", "messages", "users", "other"}},
	} {
		if got := store.TableNames(tc.tables); !slices.Equal(got, tc.want) {
			t.Errorf("TableNames(%b) = %q, want %q", tc.tables, got, tc.want)
		}
	}
}
