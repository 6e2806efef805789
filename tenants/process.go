package tenants

import (
	"errors"
	"os"
	"strconv"
	"syscall"
)

// ProcessAlive reports whether the process pid (decimal) runs; an id that
// cannot be read names none. Work directories carry the id of the process
// that writes them, so a later one can tell a dead process's leftovers
// from another's work in progress.
func ProcessAlive(pid string) bool {
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return false
	}
	if n == os.Getpid() {
		return true
	}
	err = syscall.Kill(n, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
