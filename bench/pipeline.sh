#!/usr/bin/env bash
# The pipelines against a real server: submission -> leaderboard time on a 10,000-row test set, and the
# overhead of the training job over the bare engine for one epoch. Starts its own server on a temporary
# data directory (port 8080 must be free), runs bench PipelineBench, stops the server.
#   bench/pipeline.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ "$(id -u)" = 0 ]; then
    for pkg in dataset-fashion-mnist pocl-opencl-icd; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
    done
fi
mvn -B -q install -DskipTests
data=$(mktemp -d)
log="$data/server.log"
ARENA_DATA_DIR="$data" ./arena run -Darena.demo-data=false > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; pkill -f "arena.data.dir=$data" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf http://localhost:8080/arena/api/v1/status > /dev/null && break
    sleep 1
done
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
jsig="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/libjsig.so"
echo "== pipelines: one MLP epoch as a batch job versus the bare engine; submission -> leaderboard"
POCL_AFFINITY="${POCL_AFFINITY:-1}" LD_PRELOAD="$jsig" java -Xmx4g -cp "$cp" org.mlarena.bench.PipelineBench http://localhost:8080/arena/ "$data"
