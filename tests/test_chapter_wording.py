"""The four analysis chapters (trend, arbeidsmarkt, enquetes, toonkamer) as a reader gets them
(issue 20, items 2 and 8): no program vocabulary, file names or machine phrasing in their
body, no source footnote marks in labels, and figures whose series can be told apart in
greyscale. Uses the session's render for the text."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from conftest import PERIOD
from matplotlib.colors import to_rgb
from pypdf import PdfReader

from analysis.chapters.arbeidsmarkt import plots as am_plots
from analysis.chapters.toonkamer import plots as tk_plots
from analysis.chapters.trend import plots as trend_plots

FIRST = "2 Ontwikkeling in de tijd"
AFTER = "A Verantwoording"
DEVELOPER_WORDS = (
    "pipeline", "pijplijn", "generator", "export", "codeboek", "data/raw", ".csv", ".txt",
    "seed", "startgetal", "analysis run", "README",
)  # fmt: skip
MACHINE_PHRASES = (
    "(personen)", "(vanaf termijn", "zijn er 1 ", "de 2e half jaar", "de 1e half jaar",
    "Duidelijkheid ¹", "2008*", "tussen −201 en 195", "1,1 tot 22,0 procentpunt)",
)  # fmt: skip


@pytest.fixture(scope="module")
def chapters(rendered: Path) -> str:
    """The text of chapters 2 to 5, from the PDF (hyphenation at line ends undone)."""
    reader = PdfReader(rendered / "reports" / PERIOD / "rapport.pdf")
    pages = [p.extract_text().replace("\xa0", " ").replace("\u00ad\n", "") for p in reader.pages]
    text = re.sub(r"\s+", " ", " ".join(pages))
    start = text.index(f"{FIRST} Het AKO volgt")
    return text[start : text.index(f"{AFTER} Deze bijlage", start)]


@pytest.mark.parametrize("word", DEVELOPER_WORDS)
def test_no_program_vocabulary_in_the_chapters(chapters, word):
    assert word.lower() not in chapters.lower()


@pytest.mark.parametrize("phrase", MACHINE_PHRASES)
def test_no_machine_phrasing_or_footnote_marks(chapters, phrase):
    assert phrase not in chapters


def test_every_survey_result_from_synthetic_respondents_is_marked_in_the_text(chapters):
    start = re.search(r"\d Enquêtes", chapters).start()  # its number depends on the period
    survey = chapters[start : re.search(r"\d Toonkamers", chapters).start()]
    assert survey.count("synthetisch") >= 10
    assert "Ter illustratie" in survey and "de juiste samenvatting" not in survey


def _grey(colour: str) -> float:
    r, g, b = to_rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


@pytest.mark.parametrize(
    "palette",
    [am_plots.PART_COLOURS, tk_plots.COLOURS],
    ids=["stacked outflow parts", "Toonkamer and control group"],
)
def test_colours_that_only_colour_tells_apart_differ_in_greyscale(palette):
    """Series told apart by colour alone (stacked bars, the two groups' bands) differ by at
    least a fifth of the grey scale."""
    for a, b in combinations(palette.values(), 2):
        assert abs(_grey(a) - _grey(b)) >= 0.2, (a, b)


def test_lines_of_similar_grey_have_their_own_marker_or_style():
    """Lines whose colours are close in grey (the four stocks, the trend windows, the six
    phases) differ in marker and line style."""
    assert len(set(am_plots.SERIES_MARKERS.values())) == len(am_plots.SERIES_MARKERS)
    assert len(set(am_plots.WINDOW_MARKERS)) == len(am_plots.WINDOW_MARKERS)
    assert len(set(map(str, am_plots.WINDOW_STYLES))) == len(am_plots.WINDOW_STYLES)
    assert len(set(trend_plots.PHASE_MARKERS)) == len(trend_plots.PHASE_MARKERS) >= 6
    assert tk_plots.STYLES["toonkamer"] != tk_plots.STYLES["control"]
