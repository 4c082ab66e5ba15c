"""Render the report: execute the chapter notebooks, then write one PDF and one HTML file.

`_quarto.yml` is the single report configuration and notebooks use Quarto syntax. With a
`quarto` on PATH the Quarto CLI renders the book (best effort, untested here). Otherwise:

1. papermill executes each notebook chapter (only the parameters it declares are passed);
   the executed notebooks are kept in ``out_dir/notebooks/`` without timing metadata;
2. pandoc reads every chapter to its JSON AST; the chapters' blocks are concatenated;
3. pandoc writes Typst (``templates/report.typ``) and self-contained HTML
   (``templates/report.html`` + ``report.css``), both through the Lua filter
   ``templates/quarto.lua`` that implements the Quarto cell options, callouts, numbered
   figures/tables and ``@fig-``/``@tbl-``/``@sec-`` cross-references;
4. Typst compiles the PDF with its embedded fonts only and a fixed timestamp.

The same inputs give byte-identical ``rapport.pdf`` and ``rapport.html``. Everything is
written to a temporary folder that replaces ``out_dir`` only when all steps succeeded.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import nbformat
import papermill
import pypandoc
import typst
import yaml
from papermill.exceptions import PapermillExecutionError

from analysis.core.atomic import atomic_path
from analysis.core.errors import InputError

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

PDF_NAME = "rapport.pdf"
HTML_NAME = "rapport.html"
NOTEBOOKS_DIR = "notebooks"
KERNEL = "python3"

# Markdown extensions for notebook markdown cells (pandoc's ipynb reader enables few).
IPYNB_FORMAT = "ipynb+" + "+".join(
    [
        "citations",
        "fenced_divs",
        "bracketed_spans",
        "native_divs",
        "native_spans",
        "header_attributes",
        "link_attributes",
        "implicit_figures",
        "footnotes",
        "inline_notes",
        "definition_lists",
        "fancy_lists",
        "table_captions",
        "simple_tables",
        "multiline_tables",
        "grid_tables",
        "smart",
        "superscript",
        "subscript",
        "raw_attribute",
        "fenced_code_attributes",
        "inline_code_attributes",
    ]
)
# Used when SOURCE_DATE_EPOCH is not set; the PDF carries no date either way.
DEFAULT_TIMESTAMP = 0

Progress = Callable[[str], None]
# Prefix of the Lua filter's warnings on pandoc's stderr (it names the filter's path).
_LUA_WARNING = re.compile(r"^\[WARNING\] Scripting warning at .*? column \d+: ")


class RenderError(Exception):
    """A render step failed (a notebook raised, pandoc, Typst or Quarto failed)."""


@dataclass(frozen=True)
class FormatOptions:
    """Options of one output format (`format.pdf` / `format.html` in `_quarto.yml`)."""

    toc: bool = True
    number_sections: bool = True


@dataclass(frozen=True)
class BookConfig:
    """The parts of a Quarto book's `_quarto.yml` that the renderer uses."""

    path: Path
    title: str
    chapters: tuple[str, ...]
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    lang: str = "en"
    echo: bool = True
    warning: bool = True
    papersize: str = "a4"
    pdf: FormatOptions = FormatOptions()
    html: FormatOptions = FormatOptions()

    @property
    def root(self) -> Path:
        """The book's folder: chapter paths are relative to it."""
        return self.path.parent


@dataclass(frozen=True)
class RenderResult:
    """What `render_report` wrote; `warnings` are pandoc's (e.g. unresolved cross-refs)."""

    pdf: Path
    html: Path
    notebooks: list[Path]
    engine: Literal["quarto", "pandoc+typst"]
    warnings: list[str] = field(default_factory=list)


def load_book_config(path: Path) -> BookConfig:
    """Read a Quarto book configuration (`_quarto.yml`)."""
    path = Path(path).resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise InputError(path, f"cannot read the report configuration: {err}") from err
    book = data.get("book") or {}
    if not book.get("title"):
        raise InputError(path, "book.title is missing")
    chapters = book.get("chapters") or []
    if not chapters or not all(isinstance(c, str) for c in chapters):
        raise InputError(path, "book.chapters must be a non-empty list of file names")
    names = [Path(c).name for c in chapters]
    if len(set(names)) != len(names):
        raise InputError(path, "book.chapters: two chapters have the same file name")
    execute = data.get("execute") or {}
    formats = data.get("format") or {}

    def format_options(name: str) -> FormatOptions:
        options = formats.get(name) or {}
        return FormatOptions(
            toc=bool(options.get("toc", data.get("toc", True))),
            number_sections=bool(options.get("number-sections", data.get("number-sections", True))),
        )

    authors = book.get("author") or []
    if not isinstance(authors, list):
        authors = [authors]
    return BookConfig(
        path=path,
        title=str(book["title"]),
        chapters=tuple(chapters),
        subtitle=book.get("subtitle"),
        authors=tuple(str(a["name"] if isinstance(a, dict) else a) for a in authors),
        lang=str(data.get("lang", "en")),
        echo=bool(execute.get("echo", True)),
        warning=bool(execute.get("warning", True)),
        papersize=str((formats.get("pdf") or {}).get("papersize", "a4")),
        pdf=format_options("pdf"),
        html=format_options("html"),
    )


def render_report(
    book: BookConfig,
    out_dir: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    root: Path | None = None,
    subtitle: str | None = None,
    progress: Progress | None = None,
    engine: Literal["auto", "quarto", "pandoc"] = "auto",
) -> RenderResult:
    """Execute the book's chapters with `parameters` and write the PDF and HTML report.

    `root` is the working directory of the notebooks (default: the book's folder);
    `subtitle` replaces the book's subtitle on the title page (e.g. the period);
    `progress` is called with a short message before each step. `engine="auto"` uses
    Quarto when it is on PATH, else pandoc + Typst. A failing notebook raises RenderError
    naming the notebook and the cell's error; `out_dir` is then left as it was.
    """
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

    with atomic_path(out_dir) as tmp, tempfile.TemporaryDirectory(prefix="render-") as build:
        tmp.mkdir()
        if quarto:
            html = _render_quarto(quarto, book, tmp, parameters, root, subtitle, report)
            notebooks, warnings, engine_name = [], [], "quarto"
        else:
            sources = _execute_chapters(book, tmp / NOTEBOOKS_DIR, parameters, root, report)
            warnings = _render_pandoc(book, sources, tmp, Path(build), subtitle, report)
            html = tmp / HTML_NAME
            notebooks = [p for p in sources if p.suffix == ".ipynb"]
            engine_name = "pandoc+typst"
    moved = [out_dir / p.relative_to(tmp) for p in notebooks]
    return RenderResult(
        pdf=out_dir / PDF_NAME,
        html=out_dir / html.relative_to(tmp),
        notebooks=moved,
        engine=engine_name,
        warnings=warnings,
    )


# Notebook execution ---------------------------------------------------------------------


def _execute_chapters(
    book: BookConfig, nb_dir: Path, parameters: dict[str, Any], root: Path, report: Progress
) -> list[Path]:
    """Execute the notebook chapters into `nb_dir`; return every chapter's source to read."""
    nb_dir.mkdir(parents=True)
    # The kernel's own log (a TCP transport warning, an interrupt at shutdown) is noise here;
    # cell errors still arrive through papermill. `execute.warning: false` silences warnings.
    kernel_args = ["--IPKernelApp.log_level=CRITICAL"]
    if not book.warning:
        kernel_args.append(
            "--IPKernelApp.exec_lines=import warnings; warnings.simplefilter('ignore')"
        )
    sources = []
    for chapter in book.chapters:
        source = book.root / chapter
        if source.suffix != ".ipynb":
            sources.append(source)
            continue
        report(f"executing {chapter}")
        declared = papermill.inspect_notebook(str(source))
        executed = nb_dir / source.name
        try:
            nb = papermill.execute_notebook(
                str(source),
                str(executed),
                parameters={k: v for k, v in parameters.items() if k in declared} or None,
                cwd=str(root),
                progress_bar=False,
                kernel_name=KERNEL,
                request_save_on_cell_execute=False,
                extra_arguments=kernel_args,
            )
        except PapermillExecutionError as err:
            raise RenderError(
                f"{chapter}: cell In [{err.exec_count}] raised {err.ename}: {err.evalue}"
            ) from err
        except Exception as err:
            raise RenderError(f"{chapter}: execution failed: {err}") from err
        _strip_run_metadata(nb, input_path=chapter, output_path=f"{NOTEBOOKS_DIR}/{source.name}")
        nbformat.write(nb, executed)
        sources.append(executed)
    return sources


def _strip_run_metadata(nb: nbformat.NotebookNode, *, input_path: str, output_path: str) -> None:
    """Remove what differs between two runs: timings, temporary paths, random cell ids."""
    run = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration"):
        run.pop(key, None)
    run.update(input_path=input_path, output_path=output_path)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"


# pandoc + Typst ---------------------------------------------------------------------------


def _render_pandoc(
    book: BookConfig,
    sources: list[Path],
    out: Path,
    build: Path,
    subtitle: str | None,
    report: Progress,
) -> list[str]:
    """Write `out/rapport.pdf` and `out/rapport.html`; return pandoc's warnings."""
    report("reading chapters")
    warnings: list[str] = []
    blocks, api_version = [], None
    for source in sources:
        doc = _read_chapter(source, build, warnings)
        api_version = doc["pandoc-api-version"]
        blocks.extend(doc["blocks"])
    book_json = build / "book.json"
    book_json.write_text(
        json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": blocks}),
        encoding="utf-8",
    )
    meta = {
        "title": book.title,
        "subtitle": subtitle or book.subtitle,
        "author": list(book.authors),
        "lang": book.lang,
        "papersize": book.papersize,
        "execute": {"echo": book.echo},
    }
    meta = {key: value for key, value in meta.items() if value not in (None, [])}
    (build / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    shutil.copyfile(TEMPLATES_DIR / "report.css", build / "report.css")
    common = [
        "book.json",
        "--from=json",
        "--metadata-file=meta.yaml",
        f"--lua-filter={TEMPLATES_DIR / 'quarto.lua'}",
    ]

    report("writing PDF")
    _pandoc(
        [
            *common,
            *_format_args(book.pdf),
            "--to=typst",
            "--output=rapport.typ",
            f"--template={TEMPLATES_DIR / 'report.typ'}",
        ],
        build,
        warnings,
    )
    try:
        typst.compile(
            str(build / "rapport.typ"),
            output=str(out / PDF_NAME),
            root=str(build),
            font_paths=[],
            ignore_system_fonts=True,
            timestamp=int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_TIMESTAMP)),
        )
    except typst.TypstError as err:
        raise RenderError(f"Typst could not compile the PDF: {err}") from err

    report("writing HTML")
    html_args = ["--toc"] if book.html.toc else []
    html_args += ["--number-sections"] if book.html.number_sections else []
    _pandoc(
        [
            *common,
            *_format_args(book.html),
            *html_args,
            "--to=html5",
            "--standalone",
            "--embed-resources",
            "--css=report.css",
            f"--output={out / HTML_NAME}",
            f"--template={TEMPLATES_DIR / 'report.html'}",
        ],
        build,
        warnings,
    )
    warnings = list(dict.fromkeys(warnings))  # the filter runs once per format
    for warning in warnings:
        log.warning("pandoc: %s", warning)
    return warnings


def _format_args(options: FormatOptions) -> list[str]:
    """Metadata the template and the Lua filter read for one format."""
    return [
        f"--metadata=toc:{str(options.toc).lower()}",
        f"--metadata=number-sections:{str(options.number_sections).lower()}",
    ]


def _read_chapter(source: Path, build: Path, warnings: list[str]) -> dict[str, Any]:
    """One chapter as a pandoc JSON document whose blocks start with a level-1 heading."""
    if source.suffix == ".ipynb":
        args = [f"--from={IPYNB_FORMAT}", "--ipynb-output=all"]
    else:
        args = ["--from=markdown", f"--resource-path={source.parent}"]
    doc = json.loads(
        _pandoc([str(source), *args, "--to=json", "--extract-media=media"], build, warnings)
    )
    if not _has_chapter_heading(doc["blocks"]):
        title = doc["meta"].get("title")
        if title is None or title["t"] != "MetaInlines":
            raise InputError(source, "chapter has no level-1 heading ('# Title') and no title")
        doc["blocks"].insert(0, {"t": "Header", "c": [1, [source.stem, [], []], title["c"]]})
    return doc


def _has_chapter_heading(blocks: list[dict[str, Any]]) -> bool:
    """True if a level-1 heading occurs at the top level or inside (cell) divs."""
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 1:
            return True
        if block["t"] == "Div" and _has_chapter_heading(block["c"][1]):
            return True
    return False


def _pandoc(args: list[str], cwd: Path, warnings: list[str]) -> str:
    """Run pandoc in `cwd`; return its output, collect its warnings."""
    proc = subprocess.run(
        [pypandoc.get_pandoc_path(), *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RenderError(f"pandoc failed: {proc.stderr.strip()}")
    warnings.extend(_LUA_WARNING.sub("", line) for line in proc.stderr.splitlines())
    return proc.stdout


# Quarto -------------------------------------------------------------------------------------


def _render_quarto(
    quarto: str,
    book: BookConfig,
    out: Path,
    parameters: dict[str, Any],
    root: Path,
    subtitle: str | None,
    report: Progress,
) -> Path:
    """Render with the Quarto CLI; return the HTML entry page.

    UNTESTED: no Quarto on the development machines. Quarto executes the notebooks itself
    (no executed copies are kept) and writes a book's HTML as a multi-page site, which is
    copied to ``out/html/``; the PDF is copied to ``out/rapport.pdf``.
    """
    with tempfile.TemporaryDirectory(prefix="quarto-") as build:
        params = Path(build) / "params.yml"
        params.write_text(yaml.safe_dump(parameters, allow_unicode=True), encoding="utf-8")
        for fmt in ("pdf", "html"):
            report(f"quarto render --to {fmt}")
            cmd = [
                quarto,
                "render",
                str(book.root),
                "--to",
                fmt,
                "--execute",
                "--execute-params",
                str(params),
                "--output-dir",
                str(Path(build) / fmt),
            ]
            if subtitle:
                cmd += ["--metadata", f"subtitle:{subtitle}"]
            proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                raise RenderError(f"quarto render --to {fmt} failed:\n{proc.stderr.strip()}")
        pdfs = sorted((Path(build) / "pdf").rglob("*.pdf"))
        if not pdfs:
            raise RenderError("quarto render produced no PDF")
        shutil.copyfile(pdfs[0], out / PDF_NAME)
        shutil.copytree(Path(build) / "html", out / "html")
    return out / "html" / "index.html"
