// Command ceiling is the load harness's yardstick: a bare net/http server
// answering every request with the same 1 KB JSON body (and, on /size, a
// body of -size bytes: the yardstick for answers as large as a catalogue
// page). Whatever it serves
// per second on a machine is the most any Go HTTP handler can serve there,
// so bench/run.sh reports AutoLeads' figures as ratios to it. It is built
// by bench/run.sh only; the autoleads binary never imports it.
package main

import (
	"flag"
	"log"
	"net/http"
	"strconv"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	size := flag.Int("size", 1024, "body size in bytes (at least 64); /size answers this, any other path 1 KB")
	flag.Parse()
	small := jsonBody(1024)
	sized := jsonBody(max(*size, 64))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := small
		if r.URL.Path == "/size" {
			body = sized
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, h))
}

// jsonBody is a JSON envelope of exactly n bytes, newline included.
func jsonBody(n int) []byte {
	const head, tail = `{"success":true,"data":{"message":"`, `"}}` + "\n"
	return []byte(head + strings.Repeat("x", n-len(head)-len(tail)) + tail)

}
