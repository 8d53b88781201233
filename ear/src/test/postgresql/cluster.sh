#!/usr/bin/env bash
# A private PostgreSQL cluster for the integration suite: cluster.sh start|stop DIR PORT
# Uses Debian's postgresql binaries; as root the cluster runs as the 'postgres' user.
set -euo pipefail
action=$1 dir=$2 port=$3
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed: apt-get install postgresql (./arena test does), or skip with -Dit.postgresql.skip=true" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
start)
    rm -rf "$dir"; mkdir -p "$dir"
    # as root the cluster lives in a directory that the postgres user owns
    if [ "$(id -u)" = 0 ]; then
        data=$(mktemp -d /tmp/arena-pg.XXXXXX); chown postgres "$data"; echo "$data" > "$dir/datadir"
    else
        data="$dir/data"; echo "$data" > "$dir/datadir"
    fi
    as_owner "$bin/initdb" -D "$data/cluster" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE arena LOGIN PASSWORD 'arena'" -c "CREATE DATABASE arena OWNER arena"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port (data $data)"
    ;;
stop)
    if [ -f "$dir/datadir" ]; then
        data=$(cat "$dir/datadir")
        if [ -d "$data/cluster" ]; then
            cp "$data/server.log" "$dir/server.log" 2>/dev/null || true
            as_owner "$bin/pg_ctl" -D "$data/cluster" -m fast -w stop || true
        fi
        rm -rf "$data"
    fi
    ;;
*) echo "usage: cluster.sh start|stop DIR PORT" >&2; exit 2 ;;
esac
