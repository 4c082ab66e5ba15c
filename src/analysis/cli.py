"""Command line: `analysis run --period 2009-T3` re-runs the whole study for one period."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import typer
from rich.console import Console

from analysis.core.codebook import load_codebook
from analysis.core.config import DEFAULT_PERIOD, PROJ_ROOT, Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.scoring import DEFAULT_RULE, get_rule
from analysis.synthetic import landkaart as synthetic

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console(stderr=True, highlight=False, soft_wrap=True)
_state: dict[str, Paths] = {}

PeriodOption = typer.Option(DEFAULT_PERIOD, "--period", "-p", help="Tertaal period, YYYY-Tn.")


@app.callback()
def main(
    root: Path = typer.Option(
        PROJ_ROOT,
        envvar="ANALYSIS_ROOT",
        help="Project root holding data/, notebooks/, _quarto.yml.",
    ),
) -> None:
    _state["paths"] = Paths(root.resolve())


def _paths() -> Paths:
    return _state.get("paths", Paths())


def _step(message: str) -> None:
    console.print(f"[bold cyan]→[/] {message}")


def _fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _period(text: str) -> str:
    try:
        return str(Period.parse(text))
    except ValueError as exc:
        _fail(str(exc))
        raise  # unreachable, for type checkers


@app.command()
def synthesize(
    seed: int = typer.Option(synthetic.DEFAULT_SEED, help="Random seed of the generator."),
    force: bool = typer.Option(False, help="Regenerate the 2009-T3 export even if it exists."),
) -> None:
    """Generate the synthetic Landkaart exports 2008-T1 ... 2009-T3 (inputs, under data/raw)."""
    from analysis.synthetic import history as synthetic_history

    paths = _paths()
    last = str(synthetic_history.LAST)
    target = paths.landkaart_raw(last) / synthetic.export_name(last)
    if force or not target.exists():
        _step(f"searching a synthetic {last} export (seed {seed})")
        frame = synthetic.generate_2009_t3(paths, seed, progress=_step)
        meta = synthetic.sidecar(last, seed, DEFAULT_RULE, synthetic.REPRODUCES_2009_T3)
        _step(f"wrote {synthetic.write_export(frame, last, meta, paths)}")
    else:
        _step(f"keeping {target.relative_to(paths.root)} (pass --force to regenerate)")
    for period, frame in synthetic_history.generate(paths, seed, progress=_step).items():
        meta = synthetic.sidecar(period, seed, DEFAULT_RULE, synthetic_history.REPRODUCES_HISTORY)
        _step(f"wrote {synthetic.write_export(frame, period, meta, paths)}")


@app.command()
def ingest(period: str = PeriodOption) -> None:
    """Validate the period's export and write it to data/processed."""
    from analysis.ingest.landkaart import ingest_period

    paths = _paths()
    period = _period(period)
    try:
        out = ingest_period(period, paths, load_codebook(paths), log=_step)
    except InputError as exc:
        _fail(str(exc))
    _step(f"wrote {out.relative_to(paths.root)}")


def _parameters(period: str, rule: str, paths: Paths) -> dict[str, str]:
    """Notebook parameters; `root` only when it is not the default (keeps outputs portable)."""
    params = {"period": period, "scoring_rule": rule}
    if paths.root != PROJ_ROOT:
        params["root"] = str(paths.root)
    return params


@app.command()
def run(
    period: str = PeriodOption,
    rule: str = typer.Option(DEFAULT_RULE, help="Scoring rule (see analysis.scoring.RULES)."),
    engine: str = typer.Option("auto", help="auto | quarto | pandoc"),
) -> None:
    """Ingest, execute the notebooks and render reports/<period>/rapport.pdf and .html."""
    from analysis.ingest.landkaart import raw_periods
    from analysis.render import load_book_config, render_report

    paths = _paths()
    period = _period(period)
    try:
        get_rule(rule)
    except ValueError as exc:
        _fail(str(exc))
    started = time.perf_counter()
    if not paths.landkaart_raw(period).is_dir():
        _fail(f"no export folder {paths.landkaart_raw(period)} for period {period}")
    periods, ignored = raw_periods(paths, period)
    for name in ignored:
        console.print(
            f"[yellow]warning:[/] ignoring {paths.landkaart_root / name}: not a period (YYYY-Tn)"
        )
    for earlier in periods:  # the trend chapter needs every period up to this one
        ingest(earlier)
    book = load_book_config(paths.quarto_config)
    try:
        result = render_report(
            book,
            out_dir=paths.report_dir(period),
            parameters=_parameters(period, rule, paths),
            root=paths.root,
            subtitle=f"Periode {period} ({Period.parse(period).label_nl})",
            engine=engine,
            progress=_step,
        )
    except Exception as exc:  # a failing notebook: say which, keep the old report
        _fail(f"rendering failed, {paths.report_dir(period)} left as it was: {exc}", code=1)
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    for out in (result.pdf, result.html):
        _step(f"wrote {out.relative_to(paths.root)}")
    console.print(f"[green]done[/] in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
