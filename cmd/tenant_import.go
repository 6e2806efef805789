package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/backup"
	"github.com/autoleads/autoleads/tenants"
)

func newTenantImportCommand(g *globals, tf *tenantFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Register a showroom from an export, with its database, photos, hosts and webhook token",
		Long: `Import registers the showroom of an archive written by autoleads tenant export
on this node, while the server keeps serving: the running server serves it
within 5 seconds, at its hosts, and sends the WhatsApp messages it had queued.

Before anything is written, every entry's size and SHA-256 is checked against
the archive's manifest, its format and database schema against this version,
its database with PRAGMA integrity_check, and its slug, hosts, WhatsApp number
and webhook token must be free on this node. The archive is unpacked into a
staging directory inside the data directory and renamed into place in the
same registry transaction that registers the showroom: an import that fails
or is interrupted leaves no showroom behind.`,
		Example: `  autoleads tenant import /var/tmp/showroom-malang.tar.gz`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				m, err := backup.Import(c.Context(), reg, args[0])
				if err != nil {
					return err
				}
				t, err := reg.FindTenant(c.Context(), m.Slug)
				if err != nil {
					return err
				}
				if g.json {
					return printJSON(g.stdout, newTenantView(t, tf.publicURL))
				}
				printf(g.stdout, "Imported showroom %s (%s), schema %d, %d photo files. %s\n",
					t.Slug, t.Name, m.Schema, len(m.Entries)-2, liveNote)
				printf(g.stdout, "Hosts: %s\n", orDash(strings.Join(t.Hosts, ", ")))
				if t.FonnteToken == "" {
					printf(g.stdout, "No Fonnte token came with it: set it with autoleads tenant update %s --fonnte-token-stdin\n", t.Slug)
				}
				return nil
			})
		},
	}
}
