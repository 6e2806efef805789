package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The faults a move attempt may meet.
const (
	noFault           = ""
	crashDuringExport = "node A killed during the export"
	crashDuringImport = "node B killed during the import"
)

// errCrashed is an attempt ended by a node's crash.
var errCrashed = errors.New("a node crashed")

// mover moves one showroom from node a to node b behind the proxy by the
// sequence docs/operations.md gives: moving on A → export → import on B →
// routes regenerated and Caddy reloaded → A's copy deleted. Each step can
// be run again, so after a crash the whole move is simply run again.
type mover struct {
	slug, host string
	a, b       *node
	proxy      *proxy
	bin        string
	dir        string // where archives are written
	attempts   int
	steps      []string // what happened, for the report
	began      time.Time
	took       time.Duration // from the first moving on to A's copy deleted
	switchedAt time.Time
	// beforeDelete reads A's copy before it is deleted.
	beforeDelete func() error
}

func (m *mover) note(format string, args ...any) {
	m.steps = append(m.steps, fmt.Sprintf("attempt %d: ", m.attempts)+fmt.Sprintf(format, args...))
}

// move runs the move once; fault, when not noFault, kills a node in the
// middle, and move returns errCrashed.
func (m *mover) move(ctx context.Context, fault string) error {
	m.attempts++
	if _, err := m.a.cli(ctx, nil, "", "tenant", "moving", m.slug, "on"); err != nil {
		return err
	}
	onB, err := m.b.lists(ctx, m.slug)
	if err != nil {
		return err
	}
	if onB {
		m.note("node B already has %s: its import had finished", m.slug)
	} else if err := m.copyToB(ctx, fault); err != nil {
		return err
	}
	if err := waitFor(ctx, "node B to serve "+m.host, 10*time.Second, func() bool { return m.b.serves(m.host) }); err != nil {
		return err
	}
	if err := m.proxy.reload(ctx, m.bin, m.a, m.b); err != nil {
		return err
	}
	m.switchedAt = time.Now()
	m.note("routes regenerated, Caddy reloaded: %s goes to node B", m.host)
	if err := m.beforeDelete(); err != nil {
		return err
	}
	if _, err := m.a.cli(ctx, nil, "", "tenant", "delete", m.slug, "--yes"); err != nil {
		return err
	}
	m.note("%s deleted on node A", m.slug)
	return nil
}

// copyToB exports the showroom on A and imports it on B.
func (m *mover) copyToB(ctx context.Context, fault string) error {
	archive := filepath.Join(m.dir, fmt.Sprintf("%s-%d.tar.gz", m.slug, m.attempts))
	export, err := m.a.startCLI("export", "tenant", "export", m.slug, "--out", archive, "--with-fonnte-token")
	if err != nil {
		return err
	}
	if fault == crashDuringExport {
		// The export waits 30 s from moving on for sends under way; the
		// crash comes while it waits and the clients keep writing.
		time.Sleep(3 * time.Second)
		m.a.crash(export)
		m.note("%s: kill -9 of its server, Litestream and `tenant export`", fault)
		return errCrashed
	}
	start := time.Now()
	if err := m.a.ps.wait(export, 90*time.Second); err != nil {
		return err
	}
	m.note("exported on node A in %s", time.Since(start).Round(100*time.Millisecond))

	start = time.Now()
	imp, err := m.b.startCLI("import", "tenant", "import", archive)
	if err != nil {
		return err
	}
	if fault == crashDuringImport {
		staged := m.waitStaging(imp)
		m.b.crash(imp)
		if staged {
			m.note("%s (its staging directory written): kill -9 of its server, Litestream and `tenant import`", fault)
		} else {
			m.note("%s: kill -9 of its server, Litestream and `tenant import`, which had ended already", fault)
		}
		return errCrashed
	}
	if err := m.b.ps.wait(imp, 90*time.Second); err != nil {
		return err
	}
	m.note("imported on node B in %s", time.Since(start).Round(100*time.Millisecond))
	return nil
}

// waitStaging waits until imp has begun writing its staging directory, or
// ended; true when the directory was seen.
func (m *mover) waitStaging(imp *proc) bool {
	tenants := filepath.Join(m.b.data(), "tenants")
	for {
		entries, _ := os.ReadDir(tenants)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".import-") {
				return true
			}
		}
		select {
		case <-imp.done:
			return false
		case <-time.After(time.Millisecond):
		}
	}
}
