package sqldb

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements. database/sql prepares, runs and finalizes a
// statement on every QueryContext/ExecContext of an SQL text, and for the
// short statements of the hot paths (one car by slug, the half-dozen
// statements of an inbound message) SQLite's parser costs more than the
// query itself. The statements below are prepared once per pool (database/sql
// then prepares them once per connection, lazily) and reused.

// maxCachedStmts bounds each cache: the SQL texts are constants or
// built from a few filter clauses, so this is never reached in practice; it
// only keeps a bug that builds texts from values from growing memory.
const maxCachedStmts = 512

// StmtCache maps SQL text to its prepared statement on one pool.
type StmtCache struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
	want map[string]bool // met inside a transaction, to prepare after it
}

func newStmtCache(pool *sql.DB) *StmtCache {
	return &StmtCache{pool: pool, m: map[string]*sql.Stmt{}, want: map[string]bool{}}
}

// lookup returns the prepared statement of q if there is one, and otherwise
// notes q for PrepareWanted. A transaction must not prepare on its pool: the
// writer pool has one connection, which the transaction holds.
func (c *StmtCache) lookup(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.m[q]
	if st == nil && len(c.want) < maxCachedStmts {
		c.want[q] = true
	}
	return st
}

// PrepareWanted prepares the statements transactions met unprepared. Call
// it with no transaction of this goroutine open on the pool.
func (c *StmtCache) PrepareWanted(ctx context.Context) {
	c.mu.Lock()
	qs := make([]string, 0, len(c.want))
	for q := range c.want {
		qs = append(qs, q)
	}
	clear(c.want)
	c.mu.Unlock()
	for _, q := range qs {
		c.get(ctx, q)
	}
}

// get returns the prepared statement of q, or nil when it cannot be
// prepared here (the caller then runs q unprepared and reports its error).
func (c *StmtCache) get(ctx context.Context, q string) *sql.Stmt {
	c.mu.Lock()
	st := c.m[q]
	c.mu.Unlock()
	if st != nil {
		return st
	}
	st, err := c.pool.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[q]; old != nil {
		st.Close()
		return old
	}
	if len(c.m) >= maxCachedStmts {
		st.Close()
		return nil
	}
	c.m[q] = st
	return st
}

// CachedPool runs queries on a pool with cached statements.
type CachedPool struct{ c *StmtCache }

func (p CachedPool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := p.c.get(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.c.pool.QueryRowContext(ctx, q, args...)
}

func (p CachedPool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := p.c.get(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.c.pool.QueryContext(ctx, q, args...)
}

func (p CachedPool) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := p.c.get(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return p.c.pool.ExecContext(ctx, q, args...)
}

// CachedTx runs the statements of a transaction with the cached statements
// of its pool: the connection the transaction holds has prepared them once
// and keeps them. A statement not prepared yet runs unprepared and is
// prepared after the transaction (PrepareWanted).
type CachedTx struct {
	tx *sql.Tx
	c  *StmtCache
}

func (t CachedTx) stmt(ctx context.Context, q string) *sql.Stmt {
	if st := t.c.lookup(q); st != nil {
		return t.tx.StmtContext(ctx, st)
	}
	return nil
}

func (t CachedTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

func (t CachedTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

func (t CachedTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

// Pool runs queries on the cache's pool with its statements.
func (c *StmtCache) Pool() CachedPool { return CachedPool{c} }

// Tx runs tx's statements with the cache's statements; tx must be a
// transaction of the cache's pool.
func (c *StmtCache) Tx(tx *sql.Tx) CachedTx { return CachedTx{tx: tx, c: c} }
