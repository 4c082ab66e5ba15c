"""Tertaal periods (`YYYY-Tn`, n = 1..3): parsing, ordering and Dutch labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})-T([123])$")
END_MONTH = {1: 4, 2: 8, 3: 12}  # a tertaal is four months: jan-apr, mei-aug, sep-dec
_MONTH_ABBR = {4: "apr", 8: "aug", 12: "dec"}


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
                f"invalid period {text!r}: expected YYYY-Tn with n = 1, 2 or 3, e.g. 2009-T3"
            )
        year = int(match.group(1))
        if not 2000 <= year <= 2099:
            raise ValueError(f"invalid period {text!r}: year {year} is outside 2000-2099")
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

    def previous(self) -> Period:
        return (
            Period(self.year - 1, 3) if self.tertaal == 1 else Period(self.year, self.tertaal - 1)
        )

    def next(self) -> Period:
        return (
            Period(self.year + 1, 1) if self.tertaal == 3 else Period(self.year, self.tertaal + 1)
        )
