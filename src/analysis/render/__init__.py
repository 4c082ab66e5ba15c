"""Render the report: execute the chapter notebooks, then write one PDF and one HTML file.

`_quarto.yml` is the single report configuration and notebooks use Quarto syntax.

1. papermill executes each notebook chapter (only the parameters it declares are passed),
   or reuses it from the previous report when nothing it read changed (`render.cache`);
   the executed notebooks are kept in ``out_dir/notebooks/`` without timing metadata;
   with a `quarto` on PATH, Quarto then renders them (`render.quarto`), else:
2. pandoc reads every chapter to its JSON AST; the chapters' blocks are concatenated;
3. pandoc writes Typst (``templates/report.typ``) and self-contained HTML
   (``templates/report.html`` + ``report.css``), both through the Lua filter
   ``templates/quarto.lua`` that implements the Quarto cell options, callouts, numbered
   figures/tables and ``@fig-``/``@tbl-``/``@sec-`` cross-references;
4. Typst compiles the PDF with its embedded fonts only and a fixed timestamp;
5. `files` and what the chapters' epilogues wrote (their tidy tables) are written beside them.

The same inputs give byte-identical ``rapport.pdf`` and ``rapport.html``. Everything is
written to a temporary folder that replaces ``out_dir`` only when all steps succeeded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
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
    from analysis.render.notebooks import Epilogue, Progress
# papermill, pandoc and Typst are imported by render_report: a run with nothing changed
# (analysis.cli) imports this package without loading them.

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
    epilogue: Epilogue | None = None,
    previous: Path | None = None,
    notes: Sequence[str] = (),
) -> RenderResult:
    """Execute the book's chapters with `parameters` and write the PDF and HTML report.

    `root` is the working directory of the notebooks (default: the book's folder);
    `subtitle` replaces the book's subtitle on the title page (e.g. the period);
    `progress` is called with a short message before each step. `engine="auto"` uses
    Quarto when it is on PATH, else pandoc + Typst. `files` maps paths relative to `out_dir`
    to their bytes, written with the report. `title_meta` adds lines to the title page
    (`date`, `version`, `status`). `epilogue(chapter)` gives code run in the chapter's kernel
    after its last cell (not kept), which may write files beside the report under the folder
    named by `_analysis_outputs`. A chapter whose inputs hash as recorded in `previous` (an
    earlier report folder) is reused from there instead of executed. `notes` (Markdown) are
    added at the end of the first chapter. A failing notebook raises RenderError naming the
    notebook and the cell's error; `out_dir` is then left as it was. While notebooks
    execute, `core.provenance.ENGINE_ENV` names the engine (for the colophon).
    """
    from analysis.render.notebooks import execute_chapters
    from analysis.render.pandoc import render_pandoc
    from analysis.render.quarto import render_quarto

    if engine not in ("auto", "quarto", "pandoc"):
        raise ValueError(f"unknown engine {engine!r}")
    quarto = shutil.which("quarto") if engine != "pandoc" else None
    if engine == "quarto" and quarto is None:
        raise RenderError("engine 'quarto' requested but no quarto on PATH")
    out_dir = Path(out_dir).resolve()
    root = Path(root or book.root).resolve()
    parameters = dict(parameters or {})
    report = progress or (lambda message: None)
    for chapter in book.chapters:
        if not (book.root / chapter).is_file():
            raise InputError(book.path, f"chapter {chapter} not found")

    with atomic_path(out_dir) as tmp:
        tmp.mkdir()
        build = tmp.parent / "build"  # beside the new report: removed with it, whatever happens
        build.mkdir()
        # the kernels learn the engine (for the colophon): papermill executes for both
        label = "papermill en Quarto" if quarto else "papermill, pandoc en Typst"
        with _environment(ENGINE_ENV, label):
            sources = execute_chapters(
                book, tmp / NOTEBOOKS_DIR, parameters, root, report,
                out_dir=tmp, build=build, epilogue=epilogue, previous=previous,
            )  # fmt: skip
        if notes:
            sources[0] = _with_notes(sources[0], notes, build)
        notebooks = [p for p in sources if p.suffix == ".ipynb"]
        if quarto:
            html = render_quarto(quarto, book, sources, tmp, build, subtitle, report)
            warnings, engine_name = [], "quarto"
        else:
            warnings = render_pandoc(
                book, sources, tmp, build, subtitle, report, dict(title_meta or {})
            )
            html = tmp / HTML_NAME
            engine_name = "pandoc+typst"
        for name, data in sorted((files or {}).items()):
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    moved = [out_dir / p.relative_to(tmp) for p in notebooks]
    return RenderResult(
        pdf=out_dir / PDF_NAME,
        html=out_dir / html.relative_to(tmp),
        notebooks=moved,
        engine=engine_name,
        warnings=warnings,
    )


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """Set an environment variable for the notebook kernels started inside the block."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def _with_notes(chapter: Path, notes: Sequence[str], build: Path) -> Path:
    """A copy of a Markdown chapter with `notes` added at its end (in the build folder)."""
    if chapter.suffix != ".md":
        raise RenderError(f"notes need a Markdown first chapter, not {chapter.name}")
    copy = build / chapter.name
    text = chapter.read_text(encoding="utf-8").rstrip("\n")
    copy.write_text("\n\n".join([text, *notes]) + "\n", encoding="utf-8")
    return copy
