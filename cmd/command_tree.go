package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// rejectUnknownCommands makes every level of root's tree fail on a word it
// does not know, so that a script with a typo (autoleads tenant suspnd
// beta) fails instead of printing help and exiting 0 while nothing
// happened: cobra checks only the root's words, and a command that groups
// others just prints its help. root must already hold cobra's help and
// completion commands, so that they follow the rule too.
func rejectUnknownCommands(root *cobra.Command) {
	help, _, _ := root.Find([]string{"help"})
	rejectUnknownTopics(help)
	requireKnownWords(root)
}

// rejectUnknownTopics makes cobra's help command fail on a path that names
// no command (autoleads help tenant suspnd), where cobra prints "Unknown
// help topic" and succeeds.
func rejectUnknownTopics(help *cobra.Command) {
	run := help.Run
	help.Run = nil
	help.Args = cobra.ArbitraryArgs
	help.RunE = func(help *cobra.Command, args []string) error {
		target, rest, err := help.Root().Find(args)
		if err != nil {
			return err
		}
		if len(rest) > 0 {
			return unknownCommand(target, rest[0])
		}
		run(help, args)
		return nil
	}
}

// requireKnownWords gives every command under c that groups others one
// that fails on an unknown word, and every other command without a rule
// for its arguments the rule that it takes none.
func requireKnownWords(c *cobra.Command) {
	for _, sub := range c.Commands() {
		requireKnownWords(sub)
	}
	switch {
	case c.HasSubCommands() && !c.Runnable():
		c.Args = func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			return nil
		}
		// Run alone, a group does nothing: a script that left out the
		// command (autoleads tenant $VERB, VERB empty) must not succeed.
		c.RunE = func(c *cobra.Command, _ []string) error {
			fmt.Fprint(c.ErrOrStderr(), c.UsageString())
			return fmt.Errorf("missing command for %q", c.CommandPath())
		}
	case c.Args == nil:
		c.Args = cobra.NoArgs
	}
}

// unknownCommand is the error for a word that names none of c's commands,
// with the names it may be a typo of.
func unknownCommand(c *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, c.CommandPath())
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2 // cobra's default, which it sets only for the root's check
	}
	if names := c.SuggestionsFor(word); len(names) > 0 {
		msg += ". Did you mean " + orList(names) + "?"
	}
	return errors.New(msg)
}

// orList joins names as "a", "a or b", "a, b or c".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
