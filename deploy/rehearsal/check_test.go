package main

import (
	"context"
	"database/sql"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Each check of the rehearsal finds the fault it is there for.
func TestChecksFindFaults(t *testing.T) {
	switchedAt := time.Now()
	acked := func(kind, key string, at time.Time) write {
		return write{showroom: "malang", kind: kind, key: key, acked: true, attempts: 1, ackedAt: at}
	}
	early, late := switchedAt.Add(-time.Second), switchedAt.Add(time.Second)
	final := copyOf{kindMessage: {"m1": 1, "m2": 1}, kindCar: {"R1": 1}, kindReply: {"r1": 1}}
	writes := []write{acked(kindMessage, "m1", early), acked(kindMessage, "m2", late), acked(kindCar, "R1", early),
		acked(kindReply, "r1", early)}

	tests := []struct {
		name  string
		check func() []string
		want  string // "" for no problem
	}{
		{"every write there once", func() []string { return checkWrites(writes, final) }, ""},
		{"an acknowledged write missing", func() []string {
			return checkWrites(append(writes, acked(kindCar, "R2", early)), final)
		}, "car R2 was acknowledged and is missing"},
		{"a write twice", func() []string {
			return checkWrites(writes, copyOf{kindMessage: {"m1": 2, "m2": 1}, kindCar: {"R1": 1}, kindReply: {"r1": 1}})
		}, "WhatsApp message m1 is there 2 times"},
		{"a write never acknowledged", func() []string {
			return checkWrites(append(writes, write{kind: kindMessage, key: "m3", attempts: 9}), final)
		}, "WhatsApp message m3 was never acknowledged (9 attempts)"},
		{"A's copy within B's", func() []string {
			return checkOldCopy(writes, copyOf{kindMessage: {"m1": 1}}, final, &mover{switchedAt: switchedAt})
		}, ""},
		{"A acknowledged what B lacks", func() []string {
			return checkOldCopy(writes, copyOf{kindMessage: {"m1": 1, "m9": 1}}, final, &mover{switchedAt: switchedAt})
		}, "WhatsApp message m9 is on A but not on B"},
		{"a write after the switch on A", func() []string {
			return checkOldCopy(writes, copyOf{kindMessage: {"m1": 1, "m2": 1}}, final, &mover{switchedAt: switchedAt})
		}, "WhatsApp message m2, acknowledged after the switch, is on A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := tt.check()
			got := strings.Join(problems, "; ")
			if (tt.want == "") != (len(problems) == 0) || !strings.Contains(got, tt.want) {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
		})
	}
}

// A reply sent twice, or stored and never sent, is found.
func TestCheckSendsFindsDoubleAndMissingSends(t *testing.T) {
	f := &fonnte{sent: map[string][]string{"r1": {"a"}, "r2": {"a", "b"}}}
	writes := []write{{kind: kindReply, key: "r1", acked: true}, {kind: kindReply, key: "r2", acked: true},
		{kind: kindReply, key: "r3", acked: true}}
	byNode, problems := checkSends(writes, copyOf{kindReply: {"r1": 1, "r2": 1, "r3": 1}}, f)
	got := strings.Join(problems, "; ")
	if len(problems) != 2 || !strings.Contains(got, "reply r2 is stored 1 times and was sent 2 times (by a, b)") ||
		!strings.Contains(got, "reply r3 is stored 1 times and was sent 0 times") {
		t.Errorf("problems %q", got)
	}
	if byNode["a"] != 2 || byNode["b"] != 1 {
		t.Errorf("sends by node %v, want a 2, b 1", byNode)
	}
}

// Two databases with the same rows, written in another order, have the same
// digest; one changed row changes its table's digest and only that one.
func TestDigestComparesContent(t *testing.T) {
	dir := t.TempDir()
	create := func(name string, stmts ...string) string {
		path := filepath.Join(dir, name)
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range append([]string{"CREATE TABLE cars (code TEXT, price INTEGER)", "CREATE TABLE leads (phone TEXT)"}, stmts...) {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	one := create("one.db", "INSERT INTO cars VALUES ('R1', 10), ('R2', 20)", "INSERT INTO leads VALUES ('+62811')")
	same := create("same.db", "INSERT INTO cars VALUES ('R2', 20)", "INSERT INTO cars VALUES ('R1', 10)", "INSERT INTO leads VALUES ('+62811')")
	other := create("other.db", "INSERT INTO cars VALUES ('R1', 10), ('R2', 21)", "INSERT INTO leads VALUES ('+62811')")
	sums := map[string]map[string]string{}
	for _, path := range []string{one, same, other} {
		d, err := digest(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		sums[path] = d
	}
	if !maps.Equal(sums[one], sums[same]) {
		t.Errorf("the same rows in another order: %v and %v", sums[one], sums[same])
	}
	if sums[one]["cars"] == sums[other]["cars"] || sums[one]["leads"] != sums[other]["leads"] {
		t.Errorf("one price changed: cars %s and %s, leads %s and %s", sums[one]["cars"], sums[other]["cars"],
			sums[one]["leads"], sums[other]["leads"])
	}
}
