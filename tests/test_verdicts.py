"""Verdict classes and the audit-table schema (analysis.study.verdicts)."""

import pandas as pd
import pytest

from analysis.study import verdicts


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


def _row(key: str, verdict: str, reason: str | None = "r", computed=76, published=76) -> dict:
    return {
        "published_key": key, "source": "s", "item": "i", "published": published,
        "computed": computed, "difference": None, "verdict": verdict, "reason": reason,
    }  # fmt: skip


def test_audit_frame_fills_differences_and_checks_rows():
    frame = verdicts.audit_frame(
        [_row("f:2", "gereproduceerd", None), _row("f:3", "afwijkend", "x", 12, 13)]
    )
    assert frame["difference"].tolist() == [0.0, -1.0]
    with pytest.raises(ValueError, match="unknown verdict"):
        verdicts.audit_frame([_row("f:2", "klopt")])
    with pytest.raises(ValueError, match="reason is required"):
        verdicts.audit_frame([_row("f:2", "afwijkend", None)])
    with pytest.raises(ValueError, match="checked twice"):
        verdicts.audit_frame([_row("f:2", "gereproduceerd"), _row("f:2", "gereproduceerd")])


def test_keys_and_lines():
    table = pd.DataFrame({"value": [1, 2]})
    assert verdicts.with_lines(table)["line"].tolist() == [2, 3]  # the header is line 1
    assert verdicts.published_key("data/raw/published/ako-2009-T3-tabel-2.csv", 14) == (
        "ako-2009-T3-tabel-2:14"
    )


def test_sentence_counts_by_class():
    frame = verdicts.audit_frame(
        [_row(f"f:{i}", "gereproduceerd") for i in range(2)]
        + [_row("f:9", "per constructie"), _row("f:10", "niet te controleren")]
    )
    assert verdicts.sentence(frame) == (
        "Van de 4 gepubliceerde waarden zijn er 2 gereproduceerd, 1 per constructie gelijk "
        "(synthetische gegevens, geen bewijs) en 1 niet te controleren."
    )
    assert verdicts.counts(frame)["afwijkend"] == 0
