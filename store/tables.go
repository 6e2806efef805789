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
	TableSessions  // a dashboard session began, ended or was used
	TableOther     // any other table (webhook events, migrations, the registry's)
)

// tableNames names each set of tables, as live views report them: a table
// of its own, or "other" for the rest.
var tableNames = []struct {
	bit  Tables
	name string
}{{TableCars, "cars"}, {TableLeads, "leads"}, {TableMessages, "messages"}, {TableUsers, "users"},
	{TableQuickReplies, "quick_replies"}, {TableLeadReads, "lead_reads"}, {TableSessions, "sessions"},
	{TableOther, "other"}}

// tableBit is the set the table name belongs to.
func tableBit(name string) Tables {
	switch name {
	case "lead_generation", "lead_events": // the counter and the timeline move with the leads
		return TableLeads
	}
	for _, n := range tableNames {
		if n.name == name {
			return n.bit
		}
	}
	return TableOther
}

// TableNames names the sets of tables t holds, in the fixed order of
// tableNames.
func TableNames(t Tables) []string {
	var out []string
	for _, n := range tableNames {
		if t&n.bit != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// OnCommit registers fn to be called after every write transaction the
// database commits, with the tables it changed, once the change is visible
// to new readers. It replaces any earlier fn; nil stops the calls. fn runs
// on the writing goroutine and must be quick.
func (db *DB) OnCommit(fn func(Tables)) { db.h.OnCommit(fn) }
