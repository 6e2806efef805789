package cmd

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/autoleads/autoleads/tenants"
)

type tenantUpdateOptions struct {
	name, status, plan, whatsapp string
	showroomContact
	trialEnds, planExpires string
	fonnteTokenStdin       bool
}

func newTenantUpdateCommand(g *globals, tf *tenantFlags) *cobra.Command {
	o := &tenantUpdateOptions{}
	c := &cobra.Command{
		Use:   "update SLUG",
		Short: "Change a showroom's fields; only the flags given change",
		Long: `Update changes the fields whose flags are given and leaves the others alone.
An empty value clears an optional field (--phone ""). Dates take YYYY-MM-DD
(midnight UTC) or RFC 3339; "" removes the date. The Fonnte token is read
from the first line of stdin, so it never appears in the process list; an
empty line removes it.`,
		Example: `  autoleads tenant update showroom-malang --plan growth --plan-expires 2026-12-31
  autoleads tenant update showroom-malang --status active --trial-ends ""
  printf '%s\n' "$FONNTE_TOKEN" | autoleads tenant update showroom-malang --fonnte-token-stdin`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			upd, err := o.update(g, c.Flags())
			if err != nil {
				return err
			}
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				t, err := reg.UpdateTenant(c.Context(), args[0], upd)
				if err != nil {
					return err
				}
				if !g.json {
					printf(g.stdout, "Updated showroom %s.\n", t.Slug)
				}
				return g.printTenant(t, tf)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.name, "name", "", "showroom name")
	f.StringVar(&o.status, "status", "", "active, trial, suspended or expired")
	f.StringVar(&o.plan, "plan", "", "trial, free, starter, growth or pro")
	f.StringVar(&o.whatsapp, "whatsapp", "", `Fonnte device number, e.g. 6281234567890 ("" removes it)`)
	o.addFlags(f)
	f.StringVar(&o.trialEnds, "trial-ends", "", `end of the trial: YYYY-MM-DD, RFC 3339, or "" for none`)
	f.StringVar(&o.planExpires, "plan-expires", "", `expiry of the plan: YYYY-MM-DD, RFC 3339, or "" for none`)
	f.BoolVar(&o.fonnteTokenStdin, "fonnte-token-stdin", false, "read the Fonnte API token from stdin (an empty line removes it)")
	return c
}

// update builds the partial update from the flags that were given.
func (o *tenantUpdateOptions) update(g *globals, flags *pflag.FlagSet) (tenants.TenantUpdate, error) {
	var upd tenants.TenantUpdate
	changed := false
	str := func(flag string, v string, dst **string) {
		if flags.Changed(flag) {
			*dst, changed = &v, true
		}
	}
	str("name", o.name, &upd.Name)
	str("status", o.status, &upd.Status)
	str("plan", o.plan, &upd.Plan)
	str("whatsapp", o.whatsapp, &upd.WhatsAppNumber)
	str("phone", o.phone, &upd.Phone)
	str("email", o.email, &upd.Email)
	str("address", o.address, &upd.Address)
	str("city", o.city, &upd.City)
	if flags.Changed("trial-ends") {
		t, err := parseTimeFlag("trial-ends", o.trialEnds)
		if err != nil {
			return upd, err
		}
		upd.TrialEndsAt, changed = &t, true
	}
	if flags.Changed("plan-expires") {
		t, err := parseTimeFlag("plan-expires", o.planExpires)
		if err != nil {
			return upd, err
		}
		upd.PlanExpiresAt, changed = &t, true
	}
	if o.fonnteTokenStdin {
		token, err := readSecretLine(g.stdin, "Fonnte token")
		if err != nil {
			return upd, err
		}
		token = strings.TrimSpace(token)
		upd.FonnteToken, changed = &token, true
	}
	if !changed {
		return upd, errors.New("nothing to update: give at least one flag, e.g. --name or --status (see --help)")
	}
	return upd, nil
}
