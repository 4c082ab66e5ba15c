"""Period model, period arithmetic, missing values and Dutch formatting."""

import datetime as dt
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from analysis.core.formatting import NBSP, number, percent
from analysis.core.periods import Period, as_period
from analysis.core.values import missing


def test_period_parse_and_labels():
    p = Period.parse("2009-T3")
    assert (p.year, p.tertaal) == (2009, 3)
    assert str(p) == "2009-T3"
    assert p.label_nl == "3e tertaal 2009"
    assert p.end_label == "dec-09"
    assert Period.parse("2008-T1").end_label == "apr-08"
    assert Period.parse("2009-T1").previous() == Period(2008, 3)
    assert Period.parse("2008-T3").next() == Period(2009, 1)
    assert sorted([Period(2009, 1), Period(2008, 3), Period(2008, 1)]) == [
        Period(2008, 1),
        Period(2008, 3),
        Period(2009, 1),
    ]


@pytest.mark.parametrize("text", ["2009-T4", "2009T3", "09-T1", "2009-t3x", "", "1999-T1"])
def test_bad_period_is_a_clear_error(text):
    with pytest.raises(ValueError, match="invalid period"):
        Period.parse(text)


def test_dutch_numbers():
    assert number(1234) == "1.234"
    assert number(-61000) == "\u221261.000"
    assert number(73.84, 1) == "73,8"
    assert number(Fraction(200, 3), 1) == "66,7"
    assert number(2.5) == "3"  # half up, not to even
    assert number(None) == ""
    assert percent(73.84, 1) == f"73,8{NBSP}%"


def test_signed_changes():
    from analysis.core.formatting import signed

    assert signed(40) == "+40"
    assert signed(-30) == "−30"
    assert signed(0) == "0"
    assert signed(4.55, 1) == "+4,6"
    assert signed(0.04, 1) == "0,0"
    assert signed(-61000) == "−61.000"


def test_period_arithmetic():
    """The time axis of the trend chapter: tertaal index, shift, the tertaal a moment falls in."""
    first = Period(2008, 1)
    assert Period(2009, 3).steps_since(first) == 5
    assert first.steps_since(Period(2009, 3)) == -5
    assert first.shift(6) == Period(2010, 1)
    assert first.shift(-1) == Period(2007, 3)
    assert first.at_moment(0.0) == first
    assert first.at_moment(2.0) == Period(2008, 3)
    assert first.at_moment(2.01) == Period(2009, 1)
    assert first.at_moment(2.0000000001) == Period(2008, 3)  # float noise is not a new tertaal


def test_period_dates_and_year_ends():
    assert (Period(2009, 3).start_date, Period(2009, 3).end_date) == (
        dt.date(2009, 9, 1), dt.date(2009, 12, 31)
    )  # fmt: skip
    assert (Period(2008, 1).start_date, Period(2008, 1).end_date) == (
        dt.date(2008, 1, 1), dt.date(2008, 4, 30)
    )  # fmt: skip
    assert Period(2008, 2).end_date == dt.date(2008, 8, 31)
    assert Period.year_end(2008) == Period(2008, 3)
    assert Period(2008, 3).is_year_end and not Period(2009, 2).is_year_end


def test_as_period_parses_text_once():
    p = Period(2009, 3)
    assert as_period(p) is p
    assert as_period(" 2009-T3 ") == p
    with pytest.raises(ValueError, match="invalid period"):
        as_period("2009-T4")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True), (float("nan"), True), (np.nan, True), (pd.NA, True), (pd.NaT, True),
        (0, False), (0.0, False), ("", False), ("nan", False), (Fraction(0), False),
        (Period(2009, 3), False), ((1, None), False), (np.array([np.nan, np.nan]), False),
    ],
)  # fmt: skip
def test_missing_is_one_value_that_is_absent(value, expected):
    assert missing(value) is expected
