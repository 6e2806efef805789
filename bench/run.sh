#!/usr/bin/env bash
# The load harness: builds autoleads, generates the data, serves it on
# loopback beside a bare net/http "ceiling" server, runs every case of the
# performance targets with wrk and prints one Markdown table. See
# docs/testing.md (the load harness, its cases and targets) and
# docs/architecture.md (the performance design); bench/RESULTS.md holds the
# latest run.
#
#   bench/run.sh                 # every case, 10 s each (about 3 minutes)
#   DURATION=5s bench/run.sh     # shorter runs
#   CASES="list slug" bench/run.sh   # some cases (the ceiling always runs)
#   CASES="inbox conversation deskweight stock" bench/run.sh   # the dashboard's
#
# It stops only the processes it started and removes its temporary
# directory on exit.
set -euo pipefail

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
CASES=${CASES:-"list slug site sitecar leads leadsbusy inbox conversation deskweight stock webhook webhook50 streams upload showrooms startup"}
SEED=${SEED:-42}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench

if ! command -v wrk >/dev/null; then
	echo "wrk is missing: installing it from Debian packages" >&2
	if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi
for tool in go curl; do
	command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 1; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/autoleads-bench.XXXXXX")
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "bench: $*" >&2; }

# free_port asks the kernel for a free loopback port.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + RANDOM % 20000))
}

# wait_health waits until http://$1/health answers (at most 30 s).
wait_health() {
	for _ in $(seq 3000); do
		curl -sf -o /dev/null "http://$1/health" && return 0
		sleep 0.01
	done
	echo "server at $1 did not answer /health" >&2
	return 1
}

log "building into $TMP"
(cd "$ROOT" && go build -o "$TMP/autoleads" . && go build -o "$TMP/ceiling" ./bench/ceiling && go build -o "$TMP/streams" ./bench/streams && go build -o "$TMP/upload" ./bench/upload)
AL=$TMP/autoleads

# --- data -----------------------------------------------------------------
ONE=$TMP/one   # one showroom: 2,000 cars (about 1,600 available), 50,000 leads
MANY=$TMP/many # 1,000 showrooms of 30 cars each
HUGE=$TMP/huge # 10,000 registered showrooms, for the start-up case
log "generating one showroom: 2,000 cars, 50,000 leads (seed $SEED)"
"$AL" --data-dir "$ONE" --json generate --showrooms 1 --prefix bench --cars 2000 --leads 50000 --seed "$SEED" >"$TMP/one.json"
# Fifty more showrooms with 1,000 customers each, for the spread webhook case.
"$AL" --data-dir "$ONE" --json generate --showrooms 50 --prefix wh --cars 20 --leads 1000 --seed "$SEED" --owner=false >"$TMP/wh.json"
if [[ " $CASES " == *" showrooms "* ]]; then
	log "generating 1,000 showrooms of 30 cars"
	"$AL" --data-dir "$MANY" generate --showrooms 1000 --prefix bench --cars 30 --seed "$SEED" --owner=false >/dev/null
fi
if [[ " $CASES " == *" startup "* ]]; then
	log "registering 10,000 showrooms"
	"$AL" --data-dir "$HUGE" generate --showrooms 10000 --prefix bench >/dev/null
fi

# The generator's writes are flushed first: the cases measure the server,
# not the kernel writing back a few hundred megabytes of fresh files.
sync

# --- servers --------------------------------------------------------------

# serve DATA_DIR: starts autoleads on a free port; sets ADDR and PID.
serve() {
	ADDR=127.0.0.1:$(free_port)
	"$AL" --data-dir "$1" serve --addr "$ADDR" --no-rate-limit --log-format json 2>>"$TMP/serve.log" &
	PID=$!
	PIDS+=("$PID")
	wait_health "$ADDR"
}

# stop PID: stops one server this script started.
stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# peak_rss PID: the process's peak resident set (VmHWM), in MB.
peak_rss() {
	awk '/^VmHWM:/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"
}

ROWS=()
WEIGHTS=()
CEIL_RPS=""
CEIL_P99=""

# to_ms turns wrk's latency (850.00us, 1.20ms, 2.00s) into milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
		printf "%.2f", n }'
}

# measure NAME PID TARGET [CONNECTIONS] WRK-ARGS…: runs wrk, appends a row.
measure() {
	local name=$1 pid=$2 target=$3 conns=$4
	shift 4
	local out
	out=$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency "$@")
	local rps p50 p99 errors
	rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
	p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
	p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
	errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr -s ' ' | tr '\n' ';')
	local ratio="" p99ratio=""
	if [ -n "$CEIL_RPS" ]; then
		ratio=$(awk -v a="$rps" -v b="$CEIL_RPS" 'BEGIN {printf "%.2f×", a/b}')
		p99ratio=$(awk -v a="$p99" -v b="$CEIL_P99" 'BEGIN {printf "%.1f×", a/b}')
	else
		CEIL_RPS=$rps
		CEIL_P99=$p99
		ratio="1.00×"
		p99ratio="1.0×"
	fi
	ROWS+=("| $name | $conns | $rps | $p50 | $p99 | $(peak_rss "$pid") | $ratio | $p99ratio | $target |")
	[ -z "$errors" ] || log "$name: $errors"
	log "$name: $rps req/s, p50 $p50 ms, p99 $p99 ms"
}

# lua_list NAME FILE…: the Lua table NAME of the lines of stdin, as strings.
lua_list() {
	echo "$1 = {"
	sed 's/.*/  "&",/'
	echo "}"
}

# --- cases ----------------------------------------------------------------
# webhook_targets JSON: the Lua TARGETS of the webhook script from the
# output of generate --json: each showroom's webhook path, host and seed
# (generate gives showroom k the seed SEED+k-1).
webhook_targets() {
	echo "TARGETS = {"
	tr -d ' \n' <"$1" | grep -o '"tenant":"[^"]*","host":"[^"]*","webhookToken":"[^"]*"' |
		sed 's/"tenant":"\([^"]*\)","host":"\([^"]*\)","webhookToken":"\([^"]*\)"/\1 \2 \3/' |
		awk -v seed="$SEED" '{printf "  {\"/webhook/fonnte/%s?token=%s\", \"%s\", %d},\n", $1, $3, $2, seed + NR - 1}'
	echo "}"
}

LIST='/api/cars?page=1&limit=20&brand=Toyota&maxPrice=300000000'
SITE_LIST='/?brand=Toyota&maxPrice=300000000'
has() { [[ " $CASES " == *" $1 "* ]]; }

# Every ratio needs the ceiling of this run, so it always runs first. It
# also serves, on /size, a body as large as the catalogue page measured
# below: the most a handler can do with answers of that size.
serve "$ONE"
LIST_BYTES=$(curl -sf -H "Host: bench-1.localhost" "http://$ADDR$LIST" | wc -c)
stop "$PID"
CEIL_ADDR=127.0.0.1:$(free_port)
"$TMP/ceiling" -addr "$CEIL_ADDR" -size "$LIST_BYTES" &
CEIL_PID=$!
PIDS+=("$CEIL_PID")
wait_ready() { # the ceiling has no /health: any answer will do
	for _ in $(seq 500); do curl -s -o /dev/null "http://$1/" && return 0; sleep 0.01; done
	return 1
}
wait_ready "$CEIL_ADDR"
measure "ceiling: net/http, fixed 1 KB JSON" "$CEIL_PID" "the limit" "$CONNECTIONS" "http://$CEIL_ADDR/"
if has list; then
	measure "ceiling with a $LIST_BYTES-byte body (the list page's size)" "$CEIL_PID" "for comparison" "$CONNECTIONS" "http://$CEIL_ADDR/size"
fi

if has list || has slug || has site || has sitecar || has leads || has leadsbusy || has inbox || has conversation || has deskweight || has stock || has webhook || has webhook50; then
	serve "$ONE"
	ONE_PID=$PID
	ONE_ADDR=$ADDR
	if has list; then
		measure "public list, 2,000 cars, brand+price filter" "$ONE_PID" "≥ 0.5× rps, p99 ≤ 3×" "$CONNECTIONS" \
			-H "Host: bench-1.localhost" "http://$ONE_ADDR$LIST"
	fi
	if has slug || has sitecar; then
		for page in $(seq 1 20); do
			curl -sf -H "Host: bench-1.localhost" "http://$ONE_ADDR/api/cars?limit=100&page=$page"
		done | grep -o '"slug":"[^"]*"' | cut -d'"' -f4 >"$TMP/slugs"
	fi
	# slugs_script PREFIX HEADERS: the wrk script of random car pages.
	slugs_script() {
		{ echo 'HOST = "bench-1.localhost"'; echo "PREFIX = \"$1\""; echo "HEADERS = {$2}"
			lua_list SLUGS <"$TMP/slugs"; cat "$BENCH/slugs.lua"; } >"$TMP/slugs.lua"
	}
	if has slug; then
		slugs_script /api/cars/ ""
		measure "public car by slug, $(wc -l <"$TMP/slugs") random slugs" "$ONE_PID" "≥ 0.6× rps" "$CONNECTIONS" \
			-s "$TMP/slugs.lua" "http://$ONE_ADDR"
	fi
	# The website's pages, as a phone's browser asks for them (gzip).
	if has site; then
		measure "website catalogue page, brand+price filter (gzip)" "$ONE_PID" "≥ 0.5× rps" "$CONNECTIONS" \
			-H "Host: bench-1.localhost" -H "Accept-Encoding: gzip" "http://$ONE_ADDR$SITE_LIST"
	fi
	if has sitecar; then
		slugs_script /mobil/ '["Accept-Encoding"] = "gzip"'
		measure "website car page, $(wc -l <"$TMP/slugs") random slugs (gzip)" "$ONE_PID" "≥ 0.6× rps" "$CONNECTIONS" \
			-s "$TMP/slugs.lua" "http://$ONE_ADDR"
	fi
	if has leads || has leadsbusy; then
		TOKEN=$(curl -sf -H "Host: bench-1.localhost" -H "Content-Type: application/json" \
			-d '{"email":"owner@bench-1.test","password":"password123"}' \
			"http://$ONE_ADDR/api/admin/auth/login" | sed 's/.*"token":"\([^"]*\)".*/\1/')
		# A showroom's office: a few staff dashboards at once.
		measure "admin lead list, 50,000 leads, status+search" "$ONE_PID" "p99 ≤ 20 ms" 4 \
			-H "Host: bench-1.localhost" -H "Authorization: Bearer $TOKEN" \
			"http://$ONE_ADDR/api/admin/leads?status=hot&search=kredit&limit=20"
	fi
	if has leadsbusy; then
		# The same dashboards while WhatsApp messages arrive all the time,
		# some of them opening new leads, each of which makes the next
		# list recount its total. Not a target: how the list holds up.
		{ echo "CUSTOMERS = 50000"; echo "DELAY = 20"; webhook_targets "$TMP/one.json"; cat "$BENCH/webhook.lua"; } >"$TMP/trickle.lua"
		wrk -t1 -c4 -d"$DURATION" -s "$TMP/trickle.lua" "http://$ONE_ADDR" >"$TMP/trickle.out" &
		TRICKLE=$!
		PIDS+=("$TRICKLE")
		measure "admin lead list while messages arrive (4 senders, 20 ms apart)" "$ONE_PID" "for comparison" 4 \
			-H "Host: bench-1.localhost" -H "Authorization: Bearer $TOKEN" \
			"http://$ONE_ADDR/api/admin/leads?status=hot&search=kredit&limit=20"
		wait "$TRICKLE"
		log "messages during the busy lead list: $(awk '/Requests\/sec:/ {printf "%.0f/s", $2}' "$TMP/trickle.out")"
	fi
	if has inbox || has conversation || has deskweight || has stock; then
		# The dashboard as the owner's phone sees it: a session cookie, gzip.
		SESSION=$(curl -sf -o /dev/null -c - -H "Host: bench-1.localhost" -d "email=owner%40bench-1.test&password=password123" \
			"http://$ONE_ADDR/admin/login" | awk '$6 == "al_session" {print $7}')
		DESK=(-H "Host: bench-1.localhost" -H "Cookie: al_session=$SESSION" -H "Accept-Encoding: gzip")
	fi
	if has inbox; then
		measure "inbox page, 50,000 leads, tab all + status hot (gzip)" "$ONE_PID" "p99 ≤ 25 ms" 4 \
			"${DESK[@]}" "http://$ONE_ADDR/admin/leads?tab=all&status=hot"
		measure "inbox page, 50,000 leads, tab all + search budi (gzip)" "$ONE_PID" "p99 ≤ 25 ms" 4 \
			"${DESK[@]}" "http://$ONE_ADDR/admin/leads?tab=all&q=budi"
	fi
	if has stock; then
		# The owner's stock page: a page of 24 cards out of 2,000 cars, each
		# with its lead count (50,000 leads), and the brand filter's choices.
		measure "stock page, 2,000 cars, first page (gzip)" "$ONE_PID" "p99 ≤ 25 ms" 4 \
			"${DESK[@]}" "http://$ONE_ADDR/admin/cars"
		measure "stock page, 2,000 cars, available + price + search (gzip)" "$ONE_PID" "p99 ≤ 25 ms" 4 \
			"${DESK[@]}" "http://$ONE_ADDR/admin/cars?status=available&minPrice=100.000.000&q=a&page=2"
	fi
	if has conversation; then
		# One customer writes 200 messages through the webhook (a number the
		# generator does not give), then the lead's page is read.
		HOOK=$(webhook_targets "$TMP/one.json" | awk -F'"' 'NR == 2 {print $2}')
		for i in $(seq 200); do
			curl -sf -o "$TMP/hook.json" -H "Host: bench-1.localhost" -H "Content-Type: application/json" \
				-d "{\"sender\":\"6281999000200\",\"name\":\"Budi Percakapan\",\"message\":\"Pesan ke-$i: Avanza masih ada? Bisa kredit?\",\"inboxid\":\"conv-$i\"}" \
				"http://$ONE_ADDR$HOOK"
		done
		LEAD=$(sed 's/.*"leadId":\([0-9]*\).*/\1/' "$TMP/hook.json")
		if curl -sf -o /dev/null "${DESK[@]}" "http://$ONE_ADDR/admin/leads/$LEAD"; then
			measure "conversation page, 200 messages (gzip)" "$ONE_PID" "p99 ≤ 25 ms" 4 \
				"${DESK[@]}" "http://$ONE_ADDR/admin/leads/$LEAD"
		else
			log "conversation: /admin/leads/$LEAD does not answer 200 yet: not measured"
		fi
	fi
	if has deskweight; then
		# What a first visit transfers: the page and every asset it names,
		# each as the browser gets it (gzip), all from the showroom's host.
		desk_weight() {
			local page=$1 html=$TMP/weight.html total=0 n
			n=$(curl -sf "${DESK[@]}" -o "$html.gz" -w '%{size_download}' "http://$ONE_ADDR$page")
			total=$n
			local parts="HTML $n"
			for asset in $(gunzip -c "$html.gz" | grep -o '\(href\|src\)="/[^"]*\.\(css\|js\|svg\|png\|webmanifest\)"' | cut -d'"' -f2 | sort -u); do
				n=$(curl -sf "${DESK[@]}" -o /dev/null -w '%{size_download}' "http://$ONE_ADDR$asset")
				total=$((total + n))
				parts="$parts + ${asset##*/} $n"
			done
			if gunzip -c "$html.gz" | grep -q '\(href\|src\)="https\?://'; then
				parts="$parts; NAMES ANOTHER HOST"
			fi
			WEIGHTS+=("- First load of \`$page\`: $(awk -v b="$total" 'BEGIN {printf "%.1f", b/1024}') KB ($parts bytes; target ≤ 100 KB)")
		}
		desk_weight /admin
		desk_weight "/admin/leads?tab=all"
		for w in "${WEIGHTS[@]}"; do log "$w"; done
	fi
	if has webhook; then
		sync # each write-heavy case starts with no write-back left from the one before
		{ echo "CUSTOMERS = 50000"; webhook_targets "$TMP/one.json"; cat "$BENCH/webhook.lua"; } >"$TMP/webhook1.lua"
		measure "webhook ingest, one showroom" "$ONE_PID" "≥ 5,000 msg/s, p99 ≤ 50 ms" "$CONNECTIONS" \
			-s "$TMP/webhook1.lua" "http://$ONE_ADDR"
	fi
	if has webhook50; then
		sync
		{ echo "CUSTOMERS = 1000"; webhook_targets "$TMP/wh.json"; cat "$BENCH/webhook.lua"; } >"$TMP/webhook50.lua"
		measure "webhook ingest, 50 showrooms" "$ONE_PID" "≥ 5,000 msg/s, p99 ≤ 50 ms" "$CONNECTIONS" \
			-s "$TMP/webhook50.lua" "http://$ONE_ADDR"
	fi
	stop "$ONE_PID"
fi

STREAMS="not run."
if has streams; then
	# A server of its own, so that its memory before the streams open holds
	# none of the other cases' pages and caches.
	serve "$ONE"
	WEBHOOK_PATH=$(webhook_targets "$TMP/one.json" | sed -n '2s/^ *{"\([^"]*\)".*/\1/p')
	STREAMS=$("$TMP/streams" -addr "$ADDR" -host bench-1.localhost -owner owner@bench-1.test \
		-webhook "$WEBHOOK_PATH" -pid "$PID" -streams 200)
	log "live updates: $STREAMS"
	stop "$PID"
fi

UPLOAD="not run."
if has upload; then
	# A server of its own, so that its peak memory holds none of the other
	# cases' pages and caches: a phone's 4 MB photo through the dashboard's
	# photos page, alone and four at once.
	serve "$ONE"
	UPLOAD=$("$TMP/upload" -addr "$ADDR" -host bench-1.localhost -owner owner@bench-1.test -pid "$PID")
	log "photo upload: $UPLOAD"
	stop "$PID"
fi

if has showrooms; then
	serve "$MANY"
	{ echo "PATH = \"/api/cars?page=1&limit=20\""; seq -f "bench-%g.localhost" 1 1000 | lua_list HOSTS; cat "$BENCH/hosts.lua"; } >"$TMP/hosts.lua"
	# Warm-up, not measured: the first request of each showroom opens its
	# database (a few milliseconds) and fills its cache entry. Peak RSS
	# still counts it.
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$TMP/hosts.lua" "http://$ADDR" >/dev/null
	measure "1,000 showrooms, catalogue spread evenly" "$PID" "≥ 0.25× rps, RSS ≤ 128 MB" "$CONNECTIONS" \
		-s "$TMP/hosts.lua" "http://$ADDR"
	stop "$PID"
fi

STARTUP="not run"
if has startup; then
	times=()
	for _ in 1 2 3 4 5; do
		ADDR=127.0.0.1:$(free_port)
		start=$(date +%s%N)
		"$AL" --data-dir "$HUGE" serve --addr "$ADDR" --log-format json 2>>"$TMP/serve.log" &
		PID=$!
		PIDS+=("$PID")
		until curl -sf -o /dev/null "http://$ADDR/health"; do sleep 0.002; done
		times+=($(( ($(date +%s%N) - start) / 1000000 )))
		stop "$PID"
	done
	sorted=($(printf '%s\n' "${times[@]}" | sort -n))
	STARTUP="${sorted[2]} ms (median of ${times[*]} ms)"
	log "start-up with 10,000 showrooms: $STARTUP"
fi

# --- report ---------------------------------------------------------------
echo
echo "AutoLeads load test — $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "Machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$THREADS -d$DURATION --latency; c = connections"
echo
echo "| case | c | req/s | p50 ms | p99 ms | peak RSS MB | req/s ÷ limit | p99 ÷ limit's | target |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
if [ ${#WEIGHTS[@]} -gt 0 ]; then
	printf '%s\n' "${WEIGHTS[@]}"
	echo
fi
if [ "$STARTUP" = "not run" ]; then
	echo "Start-up: not run."
else
	echo "Start-up: \`serve\` answered /health $STARTUP after launch with 10,000 showrooms registered (target ≤ 300 ms)."
fi
echo "Live updates: $STREAMS"
echo "Photo upload: $UPLOAD"
