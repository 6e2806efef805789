#!/usr/bin/env bash
# The two-node rehearsal (docs/operations.md, The two-node rehearsal): Caddy
# in front of two AutoLeads nodes on loopback, each replicated by
# Litestream; showroom malang moves from node A to node B while clients
# write to it through Caddy, node A is killed during the export and node B
# during the import, and the move is run again after each. Then it checks
# that nothing acknowledged was lost or doubled and prints a report.
#
#   deploy/rehearsal.sh [--faults=false] [--timeout 5m]
#
# Needs go, caddy (Debian's package) and litestream (go install
# github.com/benbjohnson/litestream/cmd/litestream@v0.5.18). It takes about
# a minute, uses loopback ports it finds free, stops only the
# processes it started, and removes its directory when it passes (kept,
# with every log, when it fails; REHEARSAL_DIR=dir picks the directory).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
for tool in go "${CADDY:-caddy}" "${LITESTREAM:-litestream}"; do
	command -v "$tool" >/dev/null || { echo "rehearsal: $tool is not installed (see the comment at the top of $0)" >&2; exit 1; }
done
WORK=${REHEARSAL_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/autoleads-rehearsal.XXXXXX")}
mkdir -p "$WORK"
[ -z "$(ls -A "$WORK")" ] || { echo "rehearsal: $WORK is not empty" >&2; exit 1; }
WORK=$(cd "$WORK" && pwd)

mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -o "$WORK/bin/autoleads" . && go build -o "$WORK/bin/rehearsal" ./deploy/rehearsal)
if "$WORK/bin/rehearsal" --autoleads "$WORK/bin/autoleads" --caddy "${CADDY:-caddy}" \
	--litestream "${LITESTREAM:-litestream}" --litestream-config "$ROOT/deploy/litestream.yml" --work "$WORK" "$@"; then
	[ -n "${REHEARSAL_DIR:-}" ] || rm -rf "$WORK"
else
	echo "rehearsal failed: the nodes' data, replicas and logs are in $WORK" >&2
	exit 1
fi
