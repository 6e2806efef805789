// Package sqldb is the SQLite engine every database of AutoLeads opens
// through: the one opener (its DSN and pragmas, a single writer and a pool of
// readers), the commit watch in the driver, prepared statements, background
// checkpoints, the write gate, the migration runner, and the maintenance
// every file needs (a consistent copy, an integrity check). It knows no
// table of ours.
//
// It is not called sqlite because modernc's driver package is, and every
// file here imports both.
package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // also registers the "sqlite" driver
)

// Durability selects how hard a commit is pushed to disk.
type Durability string

const (
	// DurabilityNormal is WAL with synchronous=NORMAL: a commit survives a
	// process crash; the last commits before a power loss may roll back.
	DurabilityNormal Durability = "normal"
	// DurabilityFull is WAL with synchronous=FULL: every commit is fsynced.
	DurabilityFull Durability = "full"
)

// ParseDurability validates a --durability flag value.
func ParseDurability(s string) (Durability, error) {
	switch Durability(s) {
	case DurabilityNormal, DurabilityFull:
		return Durability(s), nil
	case "":
		return DurabilityNormal, nil
	}
	return "", fmt.Errorf("durability must be %q or %q, not %q", DurabilityNormal, DurabilityFull, s)
}

// readerConns bounds the reader pool of one database. WAL readers never block
// the writer, and a handful covers the two-to-eight cores a dealer's VPS has.
const readerConns = 4

// Handles are the two pools of one SQLite file: a single writer whose
// transactions take the write lock up front (BEGIN IMMEDIATE, so two writers
// never deadlock on a lock upgrade) and a small pool of readers.
type Handles struct {
	Write *sql.DB
	Read  *sql.DB
	Path  string

	// ReadStmts and WriteStmts are the prepared statements of each pool.
	ReadStmts  *StmtCache
	WriteStmts *StmtCache

	watch       *commitWatch
	checkpoints *checkpointer
}

// OnCommit registers fn to be called after every write transaction the
// writer commits, with the tables it changed, once the change is visible to
// new readers. It replaces any earlier fn; nil stops the calls. fn runs on
// the writing goroutine and must be quick.
func (h *Handles) OnCommit(fn func(Tables)) {
	if fn == nil {
		h.watch.fn.Store(nil)
		return
	}
	h.watch.fn.Store(&fn)
}

// Open opens (creating when missing, with mode 0600) the SQLite file at
// path. Every pragma travels in the DSN so that it reaches every pooled
// connection; busy_timeout comes first so the others can wait for a lock.
// classify names the set each changed table belongs to in what OnCommit
// reports; nil reports every table as 1.
func Open(path string, d Durability, classify func(table string) Tables) (*Handles, error) {
	if d == "" {
		d = DurabilityNormal
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create directory for %s: %w", path, err)
	}
	// Create the file ourselves so it gets 0600 instead of the driver's 0644.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	f.Close()

	base, err := sqlite.NewConnector(dsn(path, d, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	watch := &commitWatch{classify: classify}
	w := sql.OpenDB(&watchConnector{Connector: base, watch: watch})
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	// A showroom that stops writing gives its writer connection back.
	w.SetConnMaxIdleTime(time.Minute)
	w.SetConnMaxLifetime(0)

	r, err := sql.Open("sqlite", dsn(path, d, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(readerConns)
	r.SetMaxIdleConns(readerConns)
	r.SetConnMaxIdleTime(5 * time.Minute)

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	// The writer connects first so journal_mode=WAL is set before readers open.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	h := &Handles{Write: w, Read: r, Path: path, watch: watch,
		ReadStmts: newStmtCache(r), WriteStmts: newStmtCache(w)}
	h.checkpoints = &checkpointer{h: h}
	watch.afterCommit = h.checkpoints.committed
	return h, nil
}

func dsn(path string, d Durability, writer bool) string {
	sync := "NORMAL"
	if d == DurabilityFull {
		sync = "FULL"
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+sync+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if writer {
		// Checkpoints run in the background instead (checkpoint.go).
		q.Add("_pragma", "wal_autocheckpoint(0)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	u := url.URL{Scheme: "file", Opaque: uriPath.Replace(path), RawQuery: q.Encode()}
	return u.String()
}

// uriPath escapes the characters a SQLite URI gives a meaning in its path
// part: "?" starts the query, "#" a fragment, and "%" an escape. Unescaped, a
// data directory named "cars#2" would open the file "cars" instead.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Close closes both pools. The writer closes last so the final connection
// checkpoints the WAL into the main file.
func (h *Handles) Close() error {
	h.checkpoints.close()
	rerr := h.Read.Close()
	if err := h.Write.Close(); err != nil {
		return err
	}
	return rerr
}
