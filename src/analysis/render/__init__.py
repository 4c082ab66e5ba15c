"""Render the report: executed notebooks in, one PDF and one HTML file out.

`_quarto.yml` is the single report configuration and notebooks use Quarto syntax.

1. The chapters are executed notebooks: `analysis run` executes each in its own step
   (`analysis.pipeline`) and passes them as `executed`; without them, `render_report` executes
   them first (papermill, `render.notebooks`), each in a child forked from this process;
2. with a `quarto` on PATH, Quarto renders them (`render.quarto`), else:
3. pandoc reads every chapter to its JSON AST; the chapters' blocks are concatenated;
4. pandoc writes Typst (``templates/report.typ``) and self-contained HTML
   (``templates/report.html`` + ``report.css``), both through the Lua filter
   ``templates/quarto.lua`` that implements the Quarto cell options, callouts, numbered
   figures/tables and ``@fig-``/``@tbl-``/``@sec-`` cross-references;
5. Typst compiles the PDF with its embedded fonts only and a fixed timestamp;
`files` (e.g. the chapters' tidy tables) are written into the report folder first.

The same inputs give byte-identical ``rapport.pdf`` and ``rapport.html``. Everything is
written to a temporary folder that replaces ``out_dir`` only when all steps succeeded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from analysis.core.atomic import atomic_path
from analysis.core.errors import InputError
from analysis.core.provenance import ENGINE_ENV
from analysis.render.book import BookConfig, FormatOptions, load_book_config
from analysis.render.errors import RenderError
from analysis.render.names import HTML_NAME, NOTEBOOKS_DIR, PDF_NAME

if TYPE_CHECKING:
    from analysis.render.notebooks import Executor
# papermill, pandoc and Typst are imported by render_report: a run with nothing changed
# (analysis.cli) imports this package without loading them.
Progress = Callable[[str], None]

__all__ = [
    "BookConfig", "FormatOptions", "RenderError", "RenderResult", "load_book_config",
    "render_report",
]  # fmt: skip


@dataclass(frozen=True)
class RenderResult:
    """What `render_report` wrote; `warnings` are pandoc's (e.g. unresolved cross-refs)."""

    pdf: Path
    html: Path
    notebooks: list[Path]
    engine: Literal["quarto", "pandoc+typst"]
    warnings: list[str] = field(default_factory=list)


def render_report(
    book: BookConfig,
    out_dir: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    root: Path | None = None,
    subtitle: str | None = None,
    progress: Progress | None = None,
    engine: Literal["auto", "quarto", "pandoc"] = "auto",
    files: Mapping[str, bytes] | None = None,
    title_meta: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    executed: Mapping[str, Path] | None = None,
    executor: Executor = "warm",
    annexes: Mapping[str, str] | None = None,
) -> RenderResult:
    """Write the book's PDF and HTML report into `out_dir` (and the executed notebooks).

    `executed` maps each notebook chapter to its executed notebook; without it the chapters
    are executed here with `parameters` (`root` is their working directory, default: the
    book's folder). `subtitle` replaces the book's subtitle on the title page (e.g. the
    period); `progress` is called with a short message before each step. `engine="auto"`
    uses Quarto when it is on PATH, else pandoc + Typst. `files` maps paths relative to
    `out_dir` to their bytes, written with the report. `title_meta` adds lines to the title
    page (`date`, `data-until`, `version`, `status`). `notes` (Markdown) are added at the end
    of the first chapter. `annexes` maps PDF names to Markdown documents published beside the
    report (e.g. the line-by-line audit), made with pandoc and Typst to the report's PDF
    standards whatever the engine. A failing notebook raises RenderError naming the notebook
    and the cell's error; `out_dir` is then left as it was.
    """
    from analysis.render.pandoc import render_annex, render_pandoc
    from analysis.render.quarto import render_quarto

    if engine not in ("auto", "quarto", "pandoc"):
        raise ValueError(f"unknown engine {engine!r}")
    quarto = shutil.which("quarto") if engine != "pandoc" else None
    if engine == "quarto" and quarto is None:
        raise RenderError("engine 'quarto' requested but no quarto on PATH")
    out_dir = Path(out_dir).resolve()
    root = Path(root or book.root).resolve()
    report = progress or (lambda message: None)
    for chapter in book.chapters:
        if not (book.root / chapter).is_file():
            raise InputError(book.path, f"chapter {chapter} not found")

    with atomic_path(out_dir) as tmp:
        tmp.mkdir()
        build = tmp.parent / "build"  # beside the new report: removed with it, whatever happens
        build.mkdir()
        nb_dir = tmp / NOTEBOOKS_DIR
        if executed is None:
            executed = execute_book(
                book, nb_dir, dict(parameters or {}), root, report, executor, engine_label(quarto)
            )
        sources = []
        for chapter in book.chapters:
            if chapter in executed:
                nb_dir.mkdir(exist_ok=True)
                target = nb_dir / Path(chapter).name
                if Path(executed[chapter]) != target:
                    shutil.copyfile(executed[chapter], target)
                sources.append(target)
            else:
                sources.append(book.root / chapter)
        for name, data in sorted((files or {}).items()):  # before rendering: the HTML links them
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if notes:
            sources[0] = _with_notes(sources[0], notes, build)
        notebooks = [p for p in sources if p.suffix == ".ipynb"]
        # the annexes (own files in `build`) are made while the report is: pandoc and Typst
        # leave Python's lock, so the second core does them
        with ThreadPoolExecutor(max_workers=1) as pool:
            made = []
            for name, markdown in sorted((annexes or {}).items()):
                report(f"writing {name}")
                made.append(pool.submit(render_annex, book, markdown, tmp / name, build))
            if quarto:
                html = render_quarto(quarto, book, sources, tmp, build, subtitle, report)
                warnings, engine_name = [], "quarto"
            else:
                warnings = render_pandoc(
                    book, sources, tmp, build, subtitle, report, dict(title_meta or {})
                )
                html = tmp / HTML_NAME
                engine_name = "pandoc+typst"
            for annex in made:
                annex.result()
    moved = [out_dir / p.relative_to(tmp) for p in notebooks]
    return RenderResult(
        pdf=out_dir / PDF_NAME,
        html=out_dir / html.relative_to(tmp),
        notebooks=moved,
        engine=engine_name,
        warnings=warnings,
    )


def engine_label(quarto: str | None) -> str:
    """How the report is made, in Dutch (the colophon prints it; `ENGINE_ENV` carries it)."""
    return "papermill en Quarto" if quarto else "papermill, pandoc en Typst"


def execute_book(
    book: BookConfig,
    nb_dir: Path,
    parameters: dict[str, Any],
    root: Path,
    report: Progress,
    executor: Executor = "warm",
    label: str = "papermill, pandoc en Typst",
) -> dict[str, Path]:
    """Execute the book's notebook chapters into `nb_dir`, each in a child forked from this
    process (as many at once as there are cores); returns chapter -> executed notebook."""
    from analysis.core.workers import Pool, preload
    from analysis.render.notebooks import execute_notebook

    preload(["analysis.render.notebooks", "matplotlib.pyplot"])
    from analysis.render.inprocess import warm_up

    warm_up()
    notebooks = [c for c in book.chapters if (book.root / c).suffix == ".ipynb"]
    pool = Pool(os.cpu_count() or 1)
    executed = {c: nb_dir / Path(c).name for c in notebooks}

    def run(chapter: str) -> dict:
        os.environ[ENGINE_ENV] = label
        return execute_notebook(
            book.root / chapter, executed[chapter], parameters, root, label=chapter,
            warnings_shown=book.warning, executor=executor,
        )  # fmt: skip

    waiting = list(notebooks)
    try:
        while waiting or pool.busy:
            while waiting and not pool.full:
                chapter = waiting.pop(0)
                report(f"executing {chapter}")
                pool.start(chapter, run, chapter)
            pool.next_done()
    finally:
        pool.stop()
    return executed


def _with_notes(chapter: Path, notes: Sequence[str], build: Path) -> Path:
    """A copy of a Markdown chapter with `notes` added at its end (in the build folder)."""
    if chapter.suffix != ".md":
        raise RenderError(f"notes need a Markdown first chapter, not {chapter.name}")
    copy = build / chapter.name
    text = chapter.read_text(encoding="utf-8").rstrip("\n")
    copy.write_text("\n\n".join([text, *notes]) + "\n", encoding="utf-8")
    return copy
