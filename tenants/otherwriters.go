package tenants

import (
	"context"
	"os"
	"time"
)

// A write by another process (autoleads seed, a second server on the same
// data directory) fires no hook in this one. It does change the database's
// files: every commit appends to the -wal file, and a checkpoint rewrites
// the database file. So the pool remembers how the files of every showroom
// it has opened looked, and a poll that finds them changed publishes a
// change of every table. Writes of this process change the files too and
// are then published twice, which costs a subscriber one needless refresh.

// filesStamp is what a showroom database's files look like from outside.
type filesStamp struct {
	dbSize, dbTime, walSize, walTime int64
}

func stampFiles(path string) filesStamp {
	var st filesStamp
	if fi, err := os.Stat(path); err == nil {
		st.dbSize, st.dbTime = fi.Size(), fi.ModTime().UnixNano()
	}
	// An empty -wal file is the same as none: SQLite creates one when a
	// database is opened and removes it when the last connection closes,
	// which the pool does to idle showrooms; neither changes any data.
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		st.walSize, st.walTime = fi.Size(), fi.ModTime().UnixNano()
	}
	return st
}

// watchedFiles is a showroom whose files are compared on each poll. It
// stays watched after the pool closes its database, since subscribers may
// still hold what they derived from it.
type watchedFiles struct {
	tenantID int64
	slug     string
	path     string
	stamp    filesStamp
}

// watchFiles starts comparing the files of t's database as they are now
// (just opened, before any request reads it).
func (p *Pool) watchFiles(t *Tenant) {
	path, err := p.reg.Layout.TenantDBPath(t.Slug)
	if err != nil {
		return // OpenStore has just opened it: the slug is valid
	}
	p.watchMu.Lock()
	defer p.watchMu.Unlock()
	if p.watched[t.ID] == nil {
		p.watched[t.ID] = &watchedFiles{tenantID: t.ID, slug: t.Slug, path: path, stamp: stampFiles(path)}
	}
}

// closeIdle closes the database of an entry no request holds. Closing
// checkpoints the WAL into the database file, which changes the files but
// no data: the stamp taken after closing is the one later checks compare
// with. A change of the files before closing that no check has seen yet
// (this process's writes, or another's) is published now, since after the
// close it could no longer be told apart.
func (p *Pool) closeIdle(e *poolEntry) {
	p.watchMu.Lock()
	defer p.watchMu.Unlock()
	w := p.watched[e.tenantID]
	if w != nil && stampFiles(w.path) != w.stamp {
		p.changes.publish(Change{TenantID: w.tenantID, Slug: w.slug, Tables: AllTables})
	}
	e.db.Close()
	if w != nil {
		w.stamp = stampFiles(w.path)
	}
}

// WatchOtherWriters runs CheckOtherWriters every interval until ctx ends.
func (p *Pool) WatchOtherWriters(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.CheckOtherWriters()
		}
	}
}

// CheckOtherWriters publishes a change of every table for each showroom
// whose database files changed since the last check, and stops watching
// showrooms no longer registered.
func (p *Pool) CheckOtherWriters() {
	idx := p.reg.index.Load()
	p.watchMu.Lock()
	defer p.watchMu.Unlock()
	for id, w := range p.watched {
		if t := idx.bySlug[w.slug]; t == nil || t.ID != id {
			delete(p.watched, id)
			continue
		}
		if st := stampFiles(w.path); st != w.stamp {
			w.stamp = st
			p.changes.publish(Change{TenantID: w.tenantID, Slug: w.slug, Tables: AllTables})
		}
	}
}
