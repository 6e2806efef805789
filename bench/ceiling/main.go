// Command ceiling is the load harness's yardstick: a bare net/http server
// answering every request with the same 1 KB JSON body. Whatever it serves
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
	flag.Parse()
	body := []byte(`{"success":true,"data":{"message":"` + strings.Repeat("x", 1024-40) + `"}}` + "\n")
	size := strconv.Itoa(len(body))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Length", size)
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, h))
}
