"""Benchmark of the pipeline steps: `make bench` writes bench/results.json.

Performance is checked here, against the targets below, not by timed tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analysis import bench_factsheets, bench_surveys
from analysis.chapters.landkaart import compute as landkaart
from analysis.core import published, scoring
from analysis.core.codebook import load_codebook
from analysis.core.config import Paths
from analysis.ingest.landkaart import read_export
from analysis.synthetic import landkaart as synthetic

PERIOD = published.PUBLISHED_PERIOD
# step -> target in seconds on the project machine (2 cores)
TARGETS = {
    "ingest_2009_T3": 1.0,
    "tabel_1_and_2": 1.0,
    "rule_fit": 2.0,
    "synthesize_2009_T3": 60.0,
    "full_run_2009_T3": 5.0,  # cold: every chapter executed (issue 11's target)
    "noop_rerun_2009_T3": 1.0,  # nothing changed: the manifest says so
}


def _time(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {
        "median_s": round(statistics.median(runs), 4),
        "min_s": round(min(runs), 4),
        "runs": repeat,
    }


_BENCH_ROOT: dict[str, Path] = {}  # the project copy of the last cold run, for the re-run


def _run(root: Path) -> None:
    cmd = [sys.executable, "-m", "analysis.cli", "--root", str(root), "run"]
    cmd += ["--period", str(PERIOD)]
    subprocess.run(cmd, check=True, capture_output=True)


def _full_run() -> None:
    if "root" in _BENCH_ROOT:  # the copy of an earlier repeat
        shutil.rmtree(_BENCH_ROOT.pop("root"), ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    _BENCH_ROOT["root"] = Paths().copy_inputs_to(tmp).root
    _run(_BENCH_ROOT["root"])


def _noop_rerun() -> None:
    _run(_BENCH_ROOT["root"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Paths().bench_results)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    paths = Paths()
    codebook = load_codebook(paths)
    export = paths.landkaart_raw(PERIOD) / synthetic.export_name(PERIOD)
    answers = read_export(export, codebook)
    answers.attrs["metadata"] = {"synthetic": True}
    lk = landkaart.Landkaart(PERIOD, answers, codebook, scoring.get_rule("ako-2009"), paths)

    steps: dict[str, Callable[[], object]] = {
        "ingest_2009_T3": lambda: read_export(export, codebook),
        "tabel_1_and_2": lambda: landkaart.backtests(lk),
        "rule_fit": lambda: landkaart.rule_fit(lk),
        "synthesize_2009_T3": lambda: synthetic.generate_2009_t3(paths),
        "full_run_2009_T3": _full_run,
        "noop_rerun_2009_T3": _noop_rerun,
    }
    results = {}
    for name, fn in steps.items():
        repeat = 1 if name in ("synthesize_2009_T3", "full_run_2009_T3") else args.repeat
        print(f"{name} ...", file=sys.stderr, flush=True)
        timing = _time(fn, repeat)
        timing["target_s"] = TARGETS[name]
        timing["ok"] = timing["median_s"] <= TARGETS[name]
        results[name] = timing
        print(f"  {timing['median_s']:.3f} s (target {TARGETS[name]} s)", file=sys.stderr)
    results.update(bench_factsheets.measure())  # issue 15: every factsheet of the period
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "steps": results,
        "surveys_10m": bench_surveys.run(),  # issue 13: 10 million respondent rows vs DuckDB
    }
    report["all_ok"] = all(r["ok"] for r in results.values()) and report["surveys_10m"]["ok"]
    if "root" in _BENCH_ROOT:  # the bench-* copy made by _full_run
        shutil.rmtree(_BENCH_ROOT.pop("root"), ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if report["all_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
