#!/usr/bin/env bash
# Whole-process benchmark of pushing and rotating API keys against a REAL local PostgreSQL 15
# (hostssl + scram-sha-256, vauth-issued server certificate, verified with --ca-file) and a REAL
# Redis 7 (ACL file; the default user has a password), both on loopback, started here.
#
#   SIZES="10 100" bash benches/push.sh      # default SIZES="10 100"
#   PG_FSYNC=off bash benches/push.sh        # server-side fsync off, as in tests/ (default: on)
#   KEEP=1 bash benches/push.sh              # keep the scratch dir (servers are stopped anyway)
#   BUILD=0 bash benches/push.sh             # no cargo build: time target/release as it is
#
# For each N in $SIZES, fresh homes (examples/seed_home: N kept API keys key-0 … key-{N-1} in one
# commit) and fresh servers (one PostgreSQL cluster, two Redis servers), so every push creates its
# users. Each row is ONE timed run (`date +%s%N` around it; no warm-up, no repeats: the rows change
# state, so a rerun would measure something else). Rows, total seconds and ms per credential:
#   pg batch        vauth push key-0 … key-{N-1} --to pg      one process: one admin connection,
#                   each key applied (SCRAM verifier computed client-side) and probed with a real
#                   TLS login + a wrong-password login, one durable commit of the home
#   redis batch     the same --to cache                       (ACL SETUSER + ACL SAVE, AUTH probes)
#   redis 1/proc    for i: vauth push key-$i --to cache       N processes, a second home and a
#                   second Redis (fresh users too): what one process per key costs
#   rotate 1/proc   for i: vauth key rotate key-$i --grace 1h  N processes, on the home of the
#                   batch rows: each rotation pushes + probes the successor on BOTH targets (pg and
#                   cache) and commits; "ms per credential" is per rotated key (= 2 pushes)
#   rotate apply    vauth rotate apply key-0 … key-{N-1}      one process: the same rotations,
#                   journaled (a commit before and after each push), one admin connection per call
# The goal (issue): <= 20 ms per credential on loopback, SCRAM derivation and durable commit
# included. With two or more sizes, the last table splits each row into a fixed cost and a
# marginal cost per key (a straight line through the smallest and the largest N).
# Not timed, but checked after each row (the script fails loudly otherwise): every command exits 0,
# prints one user per key, `vauth target drift` exits 0 on every target, and key-0's plaintext
# (seed_home writes it to probe.key) logs in for real with psql (TLS, verify-full) and redis-cli.
# Needs: cargo, python3 (a free port), PostgreSQL 15 server + psql (apt-get install postgresql-15),
# redis-server + redis-cli (apt-get install redis-server redis-tools), sha256sum, openssl; as root,
# an OS user `postgres` (PostgreSQL refuses to run as root; the cluster runs via runuser).
# Nothing outside the scratch dir is touched: homes, key files (XDG_CONFIG_HOME), clusters, ACL
# files all live there.
set -euo pipefail

SIZES=${SIZES:-"10 100"}
PG_FSYNC=${PG_FSYNC:-on}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "push.sh: $*" >&2; exit 1; }

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || die "no PostgreSQL 15 in $PGBIN (apt-get install postgresql-15, or set PGBIN)"
for t in cargo python3 psql redis-server redis-cli sha256sum openssl; do
    command -v "$t" >/dev/null || die "missing $t"
done
IS_ROOT=0
if [ "$(id -u)" = 0 ]; then
    IS_ROOT=1
    id postgres >/dev/null 2>&1 || die "running as root and there is no postgres OS user"
fi

# BUILD=0 uses the binaries already in target/release (e.g. while src/ is being edited).
if [ "${BUILD:-1}" = 1 ]; then
    (cd "$root" && cargo build --locked --release --bin vauth --example seed_home >&2)
fi
VAUTH="$root/target/release/vauth"
SEED="$root/target/release/examples/seed_home"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vauth-push.XXXXXX")
chmod 711 "$WORK" # the postgres OS user must traverse it to reach its cluster dir
PG_DATA_DIRS=()
REDIS_PIDS=()
cleanup() {
    local d p
    for d in "${PG_DATA_DIRS[@]+"${PG_DATA_DIRS[@]}"}"; do
        pgrun "$PGBIN/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
    done
    for p in "${REDIS_PIDS[@]+"${REDIS_PIDS[@]}"}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$WORK/config"
export HOME="$WORK"
unset CI VAUTH_HOME VAUTH_MASTER_KEY VAUTH_PASSPHRASE_FILE
# Admin passwords of the servers started here (vauth reads them from these variables).
PG_ADMIN=$(openssl rand -hex 16)
R_ADMIN=$(openssl rand -hex 16)
export PG_ADMIN R_ADMIN
mkdir -p "$WORK/out"

# Run a PostgreSQL server binary as the postgres OS user when root (it refuses root).
pgrun() {
    if [ "$IS_ROOT" = 1 ]; then (cd /tmp && runuser -u postgres -- "$@"); else "$@"; fi
}
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- a CA home (once) and the server certificate both servers' clients verify against
CAH="$WORK/ca/home"
mkdir -p "$WORK/ca"
"$VAUTH" --home "$CAH" ca init -q >/dev/null
"$VAUTH" --home "$CAH" cert issue pg-server -q --profile server --san dns:localhost --san ip:127.0.0.1 \
    --out "$WORK/ca" >/dev/null
"$VAUTH" --home "$CAH" ca export -q --out "$WORK/ca/ca.pem" >/dev/null
CA="$WORK/ca/ca.pem"

# start_pg DIR → sets PG_PORT, PG_RUN. TLS with the vauth server certificate, scram-sha-256 over
# hostssl for everyone; the admin SQL of this script goes over a unix socket only its user can open.
start_pg() {
    local d=$1
    mkdir -p "$d/run" "$d/tls"
    cp "$WORK/ca/pg-server.crt" "$d/tls/server.crt"
    cp "$WORK/ca/pg-server.key" "$d/tls/server.key"
    chmod 600 "$d/tls/server.key"
    printf '%s\n' "$PG_ADMIN" >"$d/pw"
    chmod 755 "$d"
    if [ "$IS_ROOT" = 1 ]; then chown -R postgres:postgres "$d"; fi
    pgrun "$PGBIN/initdb" -D "$d/data" -U postgres --pwfile="$d/pw" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C >"$d/initdb.log" 2>&1 ||
        { cat "$d/initdb.log" >&2; die "initdb failed"; }
    rm -f "$d/pw"
    PG_PORT=$(free_port)
    PG_RUN="$d/run"
    cat >>"$d/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$d/run'
unix_socket_permissions = 0700
ssl = on
ssl_cert_file = '$d/tls/server.crt'
ssl_key_file = '$d/tls/server.key'
password_encryption = 'scram-sha-256'
fsync = $PG_FSYNC
CONF
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' >"$d/data/pg_hba.conf"
    if [ "$IS_ROOT" = 1 ]; then chown postgres:postgres "$d/data/postgresql.conf" "$d/data/pg_hba.conf"; fi
    PG_DATA_DIRS+=("$d/data")
    pgrun "$PGBIN/pg_ctl" -D "$d/data" -l "$d/pg.log" -w -t 30 start >/dev/null ||
        { cat "$d/pg.log" >&2; die "pg_ctl start failed"; }
}
pg_admin_sql() { # pg_admin_sql RUN PORT SQL → trimmed output (unix socket)
    if [ "$IS_ROOT" = 1 ]; then
        (cd /tmp && runuser -u postgres -- psql -h "$1" -p "$2" -U postgres -d postgres -tAc "$3")
    else
        psql -h "$1" -p "$2" -U postgres -d postgres -tAc "$3"
    fi
}

# start_redis DIR → sets R_PORT. An ACL file whose default user has the admin password.
start_redis() {
    local d=$1 i
    mkdir -p "$d"
    printf 'user default on #%s ~* &* +@all\n' "$(printf '%s' "$R_ADMIN" | sha256sum | cut -d' ' -f1)" >"$d/users.acl"
    R_PORT=$(free_port)
    redis-server --port "$R_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
        --aclfile "$d/users.acl" --dir "$d" >"$d/redis.log" 2>&1 &
    REDIS_PIDS+=($!)
    for i in $(seq 100); do
        if REDISCLI_AUTH="$R_ADMIN" redis-cli -h 127.0.0.1 -p "$R_PORT" --user default ping 2>/dev/null |
            grep -q PONG; then
            return 0
        fi
        sleep 0.05
    done
    cat "$d/redis.log" >&2
    die "redis-server on port $R_PORT did not answer PING"
}

# timed ROW N CMD... : run CMD once (stdout → out/ROW-N.out, stderr → out/ROW-N.err), fail loudly,
# record the elapsed ns in T[ROW,N].
declare -A T
timed() {
    local row=$1 n=$2 t0 t1 rc=0
    shift 2
    t0=$(date +%s%N)
    "$@" >"$WORK/out/$row-$n.out" 2>"$WORK/out/$row-$n.err" || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" != 0 ]; then
        echo "push.sh: $row (N=$n) failed with exit $rc; stderr:" >&2
        tail -n 30 "$WORK/out/$row-$n.err" >&2
        exit 1
    fi
    T[$row,$n]=$((t1 - t0))
}
keys() { local i; for ((i = 0; i < $1; i++)); do printf 'key-%d ' "$i"; done; }
push_loop() { # push_loop HOME N TARGET: one process per key
    local i
    for ((i = 0; i < $2; i++)); do "$VAUTH" --home "$1" -q push "key-$i" --to "$3" || return; done
}
rotate_loop() { # rotate_loop HOME N: one process per key; the new keys go to /dev/null
    local i
    for ((i = 0; i < $2; i++)); do "$VAUTH" --home "$1" -q key rotate "key-$i" --grace 1h >/dev/null || return; done
}
no_drift() { # no_drift HOME TARGET... : `target drift` exits 0 on each
    local h=$1 t
    shift
    for t in "$@"; do
        "$VAUTH" --home "$h" target drift "$t" >"$WORK/out/drift.out" 2>&1 ||
            { cat "$WORK/out/drift.out" >&2; die "drift on $t ($h) after the row above"; }
    done
}
lines_are() { # lines_are FILE N : the command printed one user per key
    local got
    got=$(grep -c . "$1" || true)
    [ "$got" = "$2" ] || { cat "$1" >&2; die "$1: $got lines, want $2"; }
}
pg_login() { # pg_login PORT USER PLAINTEXT-FILE : a real TLS (verify-full) + SCRAM login
    PGPASSWORD="$(head -n1 "$3")" psql "host=127.0.0.1 port=$1 dbname=postgres user=$2 sslmode=verify-full sslrootcert=$CA" \
        -tAc 'SELECT 1' 2>&1 | grep -qx 1 || die "psql login as $2 with key-0's plaintext failed"
}
redis_login() { # redis_login PORT USER PLAINTEXT-FILE
    REDISCLI_AUTH="$(head -n1 "$3")" redis-cli -h 127.0.0.1 -p "$1" --user "$2" ping 2>&1 | grep -q PONG ||
        die "redis-cli login as $2 with key-0's plaintext failed"
}

echo "date      : $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus      : $(nproc) ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//'))"
echo "load      : $(cut -d' ' -f1-3 /proc/loadavg)"
echo "vauth     : $("$VAUTH" --version)"
echo "postgres  : $("$PGBIN/postgres" --version) (fsync=$PG_FSYNC, TLS + scram-sha-256)"
echo "redis     : $(redis-server --version | cut -d' ' -f1-3)"
echo "sizes     : $SIZES (one timed run per row)"
echo

for n in $SIZES; do
    D="$WORK/n$n"
    mkdir -p "$D/a" "$D/b"
    HA="$D/a/home" # batch rows, then the rotate loop
    HB="$D/b/home" # the one-process-per-key push loop
    "$SEED" "$HA" "$n" 2>/dev/null
    "$SEED" "$HB" "$n" 2>/dev/null
    start_pg "$D/pg"
    PGP=$PG_PORT PGR=$PG_RUN
    start_redis "$D/redis-a"
    RA=$R_PORT
    start_redis "$D/redis-b"
    RB=$R_PORT

    timed add-pg "$n" "$VAUTH" --home "$HA" -q target add pg --kind postgres \
        --url "postgres://postgres@127.0.0.1:$PGP/postgres" --admin-password-env PG_ADMIN --ca-file "$CA"
    timed add-cache "$n" "$VAUTH" --home "$HA" -q target add cache --kind redis \
        --url "redis://default@127.0.0.1:$RA" --admin-password-env R_ADMIN
    "$VAUTH" --home "$HB" -q target add cache --kind redis \
        --url "redis://default@127.0.0.1:$RB" --admin-password-env R_ADMIN

    # shellcheck disable=SC2046 # one word per key
    timed pg-batch "$n" "$VAUTH" --home "$HA" -q push $(keys "$n") --to pg
    lines_are "$WORK/out/pg-batch-$n.out" "$n"
    no_drift "$HA" pg
    roles=$(pg_admin_sql "$PGR" "$PGP" "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'key\_%\_a' AND rolcanlogin")
    [ "$roles" = "$n" ] || die "pg: $roles login roles key_*_a, want $n"
    pg_login "$PGP" key_0_a "$D/a/probe.key"

    # shellcheck disable=SC2046
    timed redis-batch "$n" "$VAUTH" --home "$HA" -q push $(keys "$n") --to cache
    lines_are "$WORK/out/redis-batch-$n.out" "$n"
    no_drift "$HA" cache
    redis_login "$RA" key-0 "$D/a/probe.key"

    timed redis-loop "$n" push_loop "$HB" "$n" cache
    lines_are "$WORK/out/redis-loop-$n.out" "$n"
    no_drift "$HB" cache
    redis_login "$RB" key-0 "$D/b/probe.key"

    timed rotate-loop "$n" rotate_loop "$HA" "$n"
    no_drift "$HA" pg cache
    roles=$(pg_admin_sql "$PGR" "$PGP" "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'key\_%\_b' AND rolcanlogin")
    [ "$roles" = "$n" ] || die "pg after rotate: $roles login roles key_*_b, want $n"
    # key-0's first version is still valid during the grace, on both targets.
    pg_login "$PGP" key_0_a "$D/a/probe.key"
    redis_login "$RA" key-0 "$D/a/probe.key"

    # The same keys once more, by `vauth rotate apply NAME...`: one process, one admin
    # connection per target, journaled (a state commit before and after every push).
    # shellcheck disable=SC2046
    timed rotate-apply "$n" "$VAUTH" --home "$HA" -q rotate apply $(keys "$n")
    no_drift "$HA" pg cache
    roles=$(pg_admin_sql "$PGR" "$PGP" "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'key\_%\_a' AND rolcanlogin")
    [ "$roles" = "$n" ] || die "pg after rotate apply: $roles login roles key_*_a, want $n"

    echo "N=$n: ok (drift none on every target; key-0 logs in; target add pg $((T[add-pg,$n] / 1000000)) ms, cache $((T[add-cache,$n] / 1000000)) ms)"
    # This N's servers are no longer needed.
    pgrun "$PGBIN/pg_ctl" -D "$D/pg/data" -m immediate stop >/dev/null 2>&1 || true
done

echo
printf '%-44s%8s%12s%16s  %s\n' row N "total s" "ms/credential" "goal <= 20 ms"
for row in pg-batch redis-batch redis-loop rotate-loop rotate-apply; do
    case $row in
        pg-batch) label="push --to pg, batch (1 process)" ;;
        redis-batch) label="push --to cache, batch (1 process)" ;;
        redis-loop) label="push --to cache, 1 process per key" ;;
        rotate-loop) label="key rotate (pg + cache), 1 process per key" ;;
        rotate-apply) label="rotate apply NAME... (pg + cache), 1 process" ;;
    esac
    for n in $SIZES; do
        ns=${T[$row,$n]}
        per=$((ns / n))
        verdict=ok
        [ "$per" -le 20000000 ] || verdict=MISS
        printf '%-44s%8d%12s%16s  %s\n' "$label" "$n" \
            "$(awk -v v="$ns" 'BEGIN { printf "%.3f", v / 1e9 }')" \
            "$(awk -v v="$per" 'BEGIN { printf "%.2f", v / 1e6 }')" "$verdict"
    done
done

set -- $SIZES
if [ $# -ge 2 ]; then
    lo=$1
    hi=${!#}
    echo
    echo "fixed + marginal cost (a line through N=$lo and N=$hi):"
    printf '%-44s%14s%16s\n' row "fixed ms" "ms per key"
    for row in pg-batch redis-batch redis-loop rotate-loop rotate-apply; do
        awk -v row="$row" -v lo="$lo" -v hi="$hi" -v tlo="${T[$row,$lo]}" -v thi="${T[$row,$hi]}" 'BEGIN {
            slope = (thi - tlo) / (hi - lo); fixed = tlo - slope * lo
            printf "%-44s%14.1f%16.2f\n", row, fixed / 1e6, slope / 1e6 }'
    done
fi
