package cmd

import (
	"context"
	"errors"

	"github.com/autoleads/autoleads/tenants"
)

// ensureDemo creates the demo showroom when it is missing.
func ensureDemo(ctx context.Context, g *globals, reg *tenants.Registry, addr string) error {
	return errors.New("the demo showroom is not available in this build")
}
