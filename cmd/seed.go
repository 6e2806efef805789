package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
	"github.com/autoleads/autoleads/tenants"
)

func newSeedCommand(g *globals) *cobra.Command {
	var slug string
	var force bool
	c := &cobra.Command{
		Use:   "seed",
		Short: "Load the demo inventory, users and leads into a showroom",
		Long: `Seed loads the demo data of the Surabaya showroom into any showroom: fifteen
cars (twelve on sale), the demo users whose emails are still free, and five
leads with their WhatsApp conversations. The users' password is password123,
or env AUTOLEADS_PASSWORD. A showroom that already has cars is refused unless
--force; then only what is missing is added (cars by display code, users by
email, leads by phone), so seeding twice adds nothing.`,
		Example: `  autoleads seed --tenant showroom-malang
  AUTOLEADS_PASSWORD=$(openssl rand -base64 18) autoleads seed --tenant staging --force`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			pw, err := g.demoPassword()
			if err != nil {
				return err
			}
			return g.withTenantDB(c.Context(), slug, func(_ *tenants.Registry, t *tenants.Tenant, db *store.DB) error {
				_, n, err := db.FindCars(c.Context(), store.CarFilter{Limit: 1})
				if err != nil {
					return err
				}
				if n > 0 && !force {
					return fmt.Errorf("showroom %s already has %d cars; pass --force to add the demo data that is missing", t.Slug, n)
				}
				res, err := demo.Load(c.Context(), db, demo.Options{Password: pw})
				if err != nil {
					return err
				}
				if g.json {
					return printJSON(g.stdout, res)
				}
				printf(g.stdout, "Seeded showroom %s: %d cars, %d users, %d leads, %d messages.\n",
					t.Slug, res.Cars, len(res.Users), res.Leads, res.Messages)
				if res.CarsSkipped+len(res.UsersSkipped)+res.LeadsSkipped > 0 {
					printf(g.stdout, "Already there and kept: %d cars, %d users, %d leads.\n",
						res.CarsSkipped, len(res.UsersSkipped), res.LeadsSkipped)
				}
				if len(res.Users) > 0 {
					printf(g.stdout, "New users sign in with %s.\n", g.demoPasswordNote())
				}
				return nil
			})
		},
	}
	c.Flags().StringVar(&slug, "tenant", "", "showroom slug (required)")
	c.Flags().BoolVar(&force, "force", false, "seed a showroom that already has cars, adding only what is missing")
	c.MarkFlagRequired("tenant")
	return c
}

// demoPassword is the demo users' password: env AUTOLEADS_PASSWORD when set,
// else password123.
func (g *globals) demoPassword() (string, error) {
	pw := g.getenv("AUTOLEADS_PASSWORD")
	if pw == "" {
		return demo.Password, nil
	}
	if msg := store.ValidatePassword(pw); msg != "" {
		return "", fmt.Errorf("AUTOLEADS_PASSWORD refused: %s", msg)
	}
	return pw, nil
}

// demoPasswordNote names the demo password without echoing one the operator
// chose.
func (g *globals) demoPasswordNote() string {
	if g.getenv("AUTOLEADS_PASSWORD") != "" {
		return "the password in AUTOLEADS_PASSWORD"
	}
	return "password " + demo.Password
}
