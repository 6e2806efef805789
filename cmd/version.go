package cmd

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

func newVersionCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if g.json {
				return printJSON(g.stdout, map[string]string{"version": Version, "go": runtime.Version()})
			}
			fmt.Fprintf(g.stdout, "autoleads %s (%s)\n", Version, runtime.Version())
			return nil
		},
	}
}
