// Command autoleads runs the back office of used-car showrooms: one binary,
// one SQLite file per showroom.
package main

import (
	"os"

	"github.com/autoleads/autoleads/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
