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
# Needs: cargo, hyperfine (apt-get install hyperfine), openssl, python3, GNU time (apt-get install time).
# Homes are seeded by examples/seed_home.rs in a scratch dir; key files go to a scratch
# XDG_CONFIG_HOME, so nothing outside the scratch dir is touched. KEEP=1 keeps it.
set -euo pipefail

RUNS=${RUNS:-20}
SIZES=${SIZES:-"1000 10000 100000"}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for t in hyperfine openssl python3 cargo /usr/bin/time; do
    command -v "$t" >/dev/null || { echo "compare.sh: missing $t (hyperfine: apt-get install hyperfine)" >&2; exit 2; }
done

(cd "$root" && cargo build --locked --release --bin vauth --example seed_home >&2)
VAUTH="$root/target/release/vauth"
SEED="$root/target/release/examples/seed_home"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vauth-compare.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
# From copies, as installed (a binary the linker just wrote starts slower: see peers-compare.sh).
mkdir -p "$WORK/bin" && cp "$VAUTH" "$SEED" "$WORK/bin/"
VAUTH="$WORK/bin/vauth" SEED="$WORK/bin/seed_home"
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

# ---- JWT (vs jwt-cli where installed: `cargo install jwt-cli`)
JWT_COUNT=${JWT_COUNT:-10000}
LOOP_JWT=${LOOP_JWT:-1000}
jh="$WORK/jwt/home"
"$SEED" "$jh" 1 2>/dev/null
"$VAUTH" --home "$jh" jwt key create es --alg ES256 >/dev/null 2>&1
openssl rand -hex 32 | tr -d '\n' >"$WORK/jwt/hs.secret"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/jwt/ec.pem" 2>/dev/null
if command -v jwt >/dev/null; then
    hf jwt-hs256 "$VAUTH --home $jh jwt sign --secret-file $WORK/jwt/hs.secret --exp 1h" \
        "jwt encode -S @$WORK/jwt/hs.secret --exp=+1h"
    hf jwt-es256 "$VAUTH --home $jh jwt sign --key es --exp 1h" \
        "jwt encode -A ES256 -S @$WORK/jwt/ec.pem --exp=+1h"
    cat >"$WORK/jwt/loop.sh" <<LOOP
#!/bin/sh
i=0
while [ \$i -lt $LOOP_JWT ]; do jwt encode -S @$WORK/jwt/hs.secret --exp=+1h >/dev/null; i=\$((i+1)); done
LOOP
    hyperfine --style none --warmup 0 --runs 1 --export-json "$WORK/res/jwt-loop.json" "sh $WORK/jwt/loop.sh" >/dev/null
else
    echo "jwt-cli not installed (cargo install jwt-cli): JWT peer rows skipped" >&2
fi
hf jwt-bulk-hs256 "$VAUTH --home $jh jwt sign --secret-file $WORK/jwt/hs.secret --exp 1h --count $JWT_COUNT"
hf jwt-bulk-es256 "$VAUTH --home $jh jwt sign --key es --exp 1h --count $JWT_COUNT"

python3 - "$WORK" "$VAUTH" "${JWT_COUNT}" "${LOOP_JWT}" $SIZES <<'PY'
import json, os, resource, subprocess, sys
work, vauth, jwt_count, loop_jwt, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]

def rows(name):
    with open(f"{work}/res/{name}.json") as f:
        return [(r["command"], r["median"] * 1000, r["min"] * 1000) for r in json.load(f)["results"]]

def peak_rss_mib(args):
    # GNU time (apt-get install time) reports the max RSS of the command itself. (A child of
    # python would inherit python's RSS until exec, hiding anything smaller.)
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *args], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1]) / 1024

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
for n in dict.fromkeys((sizes[0], sizes[-1])):
    h = f"{work}/h{n}/home"
    k = f"{work}/h{n}/probe.key"
    print(f"peak RSS, MiB, home of {n} keys:")
    for label, args in (("--version", [vauth, "--version"]),
                        ("key create", [vauth, "--home", h, "key", "create", "bench", "--force"]),
                        ("key verify", [vauth, "--home", h, "key", "verify", "--key-file", k]),
                        ("key list --json", [vauth, "--home", h, "key", "list", "--json"])):
        print(f"  {label:<18}{peak_rss_mib(args):>8.1f}")
print(f"  {'openssl rand':<18}{peak_rss_mib(['openssl', 'rand', '-base64', '32']):>8.1f}")

print()
print("JWT")
for name, label in (("jwt-hs256", "one HS256 token"), ("jwt-es256", "one ES256 token")):
    if os.path.exists(f"{work}/res/{name}.json"):
        (c1, m1, _), (c2, m2, _) = rows(name)
        print(f"  {label:<20}vauth {m1:8.2f} ms   jwt-cli {m2:8.2f} ms   ratio {m1 / m2:.2f}")
for name in ("jwt-bulk-hs256", "jwt-bulk-es256"):
    (_, m, _) = rows(name)[0]
    print(f"  {name:<20}vauth --count {jwt_count}: {m:9.1f} ms ({m * 1000 / jwt_count:.1f} us/token)")
if os.path.exists(f"{work}/res/jwt-loop.json"):
    (_, m, _) = rows("jwt-loop")[0]
    per = m / loop_jwt
    (_, b, _) = rows("jwt-bulk-hs256")[0]
    print(f"  jwt-cli loop of {loop_jwt}: {m:9.1f} ms ({per:.2f} ms/token; {jwt_count} tokens ~ {per * jwt_count / 1000:.1f} s)")
    print(f"  bulk HS256 ratio vauth/jwt-cli per token: {(b / jwt_count) / per:.4f}")
PY

# --- PKI (issue 3): the local CA vs openssl (and cfssl/mkcert when installed), same run. ---
# Rows: ca-init (P-256 root), one client cert (P-256, Ed25519, RSA-2048; `openssl req -x509 -CA`
# is openssl's one-process equivalent), and 1000 P-256 client certs written to files: vauth
# `cert issue --batch` in one process vs a loop of 1000 openssl processes. Every vauth run starts
# from a copy of the same home (hyperfine --prepare), so state.json does not grow across runs.
# PKI=0 skips this block; PKI_RUNS (default 10) and BATCH_RUNS (default 3) set the run counts.
if [ "${PKI:-1}" = 1 ]; then
    P="$WORK/pki"
    mkdir -p "$P/out"
    PKI_RUNS=${PKI_RUNS:-10}
    BATCH_RUNS=${BATCH_RUNS:-3}
    "$VAUTH" --home "$P/h0" ca init -q
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$P/ca.key" -out "$P/ca.pem" \
        -subj /CN=bench-ca -days 3650 -addext basicConstraints=critical,CA:TRUE,pathlen:0 \
        -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    fresh="rm -rf $P/h $P/out && cp -a $P/h0 $P/h && mkdir -p $P/out"
    hyperfine -N --style none --warmup 1 --runs "$PKI_RUNS" --export-json "$WORK/res/pki-ca.json" \
        --prepare "rm -rf $P/hc" "$VAUTH --home $P/hc ca init -q" \
        --prepare "rm -f $P/c.key $P/c.pem" "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $P/c.key -out $P/c.pem -subj /CN=ca -days 3650 -addext basicConstraints=critical,CA:TRUE,pathlen:0" >/dev/null
    for alg in "P-256:--crv P-256:-newkey ec -pkeyopt ec_paramgen_curve:P-256" \
               "Ed25519:--kty OKP:-newkey ed25519" \
               "RSA-2048:--kty RSA --size 2048:-newkey rsa:2048"; do
        IFS=: read -r label vflags oflags <<<"$alg"
        hyperfine -N --style none --warmup 1 --runs "$PKI_RUNS" --export-json "$WORK/res/pki-leaf-$label.json" \
            --prepare "sh -c '$fresh'" "$VAUTH --home $P/h cert issue app -q $vflags --out $P/out --san dns:app.example.com" \
            --prepare "rm -f $P/l.key $P/l.crt" "openssl req -x509 -CA $P/ca.pem -CAkey $P/ca.key $oflags -nodes -keyout $P/l.key -out $P/l.crt -subj /CN=app -days 30 -addext extendedKeyUsage=clientAuth -addext subjectAltName=DNS:app.example.com" >/dev/null
    done
    python3 -c "import sys; [print(f'app{i},,dns:app{i}.example.com,client') for i in range(1000)]" >"$P/batch.csv"
    cat >"$P/loop.sh" <<SH
for i in \$(seq 0 999); do
  openssl req -x509 -CA $P/ca.pem -CAkey $P/ca.key -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout $P/out/app\$i.key -out $P/out/app\$i.crt -subj /CN=app\$i -days 30 \
    -addext extendedKeyUsage=clientAuth -addext subjectAltName=DNS:app\$i.example.com 2>/dev/null
done
SH
    # The batch rows move the previous run's files aside instead of deleting them: for about
    # 30 s after a delete ext4 skips the freed inodes when it allocates, and a batch written right
    # after `rm -rf` of 2000 files costs 3-8x one written into a fresh directory (as in
    # benches/peers-compare.sh).
    mkdir -p "$P/aside"
    aside="n=\$(date +%s%N); for d in $P/h $P/out; do [ ! -e \$d ] || mv \$d $P/aside/\$(basename \$d).\$n; done"
    hyperfine --style none --warmup 0 --runs "$BATCH_RUNS" --export-json "$WORK/res/pki-batch.json" \
        --prepare "sh -c '$aside; cp -a $P/h0 $P/h && mkdir -p $P/out'" "$VAUTH --home $P/h cert issue -q --batch $P/batch.csv --out $P/out" \
        --prepare "sh -c '$aside; mkdir -p $P/out'" "bash $P/loop.sh" >/dev/null
    for peer in cfssl mkcert; do command -v "$peer" >/dev/null && echo "note: $peer is installed but has no row yet" >&2; done
    python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
def rows(name):
    with open(f"{work}/res/{name}.json") as f:
        return [r["median"] * 1000 for r in json.load(f)["results"]]
print()
print(f"{'PKI row':<26}{'vauth median ms':>16}{'openssl median ms':>18}{'ratio':>8}")
for label, name in (("ca init (P-256)", "pki-ca"), ("client cert P-256", "pki-leaf-P-256"),
                    ("client cert Ed25519", "pki-leaf-Ed25519"), ("client cert RSA-2048", "pki-leaf-RSA-2048"),
                    ("1000 client certs P-256", "pki-batch")):
    v, o = rows(name)
    print(f"{label:<26}{v:>16.1f}{o:>18.1f}{v / o:>8.2f}")
PY
fi
