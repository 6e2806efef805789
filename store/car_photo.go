package store

import (
	"context"
	"database/sql"
	"fmt"
)

// AddCarPhoto appends a photo URL to a car. Errors: ENOTFOUND, EINVALID (the
// car already has MaxCarPhotos photos, or the URL is not acceptable).
func (db *DB) AddCarPhoto(ctx context.Context, id int64, url string) (*Car, error) {
	return db.changeCarPhotos(ctx, id, func(c *Car) error {
		if len(c.Photos) >= MaxCarPhotos {
			return &Error{Code: EINVALID, Message: fmt.Sprintf("A car can have at most %d photos", MaxCarPhotos),
				Details: map[string]any{"photos": fmt.Sprintf("At most %d photos are allowed", MaxCarPhotos)}}
		}
		if !validPhotoURL(url) {
			return ValidationError(map[string]string{"photos": "Each photo must be an /uploads/ path or an http(s) URL"})
		}
		c.Photos = append(c.Photos, url)
		return nil
	})
}

// RemoveCarPhoto removes the photo at index from a car and returns the car
// and the removed URL. The primary photo stays the same picture when another
// one is removed; when the primary itself goes, the first photo takes over.
// Errors: ENOTFOUND (no such car or index).
func (db *DB) RemoveCarPhoto(ctx context.Context, id int64, index int) (*Car, string, error) {
	var removed string
	c, err := db.changeCarPhotos(ctx, id, func(c *Car) error {
		if index < 0 || index >= len(c.Photos) {
			return Errorf(ENOTFOUND, "Photo not found")
		}
		removed = c.Photos[index]
		c.Photos = append(c.Photos[:index:index], c.Photos[index+1:]...)
		switch {
		case index < c.PrimaryPhotoIndex:
			c.PrimaryPhotoIndex--
		case index == c.PrimaryPhotoIndex:
			c.PrimaryPhotoIndex = 0
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return c, removed, nil
}

// changeCarPhotos lets change edit a car's photos and writes them back, in
// one transaction.
func (db *DB) changeCarPhotos(ctx context.Context, id int64, change func(c *Car) error) (*Car, error) {
	return db.withCar(ctx, id, func(tx *sql.Tx, c *Car) (*Car, error) {
		if err := change(c); err != nil {
			return nil, err
		}
		c.UpdatedAt = db.now()
		_, err := tx.ExecContext(ctx, `UPDATE cars SET photos = ?, primary_photo_index = ?, updated_at = ?
		WHERE id = ?`, jsonStrings(c.Photos), c.PrimaryPhotoIndex, millis(c.UpdatedAt), id)
		return c, err
	})
}

// CarPhotoInUse reports whether any car lists url among its photos. A photo
// file is removed only when no car shows it any more: an admin may have
// copied one car's photo URL into another.
func (db *DB) CarPhotoInUse(ctx context.Context, url string) (bool, error) {
	var used bool
	err := db.h.Read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM cars, json_each(cars.photos)
		WHERE json_each.value = ?)`, url).Scan(&used)
	return used, err
}
