"""What the source documents say as a whole (data/raw/published/sources).

- `claims-inventory.csv`: every numeric claim in the running text of the five sources, one row
  per stated quantity, with either the published value that audits it (`published_key`, as
  `verdicts.published_key`) or the reason it gets no verdict (`reason`, one of `REASONS_NL`);
- `claims-expected.csv`: the number of claims per source and section, checked against the
  inventory, so that a claim cannot be dropped or skipped silently;
- `contradictions.csv`: the sources' own inconsistencies, each with both quotes, what follows
  from it and the verdict of the claim it bears on.

Quotes are checked against the source text (`occurs`) by the tests wherever the sources are
at hand (`Paths.seeds`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pandas as pd

from analysis.core.config import Paths
from analysis.core.errors import InputError, quote
from analysis.core.inputs import buffered
from analysis.study import verdicts

INVENTORY = "claims-inventory.csv"
EXPECTED = "claims-expected.csv"
CONTRADICTIONS = "contradictions.csv"

# Why a claim gets no verdict (code -> Dutch, for the report).
REASONS_NL = {
    "herhaald": "herhaalt een bewering die elders is opgenomen",
    "buiten_onderzoek": "valt buiten het onderzoek",
    "doel": "een doel, norm of planning, geen uitkomst",
    "definitie": "omschrijft het meetinstrument (fasen, mijlpalen, klassen, punten)",
    "werkwijze": "beschrijft hoe de bron haar eigen onderzoek deed; geen andere bron meldt het",
    "geen_gegevens": "alleen na te gaan met gegevens die niet openbaar zijn",
    "kwalitatief": "een stijlfiguur of oordeel, geen meetbare hoeveelheid",
}
# The sources by the short names the report cites them with (docs/begrippen.md, Bronnen).
SOURCE_NAMES_NL = {
    "000_4e30f66cbfa6852b.txt": "IWI 2008",
    "001_4b693ec087c2cdb7.txt": "AKO 2009 (tweede conversie)",
    "002_076321c74a3d8e29.txt": "IWI 2007",
    "003_77befd6bc52bd4bb.txt": "AKO 2009",
    "004_a3d8323216cfe5fd.txt": "Haarlem 2008",
}
INVENTORY_COLUMNS = ["seed", "section", "quote", "value", "published_key", "reason", "note"]
CONTRADICTION_COLUMNS = [
    "id", "topic", "source_file_a", "section_a", "quote_a", "source_file_b", "section_b",
    "quote_b", "consequence", "verdict", "published_key", "note",
]  # fmt: skip

_MARKUP = re.compile(r"</?(?:i|b|em|strong|sup|sub)>|[*#_]")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}|\^")
_SAME = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00ad": ""})
_OMISSION = re.compile(r"\s*(?:\[…\]|…|\[\.\.\.\])\s*")


def normalised(text: str) -> str:
    """Text as compared with a quote: Unicode compatibility forms (superscript digits), no
    markup (HTML tags, Markdown emphasis, '^'), straight quotes, and without whitespace,
    hyphens and dashes, so that line breaks, hyphenation breaks ('samenwer-\\nking') and
    spacing ('0,04%' / '0,04 %') do not matter."""
    text = unicodedata.normalize("NFKC", text).translate(_SAME)
    text = _SUPERSCRIPT.sub(lambda m: m.group(1) or "", _MARKUP.sub("", text))
    return re.sub(r"[\s\-\u2010-\u2015]+", "", text)


@functools.lru_cache(maxsize=8)
def _normalised_document(text: str) -> str:
    """`normalised` of a whole source document, kept: the same few documents are searched for
    hundreds of quotes."""
    return normalised(text)


def occurs(quote: str, text: str) -> bool:
    """Whether `quote` occurs in `text` (both normalised); '…' or '[…]' in the quote stands
    for an omission, the parts must occur in order."""
    if not quote.strip():
        return False
    body = _normalised_document(text)
    start = 0
    for part in _OMISSION.split(quote):
        fragment = normalised(part)
        if not fragment:
            continue
        found = body.find(fragment, start)
        if found < 0:
            return False
        start = found + len(fragment)
    return True


def seed_text(name: str, paths: Paths | None = None) -> str | None:
    """The text of one source document, or None where the sources are not at hand."""
    file = (paths or Paths()).seeds / name
    return file.read_text(encoding="utf-8") if file.is_file() else None


def cite(source_file: str, section: str) -> str:
    """'AKO 2009, §4.1': a source as the report cites it (never its file name)."""
    return f"{SOURCE_NAMES_NL[source_file]}, {section}"


def _read(name: str, columns: list[str], paths: Paths | None) -> tuple[Path, pd.DataFrame]:
    file = (paths or Paths()).published_sources / name
    table = pd.read_csv(buffered(file), dtype=str, keep_default_na=False)  # the input policy
    absent = [c for c in columns if c not in table.columns]
    if absent:
        raise InputError(file, f"missing columns {absent}", row=1)
    return file, table[columns]


def load_inventory(paths: Paths | None = None) -> pd.DataFrame:
    """The inventory of numeric claims, checked: every row has a seed, section, quote and
    value, and exactly one of `published_key` and a known `reason`."""
    file, table = _read(INVENTORY, INVENTORY_COLUMNS, paths)
    for i, r in enumerate(table.itertuples(index=False), start=2):
        for column in ("seed", "section", "quote", "value"):
            if not getattr(r, column).strip():
                raise InputError(file, "empty", row=i, column=column)
        if bool(r.published_key) == bool(r.reason):
            raise InputError(file, "give either published_key or reason", row=i,
                             column="published_key")  # fmt: skip
        if r.reason and r.reason not in REASONS_NL:
            raise InputError(file, f"unknown reason {quote(r.reason)}; one of {sorted(REASONS_NL)}",
                             row=i, column="reason")  # fmt: skip
    return table


def expected_counts(paths: Paths | None = None) -> pd.DataFrame:
    """The committed number of claims per (seed, section)."""
    file, table = _read(EXPECTED, ["seed", "section", "n"], paths)
    return table.astype({"n": int})


def inventory_counts(inventory: pd.DataFrame) -> pd.DataFrame:
    """Claims per (seed, section) as the inventory has them, in the layout of
    `expected_counts`."""
    counts = inventory.groupby(["seed", "section"], sort=False).size()
    return counts.rename("n").reset_index()


def inventory_summary(inventory: pd.DataFrame) -> pd.DataFrame:
    """Per source: the number of claims, those with a verdict (`published_key`) and those
    without, per reason (columns `seed`, `claims`, `audited`, then one column per reason)."""
    rows = []
    for seed, part in inventory.groupby("seed", sort=True):
        reasons = part["reason"].value_counts()
        rows.append({"seed": seed, "claims": len(part), "audited": int((part["reason"] == "")
                     .sum()), **{r: int(reasons.get(r, 0)) for r in REASONS_NL}})  # fmt: skip
    return pd.DataFrame(rows, columns=["seed", "claims", "audited", *REASONS_NL])


def load_contradictions(paths: Paths | None = None) -> pd.DataFrame:
    """The sources' contradictions, in the order to show them (most consequential first),
    checked: unique ids, two quotes with their source and section, a consequence, a verdict
    class (`verdicts.VERDICTS`) of the claim it bears on. `source_a` and `source_b` cite the
    two sources as the report does ('AKO 2009, §4.1')."""
    file, table = _read(CONTRADICTIONS, CONTRADICTION_COLUMNS, paths)
    for i, r in enumerate(table.itertuples(index=False), start=2):
        for column in CONTRADICTION_COLUMNS[:10]:
            if not getattr(r, column).strip():
                raise InputError(file, "empty", row=i, column=column)
        for side in "ab":
            if getattr(r, f"source_file_{side}") not in SOURCE_NAMES_NL:
                raise InputError(file, "unknown source", row=i, column=f"source_file_{side}")
        if r.verdict not in verdicts.VERDICTS:
            raise InputError(file, f"unknown verdict {quote(r.verdict)}", row=i, column="verdict")
    if table["id"].duplicated().any():
        raise InputError(file, f"duplicate id {table['id'][table['id'].duplicated()].iloc[0]}",
                         column="id")  # fmt: skip
    cited = {
        f"source_{side}": [
            cite(f, s) for f, s in zip(table[f"source_file_{side}"], table[f"section_{side}"],
                                       strict=True)
        ]
        for side in "ab"
    }  # fmt: skip
    return table.assign(**cited).reset_index(drop=True)
