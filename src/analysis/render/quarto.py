"""Render with a real Quarto CLI (>= 1.9, Typst books) when one is on PATH.

The notebooks are executed once, by papermill, exactly as for the pandoc engine; Quarto only
renders them (it executes a notebook only when `--execute` is given, which is never passed
here). Both steps run in the build folder, never in the project:

- the PDF: a copy of the book (its `_quarto.yml` with the run's subtitle and chapters, and
  the executed chapters at their book paths) rendered with `quarto render --to typst`;
  Quarto writes `<output-dir>/<book.output-file>.pdf` (`_book/rapport.pdf`), which is
  copied to `rapport.pdf`;
- the single-file HTML: `embed-resources` does not work for a book's multi-page HTML
  (quarto-cli issues 11206 and 11316), so the chapters are joined into one notebook whose
  front matter (`html_front_matter`) asks for one self-contained page, rendered with
  `quarto render rapport.ipynb --to html`.

`QUARTO_PYTHON` is set to this interpreter, so a Quarto that needs Python uses the
project's environment. Tested with a stand-in `quarto` (tests/test_render_quarto.py); no
real Quarto on the development machines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import yaml

from analysis.render.book import BookConfig
from analysis.render.errors import RenderError
from analysis.render.names import HTML_NAME, PDF_NAME

Progress = Callable[[str], None]
PROJECT_DIR = "quarto-book"  # the book's copy inside the build folder
HTML_NOTEBOOK = "rapport.ipynb"


def render_quarto(
    quarto: str,
    book: BookConfig,
    sources: list[Path],
    out: Path,
    build: Path,
    subtitle: str | None,
    report: Progress,
) -> Path:
    """Write `out/rapport.pdf` and `out/rapport.html` with Quarto; return the HTML's path.

    `sources` are the book's chapters in order, notebooks already executed.
    """
    project = build / PROJECT_DIR
    project.mkdir()
    config = _book_config(book, subtitle)
    (project / "_quarto.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for chapter, source in zip(book.chapters, sources, strict=True):
        target = project / chapter
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    report("quarto render --to typst")
    _quarto(quarto, ["render", str(project), "--to", "typst"], project)
    output_dir = project / config["project"].get("output-dir", "_book")
    pdf = output_dir / f"{config['book']['output-file']}.pdf"
    if not pdf.is_file():
        raise RenderError(f"quarto render --to typst wrote no {pdf.relative_to(project)}")
    shutil.copyfile(pdf, out / PDF_NAME)

    report("quarto render --to html")
    single = build / "quarto-html"
    single.mkdir()
    notebook = single / HTML_NOTEBOOK
    nbformat.write(_joined_notebook(book, sources, subtitle), notebook)
    _quarto(quarto, ["render", str(notebook), "--to", "html"], single)
    html = notebook.with_suffix(".html")
    if not html.is_file():
        raise RenderError(f"quarto render --to html wrote no {html.name}")
    shutil.copyfile(html, out / HTML_NAME)
    return out / HTML_NAME


def _book_config(book: BookConfig, subtitle: str | None) -> dict[str, Any]:
    """The book's `_quarto.yml` for this run: its chapters (available ones) and subtitle."""
    config = yaml.safe_load(book.path.read_text(encoding="utf-8"))
    config.setdefault("project", {})
    config.setdefault("book", {})
    config["book"]["chapters"] = list(book.chapters)
    config["book"].setdefault("output-file", Path(PDF_NAME).stem)
    if subtitle:
        config["book"]["subtitle"] = subtitle
    return config


def html_front_matter(book: BookConfig, subtitle: str | None) -> dict[str, Any]:
    """Front matter of the single-file HTML: one self-contained page with the book's options."""
    matter: dict[str, Any] = {
        "title": book.title,
        "subtitle": subtitle or book.subtitle,
        "author": list(book.authors) or None,
        "lang": book.lang,
        "execute": {"echo": book.echo, "warning": book.warning},
        "crossref": {"chapters": book.html.number_sections},  # "Figuur 2.1", as in the PDF
        "format": {
            "html": {
                "toc": book.html.toc,
                "number-sections": book.html.number_sections,
                "embed-resources": True,
            }
        },
    }
    return {key: value for key, value in matter.items() if value is not None}


def _joined_notebook(
    book: BookConfig, sources: list[Path], subtitle: str | None
) -> nbformat.NotebookNode:
    """Every chapter in one notebook: front matter first, Markdown chapters as Markdown cells."""
    front = yaml.safe_dump(html_front_matter(book, subtitle), allow_unicode=True, sort_keys=False)
    cells = [nbformat.v4.new_raw_cell(f"---\n{front}---")]
    metadata: dict[str, Any] = {}
    for source in sources:
        if source.suffix == ".ipynb":
            nb = nbformat.read(source, as_version=4)
            metadata = metadata or dict(nb.metadata)
            cells.extend(nb.cells)
        else:
            cells.append(nbformat.v4.new_markdown_cell(source.read_text(encoding="utf-8")))
    joined = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    for index, cell in enumerate(joined.cells):  # ids unique across the chapters
        cell["id"] = f"cell-{index}"
    return joined


def _quarto(quarto: str, args: list[str], cwd: Path) -> None:
    env = {**os.environ, "QUARTO_PYTHON": sys.executable}
    proc = subprocess.run(
        [quarto, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RenderError(f"quarto {' '.join(args[:1] + args[2:])} failed:\n{proc.stderr.strip()}")
