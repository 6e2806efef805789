package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/backup"
)

// restoreOptions are the flags of `autoleads restore`.
type restoreOptions struct {
	from   string
	tenant string
	yes    bool
}

func newRestoreCommand(g *globals) *cobra.Command {
	o := &restoreOptions{}
	c := &cobra.Command{
		Use:   "restore",
		Short: "Restore the data directory, or one showroom, from a backup",
		Long: `Restore copies a backup made by "autoleads backup" into the data directory and
verifies every database (integrity check and checksum) before it replaces
anything. Without --tenant it restores the whole data directory; with --tenant
only that showroom's directory, registering the showroom again from the
backup when it was deleted. Existing data is never overwritten: with --yes it
is moved aside (data/.old-<time>, or data/tenants/.old-<slug>-<time>) for you
to delete once the restore is checked.

Stop the server first: restore refuses to run while another process has the
registry open.`,
		Example: `  autoleads restore --from /var/backups/autoleads/20261125T123000Z --data-dir /srv/autoleads
  autoleads restore --from data/backups/20261125T123000Z --tenant showroom-surabaya --yes`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runRestore(c.Context(), g, o) },
	}
	f := c.Flags()
	f.StringVar(&o.from, "from", "", "the backup folder (the one holding manifest.json)")
	f.StringVar(&o.tenant, "tenant", "", "restore only this showroom")
	f.BoolVar(&o.yes, "yes", false, "move existing data aside instead of refusing")
	c.MarkFlagRequired("from")
	return c
}

func runRestore(ctx context.Context, g *globals, o *restoreOptions) error {
	res, err := backup.Restore(ctx, g.dataDir, backup.RestoreOptions{From: o.from, Tenant: o.tenant, Replace: o.yes})
	if err != nil {
		return err
	}
	if g.json {
		return printJSON(g.stdout, res)
	}
	for _, slug := range res.Tenants {
		printf(g.stdout, "restored showroom %s\n", slug)
	}
	if res.RegistryRestored {
		if o.tenant == "" {
			fmt.Fprintln(g.stdout, "restored the registry")
		} else {
			printf(g.stdout, "registered showroom %s again from the backup\n", o.tenant)
		}
	}
	if res.Previous != "" {
		printf(g.stdout, "the data it replaced is in %s; delete it once you have checked the restore\n", res.Previous)
	}
	return nil
}
