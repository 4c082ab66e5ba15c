"""Sloppy and hostile inputs: every loader ends in a valid result or the project's InputError.

Property-based (hypothesis): random bytes, random CSV shapes and encodings, huge fields.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
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
        paths.reports / ".tmp-2009-T3.abcd_123",
        paths.reports / ".run-a1b2c3d4",
        paths.processed / ".run-x1y2z3w4",
        paths.processed / "landkaart" / "2009-T3" / ".tmp-landkaart.csv.q1w2e3r4",
    ]
    for folder in keep + junk:
        folder.mkdir(parents=True)
    removed = pipeline.clean_leftovers(paths)
    assert sorted(removed) == sorted(junk)
    assert all(f.exists() for f in keep) and not any(f.exists() for f in junk)


# --- review findings: commits, leftovers, limits, messages ---------------------------------


def test_an_interrupted_swap_is_restored_by_the_next_run(tmp_path):
    """A folder caught between the two renames of a swap is put back, not deleted."""
    paths = Paths(tmp_path)
    report = paths.reports / "2009-T3"
    old = paths.reports / ".tmp-2009-T3.old"
    old.mkdir(parents=True)
    (old / "rapport.pdf").write_bytes(b"%PDF old")
    pipeline.clean_leftovers(paths)
    assert (report / "rapport.pdf").read_bytes() == b"%PDF old" and not old.exists()


def test_clean_leftovers_leaves_other_hidden_folders(tmp_path):
    paths = Paths(tmp_path)
    mine = paths.reports / ".backup.20091231"
    mine.mkdir(parents=True)
    assert pipeline.clean_leftovers(paths) == [] and mine.exists()


def test_a_failing_commit_puts_everything_back(tmp_path, monkeypatch):
    paths = Paths(tmp_path)
    (paths.processed / "landkaart").mkdir(parents=True)
    (paths.processed / "landkaart" / "old.csv").write_text("old")
    (paths.reports / "2009-T3").mkdir(parents=True)
    (paths.reports / "2009-T3" / "rapport.pdf").write_text("old")
    real_replace = pipeline.transaction.os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:  # the new report, after the processed data went in
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    with pytest.raises(OSError), pipeline.staged(paths) as stage:
        staged_file = stage.paths.processed / "landkaart" / "old.csv"
        staged_file.unlink()  # a staged file is a hard link: replaced, never written into
        staged_file.write_text("new")
        stage.report_dir("2009-T3").mkdir()
        (stage.report_dir("2009-T3") / "rapport.pdf").write_text("new")
        monkeypatch.setattr(pipeline.transaction.os, "replace", failing_replace)
    monkeypatch.setattr(pipeline.transaction.os, "replace", real_replace)
    assert (paths.processed / "landkaart" / "old.csv").read_text() == "old"
    assert (paths.reports / "2009-T3" / "rapport.pdf").read_text() == "old"
    assert sorted(p.name for p in paths.processed.iterdir()) == ["landkaart"]
    assert sorted(p.name for p in paths.reports.iterdir()) == ["2009-T3"]


def test_a_stray_far_away_cell_is_a_clear_error(tmp_path, codebook):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["WP-001", *["niet"] * 14])
    sheet.cell(row=200_000, column=2000, value="x")
    path = tmp_path / "export.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="delete the stray cells"):
        read_export(path, codebook)


def test_a_very_long_location_name_is_refused(tmp_path, codebook):
    path = tmp_path / "export.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(["W" * 5000, *["niet"] * 14]) + "\n")
    with pytest.raises(InputError, match="location name of 5000 characters") as err:
        read_export(path, codebook)
    assert (err.value.row, err.value.column) == (2, "locatie")


def test_look_alike_names_are_duplicates(tmp_path, codebook):
    path = tmp_path / "export.csv"
    rows = ["WP-001", "ＷＰ-001", "WP-\u034f001"]
    path.write_text("\n".join([",".join(HEADER), *(",".join([r, *["niet"] * 14]) for r in rows)]))
    with pytest.raises(InputError, match="duplicate location") as err:
        read_export(path, codebook)
    assert err.value.row == 3


def test_a_series_id_is_an_identifier(tmp_path):
    paths = _labour_root(tmp_path)
    path = paths.arbeidsmarkt / "standcijfers.csv"
    text = path.read_text("utf-8").replace("ww_uitkeringen", "<img src=x onerror=alert(1)>", 1)
    path.write_text(text, "utf-8")
    with pytest.raises(InputError, match="series id '<img") as err:
        load_standcijfers(paths)
    assert err.value.column == "series"


def test_terminal_control_characters_are_shown_not_obeyed():
    from analysis.cli import _safe

    assert _safe("a\x1b[2Jb\u202ec\x07") == "a\\x1b[2Jb\\u202ec\\x07"


def test_tidy_tables_defuse_spreadsheet_formulas():
    import pandas as pd

    from analysis.core.tables import tidy_csv

    frame = pd.DataFrame({"location": ["=HYPERLINK(1)", "@x", "-x", "WP-001"], "n": [-1, 2, 3, 4]})
    assert tidy_csv(frame).decode().splitlines()[1:] == [
        "'=HYPERLINK(1),-1", "'@x,2", "'-x,3", "WP-001,4"
    ]  # fmt: skip


# --- survey and Toonkamer readers (issue 22): an accepted input is a valid frame ------------

SURVEY_HEADER = ["meting", "locatie", "bereikbaarheid", "persoonlijke_aandacht", "maatwerk",
                 "tijdigheid", "duidelijkheid", "totaal", "vaste_contactpersoon", "uitkering",
                 "dagen_eerste_betaling"]  # fmt: skip
VALID_SURVEY = {
    "meting": ["2010-H1", " 2010-H1 "],
    "locatie": ["WP-001", " WP-002 ", "<b>", "A’dam \"Zuid\" -- oud"],
    "score": ["1", "10", "7", "007", " 8 ", ""],
    "vaste_contactpersoon": ["ja", "nee", "JA", "", "true"],
    "uitkering": ["WW", "wwb", "anders", "geen", ""],
    "dagen_eerste_betaling": ["0", "3650", "12", ""],
}
BAD_SURVEY = {
    "meting": ["2010-h1", "2009-H2", ""], "locatie": ["", "L" * 101],
    "score": ["0", "11", "7,5", "7.0", "-1", "x"],
    "vaste_contactpersoon": ["misschien"], "uitkering": ["WIA"],
    "dagen_eerste_betaling": ["3651", "-3", "1e2"],
}  # fmt: skip


@st.composite
def survey_rows(draw) -> dict[str, str]:
    """A valid respondent row, or (one time in four) one with a bad or random cell."""
    row = {c: draw(st.sampled_from(VALID_SURVEY.get(c, VALID_SURVEY["score"])))
           for c in SURVEY_HEADER}  # fmt: skip
    if row["uitkering"] == "geen":
        row["dagen_eerste_betaling"] = ""
    if draw(st.integers(0, 3)) == 0:
        column = draw(st.sampled_from(SURVEY_HEADER))
        bad = BAD_SURVEY.get(column, BAD_SURVEY["score"])
        row[column] = draw(st.one_of(st.sampled_from(bad), TEXT))
    return row


def _values(column: pd.Series) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in column]


def _whole(cell: str) -> int | None:
    """The oracle for a score or day count: digits only, else blank."""
    cell = cell.strip()
    return int(cell) if cell.isdigit() and cell.isascii() else None


@SETTINGS
@given(rows=st.lists(survey_rows(), min_size=1, max_size=5),
       delimiter=st.sampled_from([";", ",", "\t", "parquet"]))  # fmt: skip
def test_random_survey_files_give_valid_waves_or_input_errors(tmp_path, rows, delimiter):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.ingest import enquetes
    from analysis.study.waves import Wave

    paths = Paths(tmp_path / "s")
    folder = paths.enquetes_raw("2010-H1")
    folder.mkdir(parents=True, exist_ok=True)
    if delimiter == "parquet":  # the same cells as a Parquet file of text columns
        columns = {c: pa.array([row[c] for row in rows], pa.string()) for c in SURVEY_HEADER}
        pq.write_table(pa.table(columns), folder / "respondenten.parquet")
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(SURVEY_HEADER)
        writer.writerows([[row[c] for c in SURVEY_HEADER] for row in rows])
        (folder / "respondenten.csv").write_text(buffer.getvalue(), "utf-8")
    try:
        wave = enquetes.read_wave(Wave(2010, 1), paths)
    except InputError as exc:
        assert exc.file is not None and str(exc) and len(str(exc)) < 1000
        shutil.rmtree(tmp_path / "s")
        return
    frame = wave.respondents
    assert len(frame) == len(rows) and (frame["wave"] == "2010-H1").all()
    assert frame["location"].map(lambda t: 0 < len(t) <= 100 and t == t.strip()).all()
    for column, name in zip(enquetes.SCORES, SURVEY_HEADER[2:8], strict=True):
        assert _values(frame[column]) == [_whole(r[name]) for r in rows]
        assert frame[column].dropna().between(1, 10).all()
    assert set(frame["benefit"].dropna()) <= {"ww", "wwb", "other", "none"}
    assert _values(frame["days_to_payment"]) == [_whole(r["dagen_eerste_betaling"]) for r in rows]
    assert frame.loc[frame["benefit"] == "none", "days_to_payment"].isna().all()
    meta = json.loads(wave.metadata)
    assert meta["respondents"] == len(rows) and meta["locations"] == frame["location"].nunique()
    shutil.rmtree(tmp_path / "s")


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".parquet"]))
def test_random_bytes_into_the_survey_reader(tmp_path, data, suffix):
    from analysis.ingest import enquetes
    from analysis.study.waves import Wave

    paths = Paths(tmp_path / "b")
    folder = paths.enquetes_raw("2010-H1")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"respondenten{suffix}").write_bytes(data)
    _outcome(enquetes.read_wave, Wave(2010, 1), paths)
    shutil.rmtree(tmp_path / "b")


CLIENT_HEADER = ["klant", "groep", "regeling", "locatie", "instroomdatum", "uitstroomdatum",
                 "uitstroomreden"]  # fmt: skip
VALID_CLIENT = {
    "groep": ["toonkamer", "controlegroep", "Controle"], "regeling": ["WW", "wwb"],
    "locatie": ["Gouda", "Dordrecht", "TK-1"], "instroomdatum": ["2006-01-02", "2006-03-01"],
}  # fmt: skip
BAD_CLIENT = {
    "klant": ["", "K1"], "groep": ["pilot", ""], "regeling": ["WIA", ""],
    "locatie": ["gouda", "Utrecht", "Den Bosch", ""],
    "instroomdatum": ["2006-02-30", "2031-01-01", "02-01-2006", ""],
    "uitstroomdatum": ["2006-01-01", "2030-12-31", "morgen"], "uitstroomreden": ["vakantie"],
}  # fmt: skip


@st.composite
def client_rows(draw) -> dict[str, str]:
    """A valid client row (a new identifier each time), or (one time in four) one with a bad
    or random cell."""
    row = {c: draw(st.sampled_from(v)) for c, v in VALID_CLIENT.items()}
    row["klant"] = f"K{draw(st.integers(1, 10**6))}"
    left = draw(st.booleans())
    row["uitstroomdatum"] = "2006-06-30" if left else ""
    row["uitstroomreden"] = draw(st.sampled_from(["werk", "overig"])) if left else ""
    if draw(st.integers(0, 3)) == 0:
        column = draw(st.sampled_from(CLIENT_HEADER))
        row[column] = draw(st.one_of(st.sampled_from(BAD_CLIENT[column]), TEXT))
    return row


@SETTINGS
@given(rows=st.lists(client_rows(), min_size=1, max_size=5),
       delimiter=st.sampled_from([";", ",", "\t"]))  # fmt: skip
def test_random_client_files_give_valid_frames_or_input_errors(tmp_path, rows, delimiter):
    import datetime as dt

    from analysis.ingest import toonkamer

    names = {"Gouda": "Gouda", "Dordrecht": "Dordrecht", "TK-1": "Den Bosch"}
    until = dt.date(2010, 1, 1)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(CLIENT_HEADER)
    writer.writerows([[row[c] for c in CLIENT_HEADER] for row in rows])
    path = tmp_path / "klanten.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    try:
        frame = toonkamer.read_clients(path, names, until)
    except InputError as exc:
        assert exc.file == path and len(str(exc)) < 1000
        return
    assert len(frame) == len(rows) and frame["client"].is_unique
    assert frame["client"].map(lambda c: bool(c) and c == c.strip()).all()
    assert set(frame["group"]) <= {"toonkamer", "control"}
    assert set(frame["benefit"]) <= {"WW", "WWB"} and set(frame["location"]) <= set(names)
    assert (frame.groupby(frame["location"].map(names))["location"].nunique() == 1).all()
    assert (frame["inflow"] <= pd.Timestamp(until)).all()
    left = frame["outflow"].notna()
    assert (frame.loc[left, "outflow"] >= frame.loc[left, "inflow"]).all()
    assert (frame.loc[left, "outflow"] <= pd.Timestamp(until)).all()
    assert frame["reason"].notna().eq(left).all()
    assert set(frame["reason"].dropna()) <= {"work", "other"}
