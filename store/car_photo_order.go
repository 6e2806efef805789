package store

import "context"

// MoveCarPhoto moves the photo at index from to index to, the photos between
// them shifting by one, and returns the car. The primary photo stays the same
// picture wherever it ends up. Errors: ENOTFOUND (no such car, or either index
// is not one of its photos).
func (db *DB) MoveCarPhoto(ctx context.Context, id int64, from, to int) (*Car, error) {
	return db.changeCarPhotos(ctx, id, func(c *Car) error {
		n := len(c.Photos)
		if from < 0 || from >= n || to < 0 || to >= n {
			return Errorf(ENOTFOUND, "Photo not found")
		}
		moved := c.Photos[from]
		primary := c.PrimaryPhotoIndex
		photos := append(c.Photos[:from:from], c.Photos[from+1:]...)
		c.Photos = append(photos[:to:to], append([]string{moved}, photos[to:]...)...)
		switch {
		case primary == from:
			c.PrimaryPhotoIndex = to
		case from < primary && primary <= to:
			c.PrimaryPhotoIndex--
		case to <= primary && primary < from:
			c.PrimaryPhotoIndex++
		}
		return nil
	})
}
