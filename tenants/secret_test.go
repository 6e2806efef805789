package tenants_test

import (
	"context"
	"testing"

	"github.com/autoleads/autoleads/tenants"
)

func TestRegistry_Secret(t *testing.T) {
	ctx := context.Background()
	dataDir := t.TempDir()

	reg, err := tenants.Open(ctx, dataDir, tenants.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, err := reg.Secret(ctx, "jwt", 32)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 32 || string(first) == string(make([]byte, 32)) {
		t.Fatalf("secret = %x", first)
	}
	again, _ := reg.Secret(ctx, "jwt", 32)
	other, _ := reg.Secret(ctx, "other", 32)
	reg.Close()
	if string(again) != string(first) || string(other) == string(first) {
		t.Fatal("secrets are not stable per name and distinct between names")
	}
	reopened := openRegistry(t, dataDir, tenants.Options{})
	if got, _ := reopened.Secret(ctx, "jwt", 32); string(got) != string(first) {
		t.Fatal("secret changed across reopen")
	}

	// Two processes starting at once agree on one value.
	a := openRegistry(t, dataDir, tenants.Options{})
	b := openRegistry(t, dataDir, tenants.Options{})
	const n = 8
	results := make(chan []byte, 2*n)
	errs := make(chan error, 2*n)
	for i := range 2 * n {
		reg := a
		if i%2 == 1 {
			reg = b
		}
		go func() {
			v, err := reg.Secret(ctx, "race", 32)
			errs <- err
			results <- v
		}()
	}
	var want []byte
	for range 2 * n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		v := <-results
		if want == nil {
			want = v
		}
		if string(v) != string(want) {
			t.Fatal("two registries returned different secrets")
		}
	}
}
