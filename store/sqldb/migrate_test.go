package sqldb_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
)

// sqlFS builds a migration set from name → SQL.
func sqlFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

// tableExists reports whether the database has a table called name.
func tableExists(tb testing.TB, db *sql.DB, name string) bool {
	tb.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n > 0
}

// recorded returns the recorded migrations as "version name".
func recorded(tb testing.TB, db *sql.DB) []string {
	tb.Helper()
	rows, err := db.Query(`SELECT version, name FROM schema_migrations ORDER BY version`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v, name string
		if err := rows.Scan(&v, &name); err != nil {
			tb.Fatal(err)
		}
		out = append(out, v+" "+name)
	}
	return out
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()

	t.Run("AppliedOnce", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.db")
		h := openHandles(t, path, sqldb.DurabilityNormal)
		files := map[string]string{
			"0001_one.sql": `CREATE TABLE one (a INTEGER);`,
			"0002_two.sql": `CREATE TABLE two (b INTEGER); INSERT INTO two VALUES (7);`,
			"README.md":    `not a migration`,
		}
		applied, err := sqldb.Migrate(ctx, h.Write, sqlFS(files))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(applied, []string{"0001_one.sql", "0002_two.sql"}) {
			t.Fatalf("applied = %v", applied)
		}
		if got := recorded(t, h.Read); !slices.Equal(got, []string{"1 0001_one.sql", "2 0002_two.sql"}) {
			t.Fatalf("recorded = %v", got)
		}
		if v, err := sqldb.SchemaVersion(ctx, h.Read); err != nil || v != 2 {
			t.Fatalf("SchemaVersion = %d, %v", v, err)
		}
		again, err := sqldb.Migrate(ctx, h.Write, sqlFS(files))
		if err != nil || len(again) != 0 {
			t.Fatalf("second run applied %v, %v", again, err)
		}
		h.Close()

		// Reopened with one more file: only that one runs.
		h = openHandles(t, path, sqldb.DurabilityNormal)
		files["0003_three.sql"] = `ALTER TABLE two ADD COLUMN c TEXT;`
		applied, err = sqldb.Migrate(ctx, h.Write, sqlFS(files))
		if err != nil || !slices.Equal(applied, []string{"0003_three.sql"}) {
			t.Fatalf("reopen applied %v, %v", applied, err)
		}
		var rows int
		if err := h.Read.QueryRow(`SELECT COUNT(*) FROM two`).Scan(&rows); err != nil || rows != 1 {
			t.Fatalf("migration 2 ran again: %d rows, %v", rows, err)
		}
	})

	t.Run("OrderedByNumber", func(t *testing.T) {
		h := openHandles(t, filepath.Join(t.TempDir(), "x.db"), sqldb.DurabilityNormal)
		applied, err := sqldb.Migrate(ctx, h.Write, sqlFS(map[string]string{
			"10_ten.sql": `ALTER TABLE nine ADD COLUMN ten INTEGER;`,
			"9_nine.sql": `CREATE TABLE nine (a INTEGER);`,
		}))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(applied, []string{"9_nine.sql", "10_ten.sql"}) {
			t.Fatalf("applied = %v", applied)
		}
	})

	t.Run("FailureRollsBack", func(t *testing.T) {
		h := openHandles(t, filepath.Join(t.TempDir(), "x.db"), sqldb.DurabilityNormal)
		files := map[string]string{
			"0001_ok.sql": `CREATE TABLE one (a INTEGER);`,
			"0002_broken.sql": `CREATE TABLE two (b INTEGER);
				INSERT INTO two VALUES (1);
				INSERT INTO nowhere VALUES (1);`,
			"0003_later.sql": `CREATE TABLE three (c INTEGER);`,
		}
		applied, err := sqldb.Migrate(ctx, h.Write, sqlFS(files))
		if err == nil {
			t.Fatal("broken migration succeeded")
		}
		if !strings.Contains(err.Error(), "0002_broken.sql") {
			t.Errorf("error does not name the migration: %v", err)
		}
		if !slices.Equal(applied, []string{"0001_ok.sql"}) {
			t.Fatalf("applied = %v", applied)
		}
		if got := recorded(t, h.Read); !slices.Equal(got, []string{"1 0001_ok.sql"}) {
			t.Fatalf("recorded = %v", got)
		}
		if !tableExists(t, h.Read, "one") || tableExists(t, h.Read, "two") || tableExists(t, h.Read, "three") {
			t.Fatal("a partial migration left its table, or a later one ran")
		}
		// Fixed, it applies on the next run.
		files["0002_broken.sql"] = `CREATE TABLE two (b INTEGER);`
		applied, err = sqldb.Migrate(ctx, h.Write, sqlFS(files))
		if err != nil || !slices.Equal(applied, []string{"0002_broken.sql", "0003_later.sql"}) {
			t.Fatalf("after the fix: %v, %v", applied, err)
		}
	})

	t.Run("ErrBadNames", func(t *testing.T) {
		for _, bad := range []string{"abc.sql", "0_zero.sql", "0001.sql", "-1_minus.sql", "x_1.sql", "1a_b.sql"} {
			h := openHandles(t, filepath.Join(t.TempDir(), "x.db"), sqldb.DurabilityNormal)
			_, err := sqldb.Migrate(ctx, h.Write, sqlFS(map[string]string{
				"0001_good.sql": `CREATE TABLE good (a INTEGER);`,
				bad:             `CREATE TABLE bad (a INTEGER);`,
			}))
			if err == nil || !strings.Contains(err.Error(), bad) {
				t.Fatalf("%s: err = %v", bad, err)
			}
			if tableExists(t, h.Read, "good") || tableExists(t, h.Read, "bad") {
				t.Fatalf("%s: migrations ran despite a bad name", bad)
			}
		}
	})

	t.Run("ErrDuplicateNumber", func(t *testing.T) {
		h := openHandles(t, filepath.Join(t.TempDir(), "x.db"), sqldb.DurabilityNormal)
		_, err := sqldb.Migrate(ctx, h.Write, sqlFS(map[string]string{
			"0001_a.sql": `CREATE TABLE a (x INTEGER);`,
			"1_b.sql":    `CREATE TABLE b (x INTEGER);`,
		}))
		if err == nil || !strings.Contains(err.Error(), "0001_a.sql") || !strings.Contains(err.Error(), "1_b.sql") {
			t.Fatalf("duplicate numbers: err = %v", err)
		}
		if tableExists(t, h.Read, "a") || tableExists(t, h.Read, "b") {
			t.Fatal("migrations ran despite a duplicate number")
		}
	})

	t.Run("TwoProcesses", func(t *testing.T) {
		// Two openers of one file (a server and a CLI starting together)
		// apply each migration exactly once between them.
		path := filepath.Join(t.TempDir(), "x.db")
		a := openHandles(t, path, sqldb.DurabilityNormal)
		b := openHandles(t, path, sqldb.DurabilityNormal)
		var mu sync.Mutex
		var all []string
		var wg sync.WaitGroup
		for _, h := range []*sqldb.Handles{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				applied, err := sqldb.Migrate(ctx, h.Write, store.TenantMigrations())
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				all = append(all, applied...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		files, _ := fs.Glob(store.TenantMigrations(), "*.sql")
		slices.Sort(all)
		if !slices.Equal(all, files) {
			t.Fatalf("applied between them: %v, want each of %v once", all, files)
		}
	})
}
