"""Reading, validating and writing the SUWI-Landkaart export (analysis.ingest)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.core.config import PROJ_ROOT, Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.ingest.landkaart import (
    _validate,
    find_export,
    ingest_period,
    landkaart_schema,
    read_export,
)
from analysis.ingest.layout import Answer
from analysis.study.codebook import load_codebook

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PERIOD = Period(2009, 3)
CODES = [f"M{n:02d}" for n in range(1, 15)]
HEADER = "locatie," + ",".join(CODES)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    shutil.copytree(PROJ_ROOT / "data" / "raw" / "codebook", tmp_path / "data" / "raw" / "codebook")
    return Paths(root=tmp_path)


@pytest.fixture
def codebook(paths: Paths):
    return load_codebook(paths)


@pytest.fixture
def raw(paths: Paths) -> Path:
    folder = paths.landkaart_raw(PERIOD)
    folder.mkdir(parents=True)
    return folder


def wide(rows: dict[str, list[str]], sep: str = ",", header: list[str] | None = None) -> str:
    """A wide export: a location column plus M01..M14 (or the given header)."""
    lines = [sep.join(header or ["locatie", *CODES])]
    lines += [sep.join([loc, *answers]) for loc, answers in rows.items()]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def fixture(name: str, folder: Path) -> Path:
    return Path(shutil.copy(FIXTURES / name, folder / name))


def categories(answers: pd.DataFrame, location: str) -> list:
    values = answers.loc[answers["location"] == location, "category"]
    return [None if pd.isna(v) else int(v) for v in values]


def assert_error(exc: pytest.ExceptionInfo, file: str, row: int | None, column: str | None):
    err = exc.value
    assert err.file.name == file
    assert (err.row, err.column) == (row, column)
    message = str(err)
    assert file in message
    if row is not None:
        assert f"row {row}" in message
    if column is not None:
        assert f"column '{column}'" in message


# --- the tidy result ------------------------------------------------------------------------


def test_schema_is_built_from_the_codebook(codebook):
    schema = landkaart_schema(codebook)
    milestones = schema.columns["milestone"].checks[0]
    assert list(milestones.statistics["allowed_values"]) == codebook.milestone_codes
    categories = schema.columns["category"].checks[0]
    assert list(categories.statistics["allowed_values"]) == [0, 1, 2, 3]


def test_hand_written_file_gives_exact_tidy_result(raw, codebook):
    answers = read_export(fixture("wide-labels.csv", raw), codebook)

    locations = ["Súdwest-Wâldein", "WP-001", "WP-002"]
    expected = pd.DataFrame(
        {
            "location": pd.Series([loc for loc in locations for _ in CODES], dtype="str"),
            "milestone": pd.Series(CODES * 3, dtype="str"),
            "category": pd.array(
                [0] * 14 + [3] * 12 + [None, 1] + [3, 3, 2, 2, 1, 0, 0, 3, 3, 3, 2, 1, 0, None],
                dtype="Int64",
            ),
        }
    )
    pd.testing.assert_frame_equal(answers, expected)
    assert answers.attrs["blank_answers"] == 2
    dialect = answers.attrs["dialect"]
    assert dialect["format"] == "csv"
    assert dialect["encoding"] == "utf-8"
    assert dialect["delimiter"] == ","
    assert dialect["layout"] == "wide"
    assert dialect["answers"] == ["label"]
    assert dialect["header"] == {"locatie": "location", **{c: c for c in CODES}}


def test_synthetic_export_format(paths, raw, codebook):
    rows = {
        f"WP-{n:03d}": ["niet", "in ontwikkeling", "gedeeltelijk", "volledig"] * 3
        + ["volledig", "niet"]
        for n in range(1, 126)
    }
    write(raw, "landkaart-2009-T3-synthetisch.csv", wide(rows))
    (raw / "landkaart-2009-T3-synthetisch.json").write_text(
        json.dumps({"synthetic": True, "generator": "synth", "seed": 7})
    )
    (raw / "README.md").write_text("Synthetic data.\n")

    out = ingest_period(PERIOD, paths, codebook)
    frame = pd.read_csv(out, dtype={"location": str})
    assert len(frame) == 125 * 14
    assert frame["location"].nunique() == 125
    assert frame["category"].value_counts().sort_index().tolist() == [500, 375, 375, 500]


# --- dialects -------------------------------------------------------------------------------


def test_long_layout_with_colours_and_milestone_spellings(raw, codebook):
    answers = read_export(fixture("long-colours.csv", raw), codebook)

    assert list(answers["location"].unique()) == ["Gülpen-Testdorp", "WP-001"]
    assert list(answers["milestone"]) == CODES * 2
    assert categories(answers, "Gülpen-Testdorp") == [0, 1, 2, 3, None] + [0] * 8 + [3]
    assert categories(answers, "WP-001") == [3] * 12 + [2, 1]
    dialect = answers.attrs["dialect"]
    assert dialect["layout"] == "long"
    assert dialect["answers"] == ["colour"]
    assert dialect["header"] == {
        "Werkplein": "location",
        "Mijlpaal": "milestone",
        "Antwoord": "answer",
    }
    assert dialect["milestone_values"]["Ketenbrede werkplekken en applicaties"] == "M13"
    assert answers.attrs["blank_answers"] == 1


def test_points(raw, codebook):
    answers = read_export(fixture("wide-points.csv", raw), codebook)
    assert categories(answers, "WP-001") == [0, 1, 2, 3, 1, 2, 1, 2, 3, 0, 3, 0, 3, 0]
    assert categories(answers, "WP-002") == [3] * 14
    assert answers.attrs["dialect"]["answers"] == ["points"]


def test_column_of_only_zero_and_one_is_points(raw, codebook):
    path = write(raw, "x.csv", wide({"A": ["0", "1"] * 7, "B": ["1", "0"] * 7}))
    answers = read_export(path, codebook)
    assert categories(answers, "A") == [0, 3] * 7
    assert categories(answers, "B") == [3, 0] * 7


def test_percentages_map_to_bands(raw, codebook):
    answers = read_export(fixture("wide-percentages.csv", raw), codebook)
    # 0% 32% 32,9% 33% 50% 65% 65.9% 66% 99% 99,5% 100% 100% (blank) 0%
    assert categories(answers, "WP-001") == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, None, 0]
    dialect = answers.attrs["dialect"]
    assert (dialect["delimiter"], dialect["answers"]) == (";", ["percentage"])
    assert answers.attrs["blank_answers"] == 1


@pytest.mark.parametrize(
    ("value", "category"),
    [
        ("niet", 0),
        ("niet gerealiseerd", 0),
        ("in ontwikkeling", 1),
        ("gedeeltelijk", 2),
        ("gedeeltelijk gerealiseerd", 2),
        ("volledig", 3),
        ("Volledig Gerealiseerd", 3),
        ("rood", 0),
        ("Oranje", 1),
        ("BLAUW", 2),
        ("groen", 3),
        ("0", 0),
        ("1/3", 1),
        ("2/3", 2),
        ("1", 3),
        ("0,33", 1),
        ("0.33", 1),
        ("0,67", 2),
        ("0.66", 2),
        ("0.34", 1),
        ("1,00", 3),
        ("0%", 0),
        ("33 %", 1),
        ("50%", 1),
        ("66%", 2),
        ("100%", 3),
    ],
)
def test_answer_spellings(raw, codebook, value, category):
    path = write(raw, "x.csv", wide({"A": [value] * 14}, sep=";"))
    assert categories(read_export(path, codebook), "A") == [category] * 14


@pytest.mark.parametrize(
    "spelling",
    [
        lambda n, name: f"M{n:02d}",
        lambda n, name: f"m{n}",
        lambda n, name: f"M{n}",
        lambda n, name: str(n),
        lambda n, name: f"Mijlpaal {n}",
        lambda n, name: f"  {name.upper().replace('Ï', 'I')}  ",
    ],
    ids=["M01", "m1", "M1", "1", "Mijlpaal 1", "short name"],
)
def test_milestone_header_spellings(raw, codebook, spelling):
    names = list(codebook.milestones["short_name_nl"])
    header = ["locatie", *(spelling(n, name) for n, name in enumerate(names, start=1))]
    path = write(raw, "x.csv", wide({"A": ["volledig"] * 14}, sep=";", header=header))
    answers = read_export(path, codebook)
    assert list(answers["milestone"]) == CODES
    assert answers.attrs["dialect"]["header"][header[14].strip()] == "M14"


@pytest.mark.parametrize(
    "name", ["locatie", "Location", " WERKPLEIN ", "locatie_id", "location_id", "Naam"]
)
def test_location_header_spellings(raw, codebook, name):
    path = write(raw, "x.csv", wide({"A": ["niet"] * 14}, header=[name, *CODES]))
    assert list(read_export(path, codebook)["location"].unique()) == ["A"]


def test_cp1252_semicolons_mixed_case_colours_and_diacritics(raw, codebook):
    rows = {
        "Súdwest-Wâldein": ["Rood", "ORANJE", "blauw", "Groen"] * 3 + ["rood", "rood"],
        "Gülpen-Testdorp": ["groen"] * 14,
    }
    path = write(raw, "export.csv", wide(rows, sep=";").replace("\n", "\r\n"), "cp1252")
    answers = read_export(path, codebook)
    assert list(answers["location"].unique()) == ["Gülpen-Testdorp", "Súdwest-Wâldein"]
    assert categories(answers, "Súdwest-Wâldein") == [0, 1, 2, 3] * 3 + [0, 0]
    dialect = answers.attrs["dialect"]
    assert (dialect["encoding"], dialect["delimiter"]) == ("cp1252", ";")


def test_utf8_with_bom(raw, codebook):
    path = raw / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + wide({"Súdwest-Wâldein": ["niet"] * 14}).encode())
    answers = read_export(path, codebook)
    assert answers.attrs["dialect"]["header"]["locatie"] == "location"
    assert answers.attrs["dialect"]["encoding"] == "utf-8-sig"
    assert answers["location"].iloc[0] == "Súdwest-Wâldein"


def test_utf16_with_tabs(raw, codebook):
    path = write(raw, "x.csv", wide({"Súdwest-Wâldein": ["groen"] * 14}, sep="\t"), "utf-16")
    answers = read_export(path, codebook)
    assert answers.attrs["dialect"]["encoding"] == "utf-16"
    assert answers.attrs["dialect"]["delimiter"] == "\t"
    assert categories(answers, "Súdwest-Wâldein") == [3] * 14


def test_blank_rows_and_trailing_separators_are_ignored(raw, codebook):
    text = wide({"A": ["niet"] * 14, "B": ["groen"] * 14}, sep=";")
    lines = text.splitlines()
    text = "\n".join(line + ";;" for line in lines[:2]) + "\n;;;\n\n" + lines[2] + "\n;;;;;;\n"
    answers = read_export(write(raw, "x.csv", text), codebook)
    assert categories(answers, "B") == [3] * 14


def test_row_numbers_count_blank_lines_crlf_and_multiline_cells(raw, codebook):
    multiline = '"Werk\r\nplein A",' + ",".join(["niet"] * 14)
    text = "\r\n".join([HEADER, "", multiline, "", "B," + ",".join(["paars"] * 14)]) + "\r\n"
    with pytest.raises(InputError, match="unknown answer 'paars'") as exc:
        read_export(write(raw, "x.csv", text), codebook)
    assert_error(exc, "x.csv", 6, "M01")


def make_xlsx(path: Path, rows: list[list], percent_columns: Sequence[int] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Landkaart"
    for row in rows:
        sheet.append(row)
    for column in percent_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "0%"
    book.create_sheet("Toelichting").append(["not read"])
    book.save(path)
    return path


def test_xlsx_first_sheet_with_numbers_and_percent_cells(raw, codebook):
    rows = [
        ["Locatie", *range(1, 15)],
        [
            "Súdwest-Wâldein",
            0,
            "1/3",
            "2/3",
            1,
            0.33,
            0.6667,
            1.0,
            "volledig",
            "Rood",
            "groen",
            None,
            "niet",
            "niet",
            "niet",
        ],
        ["WP-001", *(["gedeeltelijk"] * 14)],
    ]
    answers = read_export(make_xlsx(raw / "export.xlsx", rows), codebook)
    assert categories(answers, "Súdwest-Wâldein") == [0, 1, 2, 3, 1, 2, 3, 3, 0, 3, None, 0, 0, 0]
    dialect = answers.attrs["dialect"]
    assert (dialect["format"], dialect["sheet"], dialect["encoding"]) == ("xlsx", "Landkaart", None)
    assert dialect["header"]["1"] == "M01"

    rows = [["locatie", *CODES], ["A", 0.5, 0.32, 0.66, 1, *([0] * 10)]]
    answers = read_export(make_xlsx(raw / "pct.xlsx", rows, percent_columns=range(2, 16)), codebook)
    assert categories(answers, "A") == [1, 0, 2, 3] + [0] * 10
    assert answers.attrs["dialect"]["answers"] == ["percentage"]


def test_xlsx_date_cell_gets_a_hint(raw, codebook):
    rows = [["locatie", *CODES], ["A", dt.datetime(2009, 3, 1), *(["niet"] * 13)]]
    with pytest.raises(InputError, match="2009-03-01.*Excel may have turned 1/3 into a date"):
        read_export(make_xlsx(raw / "export.xlsx", rows), codebook)


def test_xlsx_errors_use_spreadsheet_rows(raw, codebook):
    rows = [["locatie", *CODES], ["A", *(["niet"] * 14)], [], ["B", *(["paars"] * 14)]]
    with pytest.raises(InputError, match="unknown answer 'paars'") as exc:
        read_export(make_xlsx(raw / "export.xlsx", rows), codebook)
    assert_error(exc, "export.xlsx", 4, "M01")


# --- errors ---------------------------------------------------------------------------------


def valid_rows() -> dict[str, list[str]]:
    return {"WP-001": ["niet"] * 14, "WP-002": ["groen"] * 14, "WP-003": ["volledig"] * 14}


def long_text(locations: list[str], skip: tuple[str, str] | None = None) -> str:
    lines = ["locatie;mijlpaal;antwoord"]
    lines += [f"{loc};{code};niet" for loc in locations for code in CODES if (loc, code) != skip]
    return "\n".join(lines) + "\n"


def replace_cell(rows: dict[str, list[str]], location: str, index: int, value: str):
    rows[location][index] = value
    return rows


ERROR_CASES = {
    # name: (file text, row, column, message fragment)
    "unknown answer": (
        wide(replace_cell(valid_rows(), "WP-002", 4, "paars")),
        3,
        "M05",
        "unknown answer 'paars'",
    ),
    "category code 2": (wide(replace_cell(valid_rows(), "WP-001", 0, "2")), 2, "M01", "points"),
    "bare number among percentages": (
        wide({"A": ["33%"] * 13 + ["1"]}),
        2,
        "M14",
        "bare number '1'",
    ),
    "percentage above 100": (wide({"A": ["120%"] * 14}), 2, "M01", "outside 0%-100%"),
    "decimal not near a third": (wide({"A": ["0.5"] * 14}), 2, "M01", "unknown answer '0.5'"),
    "unquoted decimal comma": (
        wide({"A": ["0,33"] * 14}),
        2,
        None,
        "29 fields, the header has 15: field 16 has data",
    ),
    "duplicate location": (
        wide(valid_rows()) + "wp-001," + ",".join(["niet"] * 14) + "\n",
        5,
        "locatie",
        "duplicate location 'wp-001' (also on row 2)",
    ),
    "missing milestone column": (
        wide({"A": ["niet"] * 13}, header=["locatie", *CODES[:6], *CODES[7:]]),
        1,
        None,
        "missing milestone column(s): M07",
    ),
    "unknown extra column": (
        wide({"A": ["niet"] * 15}, header=["locatie", *CODES, "opmerking"]),
        1,
        "opmerking",
        "unknown column",
    ),
    "duplicate milestone column": (
        wide({"A": ["niet"] * 15}, header=["locatie", *CODES, "Mijlpaal 3"]),
        1,
        "Mijlpaal 3",
        "second column for M03",
    ),
    "missing location column": (
        wide({"A": ["niet"] * 14}, header=["gemeente", *CODES]),
        1,
        None,
        "missing location column",
    ),
    "header only": (HEADER + "\n", 1, None, "no data rows"),
    "truncated row": (
        wide(valid_rows()) + "WP-004,niet,niet,niet\n",
        5,
        "M04",
        "truncated row: 4 fields",
    ),
    "empty location": (wide({" ": ["niet"] * 14}), 2, "locatie", "empty location"),
    "data without header": (
        wide(valid_rows()).rstrip("\n") + ",extra\n",
        4,
        None,
        "field 16 has data but no column header",
    ),
    "long file missing combinations": (
        long_text(["A", "B"], skip=("B", "M14")),
        None,
        None,
        "'B' has no row for M14",
    ),
    "long unknown milestone": (
        long_text(["A"]).replace("A;M03;", "A;Mijlpaal 15;"),
        4,
        "mijlpaal",
        "unknown milestone 'Mijlpaal 15'",
    ),
    "long duplicate answer": (
        long_text(["A"]).replace("A;M03;", "A;3;").replace("A;M04;", "A;m3;"),
        5,
        "mijlpaal",
        "second answer for 'A' M03 (first on row 4)",
    ),
    "two location columns": (
        wide({"A": ["niet"] * 15}, header=["locatie", "naam", *CODES]),
        1,
        "naam",
        "two location columns: 'locatie' and 'naam'",
    ),
    "long location written differently": (
        long_text(["WP-001"]).replace("WP-001;M02;", "wp-001;M02;"),
        3,
        "locatie",
        "location 'wp-001' is written differently on row 2: 'WP-001'",
    ),
    "long missing answer column": ("locatie;mijlpaal\nA;M01\n", 1, None, "missing answer column"),
}


@pytest.mark.parametrize(
    ("text", "row", "column", "message"), ERROR_CASES.values(), ids=ERROR_CASES.keys()
)
def test_errors_name_file_row_and_column(raw, codebook, text, row, column, message):
    path = write(raw, "bad.csv", text)
    with pytest.raises(InputError) as exc:
        read_export(path, codebook)
    assert message in str(exc.value)
    assert_error(exc, "bad.csv", row, column)


def test_first_error_in_file_order_is_reported(raw, codebook):
    rows = replace_cell(valid_rows(), "WP-003", 0, "paars")
    rows = replace_cell(rows, "WP-002", 13, "oranjeachtig")
    with pytest.raises(InputError, match="oranjeachtig") as exc:
        read_export(write(raw, "bad.csv", wide(rows)), codebook)
    assert_error(exc, "bad.csv", 3, "M14")


@pytest.mark.parametrize(
    "content", [b"", b"\n\n", b"\xef\xbb\xbf"], ids=["0 bytes", "blank", "BOM"]
)
def test_empty_file(raw, codebook, content):
    (raw / "empty.csv").write_bytes(content)
    with pytest.raises(InputError, match="file is empty") as exc:
        read_export(raw / "empty.csv", codebook)
    assert_error(exc, "empty.csv", None, None)


def test_undecodable_bytes(raw, codebook):
    data = wide(valid_rows()).encode("cp1252").replace(b"WP-003", b"WP-\x81003")
    (raw / "bad.csv").write_bytes(data)
    with pytest.raises(InputError, match="undecodable byte 0x81") as exc:
        read_export(raw / "bad.csv", codebook)
    assert_error(exc, "bad.csv", 4, None)


def test_mixed_utf8_and_cp1252_is_refused(raw, codebook):
    text = wide({"Súdwest-Wâldein": ["niet"] * 14, "Gülpen": ["niet"] * 14})
    data = text.encode("utf-8") + ("Wâldein," + ",".join(["niet"] * 14) + "\n").encode("cp1252")
    (raw / "bad.csv").write_bytes(data)
    with pytest.raises(InputError, match="mixed encodings: row 2 is UTF-8 but row 4") as exc:
        read_export(raw / "bad.csv", codebook)
    assert_error(exc, "bad.csv", 4, None)


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"<html></html>"])
def test_unreadable_xlsx(raw, codebook, content):
    (raw / "export.xlsx").write_bytes(content)
    with pytest.raises(InputError, match="unreadable .xlsx workbook") as exc:
        read_export(raw / "export.xlsx", codebook)
    assert_error(exc, "export.xlsx", None, None)


def test_xlsx_saved_as_csv_is_refused(raw, codebook):
    make_xlsx(raw / "x.xlsx", [["locatie", *CODES]])
    (raw / "x.xlsx").rename(raw / "export.csv")
    with pytest.raises(InputError, match="binary data, not a text CSV .an Excel workbook"):
        read_export(raw / "export.csv", codebook)


def test_schema_errors_are_translated_to_file_row_and_column(codebook):
    frame = pd.DataFrame(
        {
            "location": pd.Series(["A", "A"], dtype="str"),
            "milestone": pd.Series(["M01", "M99"], dtype="str"),
            "category": pd.array([1, 7], dtype="Int64"),
        }
    )
    answers = [
        Answer("A", "M01", 1, "label", 2, "locatie", "M01", "M01"),
        Answer("A", "M99", 7, "label", 3, "locatie", "Mijlpaal 99", "Mijlpaal 99"),
    ]
    with pytest.raises(InputError, match="M99") as exc:
        _validate(Path("export.csv"), frame, answers, landkaart_schema(codebook))
    assert_error(exc, "export.csv", 3, "Mijlpaal 99")


# --- finding the export ---------------------------------------------------------------------


def test_find_export_ignores_sidecar_readme_and_lock_files(paths, raw):
    write(raw, "landkaart.csv", HEADER)
    for name in ("landkaart.json", "README.md", "~$landkaart.xlsx", ".DS_Store"):
        write(raw, name, "x")
    assert find_export(PERIOD, paths) == raw / "landkaart.csv"


def test_find_export_errors(paths, raw):
    with pytest.raises(InputError, match="folder for period 2010-T1 not found"):
        find_export("2010-T1", paths)
    write(raw, "README.md", "x")
    write(raw, "landkaart.xls", "x")
    with pytest.raises(InputError, match=r"no export .* found only landkaart.xls"):
        find_export(PERIOD, paths)
    write(raw, "a.csv", HEADER)
    write(raw, "b.XLSX", "x")
    with pytest.raises(InputError, match="2 exports found, expected one: a.csv, b.XLSX"):
        find_export(PERIOD, paths)


# --- ingest_period --------------------------------------------------------------------------


def test_ingest_writes_processed_csv_and_metadata(paths, raw, codebook):
    fixture("wide-labels.csv", raw)
    sidecar = {"synthetic": True, "generator": "hand", "seed": 3}
    (raw / "wide-labels.json").write_text(json.dumps(sidecar))
    lines = []

    out = ingest_period(PERIOD, paths, codebook, log=lines.append)

    assert out == paths.landkaart_processed(PERIOD)
    data = out.read_bytes()
    assert b"\r" not in data
    text = data.decode("utf-8")
    assert text.startswith("location,milestone,category\nSúdwest-Wâldein,M01,0\n")
    assert "WP-001,M13,\nWP-001,M14,1\n" in text
    assert text.endswith("WP-002,M14,\n")
    assert len(text.splitlines()) == 1 + 3 * 14

    meta = json.loads((out.parent / "metadata.json").read_text(encoding="utf-8"))
    assert meta["source"] == "data/raw/landkaart/2009-T3/wide-labels.csv"
    assert len(meta["sha256"]) == 64
    assert meta["locations"] == 3
    assert meta["blank_answers"] == 2
    assert meta["synthetic"] is True
    assert meta["source_metadata"] == sidecar
    assert meta["dialect"]["layout"] == "wide"
    assert lines == [
        "wide-labels.csv: csv, utf-8, delimiter ',', wide layout, answers as label; "
        "3 locations, 2 blank answers"
    ]


def test_ingest_is_deterministic_and_synthetic_defaults_to_false(paths, raw, codebook):
    fixture("long-colours.csv", raw)
    out = ingest_period(PERIOD, paths, codebook)
    first = out.read_bytes(), (out.parent / "metadata.json").read_bytes()
    out = ingest_period(PERIOD, paths, codebook)
    assert (out.read_bytes(), (out.parent / "metadata.json").read_bytes()) == first
    meta = json.loads(first[1])
    assert (meta["synthetic"], meta["source_metadata"]) == (False, None)
    assert first[1].decode().index('"blank_answers"') < first[1].decode().index('"dialect"')
    assert sorted(p.name for p in out.parent.iterdir()) == ["landkaart.csv", "metadata.json"]


def test_failing_ingest_writes_nothing(paths, raw, codebook):
    write(raw, "bad.csv", wide(replace_cell(valid_rows(), "WP-002", 3, "paars")))
    with pytest.raises(InputError):
        ingest_period(PERIOD, paths, codebook)
    assert not paths.processed.exists()


def test_failing_ingest_leaves_previous_output_unchanged(paths, raw, codebook):
    path = write(raw, "export.csv", wide(valid_rows()))
    out = ingest_period(PERIOD, paths, codebook)
    before = {p.name: p.read_bytes() for p in out.parent.iterdir()}

    path.write_text(wide(valid_rows()) + "WP-004,niet\n")
    with pytest.raises(InputError, match="truncated"):
        ingest_period(PERIOD, paths, codebook)
    assert {p.name: p.read_bytes() for p in out.parent.iterdir()} == before


@pytest.mark.parametrize(
    ("content", "message", "row"),
    [
        ('{"synthetic": true,\n "seed": }', "invalid JSON", 2),
        ("[1, 2]", "must be a JSON object", None),
        ('{"synthetic": "yes"}', "'synthetic' must be true or false", None),
    ],
)
def test_bad_sidecar_fails_and_writes_nothing(paths, raw, codebook, content, message, row):
    write(raw, "export.csv", wide(valid_rows()))
    write(raw, "export.json", content)
    with pytest.raises(InputError, match=message) as exc:
        ingest_period(PERIOD, paths, codebook)
    assert_error(exc, "export.json", row, None)
    assert not paths.processed.exists()


# --- sloppy inputs (issue 9) ----------------------------------------------------------------


def test_a_hidden_first_sheet_is_skipped(raw, codebook):
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Oud"
    old.append(["locatie", *CODES])
    old.append(["WP-001", *["niet"] * 14])
    old.sheet_state = "hidden"
    export = book.create_sheet("Landkaart")
    export.append(["locatie", *CODES])
    export.append(["WP-001", *["volledig"] * 14])
    book.save(raw / "export.xlsx")
    answers = read_export(raw / "export.xlsx", codebook)
    assert answers.attrs["dialect"]["sheet"] == "Landkaart"
    assert categories(answers, "WP-001") == [3] * 14


def test_a_zero_width_space_does_not_hide_a_duplicate(raw, codebook):
    text = wide({"Nieuw-Elst": ["niet"] * 14, "Nieuw\u200b-Elst": ["volledig"] * 14})
    path = write(raw, "export.csv", text)
    with pytest.raises(InputError, match="duplicate location 'Nieuw-Elst' .also on row 2.") as err:
        read_export(path, codebook)
    assert err.value.row == 3 and err.value.column == "locatie"


def test_invisible_characters_are_dropped_from_names(raw, codebook):
    path = write(raw, "export.csv", wide({"\ufeffWP-\u200d001\u2060": ["niet"] * 14}))
    assert read_export(path, codebook)["location"].unique().tolist() == ["WP-001"]


def test_a_file_name_naming_another_period_is_refused(raw, paths, codebook):
    write(raw, "landkaart-2009-T2.csv", wide({"WP-001": ["niet"] * 14}))
    with pytest.raises(InputError, match="names 2009-T2, but the file lies in the folder of"):
        ingest_period(PERIOD, paths, codebook)
    assert not paths.processed.exists()


def test_a_sidecar_naming_another_period_is_refused(raw, paths, codebook):
    write(raw, "landkaart-2009-T3.csv", wide({"WP-001": ["niet"] * 14}))
    write(raw, "landkaart-2009-T3.json", json.dumps({"period": "2009-T2", "synthetic": True}))
    with pytest.raises(InputError, match="the sidecar says period '2009-T2'") as err:
        ingest_period(PERIOD, paths, codebook)
    assert err.value.file.name == "landkaart-2009-T3.json"
