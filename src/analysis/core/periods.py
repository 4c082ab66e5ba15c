"""Tertaal periods (`YYYY-Tn`, n = 1..3): parsing, ordering, arithmetic and Dutch labels.

All period arithmetic lives here: steps between tertalen, shifting, the tertaal a fractional
moment falls in, and the calendar dates a tertaal spans.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from analysis.core.errors import quote

_PATTERN = re.compile(r"^(\d{4})-T([123])$")
END_MONTH = {1: 4, 2: 8, 3: 12}  # a tertaal is four months: jan-apr, mei-aug, sep-dec
_MONTH_ABBR = {4: "apr", 8: "aug", 12: "dec"}
FIRST_YEAR, LAST_YEAR = 2000, 2099  # the years a period (or survey wave) may name


@dataclass(frozen=True, order=True)
class Period:
    year: int
    tertaal: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2009-T3` -> Period(2009, 3); anything else is a ValueError saying what is expected."""
        match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise ValueError(
                f"invalid period {quote(text)}: expected YYYY-Tn with n = 1, 2 or 3, e.g. 2009-T3"
            )
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                f"invalid period {quote(text)}: year {year} is outside {FIRST_YEAR}-{LAST_YEAR}"
            )
        return cls(year, int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-T{self.tertaal}"

    @property
    def label_nl(self) -> str:
        """'3e tertaal 2009'."""
        return f"{self.tertaal}e tertaal {self.year}"

    @property
    def end_label(self) -> str:
        """The tertaal's last month as printed in AKO Tabel 3: 'dec-09'."""
        return f"{_MONTH_ABBR[self.end_month]}-{self.year % 100:02d}"

    @property
    def end_month(self) -> int:
        """The tertaal's last month (4, 8 or 12)."""
        return END_MONTH[self.tertaal]

    @classmethod
    def year_end(cls, year: int) -> Period:
        """The last tertaal of a year: 2009 -> 2009-T3."""
        return cls(year, max(END_MONTH))

    @property
    def is_year_end(self) -> bool:
        """True for the last tertaal of its year."""
        return self.tertaal == max(END_MONTH)

    @property
    def start_date(self) -> dt.date:
        """First day of the tertaal: 2009-T3 -> 2009-09-01."""
        return dt.date(self.year, self.end_month - 3, 1)

    @property
    def end_date(self) -> dt.date:
        """Last day of the tertaal: 2009-T3 -> 2009-12-31."""
        if self.end_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.end_month + 1, 1) - dt.timedelta(days=1)

    def steps_since(self, first: Period) -> int:
        """Tertalen from `first` to this one (2008-T1 -> 2009-T3 is 5; negative if earlier)."""
        return (self.year * 3 + self.tertaal) - (first.year * 3 + first.tertaal)

    def shift(self, steps: int) -> Period:
        """The tertaal `steps` tertalen later (negative: earlier)."""
        index = self.year * 3 + (self.tertaal - 1) + steps
        return Period(index // 3, index % 3 + 1)

    def at_moment(self, t: float) -> Period:
        """The tertaal in which moment `t` (tertalen after the end of this one) falls: ceil(t)."""
        return self.shift(math.ceil(round(t, 9)))

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)


LAST_PERIOD = Period(LAST_YEAR, max(END_MONTH))  # the last period `Period.parse` accepts


def as_period(value: str | Period) -> Period:
    """A Period as it is, or parsed from its text (for the boundaries: CLI, notebooks)."""
    return value if isinstance(value, Period) else Period.parse(value)
