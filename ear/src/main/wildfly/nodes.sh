#!/usr/bin/env bash
# A local ML Arena cluster on this machine, for trying and testing (./arena cluster and ClusterIT use it):
#   nodes.sh start SERVER WORK N OFFSET   a fresh private PostgreSQL (unless ARENA_DB_URL names one), WildFly's
#                                         mod_cluster balancer at port offset OFFSET (HTTP 8080+OFFSET) and N nodes of
#                                         standalone-ha.xml at offsets OFFSET+100, +200... sharing the data directory
#                                         ARENA_DATA_DIR (default WORK/data, emptied with a fresh database)
#   nodes.sh node SERVER WORK K           (re)start node K of a started cluster
#   nodes.sh kill WORK K                  kill -9 node K (a crash)
#   nodes.sh stop WORK                    stop every process of the cluster, PostgreSQL last
# SERVER is the WildFly that the build configured (ear/target/wildfly-*), the application ARENA_EAR (default: the
# build's, beside SERVER). Each process
# gets its own base directory under WORK (configuration, logs, pid); what they share is the database and the data directory.
# Offsets are 100 apart: JGroups' TCP port (7600+offset) and its failure detection's (+1) must not collide. Keep every
# port below 32768 (OFFSET + 100 N + 9993): above, the kernel hands out the same ports to outgoing connections.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
postgresql="$here/../../test/postgresql/cluster.sh"

action=${1:?usage: nodes.sh start SERVER WORK N OFFSET | node SERVER WORK K | kill WORK K | stop WORK}

# what start wrote down for the other actions
settings() { . "$work/cluster.env"; }

http_up() { # URL: answers 200 within 2 s
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)" = 200 ]
}

wait_for() { # what URL seconds
    local what=$1 url=$2 seconds=$3 i
    for ((i = 0; i < seconds; i++)); do
        http_up "$url" && return 0
        sleep 1
    done
    echo "nodes.sh: $what did not answer $url within $seconds s; see its log under $work" >&2
    return 1
}

base_dir() { # NAME CONFIG: a base directory of its own, from the configured server's
    local dir="$work/$1"
    if [ ! -d "$dir/configuration" ]; then
        mkdir -p "$dir"
        cp -r "$server/standalone/configuration" "$dir/"
        mkdir -p "$dir/deployments"
        if [ "$2" = standalone-ha.xml ]; then cp "${ARENA_EAR:-$server/../arena.ear}" "$dir/deployments/arena.ear"; fi
    fi
    echo "$dir"
}

launch() { # NAME CONFIG OFFSET [WildFly arguments]: in the background, its java's pid in NAME.pid
    local name=$1 config=$2 offset=$3; shift 3
    local dir; dir=$(base_dir "$name" "$config")
    rm -f "$work/$name.pid"
    JBOSS_PIDFILE="$work/$name.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 RUN_CONF="$server/bin/arena.conf" ARENA_HEAP="${ARENA_HEAP:-1g}" \
        nohup "$server/bin/standalone.sh" -c "$config" -Djboss.server.base.dir="$dir" -Djboss.socket.binding.port-offset="$offset" "$@" \
        >"$work/$name.out" 2>&1 &
}

start_node() { # K
    local k=$1 offset=$((offset + 100 * $1))
    ARENA_DB_URL="$db_url" ARENA_DB_USER="$db_user" ARENA_DB_PASSWORD="$db_password" ARENA_DB=postgresql \
        launch "node$k" standalone-ha.xml "$offset" -Djboss.node.name="node$k" -Djboss.tx.node.id="node$k" \
        -Darena.cluster.members="$members" -Darena.balancer.port=$((8090 + offset_base)) -Darena.data.dir="$data" ${ARENA_NODE_ARGS:-}
}

node_url() { echo "http://127.0.0.1:$((8080 + offset + 100 * $1))/arena/api/v1/status"; }

case "$action" in
start)
    server=$(cd "${2:?SERVER}" && pwd) work=${3:?WORK} nodes=${4:?N} offset=${5:?OFFSET}
    mkdir -p "$work"; work=$(cd "$work" && pwd)
    # every process starts from this build's configuration and application
    rm -rf "$work"/node* "$work"/balancer*
    offset_base=$offset
    data=${ARENA_DATA_DIR:-$work/data}
    if [ -n "${ARENA_DB_URL:-}" ]; then
        db_url=$ARENA_DB_URL db_user=${ARENA_DB_USER:-arena} db_password=${ARENA_DB_PASSWORD:-arena}
    else
        # a fresh private database, so fresh files too: files of another database's datasets would be taken for theirs
        rm -rf "$data"
        pg_port=$((5432 + offset + 1))
        bash "$postgresql" start "$work/postgresql" "$pg_port"
        db_url="jdbc:postgresql://127.0.0.1:$pg_port/arena" db_user=arena db_password=arena
    fi
    members=""
    for ((k = 1; k <= nodes; k++)); do members="$members${members:+,}127.0.0.1[$((7600 + offset + 100 * k))]"; done
    cat >"$work/cluster.env" <<EOF
server='$server' nodes=$nodes offset=$offset offset_base=$offset data='$data'
db_url='$db_url' db_user='$db_user' db_password='$db_password' members='$members'
EOF
    launch balancer standalone-load-balancer.xml "$offset"
    # the first node alone: it creates or extends the schema and seeds an empty database before others join
    start_node 1
    wait_for node1 "$(node_url 1)" 240
    for ((k = 2; k <= nodes; k++)); do start_node "$k"; done
    for ((k = 2; k <= nodes; k++)); do wait_for "node$k" "$(node_url "$k")" 240; done
    wait_for balancer "http://127.0.0.1:$((8080 + offset))/arena/api/v1/status" 60
    echo "ML Arena cluster: $nodes nodes behind http://localhost:$((8080 + offset))/arena/ (nodes on HTTP ports" \
        "$(for ((k = 1; k <= nodes; k++)); do printf '%s ' $((8080 + offset + 100 * k)); done)), database $db_url, files $data"
    ;;
node)
    server=$(cd "${2:?SERVER}" && pwd) work=$(cd "${3:?WORK}" && pwd) k=${4:?K}
    settings
    start_node "$k"
    wait_for "node$k" "$(node_url "$k")" 240
    ;;
kill)
    work=$(cd "${2:?WORK}" && pwd) k=${3:?K}
    kill -9 "$(cat "$work/node$k.pid")"
    ;;
stop)
    work=$(cd "${2:?WORK}" && pwd)
    pids=$(cat "$work"/*.pid 2>/dev/null || true)
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 60; i++)); do
        alive=""; for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
        [ -z "$alive" ] && break
        sleep 1
    done
    for pid in ${alive:-}; do kill -9 "$pid" 2>/dev/null || true; done
    rm -f "$work"/*.pid
    if [ -d "$work/postgresql" ]; then bash "$postgresql" stop "$work/postgresql" 0; fi
    ;;
*)
    echo "usage: nodes.sh start SERVER WORK N OFFSET | node SERVER WORK K | kill WORK K | stop WORK" >&2
    exit 2
    ;;
esac
