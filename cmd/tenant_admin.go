package cmd

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/tenants"
)

// liveNote tells the operator when a running server sees a registry change.
const liveNote = "Running servers apply this within 5 seconds."

func newTenantStatusCommand(g *globals, tf *tenantFlags, verb, status string) *cobra.Command {
	short := map[string]string{
		tenants.StatusSuspended: "Lock a showroom out: its site, API and webhook answer 403",
		tenants.StatusActive:    "Make a showroom active again (also ends a trial, or a plan expiry that has passed)",
	}[status]
	return &cobra.Command{
		Use:     verb + " SLUG",
		Short:   short,
		Example: "  autoleads tenant " + verb + " showroom-malang",
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				var t *tenants.Tenant
				var lapsed *time.Time
				var err error
				if status == tenants.StatusActive {
					t, lapsed, err = reg.Activate(c.Context(), args[0])
				} else {
					t, err = reg.SetStatus(c.Context(), args[0], status)
				}
				if err != nil {
					return err
				}
				if g.json {
					return printJSON(g.stdout, newTenantView(t, tf.publicURL))
				}
				printf(g.stdout, "Showroom %s is now %s. %s\n", t.Slug, t.Status, liveNote)
				if lapsed != nil {
					printf(g.stdout, "Its plan expiry %s had passed and was removed; set a new one with --plan-expires.\n", timeText(lapsed))
				}
				return nil
			})
		},
	}
}

func newTenantAddHostCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "add-host SLUG HOST",
		Short: "Point another host name (a custom domain) at a showroom",
		Example: `  autoleads tenant add-host showroom-malang mobilmalang.co.id
  autoleads tenant add-host showroom-malang www.mobilmalang.co.id`,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				if err := reg.AddHost(c.Context(), args[0], args[1]); err != nil {
					return err
				}
				printf(g.stdout, "Host %s now reaches showroom %s. %s\n", tenants.NormalizeHost(args[1]), args[0], liveNote)
				return nil
			})
		},
	}
}

func newTenantRemoveHostCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "remove-host SLUG HOST",
		Short:   "Detach a host name from a showroom",
		Example: `  autoleads tenant remove-host showroom-malang old-domain.co.id`,
		Args:    cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				if err := reg.RemoveHost(c.Context(), args[0], args[1]); err != nil {
					return err
				}
				printf(g.stdout, "Host %s no longer reaches showroom %s. %s\n", tenants.NormalizeHost(args[1]), args[0], liveNote)
				return nil
			})
		},
	}
}

func newTenantRotateCommand(g *globals, tf *tenantFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "rotate-webhook-token SLUG",
		Short: "Give a showroom a new webhook token; the old one stops working",
		Long: `Rotate-webhook-token replaces the token in the showroom's webhook URL, for
when the URL leaked. The old token is refused within 5 seconds, so paste the
new URL into Fonnte's device settings right away.`,
		Example: `  autoleads tenant rotate-webhook-token showroom-malang`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				t, err := reg.RotateWebhookToken(c.Context(), args[0])
				if err != nil {
					return err
				}
				if g.json {
					return printJSON(g.stdout, newTenantView(t, tf.publicURL))
				}
				printf(g.stdout, "New webhook URL of %s (paste it into Fonnte's device settings now):\n  %s\n",
					t.Slug, t.WebhookURL(tf.publicURL))
				return nil
			})
		},
	}
}

func newTenantDeleteCommand(g *globals) *cobra.Command {
	var yes bool
	c := &cobra.Command{
		Use:   "delete SLUG --yes",
		Short: "Delete a showroom and every file of it: database, photos, users",
		Long: `Delete unregisters a showroom and removes its directory: its database with
every car, lead, message and user, and its photos. There is no undo: take a
backup first. It refuses to run without --yes.`,
		Example: `  autoleads tenant delete showroom-malang --yes`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withTenant(c.Context(), args[0], func(reg *tenants.Registry, t *tenants.Tenant) error {
				if !yes {
					return fmt.Errorf("refusing to delete showroom %s and all its data without --yes", t.Slug)
				}
				if err := reg.DeleteTenant(c.Context(), t.Slug); err != nil {
					return err
				}
				printf(g.stdout, "Deleted showroom %s and its directory. %s\n", t.Slug, liveNote)
				return nil
			})
		},
	}
	c.Flags().BoolVar(&yes, "yes", false, "confirm that the showroom and all its data go")
	return c
}
