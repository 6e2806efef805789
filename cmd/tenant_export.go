package cmd

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/tenants"
)

type tenantExportOptions struct {
	out        string
	withFonnte bool
	live       bool
}

func newTenantExportCommand(g *globals) *cobra.Command {
	o := &tenantExportOptions{}
	c := &cobra.Command{
		Use:   "export SLUG --out FILE",
		Short: "Write one showroom (database, photos, registry record) to one archive, to move it",
		Long: `Export writes a showroom to one gzip-compressed tar archive while the server
keeps serving: an online snapshot of its database (verified with PRAGMA
integrity_check), its photos, its registry record (hosts, WhatsApp number,
webhook token, settings, status and plan) and a manifest with the size and
SHA-256 of every entry. Import it on another node with autoleads tenant import.

The showroom must be moving (autoleads tenant moving SLUG on), so that the
archive holds every change it acknowledged; an export waits until the move
began 30 seconds ago, for WhatsApp sends under way to finish. --live exports
a showroom that is not moving, as a copy: changes made after it are not in it.

The archive holds the webhook token, and with --with-fonnte-token the Fonnte
token: it is written 0600; keep it as private as the data directory.`,
		Example: `  autoleads tenant moving showroom-malang on
  autoleads tenant export showroom-malang --out /var/tmp/showroom-malang.tar.gz --with-fonnte-token`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				res, err := backup.Export(c.Context(), reg, backup.ExportOptions{Slug: args[0], Out: o.out,
					WithFonnteToken: o.withFonnte, Live: o.live, Version: Version,
					Waiting: func(d time.Duration) {
						printf(g.stderr, "Waiting %s for WhatsApp sends under way to finish…\n", d.Round(time.Second))
					}})
				if err != nil {
					return err
				}
				for _, path := range res.Skipped {
					printf(g.stderr, "warning: left out %s: not a photo the server serves\n", path)
				}
				if g.json {
					return printJSON(g.stdout, res)
				}
				printf(g.stdout, "Exported showroom %s to %s (%d bytes, schema %d, %d photo files).\n",
					res.Manifest.Slug, res.Path, res.Bytes, res.Manifest.Schema, len(res.Manifest.Entries)-2)
				if !res.Manifest.Live {
					printf(g.stdout, "Next, on the new node: autoleads tenant import FILE\n")
				}
				return nil
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.out, "out", "", "the archive to write, e.g. showroom.tar.gz; must not exist (required)")
	f.BoolVar(&o.withFonnte, "with-fonnte-token", false, "put the showroom's Fonnte token in the archive")
	f.BoolVar(&o.live, "live", false, "export a showroom that is not moving (a copy, not a move)")
	c.MarkFlagRequired("out")
	return c
}
