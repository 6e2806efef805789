package store

import "github.com/autoleads/autoleads/store/sqldb"

// Tables is a set of tables a committed write changed.
type Tables = sqldb.Tables

// The tables a commit can report. Caches of derived data (the public
// catalogue's responses) listen for the tables they are built from.
const (
	TableCars Tables = 1 << iota
	TableLeads
	TableMessages
	TableUsers
	TableQuickReplies
	TableLeadReads // a user opened a lead: only their unread marks change
	TableOther     // any other table (webhook events, migrations, the registry's)
)

func tableBit(name string) Tables {
	switch name {
	case "cars":
		return TableCars
	case "leads", "lead_generation", "lead_events": // the counter and the timeline move with the leads
		return TableLeads
	case "messages":
		return TableMessages
	case "users":
		return TableUsers
	case "quick_replies":
		return TableQuickReplies
	case "lead_reads":
		return TableLeadReads
	}
	return TableOther
}

// OnCommit registers fn to be called after every write transaction the
// database commits, with the tables it changed, once the change is visible
// to new readers. It replaces any earlier fn; nil stops the calls. fn runs
// on the writing goroutine and must be quick.
func (db *DB) OnCommit(fn func(Tables)) { db.h.OnCommit(fn) }
