"""Verdict classes and the audit-table schema (analysis.study.verdicts)."""

import pandas as pd
import pytest

from analysis.study import verdicts
from analysis.study.verdicts import Choice

RULE = "exact gelijk"


@pytest.mark.parametrize(
    ("equal", "by_construction", "expected"),
    [
        (True, False, "gereproduceerd"),
        (True, True, "per constructie"),
        (False, False, "afwijkend"),
        (False, True, "afwijkend"),  # a synthetic miss is a generator failure, not evidence
        (None, False, "niet te controleren"),
        (None, True, "niet te controleren"),
    ],
)
def test_verdict(equal, by_construction, expected):
    assert verdicts.verdict(equal, by_construction=by_construction) == expected


def test_a_chosen_reading_is_no_reproduction():
    fitted = Choice("rekenregel 'ako-2009'", candidates=6, matching=1)
    assert verdicts.verdict(True, by_construction=False, choice=fitted) == "past na keuze"
    # the chosen reading that still misses deviates, as any other comparison
    assert verdicts.verdict(False, by_construction=False, choice=fitted) == "afwijkend"
    # every candidate gives the value: it follows from the definition
    every = Choice("samenstelling", candidates=80, matching=80)
    assert verdicts.verdict(True, by_construction=False, choice=every) == "per definitie"
    assert verdicts.verdict(True, by_construction=False, by_definition=True) == "per definitie"
    # synthetic data built to match decide first: no evidence either way
    assert verdicts.verdict(True, by_construction=True, choice=fitted) == "per constructie"
    assert fitted.reason() == (
        "gekozen: rekenregel 'ako-2009', uit 6 mogelijke lezingen (1 daarvan geeft dit getal)"
    )
    assert every.reason() == (
        "elk van de 80 mogelijke lezingen geeft dit getal (ook: samenstelling)"
    )
    with pytest.raises(ValueError, match="at least two"):
        Choice("één lezing", candidates=1)
    with pytest.raises(ValueError, match="cannot match"):
        Choice("x", candidates=2, matching=3)


def _row(key: str, verdict: str, reason: str | None = "r", computed=76, published=76,
         rule: str | None = RULE, candidates=None) -> dict:  # fmt: skip
    return {
        "published_key": key, "source": "s", "item": "i", "published": published,
        "computed": computed, "difference": None, "verdict": verdict, "rule": rule,
        "candidates": candidates, "reason": reason,
    }  # fmt: skip


def test_audit_frame_fills_differences_and_checks_rows():
    frame = verdicts.audit_frame(
        [_row("f:2", "gereproduceerd", None), _row("f:3", "afwijkend", "x", 12, 13)]
    )
    assert frame["difference"].tolist() == [0.0, -1.0]
    assert list(frame.columns) == verdicts.AUDIT_COLUMNS
    with pytest.raises(ValueError, match="unknown verdict"):
        verdicts.audit_frame([_row("f:2", "klopt")])
    with pytest.raises(ValueError, match="reason is required"):
        verdicts.audit_frame([_row("f:2", "afwijkend", None)])
    with pytest.raises(ValueError, match="checked twice"):
        verdicts.audit_frame([_row("f:2", "gereproduceerd"), _row("f:2", "gereproduceerd")])


def test_every_comparison_states_its_rule_and_a_choice_its_n():
    with pytest.raises(ValueError, match="rule of the comparison"):
        verdicts.audit_frame([_row("f:2", "gereproduceerd", rule=None)])
    with pytest.raises(ValueError, match="N candidates"):
        verdicts.audit_frame([_row("f:2", "past na keuze")])
    chosen = verdicts.audit_frame([_row("f:2", "past na keuze", candidates=6.0)])
    assert chosen.loc[0, "candidates"] == 6
    # nothing compared: no rule needed, and the row says so
    none = verdicts.audit_frame([_row("f:2", "niet te controleren", computed=None, rule=None)])
    assert none.loc[0, "rule"] == verdicts.NOT_COMPARED


def test_a_computed_value_is_never_uncheckable():
    """Matches and mismatches alike: a value that was compared either fits or deviates."""
    with pytest.raises(ValueError, match="matches or deviates"):
        verdicts.audit_frame([_row("f:5", "niet te controleren", computed=4, published=5)])


def test_row_puts_the_choice_first():
    r = verdicts.row("f:2", "s", "i", 76, 76, "past na keuze", RULE, "nagerekend",
                     choice=Choice("lezing A", 2, 1))  # fmt: skip
    assert r["candidates"] == 2
    assert r["reason"] == "gekozen: lezing A, uit 2 mogelijke lezingen (1 daarvan geeft dit " \
        "getal); nagerekend"  # fmt: skip
    assert verdicts.audit_frame([r]).loc[0, "verdict"] == "past na keuze"


def test_a_choice_the_verdict_does_not_rest_on_is_left_out():
    """A deviating value was compared under a chosen reading, but no match rests on it."""
    r = verdicts.row("f:2", "s", "i", 76, 77, "afwijkend", RULE, "berekend: 77",
                     choice=Choice("lezing A", 2, 1))  # fmt: skip
    assert r["candidates"] is None and r["reason"] == "berekend: 77"


def test_keys_and_lines():
    table = pd.DataFrame({"value": [1, 2]})
    assert verdicts.with_lines(table)["line"].tolist() == [2, 3]  # the header is line 1
    assert verdicts.published_key("data/raw/published/ako-2009-T3-tabel-2.csv", 14) == (
        "ako-2009-T3-tabel-2:14"
    )


def test_sentence_counts_by_class():
    frame = verdicts.audit_frame(
        [_row(f"f:{i}", "gereproduceerd") for i in range(2)]
        + [_row("f:9", "per constructie"), _row("f:10", "niet te controleren", computed=None)]
    )
    assert verdicts.sentence(frame) == (
        "Van de 4 gepubliceerde waarden zijn er 2 gereproduceerd, 1 per constructie gelijk "
        "(synthetische gegevens, geen bewijs) en 1 niet te controleren."
    )
    assert verdicts.counts(frame)["afwijkend"] == 0


def test_sentence_and_counts_name_all_six_classes():
    frame = verdicts.audit_frame(
        [_row("f:2", "gereproduceerd"), _row("f:3", "per constructie"),
         _row("f:4", "past na keuze", candidates=6), _row("f:5", "per definitie"),
         _row("f:6", "afwijkend", computed=12, published=13),
         _row("f:7", "niet te controleren", computed=None)]
    )  # fmt: skip
    assert verdicts.counts(frame) == dict.fromkeys(verdicts.VERDICTS, 1)
    assert verdicts.sentence(frame, "getallen") == (
        "Van de 6 getallen is er 1 gereproduceerd, 1 per constructie gelijk (synthetische "
        "gegevens, geen bewijs), 1 gelijk na de keuze van een lezing (geen bewijs), 1 per "
        "definitie gelijk (geen bewijs), 1 afwijkend en 1 niet te controleren."
    )
    assert set(verdicts.DESCRIPTIONS_NL) == set(verdicts.VERDICTS)
    assert verdicts.VERDICTS[:5] == verdicts.OUTCOMES
    # the verb agrees with the first count ('zijn er 1 gereproduceerd' was machine phrasing)
    two = verdicts.counts_sentence({"gereproduceerd": 2, "afwijkend": 1}, "getallen")
    assert two == "Van de 3 getallen zijn er 2 gereproduceerd en 1 afwijkend."


def test_rules_counts_rows_per_rule_and_class():
    frame = verdicts.audit_frame(
        [_row("f:2", "gereproduceerd"), _row("f:3", "gereproduceerd", rule="afgerond"),
         _row("f:4", "past na keuze", rule="afgerond", candidates=2),
         _row("f:5", "niet te controleren", computed=None, rule=None)]
    )  # fmt: skip
    table = verdicts.rules(frame).set_index("rule")
    assert list(table.index) == ["afgerond", RULE, verdicts.NOT_COMPARED]
    assert table.loc["afgerond", ["gereproduceerd", "past na keuze", "n"]].tolist() == [1, 1, 2]
    assert verdicts.rules(frame.iloc[:0]).empty
