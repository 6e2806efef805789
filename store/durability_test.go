package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// TestOpenSQLite_Durability checks that the durability choice reaches every
// pooled connection, readers and writer alike: PRAGMA synchronous reports 1
// for NORMAL and 2 for FULL.
func TestOpenSQLite_Durability(t *testing.T) {
	for _, tc := range []struct {
		name       string
		durability store.Durability
		want       int
	}{
		{"Normal", store.DurabilityNormal, 1},
		{"Full", store.DurabilityFull, 2},
		{"DefaultIsNormal", "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, filepath.Join(t.TempDir(), "tenant.db"), tc.durability)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			h := db.Handles()
			var mode string
			if err := h.Write.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
				t.Fatal(err)
			}
			if mode != "wal" {
				t.Fatalf("journal_mode = %q, want wal", mode)
			}
			// Hold several readers at once so the check covers more than one
			// pooled connection.
			var conns []*sql.Conn
			defer func() {
				for _, c := range conns {
					c.Close()
				}
			}()
			for i := 0; i < 3; i++ {
				c, err := h.Read.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				conns = append(conns, c)
				var got int
				if err := c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Fatalf("reader %d: synchronous = %d, want %d", i, got, tc.want)
				}
			}
			var got int
			if err := h.Write.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("writer: synchronous = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestParseDurability(t *testing.T) {
	for in, want := range map[string]store.Durability{"": store.DurabilityNormal, "normal": store.DurabilityNormal, "full": store.DurabilityFull} {
		got, err := store.ParseDurability(in)
		if err != nil || got != want {
			t.Fatalf("ParseDurability(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"FULL", "off", "extra"} {
		if _, err := store.ParseDurability(in); err == nil {
			t.Fatalf("ParseDurability(%q) accepted", in)
		}
	}
}
