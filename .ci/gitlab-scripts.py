"""Write each GitLab CI job's script as the bash script the runner makes of it, for shellcheck.

usage: python .ci/gitlab-scripts.py GITLAB_CI_YML OUT_DIR

One file per job and key (before_script, script, after_script): `set -eo pipefail`, as the runner
starts it, then the lines in order. `!reference [job, key]` entries are skipped: the referenced
lines are checked where they are defined.
"""

import pathlib
import re
import sys

from ruamel.yaml import YAML  # check-jsonschema's dependency, in the same venv


def main() -> int:
    src, out = sys.argv[1], pathlib.Path(sys.argv[2])
    yaml = YAML(typ="safe")
    yaml.constructor.add_constructor("!reference", lambda loader, node: None)
    with open(src, encoding="utf-8") as f:
        doc = yaml.load(f)
    written = 0
    for job, body in doc.items():
        if not isinstance(body, dict):
            continue
        for key in ("before_script", "script", "after_script"):
            lines = body.get(key)
            if isinstance(lines, str):
                lines = [lines]
            lines = [line for line in lines or [] if isinstance(line, str)]
            if not lines:
                continue
            name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{job}.{key}") + ".sh"
            text = "#!/usr/bin/env bash\nset -eo pipefail\n" + "\n".join(lines) + "\n"
            (out / name).write_text(text, encoding="utf-8")
            written += 1
    if written == 0:
        print(f"{src}: no job scripts found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
