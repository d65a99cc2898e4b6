#!/usr/bin/env bash
# Build and run every fuzz target in fuzz/ for a bounded time on the STABLE toolchain.
#
#   FUZZ_SECONDS=20 bash .ci/fuzz.sh            # all targets, 20 s each (default)
#   FUZZ_SECONDS=60 bash .ci/fuzz.sh state_load # only the named targets
#
# `--sanitizer none` is what makes cargo-fuzz work without nightly: no -Zsanitizer flag is passed,
# and libFuzzer's coverage instrumentation (-Cpasses=sancov-module) is stable. Panics still abort
# the target, so libFuzzer reports them as crashes and this script exits non-zero; the crashing
# input is left in fuzz/artifacts/<target>/ (reproduce with
# `cargo fuzz run --sanitizer none <target> fuzz/artifacts/<target>/crash-...`).
# Build output stays in fuzz/target; fuzz/corpus and fuzz/artifacts are gitignored.
set -euo pipefail

FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
RSS_LIMIT_MB="${FUZZ_RSS_LIMIT_MB:-2048}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! [[ "$FUZZ_SECONDS" =~ ^[0-9]+$ ]] || [ "$FUZZ_SECONDS" -lt 1 ]; then
    echo "fuzz.sh: FUZZ_SECONDS must be a positive whole number, not '$FUZZ_SECONDS'" >&2
    exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
cargo fuzz --version

# Keep cargo-fuzz's build directory inside fuzz/ even if the caller set one for the main crate.
export CARGO_TARGET_DIR="$root/fuzz/target"

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi
if [ "${#targets[@]}" -eq 0 ]; then
    echo "fuzz.sh: no fuzz targets found" >&2
    exit 1
fi

# Seed inputs (into the gitignored corpus), so the short runs start from well-formed data and
# reach the accepting paths instead of spending the budget rediscovering the formats.
seed() { # seed TARGET NAME CONTENT
    mkdir -p "fuzz/corpus/$1"
    [ -e "fuzz/corpus/$1/$2" ] || printf '%s' "$3" >"fuzz/corpus/$1/$2"
}
seed apikey_parse valid 'vk_AbCdEf12_0123456789abcdefghijABCDEFGHIJklmnopqrstUVW000000'
seed apikey_parse spaced '  vk_abcdefgh_x  '
seed apikey_parse hex '9f86d081884c7d659a2feaa0c55ad015'
seed config_time default '# vauth configuration.

[keys]
# prefix = "vk"
# expires = "90d"
# grace = "24h"
'
seed config_time full '[keys]
prefix = "qd"
expires = "1y2w"
grace = "1h30m"
'
seed config_time times '+90d
-5m
2027-01-31T00:00:00Z
2027-01-31T00:00:00.5+05:30
24h'
seed state_load minimal '{"schema":1,"home_id":"h","created":"2026-01-01T00:00:00Z"}'
seed state_load full '{
  "schema": 1,
  "home_id": "Xy12Ab34Cd56",
  "created": "2026-01-01T00:00:00Z",
  "api_keys": {
    "search": {
      "name": "search",
      "prefix": "vk",
      "scopes": ["read", "collection:docs"],
      "labels": {"team": "ml"},
      "created": "2026-01-01T00:00:00Z",
      "versions": [
        {"version": 1, "id": "AbCdEf12", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "origin": "generated", "kept": true, "created": "2026-01-01T00:00:00Z", "grace_until": "2026-02-01T00:00:00+01:00"},
        {"version": 2, "id": "GhIjKl34", "sha256": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", "origin": "imported", "kept": false, "created": "2026-01-02T00:00:00Z", "expires": "2027-01-01T00:00:00Z", "revoked_at": "2026-12-31T23:59:59Z"}
      ]
    }
  },
  "audit": {"count": 2, "last_hash": "ab", "last_line": "{}"}
}
'
seed jwt_token hs256 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZXhwIjoxODAwMDAwMDAwfQ.c2ln'
seed jwt_token claims '{"aud":"a","iss":"i","exp":1800000010,"nbf":1799999990}'
seed audit_verify line '{"seq":1,"time":"2026-01-01T00:00:00Z","actor":"u@h","action":"key.create","details":{"name":"k1"},"outcome":"ok","prev":"0000000000000000000000000000000000000000000000000000000000000000","hmac":"00"}
'
# NUL-separated pieces (command substitution would drop the NULs, so printf writes the file).
[ -e fuzz/corpus/audit_verify/built ] ||
    printf '\203u@h\000ci\000key.create\000name\000k1\000key.rotate\000\001\002' >fuzz/corpus/audit_verify/built

# PKI (issue 3): a CSR from openssl with SANs of every kind, a CRL-ish PEM, SAN/CIDR/serial lines.
if [ ! -e fuzz/corpus/pem_csr/openssl.csr ] && command -v openssl >/dev/null; then
    mkdir -p fuzz/corpus/pem_csr
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null \
        -subj /CN=seed -addext "subjectAltName=DNS:a.example.com,IP:10.0.0.1,email:a@example.com,URI:spiffe://x/y" \
        -out fuzz/corpus/pem_csr/openssl.csr 2>/dev/null || true
fi
seed pem_csr lines 'dns:a.example.com
ip:::1
10.0.0.0/8
uri:spiffe://prod.example/ns/app
email:ops@example.com
00:AB:cd:ef
.corp.example'
seed pem_csr pem '-----BEGIN CERTIFICATE-----
MAA=
-----END CERTIFICATE-----
'

# One build of every target up front: a compile error fails fast, and the runs below reuse it.
cargo fuzz build --sanitizer none

failed=()
for t in "${targets[@]}"; do
    echo "::group::fuzz $t (${FUZZ_SECONDS}s)"
    if cargo fuzz run --sanitizer none "$t" -- \
        -max_total_time="$FUZZ_SECONDS" -rss_limit_mb="$RSS_LIMIT_MB" -timeout=25 -print_final_stats=1; then
        echo "fuzz.sh: $t: no crash in ${FUZZ_SECONDS}s"
    else
        echo "fuzz.sh: $t: FAILED (crash, leak, timeout or build error); see fuzz/artifacts/$t/" >&2
        failed+=("$t")
    fi
    echo "::endgroup::"
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: failing targets: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: all ${#targets[@]} targets ran ${FUZZ_SECONDS}s each without a crash"
