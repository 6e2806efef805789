package http_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/autoleads/autoleads/store"
)

// What customers write reaches the lead page and the board only as text:
// hostile names and messages posted through the real webhook render inert.
func TestDeskLeadHostileCustomer(t *testing.T) {
	e := newDeskLeadEnv(t)
	hostile := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `javascript:alert(1)`}
	var ids []int64
	for i, h := range hostile {
		id := e.inbound(fmt.Sprintf("6281234567%03d", i), h, h)
		e.inbound(fmt.Sprintf("6281234567%03d", i), h, "Lihat "+h+" ya")
		e.assign(id, e.sales)
		ids = append(ids, id)
	}
	// A quick reply carries the name into an attribute, notes and tags
	// into fields.
	if err := e.db("alpha").CreateQuickReply(context.Background(), &store.QuickReply{Title: "Sapa", Body: "Halo {nama}"}); err != nil {
		t.Fatal(err)
	}
	notes, tags := hostile[1], []string{hostile[0]}
	if _, err := e.db("alpha").UpdateLead(context.Background(), ids[0], store.LeadUpdate{Notes: &notes, Tags: &tags}); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{"board": e.deskGet("/admin/board", "alpha.test", e.salesS).Body}
	for _, id := range ids {
		pages[fmt.Sprint("lead ", id)] = e.deskGet(fmt.Sprintf("/admin/leads/%d", id), "alpha.test", e.salesS).Body
	}
	for name, body := range pages {
		for _, bad := range []string{"<script>alert", "<img src=x", `"><img`, `href="javascript:`, "onerror=alert(1)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s holds %q unescaped", name, bad)
			}
		}
	}
	wantFragments(t, "board", pages["board"], "&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;")
	wantFragments(t, "lead", pages[fmt.Sprint("lead ", ids[0])], "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
		`data-fill="Halo &lt;script&gt;alert(1)&lt;/script&gt;"`, "Lihat &lt;script&gt;alert(1)&lt;/script&gt; ya")
	wantFragments(t, "lead", pages[fmt.Sprint("lead ", ids[2])], "<h1>javascript:alert(1)</h1>")
}
