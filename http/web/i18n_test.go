package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every text exists in both languages, with the same arguments.
func TestCataloguesMatch(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for key, id := range messagesID {
		en, ok := messagesEN[key]
		if !ok {
			t.Errorf("%q is missing in English", key)
			continue
		}
		if a, b := strings.Join(verbs.FindAllString(id, -1), ""), strings.Join(verbs.FindAllString(en, -1), ""); a != b {
			t.Errorf("%q: Indonesian takes %q, English %q", key, a, b)
		}
	}
	for key := range messagesEN {
		if _, ok := messagesID[key]; !ok {
			t.Errorf("%q is missing in Indonesian", key)
		}
	}
}

// Every key a template asks for is in the catalogue: a typo in a template
// would otherwise show the key itself on a page.
func TestTemplatesUseKnownKeys(t *testing.T) {
	uses := regexp.MustCompile(`\.T "([^"]+)"`)
	files, _ := filepath.Glob("templates/*/*.html")
	if len(files) == 0 {
		t.Fatal("no templates found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messagesID[m[1]]; !ok {
				t.Errorf("%s asks for %q, which the catalogue lacks", f, m[1])
			}
		}
	}
}

func TestNegotiateLang(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   Lang
	}{
		{"", Indonesian},
		{"id-ID,id;q=0.9", Indonesian},
		{"en-US,en;q=0.9", English},
		{"en-US,en;q=0.9,id;q=0.8", English},
		{"id,en;q=0.9", Indonesian},
		{"en;q=0.5,id;q=0.5", Indonesian},
		{"fr-FR,fr;q=0.9", Indonesian},
		{"fr,en;q=0.3", English},
		{"en;q=0", Indonesian},
		{"EN-gb", English},
	} {
		if got := NegotiateLang(tc.header); got != tc.want {
			t.Errorf("NegotiateLang(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}
