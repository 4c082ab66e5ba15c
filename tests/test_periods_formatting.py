"""Period model and Dutch number formatting."""

from fractions import Fraction

import pytest

from analysis.core.formatting import NBSP, number, percent
from analysis.core.periods import Period


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
    assert number(-61000) == "-61.000"
    assert number(73.84, 1) == "73,8"
    assert number(Fraction(200, 3), 1) == "66,7"
    assert number(2.5) == "3"  # half up, not to even
    assert number(None) == ""
    assert percent(73.84, 1) == f"73,8{NBSP}%"


def test_signed_changes():
    from analysis.core.formatting import signed

    assert signed(40) == "+40"
    assert signed(-30) == "-30"
    assert signed(0) == "0"
    assert signed(4.55, 1) == "+4,6"
    assert signed(0.04, 1) == "0,0"
    assert signed(-61000) == "-61.000"
