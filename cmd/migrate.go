package cmd

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/sqldb"
	"github.com/autoleads/autoleads/tenants"
)

func newMigrateCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the registry and every showroom database to the latest schema",
		Long: `Migrate applies the migrations each database lacks and prints, per database,
what it applied. Running it again changes nothing. It is safe while a server
runs (serve and every command also migrate a database when they open it);
run it after an upgrade to migrate every showroom now rather than on first use.`,
		Example: `  autoleads migrate
  autoleads migrate --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runMigrate(c.Context(), g) },
	}
}

// migration is what migrate did to one database.
type migration struct {
	Database string   `json:"database"` // "registry" or a showroom slug
	Path     string   `json:"path"`
	Created  bool     `json:"created"`
	Applied  []string `json:"applied"`
	Error    *string  `json:"error"`
}

func (m migration) String() string {
	switch {
	case m.Error != nil:
		return fmt.Sprintf("%s: failed: %s", m.Database, *m.Error)
	case len(m.Applied) == 0:
		return m.Database + ": up to date"
	case m.Created:
		return fmt.Sprintf("%s: created, applied %s", m.Database, strings.Join(m.Applied, ", "))
	}
	return fmt.Sprintf("%s: applied %s", m.Database, strings.Join(m.Applied, ", "))
}

func runMigrate(ctx context.Context, g *globals) error {
	layout := tenants.Layout{Root: g.dataDir}
	_, statErr := os.Stat(layout.RegistryPath())
	before := 0
	if statErr == nil {
		v, err := registryVersion(ctx, layout.RegistryPath())
		if err != nil {
			return err
		}
		before = v
	}
	// Opening the registry migrates it; what was applied is what is newer
	// than the version it had before.
	return g.withRegistry(ctx, func(reg *tenants.Registry) error {
		applied, err := migrationsAfter(ctx, reg.Handles().Read, before)
		if err != nil {
			return err
		}
		results := []migration{{Database: "registry", Path: reg.Layout.RegistryPath(),
			Created: statErr != nil, Applied: applied}}
		failed := 0
		for _, t := range reg.All() {
			m := migrateTenant(ctx, reg, t.Slug)
			if m.Error != nil {
				failed++
			}
			results = append(results, m)
		}
		if g.json {
			if err := printJSON(g.stdout, results); err != nil {
				return err
			}
		} else {
			for _, m := range results {
				fmt.Fprintln(g.stdout, m)
			}
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d showroom databases failed to migrate", failed, len(results)-1)
		}
		return nil
	})
}

// migrateTenant migrates one showroom's database. A missing one is created,
// as the server would on the showroom's first request.
func migrateTenant(ctx context.Context, reg *tenants.Registry, slug string) migration {
	m := migration{Database: slug, Applied: []string{}}
	fail := func(err error) migration {
		msg := describe(err)
		m.Error = &msg
		return m
	}
	path, err := reg.Layout.TenantDBPath(slug)
	if err != nil {
		return fail(err)
	}
	m.Path = path
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		m.Created = true
	}
	h, err := sqldb.Open(path, reg.Options().Durability, nil)
	if err != nil {
		return fail(err)
	}
	defer h.Close()
	applied, err := sqldb.Migrate(ctx, h.Write, store.TenantMigrations())
	if err != nil {
		return fail(err)
	}
	m.Applied = append(m.Applied, applied...)
	return m
}

// registryVersion is the schema version of an existing registry file before
// this command touched it: 0 when it has no version table yet.
func registryVersion(ctx context.Context, path string) (int, error) {
	h, err := sqldb.Open(path, sqldb.DurabilityNormal, nil)
	if err != nil {
		return 0, err
	}
	defer h.Close()
	var tables int
	if err := h.Read.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master
		WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}
	if tables == 0 {
		return 0, nil
	}
	return sqldb.SchemaVersion(ctx, h.Read)
}

// migrationsAfter lists the recorded migrations newer than version.
func migrationsAfter(ctx context.Context, db *sql.DB, version int) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM schema_migrations WHERE version > ? ORDER BY version`, version)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
