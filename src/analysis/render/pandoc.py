"""PDF and HTML without Quarto: pandoc (with the Lua filter for Quarto's syntax) and Typst.

Pandoc reads every chapter to its JSON AST; the chapters' blocks are concatenated; pandoc
writes Typst (``templates/report.typ``) and self-contained HTML (``templates/report.html`` +
``report.css`` + ``report.js``), both through ``templates/quarto.lua`` (cell options,
callouts, numbered figures/tables, ``@fig-``/``@tbl-``/``@sec-`` cross-references, required
alt text), the HTML also through ``templates/html.lua`` (table boxes, download links of the
tidy tables, chapter links). Typst compiles the PDF with its embedded fonts only, a fixed
timestamp (also the document's date) and the PDF standards of ``format.typst.pdf-standard``
(PDF/A-2a and PDF/UA-1 for the report): it refuses a PDF that misses a requirement.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pypandoc
import typst
import yaml

from analysis.core.errors import InputError
from analysis.render import downloads
from analysis.render.book import BookConfig, FormatOptions
from analysis.render.errors import RenderError
from analysis.render.names import HTML_NAME, PDF_NAME, TABLES_DIR

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
MEDIA_DIR = "media"  # where the chapters' figures are extracted, inside the build folder
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
# The PDF's date (PDF/A requires one) is the report's date (`book.date` in _quarto.yml); a
# report without one gets the build time of SOURCE_DATE_EPOCH, 1970-01-01 when that is not set,
# so that the same inputs give the same bytes.
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
    title_meta: dict[str, str] | None = None,
) -> list[str]:
    """Write `out/rapport.pdf` and `out/rapport.html`; return pandoc's warnings."""
    report("reading chapters")
    warnings: list[str] = []
    blocks, api_version = [], None
    first_appendix = len(book.chapters) - len(book.appendices)
    typst_blocks: list[Any] = []
    # one pandoc per chapter, at once; their blocks and warnings are joined in book order
    chapter_warnings: list[list[str]] = [[] for _ in sources]
    tables = out / TABLES_DIR  # the chapters' tidy tables, written before rendering
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        read = partial(_read_chapter, build=build, tables=tables)
        docs = list(pool.map(read, sources, chapter_warnings))
    for i, (doc, found) in enumerate(zip(docs, chapter_warnings, strict=True)):
        api_version = doc["pandoc-api-version"]
        if i >= first_appendix:
            _mark_appendix(doc["blocks"])
        if i == first_appendix:
            typst_blocks.append(_TYPST_APPENDICES)
        blocks.extend(doc["blocks"])
        typst_blocks.extend(doc["blocks"])
        warnings.extend(found)
    book_json = build / "book.json"
    book_json.write_text(
        json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": typst_blocks}),
        encoding="utf-8",
    )
    meta = {
        **(title_meta or {}),
        "title": book.title,
        "subtitle": subtitle or book.subtitle,
        "author": list(book.authors),
        "lang": book.lang,
        "papersize": book.papersize,
        "execute": {"echo": book.echo, "warning": book.warning},
    }
    meta = {key: value for key, value in meta.items() if value not in (None, [])}
    (build / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    css = (TEMPLATES_DIR / "report.css").read_text("utf-8")
    (build / "style.html").write_text(f"<style>\n{css}</style>\n", encoding="utf-8")
    script = (TEMPLATES_DIR / "report.js").read_text("utf-8")
    (build / "script.html").write_text(f"<script>\n{script}</script>\n", encoding="utf-8")
    html_blocks = downloads.embed(_embed_media(blocks, build / MEDIA_DIR), tables)
    (build / "book-html.json").write_text(
        json.dumps({"pandoc-api-version": api_version, "meta": {}, "blocks": html_blocks}),
        encoding="utf-8",
    )
    common = [
        "--sandbox",  # no input can make pandoc read a local file or the network
        "--from=json",
        "--metadata-file=meta.yaml",
        f"--lua-filter={TEMPLATES_DIR / 'quarto.lua'}",
    ]

    report("writing PDF and HTML")
    html_args = ["--toc"] if book.html.toc else []
    html_args += ["--number-sections"] if book.html.number_sections else []
    html_warnings: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as pool:  # the HTML while Typst makes the PDF
        html = pool.submit(
            _pandoc,
            [
                "book-html.json",  # figures embedded, CSS in the header: self-contained
                *common,
                *_format_args(book.html),
                *html_args,
                "--to=html5",
                "--standalone",
                f"--lua-filter={TEMPLATES_DIR / 'html.lua'}",
                "--include-in-header=style.html",
                "--include-after-body=script.html",  # inline: it works from an e-mail too
                f"--output={out / HTML_NAME}",
                f"--template={TEMPLATES_DIR / 'report.html'}",
            ],
            build,
            html_warnings,
        )
        _pandoc(
            [
                "book.json",
                *common,
                *_format_args(book.pdf),
                "--to=typst",
                "--output=rapport.typ",
                f"--template={TEMPLATES_DIR / 'report.typ'}",
            ],
            build,
            warnings,
        )
        compile_pdf(build / "rapport.typ", out / PDF_NAME, book.pdf.pdf_standards,
                    timestamp(book.date))  # fmt: skip
        html.result()
    warnings += html_warnings
    warnings = list(dict.fromkeys(warnings))  # the filter runs once per format
    for warning in warnings:
        log.warning("pandoc: %s", warning)
    return warnings


def render_annex(book: BookConfig, markdown: str, output: Path, build: Path) -> None:
    """Write a Markdown annex (its first level-1 heading is its title) as a landscape PDF with
    the report's PDF standards, fonts and date (`output`)."""
    stem = output.stem
    (build / f"{stem}.md").write_text(markdown, encoding="utf-8")
    heading = re.search(r"^# (.+)$", markdown, flags=re.M)
    meta = {
        "title": heading[1].strip() if heading else book.title,
        "author": list(book.authors),
        "lang": book.lang,
        "papersize": book.papersize,
        "annex": True,
        "execute": {"echo": False, "warning": False},
    }
    (build / f"{stem}-meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    warnings: list[str] = []
    _pandoc(
        [
            f"{stem}.md", "--sandbox", "--from=markdown", f"--metadata-file={stem}-meta.yaml",
            f"--lua-filter={TEMPLATES_DIR / 'quarto.lua'}", "--metadata=toc:false",
            "--metadata=number-sections:false", "--to=typst", f"--output={stem}.typ",
            f"--template={TEMPLATES_DIR / 'report.typ'}",
        ],
        build,
        warnings,
    )  # fmt: skip
    for warning in warnings:
        log.warning("pandoc (%s): %s", output.name, warning)
    compile_pdf(build / f"{stem}.typ", output, book.pdf.pdf_standards, timestamp(book.date))


def timestamp(date: dt.date | None = None) -> int:
    """The PDF's timestamp: midnight UTC of the report's `date`, else SOURCE_DATE_EPOCH (0
    when unset)."""
    if date is not None:
        return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp())
    return int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_TIMESTAMP))


def compile_pdf(
    source: Path, output: Path, standards: tuple[str, ...] = (), at: int | None = None
) -> None:
    """Compile Typst `source` (files relative to its folder) to `output`, or raise RenderError.

    Typst's embedded fonts only and `at` (default: `timestamp()`) as timestamp, also the PDF's
    date (the same bytes on every machine). A requirement of `standards` that the document
    misses (e.g. an image without alt text under PDF/UA-1) is an error that names the element:
    Typst's message with the line of the Typst source it points at (a figure's line ends with
    its label).
    """
    try:
        typst.compile(
            str(source),
            output=str(output),
            root=str(source.parent),
            font_paths=[],
            ignore_system_fonts=True,
            pdf_standards=list(standards),
            timestamp=timestamp() if at is None else at,
        )
    except typst.TypstError as err:
        where = _typst_line(source, getattr(err, "diagnostic", "") or "")
        hints = "; ".join(getattr(err, "hints", None) or [])
        message = getattr(err, "message", None) or str(err)
        raise RenderError(
            f"Typst could not compile the PDF: {message}"
            + (f" ({hints})" if hints else "")
            + (f"; at: {where}" if where else "")
        ) from err


def _typst_line(source: Path, diagnostic: str) -> str:
    """The Typst source line a diagnostic points at (shortened), or ''."""
    found = re.search(rf"{re.escape(source.name)}:(\d+):\d+", diagnostic)
    if not found:
        return ""
    lines = source.read_text(encoding="utf-8").splitlines()
    line = lines[int(found[1]) - 1].strip() if int(found[1]) <= len(lines) else ""
    line = re.sub(r'image\("[^"]*"', "image(...", line)
    return line if len(line) <= 240 else f"{line[:160]} ... {line[-70:]}"


def _format_args(options: FormatOptions) -> list[str]:
    """Metadata the template and the Lua filter read for one format."""
    return [
        f"--metadata=toc:{str(options.toc).lower()}",
        f"--metadata=toc-depth:{options.toc_depth}",
        f"--metadata=number-sections:{str(options.number_sections).lower()}",
    ]


def _read_chapter(source: Path, warnings: list[str], build: Path, tables: Path) -> dict[str, Any]:
    """One chapter as a pandoc JSON document whose blocks start with a level-1 heading;
    its tidy-data markers name their files in `tables` (`downloads.qualify`)."""
    if source.suffix == ".ipynb":
        args = [f"--from={IPYNB_FORMAT}", "--ipynb-output=all"]
    else:
        args = ["--from=markdown", f"--resource-path={source.parent}"]
    doc = json.loads(
        _pandoc(
            [str(source), *args, "--sandbox", "--to=json", f"--extract-media={MEDIA_DIR}"],
            build,
            warnings,
        )
    )
    doc["blocks"] = _extract_data_images(doc["blocks"], build / MEDIA_DIR)
    doc["blocks"] = downloads.qualify(doc["blocks"], source, tables, warnings)
    if not _has_chapter_heading(doc["blocks"]):
        title = doc["meta"].get("title")
        if title is None or title["t"] != "MetaInlines":
            raise InputError(source, "chapter has no level-1 heading ('# Title') and no title")
        doc["blocks"].insert(0, {"t": "Header", "c": [1, [source.stem, [], []], title["c"]]})
    return doc


# A PNG embedded in a cell's Markdown output (`display.figure(..., caption=...)`).
_DATA_PNG = re.compile(r"\(data:image/png;base64,([A-Za-z0-9+/=]+)\)")


_MEDIA_PNG = re.compile(rf"\({MEDIA_DIR}/([0-9a-f]{{20}}\.png)\)")


def _extract_data_images(blocks: list[Any], media: Path) -> list[Any]:
    """A copy of `blocks` whose Markdown outputs refer to their PNG data URIs as media files.

    Typst cannot read a data URI; the file is named after its content, so the same figure
    gives the same name. The HTML gets the data back from `_embed_media`.
    """

    def extract(match: re.Match[str]) -> str:
        data = base64.b64decode(match[1])
        name = f"{hashlib.sha256(data).hexdigest()[:20]}.png"
        media.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
        return f"({MEDIA_DIR}/{name})"

    return downloads.map_markdown(blocks, lambda text: _DATA_PNG.sub(extract, text))


def _embed_media(blocks: list[Any], media: Path) -> list[Any]:
    """A copy of `blocks` whose images from the extracted notebook media are data URIs.

    Only files inside `media` (the notebooks' own figures) are read; any other image target
    is left as it is, and the sandboxed pandoc will not fetch it.
    """
    root = media.resolve()

    def data_uri(match: re.Match[str]) -> str:
        data = base64.b64encode((media / match[1]).read_bytes()).decode("ascii")
        return f"(data:image/png;base64,{data})"

    def image(node: dict, walk) -> dict:
        attr, caption, (target, title) = node["c"]
        path = (media.parent / target).resolve()
        if path.suffix == ".png" and path.parent == root and path.is_file():
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            target = f"data:image/png;base64,{data}"
        return {"t": "Image", "c": [attr, walk(caption), [target, title]]}

    return downloads.map_markdown(blocks, lambda text: _MEDIA_PNG.sub(data_uri, text), image)


# Typst: from here on headings, figures and tables are lettered (Bijlage A, Tabel A.1).
_TYPST_APPENDICES = {
    "t": "RawBlock",
    "c": [
        "typst",
        "#counter(heading).update(0)\n"
        '#set heading(numbering: "A.1")\n'
        "#show heading.where(level: 1): set heading(supplement: [Bijlage])\n"
        "#set figure(numbering: (..n) => "
        'numbering("A.1", counter(heading).get().first(), ..n))\n',
    ],
}


def _mark_appendix(blocks: list[dict[str, Any]]) -> bool:
    """Give a chapter's level-1 heading the class 'appendix' (the Lua filter letters it)."""
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == 1:
            block["c"][1][1].append("appendix")
            return True
        if block["t"] == "Div" and _mark_appendix(block["c"][1]):
            return True
    return False


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
        raise RenderError(f"pandoc failed: {_pandoc_error(proc.stderr)}")
    warnings.extend(_LUA_WARNING.sub("", line) for line in proc.stderr.splitlines())
    return proc.stdout


def _pandoc_error(stderr: str) -> str:
    """Pandoc's error; of a Lua filter's error only its message (the filter names what to
    fix, e.g. a figure without alt text), not the filter's path and Lua traceback."""
    lines = stderr.strip().splitlines()
    if not lines or not lines[0].startswith("Error running filter"):
        return stderr.strip()
    message = []
    for line in lines[1:]:
        if line.startswith("stack traceback:"):
            break
        message.append(line.strip())
    return " ".join(message) or stderr.strip()
