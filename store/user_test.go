package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/autoleads/autoleads/store"
)

// mustCreateUser adds a user with password "password123".
func mustCreateUser(tb testing.TB, db *store.DB, email, role string) *store.User {
	tb.Helper()
	u := &store.User{Name: strings.Split(email, "@")[0], Email: email, Role: role}
	if err := db.CreateUser(context.Background(), u, "password123"); err != nil {
		tb.Fatal(err)
	}
	return u
}

// wantCode fails unless err carries the store error code want.
func wantCode(tb testing.TB, err error, want string) {
	tb.Helper()
	if got := store.ErrorCode(err); got != want {
		tb.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

func ptr[T any](v T) *T { return &v }

func TestDB_CreateUser(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)

	t.Run("OK", func(t *testing.T) {
		u := &store.User{Name: "  Budi Santoso ", Email: " Budi@Showroom.COM ", Role: store.RoleAdmin,
			WhatsAppNumber: "0812-3456-7890"}
		if err := db.CreateUser(ctx, u, "password123"); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Name != "Budi Santoso" || u.Email != "budi@showroom.com" || u.Status != store.UserActive ||
			u.TokenVersion != 1 || u.WhatsAppNumber != "6281234567890" || u.CreatedAt.IsZero() {
			t.Fatalf("created user = %+v", u)
		}
		got, err := db.FindUserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Email != u.Email || got.PasswordHash == "" || strings.Contains(got.PasswordHash, "password123") {
			t.Fatalf("stored user = %+v", got)
		}
		if !store.CheckPassword(got, "password123") || store.CheckPassword(got, "password124") {
			t.Fatal("password does not check out")
		}
	})

	t.Run("ErrDuplicateEmail", func(t *testing.T) {
		err := db.CreateUser(ctx, &store.User{Name: "Again", Email: "BUDI@showroom.com", Role: store.RoleSales}, "password123")
		wantCode(t, err, store.ECONFLICT)
		if d := store.ErrorDetails(err); d["email"] == nil {
			t.Fatalf("details = %v", d)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		tests := []struct {
			name     string
			user     store.User
			password string
			field    string
		}{
			{"no name", store.User{Email: "a@b.co", Role: store.RoleSales}, "password123", "name"},
			{"bad email", store.User{Name: "A", Email: "not-an-email", Role: store.RoleSales}, "password123", "email"},
			{"display-name email", store.User{Name: "A", Email: "A <a@b.co>", Role: store.RoleSales}, "password123", "email"},
			{"bad role", store.User{Name: "A", Email: "a@b.co", Role: "boss"}, "password123", "role"},
			{"bad status", store.User{Name: "A", Email: "a@b.co", Role: store.RoleSales, Status: "gone"}, "password123", "status"},
			{"bad whatsapp", store.User{Name: "A", Email: "a@b.co", Role: store.RoleSales, WhatsAppNumber: "12"}, "password123", "whatsappNumber"},
			{"short password", store.User{Name: "A", Email: "a@b.co", Role: store.RoleSales}, "1234567", "password"},
			{"long password", store.User{Name: "A", Email: "a@b.co", Role: store.RoleSales}, strings.Repeat("x", 73), "password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u := tt.user
				err := db.CreateUser(ctx, &u, tt.password)
				wantCode(t, err, store.EINVALID)
				if d := store.ErrorDetails(err); d[tt.field] == nil {
					t.Fatalf("details = %v, want key %q", d, tt.field)
				}
			})
		}
	})
}

func TestDB_FindUserByEmail(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "owner@showroom.com", store.RoleOwner)

	got, err := db.FindUserByEmail(ctx, "  OWNER@Showroom.Com ")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != u.ID {
		t.Fatalf("found user %d, want %d", got.ID, u.ID)
	}
	_, err = db.FindUserByEmail(ctx, "nobody@showroom.com")
	wantCode(t, err, store.ENOTFOUND)
	_, err = db.FindUserByID(ctx, 999)
	wantCode(t, err, store.ENOTFOUND)
}

func TestCheckPassword_NilUser(t *testing.T) {
	if store.CheckPassword(nil, "password123") {
		t.Fatal("nil user passed the password check")
	}
}

func TestDB_FindUsers(t *testing.T) {
	db := MustOpenDB(t)
	mustCreateUser(t, db, "zed@x.co", store.RoleSales)
	mustCreateUser(t, db, "amy@x.co", store.RoleSales)
	mustCreateUser(t, db, "bob@x.co", store.RoleAdmin)
	mustCreateUser(t, db, "yan@x.co", store.RoleOwner)
	users, err := db.FindUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range users {
		got = append(got, u.Email)
	}
	if want := "yan@x.co bob@x.co amy@x.co zed@x.co"; strings.Join(got, " ") != want {
		t.Fatalf("order = %v, want %s", got, want)
	}
}

func TestDB_UpdateUser(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	owner := mustCreateUser(t, db, "owner@x.co", store.RoleOwner)
	sales := mustCreateUser(t, db, "sales@x.co", store.RoleSales)

	version := func(id int64) int64 {
		t.Helper()
		u, err := db.FindUserByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return u.TokenVersion
	}

	t.Run("ProfileKeepsTokens", func(t *testing.T) {
		before := version(sales.ID)
		u, err := db.UpdateUser(ctx, sales.ID, store.UserUpdate{Name: ptr(" Ani "), Phone: ptr("031-1234567"),
			WhatsAppNumber: ptr("+62 812 3456 7890")})
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != "Ani" || u.Phone != "031-1234567" || u.WhatsAppNumber != "6281234567890" || u.TokenVersion != before {
			t.Fatalf("updated = %+v (version before %d)", u, before)
		}
		u, err = db.UpdateUser(ctx, sales.ID, store.UserUpdate{Phone: ptr(""), WhatsAppNumber: ptr("")})
		if err != nil {
			t.Fatal(err)
		}
		if u.Phone != "" || u.WhatsAppNumber != "" {
			t.Fatalf("optional fields not cleared: %+v", u)
		}
	})

	t.Run("RevokingChangesBumpVersion", func(t *testing.T) {
		for _, upd := range []store.UserUpdate{
			{Password: ptr("new-password-1")},
			{Role: ptr(store.RoleAdmin)},
			{Status: ptr(store.UserInactive)},
			{Status: ptr(store.UserActive)},
		} {
			before := version(sales.ID)
			if _, err := db.UpdateUser(ctx, sales.ID, upd); err != nil {
				t.Fatal(err)
			}
			if after := version(sales.ID); after != before+1 {
				t.Fatalf("%+v: version %d → %d, want a bump", upd, before, after)
			}
		}
		u, _ := db.FindUserByID(ctx, sales.ID)
		if !store.CheckPassword(u, "new-password-1") || store.CheckPassword(u, "password123") {
			t.Fatal("new password not stored")
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		tests := []struct {
			name  string
			upd   store.UserUpdate
			field string
		}{
			{"blank name", store.UserUpdate{Name: ptr("  ")}, "name"},
			{"bad role", store.UserUpdate{Role: ptr("boss")}, "role"},
			{"empty status", store.UserUpdate{Status: ptr("")}, "status"},
			{"bad status", store.UserUpdate{Status: ptr("gone")}, "status"},
			{"short password", store.UserUpdate{Password: ptr("short")}, "password"},
		}
		t.Run("all errors at once", func(t *testing.T) {
			_, err := db.UpdateUser(ctx, sales.ID, store.UserUpdate{Name: ptr(""), Role: ptr("boss"), Password: ptr("short")})
			wantCode(t, err, store.EINVALID)
			if d := store.ErrorDetails(err); len(d) != 3 {
				t.Fatalf("details = %v, want name, role and password", d)
			}
		})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := version(sales.ID)
				_, err := db.UpdateUser(ctx, sales.ID, tt.upd)
				wantCode(t, err, store.EINVALID)
				if d := store.ErrorDetails(err); d[tt.field] == nil {
					t.Fatalf("details = %v, want key %q", d, tt.field)
				}
				if after := version(sales.ID); after != before {
					t.Fatal("a refused update changed the user")
				}
			})
		}
	})

	t.Run("CheckAborts", func(t *testing.T) {
		before := version(sales.ID)
		_, err := db.UpdateUser(ctx, sales.ID, store.UserUpdate{Name: ptr("Hijacked"), Password: ptr("password999"),
			Check: func(cur *store.User) error {
				if cur.ID != sales.ID {
					t.Errorf("check saw user %d", cur.ID)
				}
				return store.Errorf(store.EFORBIDDEN, "No")
			}})
		wantCode(t, err, store.EFORBIDDEN)
		if u, _ := db.FindUserByID(ctx, sales.ID); u.Name == "Hijacked" || u.TokenVersion != before {
			t.Fatalf("refused update changed the user: %+v", u)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.UpdateUser(ctx, 999, store.UserUpdate{Name: ptr("X")})
		wantCode(t, err, store.ENOTFOUND)
	})

	t.Run("LastOwner", func(t *testing.T) {
		for _, upd := range []store.UserUpdate{{Role: ptr(store.RoleAdmin)}, {Status: ptr(store.UserInactive)}} {
			_, err := db.UpdateUser(ctx, owner.ID, upd)
			wantCode(t, err, store.EINVALID)
		}
		other := mustCreateUser(t, db, "owner2@x.co", store.RoleOwner)
		if _, err := db.UpdateUser(ctx, owner.ID, store.UserUpdate{Role: ptr(store.RoleAdmin)}); err != nil {
			t.Fatalf("demoting one of two owners: %v", err)
		}
		// other is now the last active owner.
		_, err := db.UpdateUser(ctx, other.ID, store.UserUpdate{Status: ptr(store.UserInactive)})
		wantCode(t, err, store.EINVALID)
		// An inactive owner does not count as the other active owner.
		if _, err := db.UpdateUser(ctx, owner.ID, store.UserUpdate{Role: ptr(store.RoleOwner), Status: ptr(store.UserInactive)}); err != nil {
			t.Fatal(err)
		}
		_, err = db.UpdateUser(ctx, other.ID, store.UserUpdate{Role: ptr(store.RoleSales)})
		wantCode(t, err, store.EINVALID)
	})
}

func TestDB_DeleteUser(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	owner := mustCreateUser(t, db, "owner@x.co", store.RoleOwner)
	sales := mustCreateUser(t, db, "sales@x.co", store.RoleSales)

	t.Run("ErrLastOwner", func(t *testing.T) {
		wantCode(t, db.DeleteUser(ctx, owner.ID, nil), store.EINVALID)
	})

	t.Run("OKLeadsUnassigned", func(t *testing.T) {
		now := time.Now().UnixMilli()
		res, err := db.Handles().Write.ExecContext(ctx, `INSERT INTO leads
			(customer_phone, assigned_to_user_id, created_at, updated_at) VALUES ('+6281234567890', ?, ?, ?)`,
			sales.ID, now, now)
		if err != nil {
			t.Fatal(err)
		}
		leadID, _ := res.LastInsertId()
		if err := db.DeleteUser(ctx, sales.ID, nil); err != nil {
			t.Fatal(err)
		}
		_, err = db.FindUserByID(ctx, sales.ID)
		wantCode(t, err, store.ENOTFOUND)
		var assigned *int64
		if err := db.Handles().Read.QueryRowContext(ctx, `SELECT assigned_to_user_id FROM leads WHERE id = ?`,
			leadID).Scan(&assigned); err != nil {
			t.Fatal(err)
		}
		if assigned != nil {
			t.Fatalf("lead still assigned to %d", *assigned)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		wantCode(t, db.DeleteUser(ctx, sales.ID, nil), store.ENOTFOUND)
	})

	t.Run("CheckAborts", func(t *testing.T) {
		other := mustCreateUser(t, db, "other@x.co", store.RoleSales)
		var seen *store.User
		err := db.DeleteUser(ctx, other.ID, func(cur *store.User) error {
			seen = cur
			return store.Errorf(store.EFORBIDDEN, "No")
		})
		wantCode(t, err, store.EFORBIDDEN)
		if seen == nil || seen.ID != other.ID {
			t.Fatalf("check saw %+v", seen)
		}
		if _, err := db.FindUserByID(ctx, other.ID); err != nil {
			t.Fatalf("refused delete removed the user: %v", err)
		}
	})

	t.Run("OneOfTwoOwners", func(t *testing.T) {
		mustCreateUser(t, db, "owner2@x.co", store.RoleOwner)
		if err := db.DeleteUser(ctx, owner.ID, nil); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDB_RecordLogin(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "owner@x.co", store.RoleOwner)
	if u.LastLoginAt != nil {
		t.Fatal("new user has a last login")
	}
	at := time.Date(2025, 10, 23, 9, 0, 0, 123e6, time.UTC)
	db.Now = func() time.Time { return at }
	if err := db.RecordLogin(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindUserByID(ctx, u.ID)
	if got.LastLoginAt == nil || !got.LastLoginAt.Equal(at) {
		t.Fatalf("LastLoginAt = %v, want %v", got.LastLoginAt, at)
	}
}
