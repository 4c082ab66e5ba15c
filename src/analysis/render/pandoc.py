"""PDF and HTML without Quarto: pandoc (with the Lua filter for Quarto's syntax) and Typst.

Pandoc reads every chapter to its JSON AST; the chapters' blocks are concatenated; pandoc
writes Typst (``templates/report.typ``) and self-contained HTML (``templates/report.html`` +
``report.css``), both through ``templates/quarto.lua`` (cell options, callouts, numbered
figures/tables, ``@fig-``/``@tbl-``/``@sec-`` cross-references). Typst compiles the PDF with
its embedded fonts only and a fixed timestamp.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypandoc
import typst
import yaml

from analysis.core.errors import InputError
from analysis.render.book import BookConfig, FormatOptions
from analysis.render.errors import RenderError

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
PDF_NAME = "rapport.pdf"
HTML_NAME = "rapport.html"
Progress = Callable[[str], None]
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
# Prefix of the Lua filter's warnings on pandoc's stderr (it names the filter's path).
_LUA_WARNING = re.compile(r"^\[WARNING\] Scripting warning at .*? column \d+: ")


def render_pandoc(
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
