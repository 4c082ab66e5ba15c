"""The report renderer (pandoc + Typst engine) and the notebook display helpers."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from pypdf import PdfReader

from analysis.core import display
from analysis.core.errors import InputError
from analysis.render import RenderError, load_book_config, render_report

FIXTURES = Path(__file__).parent / "fixtures" / "render"
PARAMETERS = {"period": "2009-T3", "not_declared": "x"}
SUBTITLE = "Periode 2009-T3 (3e tertaal 2009)"


def _text(value: str) -> str:
    """Whitespace (including no-break spaces) collapsed to single spaces."""
    return re.sub(r"\s+", " ", value.replace("\xa0", " "))


@pytest.fixture(scope="module")
def book_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("book") / "project"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture(scope="module")
def renders(book_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The fixture book rendered twice into two folders."""
    book = load_book_config(book_dir / "_quarto.yml")
    out = tmp_path_factory.mktemp("out")
    steps: list[str] = []
    first = render_report(
        book, out / "a", PARAMETERS, subtitle=SUBTITLE, progress=steps.append, engine="pandoc"
    )
    second = render_report(book, out / "b", PARAMETERS, subtitle=SUBTITLE, engine="pandoc")
    return first, second, steps


@pytest.fixture(scope="module")
def pdf_text(renders) -> str:
    return _text(" ".join(page.extract_text() for page in PdfReader(renders[0].pdf).pages))


@pytest.fixture(scope="module")
def html(renders) -> str:
    return renders[0].html.read_text(encoding="utf-8")


def test_load_book_config(book_dir: Path) -> None:
    book = load_book_config(book_dir / "_quarto.yml")
    assert book.title == "Testrapport Werkpleinen"
    assert book.authors == ("Analyseteam",)
    assert book.chapters == ("index.md", "chapter.ipynb")
    assert (book.lang, book.echo, book.warning, book.papersize) == ("nl", False, False, "a4")
    assert book.pdf.toc and book.html.number_sections
    assert book.root == book_dir.resolve()


def test_load_book_config_without_chapters(tmp_path: Path) -> None:
    config = tmp_path / "_quarto.yml"
    config.write_text("book:\n  title: Rapport\n", encoding="utf-8")
    with pytest.raises(InputError, match="book.chapters"):
        load_book_config(config)


def test_result_and_progress(renders) -> None:
    result, _, steps = renders
    assert result.engine == "pandoc+typst"
    assert result.pdf.name == "rapport.pdf" and result.pdf.is_file()
    assert result.html.name == "rapport.html" and result.html.is_file()
    assert [p.name for p in result.notebooks] == ["chapter.ipynb"]
    assert result.warnings == []
    assert steps == ["executing chapter.ipynb", "reading chapters", "writing PDF and HTML"]


def test_two_renders_are_byte_identical(renders) -> None:
    first, second, _ = renders
    assert first.pdf.read_bytes() == second.pdf.read_bytes()
    assert first.html.read_bytes() == second.html.read_bytes()
    assert first.notebooks[0].read_bytes() == second.notebooks[0].read_bytes()


def test_executed_notebook_is_kept_without_run_metadata(renders) -> None:
    raw = renders[0].notebooks[0].read_text(encoding="utf-8")
    for volatile in ("start_time", "end_time", "duration", "iopub", "/tmp"):
        assert volatile not in raw
    nb = nbformat.reads(raw, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert 'period = "2009-T3"' in injected[0].source
    assert "not_declared" not in injected[0].source  # only declared parameters are passed
    streams = {o.get("name") for c in nb.cells for o in c.get("outputs", [])}
    assert "stdout" in streams
    assert "stderr" not in streams  # execute.warning: false, so warnings.warn is silent
    unevaluated = [c for c in nb.cells if "niet_uitgevoerd_marker" in c.source]
    assert len(unevaluated) == 1  # `#| eval: false`: not executed, and no tag left behind
    assert unevaluated[0].outputs == [] and unevaluated[0].execution_count is None
    assert "tags" not in unevaluated[0].metadata


@pytest.mark.parametrize(
    "expected",
    [
        "Testrapport Werkpleinen",
        SUBTITLE,
        "Analyseteam",
        "Inhoudsopgave",
        "Inleiding",
        "1 Testhoofdstuk",
        "1.1 Resultaten",
        "Tabel 1.1: Aandeel per Werkplein",
        "Figuur 1.1: Aandeel per Werkplein in periode",
        "De aandelen staan in Tabel 1.1 en in Figuur 1.1; berekende bijschriften in Tabel 1.2 "
        "en Figuur 1.2.",
        "Tabel 1.2: Berekend bijschrift (synthetische gegevens)",
        "Figuur 1.2: Berekende figuur (synthetische gegevens)",
        "De resultaten staan in Paragraaf 1.1 van Hoofdstuk 1.",
        "WP-001 12,5%",
        "WP-002 100,0%",
        "Waarschuwing De cijfers over WP-002 zijn voorlopig.",  # Quarto's Dutch callout title
        "Bron Gegevens uit de SUWI-Landkaart.",
        "zichtbare_som = 1 + 1",  # the cell with `#| echo: true`
        "stdout-tekst uit de cel",  # standard output, shown as Quarto does (tables float)
        "Alleen het nummer: 1.1; met eigen voorvoegsel: zie tabel 1.1; met hoofdletter: "
        "Figuur 1.2.",  # [-@fig-x], [prefix @tbl-x], @Fig-x
        "Figuur zonder label Tabel 1.2",  # a caption without label: no number
        'raise RuntimeError("niet_uitgevoerd_marker")',  # eval: false, echo: true
        "Tekst als Markdown uit print.",  # stdout of an `output: asis` cell is Markdown
    ],
)
def test_pdf_contains(pdf_text: str, expected: str) -> None:
    assert expected in pdf_text


@pytest.mark.parametrize(
    "hidden",
    [
        "verborgen_code_marker",  # code of cells with the default echo: false
        "import pandas",
        "#|",
        "waarschuwing",  # standard error, with execute.warning: false
        "Figuur 1.3",  # the unlabelled figure is not numbered
        "*als Markdown*",
        "@fig-",
        "Ondertitel uit de configuratie",  # replaced by the subtitle argument
    ],
)
def test_pdf_hides(pdf_text: str, hidden: str) -> None:
    assert hidden not in pdf_text


def test_pdf_is_a4(renders) -> None:
    box = PdfReader(renders[0].pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_html_contents(html: str) -> None:
    text = _text(html)
    for expected in [
        '<h1 class="title">Testrapport Werkpleinen</h1>',
        SUBTITLE,
        "Inhoudsopgave",
        "<caption>Tabel 1.1: Aandeel per Werkplein</caption>",
        '<figure id="fig-aandeel">',
        "<figcaption>Figuur 1.1: Aandeel per Werkplein in periode</figcaption>",
        'De aandelen staan in <a href="#tbl-werkpleinen">Tabel 1.1</a> en in '
        '<a href="#fig-aandeel">Figuur 1.1</a>;',
        '<a href="#sec-resultaten">Paragraaf 1.1</a> van <a href="#sec-test">Hoofdstuk 1</a>',
        '<td style="text-align: right;">12,5%</td>',
        '<div class="callout callout-warning">',
        '<div class="callout-title"> Waarschuwing </div>',
        "<pre><code>stdout-tekst uit de cel</code></pre>",
        "<figcaption>Figuur zonder label</figcaption>",
        'Alleen het nummer: <a href="#fig-aandeel">1.1</a>; met eigen voorvoegsel: '
        '<a href="#tbl-werkpleinen">zie tabel 1.1</a>; met hoofdletter: '
        '<a href="#fig-berekend">Figuur 1.2</a>.',
        "<p>Tekst <em>als Markdown</em> uit print.</p>",
        "De cijfers over WP-002 zijn voorlopig.",
        'src="data:image/png;base64,',
        "zichtbare_som",
        ".callout-warning {",  # the stylesheet is embedded
    ]:
        assert expected in text
    for hidden in ["verborgen_code_marker", "waarschuwing", "/tmp", "papermill", "Figuur 1.3"]:
        assert hidden not in html
    # self-contained: the stylesheet and the navigation script are inline, nothing is fetched
    assert "<link" not in html and "<script src" not in html and 'src="http' not in html
    assert html.count("<script>") == 1


def test_every_html_image_has_alt_text(html: str) -> None:
    images = re.findall(r"<img\b[^>]*>", html)
    alts = [re.search(r'\balt="([^"]*)"', tag) for tag in images]
    assert len(images) == 3 and all(a and a[1].strip() for a in alts)
    assert [a[1] for a in alts] == [
        "Staafdiagram van het aandeel per Werkplein", "Een stijgende lijn", "Een dalende lijn"
    ]  # fmt: skip
    assert "fig-alt" not in html
    text = _text(html)
    assert "<caption>Tabel 1.2: Berekend bijschrift (synthetische gegevens)</caption>" in text
    assert "<figcaption>Figuur 1.2: Berekende figuur (synthetische gegevens)</figcaption>" in text


def test_failing_notebook_names_it_and_keeps_out_dir(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "book")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Kapot"),
        nbformat.v4.new_code_cell('raise ValueError("kolom ontbreekt")'),
    ]
    nbformat.write(nb, tmp_path / "book" / "kapot.ipynb")
    book = load_book_config(tmp_path / "book" / "_quarto.yml")
    broken = dataclasses.replace(book, chapters=("index.md", "kapot.ipynb"))
    reports = tmp_path / "reports"
    out_dir = reports / "2009-T3"
    out_dir.mkdir(parents=True)
    (out_dir / "rapport.pdf").write_bytes(b"vorige versie")

    with pytest.raises(RenderError, match=r"kapot\.ipynb.*ValueError: kolom ontbreekt"):
        render_report(broken, out_dir, PARAMETERS, engine="pandoc")

    assert [p.name for p in out_dir.iterdir()] == ["rapport.pdf"]
    assert (out_dir / "rapport.pdf").read_bytes() == b"vorige versie"
    assert [p.name for p in reports.iterdir()] == ["2009-T3"]  # no temporary folders left


def test_display_table_is_a_pipe_table() -> None:
    df = pd.DataFrame(
        {
            "Werkplein": ["WP-001", "WP-002|Oost", None],
            "Aandeel": ["12,5%", "100,0%", "–"],
            "N": ["1.234", "-5", ""],
        }
    )
    expected = (
        "| Werkplein    | Aandeel |     N |\n"
        "|:-------------|--------:|------:|\n"
        "| WP-001       |   12,5% | 1.234 |\n"
        "| WP-002\\|Oost |  100,0% |    -5 |\n"
        "|              |       – |       |\n"
    )
    shown = display.table(df)
    assert shown._repr_markdown_() == expected
    assert repr(shown) == expected  # text/plain


def test_display_table_with_index() -> None:
    df = pd.DataFrame({"Aantal": ["3"]}, index=pd.Index(["Noord"], name="Regio"))
    assert display.table(df, index=True).data == (
        "| Regio | Aantal |\n|:------|-------:|\n| Noord |      3 |\n"
    )


def test_display_table_right_aligns_computed_published_pairs() -> None:
    df = pd.DataFrame({"Fase": ["1. Samenwerking"], "Niet": ["73 / 75"], "Band": ["0-32 %"]})
    rule = display.table(df).data.splitlines()[1]
    assert rule == "|:----------------|--------:|:-------|"


def test_display_figure_is_reproducible_png() -> None:
    def draw():
        fig, ax = plt.subplots(figsize=(2, 1))
        ax.plot([1, 2, 3])
        return fig

    open_before = plt.get_fignums()  # figures other tests of this process left open
    first, second = display.figure(draw()), display.figure(draw())
    assert first.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert first.data == second.data
    assert b"Software" not in first.data and b"Matplotlib" not in first.data
    assert plt.get_fignums() == open_before  # closed, so the inline backend does not show them


def test_unknown_engine_is_refused(book_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="engine"):
        render_report(load_book_config(book_dir / "_quarto.yml"), tmp_path, engine="latex")


def test_fixture_notebook_has_no_outputs() -> None:
    """The fixture is a source notebook: outputs come only from executing it."""
    nb = json.loads((FIXTURES / "chapter.ipynb").read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in nb["cells"])
