"""Trend over tertalen: hand-computed means, change classes, projections, one-period case."""

from __future__ import annotations

import json
import math
import re
import shutil
from fractions import Fraction
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import make_answers

from analysis.chapters.trend import (
    checks,
    compute,
    locations,
    plots,
    projection,
    text,
    text_projection,
    text_tables,
)
from analysis.core import plotting, stats
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.study import published, scoring, verdicts
from analysis.study.dag import in_report

matplotlib.use("Agg")

F = Fraction
P = Period.parse
W = {0: F(0), 1: F(33, 100), 2: F(66, 100), 3: F(1)}  # ako-2009 points per category

# 3 locations x 14 milestones per period (None = blank answer).
#   A: all volledig, then one milestone down in 2008-T3          -> equal, worse
#   B: all niet, then M01 and later M02 'in ontwikkeling'         -> improved, improved
#   C: 7 gedeeltelijk + 7 in ontwikkeling; M14 blank in 2008-T2; all gedeeltelijk in 2008-T3
HISTORY = {
    "2008-T1": {"A": [3] * 14, "B": [0] * 14, "C": [2] * 7 + [1] * 7},
    "2008-T2": {"A": [3] * 14, "B": [1] + [0] * 13, "C": [2] * 7 + [1] * 6 + [None]},
    "2008-T3": {"A": [3] * 13 + [2], "B": [1, 1] + [0] * 12, "C": [2] * 14},
}
TOTALS = {
    "2008-T1": {"A": F(1), "B": F(0), "C": (7 * W[2] + 7 * W[1]) / 14},
    "2008-T2": {"A": F(1), "B": W[1] / 14, "C": (7 * W[2] + 6 * W[1]) / 13},
    "2008-T3": {"A": (13 + W[2]) / 14, "B": 2 * W[1] / 14, "C": W[2]},
}


def _write_period(root: Path, period: str, rows: dict, synthetic: bool = False) -> None:
    """A period as `analysis run` leaves it: a raw export folder and its processed answers."""
    paths = Paths(root)
    paths.landkaart_raw(period).mkdir(parents=True, exist_ok=True)  # the export itself unused
    answers = make_answers(rows)
    target = paths.landkaart_processed(period)
    target.parent.mkdir(parents=True, exist_ok=True)
    answers.to_csv(target, index=False, lineterminator="\n")
    meta = {
        "period": period,
        "source": str((paths.landkaart_raw(period) / "test.csv").relative_to(root)),
        "locations": len(rows),
        "blank_answers": int(answers["category"].isna().sum()),
        "synthetic": synthetic,
    }
    target.with_name("metadata.json").write_text(json.dumps(meta), encoding="utf-8")


def _root(tmp_path: Path, history: dict) -> Path:
    raw = Paths(tmp_path).raw
    raw.mkdir(parents=True)
    for name in ("codebook", "published"):
        shutil.copytree(Paths().raw / name, raw / name)
    for period, rows in history.items():
        _write_period(tmp_path, period, rows)
    return tmp_path


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return _root(tmp_path, HISTORY)


@pytest.fixture()
def h(root: Path) -> compute.History:
    return compute.load("2008-T3", root=str(root))


# --- periods and loading ---------------------------------------------------------------------


def test_history_periods_are_the_raw_folders_ordered_and_bounded(root: Path) -> None:
    _write_period(root, "2009-T1", HISTORY["2008-T3"])
    Paths(root).landkaart_raw("archief").mkdir()  # not a period: ignored
    assert compute.load("2009-T3", root=str(root)).periods == (
        P("2008-T1"),
        P("2008-T2"),
        P("2008-T3"),
        P("2009-T1"),
    )
    assert compute.load(P("2008-T2"), root=str(root)).periods == (P("2008-T1"), P("2008-T2"))
    with pytest.raises(FileNotFoundError, match="analysis ingest --period 2007-T3"):
        compute.load("2007-T3", root=str(root))


def test_deleted_raw_period_leaves_the_history(root: Path) -> None:
    """Leftover processed data of a period whose export folder is gone are not used."""
    paths = Paths(root)
    shutil.rmtree(paths.landkaart_raw("2008-T2"))
    assert paths.landkaart_processed("2008-T2").is_file()  # still there, from an older run
    h = compute.load("2008-T3", root=str(root))
    assert h.periods == (P("2008-T1"), P("2008-T3"))
    assert set(h.answers["period"]) == {P("2008-T1"), P("2008-T3")}
    assert text_tables.tabel3_display(h)["Einde"].tolist() == ["apr-08", "dec-08"]
    assert "Er ontbreken tertalen: 2008-T2" in text.data_note(h)


def test_raw_period_without_processed_data_is_read_from_its_export(root: Path) -> None:
    """A period not yet ingested (a fresh clone) is read from its raw export, in memory."""
    paths = Paths(root)
    paths.landkaart_raw("2009-T1").mkdir()  # dropped in, not yet ingested: no export yet
    with pytest.raises(InputError, match="no export") as err:
        compute.load("2009-T1", root=str(root))
    assert err.value.file == paths.landkaart_raw("2009-T1")
    rows = ["location,M01,M02,M03,M04,M05,M06,M07,M08,M09,M10,M11,M12,M13,M14"]
    rows += ["A," + ",".join(["volledig"] * 14), "B," + ",".join(["niet"] * 13 + [""])]
    export = paths.landkaart_raw("2009-T1") / "export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    h = compute.load("2009-T1", root=str(root))
    assert h.periods[-1] == P("2009-T1")
    assert not paths.landkaart_processed("2009-T1").exists()  # nothing written
    means = h.overall_means.set_index("period")
    assert means.loc[P("2009-T1"), "mean"] == F(1, 2)  # (1 + 0) / 2; the blank left out
    assert h.metadata[P("2009-T1")]["source"] == "data/raw/landkaart/2009-T1/export.csv"


def test_load_history_orders_periods_and_keeps_metadata(root: Path) -> None:
    frame = compute.load_history([P("2008-T3"), P("2008-T1"), P("2008-T2")], Paths(root))
    assert list(frame.columns) == ["period", "location", "milestone", "category"]
    assert list(dict.fromkeys(frame["period"])) == [P("2008-T1"), P("2008-T2"), P("2008-T3")]
    assert len(frame) == 3 * 3 * 14
    assert frame.attrs["blank_answers"] == {P("2008-T1"): 0, P("2008-T2"): 1, P("2008-T3"): 0}
    assert frame.attrs["metadata"][P("2008-T2")]["period"] == "2008-T2"


# --- means -----------------------------------------------------------------------------------


def test_location_totals_are_exact(h: compute.History) -> None:
    for period, expected in TOTALS.items():
        assert h.totals[P(period)].to_dict() == expected


def test_overall_means_exact_and_truncated(h: compute.History) -> None:
    means = h.overall_means.set_index("period")
    for period, totals in TOTALS.items():
        exact = sum(totals.values(), F(0)) / 3
        assert means.loc[P(period), "mean"] == exact
        assert means.loc[P(period), "mean_pct"] == math.floor(exact * 100)
    assert list(means["mean_pct"]) == [49, 51, 56]
    assert list(means["t"]) == [0, 1, 2]


def test_blank_answers_are_left_out_of_means_and_counted(h: compute.History) -> None:
    means = h.overall_means.set_index("period")
    assert means.loc[P("2008-T2"), "blank_answers"] == 1
    # C's blank M14 is not a zero: read as 'niet' the mean would be 49 %, not 51 %
    as_zero = (1 + W[1] / 14 + (7 * W[2] + 6 * W[1]) / 14) / 3
    assert math.floor(as_zero * 100) == 49 and means.loc[P("2008-T2"), "mean_pct"] == 51
    # phase 6 (M14 only) in 2008-T2: C has no answer, so the mean is over A and B
    scores = h.mean_scores
    phase6 = scores[(scores["period"] == P("2008-T2")) & (scores["group"] == 6)].iloc[0]
    assert phase6["mean"] == F(1, 2) and phase6["n_locations"] == 2
    assert phase6["unknown_locations"] == 1


def test_phase_means(h: compute.History) -> None:
    phase1 = h.mean_scores.query("group == 1").set_index("period")  # M01 only
    assert phase1.loc[P("2008-T1"), "mean"] == (1 + 0 + W[2]) / 3
    assert phase1.loc[P("2008-T2"), "mean_pct"] == 66  # (1 + 0,33 + 0,66) / 3 = 0,663
    table = text_tables.phase_means_display(h)
    assert list(table.columns) == ["Fase", "apr-08", "aug-08", "dec-08"]
    assert table.iloc[0].tolist() == ["Totaal", "49\u00a0%", "51\u00a0%", "56\u00a0%"]


def test_tabel3_backtest_only_covered_periods(h: compute.History) -> None:
    check = compute.tabel3_backtest(h)
    assert check[["period", "computed", "published", "equal"]].values.tolist() == [
        [P("2008-T1"), 49, 49, True],
        [P("2008-T2"), 51, 56, False],
        [P("2008-T3"), 56, 60, False],
    ]


def test_tabel3_backtest_skips_uncovered_period(tmp_path: Path) -> None:
    root = _root(tmp_path, {"2009-T3": HISTORY["2008-T1"], "2010-T1": HISTORY["2008-T2"]})
    h = compute.load("2010-T1", root=str(root))
    assert compute.tabel3_backtest(h)["period"].tolist() == [P("2009-T3")]
    table = text_tables.tabel3_display(h)
    assert table["AKO Tabel 3"].tolist() == ["73\u00a0%", "–"]
    assert "geen gemiddelde gepubliceerd" in text.tabel3_sentence(h)


# --- change per location ---------------------------------------------------------------------


def test_change_classes(h: compute.History) -> None:
    previous = locations.change_classes(h, "previous")
    assert previous.to_dict() == {
        P("2008-T2"): {"A": "equal", "B": "improved", "C": "improved"},
        P("2008-T3"): {"A": "worse", "B": "improved", "C": "improved"},
    }
    first = locations.change_classes(h, "first")
    assert first[P("2008-T3")].to_dict() == {"A": "worse", "B": "improved", "C": "improved"}
    counts = locations.change_counts(h, "previous")
    assert counts.loc[P("2008-T2")].tolist() == [2, 1, 0, 0]  # improved, equal, worse, unknown
    shown = text_tables.change_display(h, "previous")
    assert shown.iloc[0].tolist() == ["1e tertaal 2008", "–", "–", "–", "–"]
    assert shown.iloc[2].tolist() == ["3e tertaal 2008", "aug-08", "2", "0", "1"]


def test_missing_location_is_unknown(tmp_path: Path) -> None:
    history = {"2008-T1": HISTORY["2008-T1"], "2008-T2": {"A": [3] * 14, "B": [1] * 14}}
    h = compute.load("2008-T2", root=str(_root(tmp_path, history)))
    assert locations.change_classes(h)[P("2008-T2")].to_dict() == {
        "A": "equal",
        "B": "improved",
        "C": "unknown",
    }
    assert "Onbekend" in text_tables.change_display(h).columns


def test_progress_in_year_and_claims(tmp_path: Path) -> None:
    history = {"2008-T3": HISTORY["2008-T1"], "2009-T2": HISTORY["2008-T2"]}
    history["2009-T3"] = HISTORY["2008-T3"]
    h = compute.load("2009-T3", root=str(_root(tmp_path, history)))
    progress = locations.progress_in_year(h, 2009)
    assert (progress.progressed, progress.base, progress.pct) == (2, 3, 67)
    assert locations.progress_in_year(h, 2008) is None  # 2007-T3 is missing
    claims = locations.change_claims(h).set_index("claim")
    assert claims.loc["progressed_locations_2009", "computed"] == 2
    assert claims.loc["progressed_locations_2009", "published"] == 120
    assert claims.loc["without_portfolio_division_2009_T2", "computed"] == 1  # B's M08
    assert claims.loc["green_locations_increase_since_2009_T2", "computed"] == -1  # A drops
    sentence = text.progress_sentence(h)
    assert "Het AKO noemt 120 Werkpleinen (96\u00a0%). Het aantal is *afwijkend*" in sentence
    assert "de antwoorden geven 2, gepubliceerd is 120" in sentence  # real answers (no sidecar)
    # the percentage follows from the published 120 of 125 alone, whatever the answers
    assert "Het percentage is *gereproduceerd*" in sentence


def test_laggards(tmp_path: Path) -> None:
    history = {
        "2008-T1": {"A": [3] * 14, "B": [0] * 14, "C": [1] * 14, "D": [2] * 14},
        "2008-T2": {"A": [3] * 14, "B": [1] * 14, "C": [1] * 14, "D": [3] * 14},
    }
    h = compute.load("2008-T2", root=str(_root(tmp_path, history)))
    # lowest in 2008-T2: B and C tie at 33 %, so both are in with n = 1
    # least change: C (0) - A is at 100 % and is no laggard
    table = locations.laggards(h, n=1)
    assert list(table.index) == ["B", "C"]
    assert table["lowest"].tolist() == [True, True]
    assert table["least_progress"].tolist() == [False, True]
    assert table["change"].tolist() == [W[1], F(0)]
    shown = text_tables.laggards_display(h, n=1)
    assert shown.columns.tolist() == [
        "Werkplein",
        "apr-08",
        "aug-08",
        "Verschil apr-08–aug-08",
        "Laagste score",
        "Kleinste veran\u00addering",
    ]
    # scores and change on one basis: exact, one decimal (33 - 0 = +33,0)
    assert shown.iloc[0].tolist() == ["B", "0,0", "33,0", "+33,0", "ja", "nee"]
    assert shown.iloc[1, -3:].tolist() == ["0,0", "ja", "ja"]
    # B and C tie exactly at the cut-off of the 'lowest' list: both in, and said so
    cuts = locations.cutoffs(h, n=1)
    assert (cuts["lowest"].value, cuts["lowest"].selected, cuts["lowest"].ties) == (W[1], 2, 1)
    assert cuts["least_progress"].ties == 0
    assert "kwamen er 1 Werkplein bij de laagste score bij" in text.laggards_sentence(h, n=1)


# --- fitted trends and projections -------------------------------------------------------------


def _linear(t: np.ndarray, y: np.ndarray) -> stats.TrendFit | None:
    """The chapter's straight line (target 100 %) from 2008-T1 on."""
    return stats.linear_trend(t, y, Period(2008, 1), compute.TARGETS[stats.LINEAR])


def _saturating(t: np.ndarray, y: np.ndarray) -> stats.TrendFit | None:
    """The chapter's saturating curve (targets 95 and 99 %) from 2008-T1 on."""
    return stats.saturating_trend(t, y, Period(2008, 1), compute.TARGETS[stats.SATURATING])


def test_linear_projection_on_a_perfect_line() -> None:
    fit = _linear(np.array([0, 1, 2]), np.array([40.0, 50.0, 60.0]))
    assert fit.params["b1"] == pytest.approx(10) and fit.params["b0"] == pytest.approx(40)
    (p,) = fit.crossings
    assert p.target == 100 and p.t == pytest.approx(6)
    assert p.period == Period(2010, 1)  # 2008-T1 + 6 tertalen
    # zero residuals: the interval collapses to the point (degenerate, no crash)
    assert p.has_interval and p.low == p.high == p.t
    assert p.low_period == p.high_period == Period(2010, 1)
    lo, hi = fit.band(np.array([3.0]))
    assert lo[0] == pytest.approx(70) and hi[0] == pytest.approx(70)


def test_linear_projection_interval_is_the_inverse_of_the_band() -> None:
    t = np.arange(6.0)
    fit = _linear(t, np.array([49.5, 56.5, 60.5, 65.5, 67.5, 73.8]))
    (p,) = fit.crossings
    assert p.low < p.t < p.high
    # at the interval's ends 100 % lies exactly on the 95 % band of the line
    assert fit.band(np.array([p.low]))[1][0] == pytest.approx(100)
    assert fit.band(np.array([p.high]))[0][0] == pytest.approx(100)


def test_two_points_give_a_projection_without_interval() -> None:
    fit = _linear(np.array([0.0, 1.0]), np.array([40.0, 50.0]))
    (p,) = fit.crossings
    assert p.t == pytest.approx(6) and not p.has_interval and fit.band is None


def test_flat_line_never_reaches_100() -> None:
    fit = _linear(np.arange(3.0), np.array([50.0, 50.0, 50.0]))
    assert fit.crossings[0].t is None and fit.crossings[0].period is None


def test_saturating_projection_on_an_exact_curve() -> None:
    t = np.arange(4.0)
    y = 100 - 50 * 2.0**-t  # a = 50, k = ln 2: the gap to 100 % halves every tertaal
    fit = _saturating(t, y)
    assert fit.params["a"] == pytest.approx(50) and fit.params["k"] == pytest.approx(math.log(2))
    p95, p99 = fit.crossings
    assert p95.t == pytest.approx(math.log2(10)) and p95.period == Period(2009, 2)
    assert p99.t == pytest.approx(math.log2(50)) and p99.period == Period(2010, 1)
    assert p95.low == pytest.approx(p95.t, abs=1e-4) and p95.high == pytest.approx(p95.t, abs=1e-4)


def test_crossings_on_noisy_data_are_deterministic(h: compute.History) -> None:
    first = [(p.model, p.target, p.t, p.low, p.high) for p in compute.crossings(h)]
    second = [(p.model, p.target, p.t, p.low, p.high) for p in compute.crossings(h)]
    assert first == second
    assert [(m, t) for m, t, *_ in first] == [
        ("linear", 100),
        ("saturating", 95),
        ("saturating", 99),
    ]
    for _, _, t, low, high in first:
        assert low <= t <= high or not math.isfinite(high)


# --- one tertaal -----------------------------------------------------------------------------


def test_single_period(tmp_path: Path) -> None:
    h = compute.load("2009-T3", root=str(_root(tmp_path, {"2008-T1": HISTORY["2008-T1"]})))
    assert h.periods == (P("2008-T1"),)
    assert compute.fits(h) == {} and compute.crossings(h) == []
    assert plots.projection(h) is None
    assert "geen trend te schatten" in text_projection.projection_sentence(h)
    assert "alleen Landkaart-data van het 1e tertaal 2008" in text.single_period_note(h)
    assert "geen gegevens verwerkt" in text.data_note(h)  # asked for 2009-T3
    assert locations.change_counts(h).empty
    assert text_tables.change_display(h).iloc[0].tolist() == ["1e tertaal 2008", "–", "–", "–", "–"]
    assert text.change_sentence(h) == ""
    assert "niet te bepalen" in text.progress_sentence(h)
    assert text_tables.claims_display(h)["Berekend"].tolist() == ["–"] * 4
    assert list(text_tables.laggards_display(h).columns) == ["Werkplein", "apr-08", "Laagste score"]
    for fig in (plots.trend_lines(h), plots.distribution(h)):
        assert any(ax.has_data() for ax in fig.axes)


def test_tidy_tables_mark_what_rests_on_synthetic_answers(tmp_path: Path) -> None:
    """Means say per period; everything that compares periods is synthetic if any period is."""
    root = _root(tmp_path, {})
    _write_period(root, "2008-T1", HISTORY["2008-T1"], synthetic=True)
    _write_period(root, "2008-T2", HISTORY["2008-T2"], synthetic=False)
    tables = compute.tables(P("2008-T2"), "ako-2009", Paths(root))
    means = tables["means"]
    assert dict(zip(means["period"], means["synthetic"], strict=True)) == {
        P("2008-T1"): True, P("2008-T2"): False
    }  # fmt: skip
    for name in ("changes", "laggards", "bands", "claims"):
        assert tables[name]["synthetic"].all(), name
    # the main fit rests on the real series (real 2008-T2, published 2008-T1), the comparison
    # on the synthetic means
    fits = tables["fits"]
    assert fits.loc[fits["basis"] == "main", "synthetic"].eq(False).all()
    assert fits.loc[fits["basis"] == "comparison", "synthetic"].all()
    series = tables["real-series"]
    assert series[["t", "value_pct", "source"]].values.tolist() == [
        [0, 49.5, "published"],  # Tabel 3 apr-08 = 49, centre of [49, 50)
        [1, pytest.approx(float(F(1) + W[1] / 14 + (7 * W[2] + 6 * W[1]) / 13) * 100 / 3),
         "computed"],
    ]  # fmt: skip
    real = _root(tmp_path / "real", {"2008-T1": HISTORY["2008-T1"]})
    assert not compute.tables(P("2008-T1"), "ako-2009", Paths(real))["laggards"]["synthetic"].any()


def test_figures_have_data(h: compute.History) -> None:
    for fig in (
        plots.trend_lines(h),
        plots.projection(h),
        plots.distribution(h),
    ):
        assert all(ax.has_data() for ax in fig.axes)


def test_no_history_is_a_clear_error(tmp_path: Path) -> None:
    root = _root(tmp_path, {})
    with pytest.raises(FileNotFoundError, match="analysis ingest --period 2009-T3"):
        compute.load("2009-T3", root=str(root))


def test_display_tables_are_strings(h: compute.History) -> None:
    for table in (
        text_tables.tabel3_display(h),
        text_tables.phase_means_display(h),
        text_tables.change_display(h, "first"),
        text_tables.band_display(h),
        text_tables.claims_display(h),
        text_tables.laggards_display(h),
    ):
        assert all(isinstance(v, str) for v in table.to_numpy().ravel())
    assert pd.Series(text_tables.tabel3_display(h)["Lege antwoorden"]).tolist() == ["0", "1", "0"]


def test_insignificant_slope_gives_an_unbounded_interval() -> None:
    fit = _linear(np.arange(4.0), np.array([50.0, 60.0, 50.0, 61.0]))
    (p,) = fit.crossings
    assert p.t is not None and p.t > 0  # the line rises a little
    assert p.low == -math.inf and p.high == math.inf and p.high_period is None


# --- regressions from the code review ----------------------------------------------------------


def test_projection_figure_without_tabel3_overlap(tmp_path: Path) -> None:
    """A history that Tabel 3 (2008-T1 ... 2009-T3) does not cover still gets its figures."""
    history = {"2010-T1": HISTORY["2008-T1"], "2010-T2": HISTORY["2008-T2"]}
    h = compute.load("2010-T2", root=str(_root(tmp_path, history)))
    assert compute.tabel3_backtest(h).empty
    assert plots._published_series(h) == ([], [])
    fig = plots.projection(h)
    assert fig is not None and fig.axes[0].has_data()
    assert fig.axes[0].get_ylim()[0] == 30  # 10 below the lowest mean (49,7 %), in tens
    assert plots.trend_lines(h).axes[0].has_data()


def test_change_sentence_without_a_common_werkplein(tmp_path: Path) -> None:
    history = {"2008-T1": {"A": [3] * 14}, "2008-T2": {"B": [1] * 14}}
    h = compute.load("2008-T2", root=str(_root(tmp_path, history)))
    sentence = text.change_sentence(h)
    assert "alle 0" not in sentence
    assert sentence.startswith(
        "Geen enkel Werkplein heeft een totaalscore in zowel het 1e tertaal 2008 als het "
        "2e tertaal 2008"
    )


def test_falling_line_has_a_minus_sign_in_the_legend(tmp_path: Path) -> None:
    history = {"2008-T1": {"A": [3] * 14}, "2008-T2": {"A": [2] * 14}}  # 100 % -> 66 %
    h = compute.load("2008-T2", root=str(_root(tmp_path, history)))
    assert compute.fits(h)[compute.LINEAR].params["b1"] == pytest.approx(-34)
    _, labels = plots.projection(h).axes[0].get_legend_handles_labels()
    assert "rechte lijn: −34,0 procentpunt per tertaal" in labels
    assert not any("+-" in label for label in labels)


def test_fits_means_and_laggards_are_computed_once(
    h: compute.History, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"saturating": 0, "phase_tables": 0, "laggards": 0}

    def counting(name, func):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return func(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        projection, "saturating_trend", counting("saturating", projection.saturating_trend)
    )
    monkeypatch.setattr(locations, "_laggards", counting("laggards", locations._laggards))
    monkeypatch.setattr(scoring, "phase_table", counting("phase_tables", scoring.phase_table))
    text_projection.projection_sentence(h)
    plots.projection(h)
    compute.crossings(h)
    text_tables.tabel3_display(h)
    text.tabel3_sentence(h)
    text_tables.phase_means_display(h)
    plots.trend_lines(h)
    text_tables.laggards_display(h)
    text.laggards_sentence(h)
    assert calls == {"saturating": 1, "phase_tables": h.n_periods, "laggards": 1}
    assert h.overall_means is h.overall_means and h.mean_scores is h.mean_scores
    assert locations.laggards(h, 1) is not locations.laggards(h)  # cached per n
    assert calls["laggards"] == 2


def test_tabel3_is_read_once_and_displayed_from_the_backtest(
    h: compute.History, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = []
    load_table = published.load_table
    monkeypatch.setattr(
        published,
        "load_table",
        lambda name, paths=None: reads.append(name) or load_table(name, paths),
    )
    table = text_tables.tabel3_display(h)
    text.tabel3_sentence(h)
    plots.trend_lines(h)
    plots.projection(h)
    assert reads == [checks.TABEL_3]
    check = compute.tabel3_backtest(h)
    assert table["Oordeel"].tolist() == check["verdict"].tolist()
    assert table["AKO Tabel 3"].tolist() == ["49\u00a0%", "56\u00a0%", "60\u00a0%"]


def test_dates_come_from_period(tmp_path: Path, h: compute.History) -> None:
    sentence = text_projection.projection_sentence(h)
    # the answers are real here (no synthetic sidecar): the trend runs through their means
    assert "de lijn snijdt 100 % na 16,2 tertalen, dus in het 3e tertaal 2013" in sentence
    assert "95 % na 35,8 tertalen, dus in het 1e tertaal 2020" in sentence
    assert "95\u00a0%-betrouwbaarheidsinterval onbegrensd" in sentence
    history = {"2008-T3": HISTORY["2008-T1"], "2009-T3": HISTORY["2008-T3"]}
    later = compute.load("2009-T3", root=str(_root(tmp_path / "later", history)))
    assert "eind 2009 (dec-09) hoger is dan eind 2008 (dec-08)" in text.progress_sentence(later)


def test_year_progress_pct_rounds_halves_up() -> None:
    assert locations.YearProgress(2009, 1, 8).pct == 13  # 12,5 %
    assert locations.YearProgress(2009, 1, 200).pct == 1  # 0,5 %
    assert locations.YearProgress(2009, 120, 125).pct == 96
    assert locations.YearProgress(2009, 0, 0).pct is None


def test_green_claim_counts_the_volledig_band(tmp_path: Path) -> None:
    history = {
        "2009-T2": {"A": [3] * 14, "B": [3] * 13 + [2], "C": [0] * 14},
        "2009-T3": {"A": [3] * 14, "B": [3] * 14, "C": [3] * 14},
    }
    h = compute.load("2009-T3", root=str(_root(tmp_path, history)))
    claims = locations.change_claims(h).set_index("claim")["computed"]
    assert claims["green_locations_increase_since_2009_T2"] == 2  # B and C reach 100 %
    assert claims["without_portfolio_division_2009_T2"] == 1  # C's M08 is 'niet'


def test_distribution_uses_the_report_legend(h: compute.History) -> None:
    fig = plots.distribution(h)
    (legend,) = fig.legends
    entries = h.codebook.legend_entries(with_unknown=False)
    expected = [p.get_label() for p in plotting.legend_handles(entries)]
    assert [t.get_text() for t in legend.get_texts()] == expected


# --- verdicts, synthetic marks, policy dates, summary (issue 10) ---------------------------


def test_mean_from_counts_hand_case() -> None:
    """Two locations, two milestones: the total mean is the mean of the milestone means."""
    counts = pd.DataFrame({0: [1, 0], 1: [0, 1], 2: [0, 1], 3: [1, 0]}, index=["M01", "M02"])
    rule = scoring.get_rule("ako-2009")
    assert scoring.mean_from_counts(counts, rule) == (F(1, 2) + (W[1] + W[2]) / 2) / 2
    with pytest.raises(ValueError, match="different numbers of locations"):
        scoring.mean_from_counts(pd.DataFrame({0: [1, 2]}, index=["M01", "M02"]), rule)


def test_audit_of_tabel3_and_the_change_claims(ingested_root: Paths) -> None:
    """Tabel 3's dec-09 and the 96 % follow from published figures alone, dec-09 only with the
    rule chosen because it gives Tabel 2's means (past na keuze, one of 6 rules); the rest
    matches only because the synthetic answers were made to."""
    audit = compute.tables(P("2009-T3"), "ako-2009", ingested_root)["audit"]
    rows = audit.set_index("published_key")
    assert sorted(rows.index) == sorted(
        [f"ako-2009-T3-tabel-3:{n}" for n in range(2, 8)]
        + [f"ako-2009-T3-claims:{n}" for n in (5, 7, 8, 9)]
    )
    assert rows.loc["ako-2009-T3-tabel-3:7", ["computed", "verdict", "candidates"]].tolist() == [
        73, "past na keuze", 6,
    ]  # fmt: skip
    assert "uit 6 rekenregels (1 daarvan geeft dit getal)" in rows.loc["ako-2009-T3-tabel-3:7",
                                                                       "reason"]  # fmt: skip
    assert rows.loc["ako-2009-T3-claims:8", "verdict"] == "gereproduceerd"  # 120 of 125 = 96 %
    assert "half naar boven" in rows.loc["ako-2009-T3-claims:8", "rule"]
    assert verdicts.counts(audit) == {
        "gereproduceerd": 1, "per constructie": 8, "past na keuze": 1, "per definitie": 0,
        "afwijkend": 0, "niet te controleren": 0,
    }  # fmt: skip


def _flip_synthetic(root: Path, value: bool) -> None:
    for meta in Paths(root).processed.rglob("metadata.json"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        meta.write_text(json.dumps({**data, "synthetic": value}), encoding="utf-8")


def test_synthetic_marks_disappear_with_real_input(ingested_root: Paths, tmp_path: Path) -> None:
    h = compute.load("2009-T3", root=ingested_root)
    assert h.synthetic
    for label in text.CAPTIONS:
        assert "synthetische gegevens" in text.caption(h, label), label
    assert "synthetisch" in text_projection.caption(h) + text_projection.table_caption(h)
    assert "In de synthetische gegevens ging" in text.change_sentence(h)
    assert "Synthetische gegevens" in text.alt(h, "fig-trend")
    assert set(h.real_series["source"]) == {"published"} and compute.comparison_fits(h)
    # the same answers, declared real (no synthetic flag): every mark goes, the verdicts change
    real_root = tmp_path / "real"
    shutil.copytree(ingested_root.root, real_root)
    _flip_synthetic(real_root, False)
    real = compute.load("2009-T3", root=str(real_root))
    assert not real.synthetic and not compute.comparison_fits(real)
    words = [text.caption(real, label) for label in text.CAPTIONS] + [
        text_projection.caption(real), text_projection.table_caption(real),
        text.data_note(real), text.change_sentence(real), text.progress_sentence(real),
        text.laggards_sentence(real), text.alt(real, "fig-verdeling"),
        text_projection.method_text(real), text_projection.projection_sentence(real),
    ]  # fmt: skip
    assert not [w for w in words if "synthet" in w.lower()]
    assert set(real.real_series["source"]) == {"computed"}  # exact means of real answers
    # real answers of other tertalen reproduce; dec-09 still rests on the fitted rule
    found = compute.tabel3_backtest(real).set_index("period")["verdict"]
    assert found.pop(P("2009-T3")) == "past na keuze"
    assert set(found) == {"gereproduceerd"}
    assert text.change_sentence(real).startswith("Van het 1e tertaal 2008 tot het 3e tertaal")


def test_projection_words(ingested_root: Paths) -> None:
    h = compute.load("2009-T3", root=ingested_root)
    sentence = text_projection.projection_sentence(h)
    assert "na 10,9 tertalen, dus in het 3e tertaal 2011 (95\u00a0%-betrouwbaarheidsinterval" in (
        sentence
    )
    assert "dec-" not in sentence and "apr-" not in sentence  # tertalen, not month labels
    method = text_projection.method_text(h)
    for symbol in ("*b*~0~ is", "*b*~1~ de", "*a* is", "*k* de", "*t* de tijd", "*n* het"):
        assert symbol in method
    assert "geen voorspellingsinterval" in method
    policy = text_projection.policy_sentence(h)
    assert "31 december 2009" in policy and "12 van de 125 Werkpleinen" in policy
    assert "31 december 2010" in policy and "3 tertalen na het eind" in policy
    table = text_tables.projections_display(h)
    assert table["Bereikt in"].tolist()[:3] == [
        "3e tertaal 2011", "3e tertaal 2014", "1e tertaal 2019",
    ]  # fmt: skip
    assert table["Reeks"].tolist() == ["gepubliceerd"] * 3 + ["synthetisch"] * 3
    assert table.iloc[0, 1:3].tolist() == ["rechte lijn, 100\u00a0%", "10,9"]
    assert table.columns[2] == "Snijpunt (tertalen na 30 april 2008)"
    _, labels = plots.projection(h).axes[0].get_legend_handles_labels()
    assert {plots.MOMENT_NAME, f"{plots.BAND_NAME}, rechte lijn"} <= set(labels)


def test_summary_and_availability(ingested_root: Paths, tmp_path: Path) -> None:
    summary = text.summary(compute.facts(P("2009-T3"), "ako-2009", ingested_root))
    lines = summary.strip().split("\n")
    assert 2 <= len(lines) <= 5 and all(line.startswith("- ") for line in lines)
    assert "geen van de 6 gemiddelden is gereproduceerd" in lines[0]
    assert "5 per constructie gelijk" in lines[0]
    assert "1 gelijk na de keuze van de rekenregel" in lines[0]
    assert "stond de gemiddelde Landkaart-score op 73\u00a0%" in summary
    assert not re.search(r"(?<![\w\[(])-\s?\d", summary)
    assert in_report("trend", P("2009-T3"), ingested_root)
    assert not in_report("trend", P("2007-T3"), ingested_root)
