#!/usr/bin/env bash
# Whole-process benchmarks of vauth's API-key commands, side by side with the peer in ONE run
# (this machine is shared and noisy: compare ratios, not absolute times across runs).
#
#   bash benches/compare.sh              # SIZES="1000 10000 100000", RUNS=20
#   SIZES="1000 10000" RUNS=10 bash benches/compare.sh
#
# Rows (hyperfine, no shell in between: -N):
#   version        vauth --version            vs openssl version
#   create/empty   vauth key create (one key in a home of 1)  vs openssl rand -base64 32
#   create/N       vauth key create in a home that holds N keys
#   verify/N       vauth key verify (id lookup, no NAME) of a real key among N
#   verify-name/N  vauth key verify NAME among N
#   list/N         vauth key list --json among N
# and the peak RSS (max resident set, MiB) of one run of each vauth command.
# Needs: cargo, hyperfine (apt-get install hyperfine), openssl, python3.
# Homes are seeded by examples/seed_home.rs in a scratch dir; key files go to a scratch
# XDG_CONFIG_HOME, so nothing outside the scratch dir is touched. KEEP=1 keeps it.
set -euo pipefail

RUNS=${RUNS:-20}
SIZES=${SIZES:-"1000 10000 100000"}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for t in hyperfine openssl python3 cargo; do
    command -v "$t" >/dev/null || { echo "compare.sh: missing $t (hyperfine: apt-get install hyperfine)" >&2; exit 2; }
done

(cd "$root" && cargo build --locked --release --bin vauth --example seed_home >&2)
VAUTH="$root/target/release/vauth"
SEED="$root/target/release/examples/seed_home"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vauth-compare.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
export XDG_CONFIG_HOME="$WORK/config"
export HOME="$WORK"
unset CI VAUTH_HOME VAUTH_MASTER_KEY VAUTH_PASSPHRASE_FILE
mkdir -p "$WORK/res"

echo "date      : $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus      : $(nproc) ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//'))"
echo "vauth     : $("$VAUTH" --version)"
echo "openssl   : $(openssl version)"
echo "hyperfine : $(hyperfine --version)"
echo

hf() { # hf NAME CMD...   one hyperfine row, JSON result in res/NAME.json
    local name=$1
    shift
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/res/$name.json" "$@" >/dev/null
}

# A home with one key (create --force keeps the home's size constant over the runs).
"$SEED" "$WORK/h1/home" 1 2>/dev/null
hf version "$VAUTH --version" "openssl version"
hf create-empty "$VAUTH --home $WORK/h1/home key create bench --force" "openssl rand -base64 32"

for n in $SIZES; do
    "$SEED" "$WORK/h$n/home" "$n" >&2
    h="$WORK/h$n/home"
    k="$WORK/h$n/probe.key"
    hf "create-$n" "$VAUTH --home $h key create bench --force"
    hf "verify-$n" "$VAUTH --home $h key verify --key-file $k"
    hf "verify-name-$n" "$VAUTH --home $h key verify key-0 --key-file $k"
    hf "list-$n" "$VAUTH --home $h key list --json"
done

python3 - "$WORK" "$VAUTH" $SIZES <<'PY'
import json, os, resource, subprocess, sys
work, vauth, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]

def rows(name):
    with open(f"{work}/res/{name}.json") as f:
        return [(r["command"], r["median"] * 1000, r["min"] * 1000) for r in json.load(f)["results"]]

def peak_rss_mib(args):
    # ru_maxrss of the children so far is a running max: measure each in a fresh python child.
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024

print(f"{'row':<22}{'vauth median ms':>16}{'peer median ms':>16}{'ratio':>8}  peer")
for name, peer in (("version", "openssl version"), ("create-empty", "openssl rand -base64 32")):
    (c1, m1, _), (c2, m2, _) = rows(name)
    print(f"{name:<22}{m1:>16.2f}{m2:>16.2f}{m1 / m2:>8.2f}  {peer}")
print()
print(f"{'keys in home':<14}" + "".join(f"{x:>16}" for x in ("create ms", "verify ms", "verify NAME ms", "list --json ms")))
for n in sizes:
    vals = [rows(f"{r}-{n}")[0][1] for r in ("create", "verify", "verify-name", "list")]
    print(f"{n:<14}" + "".join(f"{v:>16.2f}" for v in vals))
print()
n = sizes[-1]
h = f"{work}/h{n}/home"
k = f"{work}/h{n}/probe.key"
print(f"peak RSS, MiB, home of {n} keys:")
for label, args in (("--version", [vauth, "--version"]),
                    ("key create", [vauth, "--home", h, "key", "create", "bench", "--force"]),
                    ("key verify", [vauth, "--home", h, "key", "verify", "--key-file", k]),
                    ("key list --json", [vauth, "--home", h, "key", "list", "--json"])):
    print(f"  {label:<18}{peak_rss_mib(args):>8.1f}")
print(f"  {'openssl rand':<18}{peak_rss_mib(['openssl', 'rand', '-base64', '32']):>8.1f}")
PY
