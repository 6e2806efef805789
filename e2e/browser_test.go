package e2e

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// phone is the viewport of a mid-range Android phone held upright, the
// screen most of a showroom's customers use.
type phone struct{}

func (phone) Device() device.Info {
	return device.Info{Name: "phone 390×844", Width: 390, Height: 844, Scale: 2, Mobile: true, Touch: true,
		UserAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) " +
			"Chrome/126.0.0.0 Mobile Safari/537.36"}
}

// desktop is a laptop's browser window, for the screenshots.
type desktop struct{}

func (desktop) Device() device.Info {
	return device.Info{Name: "desktop 1280×800", Width: 1280, Height: 800, Scale: 1,
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " +
			"Chrome/126.0.0.0 Safari/537.36"}
}

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc = func() {}
)

// browserPath is the chromium to drive: CHROME_PATH, else the first of
// Debian's names on the PATH.
func browserPath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireBrowser is the chromium to drive. Without one the test fails
// under CI (CI set), so that CI never passes without having run the
// suite, and is skipped elsewhere.
func requireBrowser(t *testing.T) string {
	t.Helper()
	path := browserPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no chromium found (set CHROME_PATH, or apt-get install -y chromium); CI is set, so the browser suite must run")
		}
		t.Skip("no chromium found (set CHROME_PATH, or apt-get install -y chromium): skipping the browser suite")
	}
	return path
}

// newTab opens a tab emulating dev in the suite's browser, which starts on
// first use.
func newTab(t *testing.T, dev chromedp.Device) context.Context {
	return openTab(t, dev)
}

// newPrivateTab opens a tab in a browser context of its own, with its own
// cookies, as another person's browser: two staff signed in at once.
func newPrivateTab(t *testing.T, dev chromedp.Device) context.Context {
	return openTab(t, dev, chromedp.WithNewBrowserContext())
}

func openTab(t *testing.T, dev chromedp.Device, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	path := requireBrowser(t)
	browserOnce.Do(func() {
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path),
			chromedp.UserDataDir(workDir+"/chromium"),
			chromedp.Flag("headless", "new"),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("hide-scrollbars", true),
			chromedp.Flag("mute-audio", true),
			// An Indonesian phone: the dashboard follows the browser's language.
			chromedp.Flag("accept-lang", "id-ID,id"),
		)
		ctx, cancel := chromedp.NewContext(alloc)
		browserCtx, browserCancel = ctx, func() { cancel(); cancelAlloc() }
	})
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	tab, cancelTab := chromedp.NewContext(browserCtx, opts...)
	tab, cancelTimeout := context.WithTimeout(tab, 45*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelTab() })
	do(t, tab, chromedp.Emulate(dev))
	return tab
}

func stopBrowser() { browserCancel() }

// do runs actions in a tab and fails the test on the first error.
func do(t *testing.T, tab context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the tab's page.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// text is the visible text of the first element matching a CSS selector.
func text(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return v
}

// attr is an attribute of the first element matching a CSS selector.
func attr(t *testing.T, tab context.Context, sel, name string) string {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("%s of %s: %v", name, sel, err)
	}
	return v.Value
}

// location is the URL the tab shows.
func location(t *testing.T, tab context.Context) string {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return v
}
