package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	apphttp "github.com/autoleads/autoleads/http"
	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/tenants"
	"github.com/autoleads/autoleads/tenants/photo"
)

func newPhotosCommand(g *globals) *cobra.Command {
	c := &cobra.Command{
		Use:   "photos",
		Short: "Maintain the showrooms' car photos",
	}
	c.AddCommand(newPhotosReprocessCommand(g))
	return c
}

func newPhotosReprocessCommand(g *globals) *cobra.Command {
	var slug string
	c := &cobra.Command{
		Use:   "reprocess",
		Short: "Bring photos uploaded before photos were processed to the form uploads now have",
		Long: `Reprocess gives every uploaded car photo the form an upload gets now: turned
upright, re-encoded as JPEG without metadata (no EXIF, no GPS), capped at
2048 px, with 320, 640 and 1280 px copies, under a name made from its content.
Each car's photo list points at the new names and a replaced file no car shows
any more is removed. Photos already processed and external URLs are left
alone, so running it again changes nothing. Run it once after upgrading, best
while no one edits cars' photos.`,
		Example: `  autoleads photos reprocess
  autoleads photos reprocess --tenant showroom-malang --json`,
		RunE: func(c *cobra.Command, _ []string) error { return runPhotosReprocess(c.Context(), g, slug) },
	}
	c.Flags().StringVar(&slug, "tenant", "", "only this showroom (default: every showroom)")
	return c
}

// reprocessResult is what reprocess did to one showroom's photos, each
// distinct URL counted once however many cars show it.
type reprocessResult struct {
	Showroom    string   `json:"showroom"`
	Reprocessed int      `json:"reprocessed"` // photos given the new form
	Unchanged   int      `json:"unchanged"`   // already processed, or external URLs
	Failed      []string `json:"failed"`      // "<url>: <why>", left as they were
}

func (r reprocessResult) String() string {
	s := fmt.Sprintf("%s: %d reprocessed, %d unchanged", r.Showroom, r.Reprocessed, r.Unchanged)
	for _, f := range r.Failed {
		s += "\n  failed: " + f
	}
	return s
}

func runPhotosReprocess(ctx context.Context, g *globals, slug string) error {
	return g.withRegistry(ctx, func(reg *tenants.Registry) error {
		showrooms := reg.All()
		if slug != "" {
			t, err := reg.FindTenant(ctx, slug)
			if err != nil {
				return err
			}
			showrooms = []*tenants.Tenant{t}
		}
		results := make([]reprocessResult, 0, len(showrooms))
		failed := 0
		for _, t := range showrooms {
			r, err := reprocessShowroom(ctx, reg, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t.Slug, err)
			}
			failed += len(r.Failed)
			results = append(results, r)
		}
		if g.json {
			if err := printJSON(g.stdout, results); err != nil {
				return err
			}
		} else {
			for _, r := range results {
				fmt.Fprintln(g.stdout, r)
			}
		}
		if failed > 0 {
			return fmt.Errorf("%d photos could not be reprocessed and were left as they were", failed)
		}
		return nil
	})
}

// reprocessShowroom reprocesses the photos of every car of showroom t.
func reprocessShowroom(ctx context.Context, reg *tenants.Registry, t *tenants.Tenant) (reprocessResult, error) {
	r := reprocessResult{Showroom: t.Slug, Failed: []string{}}
	up, err := reg.Layout.Uploads(t.Slug)
	if err != nil {
		return r, err
	}
	db, err := reg.OpenStore(ctx, t)
	if err != nil {
		return r, err
	}
	defer db.Close()
	cars, _, err := db.FindCars(ctx, store.CarFilter{})
	if err != nil {
		return r, err
	}
	// Each URL is processed once: cars that share a photo share its new one.
	replaced := map[string]string{}
	for _, c := range cars {
		photos := slices.Clone(c.Photos)
		for i, old := range c.Photos {
			url, seen := replaced[old]
			if !seen {
				url, err = reprocessPhoto(up, old)
				switch {
				case err != nil:
					r.Failed = append(r.Failed, old+": "+describe(err))
					url = old
				case url == old:
					r.Unchanged++
				default:
					r.Reprocessed++
				}
				replaced[old] = url
			}
			photos[i] = url
		}
		if slices.Equal(photos, c.Photos) {
			continue
		}
		if _, err := db.UpdateCar(ctx, c.ID, store.CarUpdate{Photos: &photos}); err != nil {
			return r, fmt.Errorf("car %s: %w", c.DisplayCode, err)
		}
	}
	// Only now that every car points at the new files may the old ones go.
	for old, url := range replaced {
		if url == old {
			continue
		}
		if used, err := db.CarPhotoInUse(ctx, old); err != nil || used {
			continue
		}
		if err := up.Remove(strings.TrimPrefix(old, apphttp.UploadURLPrefix)); err != nil {
			return r, err
		}
	}
	return r, nil
}

// reprocessPhoto processes the upload behind a car's photo URL and returns
// the processed photo's URL: url itself for an external photo or one
// already processed (its name is its content's).
func reprocessPhoto(up tenants.Uploads, url string) (string, error) {
	name, ok := strings.CutPrefix(url, apphttp.UploadURLPrefix)
	if !ok || !tenants.ValidPhotoName(name) {
		return url, nil
	}
	f, _, err := up.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return url, errors.New("the file is missing")
	}
	if err != nil {
		return url, err
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return url, err
	}
	if photo.NameOf(data) == name {
		return url, nil
	}
	p, err := photo.Process(data)
	if err != nil {
		return url, err
	}
	saved, err := up.SavePhoto(p)
	if err != nil {
		return url, err
	}
	return apphttp.UploadURLPrefix + saved, nil
}
