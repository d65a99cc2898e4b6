#!/usr/bin/env bash
# Per-operation cost on a directory home vs a PostgreSQL home, at two home sizes, side by side in
# ONE run (issue 12, "Measured"): compare the ratios, not absolute times across runs.
#
#   bash benches/home-backends.sh                 # SIZES="100 10000", RUNS=15
#   SIZES="100 1000" RUNS=5 bash benches/home-backends.sh
#
# Rows (hyperfine -N, medians), each on both backends at each size:
#   key create     vauth key create bench --force          (the home's size stays constant)
#   key verify     vauth key verify key-0 --key-file probe.key
#   jwt sign       vauth jwt sign --key sig --exp 1h --subtle    (HS256 signing key in the vault)
#   rotate apply   vauth rotate apply key-1 --yes          (per key; --yes ends the oldest version)
# Then two ratio tables: cost at the large size / cost at the small one (goal ≤ 1.5 on both
# backends), and PostgreSQL / directory (goal ≤ 3 for single commands).
#
# The PostgreSQL server is a throwaway cluster in the scratch dir on a free loopback port (SCRAM
# login over TCP, no TLS: loopback; fsync on, like a real server). Needs: cargo, hyperfine,
# python3 and the PostgreSQL server binaries (apt-get install postgresql). When run as root,
# the server runs as the `postgres` OS user. KEEP=1 keeps the scratch dir.
set -euo pipefail

RUNS=${RUNS:-15}
SIZES=${SIZES:-"100 10000"}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pgbin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -1)
for t in hyperfine python3 cargo "$pgbin/initdb"; do
    command -v "$t" >/dev/null || { echo "home-backends.sh: missing $t (apt-get install hyperfine postgresql)" >&2; exit 2; }
done

(cd "$root" && cargo build --locked --release --bin vauth --example seed_home >&2)
target="${CARGO_TARGET_DIR:-$root/target}"
VAUTH="$target/release/vauth"
SEED="$target/release/examples/seed_home"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vauth-backends.XXXXXX")
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    as_pg "$pgbin/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
    if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
# From copies, as installed (a binary the linker just wrote starts slower: see peers-compare.sh).
mkdir -p "$WORK/bin" && cp "$VAUTH" "$SEED" "$WORK/bin/"
VAUTH="$WORK/bin/vauth" SEED="$WORK/bin/seed_home"
export XDG_CONFIG_HOME="$WORK/config" HOME="$WORK"
unset CI VAUTH_HOME VAUTH_MASTER_KEY VAUTH_PASSPHRASE_FILE
mkdir -p "$WORK/res" "$WORK/pg/run"
[ "$(id -u)" = 0 ] && chown -R postgres "$WORK/pg"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PGPASSWORD="bench-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')"
export PGPASSWORD
echo "$PGPASSWORD" >"$WORK/pg/pw" && chmod 644 "$WORK/pg/pw"
as_pg "$pgbin/initdb" -D "$WORK/pg/data" -U postgres --pwfile="$WORK/pg/pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C >/dev/null
cat >>"$WORK/pg/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$WORK/pg/run'
CONF
as_pg "$pgbin/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w start >/dev/null

echo "date       : $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus       : $(nproc) ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//'))"
echo "vauth      : $("$VAUTH" --version)"
echo "postgresql : $("$pgbin/postgres" --version)"
echo

hf() { # hf NAME CMD   one row, JSON in res/NAME.json
    local name=$1
    shift
    hyperfine -N --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/res/$name.json" "$@" >/dev/null
}

for n in $SIZES; do
    d="$WORK/d$n/home"
    "$SEED" "$d" "$n" 2>/dev/null
    "$VAUTH" --home "$d" jwt key create sig --alg HS256 >/dev/null
    printf '\n[[policy]]\ncredential = "key-1"\nmax_age = "1d"\ngrace = "1h"\n' >>"$d/vauth.toml"
    url="postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable&home=h$n"
    "$VAUTH" --home "$url" home import "$d" >/dev/null
    probe="$WORK/d$n/probe.key"
    for b in dir pg; do
        h=$d
        [ "$b" = pg ] && h=$url
        hf "create-$b-$n" "$VAUTH --home $h key create bench --force"
        hf "verify-$b-$n" "$VAUTH --home $h key verify key-0 --key-file $probe"
        hf "jwt-$b-$n" "$VAUTH --home $h jwt sign --key sig --exp 1h --subtle"
        hf "rotate-$b-$n" "$VAUTH --home $h rotate apply key-1 --yes"
    done
done

# shellcheck disable=SC2086 # SIZES is a list
python3 - "$WORK" $SIZES <<'PY'
import json, sys
work, sizes = sys.argv[1], sys.argv[2:]
def med(name):
    with open(f"{work}/res/{name}.json") as f:
        return json.load(f)["results"][0]["median"] * 1000
ops = (("key create", "create"), ("key verify", "verify"), ("jwt sign", "jwt"), ("rotate apply", "rotate"))
small, large = sizes[0], sizes[-1]
print(f"{'operation':<14}" + "".join(f"{f'{b} @{n} ms':>16}" for n in sizes for b in ("dir", "pg")))
for label, key in ops:
    print(f"{label:<14}" + "".join(f"{med(f'{key}-{b}-{n}'):>16.2f}" for n in sizes for b in ("dir", "pg")))
print()
print(f"{'operation':<14}{f'dir {large}/{small}':>16}{f'pg {large}/{small}':>16}" + "".join(f"{f'pg/dir @{n}':>14}" for n in sizes))
for label, key in ops:
    growth = [med(f"{key}-{b}-{large}") / med(f"{key}-{b}-{small}") for b in ("dir", "pg")]
    vs = [med(f"{key}-pg-{n}") / med(f"{key}-dir-{n}") for n in sizes]
    print(f"{label:<14}" + "".join(f"{g:>16.2f}" for g in growth) + "".join(f"{v:>14.2f}" for v in vs))
print()
print("goals: large/small <= 1.5 on both backends; pg/dir <= 3 for single commands")
PY
