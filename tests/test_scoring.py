"""Scoring on hand-computed cases."""

from fractions import Fraction

import pytest
from conftest import make_answers

from analysis.study import scoring
from analysis.study.scoring import get_rule

AKO = get_rule("ako-2009")
DOC = get_rule("gedocumenteerd")


def test_rule_percentages_round_as_declared():
    assert AKO.pct(Fraction(949, 1000)) == 94  # truncated
    assert DOC.pct(Fraction(949, 1000)) == 95  # half up
    assert DOC.pct(Fraction(1, 200)) == 1  # 0.5 % rounds up
    assert AKO.pct(Fraction(1)) == 100


def test_unknown_rule_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown scoring rule 'x'"):
        get_rule("x")


@pytest.mark.parametrize(
    ("pct", "band"), [(0, 0), (32, 0), (33, 1), (65, 1), (66, 2), (99, 2), (100, 3)]
)
def test_band_edges(codebook, pct, band):
    assert scoring.band(pct, codebook) == band


def test_location_scores_by_hand():
    # A: 100 + 33 over two milestones = 66.5 %; B: 0 + 66 = 33 %; C: blank + 100 = 100 %
    answers = make_answers({"A": [3, 1], "B": [0, 2], "C": [None, 3]})
    scores = scoring.location_scores(answers, AKO)
    assert scores["A"] == Fraction(133, 200)
    assert scores["B"] == Fraction(33, 100)
    assert scores["C"] == Fraction(1)  # the blank is left out, not counted as 0
    assert [AKO.pct(s) for s in scores] == [66, 33, 100]


def test_summarize_counts_bands_and_unknowns(codebook):
    answers = make_answers({"A": [3, 1], "B": [0, 2], "C": [None, 3], "D": [None, None]})
    row = scoring.summarize(scoring.location_scores(answers, AKO), AKO, codebook)
    # A 66 % -> gedeeltelijk, B 33 % -> in ontwikkeling, C 100 % -> volledig, D unknown
    assert row["n_locations"] == 3
    assert row["count:gedeeltelijk"] == 1
    assert row["count:in ontwikkeling"] == 1
    assert row["count:volledig"] == 1
    assert row["count:niet"] == 0
    assert row["count:onbekend"] == 1
    assert row["pct:volledig"] == 33  # 1 of 3, half up
    # mean of 66.5, 33 and 100 = 66.5 -> truncated 66
    assert row["mean"] == Fraction(133, 200)
    assert row["mean_pct"] == 66


def test_documented_rule_gives_thirds():
    answers = make_answers({"A": [1, 2, 3]})
    score = scoring.location_scores(answers, DOC)["A"]
    assert score == Fraction(2, 3)
    assert DOC.pct(score) == 67


def test_phase_table_uses_phase_means(codebook):
    # Two locations, all 14 milestones. Phase 2 = M02, M03.
    answers = make_answers({"A": [3] * 14, "B": [3, 0, 1] + [2] * 11})
    table = scoring.phase_table(answers, codebook, AKO)
    visie = table.loc["Visie ontwikkelen"]
    # A: 100 % (volledig); B: (0 + 33) / 2 = 16.5 % -> niet
    assert visie["count:volledig"] == 1
    assert visie["count:niet"] == 1
    assert visie["mean_pct"] == 58  # (100 + 16.5) / 2 = 58.25
    total = table.loc[scoring.TOTAL_LABEL]
    # B: (100 + 0 + 33 + 11 * 66) / 14 = 61.35 -> in ontwikkeling
    assert total["count:in ontwikkeling"] == 1
    assert total["count:volledig"] == 1


def test_milestone_table_follows_ako_order(codebook):
    answers = make_answers({"A": list(range(4)) * 3 + [0, 1]})
    table = scoring.milestone_table(answers, codebook, AKO)
    assert list(table["milestone"])[1:5] == [1, 2, 10, 9]
    assert table.loc["1 aanspreekpunt werkgevers", "mean_pct"] == 33  # M10 = category 1


def test_to_tidy_shape(codebook):
    answers = make_answers({"A": [3] * 14})
    tidy = scoring.to_tidy(scoring.phase_table(answers, codebook, AKO))
    # total row: n + mean + 4 counts + 4 pcts; 6 phase rows: mean + 8
    assert len(tidy) == 10 + 6 * 9
    assert tidy.query("row == 1 and statistic == 'n_locations'")["value"].item() == 1


def test_histogram_bars_follow_the_bands(codebook):
    """Every bar lies inside one band and has that band's colour (100 % is green)."""
    from matplotlib.colors import to_hex

    from analysis.chapters.landkaart import plots

    answers = make_answers({"A": [3] * 14, "B": [2] * 14, "C": [1] * 14, "D": [0] * 14})
    fig = plots.score_histogram(answers, codebook, AKO)
    bars = [p for p in fig.axes[0].patches if p.get_height() > 0]
    found = {round(p.get_x()): to_hex(p.get_facecolor()).upper() for p in bars}
    assert found == {100: "#4DAF4A", 66: "#1F78B4", 33: "#FDB863", 0: "#8E1B1B"}


def test_distribution_refuses_bands_that_miss_one_location_and_hold_another_twice(codebook):
    """The array scoring checks every location as `band` does, not only the total: here 66 %
    lies in two bands and 100 % in none, which leaves the total count right."""
    import dataclasses

    cats = codebook.categories.copy()
    cats.loc[1, "band_max_pct"] = 66  # oranje now ends where blauw starts (66)
    cats.loc[3, ["band_min_pct", "band_max_pct"]] = 101  # groen holds no percentage
    broken = dataclasses.replace(codebook, categories=cats)
    answers = make_answers({"A": [2], "B": [3]})  # 66 % and 100 % under the AKO rule
    with pytest.raises(ValueError, match="no band or in two"):
        scoring.distribution(answers, get_rule("ako-2009"), broken, {"M01": ["M01"]})
