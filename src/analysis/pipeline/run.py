"""`analysis run` and `analysis ingest`: the step graph executed as one transaction.

`plan` decides, without importing pandas, which steps of a period's graph must run and why;
`run` then, holding the project lock and inside a stage (`transaction.staged`):

1. imports the libraries the steps to run need, once, in this process (`core.workers`);
2. runs every ingest step that must run, each in a forked child: bad input of any kind stops
   the run here (InputError: exit 2) before any notebook runs;
3. runs the chapter steps (forked children, as many at once as there are cores), the
   provenance record and the gathering steps; a step whose upstream outputs came out the
   same as last time is reused after all;
4. renders the report from the executed notebooks and writes its manifest;
5. commits data/processed and reports/<period> together.

Each step's record (`records`) lies beside its outputs; the report's is its manifest.json.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from analysis.core.config import Paths
from analysis.core.defaults import DEFAULT_RULE
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.provenance import check_inputs, code_version, versions
from analysis.pipeline import records, steps
from analysis.pipeline.graph import PROVENANCE, Graph, Step, build
from analysis.pipeline.transaction import Stage, fresh_folder, staged
from analysis.render.book import BookConfig, load_book_config
from analysis.render.names import HTML_NAME, PDF_NAME

MANIFEST = "manifest.json"  # the report step's record, in reports/<period>/
NOTEBOOK_KINDS = ("chapter", "provenance", "gather")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Request:
    """What to run: the period, the scoring rule, the renderer and how to execute notebooks."""

    period: Period
    rule: str
    engine: str = "auto"  # auto | quarto | pandoc
    no_cache: bool = False
    executor: str = "warm"  # warm (forked children) | kernel (a fresh Jupyter kernel each)


@dataclass
class Decision:
    step: Step
    run: bool
    why: str
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    pdf: Path
    html: Path
    status: str  # "cached" (nothing changed) or "rendered"
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)  # wall seconds per phase
    steps: dict[str, float] = field(default_factory=dict)  # wall seconds per forked job

    def timed(self, phase: str, since: float) -> float:
        """Add the time since `since` to `phase`; return now."""
        now = time.perf_counter()
        self.phases[phase] = round(self.phases.get(phase, 0.0) + now - since, 3)
        return now


def record_name(step: Step) -> str:
    return MANIFEST if step.kind == "report" else records.RECORD


def context(step: Step, request: Request, shared: dict[str, str]) -> dict[str, str]:
    """The run's parameters and environment that a step's outputs depend on (`shared`: what
    `shared_context` found once for the run)."""
    ctx = {"versions": shared["versions"]}
    if step.kind != "ingest":  # chapter, gather, provenance, report
        ctx.update(period=str(request.period), rule=request.rule)
        ctx.update({k: shared[k] for k in ("source_date_epoch", "engine", "root")})
    if step.kind in ("provenance", "report"):
        ctx["commit"] = shared["commit"]
    return ctx


def shared_context(paths: Paths, engine_label: str) -> dict[str, str]:
    """What every step's context draws from, found once per run (git runs here)."""
    return {
        "versions": records.digest(versions()),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "0"),
        "engine": engine_label,
        "root": steps.notebook_parameters("", "", paths).get("root", ""),
        "commit": records.digest(dataclasses.asdict(code_version(paths.root))),
    }


class Planner:
    """Decides, step by step in graph order, whether a step runs or is reused."""

    def __init__(self, graph: Graph, request: Request, paths: Paths, engine_label: str,
                 earlier: Planner | None = None):  # fmt: skip
        """`earlier`: the plan made before staging, whose context and file hashes hold."""
        self.graph, self.request, self.paths = graph, request, paths
        self.shared = earlier.shared if earlier else shared_context(paths, engine_label)
        self.hashes = earlier.hashes if earlier else records.Hashes()
        self.outputs: dict[str, dict[str, str]] = {}  # finished or reused steps

    def decide(self, step: Step, folder: Path | None = None) -> Decision:
        pending = [a for a in step.after if a not in self.outputs]
        if pending:
            return Decision(step, True, f"after {pending[0]}, which runs")
        ctx = context(step, self.request, self.shared)
        inputs = records.step_inputs(step, self.paths, self.hashes, self.outputs, ctx)
        folder = folder or step.folder
        record = records.read_record(folder, record_name(step))
        if self.request.no_cache:
            return Decision(step, True, "--no-cache", inputs)
        if record and record.get("key") == records.digest(inputs):
            outputs = records.intact(record, folder, record_name(step), step.kind != "report")
            if outputs is not None:
                self.outputs[step.id] = outputs
                return Decision(step, False, "nothing it reads changed", inputs)
            return Decision(step, True, "its outputs were changed or removed", inputs)
        return Decision(step, True, records.changes(record, inputs), inputs)


def engine_label(request: Request) -> str:
    from analysis.render import engine_label as label

    return label(shutil.which("quarto") if request.engine != "pandoc" else None)


def graph_of(request: Request, paths: Paths,
             progress: Progress | None = None) -> tuple[Graph, BookConfig]:  # fmt: skip
    """The period's graph, once every input passed the input policy (`check_inputs`: a FIFO
    or a link out of the project stops here, before any step) and the report's date
    (`book.date`) comes after the period's end; skipped folders to `progress`."""
    check_inputs(paths)
    book = load_book_config(paths.quarto_config)
    period = request.period
    if book.date is not None and book.date <= period.end_date:
        raise InputError(
            book.path, f"book.date {book.date} does not come after the end of {period} "
            f"({period.end_date}): set the date on which the report is published"
        )  # fmt: skip
    graph = build(period, paths, book.chapters)
    for name in graph.ignored if progress else ():
        progress(f"warning: ignoring {name}: not a period or wave folder")
    return graph, book


def plan(request: Request, paths: Paths) -> list[Decision]:
    """Every step of the period's graph with whether a run would execute it, and why."""
    graph, _ = graph_of(request, paths)
    planner = Planner(graph, request, paths, engine_label(request))
    return [planner.decide(step) for step in graph.steps]


def _preload(todo: list[Step], check=None) -> None:
    from analysis.core.workers import preload

    modules = [f"analysis.ingest.{s.name}" for s in todo if s.kind == "ingest"]
    notebooks = [s for s in todo if s.kind in ("chapter", "gather")]
    if notebooks:
        modules += ["analysis.render.notebooks", "matplotlib.pyplot", "analysis.core.display"]
        names = {s.name for s in notebooks}
        if any(s.kind == "gather" for s in notebooks):
            from analysis.study.dag import load_dag

            names |= set(load_dag()["chapters"])
        modules += [f"analysis.chapters.{n}.{m}" for n in sorted(names)
                    for m in ("compute", "text", "plots")]  # fmt: skip
    preload((m for m in modules if _exists(m)), check)
    if notebooks:
        from analysis.render.inprocess import warm_up

        warm_up()


def _raise_failed(pool) -> None:
    """Raise the error of an ingest child that failed while this process was importing."""
    if (error := pool.failed()) is not None:
        raise error


def _exists(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class Runner:
    """Executes a period's graph inside a stage (see the module docstring)."""

    def __init__(self, request: Request, stage: Stage, book: BookConfig, graph: Graph,
                 progress: Progress, label: str, plan: Planner | None = None) -> None:  # fmt: skip
        self.request, self.stage, self.book, self.graph = request, stage, book, graph
        self.paths = stage.paths
        self.progress = progress
        self.planner = Planner(graph, request, self.paths, label, earlier=plan)
        self.parameters = steps.notebook_parameters(str(request.period), request.rule, self.paths)
        self.options = {"engine_label": label, "warnings_shown": book.warning,
                        "executor": request.executor}  # fmt: skip
        self.result = Result(Path(), Path(), "rendered")
        self._inputs: dict[str, dict[str, str]] = {}  # of the steps that run
        self.todo = {s.id for s in graph.steps}  # what may run: the imports are for these
        self._running: dict[str, list[Step]] = {}  # pool key -> the job's steps

    def execute(self) -> Result:
        from analysis.core.workers import Pool

        pool = Pool(os.cpu_count() or 1)
        since = time.perf_counter()
        try:
            self.ingest(pool, overlap=True)
            since = self.result.timed("imports and ingest", since)
            self._jobs(pool, [[s] for s in self.graph.steps if s.kind in NOTEBOOK_KINDS])
            since = self.result.timed("chapters and gathering", since)
        finally:
            pool.stop()
            self.result.steps.update({k: round(v, 3) for k, v in pool.seconds.items()})
        self._report()
        self.result.timed("report: pandoc and Typst", since)
        return self.result

    def ingest(self, pool, overlap: bool = False) -> None:
        """Every ingest step, one child per input kind. With `overlap`, this process imports
        what the notebooks need while the first children validate."""
        _preload([s for s in self.graph.steps if s.kind == "ingest" and s.id in self.todo])
        kinds: dict[str, list[Step]] = {}
        for step in self.graph.of_kind("ingest"):
            kinds.setdefault(step.name, []).append(step)
        jobs = list(kinds.values())
        if overlap:
            self._start_ready(pool, jobs)
            notebooks = [s for s in self.graph.steps if s.kind in NOTEBOOK_KINDS]
            _preload([s for s in notebooks if s.id in self.todo], partial(_raise_failed, pool))
        self._jobs(pool, jobs)

    def _ready(self, job: list[Step]) -> bool:
        inside = {s.id for s in job}
        return all(a in self.planner.outputs or a in inside for s in job for a in s.after)

    def _start_ready(self, pool, jobs: list[list[Step]]) -> None:
        """Start every job whose steps' inputs are ready while the pool has room (a reused
        or provenance step finishes at once and may make others ready)."""
        while not pool.full and (ready := next((j for j in jobs if self._ready(j)), None)):
            jobs.remove(ready)
            self._start(pool, ready)

    def _jobs(self, pool, jobs: list[list[Step]]) -> None:
        """Run the jobs (lists of steps run one after the other in one child) in dependency
        order, as many at once as the pool allows; the provenance record runs here."""
        while jobs or pool.busy:
            self._start_ready(pool, jobs)
            if pool.busy:
                key, value = pool.next_done()
                self._finish(self._running.pop(key), value)
            elif jobs:
                raise RuntimeError(f"steps wait for each other: {[j[0].id for j in jobs]}")

    def _start(self, pool, job: list[Step]) -> None:
        """Start the steps of a job that must run (recording the others as reused)."""
        todo = []
        for step in job:
            decision = self.planner.decide(step)
            if decision.run:
                self._inputs[step.id] = decision.inputs
                todo.append(step)
            else:
                self.progress(f"reusing {step.label} ({decision.why})")
                self.result.reused.append(step.id)
        for step in todo:
            fresh_folder(step.folder)
            verb = "validating" if step.kind == "ingest" else "executing"
            if step.kind != "provenance":
                self.progress(f"{verb} {step.label}")
        if not todo:
            return
        first = todo[0]
        if first.kind == "provenance":
            steps.provenance(first, self.paths, self.parameters, self._chapters(),
                             list(self.graph.left_out), self.options["engine_label"],
                             self.planner.hashes.file)  # fmt: skip
            self._finish(todo, [None])
            return
        self._running[first.id] = todo
        if first.kind == "ingest":
            pool.start(first.id, steps.ingest, todo, self.paths)
        else:
            pool.start(first.id, steps.notebook, first, self.paths, self.parameters, self.options)

    def _finish(self, job: list[Step], value: object) -> None:
        values = value if isinstance(value, list) else [value]
        for step, result in zip(job, values, strict=True):
            self._record(step, result)

    def _record(self, step: Step, value: object) -> None:
        key = records.digest(self._inputs[step.id])
        if step.kind == "ingest" and value:
            self.progress(str(value))
        if isinstance(value, dict) and "reads" in value:
            upstream = [self.graph[a].folder for a in step.after]
            extra = steps.undeclared(step, value["reads"], self.paths, upstream)
            if extra:
                key = None  # never reused: what it read is not declared
                self.result.warnings.append(
                    f"{step.label} read {', '.join(extra[:3])}, which src/analysis/study/dag.yml "
                    "does not declare for it: it will run again next time"
                )
        outputs = records.outputs_of(step.folder, records.RECORD)
        records.write_record(step.folder, step, key, self._inputs[step.id], outputs)
        self.planner.outputs[step.id] = outputs
        self.result.executed.append(step.id)

    def _chapters(self) -> list[str]:
        return [s.name for s in self.graph.of_kind("chapter")]

    def _report(self) -> None:
        """Render the report into the stage, unless nothing it reads changed."""
        from analysis.render import render_report

        step = self.graph["report"]
        out = self.stage.report_dir(self.request.period)
        current = step.folder  # reports/<period>: the report is staged apart from the data
        decision = self.planner.decide(step)
        self.result.pdf, self.result.html = current / PDF_NAME, current / HTML_NAME
        if not decision.run:
            self.progress(f"reusing the report ({decision.why})")
            return
        notebooks = [s for s in self.graph.steps if s.notebook]
        executed = {s.notebook: s.folder / Path(s.notebook).name for s in notebooks}
        files, annexes = steps.report_files([s.folder for s in notebooks])
        record = json.loads((self.graph[PROVENANCE].folder / "provenance.json").read_bytes())
        book = dataclasses.replace(
            self.book, chapters=self.graph.book_chapters,
            appendices=tuple(a for a in self.book.appendices if a in self.graph.book_chapters),
        )  # fmt: skip
        notes = []
        if self.graph.left_out:
            from analysis.chapters import missing_note

            notes.append(missing_note(list(self.graph.left_out), self.request.period, self.paths))
        from analysis.core.formatting import day_nl
        from analysis.core.provenance import title_lines

        period = self.request.period
        rendered = render_report(
            book, out, root=self.paths.root, subtitle=f"Periode {period} ({period.label_nl})",
            progress=self.progress, engine=self.request.engine, files=files,
            title_meta=title_lines(record, day_nl(period.end_date)), notes=notes,
            executed=executed, annexes=annexes,
        )  # fmt: skip
        self.result.warnings += rendered.warnings
        outputs = records.outputs_of(out, MANIFEST)
        key = records.digest(decision.inputs)
        records.write_record(out, step, key, decision.inputs, outputs, MANIFEST)


def run(request: Request, paths: Paths, progress: Progress) -> Result:
    """Run a period (hold the project lock around it); see the module docstring."""
    started = time.perf_counter()
    graph, book = graph_of(request, paths, progress)
    label = engine_label(request)
    planner = Planner(graph, request, paths, label)
    decisions = [planner.decide(step) for step in graph.steps]
    out = paths.report_dir(request.period)
    if not any(d.run for d in decisions):
        progress(f"nothing changed since the last run of {request.period} "
                 f"(see reports/{request.period}/{MANIFEST}); --no-cache runs anyway")  # fmt: skip
        result = Result(out / PDF_NAME, out / HTML_NAME, "cached")
        result.timed("plan", started)
        return result
    for left in graph.left_out:
        progress(f"leaving out {left}: no data for {request.period}")
    with staged(paths) as stage:
        graph_staged = build(request.period, stage.paths, book.chapters)  # inputs checked
        runner = Runner(request, stage, book, graph_staged, progress, label, plan=planner)
        runner.todo = {d.step.id for d in decisions if d.run}
        runner.result.timed("plan and stage", started)
        result = runner.execute()
        since = time.perf_counter()
    result.timed("commit", since)
    return result


def ingest(period: Period, paths: Paths, progress: Progress) -> list[str]:
    """`analysis ingest`: validate and stage every input of the period's run, then commit."""
    from analysis.core.workers import Pool

    request = Request(period, DEFAULT_RULE)
    with staged(paths) as stage:
        graph, book = graph_of(request, stage.paths, progress)
        runner = Runner(request, stage, book, graph, progress, engine_label(request))
        pool = Pool(os.cpu_count() or 1)
        try:
            runner.ingest(pool)
        finally:
            pool.stop()
    return [s.id for s in graph.of_kind("ingest")]


__all__ = ["InputError", "Request", "Result", "ingest", "plan", "run"]
