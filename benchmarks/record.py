"""`python -m benchmarks.record NAME START`: keep the wall time since START (seconds since the
epoch, as `date +%s.%N` prints it) of a Makefile target (make test, make test-fast) in
bench/test-times.json, where `make bench` reads it; print it against its target."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository: `benchmarks` importable from it
TEST_TIMES = ROOT / "bench" / "test-times.json"


TARGETS = {"make_test": 90, "make_test_fast": 30}


def run_child(code: str, env: dict | None = None) -> tuple[int, str, str, float]:
    """`python -c code` in a fresh process (cwd: the repository, `env` added to this one's):
    its exit code, stdout, stderr and peak memory (MB, its maximum resident set)."""
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, **(env or {})})  # fmt: skip
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out, err, round(usage.ru_maxrss / 1024, 1)


def main(name: str, start: str) -> None:
    seconds = time.time() - float(start)
    print(f"{name.replace('_', ' ', 1).replace('_', '-')}: {seconds:.1f} s "
          f"(target {TARGETS.get(name, '?')} s)")  # fmt: skip
    try:
        known = json.loads(TEST_TIMES.read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    known[name] = round(seconds, 1)
    TEST_TIMES.parent.mkdir(parents=True, exist_ok=True)
    TEST_TIMES.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
