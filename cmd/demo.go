package cmd

import (
	"context"
	"fmt"
	"net"
	"slices"
	"text/tabwriter"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/store/demo"
	"github.com/autoleads/autoleads/tenants"
)

// ensureDemo creates the demo showroom (docs/rules.md) with its data when it is
// missing, and prints where to reach it and how to sign in. An existing demo
// showroom is left exactly as it is. addr is the address the server listens
// on.
func ensureDemo(ctx context.Context, g *globals, reg *tenants.Registry, addr string) error {
	p := demo.Showroom()
	_, err := reg.FindTenant(ctx, p.Slug)
	var res *demo.Result
	switch {
	case err == nil:
	case store.ErrorCode(err) == store.ENOTFOUND:
		if res, err = createDemo(ctx, g, reg, p); err != nil {
			return fmt.Errorf("create the demo showroom: %s", describe(err))
		}
	default:
		return err
	}
	printDemo(g, p, res, addr)
	return nil
}

// createDemo registers the demo showroom and loads its data. If loading
// fails the showroom is removed again, so the next start tries afresh.
func createDemo(ctx context.Context, g *globals, reg *tenants.Registry, p demo.Profile) (*demo.Result, error) {
	pw, err := g.demoPassword()
	if err != nil {
		return nil, err
	}
	t := &tenants.Tenant{
		Slug: p.Slug, Name: p.Name, Status: tenants.StatusActive, Plan: "pro",
		WhatsAppNumber: p.WhatsAppNumber, Phone: p.Phone, Email: p.Email, Address: p.Address,
		City: p.City, BusinessHours: p.BusinessHours,
	}
	if err := reg.CreateTenant(ctx, t, p.Hosts); err != nil {
		return nil, err
	}
	res, err := loadDemo(ctx, reg, t, pw)
	if err != nil {
		reg.DeleteTenant(context.WithoutCancel(ctx), t.Slug)
		return nil, err
	}
	return res, nil
}

func loadDemo(ctx context.Context, reg *tenants.Registry, t *tenants.Tenant, pw string) (*demo.Result, error) {
	db, err := reg.OpenStore(ctx, t)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return demo.Load(ctx, db, demo.Options{Password: pw})
}

// demoURLs are the base URLs of the demo showroom on the listening address:
// the address itself when its host reaches the demo (127.0.0.1), else
// localhost on the same port (a server listening on every interface, or on
// another IP); and the same port on the showroom's own .localhost name.
func demoURLs(addr string, p demo.Profile) (base, named string) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr, ""
	}
	if !slices.Contains(p.Hosts, host) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port), "http://" + net.JoinHostPort(p.Slug+".localhost", port)
}

// printDemo tells the operator where the demo is and how to sign in.
func printDemo(g *globals, p demo.Profile, res *demo.Result, addr string) {
	w := g.stdout
	url, named := demoURLs(addr, p)
	if res != nil {
		printf(w, "Created the demo showroom %s (%s): %d cars, %d users, %d leads, %d messages.\n",
			p.Slug, p.Name, res.Cars, len(res.Users), res.Leads, res.Messages)
	} else {
		printf(w, "The demo showroom %s (%s) already exists; nothing was changed.\n", p.Slug, p.Name)
	}
	printf(w, "\nDemo showroom: %s  (also %s)\n", url, named)
	printf(w, "Staff dashboard: %s/admin\n", url)
	printf(w, "Sign in with %s:\n", g.demoPasswordNote())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, u := range demo.Demo().Users {
		printf(tw, "  %s\t%s\t%s\n", u.Role, u.Email, u.Name)
	}
	tw.Flush()
	owner := demo.Demo().Users[0].Email
	printf(w, `
Try:
  curl %[1]s/api/tenant
  curl '%[1]s/api/cars?brand=toyota&sortBy=price_asc'
  TOKEN=$(curl -s -X POST %[1]s/api/admin/auth/login -H 'Content-Type: application/json' \
    -d '{"email":"%[2]s","password":"%[3]s"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
  curl %[1]s/api/admin/leads -H "Authorization: Bearer $TOKEN"

`, url, owner, demoPasswordShown(g))
}

// demoPasswordShown is the password to put in the example login: the demo
// one, or a placeholder when the operator chose their own.
func demoPasswordShown(g *globals) string {
	if g.getenv("AUTOLEADS_PASSWORD") != "" {
		return "$AUTOLEADS_PASSWORD"
	}
	return demo.Password
}
