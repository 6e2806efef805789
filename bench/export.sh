#!/usr/bin/env bash
# Time and peak memory of moving one big showroom: builds autoleads,
# generates a showroom of LEADS leads (default 50,000) and CARS cars with
# PHOTOS photos (default 500, each with its 320, 640 and 1280 px copies, of
# random bytes as incompressible as JPEG), then measures with
# /usr/bin/time -v `tenant export` (a --live export: the same work as a
# move's, without the 30 s wait for sends under way) and `tenant import`
# into an empty data directory. Prints one Markdown table.
#
#   bench/export.sh
#   LEADS=5000 PHOTOS=50 bench/export.sh
#
# It starts no server and removes its temporary directory on exit.
set -euo pipefail

LEADS=${LEADS:-50000}
CARS=${CARS:-500}
PHOTOS=${PHOTOS:-500}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "bench/export.sh needs /usr/bin/time (Debian package time)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/autoleads-export.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
BIN=$TMP/autoleads
(cd "$ROOT" && go build -o "$BIN" .)

A=$TMP/node-a B=$TMP/node-b
"$BIN" --data-dir "$A" tenant create --slug bench --name Bench --host bench.test --status active >/dev/null
"$BIN" --data-dir "$A" generate --tenant bench --cars "$CARS" --leads "$LEADS" --owner=false >/dev/null
UP=$A/tenants/bench/uploads
mkdir -p "$UP"
for i in $(seq 1 "$PHOTOS"); do
	name=$(printf '%032x' "$i")
	head -c 300000 /dev/urandom >"$UP/$name.jpg"
	head -c 150000 /dev/urandom >"$UP/$name-1280.jpg"
	head -c 50000 /dev/urandom >"$UP/$name-640.jpg"
	head -c 15000 /dev/urandom >"$UP/$name-320.jpg"
done

# measure LABEL CMD…: runs CMD under /usr/bin/time -v and prints a table row.
measure() {
	local label=$1
	shift
	/usr/bin/time -v "$@" >/dev/null 2>"$TMP/time.txt" || { cat "$TMP/time.txt" >&2; exit 1; }
	local wall rss
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TMP/time.txt")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time.txt")
	printf '| %s | %s | %d MB |\n' "$label" "$wall" $((rss / 1024))
}

db=$(du -m "$A/tenants/bench/tenant.db" | cut -f1)
photos=$(du -sm "$UP" | cut -f1)
echo "Showroom: $LEADS leads, $CARS cars, $PHOTOS photos; tenant.db ${db} MB, uploads ${photos} MB; $(nproc) cores"
echo
echo "| step | wall time | peak RSS |"
echo "|---|---|---|"
measure "tenant export --live" "$BIN" --data-dir "$A" tenant export bench --live --out "$TMP/bench.tar.gz"
measure "tenant import (empty node)" "$BIN" --data-dir "$B" tenant import "$TMP/bench.tar.gz"
echo
echo "Archive: $(du -m "$TMP/bench.tar.gz" | cut -f1) MB"
