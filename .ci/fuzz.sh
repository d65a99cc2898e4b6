#!/usr/bin/env bash
# Build and run every fuzz target in fuzz/ for a bounded time on the STABLE toolchain.
#
#   FUZZ_SECONDS=20 bash .ci/fuzz.sh            # all targets, 20 s each (default; CI)
#   FUZZ_SECONDS=60 bash .ci/fuzz.sh state_load # only the named targets
#   FUZZ_LONG=1 bash .ci/fuzz.sh jwt_token      # long mode: 6 minutes (360 s) per target
#
# `--sanitizer none` is what makes cargo-fuzz work without nightly: no -Zsanitizer flag is passed,
# and libFuzzer's coverage instrumentation (-Cpasses=sancov-module) is stable. Panics still abort
# the target, so libFuzzer reports them as crashes and this script exits non-zero; the crashing
# input is left in fuzz/artifacts/<target>/ (reproduce with
# `cargo fuzz run --sanitizer none <target> fuzz/artifacts/<target>/crash-...`).
# Build output stays in fuzz/target; fuzz/corpus and fuzz/artifacts are gitignored; the committed
# seeds are in fuzz/seeds/<target>/.
set -euo pipefail

# FUZZ_LONG=1 means 6 minutes per target (an explicit FUZZ_SECONDS still wins).
if [ "${FUZZ_LONG:-0}" = 1 ]; then
    FUZZ_SECONDS="${FUZZ_SECONDS:-360}"
fi
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

# Seeds: fuzz/seeds/<target>/ is committed (well-formed inputs, so short runs reach the accepting
# paths, plus every input that once crashed a target, kept as a regression). It is passed to
# libFuzzer as a second, read-only corpus directory: new inputs go to the gitignored
# fuzz/corpus/<target>/ only.
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
done

# One build of every target up front: a compile error fails fast, and the runs below reuse it.
cargo fuzz build --sanitizer none

failed=()
for t in "${targets[@]}"; do
    echo "::group::fuzz $t (${FUZZ_SECONDS}s)"
    seeds=()
    [ -d "fuzz/seeds/$t" ] && seeds=("fuzz/seeds/$t")
    if cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
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
