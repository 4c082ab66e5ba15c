"""The published report as a reader gets it (issue 10): summary up front, verdicts, synthetic
marks, the appendix with the audit and the colophon, typography. Uses the session's render."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import PERIOD
from pypdf import PdfReader

from analysis.core import provenance
from analysis.core.config import Paths


@pytest.fixture(scope="module")
def pdf_pages(rendered: Path) -> list[str]:
    reader = PdfReader(rendered / "reports" / PERIOD / "rapport.pdf")
    return [re.sub(r"\s+", " ", p.extract_text().replace("\xa0", " ")) for p in reader.pages]


@pytest.fixture(scope="module")
def html(rendered: Path) -> str:
    return (rendered / "reports" / PERIOD / "rapport.html").read_text(encoding="utf-8")


def _first_page(pages: list[str], text: str) -> int:
    return next(i for i, page in enumerate(pages) if text in page)


def test_summary_before_chapter_1_and_appendix_after(pdf_pages):
    summary = _first_page(pdf_pages[2:], "Samenvatting Deze versie") + 2
    chapter_1 = _first_page(pdf_pages[2:], "1 De SUWI-Landkaart Op de SUWI-Landkaart") + 2
    appendix = _first_page(pdf_pages[2:], "A Verantwoording Deze bijlage") + 2
    assert summary < chapter_1 < appendix
    text = " ".join(pdf_pages)
    for heading in ["B Aannames en kanttekeningen", "C Begrippen en bronnen"]:
        assert heading in text
    assert "Status Demonstratie met synthetische gegevens" in pdf_pages[0]
    assert "Gegevens tot en met 31 december 2009" in pdf_pages[0]


def test_verdict_classes_are_named(pdf_pages):
    text = " ".join(pdf_pages)
    assert "per constructie" in text and "gereproduceerd" in text
    assert "Alle 63 / 134 gepubliceerde waarden worden exact gereproduceerd" not in text
    expected = "Van de 134 gepubliceerde waarden zijn er 59 gereproduceerd, 60 per constructie"
    assert expected in text


def test_synthetic_captions_are_marked(pdf_pages):
    text = " ".join(pdf_pages)
    for caption in [
        "Antwoord per Werkplein en mijlpaal (synthetische gegevens)",
        "Verdeling van de totaalscore per Werkplein, gekleurd naar band (synthetische gegevens)",
        "Scoreverdeling per mijlpaal (voor 2009-T3: berekend / gepubliceerd in AKO Tabel 2) "
        "(synthetische gegevens)",
    ]:
        assert caption in text


def test_every_html_image_has_alt_text(html):
    images = re.findall(r"<img\b[^>]*>", html)
    assert images
    for tag in images:
        alt = re.search(r'\balt="([^"]*)"', tag)
        assert alt and alt[1].strip(), tag[:120]


def test_no_hyphen_minus_for_negative_numbers_or_ranges(pdf_pages):
    """A '-' right before a digit is a minus sign or a range, except inside a code or name
    (WP-001, 2009-T3, file names: a letter or digit before it and no space) and in the
    sources' words, quoted verbatim (‘0-32%’)."""
    text = re.sub(r"‘[^’]*’|'[^']{1,60}'", "", " ".join(pdf_pages))
    bad = re.findall(r"(?:^|[\s(=:/])-\d|\d\s?-\s?\d", text)
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", text)
    assert not bad, bad[:10]
    assert not dates, dates[:5]


def test_colophon_lists_every_input_hash_and_the_commit(rendered, html):
    hashes = provenance.input_hashes(Paths(rendered))
    assert len(hashes) > 20
    missing = [name for name, digest in hashes.items() if digest not in html]
    assert not missing, missing[:5]
    head = subprocess.run(
        ["git", "-C", str(rendered), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    assert f"commit <code>{head}</code>, ongewijzigd" in re.sub(r"\s+", " ", html)
