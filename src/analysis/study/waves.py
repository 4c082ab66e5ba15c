"""Survey waves (`YYYY-H1`, `YYYY-H2`): the half-year of a customer survey measurement.

The AKO measures customer orientation twice a year ('meting 1e half jaar 2009', 'meting 2e
half jaar 2009'); a wave belongs to every report period whose end lies on or after the wave's
last day (2009-H2, fieldwork September to November 2009, is first reported in 2009-T3).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.core.errors import quote
from analysis.core.periods import FIRST_YEAR, LAST_YEAR, Period

_PATTERN = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True, order=True)
class Wave:
    year: int
    half: int

    @classmethod
    def parse(cls, text: str) -> Wave:
        """`2009-H2` -> Wave(2009, 2); anything else is a ValueError saying what is expected."""
        match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise ValueError(
                f"invalid survey wave {quote(text)}: expected YYYY-H1 or YYYY-H2 (the half-year of "
                "the measurement), e.g. 2009-H2"
            )
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                f"invalid survey wave {quote(text)}: year {year} is outside "
                f"{FIRST_YEAR}-{LAST_YEAR}"
            )
        return cls(year, int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def label_nl(self) -> str:
        """'2e half jaar 2009', as the AKO table heads its columns."""
        return f"{self.half}e half jaar {self.year}"

    @property
    def end_date(self) -> dt.date:
        """Last day of the half-year: 2009-H1 -> 2009-06-30."""
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    def reported_in(self, period: Period) -> bool:
        """True when the wave is complete by the end of `period` (so its report can show it)."""
        return self.end_date <= period.end_date

    def previous(self) -> Wave:
        """The wave half a year earlier."""
        return Wave(self.year - 1, 2) if self.half == 1 else Wave(self.year, 1)

    def __post_init__(self) -> None:
        if self.half not in (1, 2):
            raise ValueError(f"half must be 1 or 2, not {self.half}")
