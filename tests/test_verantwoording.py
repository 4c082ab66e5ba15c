"""The appendix: every published figure held as data has exactly one verdict (issue 10)."""

from __future__ import annotations

import pytest

from analysis.chapters import published_values
from analysis.chapters.verantwoording import compute, text
from analysis.core.config import Paths
from analysis.study import verdicts


@pytest.fixture(scope="module")
def appendix(ingested_root):
    return compute.load("2009-T3", root=ingested_root)


def test_every_published_value_has_exactly_one_verdict(appendix):
    assert len(appendix.published) > 200
    assert appendix.missing == []
    assert appendix.duplicated == []
    assert appendix.unknown == []
    assert set(appendix.audit["verdict"]) <= set(verdicts.VERDICTS)
    assert "precies één oordeel" in text.completeness_note(appendix)


def test_a_value_without_verdict_is_named(appendix):
    broken = compute.Verantwoording(appendix.period, appendix.scoring_rule, appendix.paths)
    broken.__dict__["audit"] = appendix.audit.iloc[1:]  # drop the first audit row
    first = appendix.audit["published_key"].iloc[0]
    assert broken.missing == [first]
    assert "Onvolledige verantwoording" in text.completeness_note(broken)
    assert first in text.completeness_note(broken)


def test_published_values_are_keyed_by_file_and_line(tmp_path):
    paths = Paths(tmp_path)
    paths.published.mkdir(parents=True)
    (paths.published / "x-tabel.csv").write_text("row,value\na,1\nb,\nc,3\n", encoding="utf-8")
    found = published_values(paths)
    assert found["published_key"].tolist() == ["x-tabel:2", "x-tabel:4"]  # blank b skipped
