"""Benchmark of `analysis factsheets` (issue 15: all sheets of a period in ≤ 30 s, 2 cores).

`measure()` returns bench.py's step entries: the command as a user runs it (a fresh process
on a copy of the project's inputs, so startup and imports count), and its split into reading
and scoring the period and typesetting the sheets (in this process).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.core.config import Paths
from analysis.core.provenance import code_version
from analysis.factsheets import compute
from analysis.factsheets.write import Typesetter, folder, sheet_pdf
from analysis.study import published

PERIOD = published.PUBLISHED_PERIOD
TARGET_S = 30.0  # every factsheet of a period (125 for 2009-T3)


def _command(root: Path) -> float:
    cmd = [sys.executable, "-m", "analysis.cli", "--root", str(root), "factsheets"]
    start = time.perf_counter()
    subprocess.run([*cmd, "--period", str(PERIOD)], check=True, capture_output=True)
    return time.perf_counter() - start


def _split(paths: Paths) -> dict[str, float]:
    start = time.perf_counter()
    data = compute.load(PERIOD, root=paths)
    loaded = time.perf_counter()
    code, typesetter = code_version(paths.root), Typesetter()
    for location in data.locations:
        sheet_pdf(data, location, code, typesetter)
    done = time.perf_counter()
    return {
        "load_s": round(loaded - start, 4),
        "sheets_s": round(done - loaded, 4),
        "per_sheet_s": round((done - loaded) / len(data.locations), 4),
    }


def measure(repeat: int = 1) -> dict[str, dict]:
    """{"factsheets_2009_T3": {median_s, min_s, runs, target_s, ok, sheets, split}}."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-factsheets-"))
    try:
        paths = Paths().copy_inputs_to(tmp)
        runs = [_command(paths.root) for _ in range(repeat)]
        sheets = len(list(folder(paths, PERIOD).glob("*.pdf")))
        split = _split(paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    median = round(statistics.median(runs), 4)
    return {
        f"factsheets_{str(PERIOD).replace('-', '_')}": {
            "median_s": median,
            "min_s": round(min(runs), 4),
            "runs": repeat,
            "target_s": TARGET_S,
            "ok": median <= TARGET_S,
            "sheets": sheets,
            "split": split,
        }
    }


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(measure(), indent=2))
