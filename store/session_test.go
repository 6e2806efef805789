package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// A session ends after a week without use and a month after it began; a
// request moves its last use, but at most once a minute.
func TestDB_FindSession_Expiry(t *testing.T) {
	start := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	type visit struct {
		after time.Duration // since the session began
		want  string
	}
	day := 24 * time.Hour
	for _, tc := range []struct {
		name   string
		visits []visit
	}{
		{"fresh", []visit{{0, ""}}},
		{"six days idle", []visit{{6 * day, ""}}},
		{"seven days idle", []visit{{7 * day, store.EUNAUTHORIZED}}},
		{"eight days idle", []visit{{8 * day, store.EUNAUTHORIZED}}},
		{"used weekly", []visit{{6 * day, ""}, {12 * day, ""}, {18 * day, ""}}},
		{"refused once, gone", []visit{{8 * day, store.EUNAUTHORIZED}, {8*day + time.Second, store.ENOTFOUND}}},
		{"used weekly until the month is over", []visit{{6 * day, ""}, {12 * day, ""}, {18 * day, ""},
			{24 * day, ""}, {29 * day, ""}, {30 * day, store.EUNAUTHORIZED}}},
		// Seen 30 s after it began, which does not move last use: idle
		// is counted from the start.
		{"moved at most once a minute", []visit{{30 * time.Second, ""}, {7*day + 10*time.Second, store.EUNAUTHORIZED}}},
		{"moved after a minute", []visit{{time.Minute, ""}, {7*day + 10*time.Second, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t)
			u := mustCreateUser(t, db, "sales@example.com", store.RoleSales)
			now := start
			db.Now = func() time.Time { return now }
			raw, err := db.CreateSession(context.Background(), u.ID, "Mozilla/5.0")
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range tc.visits {
				now = start.Add(v.after)
				got, err := db.FindSession(context.Background(), raw)
				if code := store.ErrorCode(err); code != v.want || err != nil && v.want == "" {
					t.Fatalf("after %v: error %v, want code %q", v.after, err, v.want)
				}
				if err == nil && got.ID != u.ID {
					t.Fatalf("after %v: user %d, want %d", v.after, got.ID, u.ID)
				}
			}
		})
	}
}

// A session ends when its user is deactivated, changes password, signs out
// everywhere, is deleted, or signs out of it; another user's session lives on.
func TestDB_FindSession_Refusals(t *testing.T) {
	ctx := context.Background()
	inactive, password := store.UserInactive, "another-password1"
	for _, tc := range []struct {
		name string
		end  func(db *store.DB, u *store.User, raw string) error
		want string
	}{
		{"deactivated", func(db *store.DB, u *store.User, _ string) error {
			_, err := db.UpdateUser(ctx, u.ID, store.UserUpdate{Status: &inactive})
			return err
		}, store.EUNAUTHORIZED},
		{"password changed", func(db *store.DB, u *store.User, _ string) error {
			_, err := db.UpdateUser(ctx, u.ID, store.UserUpdate{Password: &password})
			return err
		}, store.EUNAUTHORIZED},
		{"signed out everywhere", func(db *store.DB, u *store.User, _ string) error {
			_, err := db.UpdateUser(ctx, u.ID, store.UserUpdate{RevokeTokens: true})
			return err
		}, store.EUNAUTHORIZED},
		{"deleted", func(db *store.DB, u *store.User, _ string) error {
			return db.DeleteUser(ctx, u.ID, nil)
		}, store.ENOTFOUND},
		{"signed out", func(db *store.DB, _ *store.User, raw string) error {
			return db.DeleteSession(ctx, raw)
		}, store.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t)
			mustCreateUser(t, db, "owner@example.com", store.RoleOwner)
			u := mustCreateUser(t, db, "sales@example.com", store.RoleSales)
			other := mustCreateUser(t, db, "other@example.com", store.RoleSales)
			raw, err := db.CreateSession(ctx, u.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			otherRaw, err := db.CreateSession(ctx, other.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.end(db, u, raw); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindSession(ctx, raw); store.ErrorCode(err) != tc.want {
				t.Fatalf("FindSession: %v, want %s", err, tc.want)
			}
			if got, err := db.FindSession(ctx, otherRaw); err != nil || got.ID != other.ID {
				t.Fatalf("other user's session: %v %v", got, err)
			}
		})
	}
}

// The table holds a hash of the token, never the token; unknown and
// forged tokens find nothing; a user agent is kept trimmed.
func TestDB_CreateSession_StoresHash(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "sales@example.com", store.RoleSales)
	raw, err := db.CreateSession(ctx, u.ID, "  Mozilla\n/5.0 "+string(make([]byte, 300)))
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) < 43 {
		t.Fatalf("token %q is shorter than 32 bytes", raw)
	}
	var id []byte
	var ua string
	if err := db.Handles().Read.QueryRow(`SELECT id_hash, user_agent FROM sessions`).Scan(&id, &ua); err != nil {
		t.Fatal(err)
	}
	if want := sha256.Sum256([]byte(raw)); !bytes.Equal(id, want[:]) {
		t.Fatalf("stored id %x is not the token's SHA-256", id)
	}
	if ua != "Mozilla/5.0" {
		t.Fatalf("user agent %q", ua)
	}
	for _, bad := range []string{"", "x", raw[:len(raw)-1]} {
		if _, err := db.FindSession(ctx, bad); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("FindSession(%q): %v", bad, err)
		}
	}
	if _, err := db.CreateSession(ctx, 9999, ""); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("session of no user: %v", err)
	}
}

// Signing in again removes the user's sessions that are over, and no other.
func TestDB_CreateSession_RemovesEndedSessions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "sales@example.com", store.RoleSales)
	other := mustCreateUser(t, db, "other@example.com", store.RoleSales)
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	for _, id := range []int64{u.ID, other.ID} {
		if _, err := db.CreateSession(ctx, id, ""); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(8 * 24 * time.Hour)
	if _, err := db.CreateSession(ctx, u.ID, ""); err != nil {
		t.Fatal(err)
	}
	var mine, others int
	if err := db.Handles().Read.QueryRow(`SELECT COUNT(*) FILTER (WHERE user_id = ?), COUNT(*) FILTER (WHERE user_id = ?) FROM sessions`,
		u.ID, other.ID).Scan(&mine, &others); err != nil {
		t.Fatal(err)
	}
	if mine != 1 || others != 1 {
		t.Fatalf("sessions left: %d of the user, %d of another, want 1 and 1", mine, others)
	}
}

// CheckSession refuses what FindSession refuses, but never moves the
// session's last use: a session only checked goes idle.
func TestDB_CheckSession(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "sales@example.com", store.RoleSales)
	now := start
	db.Now = func() time.Time { return now }
	raw, err := db.CreateSession(ctx, u.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, after := range []time.Duration{time.Hour, 3 * 24 * time.Hour, 6 * 24 * time.Hour} {
		now = start.Add(after)
		if got, err := db.CheckSession(ctx, raw); err != nil || got.ID != u.ID {
			t.Fatalf("after %v: %v %v", after, got, err)
		}
	}
	now = start.Add(store.SessionIdle)
	if _, err := db.CheckSession(ctx, raw); store.ErrorCode(err) != store.EUNAUTHORIZED {
		t.Fatalf("a week after its last use: %v, want %s", err, store.EUNAUTHORIZED)
	}

	now = start
	raw, err = db.CreateSession(ctx, u.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateUser(ctx, u.ID, store.UserUpdate{RevokeTokens: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CheckSession(ctx, raw); store.ErrorCode(err) != store.EUNAUTHORIZED {
		t.Fatalf("signed out everywhere: %v, want %s", err, store.EUNAUTHORIZED)
	}
	if _, err := db.CheckSession(ctx, raw); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("refused once: %v, want %s", err, store.ENOTFOUND)
	}
}
