package cmd_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	out := mustRunBackupCLI(t, dir, "--json", "generate", "--showrooms", "3", "--prefix", "gen", "--cars", "40", "--leads", "100", "--seed", "7")
	var res []struct {
		Tenant, Host, WebhookToken, Owner    string
		Cars, AvailableCars, Leads, Messages int
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(res) != 3 || res[2].Tenant != "gen-3" || res[2].Host != "gen-3.localhost" || res[2].WebhookToken == "" ||
		res[0].Cars != 40 || res[0].Leads != 100 || res[0].Owner != "owner@gen-1.test" {
		t.Fatalf("result %+v", res)
	}
	db := openBackupStore(t, dir, "gen-2")
	defer db.Close()
	if _, n, err := db.FindCars(context.Background(), store.CarFilter{}); err != nil || n != 40 {
		t.Fatalf("gen-2 cars = %d, %v", n, err)
	}
	if u, err := db.FindUserByEmail(context.Background(), "owner@gen-2.test"); err != nil || !store.CheckPassword(u, "password123") {
		t.Fatalf("owner: %v", err)
	}

	// An existing showroom gets more; generated data is never doubled.
	mustRunBackupCLI(t, dir, "generate", "--tenant", "gen-1", "--leads", "0", "--cars", "0")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--tenant", "gen-1", "--cars", "5"}, "already holds generated cars"},
		{[]string{"generate", "--showrooms", "1", "--prefix", "gen"}, "already exists"},
		{[]string{"generate"}, "either --tenant or --showrooms"},
		{[]string{"generate", "--tenant", "nope", "--cars", "1"}, "Showroom not found"},
	} {
		if _, err := runBackupCLI(t, dir, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args, err, tc.want)
		}
	}
}
