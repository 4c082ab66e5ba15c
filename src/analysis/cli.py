"""Command line: `analysis run --period 2009-T3` re-runs the whole study for one period."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

import typer
from rich.text import Text

# Only light modules here: a run with nothing changed stops before pandas is ever imported.
from analysis import pipeline, terminal
from analysis.core.config import PROJ_ROOT, Paths
from analysis.core.defaults import DEFAULT_RULE, DEFAULT_SEED, PUBLISHED_PERIOD
from analysis.core.errors import InputError
from analysis.core.periods import LAST_PERIOD, Period
from analysis.terminal import RunFailed, console, reported
from analysis.terminal import error as _error
from analysis.terminal import fail as _fail
from analysis.terminal import safe as _safe
from analysis.terminal import step as _step
from analysis.terminal import warn as _warn

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


def _valid_rule(rule: str) -> None:
    """A scoring rule must exist (the default does: tests/test_scoring.py); else exit 2."""
    if rule != DEFAULT_RULE:
        from analysis.study.scoring import get_rule

        try:
            get_rule(rule)
        except ValueError as exc:
            _fail(str(exc))


PeriodOption = typer.Option(
    str(PUBLISHED_PERIOD), "--period", "-p", help="Tertaal period, YYYY-Tn."
)
INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C or SIGTERM


class Engine(StrEnum):
    auto = "auto"
    quarto = "quarto"
    pandoc = "pandoc"


RuleOption = typer.Option(DEFAULT_RULE, help="Scoring rule (see analysis.study.scoring.RULES).")
EngineOption = typer.Option(Engine.auto, help="Renderer: a real quarto, or pandoc+Typst.")


class Executor(StrEnum):
    warm = "warm"
    kernel = "kernel"


@app.callback()
def _root(
    ctx: typer.Context,
    root: Path = typer.Option(
        PROJ_ROOT,
        envvar="ANALYSIS_ROOT",
        help="Project root holding data/, notebooks/, _quarto.yml.",
    ),
) -> None:
    ctx.obj = Paths(root.resolve())


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        _fail(str(exc))


def _relative(path: Path, paths: Paths) -> str:
    try:
        return str(path.relative_to(paths.root))
    except ValueError:
        return str(path)


@app.command()
@reported
def synthesize(
    ctx: typer.Context,
    seed: int = typer.Option(
        DEFAULT_SEED, min=0, max=2**32 - 1, help="Random seed of the generator."
    ),
    force: bool = typer.Option(False, help="Regenerate the last export even if it exists."),
) -> None:
    """Generate the synthetic Landkaart exports and Toonkamer clients (inputs, data/raw)."""
    paths: Paths = ctx.obj
    with pipeline.project_lock(paths, _waiting):
        _synthesize(paths, seed, force)


def _synthesize(paths: Paths, seed: int, force: bool) -> None:
    from analysis.synthetic import history
    from analysis.synthetic import landkaart as synthetic

    last = history.LAST
    target = paths.landkaart_raw(last) / synthetic.export_name(last)
    if force or not target.exists():
        _step(f"searching a synthetic {last} export (seed {seed})")
        frame = synthetic.generate_2009_t3(paths, seed, progress=_step)
        meta = synthetic.sidecar(last, seed, DEFAULT_RULE, synthetic.REPRODUCES_2009_T3)
        _step(f"wrote {synthetic.write_export(frame, last, meta, paths)}")
    else:
        _step(f"keeping {_relative(target, paths)} (pass --force to regenerate)")
    for period, frame in history.generate(paths, seed, progress=_step).items():
        meta = synthetic.sidecar(period, seed, DEFAULT_RULE, history.REPRODUCES_HISTORY)
        _step(f"wrote {synthetic.write_export(frame, period, meta, paths)}")
    from analysis.synthetic import enquetes, inspectie, toonkamer  # inspectie: from 2008-T1

    _step(f"wrote {inspectie.write(paths)} (seed {inspectie.DEFAULT_SEED})")
    clients, meta = toonkamer.generate(paths, toonkamer.DEFAULT_SEED)
    _step(f"wrote {toonkamer.write(clients, meta, paths)}")
    enquetes.write_waves(paths, progress=_step)  # the survey waves (their own fixed seed)


def _waiting() -> None:
    _step("another run of this project is busy; waiting for it to finish")


@app.command()
@reported
def ingest(ctx: typer.Context, period: str = PeriodOption) -> None:
    """Validate every input of the period's run and write it to data/processed.

    The same ingest steps as `run` (see `analysis steps`): all or nothing, exit 2 on bad input.
    """
    paths: Paths = ctx.obj
    wanted = _period(period)
    pipeline.terminate_as_interrupt()
    try:
        with pipeline.project_lock(paths, _waiting):
            _clean(paths)
            pipeline.ingest(wanted, paths, _step)
    except InputError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted: data/processed is left as it was", INTERRUPTED)
    except Exception as exc:  # last resort: one line, never a traceback
        _fail(f"ingest failed ({type(exc).__name__}: {exc}); data/processed is left as it was", 1)
    _step(f"wrote {_relative(paths.processed, paths)}")


@app.command()
@reported
def steps(
    ctx: typer.Context,
    period: str = PeriodOption,
    rule: str = RuleOption,
    engine: Engine = EngineOption,
) -> None:
    """Show the period's steps and whether `run` would execute or reuse each, and why.

    For each step: the steps before it, what it reads (raw inputs, notebook, code) and where
    it writes. The graph is declared in src/analysis/study/dag.yml.
    """
    paths: Paths = ctx.obj
    wanted = _period(period)
    _valid_rule(rule)
    try:
        decisions = pipeline.plan(pipeline.Request(wanted, rule, engine.value), paths)
    except InputError as exc:
        _fail(str(exc))
    width = max(len(d.step.id) for d in decisions)
    for d in decisions:
        s = d.step
        status = Text("run  ", "yellow") if d.run else Text("reuse", "green")
        console.print(Text.assemble((s.id.ljust(width), "bold"), "  ", status, "  ", _safe(d.why)))
        reads = [_relative(r, paths) for r in s.raw] + ([s.notebook] if s.notebook else [])
        lines = [("reads", ", ".join(reads) or "-"), ("code", ", ".join(s.code))]
        if s.after:
            shown = ", ".join(s.after[:3]) + (
                f" (and {len(s.after) - 3} more)" if len(s.after) > 3 else ""
            )
            lines.insert(0, ("after", shown))
        lines.append(("writes", _relative(s.folder, paths)))
        for label, text in lines:
            console.print(Text.assemble("    ", (f"{label:<7}", "dim"), _safe(text)))
    runs = sum(d.run for d in decisions)
    console.print(f"{runs} of {len(decisions)} steps would run.")


@app.command()
@reported
def factsheets(
    ctx: typer.Context,
    period: str = PeriodOption,
    location: str | None = typer.Option(
        None, "--location", "-l", help="Only this Werkplein (its ID as in the export)."
    ),
    rule: str = RuleOption,
) -> None:
    """Write reports/<period>/factsheets/: one A4 PDF per Werkplein and index.html.

    From the period's Landkaart export, validated as `run` does (and the earlier ones, for each
    Werkplein's path); all or nothing. `analysis run` replaces the period's report folder,
    factsheets included: make them after the run.
    """
    from analysis.factsheets.write import UnknownLocation, write_factsheets

    paths: Paths = ctx.obj
    wanted = _period(period)
    _valid_rule(rule)
    pipeline.terminate_as_interrupt()
    started = time.perf_counter()
    try:
        with pipeline.project_lock(paths, _waiting):
            pipeline.clean_leftovers(paths)
            written = write_factsheets(wanted, rule, paths, location, progress=_step)
    except (InputError, UnknownLocation) as exc:
        _fail(str(exc.args[0]) if isinstance(exc, UnknownLocation) else str(exc))
    except KeyboardInterrupt:
        _fail("interrupted: the factsheets are left as they were", INTERRUPTED)
    except Exception as exc:  # e.g. Typst: one line, never a traceback
        _fail(f"writing the factsheets failed ({type(exc).__name__}: {exc}); left as they were", 1)
    _step(f"wrote {len(written.sheets)} PDF and the index of {written.locations} in "
          f"{_relative(written.folder, paths)}")  # fmt: skip
    console.print(Text.assemble(("done", "green"), f" in {time.perf_counter() - started:.1f} s"))


def _clean(paths: Paths) -> None:
    for leftover in pipeline.clean_leftovers(paths):
        _step(f"removed {_relative(leftover, paths)}, left by an interrupted run")


@app.command()
@reported
def run(
    ctx: typer.Context,
    period: str = PeriodOption,
    rule: str = RuleOption,
    engine: Engine = EngineOption,
    all_periods: bool = typer.Option(
        False, "--all", help="Run every period folder; go on past a failing one."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Execute every step, even when nothing it reads changed."
    ),
    executor: Executor = typer.Option(
        Executor.warm,
        hidden=True,
        help="warm: forked children; kernel: a fresh Jupyter kernel "
        "per notebook (the reference the warm one is tested against).",
    ),
) -> None:
    """Ingest, execute the notebooks and render reports/<period>/rapport.pdf and .html.

    All or nothing: every input is validated first, and data/processed and reports/ change
    only when the whole run succeeds. Each step runs only when something it reads changed
    since the last run (`analysis steps` says which and why); --no-cache runs them all. With
    --all, every period folder under data/raw/landkaart is run in turn, and a summary says
    which failed.
    """
    paths: Paths = ctx.obj
    wanted = _period(period)
    _valid_rule(rule)
    pipeline.terminate_as_interrupt()
    request = pipeline.Request(wanted, rule, engine.value, no_cache, executor.value)
    if all_periods:
        _run_all(paths, request)
        return
    started = time.perf_counter()
    sheets = paths.report_dir(wanted) / "factsheets"  # analysis.factsheets.write.FOLDER
    had_sheets = sheets.is_dir()
    result = _run_one(paths, request)
    for warning in result.warnings:
        _warn(warning)
    if had_sheets and not sheets.is_dir():
        _warn(f"the new report replaced {_relative(sheets, paths)}: run `analysis factsheets "
              f"--period {wanted}` again")  # fmt: skip
    if result.status != "cached":
        for out in (result.pdf, result.html):
            _step(f"wrote {_relative(out, paths)}")
    console.print(Text.assemble(("done", "green"), f" in {time.perf_counter() - started:.1f} s"))
    terminal.write_timeline(result.phases, result.steps)


def _run_one(paths: Paths, request):
    """One period, all or nothing; a failure is a RunFailed with its message and exit code."""
    from analysis.render.errors import RenderError

    if not paths.landkaart_raw(request.period).is_dir():
        _fail(f"no export folder {paths.landkaart_raw(request.period)} for period {request.period}")
    out = paths.report_dir(request.period)
    committed = False
    try:
        with pipeline.project_lock(paths, _waiting):
            _clean(paths)
            result = pipeline.run(request, paths, _step)
            committed = True
            return result
    except KeyboardInterrupt:
        if committed:
            _fail("interrupted after the run completed: the new report is in place", INTERRUPTED)
        _fail("interrupted: data/processed and reports/ are left as they were", INTERRUPTED)
    except InputError as exc:
        _fail(str(exc))
    except RenderError as exc:
        if exc.ename == "InputError":  # bad input met in a chapter: exit 2, as above
            _fail(f"{exc}; {_relative(out, paths)} left as it was")
        _fail(f"rendering failed, {_relative(out, paths)} left as it was: {exc}", code=1)
    except RunFailed:
        raise
    except Exception as exc:  # last resort: one line, never a traceback
        _fail(f"the run failed ({type(exc).__name__}: {exc}); outputs are left as they were", 1)


def _run_all(paths: Paths, request) -> None:
    """Every period folder in turn, past failures; a summary table; exit 1 if any failed."""
    from rich.table import Table

    from analysis.study.dag import units

    try:
        names, _ = units("landkaart", "periods", LAST_PERIOD, paths)
        periods = [Period.parse(name) for name in names]
    except InputError as exc:
        _fail(str(exc))
    if not periods:
        _fail(f"no period folders (YYYY-Tn) under {paths.landkaart_root}")
    rows, worst = [], 0
    for i, period in enumerate(periods, start=1):
        console.rule(Text(f"{period} ({i} of {len(periods)})"))
        started = time.perf_counter()
        try:
            _run_one(paths, replace(request, period=period))
            status, message, code = "ok", "", 0
        except RunFailed as failed:
            _error(failed.message)
            status, message, code = "failed", failed.message, failed.code
        rows.append((str(period), status, f"{time.perf_counter() - started:.1f} s", message))
        worst = max(worst, code)
        if code == INTERRUPTED:
            break
    table = Table(title="analysis run --all")
    for column in ("period", "status", "time", "message"):
        table.add_column(column, overflow="fold")
    for period, status, took, message in rows:
        colour = "green" if status == "ok" else "red"
        table.add_row(period, Text(status, style=colour), took, Text(_safe(message)))
    console.print(table)
    if worst:
        raise typer.Exit(worst if worst == INTERRUPTED else 1)


def main() -> None:
    """The `analysis` command: the Typer app, with Typer's own usage errors (a bad option
    value) quoting at most about 80 characters of what was typed, like every other error.

    It ends with `os._exit` once its output is flushed: the interpreter's own clean-up of a
    process that has imported pandas, matplotlib, SciPy and statsmodels takes most of a
    second, and nothing of this command is left to clean up by then (the run's children,
    temporary folders and lock are done with before it returns).
    """
    from typer import rich_utils

    try:
        code = app(standalone_mode=False)
        code = code if isinstance(code, int) else 0
    except typer.Abort:
        _error("interrupted")
        code = INTERRUPTED
    except typer.TyperException as exc:  # Typer's usage errors (its own copy of click's)
        if isinstance(getattr(exc, "message", None), str):
            exc.message = terminal.short_quotes(exc.message)
        rich_utils.rich_format_error(exc)
        code = getattr(exc, "exit_code", 2)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    _exit(code)


def _exit(code: int) -> NoReturn:
    """Flush what the command printed, then end the process at once."""
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to flush
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
