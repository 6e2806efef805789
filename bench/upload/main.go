// Command upload is the load harness's photo case (bench/run.sh, case
// "upload"): a phone's 4 MB JPEG (12 megapixels, on its side with EXIF
// orientation 6, as a phone stores a portrait) is uploaded through the
// dashboard's photos page and processed as every upload (turned upright,
// stripped, resized to all sizes); it reports the time of one upload and
// the server's peak resident memory while one, then four at once, run.
//
// The peak is the kernel's high-water mark of the server (VmHWM), reset
// before each phase through /proc/<pid>/clear_refs, so each phase's figure
// is its own. Each upload goes to another car: a car holds at most 20
// photos.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/autoleads/autoleads/tenants/photo/phototest"
)

type options struct {
	base, host      string
	owner, password string
	pid             int
	rounds          int
	size            int // bytes the photo should have, about
}

func main() {
	var o options
	addr := flag.String("addr", "127.0.0.1:8080", "address of the autoleads server")
	flag.StringVar(&o.host, "host", "bench-1.localhost", "the showroom's host")
	flag.StringVar(&o.owner, "owner", "owner@bench-1.test", "the showroom owner's email")
	flag.StringVar(&o.password, "password", "password123", "the owner's password")
	flag.IntVar(&o.pid, "pid", 0, "the server's process id, to read its peak resident memory")
	flag.IntVar(&o.rounds, "rounds", 5, "uploads of one photo, and rounds of four at once")
	flag.IntVar(&o.size, "size", 4<<20, "the photo's size in bytes, about")
	flag.Parse()
	o.base = "http://" + *addr
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "upload:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	photo := phoneJPEG(o.size)
	session, err := signIn(o)
	if err != nil {
		return err
	}
	car := 0
	next := func() int { car++; return car }

	// Warm-up, not measured: the first upload opens the uploads directory.
	if _, err := upload(o, session, next(), photo); err != nil {
		return err
	}
	if err := resetPeak(o.pid); err != nil {
		return err
	}
	var one []time.Duration
	for range o.rounds {
		d, err := upload(o, session, next(), photo)
		if err != nil {
			return err
		}
		one = append(one, d)
	}
	onePeak, err := peakMB(o.pid)
	if err != nil {
		return err
	}

	if err := resetPeak(o.pid); err != nil {
		return err
	}
	var four []time.Duration
	for range o.rounds {
		start := time.Now()
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range 4 {
			id := next()
			wg.Go(func() { _, errs[i] = upload(o, session, id, photo) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		four = append(four, time.Since(start))
	}
	fourPeak, err := peakMB(o.pid)
	if err != nil {
		return err
	}
	fmt.Printf("a %.1f MB 4000×3000 phone JPEG uploaded and processed: median %s (of %s), peak RSS %d MB; "+
		"four at once: median %s for all four (of %s), peak RSS %d MB (target ≤ 150 MB)\n",
		float64(len(photo))/(1<<20), ms(median(one)), list(one), onePeak, ms(median(four)), list(four), fourPeak)
	return nil
}

// phoneJPEG is a 4000×3000 camera image stored on its side with EXIF
// orientation 6, with as much fine detail (noise) as makes it about size
// bytes, as a phone's photo of a car has.
func phoneJPEG(size int) []byte {
	lo, hi := 0, 64
	var best []byte
	for lo <= hi {
		noise := (lo + hi) / 2
		b := phototest.WithExif(encode(camera(noise)), 6)
		best = b
		switch {
		case len(b) < size*95/100:
			lo = noise + 1
		case len(b) > size*105/100:
			hi = noise - 1
		default:
			return b
		}
	}
	return best
}

// camera is a 4000×3000 picture: sky over a road, with noise of the given
// amplitude on every pixel.
func camera(noise int) image.Image {
	const w, h = 4000, 3000
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			c := color.RGBA{90, 140, 210, 255}
			if y > h*2/3 {
				c = color.RGBA{70, 70, 74, 255}
			}
			n := func(v uint8) uint8 { return uint8(max(0, min(255, int(v)+r.IntN(2*noise+1)-noise))) }
			img.SetRGBA(x, y, color.RGBA{n(c.R), n(c.G), n(c.B), 255})
		}
	}
	return img
}

func encode(img image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// signIn signs the owner in to the dashboard and returns the session cookie.
func signIn(o options) (*http.Cookie, error) {
	form := url.Values{"email": {o.owner}, "password": {o.password}}
	req, err := http.NewRequest(http.MethodPost, o.base+"/admin/login", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Host = o.host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := noRedirect.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "al_session" && c.Value != "" {
			return c, nil
		}
	}
	return nil, fmt.Errorf("sign-in answered %s without a session", res.Status)
}

// noRedirect leaves the 303 after a sign-in or an upload unfollowed.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// upload posts photo to car id's photos page as its form does and returns
// how long the server took to answer that it was added.
func upload(o options, session *http.Cookie, id int, photo []byte) (time.Duration, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("photo", "IMG_0001.jpg")
	if err != nil {
		return 0, err
	}
	fw.Write(photo)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/admin/cars/%d/photos", o.base, id), &body)
	if err != nil {
		return 0, err
	}
	req.Host = o.host
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(session)
	start := time.Now()
	res, err := noRedirect.Do(req)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "added=1") {
		return 0, fmt.Errorf("upload to car %d: %s, Location %q", id, res.Status, loc)
	}
	return time.Since(start), nil
}

// resetPeak resets the server's high-water mark of resident memory.
func resetPeak(pid int) error {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// peakMB is the server's peak resident memory since the last reset
// (VmHWM), in MB.
func peakMB(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.Atoi(f[1])
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func list(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = ms(d)
	}
	return strings.Join(parts, ", ")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }
