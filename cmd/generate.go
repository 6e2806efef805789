package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
	"github.com/autoleads/autoleads/tenants"
)

// generateOptions are the flags of `autoleads generate`.
type generateOptions struct {
	tenant    string
	showrooms int
	prefix    string
	cars      int
	leads     int
	seed      uint64
	owner     bool
}

func newGenerateCommand(g *globals) *cobra.Command {
	o := &generateOptions{}
	c := &cobra.Command{
		Use:   "generate",
		Short: "Fill showrooms with generated cars and leads, for load tests and demos at scale",
		Long: `Generate writes a synthetic inventory (used cars of the brands Indonesian
showrooms sell, about four in five on sale) and synthetic leads (inquiries over
every status and source, with their first WhatsApp messages) into a showroom.
The same --seed always generates the same data. Each showroom also gets an
owner, owner@<slug>.test, whose password is env AUTOLEADS_PASSWORD or
password123, unless that email is taken or --owner=false.

With --tenant the showroom exists already. With --showrooms N it registers N
new active showrooms <prefix>-1 … <prefix>-N at hosts <prefix>-<i>.localhost
first, all in one registry transaction, and fills each (showroom i with seed
--seed+i-1). Data already generated into a showroom is refused, not doubled.`,
		Example: `  autoleads generate --tenant showroom-malang --cars 2000 --leads 50000 --seed 42
  autoleads generate --showrooms 1000 --prefix bench --cars 30`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runGenerate(c.Context(), g, o) },
	}
	f := c.Flags()
	f.StringVar(&o.tenant, "tenant", "", "slug of an existing showroom to fill")
	f.IntVar(&o.showrooms, "showrooms", 0, "register this many new showrooms and fill each")
	f.StringVar(&o.prefix, "prefix", "bench", "slug prefix of the showrooms --showrooms registers")
	f.IntVar(&o.cars, "cars", 0, "generated cars per showroom")
	f.IntVar(&o.leads, "leads", 0, "generated leads per showroom")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the generator: the same seed, the same data")
	f.BoolVar(&o.owner, "owner", true, "also create the owner owner@<slug>.test (a bcrypt hash each: --owner=false for thousands)")
	return c
}

// generateResult is what generate did to one showroom.
type generateResult struct {
	Tenant string `json:"tenant"`
	Host   string `json:"host,omitempty"`
	// WebhookToken lets a load test post to the showroom's webhook.
	WebhookToken string `json:"webhookToken"`
	*demo.SyntheticResult
	Owner string `json:"owner,omitempty"` // the owner created, if any
}

func runGenerate(ctx context.Context, g *globals, o *generateOptions) error {
	if (o.tenant == "") == (o.showrooms == 0) {
		return fmt.Errorf("give either --tenant or --showrooms")
	}
	if o.showrooms < 0 || o.cars < 0 || o.leads < 0 {
		return fmt.Errorf("--showrooms, --cars and --leads must not be negative")
	}
	password, err := generatedPassword(g)
	if err != nil {
		return err
	}
	reg, err := g.openRegistry(ctx, tenants.Options{})
	if err != nil {
		return err
	}
	defer reg.Close()
	var targets []*tenants.Tenant
	if o.tenant != "" {
		t, err := reg.Lookup(o.tenant)
		if err != nil {
			return err
		}
		targets = []*tenants.Tenant{t}
	} else if targets, err = registerShowrooms(ctx, reg, o); err != nil {
		return err
	}
	var results []generateResult
	for i, t := range targets {
		res, err := fillShowroom(ctx, reg, t, o, o.seed+uint64(i), password)
		if err != nil {
			return fmt.Errorf("showroom %s: %w", t.Slug, err)
		}
		results = append(results, res)
	}
	if g.json {
		return printJSON(g.stdout, results)
	}
	for _, r := range results {
		printf(g.stdout, "%s%s: %d cars (%d available), %d leads, %d messages%s\n", r.Tenant, hostNote(r.Host),
			r.Cars, r.AvailableCars, r.Leads, r.Messages, ownerNote(r.Owner))
	}
	return nil
}

// registerShowrooms registers --showrooms new active showrooms.
func registerShowrooms(ctx context.Context, reg *tenants.Registry, o *generateOptions) ([]*tenants.Tenant, error) {
	ts := make([]*tenants.Tenant, o.showrooms)
	hosts := make([][]string, o.showrooms)
	for i := range ts {
		slug := fmt.Sprintf("%s-%d", o.prefix, i+1)
		ts[i] = &tenants.Tenant{Slug: slug, Name: "Showroom " + strings.ToUpper(slug[:1]) + slug[1:],
			Status: tenants.StatusActive, Plan: "pro"}
		hosts[i] = []string{slug + ".localhost"}
	}
	if err := reg.CreateTenants(ctx, ts, hosts); err != nil {
		return nil, err
	}
	return ts, nil
}

// fillShowroom writes the generated data and the owner into one showroom.
func fillShowroom(ctx context.Context, reg *tenants.Registry, t *tenants.Tenant, o *generateOptions,
	seed uint64, password string) (generateResult, error) {
	res := generateResult{Tenant: t.Slug, WebhookToken: t.WebhookToken, SyntheticResult: &demo.SyntheticResult{}}
	if len(t.Hosts) > 0 {
		res.Host = t.Hosts[0]
	}
	if o.cars == 0 && o.leads == 0 && o.showrooms > 0 {
		return res, nil // registered with its empty database; nothing to open
	}
	db, err := reg.OpenStore(ctx, t)
	if err != nil {
		return res, err
	}
	defer db.Close()
	if res.SyntheticResult, err = demo.LoadSynthetic(ctx, db, demo.Synthetic{Cars: o.cars, Leads: o.leads, Seed: seed}); err != nil {
		return res, err
	}
	if !o.owner {
		return res, nil
	}
	owner := &store.User{Name: "Owner " + t.Name, Email: "owner@" + t.Slug + ".test", Role: store.RoleOwner}
	switch err := db.CreateUser(ctx, owner, password); store.ErrorCode(err) {
	case "":
		res.Owner = owner.Email
	case store.ECONFLICT: // kept as it is
	default:
		return res, err
	}
	return res, nil
}

// generatedPassword is the generated owners' password: env
// AUTOLEADS_PASSWORD when set, else the demo's password123.
func generatedPassword(g *globals) (string, error) {
	pw := g.getenv("AUTOLEADS_PASSWORD")
	if pw == "" {
		return "password123", nil
	}
	if msg := store.ValidatePassword(pw); msg != "" {
		return "", fmt.Errorf("AUTOLEADS_PASSWORD refused: %s", msg)
	}
	return pw, nil
}

func hostNote(host string) string {
	if host == "" {
		return ""
	}
	return " (" + host + ")"
}

func ownerNote(email string) string {
	if email == "" {
		return ""
	}
	return "; owner " + email
}
