"""Tidy tables of every chapter: byte-stable CSV, compared with stored reference copies.

The references in tests/reference/2009-T3/ are the tables for the committed (synthetic)
inputs. They guard every number of the report, also those without a published counterpart.
After an intended change of a number, regenerate them with
``UPDATE_REFERENCE=1 .venv/bin/pytest tests/test_tables.py`` and review the diff.
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from analysis.chapters import chapter_name, chapter_tables
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.core.tables import file_name, tidy_csv
from analysis.render import load_book_config
from analysis.study.scoring import DEFAULT_RULE

REFERENCE = Path(__file__).parent / "reference" / "2009-T3"
PERIOD = Period(2009, 3)
NOTEBOOKS = [c for c in load_book_config(Paths().quarto_config).chapters if chapter_name(c)]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_tables_equal_the_reference(notebook, chapter_tables_2009):
    chapter = chapter_name(notebook)
    tables = chapter_tables_2009[notebook]
    assert tables, f"chapter {chapter} has no tidy tables"
    written = {file_name(chapter, name): tidy_csv(frame) for name, frame in tables.items()}
    if os.environ.get("UPDATE_REFERENCE"):
        REFERENCE.mkdir(parents=True, exist_ok=True)
        for old in REFERENCE.glob(f"{chapter}-*.csv"):
            old.unlink()
        for name, data in written.items():
            (REFERENCE / name).write_bytes(data)
        pytest.skip(f"references of {chapter} rewritten: review the diff, then run without it")
    stored = {p.name: p.read_bytes() for p in REFERENCE.glob(f"{chapter}-*.csv")}
    assert sorted(written) == sorted(stored)
    for name, data in written.items():
        assert data == stored[name], f"{name} differs from tests/reference/2009-T3/{name}"


def test_tidy_csv_is_stable_and_plain():
    frame = pd.DataFrame(
        {
            "period": [Period(2009, 3), Period(2008, 1)],
            "share": [Fraction(1, 3), float("nan")],
            "count": [3, 4],
            "ok": [True, False],
            "when": [pd.Timestamp("2006-12-31"), None],
            "t": [float("inf"), -0.0],
            "x": [2.5, 3.0],
        }
    )
    assert tidy_csv(frame) == (
        b"period,share,count,ok,when,t,x\n"
        b"2009-T3,0.333333,3,True,2006-12-31,inf,2.5\n"
        b"2008-T1,,4,False,,0,3\n"
    )


def test_tidy_csv_refuses_column_names_that_are_not_identifiers():
    with pytest.raises(ValueError, match="snake_case"):
        tidy_csv(pd.DataFrame({"Gemiddelde (%)": [1]}))
    with pytest.raises(ValueError, match="kebab-case"):
        file_name("trend", "Tabel 3")


def test_chapter_name_follows_the_notebook():
    assert chapter_name("notebooks/02-trend.ipynb") == "trend"
    assert chapter_name("notebooks/01_landkaart.ipynb") == "landkaart"
    assert chapter_name("index.md") is None
    assert chapter_name("notebooks/trend.ipynb") is None  # no number: not a chapter notebook


def test_a_notebook_without_a_package_has_no_tables(ingested_root):
    tables = chapter_tables("notebooks/09-verkenning.ipynb", PERIOD, DEFAULT_RULE, ingested_root)
    assert tables == {}


def test_every_table_column_is_language_neutral(chapter_tables_2009):
    """No Dutch words as column names (they are snake_case English or codes)."""
    dutch = {"peildatum", "streefwaarde", "realisatie", "tekst", "berekend", "gelijk", "waarde"}
    for notebook in NOTEBOOKS:
        for name, frame in chapter_tables_2009[notebook].items():
            assert not dutch & set(frame.columns), (notebook, name, list(frame.columns))
