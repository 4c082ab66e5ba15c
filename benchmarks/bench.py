"""`make bench`: the pipeline against its performance targets; results in bench/results.json.

Performance is checked here, never by timed tests. Every figure is the median of `--repeat`
runs (three by default) of a whole command in a fresh process, as a user starts it, on a fresh
copy of the project:

- the import floor: a Python that imports pandas, matplotlib, SciPy and statsmodels;
- a cold run of the default period (`analysis run --no-cache` on a copy without processed
  data): wall and CPU time (the run and every process it started), and the wall time as a
  multiple of the import floor (the figure that carries across machines), split per phase
  and per step from the run's own timeline;
- a run after one chapter's notebook changed, and a run with nothing changed;
- `make report` on a fresh clone (installing the locked packages into a new .venv; once);
- `make test` and `make test-fast`, as the Makefile last timed them (bench/test-times.json);
- a 100-million-row respondent file validated and written by the survey ingest step, its
  time and peak memory against the 2 GB target, and the same file refused up front by the
  row limit (`benchmarks/ingest_scale.py`; skip it with `--no-ingest-scale`).

Where a target is missed, the split shows where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.core.config import Paths
from analysis.core.defaults import PUBLISHED_PERIOD as PERIOD
from benchmarks import factsheets as bench_factsheets
from benchmarks import ingest_scale as bench_ingest
from benchmarks import record
from benchmarks import surveys as bench_surveys
from benchmarks.record import TEST_TIMES  # written by the Makefile's test targets

ROOT = record.ROOT
TARGETS = {  # seconds on the project machine (2 cores); ratio: times the import floor
    "cold_full_period_wall": 5.0,
    "cold_full_period_cpu": 10.0,
    "cold_full_period_ratio": 3.0,
    "one_chapter_changed": 2.0,
    "nothing_changed": 0.5,
    "make_report_fresh_clone": 60.0,
    **{name: float(seconds) for name, seconds in record.TARGETS.items()},  # the Makefile's
    "survey_ingest_100m_peak_mb": float(bench_ingest.TARGET_PEAK_MB),  # MB, not seconds
}
CHANGED = "04-arbeidsmarkt.ipynb"  # the chapter edited for the one-chapter run
TIMELINE_ENV = "ANALYSIS_TIMELINE"  # as analysis.terminal (not imported: it is what is timed)
FLOOR = "import pandas, matplotlib.pyplot, scipy.stats, statsmodels.api"


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run a command; its wall time and the CPU time of it and all it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu}


class Project:
    """A copy of the project's inputs, run as a user would run it."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-"))
        self.root = Paths().copy_inputs_to(self.tmp / "project").root
        self.edits = 0

    def run(self, *args: str) -> dict:
        timeline = self.tmp / "timeline.json"
        env = {**os.environ, TIMELINE_ENV: str(timeline), "SOURCE_DATE_EPOCH": "0"}
        cmd = [sys.executable, "-m", "analysis.cli", "--root", str(self.root), "run"]
        result = timed([*cmd, "--period", str(PERIOD), *args], env=env)
        record = json.loads(timeline.read_text("utf-8"))
        lines = [message for _, message in record["lines"]]
        result["executed"] = sum(m.startswith(("executing ", "validating ")) for m in lines)
        phases = record["phases"]
        outside = result["wall_s"] - sum(phases.values())
        result["phases"] = {"start-up, CLI imports and exit": round(outside, 3), **phases}
        result["steps"] = record["steps"]
        return result

    def edit_chapter(self) -> None:
        """Change one chapter's notebook (its first Markdown cell gets another line)."""
        path = self.root / "notebooks" / CHANGED
        nb = json.loads(path.read_text("utf-8"))
        cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
        self.edits += 1
        cell["source"] = [*cell["source"], f"\n\n<!-- bench edit {self.edits} -->"]
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")

    def remove(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time, with the medians of wall and CPU time."""
    middle = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    return {
        **middle,
        "wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
        "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
        "runs": len(runs),
    }


def floor(repeat: int) -> float:
    return statistics.median(
        timed([sys.executable, "-c", FLOOR])["wall_s"] for _ in range(repeat)
    )


def runs(repeat: int, kernels: bool) -> dict[str, dict]:
    """Cold, one-chapter-changed and nothing-changed runs, each `repeat` times; with
    `kernels`, also the cold run with one fresh Jupyter kernel per notebook (the candidate
    the warm workers replaced), once."""
    found: dict[str, list[dict]] = {"cold": [], "one_chapter": [], "nothing": []}
    for i in range(repeat):
        print(f"whole runs ({i + 1} of {repeat}) ...", file=sys.stderr, flush=True)
        project = Project()
        try:
            found["cold"].append(project.run("--no-cache"))
            project.edit_chapter()
            found["one_chapter"].append(project.run())
            found["nothing"].append(project.run())
            if kernels and i == 0:
                found["cold_fresh_kernels"] = [project.run("--no-cache", "--executor", "kernel")]
        finally:
            project.remove()
    return {name: median_run(found[name]) for name in found}


def fresh_clone() -> dict:
    """`make report` on a clean clone of the repository's HEAD (installs into a new .venv)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-clone-"))
    try:
        subprocess.run(["git", "clone", "-q", str(ROOT), str(tmp / "p")], check=True)
        env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
        return timed(["make", "report"], env=env, cwd=tmp / "p")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_times() -> dict[str, float | None]:
    try:
        known = json.loads(TEST_TIMES.read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    return {name: known.get(name) for name in ("make_test", "make_test_fast")}


def check(results: dict) -> dict[str, dict]:
    """Every target with its measured value and whether it holds."""
    cold, floor_s = results["runs"]["cold"], results["import_floor_s"]
    measured = {
        "cold_full_period_wall": cold["wall_s"],
        "cold_full_period_cpu": cold["cpu_s"],
        "cold_full_period_ratio": round(cold["wall_s"] / floor_s, 2),
        "one_chapter_changed": results["runs"]["one_chapter"]["wall_s"],
        "nothing_changed": results["runs"]["nothing"]["wall_s"],
        "make_report_fresh_clone": results.get("fresh_clone", {}).get("wall_s"),
        **results["tests"],
        "survey_ingest_100m_peak_mb": results.get("survey_ingest_100m", {}).get("ingest", {})
        .get("peak_mb"),
    }
    return {
        name: {"value": value, "target": TARGETS[name],
               "ok": None if value is None else value <= TARGETS[name]}  # fmt: skip
        for name, value in measured.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Paths().bench_results)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-clone", action="store_true", help="Skip `make report` on a clone.")
    parser.add_argument("--no-kernels", action="store_true",
                        help="Skip the cold run with a fresh Jupyter kernel per notebook.")
    parser.add_argument("--more", action="store_true",
                        help="Also the factsheets and the 10-million-respondent aggregation.")
    parser.add_argument("--no-ingest-scale", action="store_true",
                        help="Skip the 100-million-row survey ingest (memory and time).")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    results: dict = {
        "import_floor_s": round(floor(args.repeat), 3),
        "runs": runs(args.repeat, kernels=not args.no_kernels),
    }
    if not args.no_clone:
        print("make report on a fresh clone ...", file=sys.stderr, flush=True)
        results["fresh_clone"] = {k: round(v, 2) for k, v in fresh_clone().items()}
    results["tests"] = test_times()
    if args.more:
        results["factsheets"] = bench_factsheets.measure()
        results["surveys_10m"] = bench_surveys.run()
    if not args.no_ingest_scale:
        results["survey_ingest_100m"] = bench_ingest.run()
    report = {
        "machine": {
            "python": platform.python_version(), "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "targets": check(results),
        **results,
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    show(report)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(t["ok"] is not False for t in report["targets"].values()) else 1


def show(report: dict) -> None:
    out = sys.stderr
    m = report["machine"]
    print(f"\nload average {m['load_average_before']} on {m['cpus']} cores; import floor "
          f"{report['import_floor_s']:.2f} s ({FLOOR})", file=out)  # fmt: skip
    print(f"{'target':28} {'measured':>9} {'target':>8}", file=out)
    for name, t in report["targets"].items():
        value = "n/a" if t["value"] is None else f"{t['value']:.2f}"
        mark = {True: "ok", False: "MISSED", None: "not measured"}[t["ok"]]
        unit = "x" if name.endswith("ratio") else "M" if name.endswith("_mb") else "s"
        print(f"{name:28} {value:>8}{unit} {t['target']:7.1f}{unit}  {mark}", file=out)
    for name, run in report["runs"].items():
        print(f"\n{name} run: {run['wall_s']:.2f} s wall, {run['cpu_s']:.2f} s CPU, "
              f"{run['executed']} steps executed", file=out)  # fmt: skip
        for phase, seconds in run["phases"].items():
            print(f"    {phase:40} {seconds:6.2f} s", file=out)
        for step, seconds in sorted(run["steps"].items(), key=lambda x: -x[1]):
            print(f"      step {step:35} {seconds:6.2f} s", file=out)


if __name__ == "__main__":
    sys.exit(main())
