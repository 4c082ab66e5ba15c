"""Write `reports/<period>/factsheets/`: one PDF per Werkplein and `index.html`, all or nothing.

One pass: the period's answers are read and scored once, then one Typst compiler (fonts
loaded once) fills the template per location with that location's JSON. The folder is built
beside its target and swapped in only when every sheet compiled (`core.atomic`), so a failure
or an interrupt leaves the previous factsheets as they were. With one `location`, the other
sheets of the existing folder are kept and the index is written anew.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import typst

from analysis.core.atomic import atomic_path
from analysis.core.config import Paths
from analysis.core.errors import quote as quoted
from analysis.core.periods import Period
from analysis.core.provenance import CodeVersion, code_version
from analysis.factsheets import compute, text

FOLDER = "factsheets"
INDEX = "index.html"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "factsheet.typ"
DEFAULT_TIMESTAMP = 0  # when SOURCE_DATE_EPOCH is not set (as the report): also the PDF's date
# Archival and accessible, as the report (_quarto.yml): Typst refuses a sheet that misses one
# of their requirements (title, language, date, tagged headings and tables, alt text).
PDF_STANDARDS = ["a-2a", "ua-1"]
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
Progress = Callable[[str], None]


class UnknownLocation(LookupError):
    """The asked location is not in the period's export."""


def file_stem(location: str) -> str:
    """A safe, unique file name for a location: 'WP-001' as it is; anything else gets a slug
    of its ASCII letters and digits plus a short digest of the exact name."""
    ascii_text = unicodedata.normalize("NFKD", location).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", ascii_text).strip(".-_")[:60]
    if stem == location:
        return stem
    digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:8]
    return f"{stem or 'werkplein'}-{digest}"


def folder(paths: Paths, period: Period) -> Path:
    return paths.report_dir(period) / FOLDER


@dataclass(frozen=True)
class Written:
    folder: Path
    sheets: list[Path]  # the PDFs written by this call
    locations: int  # sheets listed in the index


class Typesetter:
    """The factsheet template and one Typst compiler, for many sheets."""

    def __init__(self) -> None:
        self.source = TEMPLATE.read_bytes()
        self.compiler = typst.Compiler(font_paths=[], ignore_system_fonts=True)
        self.timestamp = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_TIMESTAMP))

    def pdf(self, content: dict) -> bytes:
        data = json.dumps(content, ensure_ascii=False, sort_keys=True)
        # the input is passed on every call: this compiler forgets an in-memory main file
        return self.compiler.compile(
            input=self.source,
            sys_inputs={"data": data},
            timestamp=self.timestamp,
            pdf_standards=PDF_STANDARDS,
        )


def sheet_pdf(
    data: compute.Factsheets, location: str, code: CodeVersion, typesetter: Typesetter
) -> bytes:
    """One location's factsheet as PDF bytes."""
    return typesetter.pdf(text.content(data, compute.sheet(data, location), code))


def index_html(data: compute.Factsheets, listed: list[str], code: CodeVersion) -> str:
    """The index of the period's factsheets (input text escaped, links percent-encoded)."""
    words = text.index_texts(data.period, data.rule, data.synthetic, len(listed))
    rows = "\n".join(
        f'<tr><td>{html.escape(text.name(loc))}</td><td><a href="{quote(file_stem(loc))}.pdf">'
        f"{html.escape(file_stem(loc))}.pdf</a></td></tr>"
        for loc in listed
    )
    warning = (
        f'<p class="synthetic">{html.escape(words["synthetic"])}</p>\n'
        if words["synthetic"]
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(words["title"])}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; }}
h1 {{ color: #1f4e79; font-size: 1.5rem; }}
.synthetic {{ background: #fdf1dd; border-left: 4px solid #e08a00; padding: .5rem .8rem; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #ddd; }}
.provenance {{ color: #666; font-size: .8rem; margin-top: 2rem; }}
</style>
</head>
<body>
<main>
<h1>{html.escape(words["title"])}</h1>
<p>{html.escape(words["intro"])}</p>
{warning}<table>
<thead><tr><th scope="col">{html.escape(words["column"])}</th>\
<th scope="col">{html.escape(words["file"])}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p class="provenance">{html.escape(text.provenance(data, code))}</p>
</main>
</body>
</html>
"""


def write_factsheets(
    period: Period,
    scoring_rule: str,
    paths: Paths,
    location: str | None = None,
    progress: Progress | None = None,
) -> Written:
    """Write the period's factsheets (or one location's) and the index, all or nothing.

    Bad input raises InputError (file, row, column) before anything is written; an unknown
    `location` raises UnknownLocation.
    """
    report = progress or (lambda message: None)
    data = compute.load(period, scoring_rule, paths)
    if location is not None and location not in data.locations:
        shown = ", ".join(text.name(loc) for loc in data.locations[:3])
        raise UnknownLocation(
            f"no Werkplein {quoted(location)} in {data.current.file} "
            f"({len(data.locations)} Werkpleinen: {shown}, ...)"
        )
    wanted = data.locations if location is None else [location]
    code = code_version(paths.root)
    typesetter = Typesetter()
    target = folder(paths, period)
    stems = {loc: file_stem(loc) for loc in data.locations}
    written = []
    with atomic_path(target) as tmp:
        if location is not None and target.is_dir():
            shutil.copytree(target, tmp)
        else:
            tmp.mkdir()
        report(f"writing {len(wanted)} factsheet{'s' if len(wanted) != 1 else ''} of {period}")
        for loc in wanted:
            out = tmp / f"{stems[loc]}.pdf"
            out.write_bytes(sheet_pdf(data, loc, code, typesetter))
            written.append(target / out.name)
        keep = {f"{stem}.pdf" for stem in stems.values()} | {INDEX}
        for stale in tmp.iterdir():  # sheets of locations no longer in the export
            if stale.name not in keep and stale.is_file():
                stale.unlink()
        listed = [loc for loc in data.locations if (tmp / f"{stems[loc]}.pdf").is_file()]
        (tmp / INDEX).write_text(index_html(data, listed, code), encoding="utf-8")
    return Written(target, written, len(listed))
