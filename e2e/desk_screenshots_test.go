package e2e

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestDeskScreenshots saves every page of the staff dashboard, as the
// demo's owner of a showroom connected to WhatsApp sees it, on a phone and
// on a desktop (see TestScreenshots).
func TestDeskScreenshots(t *testing.T) {
	s := site(t)
	s.connectWhatsApp(t)
	// Pak Andi's lead has the demo's longest conversation.
	leads := s.leadsNamed(t, "Andi")
	if len(leads) == 0 {
		t.Fatal("the demo has no lead of Pak Andi")
	}
	dir := screenshotDir(t)
	for _, dev := range devices {
		tab := newPrivateTab(t, dev.dev)
		capture(t, tab, s, shot{"login", "/admin/login", "form", ""}, filepath.Join(dir, "desk-login-"+dev.name+".png"))
		s.signIn(t, tab, demoOwner.Email)
		for _, sh := range []shot{
			{"home", "/admin", "main h1", ""},
			{"inbox", "/admin/leads", "main h1", ""},
			{"lead", fmt.Sprintf("/admin/leads/%d", leads[0].ID), "main h1", ""},
			{"board", "/admin/board", "main h1", ""},
			{"stock", "/admin/cars", "main h1", ""},
			{"car", "/admin/cars/1", "main h1", ""},
			{"car-new", "/admin/cars/baru", "main h1", ""},
			{"account", "/admin/account", "main h1", ""},
			{"import", "/admin/import/cars", "main h1", ""},
			{"team", "/admin/team", "main h1", ""},
			{"settings", "/admin/settings", "main h1", ""},
			{"settings-zone", "/admin/settings", "main h1", "#f-timeZone"},
			{"settings-whatsapp", "/admin/settings", "main h1", "#whatsapp"},
			{"settings-logo", "/admin/settings", "main h1", "#logo"},
			{"photos", fmt.Sprintf("/admin/cars/%d/photos", carWithPhotos(t).ID), "main h1", ""},
		} {
			capture(t, tab, s, sh, filepath.Join(dir, "desk-"+sh.name+"-"+dev.name+".png"))
		}
	}
}
