#!/usr/bin/env bash
# One node against three, through the balancer, in the same run: a local cluster (ear/src/main/wildfly/nodes.sh, as
# ./arena cluster; its own PostgreSQL, balancer HTTP on 29080) with 1 node, then with 3, each time a fresh use case:
#   - reads: GET /status and an authenticated leaderboard, wrk at 50 connections (keep-alive), requests per second
#   - trainings per minute: TRAININGS small MLP trainings queued at once, from the first queued to the last ended
# printed side by side with the ratio 3 nodes / 1 node.   bench/cluster.sh [seconds per read run, default 15] [trainings, default 12]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-15}
trainings=${2:-12}
if [ "$(id -u)" = 0 ]; then
    for pkg in wrk curl pocl-opencl-icd postgresql; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
    done
fi
work=$(mktemp -d)
mvn -B -q package -DskipTests -Darena.commit="$(git describe --always --dirty --abbrev=12 2>/dev/null || true)" > "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log" >&2; exit 1; }
server=$(ls -d "$root"/ear/target/wildfly-*/ | head -1)
# every port below 32768, where the kernel's ephemeral ports (outgoing connections) begin: at offset 30000 a node's
# management port (40290) was taken by one
offset=21000
api=http://localhost:$((8080 + offset))/arena/api/v1
nodes_sh="$root/ear/src/main/wildfly/nodes.sh"
trap 'bash "$nodes_sh" stop "$work/cluster" > /dev/null 2>&1 || true' EXIT
. "$root/bench/usecase.sh"
basic="Authorization: Basic $(printf alice:alice | base64)"

rps() { # URL [header]: requests per second of wrk at 50 connections; p99 in ms after a space
    local out
    out=$(wrk -t2 -c50 -d"${seconds}s" --latency ${2:+-H "$2"} "$1")
    echo "$out" | awk '/^Requests\/sec/{r=$2} $1=="99%"{p=$2} /Non-2xx/{x=$NF}
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        END { printf "%.0f %.1f %s\n", r, ms(p), (x == "" ? 0 : x) }'
}

declare -A result
for nodes in 1 3; do
    ARENA_HEAP=2g ARENA_NODE_ARGS="-Darena.demo-data=false" bash "$nodes_sh" start "$server" "$work/cluster" "$nodes" "$offset" > "$work/start-$nodes.log" 2>&1 \
        || { cat "$work/start-$nodes.log" >&2; exit 1; }
    slug=cluster-bench-$nodes
    make_use_case "$slug" "$work"
    make_submission "$slug"
    # warm-up (discarded): the JIT compiles the request paths first, on every node the balancer picks (8 s were not
    # enough for a fresh node: /status ran at 170 req/s, then 400)
    wrk -t2 -c50 -d20s "$api/status" > /dev/null
    wrk -t2 -c50 -d20s -H "$basic" "$api/use-cases/$slug/leaderboard" > /dev/null
    result[$nodes,status]=$(rps "$api/status")
    result[$nodes,leaderboard]=$(rps "$api/use-cases/$slug/leaderboard" "$basic")
    ids=()
    start=$(date +%s.%N)
    for i in $(seq 1 "$trainings"); do
        ids+=("$(call alice:alice POST "use-cases/$slug/experiments" \
            "{\"title\":\"t$i\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"32\"},\"epochs\":150,\"batchSize\":16,\"seed\":$i,\"patience\":0}" | json "['id']")")
    done
    declare -A by_node=()
    for id in "${ids[@]}"; do
        status=$(await_experiment "$slug" "$id")
        [ "$status" = COMPLETED ] || { echo "training $id ended $status" >&2; exit 1; }
        node=$(call alice:alice GET "use-cases/$slug/experiments/$id" | json "['node']")
        by_node[$node]=$((${by_node[$node]:-0} + 1))
    done
    end=$(date +%s.%N)
    result[$nodes,trainings]=$(awk -v n="$trainings" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f %.1f", n * 60 / (b - a), b - a }')
    result[$nodes,spread]=$(for n in "${!by_node[@]}"; do printf '%s:%s ' "$n" "${by_node[$n]}"; done)
    bash "$nodes_sh" stop "$work/cluster" > /dev/null 2>&1
done

echo "== one node against three, through WildFly's mod_cluster balancer; this machine: $(nproc) cores"
printf '%-44s %14s %14s %8s\n' "" "1 node" "3 nodes" "3 / 1"
row() { # label index-in-result-field unit
    local one three
    one=$(echo "${result[1,$2]}" | awk -v i="$3" '{print $i}')
    three=$(echo "${result[3,$2]}" | awk -v i="$3" '{print $i}')
    awk -v l="$1" -v a="$one" -v b="$three" 'BEGIN { printf "%-44s %14s %14s %7.2fx\n", l, a, b, (a > 0 ? b / a : 0) }'
}
row "GET /status, req/s (50 connections)" status 1
row "GET /status, p99 ms" status 2
row "GET leaderboard (Basic), req/s" leaderboard 1
row "GET leaderboard (Basic), p99 ms" leaderboard 2
row "trainings per minute ($trainings queued at once)" trainings 1
row "  seconds from first queued to last ended" trainings 2
echo "non-2xx answers: status ${result[1,status]##* } / ${result[3,status]##* }, leaderboard ${result[1,leaderboard]##* } / ${result[3,leaderboard]##* }"
echo "trainings by node: 1 node: ${result[1,spread]}; 3 nodes: ${result[3,spread]}"
