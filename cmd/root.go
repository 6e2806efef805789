// Package cmd is the autoleads command line: one cobra command per file.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// Version is the build's version, set with -ldflags "-X …/cmd.Version=…".
var Version = "dev"

// globals are the flags and streams every command shares.
type globals struct {
	dataDir string
	json    bool
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	getenv  func(string) string
}

// Main runs the command line with args and returns the exit code. Errors are
// one line on stderr.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := NewRootCommand(stdin, stdout, stderr, os.Getenv)
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stderr, "autoleads: "+describe(err))
		return 1
	}
	return 0
}

// NewRootCommand builds the command tree. getenv supplies the environment
// (tests pass their own).
func NewRootCommand(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := &cobra.Command{
		Use:           "autoleads",
		Short:         "The back office of used-car showrooms: catalogue, leads and WhatsApp",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	defaultDir := getenv("AUTOLEADS_DATA_DIR")
	if defaultDir == "" {
		defaultDir = "./data"
	}
	root.PersistentFlags().StringVar(&g.dataDir, "data-dir", defaultDir, "data directory (env AUTOLEADS_DATA_DIR)")
	root.PersistentFlags().BoolVar(&g.json, "json", false, "print JSON instead of text")
	root.AddCommand(
		newServeCommand(g),
		newMigrateCommand(g),
		newTenantCommand(g),
		newUserCommand(g),
		newSeedCommand(g),
		newVersionCommand(g),
		newBackupCommand(g),
		newRestoreCommand(g),
		newGenerateCommand(g),
		newPhotosCommand(g),
		newCaddyCommand(g),
	)
	// Cobra adds these when it runs; added now, they follow the rule below.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	rejectUnknownCommands(root)
	return root
}

// openRegistry opens the data directory's registry.
func (g *globals) openRegistry(ctx context.Context, opts tenants.Options) (*tenants.Registry, error) {
	return tenants.Open(ctx, g.dataDir, opts)
}

// describe renders an error as one line: the message and, for validation
// errors, each broken rule.
func describe(err error) string {
	var e *store.Error
	if !errors.As(err, &e) {
		return strings.ReplaceAll(err.Error(), "\n", " ")
	}
	if len(e.Details) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Details))
	for k := range e.Details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %v", k, e.Details[k]))
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}
