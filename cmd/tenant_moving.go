package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/tenants"
)

func newTenantMovingCommand(g *globals, tf *tenantFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "moving SLUG on|off",
		Short: "Make a showroom read-only while it moves to another node, or end that",
		Long: `Moving on makes a showroom read-only on every server of this data directory,
within 5 seconds: its website, catalogue and dashboard pages are still
served, but every change (API, dashboard, website forms, signing in) answers
503 with Retry-After, its Fonnte webhook answers 503 so that Fonnte delivers
each message again later, and its queued WhatsApp messages wait. Then
export it (autoleads tenant export), import it on the new node, switch the
proxy, and delete it here. Moving off calls the move off: the showroom takes
changes again and its queued messages leave from here.
Its status and plan are left as they are.`,
		Example: `  autoleads tenant moving showroom-malang on
  autoleads tenant moving showroom-malang off`,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			var on bool
			switch args[1] {
			case "on":
				on = true
			case "off":
			default:
				return fmt.Errorf("the second argument must be on or off, not %q", args[1])
			}
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				t, err := reg.SetMoving(c.Context(), args[0], on)
				if err != nil {
					return err
				}
				if g.json {
					return printJSON(g.stdout, newTenantView(t, tf.publicURL))
				}
				if on {
					printf(g.stdout, "Showroom %s is moving since %s: it is read-only and its WhatsApp messages wait. %s\n",
						t.Slug, timeText(t.MovingSince), liveNote)
					printf(g.stdout, "Next: autoleads tenant export %s --out FILE\n", t.Slug)
				} else {
					printf(g.stdout, "Showroom %s is no longer moving: it takes changes and sends its messages again. %s\n", t.Slug, liveNote)
				}
				return nil
			})
		},
	}
}
