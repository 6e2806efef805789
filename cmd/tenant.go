package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/tenants"
)

// tenantFlags are the flags every tenant subcommand shares.
type tenantFlags struct {
	publicURL string
}

func newTenantCommand(g *globals) *cobra.Command {
	tf := &tenantFlags{}
	c := &cobra.Command{
		Use:     "tenant",
		Aliases: []string{"tenants", "showroom"},
		Short:   "Create and manage showrooms (tenants)",
		Example: `  autoleads tenant create --slug showroom-malang --name "Mobil Bekas Malang" --host mobilmalang.co.id
  autoleads tenant list
  autoleads tenant show showroom-malang --json`,
	}
	c.PersistentFlags().StringVar(&tf.publicURL, "public-url", g.getenv("AUTOLEADS_PUBLIC_URL"),
		"public base URL for webhook URLs when one domain fronts every showroom (env AUTOLEADS_PUBLIC_URL)")
	c.AddCommand(
		newTenantCreateCommand(g, tf),
		newTenantListCommand(g),
		newTenantShowCommand(g, tf),
		newTenantUpdateCommand(g, tf),
		newTenantStatusCommand(g, tf, "suspend", tenants.StatusSuspended),
		newTenantStatusCommand(g, tf, "activate", tenants.StatusActive),
		newTenantAddHostCommand(g),
		newTenantRemoveHostCommand(g),
		newTenantRotateCommand(g, tf),
		newTenantDeleteCommand(g),
		newTenantMovingCommand(g, tf),
		newTenantExportCommand(g),
		newTenantImportCommand(g, tf),
	)
	return c
}

// withRegistry opens the registry for the length of one command.
func (g *globals) withRegistry(ctx context.Context, fn func(reg *tenants.Registry) error) error {
	reg, err := g.openRegistry(ctx, tenants.Options{})
	if err != nil {
		return err
	}
	defer reg.Close()
	return fn(reg)
}

// withTenant opens the registry and finds the showroom slug for the length
// of one command. Errors: ENOTFOUND "Showroom not found", EINVALID for a
// malformed slug.
func (g *globals) withTenant(ctx context.Context, slug string, fn func(reg *tenants.Registry, t *tenants.Tenant) error) error {
	return g.withRegistry(ctx, func(reg *tenants.Registry) error {
		t, err := reg.FindTenant(ctx, slug)
		if err != nil {
			return err
		}
		return fn(reg, t)
	})
}

// showroomContact holds the contact flags tenant create and update share.
type showroomContact struct {
	phone, email, address, city string
}

func (sc *showroomContact) addFlags(f *pflag.FlagSet) {
	f.StringVar(&sc.phone, "phone", "", "showroom phone number")
	f.StringVar(&sc.email, "email", "", "showroom email address")
	f.StringVar(&sc.address, "address", "", "street address")
	f.StringVar(&sc.city, "city", "", "city")
}

type tenantCreateOptions struct {
	slug, name, whatsapp, status, plan string
	showroomContact
	hosts     []string
	trialDays int
}

func newTenantCreateCommand(g *globals, tf *tenantFlags) *cobra.Command {
	o := &tenantCreateOptions{}
	c := &cobra.Command{
		Use:   "create",
		Short: "Register a showroom: registry row, directory and database",
		Long: `Create registers a showroom with its hosts, creates its directory and its
migrated database, and prints the webhook URL to paste into Fonnte.
A trial showroom's trial ends --trial-days from now.`,
		Example: `  autoleads tenant create --slug showroom-malang --name "Mobil Bekas Malang" \
    --host showroom-malang.autoleads.id --host mobilmalang.co.id --whatsapp 6281234567890
  autoleads tenant create --slug dealer-x --name "Dealer X" --host dealer-x.localhost --status active --plan pro`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				return runTenantCreate(c, g, tf, reg, o)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.slug, "slug", "", "showroom slug: lower-case letters, digits and dashes (required)")
	f.StringVar(&o.name, "name", "", "showroom name (required)")
	f.StringSliceVar(&o.hosts, "host", nil, "host name that reaches the showroom (repeatable)")
	f.StringVar(&o.whatsapp, "whatsapp", "", "Fonnte device number, e.g. 6281234567890")
	f.StringVar(&o.status, "status", tenants.StatusTrial, "trial or active")
	f.StringVar(&o.plan, "plan", "", "trial, free, starter, growth or pro (default trial for a trial, else free)")
	f.IntVar(&o.trialDays, "trial-days", 14, "length of the trial in days")
	o.addFlags(f)
	c.MarkFlagRequired("slug")
	c.MarkFlagRequired("name")
	return c
}

func runTenantCreate(c *cobra.Command, g *globals, tf *tenantFlags, reg *tenants.Registry, o *tenantCreateOptions) error {
	t := &tenants.Tenant{
		Slug: o.slug, Name: o.name, Status: o.status, Plan: o.plan, WhatsAppNumber: o.whatsapp,
		Phone: o.phone, Email: o.email, Address: o.address, City: o.city,
	}
	switch o.status {
	case tenants.StatusTrial:
		if o.trialDays < 1 {
			return fmt.Errorf("--trial-days must be at least 1, not %d", o.trialDays)
		}
		end := reg.Now().UTC().Add(time.Duration(o.trialDays) * 24 * time.Hour).Truncate(time.Millisecond)
		t.TrialEndsAt = &end
		if t.Plan == "" {
			t.Plan = "trial"
		}
	case tenants.StatusActive:
		if c.Flags().Changed("trial-days") {
			return fmt.Errorf("--trial-days applies only to --status trial")
		}
		if t.Plan == "" {
			t.Plan = "free"
		}
	default:
		return fmt.Errorf("--status must be trial or active, not %q (suspend a showroom with `autoleads tenant suspend`)", o.status)
	}
	if err := reg.CreateTenant(c.Context(), t, o.hosts); err != nil {
		return err
	}
	if len(t.Hosts) == 0 {
		printf(g.stderr, "warning: showroom %s has no host yet; add one with `autoleads tenant add-host %s HOST`\n", t.Slug, t.Slug)
	}
	if g.json {
		return printJSON(g.stdout, newTenantView(t, tf.publicURL))
	}
	dbPath, _ := reg.Layout.TenantDBPath(t.Slug)
	printf(g.stdout, "Created showroom %s (%s): %s, plan %s", t.Slug, t.Name, t.Status, t.Plan)
	if t.TrialEndsAt != nil {
		printf(g.stdout, ", trial ends %s", timeText(t.TrialEndsAt))
	}
	printf(g.stdout, ".\nHosts:    %s\nDatabase: %s\n", orDash(strings.Join(t.Hosts, ", ")), dbPath)
	printf(g.stdout, "Webhook URL (paste into Fonnte's device settings):\n  %s\n", t.WebhookURL(tf.publicURL))
	printf(g.stdout, "Next: autoleads user create --tenant %s --email EMAIL --name NAME --role owner\n", t.Slug)
	return nil
}

func newTenantListCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List every showroom",
		Example: `  autoleads tenant list
  autoleads tenant list --json | jq -r '.[].slug'`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return g.withRegistry(c.Context(), func(reg *tenants.Registry) error {
				all := reg.All()
				if g.json {
					out := make([]apphttp.ShowroomView, 0, len(all))
					for _, t := range all {
						out = append(out, apphttp.NewShowroomView(t))
					}
					return printJSON(g.stdout, out)
				}
				if len(all) == 0 {
					fmt.Fprintln(g.stdout, "No showrooms yet. Create one with: autoleads tenant create --slug SLUG --name NAME --host HOST")
					return nil
				}
				tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "SLUG\tNAME\tSTATUS\tPLAN\tHOSTS")
				for _, t := range all {
					status := t.Status
					if t.Moving() {
						status += ", moving"
					}
					printf(tw, "%s\t%s\t%s\t%s\t%s\n", t.Slug, t.Name, status, t.Plan, orDash(strings.Join(t.Hosts, ", ")))
				}
				return tw.Flush()
			})
		},
	}
}

func newTenantShowCommand(g *globals, tf *tenantFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "show SLUG",
		Short: "Show a showroom with its webhook URL",
		Example: `  autoleads tenant show showroom-surabaya
  autoleads tenant show showroom-surabaya --json | jq -r .webhookUrl`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return g.withTenant(c.Context(), args[0], func(_ *tenants.Registry, t *tenants.Tenant) error {
				return g.printTenant(t, tf)
			})
		},
	}
}

// printTenant shows every field of a tenant, as JSON with --json. The Fonnte
// token is a secret: only whether one is set is shown.
func (g *globals) printTenant(t *tenants.Tenant, tf *tenantFlags) error {
	v := newTenantView(t, tf.publicURL)
	if g.json {
		return printJSON(g.stdout, v)
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	row := func(k, v string) { printf(tw, "%s:\t%s\n", k, v) }
	row("Slug", t.Slug)
	row("Name", t.Name)
	row("Status", t.Status)
	row("Plan", t.Plan)
	row("Trial ends", timeText(t.TrialEndsAt))
	row("Plan expires", timeText(t.PlanExpiresAt))
	row("Hosts", orDash(strings.Join(t.Hosts, ", ")))
	row("WhatsApp", orDash(t.WhatsAppNumber))
	row("Phone", orDash(t.Phone))
	row("Email", orDash(t.Email))
	row("Address", orDash(t.Address))
	row("City", orDash(t.City))
	row("Maps URL", orDash(t.MapsURL))
	row("Logo URL", orDash(t.LogoURL))
	row("Colors", t.PrimaryColor+" "+t.SecondaryColor)
	hours, _ := json.Marshal(t.BusinessHours)
	row("Business hours", string(hours))
	row("Settings", string(t.Settings))
	row("Fonnte token", map[bool]string{true: "set", false: "not set"}[t.FonnteToken != ""])
	row("Moving since", timeText(t.MovingSince))
	row("Webhook URL", v.WebhookURL)
	row("Created", timeText(&t.CreatedAt))
	row("Updated", timeText(&t.UpdatedAt))
	return tw.Flush()
}

// tenantView is the operator's view of a showroom (`tenant show --json`):
// what its staff see, and its webhook token and URL. `tenant list --json`
// leaves these two out, so a list carries no secret.
type tenantView struct {
	apphttp.ShowroomView
	WebhookToken string `json:"webhookToken"`
	WebhookURL   string `json:"webhookUrl"`
}

func newTenantView(t *tenants.Tenant, publicURL string) tenantView {
	return tenantView{ShowroomView: apphttp.NewShowroomView(t), WebhookToken: t.WebhookToken, WebhookURL: t.WebhookURL(publicURL)}
}
