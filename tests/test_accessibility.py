"""Archival, accessible PDFs (PDF/A-2a + PDF/UA-1), required alt text, and the HTML's tidy-table
downloads and navigation, on small books rendered without a kernel (pandoc and Typst only).

The browser side (axe-core, overflow, search) is tests/test_browser.py (`make test-browser`).
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import urllib.parse
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pandas as pd
import pytest
from pypdf import PdfReader

from analysis.core import display
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.core.provenance import code_version
from analysis.factsheets import compute as factsheet_compute
from analysis.factsheets.write import Typesetter, sheet_pdf
from analysis.render import RenderError, load_book_config
from analysis.render.pandoc import compile_pdf, render_pandoc

NAMESPACES = {
    "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
    "http://www.aiim.org/pdfua/ns/id/": "pdfuaid",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/xap/1.0/": "xmp",
}
TIDY = b"phase,share\n1,0.125\n2,1\n"  # tables/demo-shares.csv, as the epilogue writes it
CONFIG = """book:
  title: "Toegankelijk testrapport"
  chapters: [index.md, 01-demo.ipynb]
lang: nl
format:
  typst:
{standard}    toc: false
  html:
    toc: true
"""


def xmp(pdf: Path | bytes) -> dict[str, str]:
    """The PDF's XMP metadata as {'pdfaid:part': '2', 'dc:title': ..., ...} ({} without)."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    stream = reader.trailer["/Root"].get("/Metadata")
    if stream is None:
        return {}
    values = {}
    for element in ElementTree.fromstring(stream.get_object().get_data()).iter():
        namespace, _, name = element.tag[1:].partition("}")
        if namespace in NAMESPACES and name != "schemas":
            text = " ".join(t.strip() for t in element.itertext() if t.strip())
            values[f"{NAMESPACES[namespace]}:{name}"] = text
    return values


def structure(pdf: Path | bytes) -> tuple[Counter, list[str]]:
    """The tags of the PDF's structure tree (counted) and the alt texts of its figures."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    tags, alts = Counter(), []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get"):
            if node.get("/S") is not None:
                tags[str(node["/S"])] += 1
                if node["/S"] == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
            if node.get("/K") is not None:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return tags, alts


def _figure():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [1, 2])
    return fig


def _executed_notebook(path: Path, outputs: list) -> None:
    """A chapter notebook with one `output: asis` cell per display output, as executed."""
    nb = nbformat.v4.new_notebook()
    heading = "# Resultaten {#sec-resultaten}\n\nZie @fig-verdeling en @tbl-fasen."
    nb.cells = [nbformat.v4.new_markdown_cell(heading)]
    for shown in outputs:
        cell = nbformat.v4.new_code_cell("#| output: asis\ndisplay(...)")
        data = {"text/markdown": shown.data}
        cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
        nb.cells.append(cell)
    nbformat.write(nb, path)


def make_book(
    tmp: Path,
    *,
    alt: str | None = "Staafdiagram van het aandeel per fase",
    standard: bool = True,
    data: str | None = None,
) -> Path:
    """A book of a Markdown introduction and a notebook chapter (as papermill leaves it) with a
    figure and a table, both naming the tidy table `data`; its tables/ as the epilogue wrote."""
    tmp.mkdir(parents=True, exist_ok=True)
    standards = "    pdf-standard: [a-2a, ua-1]\n" if standard else ""
    (tmp / "_quarto.yml").write_text(CONFIG.format(standard=standards), encoding="utf-8")
    (tmp / "index.md").write_text("# Inleiding {.unnumbered}\n\nEen testboek.\n", "utf-8")
    frame = pd.DataFrame({"Fase": ["1", "2"], "Aandeel": ["12,5 %", "100 %"]})
    table = display.table(frame, label="tbl-fasen", caption="Aandeel per fase", data=data)
    figure = display.figure(
        _figure(), label="fig-verdeling", caption="Verdeling per fase", alt=alt, data=data
    )
    _executed_notebook(tmp / "01-demo.ipynb", [table, figure])
    (tmp / "out" / "tables").mkdir(parents=True, exist_ok=True)
    (tmp / "out" / "tables" / "demo-shares.csv").write_bytes(TIDY)
    return tmp / "_quarto.yml"


def render(config: Path) -> Path:
    """Render the book with pandoc and Typst (no kernel) into the folder out/ beside it."""
    book = load_book_config(config)
    out, build = config.parent / "out", config.parent / "build"
    build.mkdir(exist_ok=True)
    render_pandoc(book, [book.root / c for c in book.chapters], out, build, None, print)
    return out


def _links(html: str) -> list[tuple[str, str, str]]:
    """(href, file name, text) of every download link."""
    found = re.findall(
        r'<a\s+href="(data:text/csv[^"]*)"\s+download="([^"]+)">(.*?)</a>', html, re.S
    )
    return [(href, name, " ".join(text.split())) for href, name, text in found]


# --- the PDF ----------------------------------------------------------------------------------


def test_the_report_configuration_asks_for_pdfa_2a_and_pdfua_1():
    assert load_book_config(Paths().quarto_config).pdf.pdf_standards == ("a-2a", "ua-1")


def test_pdf_claims_pdfa_2a_and_pdfua_1_with_title_language_and_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1262304000")  # 2010-01-01: the build time
    claims = xmp(render(make_book(tmp_path)) / "rapport.pdf")
    assert claims["pdfaid:part"] == "2" and claims["pdfaid:conformance"] == "A"
    assert claims["pdfuaid:part"] == "1"
    assert claims["dc:title"] == "Toegankelijk testrapport"
    assert claims["dc:language"] == "nl"
    assert claims["xmp:CreateDate"] == "2010-01-01T00:00:00+00:00"


def test_pdf_tags_headings_table_header_cells_and_figure_alt_text(tmp_path):
    tags, alts = structure(render(make_book(tmp_path)) / "rapport.pdf")
    assert tags["/H1"] == 2 and tags["/Table"] == 1 and tags["/TH"] == 2 and tags["/TD"] == 4
    assert alts == ["Staafdiagram van het aandeel per fase"]


def test_without_pdf_standard_the_pdf_claims_no_conformance(tmp_path):
    """The XMP test above can fail: the same book without `pdf-standard` claims nothing."""
    claims = xmp(render(make_book(tmp_path, standard=False)) / "rapport.pdf")
    assert "pdfaid:part" not in claims and "pdfuaid:part" not in claims
    assert claims["dc:title"] == "Toegankelijk testrapport"


def test_a_figure_without_alt_text_stops_the_build_naming_it(tmp_path):
    with pytest.raises(RenderError) as err:
        render(make_book(tmp_path, alt=None))  # display.figure(..., alt=...) left out
    message = str(err.value)
    assert "figure fig-verdeling 'Verdeling per fase'" in message
    assert "chapter 'Resultaten'" in message and "no alt text" in message
    assert "stack traceback" not in message and "quarto.lua" not in message
    assert not (tmp_path / "out" / "rapport.pdf").exists()


def test_typst_itself_refuses_an_image_without_alt_text_and_names_it(tmp_path):
    (tmp_path / "kaart.png").write_bytes(display.figure(_figure()).data)
    source = tmp_path / "rapport.typ"
    source.write_text(
        '#set document(title: [Test], date: auto)\n#set text(lang: "nl")\n= Kop\n'
        '#figure(image("kaart.png"), caption: [Kaart]) <fig-kaart>\n',
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match=r"missing alt text.*<fig-kaart>"):
        compile_pdf(source, tmp_path / "rapport.pdf", ("a-2a", "ua-1"))
    compile_pdf(source, tmp_path / "rapport.pdf")  # without the standards Typst accepts it


def test_factsheet_claims_pdfa_2a_and_pdfua_1_with_alt_text_for_each_drawing():
    paths = Paths()
    data = factsheet_compute.load(Period(2009, 3), "ako-2009", paths)
    pdf = sheet_pdf(data, "WP-001", code_version(paths.root), Typesetter())
    claims = xmp(pdf)
    assert (claims["pdfaid:part"], claims["pdfaid:conformance"]) == ("2", "A")
    assert claims["pdfuaid:part"] == "1" and claims["dc:language"] == "nl"
    assert claims["dc:title"].startswith("Factsheet WP-001")
    tags, alts = structure(pdf)
    assert tags["/H1"] == 1 and tags["/H2"] >= 4 and tags["/TH"] >= 4
    assert len(alts) == 4 and all("WP-001" in alt for alt in alts)
    assert any("het landelijk gemiddelde is" in alt for alt in alts)


# --- the HTML: tidy tables to download, navigation ---------------------------------------------


def test_display_marks_the_tidy_table_invisibly():
    shown = display.table(pd.DataFrame({"A": ["1"]}), data="rule-fit")
    assert shown.data.endswith("\n<!-- tidy-data: rule-fit -->\n")
    with pytest.raises(ValueError, match="kebab-case"):
        display.table(pd.DataFrame({"A": ["1"]}), data="Rule fit")


def test_html_tables_and_figures_download_their_tidy_csv_byte_for_byte(tmp_path):
    out = render(make_book(tmp_path, data="shares"))
    links = _links((out / "rapport.html").read_text(encoding="utf-8"))
    assert [(name, text) for _, name, text in links] == [
        ("demo-shares.csv", "Gegevens bij tabel 1.1 (CSV)"),
        ("demo-shares.csv", "Gegevens bij figuur 1.1 (CSV)"),
    ]
    for href, _, _ in links:
        assert href.startswith("data:text/csv;charset=utf-8;base64,")
        assert base64.b64decode(href.split(",", 1)[1]) == TIDY
    pdf = " ".join(page.extract_text() for page in PdfReader(out / "rapport.pdf").pages)
    assert "tidy-data" not in pdf and "CSV" not in pdf


def test_a_table_without_tidy_data_downloads_as_shown(tmp_path):
    out = render(make_book(tmp_path))
    [(href, name, text)] = _links((out / "rapport.html").read_text(encoding="utf-8"))
    assert (name, text) == ("tabel-1.1.csv", "Tabel 1.1 als CSV")
    assert urllib.parse.unquote(href.split(",", 1)[1]) == 'Fase,Aandeel\n1,"12,5 %"\n2,100 %\n'


def test_without_the_tidy_tables_folder_tables_download_as_shown_with_a_warning(tmp_path):
    config = make_book(tmp_path, data="shares")
    shutil.rmtree(tmp_path / "out" / "tables")  # rendered without the chapters' tables
    book = load_book_config(config)
    (tmp_path / "build").mkdir()
    warnings = render_pandoc(
        book, [book.root / c for c in book.chapters], tmp_path / "out", tmp_path / "build",
        None, print,
    )  # fmt: skip
    assert warnings == ["01-demo.ipynb: no tidy tables to embed; its tables download as shown"]
    links = _links((tmp_path / "out" / "rapport.html").read_text(encoding="utf-8"))
    assert [name for _, name, _ in links] == ["tabel-1.1.csv"]


def test_an_unknown_tidy_table_is_an_error_naming_the_notebook(tmp_path):
    with pytest.raises(RenderError, match=r"01-demo.ipynb: data='aandelen'.*demo-aandelen.csv"):
        render(make_book(tmp_path, data="aandelen"))


def test_html_navigates_like_a_book_in_one_file(tmp_path):
    html = (render(make_book(tmp_path)) / "rapport.html").read_text(encoding="utf-8")
    text = " ".join(html.split())
    assert '<a class="skip-link" href="#main">Naar de tekst</a>' in text
    assert '<nav id="sidebar" aria-label="Inhoudsopgave">' in text
    assert '<form id="search" role="search"' in text
    assert '<label for="search-input">Zoeken in het rapport</label>' in text
    found = re.findall(r'<div class="chapter-nav".*?</div>', html, re.S)
    navs = [" ".join(nav.split()) for nav in found]
    assert len(navs) == 2  # at the end of each chapter
    assert 'href="#sec-resultaten" class="chapter-next"' in navs[0]
    assert 'href="#inleiding" class="chapter-prev"' in navs[1]
    assert '<div class="table-wrap">' in html and "@media print" in html
    assert html.count("<script>") == 1 and "<script src" not in html and "<link" not in html


def test_two_renders_are_byte_identical(tmp_path):
    first = render(make_book(tmp_path / "a", data="shares"))
    second = render(make_book(tmp_path / "b", data="shares"))
    for name in ("rapport.pdf", "rapport.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
