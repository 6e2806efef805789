package tenants_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

// BenchmarkResolve measures host resolution, done on every tenant request:
// a raw Host header (with a port, upper case) to the tenant, among 200
// showrooms.
func BenchmarkResolve(b *testing.B) {
	ctx := context.Background()
	reg, err := tenants.Open(ctx, b.TempDir(), tenants.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer reg.Close()
	const n = 200
	ts := make([]*tenants.Tenant, n)
	hosts := make([][]string, n)
	for i := range ts {
		slug := fmt.Sprintf("showroom-%d", i)
		ts[i] = &tenants.Tenant{Slug: slug, Name: slug, Status: tenants.StatusActive}
		hosts[i] = []string{slug + ".autoleads.id"}
	}
	if err := reg.CreateTenants(ctx, ts, hosts); err != nil {
		b.Fatal(err)
	}
	headers := make([]string, n)
	for i := range headers {
		headers[i] = fmt.Sprintf("Showroom-%d.AutoLeads.id:443", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := reg.Resolve(headers[i%n]); err != nil {
			b.Fatal(err)
		}
	}
}
