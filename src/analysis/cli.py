"""Command line: `analysis run --period 2009-T3` re-runs the whole study for one period."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

import typer
from rich.text import Text

# Only light modules here: a run with nothing changed stops before pandas is ever imported.
from analysis import pipeline, terminal
from analysis.core.config import PROJ_ROOT, Paths
from analysis.core.defaults import DEFAULT_RULE, DEFAULT_SEED, PUBLISHED_PERIOD
from analysis.core.errors import InputError
from analysis.core.periods import Period
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


@app.callback()
def main(
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


def _read(period: Period, paths: Paths, codebook):
    """Read and validate one period's export (nothing written); bad input exits with 2."""
    from analysis.ingest.landkaart import describe, read_period

    try:
        ingested = read_period(period, paths, codebook)
    except InputError as exc:
        _fail(str(exc))
    _step(describe(ingested.source, ingested.answers))
    return ingested


def _waiting() -> None:
    _step("another run of this project is busy; waiting for it to finish")


@app.command()
@reported
def ingest(ctx: typer.Context, period: str = PeriodOption) -> None:
    """Validate the period's export and write it to data/processed."""
    from analysis.ingest.landkaart import write_period

    paths: Paths = ctx.obj
    wanted = _period(period)
    pipeline.terminate_as_interrupt()
    try:
        with pipeline.project_lock(paths, _waiting):
            pipeline.clean_leftovers(paths)
            out = write_period(_read(wanted, paths, _codebook(paths)), paths)
    except InputError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted: data/processed is left as it was", INTERRUPTED)
    _step(f"wrote {_relative(out, paths)}")


@app.command()
@reported
def factsheets(
    ctx: typer.Context,
    period: str = PeriodOption,
    location: str | None = typer.Option(
        None, "--location", "-l", help="Only this Werkplein (its ID as in the export)."
    ),
    rule: str = typer.Option(DEFAULT_RULE, help="Scoring rule (see analysis.study.scoring.RULES)."),
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


def _codebook(paths: Paths):
    """The codebook; a damaged one is bad input (exit 2), not a crash."""
    try:
        from analysis.study.codebook import load_codebook

        return load_codebook(paths)
    except (OSError, KeyError, ValueError) as exc:
        _fail(f"{paths.codebook}: cannot read the codebook ({type(exc).__name__}: {exc})")


def _available(book, period: Period, paths: Paths) -> tuple[object, list[str]]:
    """The book without the chapters whose data the period lacks, and the note saying so."""
    from analysis.chapters import missing_note

    try:
        missing = pipeline.unavailable_chapters(book.chapters, period, paths)
    except InputError as exc:
        _fail(str(exc))
    except pipeline.ChapterCheckFailed as exc:
        _fail(str(exc), code=1)
    for chapter in missing:
        _step(f"leaving out {chapter}: no data for {period}")
    if not missing:
        return book, []
    chapters = tuple(c for c in book.chapters if c not in missing)
    appendices = tuple(c for c in book.appendices if c not in missing)
    book = replace(book, chapters=chapters, appendices=appendices)
    return book, [missing_note(missing, period, paths)]


@app.command()
@reported
def run(
    ctx: typer.Context,
    period: str = PeriodOption,
    rule: str = typer.Option(DEFAULT_RULE, help="Scoring rule (see analysis.study.scoring.RULES)."),
    engine: Engine = typer.Option(Engine.auto, help="Renderer: a real quarto, or pandoc+Typst."),
    all_periods: bool = typer.Option(
        False, "--all", help="Run every period folder; go on past a failing one."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Run even when nothing changed since the last run."
    ),
) -> None:
    """Ingest, execute the notebooks and render reports/<period>/rapport.pdf and .html.

    All or nothing: every input is validated first, and data/processed and reports/ change
    only when the whole run succeeds. With --all, every period folder under
    data/raw/landkaart is run in turn, and a summary says which failed. When inputs, code,
    package versions and parameters hash the same as at the last run and its outputs are
    unchanged (reports/<period>/manifest.json), the run stops at once; --no-cache runs anyway.
    """
    paths: Paths = ctx.obj
    wanted = _period(period)
    _valid_rule(rule)
    pipeline.terminate_as_interrupt()
    if all_periods:
        _run_all(paths, rule, engine, no_cache)
        return
    started = time.perf_counter()
    sheets = paths.report_dir(wanted) / "factsheets"  # analysis.factsheets.write.FOLDER
    had_sheets = sheets.is_dir()
    result = _run_one(paths, wanted, rule, engine, no_cache)
    for warning in result.warnings:
        _warn(warning)
    if had_sheets and not sheets.is_dir():
        _warn(f"the new report replaced {_relative(sheets, paths)}: run `analysis factsheets "
              f"--period {wanted}` again")  # fmt: skip
    for out in (result.pdf, result.html):
        _step(f"wrote {_relative(out, paths)}")
    console.print(Text.assemble(("done", "green"), f" in {time.perf_counter() - started:.1f} s"))
    terminal.write_timeline()


def _run_one(paths: Paths, wanted: Period, rule: str, engine: Engine, no_cache: bool = False):
    """One period, all or nothing; a failure is a RunFailed with its message and exit code."""
    if not paths.landkaart_raw(wanted).is_dir():
        _fail(f"no export folder {paths.landkaart_raw(wanted)} for period {wanted}")
    stage: list[pipeline.Stage] = []  # filled by _run_locked, to know whether it committed
    try:
        with pipeline.project_lock(paths, _waiting):
            return _run_locked(paths, wanted, rule, engine, stage, no_cache)
    except KeyboardInterrupt:
        if stage and stage[0].committed:
            _fail("interrupted after the run completed: the new report is in place", INTERRUPTED)
        _fail("interrupted: data/processed and reports/ are left as they were", INTERRUPTED)
    except InputError as exc:
        _fail(str(exc))
    except RunFailed:
        raise
    except Exception as exc:  # last resort: one line, never a traceback
        _fail(f"the run failed ({type(exc).__name__}: {exc}); outputs are left as they were", 1)


def _run_all(paths: Paths, rule: str, engine: Engine, no_cache: bool) -> None:
    """Every period folder in turn, past failures; a summary table; exit 1 if any failed."""
    from rich.table import Table

    from analysis.ingest.landkaart import raw_periods

    periods, _ = raw_periods(paths)
    if not periods:
        _fail(f"no period folders (YYYY-Tn) under {paths.landkaart_root}")
    rows, worst = [], 0
    for i, period in enumerate(periods, start=1):
        console.rule(Text(f"{period} ({i} of {len(periods)})"))
        started = time.perf_counter()
        try:
            _run_one(paths, period, rule, engine, no_cache)
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


def _run_locked(
    paths: Paths,
    wanted: Period,
    rule: str,
    engine: Engine,
    holder: list[pipeline.Stage],
    no_cache: bool,
):
    """The run itself, holding the project lock (see analysis.pipeline)."""
    from analysis.render import RenderError, RenderResult, load_book_config, render_report
    from analysis.render.names import HTML_NAME, PDF_NAME

    for leftover in pipeline.clean_leftovers(paths):
        _step(f"removed {_relative(leftover, paths)}, left by an interrupted run")
    parameters = pipeline.notebook_parameters(wanted, rule, paths)
    record = pipeline.run_inputs(paths, {**parameters, "engine": engine.value})
    out = paths.report_dir(wanted)
    if not no_cache and pipeline.up_to_date(out, paths.root, record["key"]):
        _step(f"nothing changed since the last run of {wanted} (see {_relative(out, paths)}/"
              f"{pipeline.MANIFEST}); --no-cache runs anyway")  # fmt: skip
        return RenderResult(out / PDF_NAME, out / HTML_NAME, [], "cached")
    from analysis.core.formatting import day_nl
    from analysis.core.provenance import title_lines
    from analysis.ingest.arbeidsmarkt import load_standcijfers, load_uitstroom
    from analysis.ingest.enquetes import raw_waves, read_wave, write_wave
    from analysis.ingest.landkaart import raw_periods, write_period
    from analysis.ingest.toonkamer import load_clients

    periods, ignored = raw_periods(paths, wanted)
    for name in ignored:
        _warn(f"ignoring {paths.landkaart_root / name}: not a period (YYYY-Tn)")
    codebook = _codebook(paths)
    read = [_read(p, paths, codebook) for p in periods]  # the trend chapter needs them all
    try:
        surveys = [read_wave(w, paths) for w in raw_waves(paths, wanted)[0]]
        load_standcijfers(paths), load_uitstroom(paths), load_clients(paths)
        book = load_book_config(paths.quarto_config)
    except InputError as exc:
        _fail(str(exc))
    with pipeline.staged(paths) as stage:
        holder.append(stage)
        for ingested in read:
            write_period(ingested, stage.paths)
        for wave in surveys:
            write_wave(wave, stage.paths)
        book, notes = _available(book, wanted, stage.paths)
        try:
            staged = render_report(
                book,
                out_dir=stage.report_dir(wanted),
                parameters=parameters,
                root=paths.root,
                subtitle=f"Periode {wanted} ({wanted.label_nl})",
                title_meta=title_lines(paths, day_nl(wanted.end_date)),
                engine=engine.value,
                progress=_step,
                epilogue=pipeline.tables_epilogue(wanted, rule, paths),
                previous=None if no_cache else out,
                notes=notes,
            )
        except InputError as exc:
            _fail(str(exc))
        except RenderError as exc:
            if exc.ename == "InputError":  # bad input met in a chapter: exit 2, as above
                _fail(f"{exc}; {paths.report_dir(wanted)} left as it was")
            _fail(f"rendering failed, {paths.report_dir(wanted)} left as it was: {exc}", code=1)
        except Exception as exc:  # a failing notebook: say which, keep the old report
            _fail(f"rendering failed, {paths.report_dir(wanted)} left as it was: {exc}", code=1)
        outputs = {
            _relative(out / f.relative_to(stage.report_dir(wanted)), paths): f
            for f in pipeline.files_under(stage.report_dir(wanted))
        }
        for ingested in read:
            csv = stage.paths.landkaart_processed(ingested.period)
            for file in (csv, csv.with_name("metadata.json")):
                final = paths.processed / file.relative_to(stage.paths.processed)
                outputs[_relative(final, paths)] = file
        pipeline.write_manifest(record, paths.root, outputs, stage.report_dir(wanted))
    _step(f"wrote {_relative(paths.processed / 'landkaart', paths)} ({len(read)} periods)")
    return replace(
        staged,
        pdf=out / staged.pdf.relative_to(stage.report_dir(wanted)),
        html=out / staged.html.relative_to(stage.report_dir(wanted)),
        notebooks=[out / p.relative_to(stage.report_dir(wanted)) for p in staged.notebooks],
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
