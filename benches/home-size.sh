#!/usr/bin/env bash
# How single-credential commands grow with the keys in a directory home: `key create`,
# `key verify` (by id) and `key verify NAME` in homes of 1 and SIZES keys, timed with
# benches/interleaved.py (one run of each command in turn, RUNS rounds), so a burst of load on
# this shared machine lands on every row alike. With OLD=/path/to/another/vauth (and
# OLD_SEED=/path/to/its/seed_home) the same rows of that build run in the same rounds, each on
# homes it seeded itself.
#
#   bash benches/home-size.sh                          # SIZES="1000 10000 100000", RUNS=25
#   OLD=../old/target/release/vauth OLD_SEED=../old/target/release/examples/seed_home \
#       bash benches/home-size.sh
#
# Each round of `key create NAME --force` adds a version to NAME (versions are kept), and every
# commit writes new content-named files and deletes the ones they replace: after ~100 rounds in
# one minute ext4 spends much of a commit skipping recently freed inodes. Keep RUNS modest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-25}
(cd "$root" && cargo build --locked --release --bin vauth --example seed_home >&2)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vauth-home-size.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Every build runs from a copy in $WORK: the same binary starts ~0.15 ms slower from the file the
# linker wrote than from a copy (fewer, larger page-cache folios for the kernel to map), which
# would be charged to whichever build was linked last.
mkdir -p "$WORK/bin/new" "$WORK/bin/old"
cp "$root/target/release/vauth" "$root/target/release/examples/seed_home" "$WORK/bin/new/"
NEW="$WORK/bin/new/vauth"
NEW_SEED="$WORK/bin/new/seed_home"
if [ -n "${OLD:-}" ]; then
    cp "$OLD" "$WORK/bin/old/vauth"
    cp "${OLD_SEED:?set OLD_SEED to the seed_home of that build}" "$WORK/bin/old/seed_home"
    OLD="$WORK/bin/old/vauth"
    OLD_SEED="$WORK/bin/old/seed_home"
fi
export XDG_CONFIG_HOME="$WORK/config"
export HOME="$WORK"
unset CI VAUTH_HOME VAUTH_MASTER_KEY VAUTH_PASSPHRASE_FILE

builds=("new:$NEW:$NEW_SEED")
if [ -n "${OLD:-}" ]; then
    builds+=("old:$OLD:${OLD_SEED:?set OLD_SEED to the seed_home of that build}")
fi
cmds=()
for b in "${builds[@]}"; do
    IFS=: read -r tag bin seed <<<"$b"
    for n in 1 $SIZES; do
        "$seed" "$WORK/$tag$n/home" "$n" >/dev/null 2>&1
    done
done
add() { # add ARGS...: the command `vauth --home H ARGS` of every build at every size (PROBE: the
    # size's key file)
    for n in 1 $SIZES; do
        for b in "${builds[@]}"; do
            IFS=: read -r tag bin _ <<<"$b"
            h="$WORK/$tag$n"
            cmds+=("$bin --home $h/home ${*//PROBE/$h/probe.key}")
        done
    done
}
add key create bench --force
add key verify --key-file PROBE
add key verify key-0 --key-file PROBE
echo "date      : $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine   : $(uname -srm), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rounds    : $RUNS (medians; the true row is the spawn cost to take off)"
python3 "$root/benches/interleaved.py" "$RUNS" "${cmds[@]}" | sed "s|$WORK/||g; s|$root/target/release/||g"
