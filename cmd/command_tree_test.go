package cmd_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/cmd"
)

// A mistyped command fails at every level of the tree, so that a script
// with a typo does not report success while nothing happened.
func TestUnknownCommandFails(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serv"}, `unknown command "serv" for "autoleads". Did you mean seed, serve or user?`},
		{[]string{"tenant", "suspnd", "beta"}, `unknown command "suspnd" for "autoleads tenant". Did you mean suspend?`},
		{[]string{"showroom", "actvate", "beta"}, `unknown command "actvate" for "autoleads tenant". Did you mean activate?`},
		{[]string{"tenant", "rotate-webhok-token", "beta"}, `Did you mean rotate-webhook-token?`},
		{[]string{"user", "lst"}, `unknown command "lst" for "autoleads user". Did you mean list?`},
		{[]string{"user", "deactvate"}, `Did you mean deactivate?`},
		{[]string{"help", "tenant", "suspnd"}, `unknown command "suspnd" for "autoleads tenant". Did you mean suspend?`},
		{[]string{"completion", "bsh"}, `unknown command "bsh" for "autoleads completion". Did you mean bash, fish or zsh?`},
		{[]string{"tenant", "frobnicate"}, `unknown command "frobnicate" for "autoleads tenant"`},
		{[]string{"backup", "extra"}, `unknown command "extra" for "autoleads backup"`},
		{[]string{"version", "extra"}, `unknown command "extra" for "autoleads version"`},
		{[]string{"tenant", "list", "extra"}, `unknown command "extra" for "autoleads tenant list"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			c.with(t).fail("", tt.want, tt.args...)
		})
	}
}

// A command that only groups others, run without one of them, did nothing:
// it shows its usage on stderr and fails.
func TestGroupWithoutCommandFails(t *testing.T) {
	for _, args := range [][]string{{}, {"tenant"}, {"user"}} {
		t.Run("autoleads "+strings.Join(args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := cmd.Main(args, strings.NewReader(""), &out, &errb)
			if code == 0 || out.Len() != 0 {
				t.Fatalf("exit %d, stdout %q; want failure and nothing on stdout", code, out.String())
			}
			path := strings.TrimSpace("autoleads " + strings.Join(args, " "))
			wantContains(t, errb.String(), "Usage:", "autoleads: missing command for \""+path+"\"\n")
		})
	}
}

// Asking for help is not an error.
func TestHelpSucceeds(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"tenant", "--help"}, {"help", "tenant"}, {"tenant", "suspend", "-h"}, {"help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := cmd.Main(args, strings.NewReader(""), &out, &errb); code != 0 || errb.Len() != 0 {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing on stderr", code, errb.String())
			}
			wantContains(t, out.String(), "Usage:")
		})
	}
}
