package sqldb_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/autoleads/autoleads/store/sqldb"
)

// openHandles opens path through the production opener and closes it when
// the test ends.
func openHandles(tb testing.TB, path string, d sqldb.Durability) *sqldb.Handles {
	tb.Helper()
	h, err := sqldb.Open(path, d, nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { h.Close() })
	return h
}

// pragmas are the settings every connection of the opener must carry.
type pragmas struct {
	JournalMode string
	ForeignKeys int
	BusyTimeout int
	Synchronous int
	QueryOnly   int
}

// queryer is a pool, a connection or a transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readPragmas(tb testing.TB, q queryer) pragmas {
	tb.Helper()
	ctx := context.Background()
	var p pragmas
	for _, f := range []struct {
		name string
		dst  any
	}{
		{"journal_mode", &p.JournalMode}, {"foreign_keys", &p.ForeignKeys}, {"busy_timeout", &p.BusyTimeout},
		{"synchronous", &p.Synchronous}, {"query_only", &p.QueryOnly},
	} {
		if err := q.QueryRowContext(ctx, "PRAGMA "+f.name).Scan(f.dst); err != nil {
			tb.Fatalf("PRAGMA %s: %v", f.name, err)
		}
	}
	return p
}

func TestOpen_Files(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "dir")
	path := filepath.Join(dir, "x.db")
	h := openHandles(t, path, sqldb.DurabilityNormal)
	if _, err := h.Write.Exec(`CREATE TABLE t (a INTEGER)`); err != nil {
		t.Fatal(err)
	}
	if h.Path != path {
		t.Fatalf("Path = %q", h.Path)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %o, want 600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("created directory: %v, %v", fi, err)
	}
}

func TestOpen_Pragmas(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		durability sqldb.Durability
		sync       int
	}{
		{sqldb.DurabilityNormal, 1},
		{"", 1},
		{sqldb.DurabilityFull, 2},
	} {
		t.Run(string(tt.durability), func(t *testing.T) {
			h := openHandles(t, filepath.Join(t.TempDir(), "x.db"), tt.durability)
			want := pragmas{JournalMode: "wal", ForeignKeys: 1, BusyTimeout: 10000, Synchronous: tt.sync}
			if got := readPragmas(t, h.Write); got != want {
				t.Errorf("writer pragmas = %+v, want %+v", got, want)
			}
			// Every reader connection, not just the first: hold four read
			// transactions at once so each sits on its own connection.
			want.QueryOnly = 1
			var txs []*sql.Tx
			for range 4 {
				tx, err := h.Read.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				txs = append(txs, tx)
			}
			if inUse := h.Read.Stats().InUse; inUse != 4 {
				t.Fatalf("reader connections in use = %d, want 4", inUse)
			}
			for i, tx := range txs {
				if got := readPragmas(t, tx); got != want {
					t.Errorf("reader %d pragmas = %+v, want %+v", i, got, want)
				}
				tx.Rollback()
			}
		})
	}
}

func TestOpen_ReadPoolIsReadOnly(t *testing.T) {
	h := openHandles(t, filepath.Join(t.TempDir(), "x.db"), sqldb.DurabilityNormal)
	if _, err := h.Write.Exec(`CREATE TABLE t (a INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`INSERT INTO t VALUES (1)`, `CREATE TABLE u (a INTEGER)`, `DELETE FROM t`} {
		if _, err := h.Read.Exec(q); err == nil {
			t.Errorf("%s succeeded through the read pool", q)
		}
	}
	var n int
	if err := h.Read.QueryRow(`SELECT COUNT(*) FROM t`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("read pool: %d, %v", n, err)
	}
}

// TestOpen_SpecialPath opens a file whose directory holds the
// characters a SQLite URI treats specially; the database must be that file,
// not one named after the part before the "#" or "?".
func TestOpen_SpecialPath(t *testing.T) {
	parent := t.TempDir()
	path := filepath.Join(parent, "cars#2 %41?x", "x.db")
	h, err := sqldb.Open(path, sqldb.DurabilityNormal, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Write.Exec(`CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (42)`); err != nil {
		t.Fatal(err)
	}
	var got int
	if err := h.Read.QueryRow(`SELECT a FROM t`).Scan(&got); err != nil || got != 42 {
		t.Fatalf("read back: %d, %v", got, err)
	}
	h.Close()
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "cars#2 %41?x" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("parent holds %v, want only the data directory", names)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		t.Fatalf("the named file is not the database: %v, %v", fi, err)
	}
	h = openHandles(t, path, sqldb.DurabilityNormal)
	if err := h.Read.QueryRow(`SELECT a FROM t`).Scan(&got); err != nil || got != 42 {
		t.Fatalf("reopened: %d, %v", got, err)
	}
}

func TestOpen_Close(t *testing.T) {
	h, err := sqldb.Open(filepath.Join(t.TempDir(), "x.db"), sqldb.DurabilityNormal, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if err := h.Read.Ping(); err == nil {
		t.Fatal("read pool open after Close")
	}
	if err := h.Write.Ping(); err == nil {
		t.Fatal("write pool open after Close")
	}
	if _, err := os.Stat(h.Path + "-wal"); !os.IsNotExist(err) {
		t.Fatalf("WAL not checkpointed and removed on close: %v", err)
	}
}

func TestOpen_Errors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.Open(filepath.Join(file, "x.db"), sqldb.DurabilityNormal, nil); err == nil {
		t.Fatal("opened a database under a file")
	}
	if _, err := sqldb.Open(t.TempDir(), sqldb.DurabilityNormal, nil); err == nil {
		t.Fatal("opened a directory as a database")
	}
	notDB := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(notDB, []byte("this is not a database file, not at all, no"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestParseDurability(t *testing.T) {
	for in, want := range map[string]sqldb.Durability{"": sqldb.DurabilityNormal, "normal": sqldb.DurabilityNormal, "full": sqldb.DurabilityFull} {
		got, err := sqldb.ParseDurability(in)
		if err != nil || got != want {
			t.Errorf("ParseDurability(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"FULL", "off", "extra"} {
		if _, err := sqldb.ParseDurability(in); err == nil {
			t.Errorf("ParseDurability(%q) accepted", in)
		}
	}
}
