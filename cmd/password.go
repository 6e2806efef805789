package cmd

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/autoleads/autoleads/store"
)

// passwordSource is where a command's password came from.
type passwordSource int

const (
	passwordFromStdin passwordSource = iota
	passwordFromEnv
	passwordGenerated
)

// choosePassword picks a user's password without it ever being a flag value
// (visible in the process list and shell history): the first line of stdin
// with --password-stdin, else env AUTOLEADS_PASSWORD, else a generated one
// (26 characters, 130 bits from crypto/rand) that the caller prints once.
// The password is checked against the rules before anything is written.
func (g *globals) choosePassword(fromStdin bool) (string, passwordSource, error) {
	var pw string
	var src passwordSource
	switch {
	case fromStdin:
		line, err := readSecretLine(g.stdin, "password")
		if err != nil {
			return "", 0, err
		}
		if line == "" {
			return "", 0, errors.New("--password-stdin: no password on the first line of stdin")
		}
		pw, src = line, passwordFromStdin
	case g.getenv("AUTOLEADS_PASSWORD") != "":
		pw, src = g.getenv("AUTOLEADS_PASSWORD"), passwordFromEnv
	default:
		return rand.Text(), passwordGenerated, nil
	}
	if msg := store.ValidatePassword(pw); msg != "" {
		return "", 0, fmt.Errorf("password refused: %s", msg)
	}
	return pw, src, nil
}

// printGeneratedPassword shows a generated password, the only time it is
// ever shown.
func (g *globals) printGeneratedPassword(email, pw string) {
	printf(g.stdout, "Password for %s: %s\n", email, pw)
	fmt.Fprintln(g.stdout, "It is shown only this once: keep it safe, sign in and change it.")
}

// readSecretLine reads the first line of r without its line ending: how a
// secret arrives on stdin, so it never shows in the process list or history.
func readSecretLine(r io.Reader, what string) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read %s from stdin: %w", what, err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
