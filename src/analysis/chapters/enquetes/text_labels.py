"""Dutch labels of the survey chapter, shared by `text`, `text_tables` and `plots`."""

from __future__ import annotations

from analysis.chapters.enquetes.compute import Enquetes
from analysis.core.formatting import MINUS, number, span
from analysis.study.waves import Wave

SCORE_NL = {
    "accessibility": "Bereikbaarheid en toegankelijkheid",
    "personal_attention": "Persoonlijke aandacht",
    "customisation": "Maatwerk",
    "timeliness": "Tijdigheid",
    "clarity": "Duidelijkheid",
    "overall": "Totale dienstverlening",
}
SCORE_SHORT = {
    "accessibility": "Bereikbaarheid",
    "personal_attention": "Pers. aandacht",
    "customisation": "Maatwerk",
    "timeliness": "Tijdigheid",
    "clarity": "Duidelijkheid",
    "overall": "Totaal",
}
CONTACT_NL = {"True": "met vaste contactpersoon", "False": "zonder vaste contactpersoon"}
CONTACT_SHORT = {"True": "met", "False": "zonder"}
BENEFIT_NL = {
    "ww": "WW-uitkering",
    "wwb": "WWB-uitkering",
    "other": "ander type uitkering",
    "none": "geen uitkering",
}
GROUP_NL = {"fixed_contact": CONTACT_NL, "benefit": BENEFIT_NL}
SYNTHETIC_TAG = " (synthetische gegevens)"


def wave_nl(wave: str | Wave) -> str:
    """'2e half jaar 2009' for '2009-H2'."""
    return Wave.parse(str(wave)).label_nl if not isinstance(wave, Wave) else wave.label_nl


def wave_het(wave: str | Wave) -> str:
    """'het 2e half jaar 2009' (a half year is 'het': never 'de 2e half jaar')."""
    return f"het {wave_nl(wave)}"


def tag(en: Enquetes) -> str:
    """' (synthetische gegevens)' when the respondents are synthetic, else ''."""
    return SYNTHETIC_TAG if en.synthetic else ""


def score(value: float, decimals: int = 1) -> str:
    """A mean score: '6,8'."""
    return number(value, decimals)


def interval(lower: float, upper: float, decimals: int = 2) -> str:
    """'6,76–6,88' (en dash); '−0,14 tot −0,06' when a bound is negative (a dash between
    minus signs reads badly)."""
    low, high = number(lower, decimals), number(upper, decimals)
    return f"{low} tot {high}" if MINUS in low + high else span(low, high)


def mean_with_interval(mean: float, lower: float, upper: float, decimals: int = 2) -> str:
    """'6,82 (6,76–6,88)'."""
    return f"{number(mean, decimals)} ({interval(lower, upper, decimals)})"
