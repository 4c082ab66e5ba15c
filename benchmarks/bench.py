"""Benchmark of the pipeline: `make bench` writes bench/results.json.

Performance is checked here, against the targets below (issue 11), not by timed tests.
Whole runs are timed as a user starts them (`analysis run` in a fresh process, on a copy of
the project): cold (nothing cached), a re-run with nothing changed, and a re-run after one
chapter's notebook changed. Each gets its wall time, the CPU time of the run and all its
processes (kernels, pandoc), and the split over the run's steps (from the run's timeline).
On a shared machine the wall time depends on the load (reported); the CPU time much less.
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
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from analysis.core.config import Paths
from analysis.core.defaults import PUBLISHED_PERIOD as PERIOD
from benchmarks import factsheets as bench_factsheets
from benchmarks import surveys as bench_surveys

# step -> target in seconds on the project machine (2 cores)
TARGETS = {
    "ingest_2009_T3": 1.0,
    "tabel_1_and_2": 1.0,
    "rule_fit": 2.0,
    "synthesize_2009_T3": 60.0,
    "full_run_2009_T3": 5.0,  # cold: every chapter executed
    "noop_rerun_2009_T3": 1.0,  # nothing changed: the manifest says so
    "one_chapter_changed_2009_T3": 3.0,  # one notebook edited: only it is executed
}
RUNS = ("full_run_2009_T3", "noop_rerun_2009_T3", "one_chapter_changed_2009_T3")
CHANGED = "04-arbeidsmarkt.ipynb"  # the chapter edited for the one-chapter re-run
TIMELINE_ENV = "ANALYSIS_TIMELINE"  # as analysis.terminal (not imported: it is what is timed)
# A run's progress lines, by the step they start (analysis.cli and analysis.render).
STAGES = [
    ("landkaart-", "ingest: read and validate the exports"),
    ("executing ", "chapters: execute or reuse"),
    ("reusing ", "chapters: execute or reuse"),
    ("leaving out ", "chapters: execute or reuse"),
    ("reading chapters", "render: pandoc reads the chapters"),
    ("writing PDF", "render: PDF (pandoc + Typst) and HTML (pandoc)"),
    ("quarto render", "render: quarto"),
    ("wrote data/processed", "commit and report"),
    ("nothing changed", "commit and report"),
]


def _stage(message: str) -> str | None:
    for prefix, stage in STAGES:
        if message.startswith(prefix):
            return stage
    return None


def split(timeline: list[tuple[float, str]], wall: float) -> dict[str, float]:
    """Seconds per step: the start-up (interpreter and imports) and each step of the run.

    The time before the first known progress line (the manifest check, reading the
    configuration) is 'check inputs and cache'.
    """
    stages: dict[str, float] = {}
    current, since = "check inputs and cache", 0.0
    for at, message in timeline:
        stage = _stage(message)
        if stage is None or stage == current:
            continue
        stages[current] = stages.get(current, 0.0) + at - since
        current, since = stage, at
    end = timeline[-1][0] if timeline else 0.0
    stages[current] = stages.get(current, 0.0) + end - since
    stages = {"start-up: interpreter and imports": wall - end, **stages}
    return {name: round(seconds, 3) for name, seconds in stages.items()}


class Project:
    """A copy of the project's inputs, run as a user would run it."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-"))
        self.root = Paths().copy_inputs_to(self.tmp / "project").root
        self.edits = 0

    def run(self) -> dict:
        timeline = self.tmp / "timeline.json"
        env = {**os.environ, TIMELINE_ENV: str(timeline), "SOURCE_DATE_EPOCH": "0"}
        cmd = [sys.executable, "-m", "analysis.cli", "--root", str(self.root), "run"]
        cmd += ["--period", str(PERIOD)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"analysis run failed:\n{proc.stderr}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        events = json.loads(timeline.read_text("utf-8"))
        executed = sum(1 for _, m in events if m.startswith("executing "))
        return {"wall_s": wall, "cpu_s": cpu, "stages": split(events, wall), "executed": executed}

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


def _summary(runs: list[dict]) -> dict:
    """Median wall and CPU over the repeats; the stage split of the median run."""
    walls = [r["wall_s"] for r in runs]
    median = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    return {
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
        "runs": len(runs),
        "chapters_executed": median["executed"],
        "stages_s": median["stages"],
    }


def _time(fn: Callable[[], object], repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(runs), 4), "min_s": round(min(runs), 4),
            "runs": repeat}  # fmt: skip


def _steps(repeat: int) -> dict[str, dict]:
    """The library steps, timed in this process."""
    from analysis.chapters.landkaart import compute as landkaart
    from analysis.ingest.landkaart import read_export
    from analysis.study import scoring
    from analysis.study.codebook import load_codebook
    from analysis.synthetic import landkaart as synthetic

    paths = Paths()
    codebook = load_codebook(paths)
    export = paths.landkaart_raw(PERIOD) / synthetic.export_name(PERIOD)
    answers = read_export(export, codebook)
    answers.attrs["metadata"] = {"synthetic": True}
    lk = landkaart.Landkaart(PERIOD, answers, codebook, scoring.get_rule("ako-2009"), paths)
    steps = {  # a fresh copy of lk each time: its results are kept on the object (core.memo)
        "ingest_2009_T3": lambda: read_export(export, codebook),
        "tabel_1_and_2": lambda: landkaart.backtests(replace(lk)),
        "rule_fit": lambda: landkaart.rule_fit(replace(lk)),
        "synthesize_2009_T3": lambda: synthetic.generate_2009_t3(paths),
    }
    results = {}
    for name, fn in steps.items():
        print(f"{name} ...", file=sys.stderr, flush=True)
        results[name] = _time(fn, 1 if name == "synthesize_2009_T3" else repeat)
    return results


def _runs(repeat: int) -> dict[str, dict]:
    """Cold, no-op and one-changed-chapter runs, each `repeat` times on fresh copies."""
    timings: dict[str, list[dict]] = {name: [] for name in RUNS}
    for i in range(repeat):
        project = Project()
        try:
            print(f"whole runs ({i + 1} of {repeat}) ...", file=sys.stderr, flush=True)
            timings["full_run_2009_T3"].append(project.run())
            timings["noop_rerun_2009_T3"].append(project.run())
            project.edit_chapter()
            timings["one_chapter_changed_2009_T3"].append(project.run())
        finally:
            project.remove()
    return {name: _summary(runs) for name, runs in timings.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Paths().bench_results)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs-only", action="store_true", help="Only the whole runs.")
    args = parser.parse_args(argv)

    load = os.getloadavg()
    results = {} if args.runs_only else _steps(args.repeat)
    results.update(_runs(args.repeat))
    for name, timing in results.items():
        timing["target_s"] = TARGETS[name]
        timing["ok"] = timing["median_s"] <= TARGETS[name]
    if not args.runs_only:
        results.update(bench_factsheets.measure())  # issue 15: every factsheet of the period
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_before": [round(x, 2) for x in load],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "steps": results,
    }
    if not args.runs_only:  # issue 13: 10 million respondent rows vs DuckDB
        report["surveys_10m"] = bench_surveys.run()
    report["all_ok"] = (
        all(r["ok"] for r in results.values()) and report.get("surveys_10m", {"ok": True})["ok"]
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    _print(report)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if report["all_ok"] else 1


def _print(report: dict) -> None:
    out = sys.stderr
    print(f"\nload average {report['machine']['load_average_before']} on "
          f"{report['machine']['cpus']} cores", file=out)  # fmt: skip
    print(f"{'step':34} {'median':>8} {'cpu':>7} {'target':>7}", file=out)
    for name, t in report["steps"].items():
        cpu = f"{t['cpu_s']:.2f}" if "cpu_s" in t else ""
        mark = "ok" if t["ok"] else "MISSED"
        print(f"{name:34} {t['median_s']:8.2f} {cpu:>7} {t['target_s']:7.1f}  {mark}", file=out)
        for stage, seconds in t.get("stages_s", {}).items():
            print(f"    {stage:44} {seconds:6.2f}", file=out)


if __name__ == "__main__":
    sys.exit(main())
