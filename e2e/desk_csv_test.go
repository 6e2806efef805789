package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// On a phone, the owner uploads a stock spreadsheet as Excel in Indonesia
// writes it (semicolons): a bad price is shown on its row and nothing is
// written; the corrected file is previewed, imported, and is in the stock
// file the owner then downloads.
func TestDeskImportCars(t *testing.T) {
	s := site(t)
	dir := t.TempDir()
	header := "Kode;Merek;Model;Tahun;Warna;Transmisi;Kilometer;Harga;Status\r\n"
	bad := filepath.Join(dir, "stok-salah.csv")
	good := filepath.Join(dir, "stok.csv")
	for file, body := range map[string]string{
		bad:  header + "#CSV1;Toyota;Rush;2021;Putih;Matic;30.000;210.000.000;draft\r\n#CSV2;Suzuki;Ertiga;2020;Abu-abu;Manual;41.000;150jt;draft\r\n",
		good: header + "#CSV1;Toyota;Rush;2021;Putih;Matic;30.000;210.000.000;draft\r\n#CSV2;Suzuki;Ertiga;2020;Abu-abu;Manual;41.000;150.000.000;draft\r\n",
	} {
		if err := os.WriteFile(file, []byte("\uFEFF"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tab := s.staffTab(t, demoOwner.Email)
	do(t, tab, chromedp.Navigate(s.url("/admin/import/cars")), chromedp.WaitVisible(chromedp.CSS("#upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{bad}),
		chromedp.Click(chromedp.CSS("#upload button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#preview")))
	if got := text(t, tab, "#preview tbody tr"); !strings.Contains(got, "3") || !strings.Contains(got, "Harga harus angka bulat") {
		t.Errorf("first problem row %q, want row 3's price", got)
	}
	if eval[bool](t, tab, `document.querySelector('form[action="/admin/import/cars/confirm"]') !== null`) {
		t.Error("a file with a problem is offered for import")
	}
	saveScreenshot(t, tab, "desk-import-problems-phone.png")

	do(t, tab, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{good}),
		chromedp.Click(chromedp.CSS("#upload button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/admin/import/cars/confirm"] button`)))
	saveScreenshot(t, tab, "desk-import-preview-phone.png")
	do(t, tab, chromedp.Click(chromedp.CSS(`form[action="/admin/import/cars/confirm"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#result")))
	if got := text(t, tab, "#result"); !strings.Contains(got, "2 mobil berhasil diimpor") {
		t.Errorf("after the import: %q", got)
	}
	for code, price := range map[string]int64{"#CSV1": 210_000_000, "#CSV2": 150_000_000} {
		c := s.carByCode(t, code)
		t.Cleanup(func() { s.admin(t, http.MethodDelete, fmt.Sprintf("/api/admin/cars/%d", c.ID), nil, nil) })
		if c.Price != price || c.Status != "draft" {
			t.Errorf("%s imported as %+v", code, c)
		}
	}

	stock, err := chromedp.Run(tab, chromedp.Evaluate[string](`fetch("/admin/export/cars.csv").then(r => r.arrayBuffer()).then(b =>
		new TextDecoder("utf-8", {ignoreBOM: true}).decode(b))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stock, "\uFEFFKode,Merek,Model") || !strings.Contains(stock, "#CSV2,Suzuki,Ertiga,2020,Abu-abu,Manual,41000,150000000") {
		t.Errorf("stock file %.300q", stock)
	}
	do(t, tab, chromedp.Navigate(s.url("/admin/leads")), chromedp.WaitVisible(chromedp.CSS(".csv-export a")))
	if href := attr(t, tab, ".csv-export a", "href"); href != "/admin/export/leads.csv" {
		t.Errorf("inbox's export link %q", href)
	}
}

// saveScreenshot saves what tab shows into $E2E_SCREENSHOTS, when it is
// set, for a person to look at.
func saveScreenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	if os.Getenv("E2E_SCREENSHOTS") == "" {
		return
	}
	shoot(t, tab, filepath.Join(screenshotDir(t), name))
}
