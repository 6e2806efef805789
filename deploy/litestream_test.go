package deploy_test

import (
	"bufio"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// replicaLag is how far behind the node the replica may be when the node
// dies: deploy/litestream.yml's sync-interval (1 s) plus Litestream's
// default monitor-interval (1 s), the time it takes to notice a commit.
// A write acknowledged longer ago than that before kill -9 must survive.
const replicaLag = 2 * time.Second

// litestreamBinary is Litestream from the PATH (requireTool).
func litestreamBinary(t *testing.T) string {
	return requireTool(t, "litestream", "go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18")
}

// ack is one write the node answered with success.
type ack struct {
	slug, table, key string
	at               time.Time
}

func readAcks(t *testing.T, path string) []ack {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var acks []ack
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 4 {
			t.Fatalf("acks.tsv: not slug, table, key, time: %q", sc.Text())
		}
		acks = append(acks, ack{fields[0], fields[1], fields[2], unixMilli(t, fields[3])})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return acks
}

func unixMilli(t *testing.T, s string) time.Time {
	t.Helper()
	ms, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		t.Fatalf("not a time in Unix ms: %q", s)
	}
	return time.UnixMilli(ms)
}

// openRestored opens a restored database read-only and checks its integrity.
func openRestored(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("%s: integrity_check %q, %v", path, result, err)
	}
	return db
}

// The drill of deploy/litestream-test.sh: a node replicated by
// deploy/litestream.yml, killed with kill -9 while it takes writes, restored
// from the replica into an empty directory. Every restored database is
// sound, both showrooms are there (beta was created after Litestream
// started), and every write acknowledged more than replicaLag before the
// kill is in its showroom's restored database. What is lost is the newest
// writes of a showroom, never one from between two restored ones. How long
// before the kill the oldest lost write was acknowledged is the loss window,
// logged.
func TestLitestreamRestoresAcknowledgedWrites(t *testing.T) {
	litestreamBinary(t)
	if testing.Short() {
		t.Skip("the drill writes for 8 seconds")
	}
	work := filepath.Join(t.TempDir(), "drill")
	out, err := exec.Command("./litestream-test.sh", work).CombinedOutput()
	if err != nil {
		for _, log := range []string{"serve.log", "litestream.log"} {
			data, _ := os.ReadFile(filepath.Join(work, log))
			t.Logf("%s:\n%s", log, data)
		}
		t.Fatalf("deploy/litestream-test.sh: %v\n%s", err, out)
	}
	t.Logf("%s", out)

	killedData, err := os.ReadFile(filepath.Join(work, "killed_ms"))
	if err != nil {
		t.Fatal(err)
	}
	killed := unixMilli(t, string(killedData))
	acks := readAcks(t, filepath.Join(work, "acks.tsv"))

	openRestored(t, filepath.Join(work, "restored", "registry.db"))
	dbs := map[string]*sql.DB{}
	kept := map[string]int{}
	var missing int
	lost := map[string]ack{} // each showroom's first lost write
	for _, a := range acks {
		db := dbs[a.slug]
		if db == nil {
			db = openRestored(t, filepath.Join(work, "restored", "tenants", a.slug, "tenant.db"))
			dbs[a.slug] = db
		}
		var n int
		query := map[string]string{
			"messages": "SELECT count(*) FROM messages WHERE message = ?",
			"leads":    "SELECT count(*) FROM leads WHERE customer_phone = ?",
		}[a.table]
		if query == "" {
			t.Fatalf("acks.tsv names table %q", a.table)
		}
		if err := db.QueryRow(query, a.key).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			kept[a.slug]++
			if l, ok := lost[a.slug]; ok {
				t.Errorf("%s: %s %q is lost but %s %q, acknowledged after it, was restored", a.slug, l.table, l.key, a.table, a.key)
			}
			continue
		}
		if _, ok := lost[a.slug]; !ok {
			lost[a.slug] = a
		}
		missing++
		if age := killed.Sub(a.at); age > replicaLag {
			t.Errorf("%s: %s %q was acknowledged %v before kill -9 and is not in the restored copy", a.slug, a.table, a.key, age)
		}
	}
	for _, slug := range []string{"alpha", "beta"} {
		if kept[slug] == 0 {
			t.Errorf("showroom %s: none of its acknowledged writes was restored", slug)
		}
	}
	var window time.Duration
	for _, l := range lost {
		window = max(window, killed.Sub(l.at))
	}
	t.Logf("%d writes acknowledged, %d restored, %d lost; loss window %d ms (the oldest lost write was acknowledged that long before kill -9)",
		len(acks), len(acks)-missing, missing, window.Milliseconds())
}
