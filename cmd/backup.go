package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/tenants"
)

// backupOptions are the flags of `autoleads backup`.
type backupOptions struct {
	out    string
	tenant string
}

func newBackupCommand(g *globals) *cobra.Command {
	o := &backupOptions{}
	c := &cobra.Command{
		Use:   "backup",
		Short: "Snapshot the registry, the showroom databases and their uploads",
		Long: `Backup takes consistent snapshots (VACUUM INTO) of the registry and of every
showroom's database while the server keeps serving, verifies each with
PRAGMA integrity_check and copies the uploads. The result is a timestamped
folder under --out that mirrors the data directory and holds a manifest.json;
it is built as "<folder>.partial" and renamed only when complete.`,
		Example: `  autoleads backup
  autoleads backup --out /var/backups/autoleads
  autoleads backup --tenant showroom-surabaya --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runBackup(c.Context(), g, o) },
	}
	f := c.Flags()
	f.StringVar(&o.out, "out", "", "directory that receives the timestamped backup folder (default <data-dir>/backups)")
	f.StringVar(&o.tenant, "tenant", "", "back up only this showroom (and the registry)")
	return c
}

func runBackup(ctx context.Context, g *globals, o *backupOptions) error {
	// Opening the registry would create an empty data directory where a
	// mistyped --data-dir points; a backup of nothing hides the mistake.
	if _, err := os.Stat(tenants.Layout{Root: g.dataDir}.RegistryPath()); err != nil {
		return fmt.Errorf("%s is not a data directory (no registry.db): nothing to back up", g.dataDir)
	}
	reg, err := g.openRegistry(ctx, tenants.Options{})
	if err != nil {
		return err
	}
	defer reg.Close()
	res, err := backup.Create(ctx, reg, backup.Options{Out: o.out, Tenant: o.tenant, Version: Version})
	if err != nil {
		return err
	}
	files := make([]backup.File, len(res.Manifest.Files))
	for i, f := range res.Manifest.Files {
		f.Path = filepath.Join(res.Dir, filepath.FromSlash(f.Path))
		files[i] = f
	}
	if g.json {
		return printJSON(g.stdout, files)
	}
	for _, f := range files {
		if f.Integrity != nil {
			printf(g.stdout, "%s\t%d bytes\tintegrity %s\n", f.Path, f.Bytes, *f.Integrity)
		} else {
			printf(g.stdout, "%s\t%d bytes\t%d files\n", f.Path, f.Bytes, *f.Files)
		}
	}
	printf(g.stdout, "backup complete: %s (%d showrooms)\n", res.Dir, len(res.Manifest.Tenants))
	return nil
}
