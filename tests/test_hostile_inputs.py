"""Sloppy and hostile inputs: every loader ends in a valid result or the project's InputError.

Property-based (hypothesis): random bytes, random CSV shapes and encodings, huge fields.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import pipeline
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.markdown import code, literal
from analysis.ingest.arbeidsmarkt import load_standcijfers, load_uitstroom, parse_number
from analysis.ingest.landkaart import read_export

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEADER = ["locatie", *[f"M{n:02d}" for n in range(1, 15)]]
ANSWERS = ["niet", "in ontwikkeling", "gedeeltelijk", "volledig", "rood", "groen", "1/3", "66%",
           "0,66", "", " ", "2", "paars", "100 %", "101%", "½", "[/]", "<b>"]  # fmt: skip
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def _outcome(load, *args) -> None:
    """The only allowed outcomes: a result, or InputError naming the file."""
    try:
        load(*args)
    except InputError as exc:
        assert exc.file is not None and str(exc)


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_into_the_landkaart_reader(tmp_path, codebook, data, suffix):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    _outcome(read_export, path, codebook)


@SETTINGS
@given(
    rows=st.lists(
        st.lists(st.one_of(st.sampled_from(ANSWERS), TEXT), min_size=0, max_size=17),
        min_size=0,
        max_size=6,
    ),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    header=st.booleans(),
)
def test_random_csv_shapes_into_the_landkaart_reader(
    tmp_path, codebook, rows, delimiter, encoding, header
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if header:
        writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp_path / "export.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    _outcome(read_export, path, codebook)


@pytest.mark.parametrize("where", ["header", "row"])
def test_a_huge_field_is_a_clear_error(tmp_path, codebook, where):
    huge = "x" * 200_000
    lines = [",".join(HEADER), ",".join(["WP-001", *["niet"] * 14])]
    if where == "header":
        lines[0] += f",{huge}"
    else:
        lines.append(",".join([f'"{huge}', *["niet"] * 14]))
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError, match="a field longer than 128 KiB"):
        read_export(path, codebook)


def _labour_root(tmp_path: Path) -> Paths:
    paths = Paths(tmp_path)
    shutil.copytree(Paths().arbeidsmarkt, paths.arbeidsmarkt)
    return paths


@SETTINGS
@given(
    value=st.one_of(TEXT, st.sampled_from(["1.234", "inf", "nan", "-1e9", "1,5", " 7 ", "0x1"])),
    column=st.sampled_from(["value", "peildatum", "series"]),
)
def test_random_cells_into_the_labour_market_readers(tmp_path, value, column):
    paths = _labour_root(tmp_path / "lm")
    for name in ("standcijfers.csv", "uitstroom.csv"):
        path = paths.arbeidsmarkt / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[3][column] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    _outcome(load_standcijfers, paths)
    _outcome(load_uitstroom, paths)
    shutil.rmtree(tmp_path / "lm")


@pytest.mark.parametrize(
    ("text", "number"), [("554", 554.0), ("-30", -30.0), ("12,5", 12.5), ("12.5", 12.5), ("", None)]
)
def test_numbers_are_parsed_explicitly(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "why"),
    [("1.234", "ambiguous"), ("1.234.567", "ambiguous"), ("inf", "not a number"),
     ("nan", "not a number"), ("1e3", "not a number"), ("1 234", "not a number")],
)  # fmt: skip
def test_dutch_thousands_and_special_values_are_refused(text, why):
    with pytest.raises(ValueError, match=why):
        parse_number(text)


@given(TEXT)
def test_literal_markdown_keeps_no_markup(text):
    escaped = literal(text)
    tokens = re.findall(r"\\.|.", escaped, flags=re.S)  # an escaped character, or one as is
    assert not [t for t in tokens if len(t) == 1 and t in "<>[]`*_$@&!|\\{}#~^"]
    assert "\n" not in escaped
    assert "".join(t[-1] for t in tokens) == " ".join(text.split()) or not text.isprintable()


def test_code_span_survives_backticks():
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("plain.csv") == "`plain.csv`"


def test_leftovers_of_killed_runs_are_removed(tmp_path):
    paths = Paths(tmp_path)
    keep = [paths.reports / "2009-T3", paths.processed / "landkaart" / "2009-T3"]
    junk = [
        paths.reports / ".2009-T3.abcd_123",
        paths.reports / ".2009-T3.old",
        paths.processed / ".run-x1y2z3w4",
        paths.processed / "landkaart" / "2009-T3" / ".landkaart.csv.q1w2e3r4",
    ]
    for folder in keep + junk:
        folder.mkdir(parents=True)
    removed = pipeline.clean_leftovers(paths)
    assert sorted(removed) == sorted(junk)
    assert all(f.exists() for f in keep) and not any(f.exists() for f in junk)
