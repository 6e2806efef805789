#!/usr/bin/env bash
# The Litestream drill: deploy/litestream.yml run for real against a live
# node, then a hard stop and a restore from the replica.
#
#   deploy/litestream-test.sh WORKDIR [SECONDS]
#
# In WORKDIR (created, must be empty) it builds autoleads, creates showroom
# alpha, starts `autoleads serve` and `litestream replicate` with
# deploy/litestream.yml pointed at WORKDIR/data and WORKDIR/replica, then
# creates showroom beta (so it exists only after Litestream started). For
# SECONDS (default 8) it writes WhatsApp messages to both through the
# webhook and leads to alpha through the API, appending each acknowledged
# write to WORKDIR/acks.tsv (showroom, table, key, time of the answer in Unix
# ms). Then kill -9 of both processes at once (its time in WORKDIR/killed_ms),
# and `litestream restore` of the registry and of every showroom the restored
# registry lists into the empty WORKDIR/restored, which `autoleads backup`
# then checks (PRAGMA integrity_check of every database).
#
# deploy/litestream_test.go runs it and compares acks.tsv with the restored
# databases. It stops only the processes it started. Needs litestream on the
# PATH (or LITESTREAM=path), curl and go.
set -euo pipefail

WORK=${1:?usage: deploy/litestream-test.sh WORKDIR [SECONDS]}
SECONDS_OF_WRITES=${2:-8}
LITESTREAM=${LITESTREAM:-litestream}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v "$LITESTREAM" >/dev/null || { echo "litestream is not installed: go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18" >&2; exit 1; }
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
[ -z "$(ls -A "$WORK")" ] || { echo "$WORK is not empty" >&2; exit 1; }

now_ms() { date +%s%3N; }

BIN=$WORK/autoleads
(cd "$ROOT" && go build -o "$BIN" .)
DATA=$WORK/data REPLICA=$WORK/replica RESTORED=$WORK/restored
sed -e "s#/var/lib/autoleads#$DATA#g" -e "s#/var/backups/litestream#$REPLICA#g" \
	"$ROOT/deploy/litestream.yml" >"$WORK/litestream.yml"

PIDS=()
stop_all() {
	for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	PIDS=()
}
trap stop_all EXIT

al() { "$BIN" --data-dir "$DATA" "$@"; }
al tenant create --slug alpha --name Alpha --host alpha.test --status active >/dev/null
AUTOLEADS_PASSWORD=drill-password-1 al user create --tenant alpha --email owner@alpha.test --name Owner --role owner >/dev/null

# A random port nothing listens on (bash connects to test it).
PORT=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((20000 + RANDOM % 20000)); done
B=http://127.0.0.1:$PORT
"$BIN" --data-dir "$DATA" serve --addr "127.0.0.1:$PORT" --no-rate-limit >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
SERVE=$!
"$LITESTREAM" replicate -config "$WORK/litestream.yml" >"$WORK/litestream.log" 2>&1 &
PIDS+=($!)
REPLICATE=$!

# wait_for DESCRIPTION CMD…: retries CMD for up to 15 s.
wait_for() {
	local what=$1
	shift
	for _ in $(seq 150); do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.1
	done
	echo "gave up waiting for $what; serve.log and litestream.log in $WORK" >&2
	exit 1
}
wait_for "the server" curl -sf "$B/health"
wait_for "the first replica" test -d "$REPLICA/tenants/alpha/tenant.db"

# A showroom Litestream has never seen: the server picks it up within 5 s.
al tenant create --slug beta --name Beta --host beta.test --status active >/dev/null
token() { al tenant show "$1" --json | sed -n 's/^ *"webhookToken": *"\([^"]*\)".*/\1/p'; }
TOKEN_ALPHA=$(token alpha) TOKEN_BETA=$(token beta)
wait_for "the server to serve beta" curl -sf -o /dev/null -H 'Host: beta.test' "$B/api/cars"
JWT=$(curl -sf -H 'Host: alpha.test' -H 'Content-Type: application/json' \
	-d '{"email":"owner@alpha.test","password":"drill-password-1"}' "$B/api/admin/auth/login" |
	sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$JWT" ] || { echo "could not sign in to alpha" >&2; exit 1; }

# post EXPECTED_STATUS URL BODY [CURL ARGUMENT…]: 0 when the answer had
# that status.
post() {
	local want=$1 url=$2 body=$3 code
	shift 3
	code=$(curl -s -o "$WORK/answer" -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
		"$@" -d "$body" "$url") || return 1
	[ "$code" = "$want" ] || { echo "$url answered $code: $(cat "$WORK/answer")" >&2; return 1; }
}

# The writer: one write after another, as fast as the server answers, until
# the server is gone. A write counts only once its success answer arrived.
writer() {
	local i=0 slug token text phone
	while true; do
		i=$((i + 1))
		for slug in alpha beta; do
			[ $slug = alpha ] && token=$TOKEN_ALPHA || token=$TOKEN_BETA
			text="$slug-message-$i"
			post 200 "$B/webhook/fonnte/$slug?token=$token" \
				"{\"sender\":\"62812$(printf '%07d' $((i % 40)))\",\"name\":\"Customer $((i % 40))\",\"message\":\"$text\",\"inboxid\":\"$text\"}" ||
				return 0
			printf '%s\tmessages\t%s\t%s\n' $slug "$text" "$(now_ms)" >>"$WORK/acks.tsv"
		done
		phone="+62813$(printf '%08d' $i)"
		post 201 "$B/api/admin/leads" "{\"customerPhone\":\"$phone\",\"customerName\":\"Walk-in $i\",\"source\":\"direct\"}" \
			-H "Authorization: Bearer $JWT" -H 'Host: alpha.test' || return 0
		printf 'alpha\tleads\t%s\t%s\n' "$phone" "$(now_ms)" >>"$WORK/acks.tsv"
	done
}
: >"$WORK/acks.tsv"
writer &
WRITER=$!
sleep "$SECONDS_OF_WRITES"
kill -9 "$SERVE" "$REPLICATE"
now_ms >"$WORK/killed_ms"
wait "$WRITER" || true
stop_all
[ -s "$WORK/acks.tsv" ] || { echo "no write was acknowledged; serve.log in $WORK" >&2; exit 1; }

# Restore into an empty directory: the registry first, then every showroom it
# lists, each from its own path in the replica.
mkdir -p "$RESTORED"
"$LITESTREAM" restore -o "$RESTORED/registry.db" "file://$REPLICA/registry.db"
slugs=$("$BIN" --data-dir "$RESTORED" tenant list --json | sed -n 's/^    "slug": *"\([^"]*\)".*/\1/p')
for slug in $slugs; do
	mkdir -p "$RESTORED/tenants/$slug"
	"$LITESTREAM" restore -o "$RESTORED/tenants/$slug/tenant.db" "file://$REPLICA/tenants/$slug/tenant.db"
done
"$BIN" --data-dir "$RESTORED" backup --out "$WORK/check" >"$WORK/check.txt"
echo "restored $(echo $slugs | wc -w) showrooms and the registry into $RESTORED, every database integrity ok;" \
	"$(wc -l <"$WORK/acks.tsv") writes acknowledged in $WORK/acks.tsv"
