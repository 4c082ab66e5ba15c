"""The parts of a Quarto book's `_quarto.yml` that the renderer uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.core.errors import InputError
from analysis.core.provenance import date_of


@dataclass(frozen=True)
class FormatOptions:
    """Options of one output format (`format.typst` / `format.html` in `_quarto.yml`)."""

    toc: bool = True
    toc_depth: int = 2  # heading levels in the table of contents (`toc-depth`)
    number_sections: bool = True
    # Typst's PDF standards (`pdf-standard`, e.g. "a-2a", "ua-1"): Typst refuses to write a
    # PDF that misses one of their requirements (for example an image without alt text)
    pdf_standards: tuple[str, ...] = ()


@dataclass(frozen=True)
class BookConfig:
    """The parts of a Quarto book's `_quarto.yml` that the renderer uses."""

    path: Path
    title: str
    chapters: tuple[str, ...]  # every part in reading order, the appendices last
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    lang: str = "en"
    echo: bool = True
    warning: bool = True
    papersize: str = "a4"
    pdf: FormatOptions = FormatOptions()
    html: FormatOptions = FormatOptions()
    appendices: tuple[str, ...] = ()  # the trailing `chapters` from `book.appendices`
    date: dt.date | None = None  # `book.date`: the report's date (title page, PDF metadata)

    @property
    def root(self) -> Path:
        """The book's folder: chapter paths are relative to it."""
        return self.path.parent


def load_book_config(path: Path) -> BookConfig:
    """Read a Quarto book configuration (`_quarto.yml`)."""
    path = Path(path).resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise InputError(path, f"cannot read the report configuration: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("book") or {}, dict):
        raise InputError(path, "expected a mapping with a 'book' mapping (a Quarto book)")
    book = data.get("book") or {}
    if not book.get("title"):
        raise InputError(path, "book.title is missing")
    chapters = book.get("chapters") or []
    if not chapters or not all(isinstance(c, str) for c in chapters):
        raise InputError(path, "book.chapters must be a non-empty list of file names")
    appendices = book.get("appendices") or []
    if not isinstance(appendices, list) or not all(isinstance(c, str) for c in appendices):
        raise InputError(path, "book.appendices must be a list of file names")
    chapters = [*chapters, *appendices]
    names = [Path(c).name for c in chapters]
    if len(set(names)) != len(names):
        raise InputError(path, "book.chapters: two chapters have the same file name")
    execute = data.get("execute") or {}
    formats = data.get("format") or {}
    pdf_format = "typst" if "typst" in formats else "pdf"  # the PDF: Typst (Quarto >= 1.9)

    def format_options(name: str) -> FormatOptions:
        options = formats.get(name) or {}
        standards = options.get("pdf-standard") or []
        standards = [standards] if isinstance(standards, str) else standards
        if not isinstance(standards, list) or not all(isinstance(s, str) for s in standards):
            raise InputError(path, f"format.{name}.pdf-standard must be a name or a list of names")
        return FormatOptions(
            toc=bool(options.get("toc", data.get("toc", True))),
            toc_depth=int(options.get("toc-depth", data.get("toc-depth", 2))),
            number_sections=bool(options.get("number-sections", data.get("number-sections", True))),
            pdf_standards=tuple(standards),
        )

    authors = book.get("author") or []
    if not isinstance(authors, list):
        authors = [authors]
    return BookConfig(
        path=path,
        title=str(book["title"]),
        chapters=tuple(chapters),
        appendices=tuple(appendices),
        subtitle=book.get("subtitle"),
        authors=tuple(str(a["name"] if isinstance(a, dict) else a) for a in authors),
        lang=str(data.get("lang", "en")),
        echo=bool(execute.get("echo", True)),
        warning=bool(execute.get("warning", True)),
        papersize=str((formats.get(pdf_format) or {}).get("papersize", "a4")),
        pdf=format_options(pdf_format),
        html=format_options("html"),
        date=date_of(book.get("date"), path),
    )
