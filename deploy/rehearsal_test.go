package deploy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The two-node rehearsal of deploy/rehearsal.sh passes, run as an operator
// runs it: Caddy and two nodes on loopback, malang moved from A to B under
// writes with node A killed during the export and node B during the
// import, every check of its report ok. deploy/rehearsal's own tests show
// each check failing on the faults it looks for.
func TestTwoNodeRehearsal(t *testing.T) {
	caddyBinary(t)
	litestreamBinary(t)
	if testing.Short() {
		t.Skip("the rehearsal takes about a minute")
	}
	work := filepath.Join(t.TempDir(), "rehearsal")
	c := exec.Command("./rehearsal.sh")
	c.Env = append(os.Environ(), "REHEARSAL_DIR="+work)
	out, err := c.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		for _, log := range []string{"a-serve.log", "b-serve.log", "caddy.log"} {
			data, _ := os.ReadFile(filepath.Join(work, "logs", log))
			t.Logf("%s:\n%s", log, data)
		}
		t.Fatalf("deploy/rehearsal.sh: %v", err)
	}
	report := string(out)
	if n := strings.Count(report, "\n  ok    "); n != 7 || strings.Contains(report, "FAIL") || !strings.Contains(report, "\nPASS in ") {
		t.Errorf("the report has %d checks ok of 7, or a failure", n)
	}
	for _, step := range []string{"node A killed during the export", "node B killed during the import",
		"attempt 3: imported on node B", "attempt 3: malang deleted on node A"} {
		if !strings.Contains(report, step) {
			t.Errorf("the report does not say %q", step)
		}
	}
}
