"""One answer cell -> one Landkaart category, and every spelling of a milestone.

Answer policy (anything else is a ValueError naming the value):

- Dutch labels, short or long (``niet``, ``niet gerealiseerd``, ``in ontwikkeling``,
  ``gedeeltelijk``, ``gedeeltelijk gerealiseerd``, ``volledig``, ``volledig gerealiseerd``)
  and colours (``rood``, ``oranje``, ``blauw``, ``groen``), in any letter case.
- Percentages (``33 %``, ``50%``, ``66,7%``): the category whose band
  [band_min_pct, band_max_pct] holds the percentage rounded down; above 100 is an error.
- Bare numbers are *points*, never category codes: ``0`` = niet, ``1/3``, ``2/3``, ``1`` =
  volledig, or a decimal within 0.01 of a point value (``0,33``, ``0.66``). In a file that
  uses percentages a bare number is ambiguous (``1`` could be 1 %) and is an error.
- A blank cell is a blank answer: (None, None).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from analysis.core.errors import quote
from analysis.ingest.tabular import norm
from analysis.study.codebook import Codebook

POINTS_TOLERANCE = Fraction(1, 100)
ANSWER_HELP = (
    "expected a label (niet, in ontwikkeling, gedeeltelijk, volledig), a colour "
    "(rood, oranje, blauw, groen), points (0, 1/3, 2/3, 1) or a percentage (0%-100%)"
)


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def is_percentage(cell: str) -> bool:
    """True if the cell holds a percentage ('33 %', '66,7%')."""
    return bool(_PERCENT.fullmatch(norm(cell)))


def milestone_keys(codebook: Codebook) -> dict[str, str]:
    """Every accepted spelling of each milestone (normalised) -> its code."""
    keys = {}
    for number, row in codebook.milestones.iterrows():
        n = int(number)
        for spelling in (
            row["code"],
            f"M{n}",
            str(n),
            f"{n:02d}",
            f"Mijlpaal {n}",
            f"Mijlpaal {n:02d}",
            row["short_name_nl"],
        ):
            keys[norm(spelling)] = row["code"]
    return keys


class AnswerParser:
    """Map one answer cell to a category code, by the policy in the module docstring."""

    def __init__(self, codebook: Codebook, *, percentages: bool) -> None:
        cats = codebook.categories
        self.words: dict[str, tuple[int, str]] = {}
        for code, row in cats.iterrows():
            self.words[norm(row["label_nl"])] = (int(code), "label")
            self.words[norm(row["label_long_nl"])] = (int(code), "label")
            self.words[norm(row["colour_nl"])] = (int(code), "colour")
        self.points = dict(cats["points"].items())
        self.bands = codebook.bands
        self.percentages = percentages

    def parse(self, raw: str) -> tuple[int | None, str | None]:
        """(category, answer style), (None, None) for a blank cell; ValueError if unknown."""
        text = norm(raw)
        if not text:
            return None, None
        if text in self.words:
            return self.words[text]
        if match := _PERCENT.fullmatch(text):
            return self._percentage(raw, Fraction(match[1].replace(",", "."))), "percentage"
        if match := _FRACTION.fullmatch(text):
            numerator, denominator = int(match[1]), int(match[2])
            if denominator:
                return self._points(raw, Fraction(numerator, denominator), exact=True), "points"
        if _NUMBER.fullmatch(text):
            if self.percentages:
                raise ValueError(
                    f"bare number {quote(raw.strip())} in a file that uses percentages is "
                    "ambiguous (points or percent?); write it with a '%'"
                )
            return self._points(raw, Fraction(text.replace(",", ".")), exact=False), "points"
        raise ValueError(f"unknown answer {quote(raw.strip())}; {ANSWER_HELP}")

    def _percentage(self, raw: str, value: Fraction) -> int:
        whole = math.floor(value)
        for code, low, high in self.bands:
            if low <= whole <= high:
                return code
        raise ValueError(f"unknown answer {quote(raw.strip())}: percentage outside 0%-100%")

    def _points(self, raw: str, value: Fraction, *, exact: bool) -> int:
        tolerance = 0 if exact else POINTS_TOLERANCE
        for code, points in self.points.items():
            if abs(value - points) <= tolerance:
                return code
        raise ValueError(
            f"unknown answer {quote(raw.strip())}: bare numbers are points (0, 1/3, 2/3, 1; "
            "decimals within 0.01), not category codes; " + ANSWER_HELP
        )
