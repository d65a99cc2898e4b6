#!/usr/bin/env bash
# Every row of issue 15's latency table, vauth against the installed peers, side by side in ONE
# run (hyperfine -N, medians), printed as ratios with the date and the machine. This machine is
# shared and noisy: compare the ratios of one run, not milliseconds across runs.
#
#   bash benches/peers-compare.sh                    # RUNS=20, FAST_RUNS=200
#   RUNS=10 LOOP_CERTS=50 LOOP_JWT=200 bash benches/peers-compare.sh   # quick pass
#   VAUTH=/path/to/vauth bash benches/peers-compare.sh                 # skip the cargo build
#
# Rows (peer commands as in ../shared/bench/peers.sh):
#   --version                  vauth --version        vs true, jwt --version
#   key create (durable)       vauth key create       vs openssl rand -base64 32
#   ca init P-256              vauth ca init          vs openssl req -x509, cfssl gencert -initca
#   cert issue P-256           vauth cert issue       vs openssl req -x509 -CA, cfssl, mkcert
#   jwt sign HS256 / ES256     vauth jwt sign         vs jwt encode
#   jwt verify HS256           vauth jwt verify --key vs jwt decode -S
#   1000 client certs          vauth cert issue --batch (one process) vs an openssl loop (per cert)
#   10,000 HS256 tokens        vauth jwt sign --count vs a jwt-cli loop (per token)
#   peak RSS jwt sign          /usr/bin/time -f %M    vs jwt encode
# A row whose peer is not installed is skipped with a message. Needs hyperfine, openssl, python3,
# GNU time; optional: jwt (cargo install --locked jwt-cli), cfssl + cfssljson, mkcert.
set -euo pipefail

RUNS=${RUNS:-20}
FAST_RUNS=${FAST_RUNS:-200} # the rows of a few ms: more runs against the noise of a shared machine
LOOP_CERTS=${LOOP_CERTS:-100}   # openssl processes in the per-cert loop
LOOP_JWT=${LOOP_JWT:-500}       # jwt-cli processes in the per-token loop
BATCH=${BATCH:-1000}            # certificates in vauth's one-process batch
COUNT=${COUNT:-10000}           # tokens in vauth's one-process --count
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

have() { command -v "$1" >/dev/null 2>&1; }
for t in hyperfine openssl python3 /usr/bin/time; do
    have "$t" || { echo "peers-compare.sh: missing $t" >&2; exit 2; }
done
if [ -z "${VAUTH:-}" ]; then
    (cd "$root" && cargo build --locked --release --bin vauth >&2)
    VAUTH="${CARGO_TARGET_DIR:-$root/target}/release/vauth"
fi
VAUTH=$(realpath "$VAUTH") # it is copied after the cd below

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vauth-peers.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
cd "$WORK"
# vauth runs from a copy, as `cargo install` puts one in ~/.cargo/bin (and jwt-cli is run): the
# binary the linker just wrote starts ~0.15 ms slower than a copy of it (its page cache is
# built of small folios, so the kernel maps it in more faults).
mkdir -p "$WORK/bin" && cp "$VAUTH" "$WORK/bin/vauth" && VAUTH="$WORK/bin/vauth"
export HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
unset CI VAUTH_HOME VAUTH_MASTER_KEY VAUTH_PASSPHRASE_FILE
mkdir -p res out

{
    echo "date      : $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine   : $(uname -srm), $(nproc) cpus ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//')), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "vauth     : $("$VAUTH" --version)"
    echo "openssl   : $(openssl version)"
    echo "hyperfine : $(hyperfine --version)"
    have jwt && echo "jwt-cli   : $(jwt --version)"
    have cfssl && echo "cfssl     : $(cfssl version 2>&1 | head -1)"
    have mkcert && echo "mkcert    : $(mkcert -version 2>&1 | head -1)"
} | tee res/machine.txt

# hf ROW [hyperfine options and commands...]: one side-by-side hyperfine run, res/ROW.json.
hf() {
    local row=$1
    shift
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "res/$row.json" "$@" >/dev/null
    printf '.' >&2
}
skip() { echo "skipped: $1" >&2; echo "$1" >>res/skipped.txt; }

# ---- fixtures
V="$VAUTH --home $WORK/h"
$V init -q 2>/dev/null
$V key create bench -q >/dev/null 2>&1
$V jwt key create hs --alg HS256 -q >/dev/null 2>&1
$V jwt key create es --alg ES256 -q >/dev/null 2>&1
"$VAUTH" --home "$WORK/pki0" ca init -q 2>/dev/null
openssl rand -hex 32 | tr -d '\n' >hs.secret
S=$(cat hs.secret)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
    -subj "/CN=Bench Root CA" -days 3650 -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
$V jwt sign --key hs --exp 1h --iss bench --aud db >vauth.tok 2>/dev/null
if have cfssl && have cfssljson; then
    echo '{"CN":"Bench Root CA","key":{"algo":"ecdsa","size":256}}' >ca-csr.json
    echo '{"CN":"client1","hosts":["spiffe://bench.local/ns/default/sa/client1"],"key":{"algo":"ecdsa","size":256}}' >client-csr.json
    echo '{"signing":{"default":{"expiry":"2160h"},"profiles":{"client":{"expiry":"2160h","usages":["digital signature","client auth"]}}}}' >cfssl-config.json
    cfssl gencert -initca ca-csr.json 2>/dev/null | cfssljson -bare cfca
fi
have mkcert && CAROOT="$WORK/mkroot" mkcert -ecdsa >/dev/null 2>&1

# ---- rows
version_peers=("true")
if have jwt; then version_peers+=("jwt --version"); else skip "--version: jwt-cli not installed"; fi
RUNS_SAVED=$RUNS
RUNS=$FAST_RUNS
hf version "$VAUTH --version" "${version_peers[@]}"
RUNS=$RUNS_SAVED
hf key-create "$V key create bench --force -q" "openssl rand -base64 32"

ca_peers=(--prepare "rm -f out/ca.key out/ca.crt" "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout out/ca.key -out out/ca.crt -subj /CN=Root -days 3650 -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign")
if have cfssl && have cfssljson; then
    ca_peers+=(--prepare "true" "sh -c 'cfssl gencert -initca ca-csr.json 2>/dev/null | cfssljson -bare out/cfca'")
else
    skip "ca init: cfssl not installed"
fi
hf ca-init --prepare "rm -rf $WORK/hc" "$VAUTH --home $WORK/hc ca init -q" "${ca_peers[@]}"

# -N runs --prepare without a shell too: a compound preparation goes through sh -c.
fresh="sh -c 'rm -rf $WORK/p $WORK/pout && cp -a $WORK/pki0 $WORK/p && mkdir -p $WORK/pout'"
cert_peers=(--prepare "rm -f out/c.key out/c.crt" "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout out/c.key -out out/c.crt -subj /CN=client1 -CA ca.crt -CAkey ca.key -days 90 -addext basicConstraints=critical,CA:FALSE -addext keyUsage=critical,digitalSignature -addext extendedKeyUsage=clientAuth -addext subjectAltName=URI:spiffe://bench.local/ns/default/sa/client1")
if have cfssl && have cfssljson; then
    cert_peers+=(--prepare "true" "sh -c 'cfssl gencert -ca cfca.pem -ca-key cfca-key.pem -config cfssl-config.json -profile client client-csr.json 2>/dev/null | cfssljson -bare out/cfclient'")
else
    skip "cert issue: cfssl not installed"
fi
if have mkcert; then
    cert_peers+=(--prepare "true" "env CAROOT=$WORK/mkroot mkcert -ecdsa -client -cert-file out/mk.pem -key-file out/mk-key.pem client1")
else
    skip "cert issue: mkcert not installed"
fi
hf cert-issue --prepare "$fresh" "$VAUTH --home $WORK/p cert issue client1 -q --out $WORK/pout --san uri:spiffe://bench.local/ns/default/sa/client1" "${cert_peers[@]}"

RUNS_SAVED=$RUNS
RUNS=$FAST_RUNS
if have jwt; then
    hf jwt-sign-hs "$V jwt sign --key hs --exp 1h" "jwt encode -S @hs.secret --exp=+1h"
    hf jwt-sign-es "$V jwt sign --key es --exp 1h" "jwt encode -A ES256 -S @ec.pem --exp=+1h"
    JT=$(jwt encode -S "$S" --exp=+1h --sub svc-a '{"scope":"read"}')
    hf jwt-verify-hs "$V jwt verify --key hs --iss bench --aud db --token-file vauth.tok" "jwt decode -S $S $JT"
else
    skip "jwt sign / jwt verify: jwt-cli not installed (cargo install --locked jwt-cli)"
fi
RUNS=$RUNS_SAVED

# ---- bulk: one vauth process vs a loop of peer processes, per item
python3 -c "import sys; [print(f'app{i},,dns:app{i}.example.com,client') for i in range($BATCH)]" >batch.csv
cat >loop-openssl.sh <<SH
for i in \$(seq $LOOP_CERTS); do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout lout/o\$i.key -out lout/o\$i.crt \
    -subj /CN=client\$i -CA ca.crt -CAkey ca.key -days 90 -addext basicConstraints=critical,CA:FALSE \
    -addext extendedKeyUsage=clientAuth -addext subjectAltName=DNS:app\$i.example.com 2>/dev/null
done
SH
RUNS_SAVED=$RUNS
RUNS=${BULK_RUNS:-3}
# The bulk rows move the previous run's 2000 files aside instead of deleting them: for about 30 s
# after a delete, ext4 skips the freed inodes when it allocates new ones (`recently_deleted` in
# its allocator), which made a run right after `rm -rf` of the last one 3-8 times slower than
# writing into a fresh directory — a cost of the benchmark loop, not of issuing. The aside
# copies are removed with the work directory.
mkdir -p aside
aside="n=\$(date +%s%N); for d in $WORK/p $WORK/pout lout; do [ ! -e \$d ] || mv \$d aside/\$(basename \$d).\$n; done"
hf batch --prepare "sh -c '$aside; cp -a $WORK/pki0 $WORK/p && mkdir -p $WORK/pout'" \
    "$VAUTH --home $WORK/p cert issue -q --batch batch.csv --out $WORK/pout" \
    --prepare "sh -c '$aside; mkdir lout'" "sh loop-openssl.sh"
if have jwt; then
    cat >loop-jwt.sh <<SH
i=0
while [ \$i -lt $LOOP_JWT ]; do jwt encode -S @hs.secret --exp=+1h >/dev/null; i=\$((i+1)); done
SH
    hf jwt-bulk "$V jwt sign --key hs --exp 1h --count $COUNT" "sh loop-jwt.sh"
else
    skip "10,000 HS256 tokens: jwt-cli not installed"
fi
RUNS=$RUNS_SAVED
echo >&2

# ---- peak RSS (max of 5 runs each)
rss() { for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | tail -1; }
echo "jwt-sign-rss vauth $(rss $V jwt sign --key hs --exp 1h)" >res/rss.txt
have jwt && echo "jwt-sign-rss jwt-cli $(rss jwt encode -S @hs.secret --exp=+1h)" >>res/rss.txt

python3 - "$WORK" "$BATCH" "$LOOP_CERTS" "$COUNT" "$LOOP_JWT" <<'PY'
import json, os, sys
work, batch, loop_certs, count, loop_jwt = sys.argv[1], *map(int, sys.argv[2:])

def rows(name):
    p = f"{work}/res/{name}.json"
    if not os.path.exists(p):
        return None
    return [(r["command"], r["median"] * 1000) for r in json.load(open(p))["results"]]

def peer_label(cmd):
    w = cmd.split()
    if w[0] == "sh" and "-c" in w:
        return " ".join(cmd.split("'")[1].split()[:2])
    if w[0] == "env":
        w = w[2:]
    return " ".join(w[:2]) if len(w) > 1 else w[0]

out = []
def row(label, name, goal, per=None):
    r = rows(name)
    if r is None:
        out.append((label, "skipped", "", "", goal))
        return
    (vc, vm), peers = r[0], r[1:]
    if per:
        vm /= per[0]
        peers = [(c, m / per[1]) for c, m in peers]
    if label == "`--version`":
        t = [m for c, m in peers if c == "true"][0]
        others = ", ".join(f"{peer_label(c)} {m:.2f} ms" for c, m in peers if c != "true")
        out.append((label, f"{vm:.2f} ms", f"`true` {t:.2f} ms ({others})", f"+{vm - t:.2f} ms", goal))
        return
    best = min(peers, key=lambda p: p[1])
    rest = ", ".join(f"{peer_label(c)} {m:.2f}" for c, m in peers if c != best[0])
    unit = "ms/item" if per else "ms"
    peer = f"{peer_label(best[0])} {best[1]:.2f} {unit}" + (f" ({rest})" if rest else "")
    out.append((label, f"{vm:.3f} {unit}" if per else f"{vm:.2f} ms", peer, f"{vm / best[1]:.2f}", goal))

row("`--version`", "version", "within 0.3 ms of `true`")
row("`key create` (durable)", "key-create", "≤ 0.5")
row("`ca init` P-256", "ca-init", "≤ 0.5")
row("`cert issue` P-256", "cert-issue", "≤ 0.5")
row("`jwt sign` HS256", "jwt-sign-hs", "≤ 0.5")
row("`jwt sign` ES256", "jwt-sign-es", "≤ 0.5")
row("`jwt verify` HS256", "jwt-verify-hs", "≤ 1.0")
row(f"{batch} client certs, one process (per cert)", "batch", f"{batch} in ≤ 250 ms", per=(batch, loop_certs))
row(f"{count} HS256 tokens, one process (per token)", "jwt-bulk", "keep", per=(count, loop_jwt))
rss = {}
for l in open(f"{work}/res/rss.txt"):
    _, who, kib = l.split()
    rss[who] = int(kib) / 1024
if "jwt-cli" in rss:
    out.append(("peak RSS `jwt sign` HS256", f"{rss['vauth']:.1f} MiB", f"jwt-cli {rss['jwt-cli']:.1f} MiB",
                f"{rss['vauth'] / rss['jwt-cli']:.2f}", "≤ 8 MiB"))
else:
    out.append(("peak RSS `jwt sign` HS256", f"{rss['vauth']:.1f} MiB", "skipped", "", "≤ 8 MiB"))
r = rows("batch")
if r:
    out.append((f"{batch} client certs, one process (total)", f"{r[0][1]:.0f} ms", "", "", "≤ 250 ms"))

hdr = ("operation", "vauth", "fastest peer (others)", "ratio", "goal")
print()
print("| " + " | ".join(hdr) + " |")
print("|" + "|".join("---" for _ in hdr) + "|")
for o in out:
    print("| " + " | ".join(o) + " |")
PY
[ -f res/skipped.txt ] && sed 's/^/skipped: /' res/skipped.txt
exit 0
