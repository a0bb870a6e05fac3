#!/usr/bin/env bash
# CarePlan Link — a throwaway PostgreSQL cluster on loopback, for the tests, the benchmarks and trying the hub.
#
#   Scripts/postgres.sh start [DIR] [PORT]   installs PostgreSQL from Debian's packages when missing, creates a new
#                                             cluster in DIR (default .build-postgres/cluster, port 54329), starts it
#                                             on 127.0.0.1 only, and prints the URL to use (also in DIR/url)
#   Scripts/postgres.sh stop [DIR]           stops it (the folder stays until you delete it)
#
# The cluster is real: fsync and synchronous_commit on (PostgreSQL's defaults), password login (SCRAM) over TCP as
# the role `careplan`, the database `careplan`. Nothing listens beyond loopback.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

command=${1:-}
dir=${2:-.build-postgres/cluster}
port=${3:-54329}

bin_dir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# PostgreSQL refuses to run as root: the cluster belongs to the `postgres` user when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
    if [ -z "$(bin_dir)" ] || [ ! -x "$(bin_dir)/initdb" ]; then
        # Everything but the URL goes to stderr: callers read the URL from stdout.
        echo "postgres.sh: installing postgresql" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    bin=$(bin_dir)
    mkdir -p "$dir"
    dir=$(readlink -f "$dir")
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
    fi
    rm -rf "$dir/data" "$dir/socket"
    mkdir -p "$dir/data" "$dir/socket"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" > "$dir/password"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U careplan --pwfile="$dir/password" --auth-host=scram-sha-256 --auth-local=trust \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    # Many test stores (one schema each) open pools of their own: room for them.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket -c max_connections=400 -c shared_buffers=128MB" >/dev/null
    as_owner "$bin/psql" -h "$dir/socket" -p "$port" -U careplan -d postgres -qc "CREATE DATABASE careplan" >/dev/null
    url="postgres://careplan:$password@127.0.0.1:$port/careplan"
    printf '%s\n' "$url" > "$dir/url"
    echo "$url"
    ;;
stop)
    bin=$(bin_dir)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null
    fi
    ;;
*)
    echo "usage: Scripts/postgres.sh start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
