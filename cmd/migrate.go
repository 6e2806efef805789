package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

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
	// Opening the registry migrates it and records what it applied.
	return g.withRegistry(ctx, func(reg *tenants.Registry) error {
		done := reg.Migration()
		results := []migration{{Database: "registry", Path: reg.Layout.RegistryPath(),
			Created: done.Created, Applied: applied(done)}}
		failed := 0
		for _, t := range reg.All() {
			m := migrateTenant(ctx, reg, t)
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
func migrateTenant(ctx context.Context, reg *tenants.Registry, t *tenants.Tenant) migration {
	m := migration{Database: t.Slug, Applied: []string{}}
	path, err := reg.Layout.TenantDBPath(t.Slug)
	if err == nil {
		m.Path = path
		var done tenants.Migration
		if done, err = reg.MigrateStore(ctx, t); err == nil {
			m.Created, m.Applied = done.Created, applied(done)
		}
	}
	if err != nil {
		msg := describe(err)
		m.Error = &msg
	}
	return m
}

// applied lists what a migration applied, never null in JSON.
func applied(m tenants.Migration) []string { return append([]string{}, m.Applied...) }
