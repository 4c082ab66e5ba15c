"""Dutch labels of the Toonkamer chapter, shared by its text, tables and figures."""

from __future__ import annotations

from analysis.core.formatting import EN_DASH, and_nl, number, percent, signed
from analysis.core.values import missing
from analysis.study.toonkamer import CONTROL, TOONKAMER

GROUP_NL = {TOONKAMER: "Toonkamer", CONTROL: "controlegroep"}
GROUP_TITLE = {TOONKAMER: "Toonkamer", CONTROL: "Controlegroep"}
POOLED_NL = "Gepoold (MH)"
RANDOM_NL = "Gepoold (random effects)"
NOT_NEEDED_NL = "niet nodig"
PRINCIPLE_NL = {
    "bereikbaarheid": "Bereikbaarheid en toegankelijkheid",
    "tijdigheid": "Tijdigheid",
    "persoonlijke_aandacht": "Persoonlijke aandacht",
    "houvast": "Houvast",
    "evenwichtige_behandeling": "Evenwichtige behandeling",
}


def horizon(months: int) -> str:
    """'0–3 mnd.'"""
    return f"0{EN_DASH}{months} mnd."


def months(h: int) -> str:
    """'0–3 maanden' (in running text; tables use `horizon`)."""
    return f"0{EN_DASH}{h} maanden"


def months_list(horizons: list[int]) -> str:
    """'0–3 maanden', '0–3 en 0–4 maanden', '0–4, 0–5 en 0–6 maanden'."""
    return and_nl([f"0{EN_DASH}{h}" for h in horizons]) + " maanden"


def pp(value: float, decimals: int = 1) -> str:
    """A difference in percentage points with its sign: '+6,9', '−7,0'."""
    return signed(value, decimals)


def interval(lower: float, upper: float, decimals: int = 1) -> str:
    """'−2,2 tot 19,4' (a range with a minus sign reads better with 'tot' than a dash)."""
    if missing(lower) or missing(upper):
        return ""
    return f"{number(lower, decimals)} tot {number(upper, decimals)}"


def share(k: int, n: int) -> str:
    """'35 % (51 van 145)'."""
    return f"{percent(100 * k / n)} ({number(k)} van {number(n)})" if n else ""


def cell(pct: int, n: int) -> str:
    """A published cell as printed, Dutch: '35 % [145]'."""
    return f"{percent(pct)} [{number(n)}]"
