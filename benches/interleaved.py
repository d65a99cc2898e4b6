#!/usr/bin/env python3
"""Time whole commands interleaved: one run of each command in turn, RUNS rounds.

On a shared, noisy machine a burst of load lands on all commands alike instead of on whichever
hyperfine happened to be running, so the ratios between them hold up better than between
separate hyperfine invocations. Each row is the median wall time (and the 25th percentile) in
ms, including this script's spawn cost; the `true` row is that cost, printed so it can be taken
off.

    python3 benches/interleaved.py 25 "vauth --home a key create x --force" "vauth --home b ..."
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

WARMUP = 3


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    runs = int(sys.argv[1])
    cmds = ["true"] + sys.argv[2:]
    argv = [shlex.split(c) for c in cmds]
    times = [[] for _ in cmds]
    with open(os.devnull, "w") as null:
        for r in range(WARMUP + runs):
            for i, a in enumerate(argv):
                start = time.perf_counter()
                subprocess.run(a, stdout=null, stderr=null, check=False)
                if r >= WARMUP:
                    times[i].append((time.perf_counter() - start) * 1000)
    for c, t in zip(cmds, times):
        t.sort()
        print(f"{statistics.median(t):8.3f} ms  p25 {t[len(t) // 4]:8.3f}  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
