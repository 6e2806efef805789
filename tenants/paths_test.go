package tenants_test

import (
	"path/filepath"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

// A restore's scratch and set-aside directories sit in the data directory
// under names no showroom can have, and a bad slug names none.
func TestLayoutRestoreDirs(t *testing.T) {
	l := tenants.Layout{Root: "/data"}
	stamp := "20250102T030405Z"
	if got, want := l.RestoreDir(stamp), filepath.Join("/data", ".restore-"+stamp); got != want {
		t.Errorf("RestoreDir = %q, want %q", got, want)
	}
	if got, want := l.ReplacedDir(stamp), filepath.Join("/data", ".old-"+stamp); got != want {
		t.Errorf("ReplacedDir = %q, want %q", got, want)
	}
	dirs := []struct {
		name string
		path func(slug string) (string, error)
		want string
	}{
		{"TenantRestoreDir", l.TenantRestoreDir, ".restore-alpha"},
		{"TenantReplacedDir", func(slug string) (string, error) { return l.TenantReplacedDir(slug, stamp) }, ".old-alpha-" + stamp},
	}
	for _, d := range dirs {
		got, err := d.path("alpha")
		if want := filepath.Join(l.TenantsDir(), d.want); err != nil || got != want {
			t.Errorf("%s(alpha) = %q, %v; want %q", d.name, got, err, want)
		}
		if tenants.ValidSlug(filepath.Base(got)) {
			t.Errorf("%s(alpha) = %q could be a showroom's directory", d.name, got)
		}
		for _, bad := range []string{"", "..", "../x", "a/b", "-a"} {
			if got, err := d.path(bad); err == nil {
				t.Errorf("%s(%q) = %q, want an error", d.name, bad, got)
			}
		}
	}
}
