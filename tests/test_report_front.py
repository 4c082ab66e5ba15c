"""Issue 20's acceptance for the report's front and layout, on the session's rendered report:
a dated title page, a summary of at most two pages, the sources' contradictions, the gap
chapter on the 2008-T1 inspection, Appendix A's outcomes, the line-by-line audit as an
accessible annex, no developer words or file paths in the body, at most 45 pages."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import PERIOD
from pypdf import PdfReader
from test_accessibility import xmp

from analysis.core.config import Paths
from analysis.core.formatting import day_nl
from analysis.core.provenance import report_date

MAX_PAGES = 45
# What the body must not say: developer words and file paths (allowed in Appendix A only).
DEVELOPER = re.compile(
    r"pipeline|generator|\bseeds?\b|analysis run|codeboek|\bexports?\b|data/raw|\.\./"
    r"|[\w*<>-]+\.(?:csv|py|json|txt|ipynb|parquet|xlsx|yml|md)\b",
    re.IGNORECASE,
)
# The body's parts, by the heading that opens each (after the contents), in reading order.
PARTS = {
    "over dit rapport": "Over dit rapport",
    "samenvatting": "Samenvatting",
    "bevindingen per hoofdstuk": "Bevindingen per hoofdstuk",
    "tegenstrijdigheden en wederhoor": "Tegenstrijdigheden in de bronnen",
    "1 landkaart": "1 De SUWI-Landkaart",
    "2 trend": "2 Ontwikkeling in de tijd",
    "3 interpretatieverschillen": "3 Interpretatieverschillen",
    "4 arbeidsmarkt": "4 Arbeidsmarkt",
    "5 enquetes": "5 Enquêtes",
    "6 toonkamer": "6 Toonkamers",
    "A verantwoording": "A Verantwoording",
    "B aannames": "B Aannames en kanttekeningen",
    "C begrippen en bronnen": "C Begrippen en bronnen",
}
METHOD_APPENDIX = "A verantwoording"  # with the colophon: where developer words may stand
@pytest.fixture(scope="module")
def pdf(rendered: Path) -> Path:
    return Paths(rendered).report_dir(PERIOD) / "rapport.pdf"


@pytest.fixture(scope="module")
def outcomes(rendered: Path) -> dict[str, int]:
    """The number of audited values per verdict class, as the report's tidy table has it."""
    table = pd.read_csv(Paths(rendered).report_dir(PERIOD) / "tables" /
                        "verantwoording-outcomes.csv")  # fmt: skip
    return dict(zip(table["verdict"], table["n"], strict=True))


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    """The text of every page, whitespace collapsed, words hyphenated at line ends joined."""
    texts = [p.extract_text().replace("\xa0", " ") for p in PdfReader(pdf).pages]
    return [re.sub(r"\s+", " ", re.sub(r"\u00ad\s*|-\n(?=[a-z])", "", t)) for t in texts]


@pytest.fixture(scope="module")
def parts(pages: list[str]) -> dict[str, tuple[int, str]]:
    """Each part of the body: its first page (0-based) and its text."""
    text, starts, offset = "", [], 0
    for page in pages:
        starts.append(offset)
        text += page + "\f"
        offset = len(text)
    after_contents = text.index("Over dit rapport Aanleiding")
    positions = {}
    for name, heading in PARTS.items():
        found = text.find(heading, positions[list(positions)[-1]] if positions else after_contents)
        assert found >= 0, f"part {name!r} ({heading!r}) not found"
        positions[name] = found
    names = list(positions)
    result = {}
    for i, name in enumerate(names):
        end = positions[names[i + 1]] if i + 1 < len(names) else len(text)
        page = max(k for k, start in enumerate(starts) if start <= positions[name])
        result[name] = (page, text[positions[name]:end])
    return result


def test_the_printed_report_has_at_most_45_pages(pages):
    assert len(pages) <= MAX_PAGES


def test_the_title_page_is_dated_by_the_report_not_1970(rendered, pdf, pages):
    """The report's date is book.date in _quarto.yml (set when it is published): on the title
    page, in the colophon and as the PDF's date; never 1 January 1970."""
    date = report_date(Paths(rendered).quarto_config)
    assert date is not None and date.year > 2009
    title = pages[0]
    assert f"Datum {day_nl(date)}" in title and "1970" not in title
    assert "Opgesteld door Analyseteam" in title and "Status Demonstratie" in title
    assert xmp(pdf)["xmp:CreateDate"].startswith(date.isoformat())
    assert f"Datum: {day_nl(date)}" in " ".join(pages)  # the colophon


def test_the_summary_takes_at_most_two_pages_and_answers_the_question(parts, outcomes, rendered):
    first, text = parts["samenvatting"]
    after, _ = parts["bevindingen per hoofdstuk"]
    assert after - first <= 2
    assert "Kunnen de cijfers van het AKO worden vertrouwd? Gedeeltelijk." in text
    rules = pd.read_csv(Paths(rendered).report_dir(PERIOD) / "tables" /
                        "verantwoording-rules.csv")  # fmt: skip
    assert f"Dat geldt voor {outcomes['gereproduceerd']} getallen" in text
    most = rules["gereproduceerd"].max()  # the rule most reproduced values follow
    assert f"Daarvan volgen er {most} uit één eenvoudige regel" in text
    assert "Geen ervan rust op echte gegevens" in text
    # the IWI quoted as it wrote, with the right dates; the old misquote is gone
    assert "komt op hoofdlijnen overeen met het beeld op de Landkaart" in text
    assert "voldoet daar niet aan" in text
    assert "niet alle gestelde doelen optimaal kan dienen" in text
    assert "juli tot en met september 2008" in text and "(januari tot mei 2008)" in text
    assert "op hoofdlijnen bruikbaar" not in " ".join(t for _, t in parts.values())
    assert "(januari–mei 2008) vijftien" not in parts["B aannames"][1]


def test_the_contradictions_table_lists_the_4_1_milestone_naming(parts):
    """Near the front, and the §4.1 milestone naming first among the main findings."""
    _, summary = parts["samenvatting"]
    assert "1. Welke mijlpalen de conclusie weglaat (AKO 2009, §3.4.1 tegenover AKO 2009, §4.1)" \
        in summary  # fmt: skip
    page, table = parts["tegenstrijdigheden en wederhoor"]
    assert page < parts["1 landkaart"][0]
    row = table[table.index("K01"):table.index("K02")]
    assert "AKO 2009, §4.1" in row and "13 (ketenbrede werkplekken en applicaties)" in row
    assert "Punten voor wederhoor" in table and "(K01)" in table


def test_the_2009_t3_report_has_the_gap_chapter_on_the_2008_t1_inspection(parts):
    _, chapter = parts["3 interpretatieverschillen"]
    assert "De laatste inspectie tot en met het 3e tertaal 2009 is die van het 1e tertaal 2008" \
        in chapter  # fmt: skip
    assert "Sinds de inspectie" in chapter and "synthetisch" in chapter
    assert "juli tot en met september 2008" in chapter
    assert "niet beschikbaar" not in " ".join(t for _, t in parts.values())


def test_appendix_a_gives_the_outcomes_with_counts_and_the_audit_is_an_annex(
    rendered, parts, outcomes
):
    _, appendix = parts["A verantwoording"]
    table = appendix[appendix.index("De zes oordelen en hun aantal"):]
    for verdict, n in outcomes.items():
        title = verdict[0].upper() + verdict[1:]
        assert re.search(rf"{title} .*? {n} ", table), (verdict, n)
    assert f"Totaal {sum(outcomes.values())}" in table
    assert "Regels van de vergelijking" in appendix and "oordelen.pdf" in appendix
    assert "Oordelen: ako-2009-T3-tabel-1.csv" not in appendix  # no line-by-line audit
    out = Paths(rendered).report_dir(PERIOD)
    annex = out / "bijlage-oordelen.pdf"
    claims = xmp(annex)
    assert (claims["pdfaid:part"], claims["pdfaid:conformance"], claims["pdfuaid:part"]) == (
        "2", "A", "1",
    )  # fmt: skip
    text = " ".join(p.extract_text() for p in PdfReader(annex).pages)
    assert "Oordelen per gepubliceerd getal" in text and "0,04" in text
    assert "enquetes:25" in text
    annex_rows = pd.read_csv(out / "bijlage-oordelen.csv", dtype=str)
    assert len(annex_rows) == sum(outcomes.values())


@pytest.mark.parametrize("part", [p for p in PARTS if p != METHOD_APPENDIX])
def test_no_developer_words_or_file_paths_in_the_body(parts, part):
    found = [m.group(0) for m in DEVELOPER.finditer(parts[part][1])]
    assert not found, found[:5]


def test_headings_are_not_hyphenated_and_names_are_the_codebook_s(pdf, pages, parts):
    raw = " ".join(p.extract_text() for p in PdfReader(pdf).pages)  # line ends as they are
    assert not re.search(r"werkgeversge[-\u00ad]\s", raw)
    text = " ".join(pages)
    assert "5 Enquêtes: klantgerichtheid en werkgeversgerichtheid" in text
    assert "Gezamenlijk marktbewerkingsplan" in text
    # the OCR damage is named once, where the assumptions explain it
    assert all("marktbeveiligingsplan" not in t for name, (_, t) in parts.items()
               if name != "B aannames")  # fmt: skip
