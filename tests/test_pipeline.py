"""End to end: `analysis run` on a copy of the project, read back from the PDF and HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PERIOD, SMALL_BOOK, copy_project, run_cli, tree_digest
from pypdf import PdfReader

from analysis.chapters import chapter_name
from analysis.core.config import Paths

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pdf_text(rendered) -> str:
    reader = PdfReader(Paths(rendered).report_dir(PERIOD) / "rapport.pdf")
    return flat(" ".join(page.extract_text() for page in reader.pages))


def flat(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) collapsed to single spaces."""
    return " ".join(text.split())


def test_outputs_and_executed_notebooks(rendered):
    out = Paths(rendered).report_dir(PERIOD)
    assert (out / "rapport.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "notebooks" / "01-landkaart.ipynb").exists()
    assert Paths(rendered).landkaart_processed(PERIOD).exists()


def test_tidy_tables_are_written_with_the_report(rendered):
    """Every chapter's tidy tables, as in the stored reference copies (tests/test_tables.py);
    only the report's chapters write them (2009-T3 has all, the gap chapter from the 2008-T1
    inspection)."""
    out = Paths(rendered).report_dir(PERIOD)
    in_report = {chapter_name(p) for p in (out / "notebooks").glob("*.ipynb")}
    assert {"interpretatieverschillen", "trend"} <= in_report
    reference = Path(__file__).parent / "reference" / PERIOD
    expected = {
        p.name: p.read_bytes()
        for p in sorted(reference.glob("*.csv"))
        if p.name.split("-")[0] in in_report
    }
    written = {p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))}
    assert {"landkaart-phases.csv", "trend-means.csv"} <= set(written)
    assert written == expected


def test_pdf_has_title_page_toc_and_figures(rendered, pdf_text):
    reader = PdfReader(Paths(rendered).report_dir(PERIOD) / "rapport.pdf")
    first = flat(reader.pages[0].extract_text())
    assert "Integrale dienstverlening op de Werkpleinen" in first
    assert "2009-T3" in first
    assert "Inhoudsopgave" in flat(reader.pages[1].extract_text())
    assert "Figuur 1.1" in pdf_text and "Figuur 1.2" in pdf_text
    assert "synthetisch" in pdf_text.lower()
    assert "import " not in pdf_text  # code is hidden


def _tabel_2_rows():
    from analysis.study import published

    t2 = published.load_table("ako-2009-T3-tabel-2")
    rows = {}
    for _, g in t2.groupby("row"):
        values = g.set_index(["statistic", "category"])["value"]
        rows[int(g["row"].iloc[0])] = [int(values[("mean_pct", "")])] + [
            int(values[("count", c)])
            for c in ["niet", "in ontwikkeling", "gedeeltelijk", "volledig"]
        ]
    return rows


def test_pdf_tabel_2_equals_published(pdf_text):
    """Every row of Tabel 2 shows 'computed / published' for the mean and the four counts."""
    text = pdf_text
    start = text.index("Scoreverdeling per mijlpaal (voor 2009-T3: berekend / gepubliceerd")
    table = text[start:]
    for row, values in _tabel_2_rows().items():
        cells = " ".join(f"{v} / {v}" for v in values)
        assert cells in table, f"Tabel 2 row {row}: {cells!r} not in the PDF"
    verdicts = "Van de 134 gepubliceerde waarden zijn er 59 gereproduceerd, 60 per constructie"
    assert verdicts in text


def test_html_is_self_contained_with_tables(rendered):
    html = flat((Paths(rendered).report_dir(PERIOD) / "rapport.html").read_text("utf-8"))
    assert "data:image/png;base64," in html
    assert '<img src="http' not in html and "<script src=" not in html
    assert "Tabel 1.5" in html and "Figuur 1.1" in html
    for values in _tabel_2_rows().values():
        assert f"{values[4]} / {values[4]}" in html


def test_malformed_export_changes_nothing(rendered, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(rendered, root)
    export = Paths(root).landkaart_raw(PERIOD) / "landkaart-2009-T3-synthetisch.csv"
    lines = export.read_text("utf-8").splitlines()
    lines[7] = lines[7].replace("volledig", "bijna klaar", 1)  # row 8 of the file
    export.write_text("\n".join(lines) + "\n", "utf-8")
    outputs = [Paths(root).processed, Paths(root).reports]
    before = [tree_digest(d) for d in outputs]
    result = run_cli(root, "run", "--period", PERIOD)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1
    assert "landkaart-2009-T3-synthetisch.csv" in errors[0] and "row 8" in errors[0]
    assert "column 'M" in errors[0] and "bijna klaar" in errors[0]
    assert [tree_digest(d) for d in outputs] == before


def test_unknown_period_is_a_clear_error(tmp_path):
    result = run_cli(copy_project(tmp_path), "run", "--period", "2009-T4")
    assert result.returncode == 2
    assert "invalid period '2009-T4'" in result.stderr


NEW_PERIOD = "2010-T1"
# invented names with diacritics: no real place next to invented scores
NAMES = ["Súdwest-Wâldein", "Nieuw-Élst", "Oost-Ærdam", "Groß-Veen", "Sint-Ëlle", "Noord-Çastrum"]
COLOURS = ["rood", "Oranje", "BLAUW", "groen", "Groen", "ROOD", "blauw", "ORANJE"]


def write_cp1252_export(folder: Path) -> None:
    """A `;`-separated cp1252 export with mixed-case colours and one blank answer."""
    folder.mkdir(parents=True)
    header = "Werkplein;" + ";".join(f"Mijlpaal {i}" for i in range(1, 15))
    rows = [header]
    for i, name in enumerate(NAMES):
        answers = [COLOURS[(i * 3 + j) % len(COLOURS)] for j in range(14)]
        if i == 4:
            answers[3] = ""
        rows.append(";".join([name, *answers]))
    (folder / "export landkaart april.csv").write_bytes(
        "\r\n".join(rows).encode("cp1252") + b"\r\n"
    )


def test_new_period_from_a_cp1252_export(tmp_path):
    """Issue 4 acceptance: a period folder holding only such an export renders a report (the
    Landkaart chapter: the whole book runs once per session, in `rendered`)."""
    root = copy_project(tmp_path, book=SMALL_BOOK)
    shutil.rmtree(Paths(root).landkaart_root)
    write_cp1252_export(Paths(root).landkaart_raw(NEW_PERIOD))
    result = run_cli(root, "run", "--period", NEW_PERIOD)
    assert result.returncode == 0, result.stderr
    assert "csv, cp1252, delimiter ';', wide layout, answers as colour" in result.stderr
    out = Paths(root).report_dir(NEW_PERIOD)
    reader = PdfReader(out / "rapport.pdf")
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Periode 2010-T1 (1e tertaal 2010)" in text
    assert "1 antwoord is leeg" in text  # the blank answer is reported, not hidden
    assert "Voor 2010-T1 zijn geen AKO-cijfers gepubliceerd" in text
    processed = Paths(root).landkaart_processed(NEW_PERIOD)
    assert "Súdwest-Wâldein" in processed.read_text("utf-8")
    assert (out / "rapport.html").exists()


def test_bad_labour_market_value_is_an_input_error(tmp_path):
    """A bad cell in a labour-market series stops the run before rendering: exit 2, one line
    with file, row and column, and no report (a book of that chapter: what counts is its input)."""
    root = copy_project(tmp_path, book=("index.md", "notebooks/04-arbeidsmarkt.ipynb"))
    series = Paths(root).arbeidsmarkt / "standcijfers.csv"
    lines = series.read_text("utf-8").splitlines()
    cells = lines[4].split(",")
    cells[2] = "abc"  # the value column of row 5
    lines[4] = ",".join(cells)
    series.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_cli(root, "run", "--period", PERIOD)
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {series}, row 5, column 'value': 'abc' is not a number")
    assert "executing" not in result.stderr
    assert not Paths(root).report_dir(PERIOD).exists()
    assert not any(Paths(root).processed.rglob("*.csv"))  # nothing processed was written either
