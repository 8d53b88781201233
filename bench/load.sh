#!/usr/bin/env bash
# Reads under load against a real server, side by side with GET /status (no credentials, no database) in the same run:
# requests per second and latency percentiles of an authenticated GET /me, the catalogue and a use case's leaderboard, at 50 and
# 200 connections (keep-alive), with Debian's wrk. Starts its own server on a temporary data directory (port 8080 must
# be free), makes a use case with two teams and a scored submission through the API, measures, stops the server.
#   bench/load.sh [seconds per run, default 15]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-15}
if [ "$(id -u)" = 0 ]; then
    for pkg in wrk curl pocl-opencl-icd; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
    done
fi
data=$(mktemp -d)
log="$data/server.log"
ARENA_DATA_DIR="$data" ./arena run -Darena.demo-data=false > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; pkill -f "arena.data.dir=$data" 2>/dev/null || true' EXIT
api=http://localhost:8080/arena/api/v1
for _ in $(seq 1 240); do
    curl -sf "$api/status" > /dev/null && break
    sleep 1
done
. "$root/bench/usecase.sh"
slug=load-bench
make_use_case "$slug" "$data"
make_submission "$slug"
# the catalogue alice reads: the bench's use case and eleven public drafts
for n in $(seq 1 11); do
    call hana:hana POST use-cases "{\"slug\":\"catalogue-$n\",\"title\":\"Catalogue $n\",\"category\":\"TABULAR_CLASSIFICATION\",\"primaryMetric\":\"accuracy\",\"visibility\":\"PUBLIC\"}" > /dev/null
done

basic="Authorization: Basic $(printf alice:alice | base64)"
# warm-up (discarded): the JIT compiles the request paths first; 8 s each left the first measured lines 2-3x low
for url in "$api/status" "$api/me" "$api/use-cases" "$api/use-cases/$slug/leaderboard"; do
    wrk -t2 -c50 -d20s -H "$basic" "$url" > /dev/null
done
echo "== reads under load: wrk, 2 threads, ${seconds} s per run, keep-alive; this machine: $(nproc) cores"
printf '%-40s %6s %10s %9s %9s %9s\n' "request" "conns" "req/s" "p50 ms" "p99 ms" "vs status"
for connections in 50 200; do
    status_rps=
    for target in "GET /status|$api/status|" "GET /me (Basic)|$api/me|$basic" "GET /use-cases (Basic)|$api/use-cases|$basic" \
                  "GET leaderboard (Basic)|$api/use-cases/$slug/leaderboard|$basic"; do
        IFS='|' read -r name url header <<< "$target"
        out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency ${header:+-H "$header"} "$url")
        rps=$(echo "$out" | awk '/^Requests\/sec/{print $2}')
        p50=$(echo "$out" | awk '$1=="50%"{print $2}')
        p99=$(echo "$out" | awk '$1=="99%"{print $2}')
        non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
        [ -z "$status_rps" ] && status_rps=$rps
        awk -v n="$name" -v c="$connections" -v r="$rps" -v a="$p50" -v b="$p99" -v s="$status_rps" -v x="$non2xx" '
            function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
            BEGIN { printf "%-40s %6s %10.0f %9.1f %9.1f %8.2fx%s\n", n, c, r, ms(a), ms(b), r / s, (x == "" ? "" : "  (" x " non-2xx!)") }'
    done
done
