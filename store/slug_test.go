package store_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

func TestSlugify(t *testing.T) {
	long := strings.Repeat("abcd ", 60) // 300 bytes of words
	tests := []struct {
		in, want string
	}{
		// The examples of docs/rules.md.
		{"Toyota Avanza 2020 Hitam #A01", "toyota-avanza-2020-hitam-a01"},
		{"Daihatsu Xenia 1.5 R 2021 Hitam #C02", "daihatsu-xenia-15-r-2021-hitam-c02"},
		{"Toyota Avanza & Veloz 2020 Abu-abu B01", "toyota-avanza-and-veloz-2020-abu-abu-b01"},
		{"Škoda Octavia", "skoda-octavia"},

		// Empty and nothing sluggable.
		{"", ""},
		{"   ", ""},
		{"#!?.,", ""},
		{"---", ""},
		{" - - ", ""},
		{"日本語", ""},

		// Trimming and runs of separators.
		{"  Honda  Brio  ", "honda-brio"},
		{"--Honda--Brio--", "honda-brio"},
		{"Honda - - Brio", "honda-brio"},
		{"Honda\tBrio\nRS", "honda-brio-rs"},
		{"Honda\u00a0Brio", "honda-brio"},
		{"HR-V", "hr-v"},
		{"Honda #-# Brio", "honda-brio"},

		// Removed characters join their neighbours, they do not separate.
		{"1.5", "15"},
		{"C-HR (2019)", "c-hr-2019"},
		{"Mercedes-Benz C300", "mercedes-benz-c300"},
		{"it's", "its"},

		// Underscore is kept.
		{"stock_A01", "stock_a01"},
		{"_x_", "_x_"},

		// Ampersand.
		{"&", "and"},
		{"A&B", "a-and-b"},
		{"& co", "and-co"},
		{"A &&B", "a-and-and-b"},

		// Diacritics folded.
		{"Citroën Ë-C4", "citroen-e-c4"},
		{"café", "cafe"},
		{"Señor Niño", "senor-nino"},
		{"Straße", "strasse"},
		{"Æther Cæsar", "aether-caesar"},
		{"Øresund Smørrebrød", "oresund-smorrebrod"},
		{"Łódź", "lodz"},
		{"Œuvre", "oeuvre"},
		{"Þór ÐÐ", "thor-dd"},
		{"ÀÁÂÃÄÅ àáâãäå", "aaaaaa-aaaaaa"},
		{"Çç Ññ Ýýÿ", "cc-nn-yyy"},
		{"Ĳssel", "ijssel"},
		{"ĞŞİığşı", "gsiigsi"},
		{"Dvořák Žižkov", "dvorak-zizkov"},
		{"1×2÷3", "123"},
		{"e\u0301", "e"}, // decomposed é: the combining mark is dropped

		// Non-Latin letters and symbols are dropped.
		{"Toyota Ωmega €100", "toyota-mega-100"},
		{"Mobil 日本 2020", "mobil-2020"},
		{"😀 Brio", "brio"},

		// Invalid UTF-8 is dropped, never passed through.
		{"ab\xffcd", "abcd"},

		// Length cap: cut at 200 bytes, then trailing dashes trimmed.
		{strings.Repeat("a", 250), strings.Repeat("a", 200)},
		{long, strings.TrimSuffix(strings.Repeat("abcd-", 40), "-")},
		{strings.Repeat("a", 199) + " b", strings.Repeat("a", 199)},
		{strings.Repeat("ß", 150), strings.Repeat("s", 200)},
	}
	for _, tt := range tests {
		if got := store.Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCarSlugBase(t *testing.T) {
	tests := []struct {
		brand, model string
		year         int
		color, code  string
		want         string
	}{
		{"Toyota", "Avanza", 2020, "Hitam", "#A01", "toyota-avanza-2020-hitam-a01"},
		{"Daihatsu", "Xenia 1.5 R", 2021, "Hitam", "#C02", "daihatsu-xenia-15-r-2021-hitam-c02"},
		{"Toyota", "Avanza & Veloz", 2020, "Abu-abu", "B01", "toyota-avanza-and-veloz-2020-abu-abu-b01"},
		{"Honda", "HR-V RS", 2023, "Abu-abu", "#B05", "honda-hr-v-rs-2023-abu-abu-b05"},
		{" Škoda ", "Octavia", 2019, "", "#D01", "skoda-octavia-2019-d01"},
		{"", "", 0, "", "", ""},
	}
	for _, tt := range tests {
		got := store.CarSlugBase(tt.brand, tt.model, tt.year, tt.color, tt.code)
		if got != tt.want {
			t.Errorf("CarSlugBase(%q, %q, %d, %q, %q) = %q, want %q",
				tt.brand, tt.model, tt.year, tt.color, tt.code, got, tt.want)
		}
	}
}

func TestSlugWithSuffix(t *testing.T) {
	a200 := strings.Repeat("a", 200)
	tests := []struct {
		base string
		n    int
		want string
	}{
		{"toyota-avanza-2020-hitam-a01", 0, "toyota-avanza-2020-hitam-a01"},
		{"toyota-avanza-2020-hitam-a01", 1, "toyota-avanza-2020-hitam-a01"},
		{"toyota-avanza-2020-hitam-a01", 2, "toyota-avanza-2020-hitam-a01-2"},
		{"toyota-avanza-2020-hitam-a01", 3, "toyota-avanza-2020-hitam-a01-3"},
		{"toyota-avanza-2020-hitam-a01", 12, "toyota-avanza-2020-hitam-a01-12"},
		{"", 2, "2"},
		{"", 1, ""},

		// The base is cut, never the suffix, and the total stays ≤ 200.
		{a200, 1, a200},
		{a200, 2, strings.Repeat("a", 198) + "-2"},
		{a200, 10, strings.Repeat("a", 197) + "-10"},
		{a200, 1000, strings.Repeat("a", 195) + "-1000"},
		// A cut that ends on a dash does not leave "--".
		{strings.Repeat("a", 197) + "-bb", 2, strings.Repeat("a", 197) + "-2"},
	}
	for _, tt := range tests {
		got := store.SlugWithSuffix(tt.base, tt.n)
		if got != tt.want {
			t.Errorf("SlugWithSuffix(%q, %d) = %q, want %q", tt.base, tt.n, got, tt.want)
		}
		if len(got) > store.MaxSlugLen {
			t.Errorf("SlugWithSuffix(%q, %d) is %d bytes, want ≤ %d", tt.base, tt.n, len(got), store.MaxSlugLen)
		}
	}
}

func TestPublicName(t *testing.T) {
	tests := []struct {
		brand, model string
		year         int
		color, code  string
		want         string
	}{
		{"Toyota", "Avanza", 2020, "Hitam", "#A01", "Toyota Avanza 2020 Hitam #A01"},
		{"Daihatsu", "Xenia 1.5 R", 2021, "Hitam", "#C02", "Daihatsu Xenia 1.5 R 2021 Hitam #C02"},
		{"Toyota", "Innova Zenix", 2022, "Abu-abu", "#A04", "Toyota Innova Zenix 2022 Abu-abu #A04"},
		{"  Honda ", " Brio  RS ", 2021, "\tPutih", "#B02 ", "Honda Brio RS 2021 Putih #B02"},
		{"Honda", "", 2021, "", "#B02", "Honda 2021 #B02"},
		{"Honda", "Brio", 0, "Putih", "", "Honda Brio Putih"},
		{"", "", 0, "", "", ""},
	}
	for _, tt := range tests {
		got := store.PublicName(tt.brand, tt.model, tt.year, tt.color, tt.code)
		if got != tt.want {
			t.Errorf("PublicName(%q, %q, %d, %q, %q) = %q, want %q",
				tt.brand, tt.model, tt.year, tt.color, tt.code, got, tt.want)
		}
	}
}

// slugPattern is the shape of every non-empty slug: lower-case ASCII words
// joined by single dashes.
var slugPattern = regexp.MustCompile(`^[a-z0-9_]+(-[a-z0-9_]+)*$`)

func FuzzSlugify(f *testing.F) {
	for _, seed := range []string{
		"Toyota Avanza 2020 Hitam #A01",
		"Daihatsu Xenia 1.5 R 2021 Hitam #C02",
		"Toyota Avanza & Veloz 2020 Abu-abu B01",
		"Škoda Octavia",
		"",
		"--&--",
		"日本語 Ωmega ß æ ø ł",
		strings.Repeat("ab-", 80),
		"ab\xffcd",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := store.Slugify(in)
		if got != "" && !slugPattern.MatchString(got) {
			t.Fatalf("Slugify(%q) = %q, not a slug", in, got)
		}
		if len(got) > store.MaxSlugLen {
			t.Fatalf("Slugify(%q) is %d bytes, want ≤ %d", in, len(got), store.MaxSlugLen)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Slugify(%q) = %q, invalid UTF-8", in, got)
		}
		if again := store.Slugify(got); again != got {
			t.Fatalf("Slugify(Slugify(%q)) = %q, want %q", in, again, got)
		}
	})
}
