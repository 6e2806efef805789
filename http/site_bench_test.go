package http_test

import "testing"

// A browser asks for pages gzipped, as every one does.
var acceptGzip = []string{"Accept-Encoding", "gzip"}

// BenchmarkSiteCatalogue measures the website's filtered catalogue page
// over 2,000 cars, through the whole handler chain.
func BenchmarkSiteCatalogue(b *testing.B) {
	benchGet(b, benchCatalogue(b, 2000), "/?brand=Toyota&maxPrice=300000000", acceptGzip...)
}

// BenchmarkSiteCarPage measures one car's page with its similar cars.
func BenchmarkSiteCarPage(b *testing.B) {
	env := benchCatalogue(b, 2000)
	benchGet(b, env, "/mobil/toyota-model-0-2010-hitam-0000", acceptGzip...)
}

// BenchmarkSiteCarPageUncached measures building a car's page, as its
// first visitor (often a crawler) makes the server do.
func BenchmarkSiteCarPageUncached(b *testing.B) {
	env := benchCatalogue(b, 2000, noCache)
	benchGet(b, env, "/mobil/toyota-model-0-2010-hitam-0000", acceptGzip...)
}
