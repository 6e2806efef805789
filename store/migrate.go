package store

import (
	"embed"
	"io/fs"
)

//go:embed migrations/*.sql
var tenantMigrations embed.FS

// TenantMigrations are the embedded migrations of a tenant database.
func TenantMigrations() fs.FS {
	sub, _ := fs.Sub(tenantMigrations, "migrations")
	return sub
}
