package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	_ "modernc.org/sqlite"
)

// copyOf is what one copy of a showroom's database holds of the clients'
// writes: how many rows each key has, by kind.
type copyOf map[string]map[string]int

// keysQueries read every key of the clients' writes with its count of rows.
var keysQueries = map[string]string{
	kindMessage: `SELECT external_id, count(*) FROM messages WHERE sender = 'customer' GROUP BY external_id`,
	kindCar:     `SELECT display_code, count(*) FROM cars GROUP BY display_code`,
	kindReply:   `SELECT message, count(*) FROM messages WHERE sender = 'sales' GROUP BY message`,
}

// openReadOnly opens a database file without writing to it.
func openReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
}

// readCopy reads the keys of a showroom's database file.
func readCopy(ctx context.Context, path string) (copyOf, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	c := copyOf{}
	for kind, query := range keysQueries {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		c[kind] = map[string]int{}
		for rows.Next() {
			var key sql.NullString
			var n int
			if err := rows.Scan(&key, &n); err != nil {
				rows.Close()
				return nil, err
			}
			c[kind][key.String] += n
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// queued counts the messages a database still has to send.
func queued(ctx context.Context, path string) (int, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM messages WHERE delivery_status = 'queued'`).Scan(&n)
	return n, err
}

// checkWrites compares the writes made to one showroom with its final
// copy: every write acknowledged in the end and there, and nothing there
// twice. It returns the problems.
func checkWrites(writes []write, final copyOf) []string {
	var problems []string
	for _, w := range writes {
		n := final[w.kind][w.key]
		switch {
		case w.acked && n == 0:
			problems = append(problems, fmt.Sprintf("%s %s was acknowledged and is missing", w.kind, w.key))
		case !w.acked:
			problems = append(problems, fmt.Sprintf("%s %s was never acknowledged (%d attempts)", w.kind, w.key, w.attempts))
		}
	}
	for kind, keys := range final {
		for key, n := range keys {
			if n > 1 {
				problems = append(problems, fmt.Sprintf("%s %s is there %d times", kind, key, n))
			}
		}
	}
	return problems
}

// checkOldCopy checks the mover's copy on A, read just before it was
// deleted: it holds nothing that B lacks (a write A acknowledged after the
// export would be lost with it), and none of the writes acknowledged
// after the switch of the proxy.
func checkOldCopy(writes []write, onA, onB copyOf, m *mover) []string {
	var problems []string
	for kind, keys := range onA {
		for key := range keys {
			if onB[kind][key] == 0 {
				problems = append(problems, fmt.Sprintf("%s %s is on A but not on B", kind, key))
			}
		}
	}
	for _, w := range writes {
		if w.acked && w.ackedAt.After(m.switchedAt) && onA[w.kind][w.key] > 0 {
			problems = append(problems, fmt.Sprintf("%s %s, acknowledged after the switch, is on A", w.kind, w.key))
		}
	}
	return problems
}

// checkSends checks that every reply in the final copy left once, and no
// other reply left.
func checkSends(writes []write, final copyOf, f *fonnte) (byNode map[string]int, problems []string) {
	byNode = map[string]int{}
	for _, w := range writes {
		if w.kind != kindReply {
			continue
		}
		sent := f.sentBy(w.key)
		for _, n := range sent {
			byNode[n]++
		}
		if want := final[kindReply][w.key]; len(sent) != want {
			problems = append(problems, fmt.Sprintf("reply %s is stored %d times and was sent %d times (by %s)",
				w.key, want, len(sent), strings.Join(sent, ", ")))
		}
	}
	return byNode, problems
}

// digest is a SHA-256 of every row of every table of a database, each
// table's rows sorted, so two databases with the same content have the
// same digest whatever their pages look like.
func digest(ctx context.Context, path string) (map[string]string, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var tables []string
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, table := range tables {
		if out[table], err = tableDigest(ctx, db, table); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return out, nil
}

func tableDigest(ctx context.Context, db *sql.DB, table string) (string, error) {
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		lines = append(lines, fmt.Sprintf("%q", vals))
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	slices.Sort(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:]), nil
}

// checkRestored restores the node's registry and every showroom the
// restored registry lists from the node's replica into an empty
// directory, and compares each database with the node's own. It returns
// how many databases were compared.
func checkRestored(ctx context.Context, n *node, work string) (int, []string, error) {
	into := filepath.Join(work, "restored-"+n.name)
	if err := os.MkdirAll(filepath.Join(into, "tenants"), 0o700); err != nil {
		return 0, nil, err
	}
	restore := func(rel string) error {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(into, rel)), 0o700); err != nil {
			return err
		}
		_, err := n.ps.run(ctx, nil, "", n.streamer, "restore", "-o", filepath.Join(into, rel), "file://"+filepath.Join(n.replica(), rel))
		return err
	}
	if err := restore("registry.db"); err != nil {
		return 0, nil, err
	}
	listing, err := n.ps.run(ctx, nil, "", n.bin, "--data-dir", into, "tenant", "list", "--json")
	if err != nil {
		return 0, nil, err
	}
	var showrooms []listedShowroom
	if err := json.Unmarshal([]byte(listing), &showrooms); err != nil {
		return 0, nil, fmt.Errorf("the restored registry's tenant list --json: %w", err)
	}
	dbs := []string{"registry.db"}
	for _, s := range showrooms {
		rel := filepath.Join("tenants", s.Slug, "tenant.db")
		if err := restore(rel); err != nil {
			return 0, nil, err
		}
		dbs = append(dbs, rel)
	}
	var problems []string
	for _, rel := range dbs {
		live, err := digest(ctx, filepath.Join(n.data(), rel))
		if err != nil {
			return 0, nil, err
		}
		fromReplica, err := digest(ctx, filepath.Join(into, rel))
		if err != nil {
			return 0, nil, err
		}
		for table, sum := range live {
			if fromReplica[table] != sum {
				problems = append(problems, fmt.Sprintf("node %s's restored %s differs in table %s", n.name, rel, table))
			}
		}
	}
	return len(dbs), problems, nil
}
