package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
)

// While a showroom moves to another node (tenants/moving.go) it is served
// read-only: every GET and HEAD as usual, every other request refused with
// 503 and Retry-After, before its body is read or its database touched.
// That covers the API's writes, the website's inquiry form, the dashboard's
// forms, signing in (it writes a session, which the copy on the new node
// would not have) and the Fonnte webhook, which Fonnte delivers again
// later, to the new node, since it retries whatever did not get 200.

// movingRetryAfter is what a refused client is told to wait: a move takes
// a minute or two.
const movingRetryAfter = 60 * time.Second

// showroomMoving is the refusal of a write to a moving showroom. The API
// answers it as the error it wraps; a page as "being moved".
type showroomMoving struct{ error }

func (e showroomMoving) Unwrap() error { return e.error }

// refuseWhileMoving answers a write to a moving showroom and reports
// whether it did.
func refuseWhileMoving(t *tenants.Tenant, w http.ResponseWriter, r *http.Request) bool {
	if !t.Moving() || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(movingRetryAfter/time.Second)))
	Error(w, r, showroomMoving{store.Errorf(store.EUNAVAILABLE,
		"Showroom is being moved to another server: changes are not accepted for a few minutes; try again later")})
	return true
}
