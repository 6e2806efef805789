package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestSmoke(t *testing.T) {
	s := site(t)
	tab := newTab(t, phone{})
	do(t, tab, chromedp.Navigate(s.url("/")), chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	t.Log(eval[int](t, tab, `document.querySelectorAll("ul.cards > li.card").length`), eval[int](t, tab, "innerWidth"))
}
