package sqldb

import (
	"context"
	"database/sql/driver"
	"sync/atomic"

	"modernc.org/sqlite"
)

// Tables is a set of tables a committed write changed, as the bits the
// opener's classify function gives them.
type Tables uint32

// commitWatch reports, after the fact, every write transaction committed on
// a writer handle and the tables it changed. It sits in the driver, below
// database/sql, so no write can forget it: an explicit transaction, an
// autocommit Exec and a migration all pass through it.
//
// SQLite's pre-update hook marks each table a statement changes; its commit
// hook moves those marks to "pending" as the transaction commits; the
// driver call that ran the commit reports the pending tables once it has
// returned, when the commit is visible to every new reader. (Reporting from
// the commit hook itself would be too early: a reader starting between the
// hook and the end of the commit would still see the old data.)
type commitWatch struct {
	fn       atomic.Pointer[func(Tables)]
	classify func(table string) Tables
	// afterCommit runs after every reported commit (the checkpointer).
	afterCommit func()
}

// tableBit is the set table belongs to.
func (w *commitWatch) tableBit(table string) Tables {
	if w.classify == nil {
		return 1
	}
	return w.classify(table)
}

// notify reports t to the registered function, if any.
func (w *commitWatch) notify(t Tables) {
	if t == 0 {
		return
	}
	if fn := w.fn.Load(); fn != nil {
		(*fn)(t)
	}
	if w.afterCommit != nil {
		w.afterCommit()
	}
}

// hookable is what the writer needs of modernc's connection.
type hookable interface {
	RegisterPreUpdateHook(sqlite.PreUpdateHookFn)
	RegisterCommitHook(sqlite.CommitHookFn)
	RegisterRollbackHook(sqlite.RollbackHookFn)
}

// watchConnector opens writer connections that report their commits.
type watchConnector struct {
	driver.Connector
	watch *commitWatch
}

func (c *watchConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	wc := &watchConn{Conn: dc, watch: c.watch}
	if h, ok := dc.(hookable); ok {
		h.RegisterPreUpdateHook(func(d sqlite.SQLitePreUpdateData) { wc.touched |= c.watch.tableBit(d.TableName) })
		h.RegisterCommitHook(func() int32 {
			wc.pending |= wc.touched
			wc.touched = 0
			return 0
		})
		h.RegisterRollbackHook(func() { wc.touched = 0 })
	}
	return wc, nil
}

// watchConn forwards every optional interface of modernc's connection and
// reports pending commits after each call that may have committed. A
// connection is used by one goroutine at a time, so its fields need no lock.
type watchConn struct {
	driver.Conn
	watch   *commitWatch
	touched Tables // changed by the open transaction
	pending Tables // committed, not reported yet
}

// flush reports what was committed since the last flush.
func (c *watchConn) flush() {
	t := c.pending
	c.pending = 0
	c.watch.notify(t)
}

// Unwrap returns modernc's connection (its docs ask wrappers for it).
func (c *watchConn) Unwrap() driver.Conn { return c.Conn }

func (c *watchConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &watchTx{Tx: tx, c: c}, nil
}

func (c *watchConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &watchStmt{Stmt: st, c: c}, nil
}

func (c *watchConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	defer c.flush()
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *watchConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	if err != nil {
		c.flush()
		return nil, err
	}
	return &watchRows{Rows: rows, c: c}, nil
}

func (c *watchConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *watchConn) ResetSession(ctx context.Context) error {
	c.flush()
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *watchConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

type watchTx struct {
	driver.Tx
	c *watchConn
}

func (t *watchTx) Commit() error {
	defer t.c.flush()
	return t.Tx.Commit()
}

func (t *watchTx) Rollback() error {
	defer t.c.flush() // nothing of this transaction is pending; an earlier commit may be
	return t.Tx.Rollback()
}

type watchStmt struct {
	driver.Stmt
	c *watchConn
}

func (s *watchStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	defer s.c.flush()
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *watchStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		s.c.flush()
		return nil, err
	}
	return &watchRows{Rows: rows, c: s.c}, nil
}

// watchRows reports after the rows close: an autocommit INSERT … RETURNING
// commits when its statement finishes.
type watchRows struct {
	driver.Rows
	c *watchConn
}

func (r *watchRows) Close() error {
	defer r.c.flush()
	return r.Rows.Close()
}
