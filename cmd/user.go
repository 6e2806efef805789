package cmd

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// userFlags are the flags the user subcommands share.
type userFlags struct {
	tenant string
	email  string
}

func newUserCommand(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:     "user",
		Aliases: []string{"users"},
		Short:   "Manage the people who sign in to a showroom's back office",
		Example: `  autoleads user create --tenant showroom-malang --email owner@mobilmalang.co.id --name "Pak Hadi" --role owner
  autoleads user list --tenant showroom-malang`,
	}
	c.AddCommand(
		newUserCreateCommand(g),
		newUserListCommand(g),
		newUserPasswdCommand(g),
		newUserStatusCommand(g, "deactivate", store.UserInactive),
		newUserStatusCommand(g, "activate", store.UserActive),
	)
	return c
}

// addTenantFlag adds the required --tenant flag.
func (uf *userFlags) addTenantFlag(c *cobra.Command) {
	c.Flags().StringVar(&uf.tenant, "tenant", "", "showroom slug (required)")
	c.MarkFlagRequired("tenant")
}

// addEmailFlag adds the required --email flag.
func (uf *userFlags) addEmailFlag(c *cobra.Command) {
	c.Flags().StringVar(&uf.email, "email", "", "the user's email address (required)")
	c.MarkFlagRequired("email")
}

// withTenantDB opens one showroom's database for the length of a command.
// Errors: ENOTFOUND "Showroom not found", EINVALID for a malformed slug.
func (g *globals) withTenantDB(ctx context.Context, slug string, fn func(reg *tenants.Registry, t *tenants.Tenant, db *store.DB) error) error {
	return g.withTenant(ctx, slug, func(reg *tenants.Registry, t *tenants.Tenant) error {
		db, err := reg.OpenStore(ctx, t)
		if err != nil {
			return err
		}
		defer db.Close()
		return fn(reg, t, db)
	})
}

func newUserCreateCommand(g *globals) *cobra.Command {
	uf := &userFlags{}
	var name, role, phone string
	var fromStdin bool
	c := &cobra.Command{
		Use:   "create",
		Short: "Add a user to a showroom",
		Long: `Create adds a user. The password is never a flag: it is the first line of
stdin with --password-stdin, else env AUTOLEADS_PASSWORD, else a strong one is
generated and printed once.`,
		Example: `  autoleads user create --tenant showroom-malang --email owner@mobilmalang.co.id --name "Pak Hadi" --role owner
  printf '%s\n' "$PASSWORD" | autoleads user create --tenant showroom-malang --email sari@mobilmalang.co.id --name Sari --role sales --password-stdin`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if !store.ValidRole(role) {
				return fmt.Errorf("--role must be owner, admin or sales, not %q", role)
			}
			pw, src, err := g.choosePassword(fromStdin)
			if err != nil {
				return err
			}
			return g.withTenantDB(c.Context(), uf.tenant, func(_ *tenants.Registry, t *tenants.Tenant, db *store.DB) error {
				u := &store.User{Name: name, Email: uf.email, Role: role, Phone: phone}
				if err := db.CreateUser(c.Context(), u, pw); err != nil {
					return err
				}
				if g.json {
					v := userCreated{UserView: apphttp.NewUserView(u)}
					if src == passwordGenerated {
						v.GeneratedPassword = &pw
					}
					return printJSON(g.stdout, v)
				}
				printf(g.stdout, "Created %s %s (%s) in showroom %s.\n", u.Role, u.Email, u.Name, t.Slug)
				if src == passwordGenerated {
					g.printGeneratedPassword(u.Email, pw)
				}
				return nil
			})
		},
	}
	uf.addTenantFlag(c)
	uf.addEmailFlag(c)
	f := c.Flags()
	f.StringVar(&name, "name", "", "full name (required)")
	f.StringVar(&role, "role", "", "owner, admin or sales (required)")
	f.StringVar(&phone, "phone", "", "phone number")
	f.BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of stdin")
	c.MarkFlagRequired("name")
	c.MarkFlagRequired("role")
	return c
}

func newUserListCommand(g *globals) *cobra.Command {
	uf := &userFlags{}
	c := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List a showroom's users",
		Example: `  autoleads user list --tenant showroom-malang
  autoleads user list --tenant showroom-malang --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return g.withTenantDB(c.Context(), uf.tenant, func(_ *tenants.Registry, t *tenants.Tenant, db *store.DB) error {
				users, err := db.FindUsers(c.Context())
				if err != nil {
					return err
				}
				if g.json {
					return printJSON(g.stdout, apphttp.NewUserViews(users))
				}
				if len(users) == 0 {
					printf(g.stdout, "Showroom %s has no users yet. Add its owner with: autoleads user create --tenant %s --email EMAIL --name NAME --role owner\n", t.Slug, t.Slug)
					return nil
				}
				tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tSTATUS\tLAST LOGIN")
				for _, u := range users {
					printf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, u.Status, timeText(u.LastLoginAt))
				}
				return tw.Flush()
			})
		},
	}
	uf.addTenantFlag(c)
	return c
}

func newUserPasswdCommand(g *globals) *cobra.Command {
	uf := &userFlags{}
	var fromStdin bool
	c := &cobra.Command{
		Use:   "passwd",
		Short: "Set a user's password and sign them out everywhere",
		Long: `Passwd sets a new password (stdin with --password-stdin, else env
AUTOLEADS_PASSWORD, else generated and printed once) and revokes every token
the user holds.`,
		Example: `  autoleads user passwd --tenant showroom-malang --email sari@mobilmalang.co.id
  printf '%s\n' "$PASSWORD" | autoleads user passwd --tenant showroom-malang --email sari@mobilmalang.co.id --password-stdin`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			pw, src, err := g.choosePassword(fromStdin)
			if err != nil {
				return err
			}
			return g.withTenantDB(c.Context(), uf.tenant, func(_ *tenants.Registry, t *tenants.Tenant, db *store.DB) error {
				u, err := findUserByEmail(c.Context(), db, t, uf.email)
				if err != nil {
					return err
				}
				if _, err := db.UpdateUser(c.Context(), u.ID, store.UserUpdate{Password: &pw}); err != nil {
					return err
				}
				printf(g.stdout, "Password of %s in showroom %s changed; their sessions are signed out.\n", u.Email, t.Slug)
				if src == passwordGenerated {
					g.printGeneratedPassword(u.Email, pw)
				}
				return nil
			})
		},
	}
	uf.addTenantFlag(c)
	uf.addEmailFlag(c)
	c.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of stdin")
	return c
}

func newUserStatusCommand(g *globals, verb, status string) *cobra.Command {
	uf := &userFlags{}
	short := map[string]string{
		store.UserInactive: "Stop a user from signing in and revoke their sessions",
		store.UserActive:   "Let a deactivated user sign in again",
	}[status]
	c := &cobra.Command{
		Use:     verb,
		Short:   short,
		Example: "  autoleads user " + verb + " --tenant showroom-malang --email sari@mobilmalang.co.id",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return g.withTenantDB(c.Context(), uf.tenant, func(_ *tenants.Registry, t *tenants.Tenant, db *store.DB) error {
				u, err := findUserByEmail(c.Context(), db, t, uf.email)
				if err != nil {
					return err
				}
				if u, err = db.UpdateUser(c.Context(), u.ID, store.UserUpdate{Status: &status}); err != nil {
					return err
				}
				printf(g.stdout, "User %s of showroom %s is now %s.\n", u.Email, t.Slug, u.Status)
				return nil
			})
		},
	}
	uf.addTenantFlag(c)
	uf.addEmailFlag(c)
	return c
}

// findUserByEmail finds a user, naming the email and showroom when absent.
func findUserByEmail(ctx context.Context, db *store.DB, t *tenants.Tenant, email string) (*store.User, error) {
	u, err := db.FindUserByEmail(ctx, email)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return nil, store.Errorf(store.ENOTFOUND, "No user %s in showroom %s", store.NormalizeEmail(email), t.Slug)
	}
	return u, err
}

// userCreated is `user create --json`: the user, and the password when it
// was generated (the only time it is ever shown).
type userCreated struct {
	apphttp.UserView
	GeneratedPassword *string `json:"generatedPassword,omitempty"`
}
