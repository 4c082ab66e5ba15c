"""Labour-market chapter (AKO 2009-T3 §3.1-3.2): backtests against seed 003, hand-computed
mutations and projections, and new peildata as a data change only."""

from __future__ import annotations

import inspect
import math
import re
import shutil
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.chapters.arbeidsmarkt import checks as am_checks
from analysis.chapters.arbeidsmarkt import compute as am_
from analysis.chapters.arbeidsmarkt import plots as plots_arbeidsmarkt
from analysis.chapters.arbeidsmarkt import series as am_series
from analysis.chapters.arbeidsmarkt import target as am_target
from analysis.chapters.arbeidsmarkt import text as am_text
from analysis.chapters.arbeidsmarkt import text_labels as am_labels
from analysis.chapters.arbeidsmarkt import text_tables as am_tables
from analysis.core import stats as core_stats
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.formatting import number
from analysis.core.periods import Period
from analysis.ingest import arbeidsmarkt as ingest
from analysis.study import verdicts
from analysis.study.dag import in_report

SEED = "003_77befd6bc52bd4bb.txt"
T = pd.Timestamp


@pytest.fixture(scope="module")
def am() -> am_.Arbeidsmarkt:
    return am_.load("2009-T3")


@pytest.fixture
def tmp_root(tmp_path):
    """A copy of the data folders the chapter reads, under a fresh project root."""
    paths = Paths()
    copy = Paths(tmp_path)
    shutil.copytree(paths.arbeidsmarkt, copy.arbeidsmarkt)
    shutil.copytree(paths.published, copy.published)
    return tmp_path


# --------------------------------------------------------------------------- the data


def test_standcijfers_as_transcribed(am):
    stand = am.standcijfers_all
    assert set(ingest.STAND_COLUMNS) <= set(stand.columns)
    assert (stand["source_file"] == SEED).all()
    assert (stand["unit"] == "x1000").all()
    table = am_.wide(stand)
    assert list(table.columns) == [
        T("2006-12-31"), T("2007-12-31"), T("2008-12-31"),
        T("2009-04-30"), T("2009-08-31"), T("2009-10-31"),
    ]  # fmt: skip
    assert table.loc["niet_werkende_werkzoekenden"].tolist() == [554, 458, 417, 469, 488, 493]
    assert table.loc["ww_uitkeringen"].tolist() == [249, 192, 179, 207, 270, 289]
    assert table.loc["ag_uitkeringen"].tolist() == [861, 844, 841, 833, 830, 831]
    assert table.loc["wwb_uitkeringen_lt65"].tolist() == [301, 274, 270, 265, 274, 276]
    # 'n.b.' stays missing, never zero
    assert table.loc["nuggers"].isna().all()


def test_column_labels_are_derived_from_peildatum(am):
    """The printed headings follow from the date, so a new month needs no label by hand."""
    stand = am.standcijfers_all
    derived = stand["peildatum"].map(am_labels.column_label)
    assert (derived == stand["column_label"]).all()
    assert am_labels.column_label(T("2009-11-30")) == "Ultimo november 2009"


def test_uitstroom_as_transcribed(am):
    uit = am.uitstroom_all
    assert (uit["source_file"] == SEED).all()
    real = uit[uit["measure"] == "realisatie"].set_index("series")["value"]
    target = uit[uit["measure"] == "streefwaarde"].set_index("series")["value"]
    assert real.to_dict() == {
        "uitstroom_werk_totaal": 246848, "uitstroom_werk_ww": 212941,
        "uitstroom_werk_wwb": 24504, "uitstroom_werk_nug": 9403,
        "preventie_ww": 13017, "frictie_ww": 94436,
    }  # fmt: skip
    assert target[["uitstroom_werk_totaal", "preventie_ww", "frictie_ww"]].tolist() == [
        233000, 22000, 59000,
    ]  # fmt: skip
    # no target printed for the parts: missing, not zero
    assert target[list(am_series.OUTFLOW_PARTS)].isna().all()


# --------------------------------------------------------------------------- backtests


def test_all_published_derived_values_reproduced(am):
    check = am_checks.backtests(am)
    assert len(check) == 14  # 5 column cells (1 n.b.), 6 row cells, 3 percentages
    bad = check[~check["equal"]]
    assert bad.empty, bad.to_string()


def test_mutatie_column_is_change_since_ultimo_2006(am):
    changes = am_series.mutations(am_.wide(am.standcijfers_all))
    assert changes[T("2009-10-31")].tolist()[:4] == [-61, 40, -30, -25]
    assert math.isnan(changes.loc["nuggers", T("2009-10-31")])


def test_mutatie_row_composition_is_unique(am):
    """Of the 80 weightings -1/0/+1 of the four known series, exactly one hits all 6 columns."""
    fit = am_series.composition_fit(am_.wide(am.standcijfers_all), am.published)
    assert len(fit) == 80
    assert fit.loc[0, "weights"] == am_series.COMPOSITION
    assert (fit["hits"] == 6).sum() == 1
    assert fit.loc[0, "hits_informative"] == 5
    assert fit.loc[1, "hits"] <= 2
    row = am_series.mutatie_row(am_.wide(am.standcijfers_all))
    assert row.tolist() == [0, 197, 258, 191, 103, 76]


def test_mutatie_row_equals_minus_column_sum(am):
    internal = am_checks.internal_checks(am).set_index("claim")
    check = internal.loc[am_checks.ROW_SUM_CLAIM]
    assert check["table"] == check["text"] == 76000
    assert check["equal"]
    shown = am_labels.labelled_claims(am).set_index("claim").loc[am_checks.ROW_SUM_CLAIM]
    assert shown["label"] == "Mutatie-rij, laatste kolom = −(som van de Mutatie-kolom)"


@pytest.mark.parametrize(
    ("series", "published"),
    [("uitstroom_werk_totaal", 105.9), ("preventie_ww", 59.2), ("frictie_ww", 160.1)],
)
def test_outflow_percentages(am, series, published):
    table = am_series.outflow(am.uitstroom)
    assert am_series.round_pct(table.loc[series, "pct"], 1) == published


def test_outflow_parts_add_up_and_missing_targets_give_no_percentage(am):
    table = am_series.outflow(am.uitstroom)
    assert table.loc[list(am_series.OUTFLOW_PARTS), "realisatie"].sum() == 246848
    assert all(table.loc[p, "pct"] is None for p in am_series.OUTFLOW_PARTS)


def test_text_claims_ww_ag_direction_flagged(am):
    claims = am_checks.text_claims(am).set_index("series")
    ww_ag = claims.loc["ww_uitkeringen+ag_uitkeringen"]
    assert (ww_ag["table"], ww_ag["text"], ww_ag["equal"]) == (10000, -10000, False)
    shown = am_labels.labelled_claims(am).set_index("series").loc["ww_uitkeringen+ag_uitkeringen"]
    assert shown["label"] == "WW-/AG-ers t.o.v. ultimo 2006 (ultimo oktober 2009)"
    assert "richting" in shown["note"]
    others = claims.drop(index="ww_uitkeringen+ag_uitkeringen")
    assert others["equal"].all()
    assert sorted(others["table"]) == [-61000, -25000]
    assert "−10.000" in am_text.claims_note(am) and "+10.000" in am_text.claims_note(am)


def test_every_line_falls_short_and_only_the_peak_window_is_sure(am):
    """Every straight line ends below 210 at ultimo 2010, so the text's 'niet gaat lukken' is
    what the figures indicate, whatever the start (gereproduceerd, not 'open'); only the
    window from the peak (ultimo 2008) puts 210 above its prediction interval."""
    assert am.target == 210
    verdict = am_.target_verdict(am)
    assert verdict["text_reachable"] is False
    assert verdict["windows"] == {
        T("2006-12-31"): None, T("2007-12-31"): None, T("2008-12-31"): False,
        T("2009-04-30"): None,
    }  # fmt: skip
    assert set(verdict["below"].values()) == {True}
    assert verdict["reachable"] is False  # every line ends below the target
    mean, lo, hi = am_.projections(am)[T("2008-12-31")].interval
    assert hi < 210
    audit = am_checks.audit(am).set_index("published_key")
    row = audit.loc["ako-2009-T3-arbeidsmarkt:20"]  # the text's 'niet gaat lukken'
    assert (row["verdict"], row["computed"], row["published"]) == ("gereproduceerd", 0, 0)
    assert "4 van de 4 rechte lijnen" in row["reason"] and "bij 1 van de 4" in row["reason"]
    assert am_.rise_since_peak(am) == (T("2008-12-31"), 182.0)  # 258 -> 76


def test_a_target_that_only_some_windows_miss_is_past_na_keuze(am, monkeypatch):
    """When the lines disagree, the text holds only for the starts chosen: past na keuze, with
    the number of starts; when none falls short, afwijkend."""
    below = dict(am_.target_verdict(am)["below"])
    mixed = {**am_.target_verdict(am), "below": {**below, T("2006-12-31"): False}}
    monkeypatch.setattr(am_checks, "target_verdict", lambda _: mixed)
    verdict, reason, choice = am_checks.target_claim.__wrapped__(am)
    assert verdict == "past na keuze" and (choice.candidates, choice.matching) == (4, 3)
    none = {**mixed, "below": {k: False for k in below}}
    monkeypatch.setattr(am_checks, "target_verdict", lambda _: none)
    assert am_checks.target_claim.__wrapped__(am)[0] == "afwijkend"


def test_projection_statements_give_each_window_its_own_interval(am):
    """One interval per statement: the text names each window's value at ultimo 2010 with its
    own prediction interval; it never merges them into one range (once: 'tussen −201 en
    195')."""
    note = " ".join(am_text.projection_note(am).split())
    for proj in am_.projections(am).values():
        mean, lo, hi = proj.interval
        assert f"op {number(mean)} (" in note and f"{number(lo)} tot {number(hi)})" in note
    assert "tussen −201 en 195" not in note and "beslissen de gegevens dus niet" not in note
    assert "geen enkele lijn haalt haar" in note


def test_mutations_hand_case():
    table = pd.DataFrame(
        {T("2006-12-31"): [10.0, 5.0, np.nan], T("2007-12-31"): [7.0, 9.0, 1.0]},
        index=["a", "b", "c"],
    )
    changes = am_series.mutations(table)
    assert changes[T("2007-12-31")].tolist()[:2] == [-3, 4]
    assert math.isnan(changes.loc["c", T("2007-12-31")])  # no base value: no change
    assert am_series.combine(changes, {"a": -1, "b": -1}).tolist() == [0, -1]
    assert am_series.combine(changes, {"a": 1, "b": -1}).tolist() == [0, -7]
    # a missing component makes the sum missing, not a partial sum
    assert am_series.combine(changes, {"a": -1, "c": -1}).isna().all()
    with pytest.raises(ValueError, match="base date"):
        am_series.mutations(table.drop(columns=T("2006-12-31")))


def test_formula_text():
    assert am_labels.formula_nl(am_series.COMPOSITION) == "−ΔNWW − ΔWW − ΔAG − ΔWWB"
    assert am_labels.formula_nl({"ww_uitkeringen": 1, "ag_uitkeringen": -1}) == "ΔWW − ΔAG"


# --------------------------------------------------------------------------- unit: projection


def test_fit_line_hand_case():
    """(0,0), (1,1), (2,3): b = 3/2, a = -1/6, s² = (1/36 + 4/36 + 1/36)/1 = 1/6.

    At x0 = 3: ŷ = 13/3, se² = s² (1 + 1/3 + (3-1)²/2) = 5/9, half width t(0.975; 1) √(5/9).
    """
    fit = core_stats.fit_line([0, 1, 2], [0, 1, 3])
    assert fit.slope == pytest.approx(1.5)
    assert fit.intercept == pytest.approx(-1 / 6)
    assert fit.sigma**2 == pytest.approx(1 / 6)
    assert fit.df == 1
    mean, lo, hi = fit.predict(3.0)
    half = 12.706204736174698 * math.sqrt(5 / 9)
    assert mean == pytest.approx(13 / 3)
    assert (lo, hi) == (pytest.approx(13 / 3 - half), pytest.approx(13 / 3 + half))


def test_fit_line_exact_line_has_zero_width_interval():
    fit = core_stats.fit_line([0, 1, 2, 3], [10, 8, 6, 4])
    mean, lo, hi = fit.predict(5.0)
    assert (mean, lo, hi) == (pytest.approx(0), pytest.approx(0), pytest.approx(0))


def test_projection_needs_three_peildata():
    """The shared line takes 2 points (no error estimate); the chapter's trend needs 3."""
    assert core_stats.fit_line([0, 1], [0, 1]).df == 0
    two = pd.Series([0.0, 5.0], index=[T("2006-12-31"), T("2007-12-31")])
    assert am_series.project(two, T("2006-12-31")) is None
    assert am_series.window_projections(two) == {}
    three = pd.concat([two, pd.Series([7.0], index=[T("2008-12-31")])])
    assert am_series.project(three, T("2006-12-31")).fit.n == 3
    assert list(am_series.window_projections(three)) == [T("2006-12-31")]


def test_projection_by_textbook_formulas(am):
    """The chapter's projections against the closed-form OLS prediction interval, written out:
    b = Sxy/Sxx, a = ȳ - b x̄, s² = SSE/(n-2), ŷ0 ± t(0.975; n-2) s √(1 + 1/n + (x0-x̄)²/Sxx),
    with x in years of 365,25 days since ultimo 2006 and x0 at ultimo 2010 (4 years)."""
    total = am_.total(am)
    x0 = 1461 / 365.25
    for first in ("2006-12-31", "2008-12-31"):
        dates = pd.DatetimeIndex(total.index[total.index >= T(first)])
        x = (dates - am_series.BASE_DATE).days.to_numpy() / 365.25
        y = total[dates].to_numpy()
        n, xbar, ybar = len(x), x.mean(), y.mean()
        sxx = ((x - xbar) ** 2).sum()
        b = ((x - xbar) * (y - ybar)).sum() / sxx
        a = ybar - b * xbar
        s = math.sqrt(((y - a - b * x) ** 2).sum() / (n - 2))
        half = stats.t.ppf(0.975, n - 2) * s * math.sqrt(1 + 1 / n + (x0 - xbar) ** 2 / sxx)
        proj = am_.projections(am)[T(first)]
        assert proj.fit.n == n and proj.fit.slope == pytest.approx(b)
        mean, lo, hi = proj.interval
        assert mean == pytest.approx(a + b * x0)
        assert (lo, hi) == (pytest.approx(a + b * x0 - half), pytest.approx(a + b * x0 + half))
    # the numbers the chapter prints for the window from the peak (× 1.000)
    shown = am_tables.projection_display(am).set_index("Venster")
    row = shown.loc["vanaf ultimo 2008 (de piek)"]
    assert row["Ultimo 2010"] == "−190"
    assert row["95 %-voorspellings\u00adinterval"] == "−268 tot −113"
    assert row["Interval t.o.v. 210"] == "geheel eronder"


def test_every_window_with_three_peildata():
    total = pd.Series(
        [0.0, 4.0, 9.0, 6.0, 2.0],
        index=pd.DatetimeIndex(
            ["2006-12-31", "2007-12-31", "2008-12-31", "2009-04-30", "2009-08-31"]
        ),
    )
    assert list(am_series.window_starts(total)) == [
        T("2006-12-31"),
        T("2007-12-31"),
        T("2008-12-31"),
    ]  # fmt: skip: the last window holds the last three peildata
    assert list(am_series.window_dates(total, T("2008-12-31"))) == [
        T("2008-12-31"), T("2009-04-30"), T("2009-08-31"),
    ]  # fmt: skip
    assert am_series.peak_date(total) == T("2008-12-31")
    assert list(am_series.window_projections(total)) == list(am_series.window_starts(total))
    with pytest.raises(ValueError, match="not a peildatum"):
        am_series.window_dates(total, T("2009-01-31"))


def test_target_path_and_progress():
    dates = pd.DatetimeIndex([am_series.BASE_DATE, T("2008-12-31"), am_series.TARGET_DATE])
    path = am_series.target_path(dates, 210)
    assert path[0] == 0 and path[-1] == pytest.approx(210)
    # ultimo 2008 is 731 of the 1461 days
    assert path[1] == pytest.approx(210 * 731 / 1461)
    prog = am_series.progress(pd.Series([0.0, 105.0, 210.0], index=dates), 210)
    assert prog["pct_of_target"].tolist() == [0, 50, 100]
    assert prog["pct_of_time"].iloc[1] == pytest.approx(100 * 731 / 1461)


def test_required_pace():
    total = pd.Series([0.0, 76.0], index=[am_series.BASE_DATE, T("2009-10-31")])
    # 134 thousand still to go in 426 days
    assert am_series.required_pace(total, 210) == pytest.approx(134 / (426 / 365.25))
    late = pd.Series([0.0, 76.0], index=[am_series.BASE_DATE, T("2011-01-31")])
    assert am_series.required_pace(late, 210) is None


def test_round_pct_half_up():
    assert am_series.round_pct(Fraction(21051, 200)) == 105.3  # 105.255 -> 105.3
    assert am_series.round_pct(Fraction(2105, 20)) == 105.3  # exactly 105.25: half up
    assert am_series.round_pct(Fraction(246848, 233000) * 100) == 105.9
    # the printed rounding read back: thousands separators and signs survive
    assert am_series.round_pct(Fraction(123456785, 100)) == 1234567.9
    assert am_series.round_pct(Fraction(-2105, 20)) == -105.3  # half away from zero, as printed
    assert am_series.round_pct(Fraction(1, 3), 0) == 0


# --------------------------------------------------------------------------- new data, periods


def test_new_peildatum_is_a_data_change_only(tmp_root):
    path = Paths(tmp_root).arbeidsmarkt / ingest.STANDCIJFERS_FILE
    new = {
        "niet_werkende_werkzoekenden": 500, "ww_uitkeringen": 295, "ag_uitkeringen": 830,
        "wwb_uitkeringen_lt65": 279, "nuggers": "",
    }  # fmt: skip
    with path.open("a", encoding="utf-8") as f:
        for series, value in new.items():
            f.write(
                f"2009-11-30,{series},{value},x1000,label,Ultimo november 2009,test,§3.2,test,\n"
            )
    am = am_.load("2009-T3", root=tmp_root)
    table = am_.wide(am.standcijfers)
    assert table.columns[-1] == T("2009-11-30")
    assert am_series.mutatie_row(table)[T("2009-11-30")] == 1965 - (500 + 295 + 830 + 279)
    assert am_checks.backtests(am)["equal"].all()  # the published values are still reproduced
    shown = am_tables.standcijfers_display(am)
    assert "Ultimo november 2009" in shown["Peildatum"].tolist()
    found = am_series.window_projections(am_series.mutatie_row(table))
    assert [p.fit.n for p in found.values()] == [7, 6, 5, 4, 3]  # one window more
    assert "ultimo november 2009" in am_text.coverage_note(am)
    # the period before does not see the new month
    assert am_.load("2009-T2", root=tmp_root).standcijfers["peildatum"].max() == T("2009-08-31")


@pytest.mark.parametrize("period", ["2008-T1", "2009-T2", "2010-T1"])
def test_other_periods_say_what_they_can(period):
    am = am_.load(period)
    assert not am.has_published
    assert (am.standcijfers["peildatum"] <= am.end).all()
    for build in (
        am_tables.standcijfers_display, am_tables.progress_display, am_tables.projection_display,
        am_tables.uitstroom_display, am_tables.claims_display, am_tables.composition_display,
    ):  # fmt: skip
        assert not build(am).empty
    for note in (
        am_text.coverage_note, am_text.backtest_note, am_text.projection_note,
        am_text.uitstroom_note, am_text.claims_note, am_text.composition_note,
    ):  # fmt: skip
        assert note(am).strip()
    assert "geen AKO" in am_text.coverage_note(am)


def test_period_before_the_base_date_says_what_it_can():
    """2006-T2 ends before ultimo 2006: no total, no projection, but no crash either."""
    am = am_.load("2006-T2")
    assert am.table.empty and am_.total(am) is None and am_.projections(am) == {}
    verdict = am_.target_verdict(am)
    assert verdict["windows"] == {} and verdict["reachable"] is None
    claims = am_tables.claims_display(am)
    assert claims["Bewering of samenhang"].tolist() == [
        "geen beweringen met een peildatum tot en met 31 augustus 2006"
    ]
    assert am_tables.standcijfers_display(am).empty
    assert am_tables.projection_display(am)["Venster"].str.startswith("te weinig").all()
    assert "Zonder standcijfers van ultimo 2006" in am_text.projection_note(am)
    assert "@tbl-projectie blijft leeg" in am_text.projection_intro(am)
    assert "geen peildata" in am_text.standcijfers_intro(am)
    fig = plots_arbeidsmarkt.standcijfers_chart(am)
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "Geen standcijfers vanaf ultimo 2006 voor 2006-T2."
    ]
    plt.close(fig)


def test_period_with_only_the_base_date_has_no_trend():
    am = am_.load("2006-T3")
    assert am_.total(am).tolist() == [0]
    assert am_.target_verdict(am)["windows"] == {}
    shown = am_tables.projection_display(am)
    assert shown.loc[0, "Venster"] == "te weinig peildata voor een trend (minstens 3)"
    assert am_text.projection_intro(am).startswith("Met 1 peildatum is geen trend")
    assert not am_tables.claims_display(am).empty


def test_chapter_text_counts_follow_the_data(am, tmp_root):
    """The counts in the chapter's prose come from the data, so a new month updates them."""
    assert "In de rij Nuggers staat overal 'n.b.'" in am_text.standcijfers_intro(am)
    assert "alle 4 vensters met minstens 3 van de 6 peildata" in am_text.projection_intro(am)
    assert "van de 4 bestanden" in am_text.composition_intro(am)
    assert "(80 kandidaten)" in am_text.composition_intro(am)
    assert "niet meegeteld: Nuggers." in am_text.composition_note(am)
    path = Paths(tmp_root).arbeidsmarkt / ingest.STANDCIJFERS_FILE
    new = {
        "niet_werkende_werkzoekenden": 500, "ww_uitkeringen": 295, "ag_uitkeringen": 830,
        "wwb_uitkeringen_lt65": 279, "nuggers": 120,
    }  # fmt: skip
    with path.open("a", encoding="utf-8") as f:
        for series, value in new.items():
            f.write(f"2009-11-30,{series},{value},x1000,l,Ultimo november 2009,test,§3.2,t,\n")
    later = am_.load("2009-T3", root=tmp_root)
    intro = am_text.standcijfers_intro(later)
    assert "overal" not in intro
    assert "In de rij Nuggers (6 van de 7) staat op een deel van de peildata 'n.b.'" in intro
    assert "alle 5 vensters met minstens 3 van de 7 peildata" in am_text.projection_intro(later)
    # the published columns still lack the Nuggers: the candidates do not change
    assert "(80 kandidaten)" in am_text.composition_intro(later)


def test_outflow_sum_is_checked_once(tmp_root):
    """uitstroom_note reports the same parts-vs-total check as internal_checks."""
    path = Paths(tmp_root).arbeidsmarkt / ingest.UITSTROOM_FILE
    text, row = path.read_text(encoding="utf-8"), ",uitstroom_werk_nug,realisatie,"
    assert text.count(f"{row}9403,") == 1
    path.write_text(text.replace(f"{row}9403,", f"{row}9400,"), encoding="utf-8")
    am = am_.load("2009-T3", root=tmp_root)
    check = am_checks.internal_checks(am).set_index("claim").loc[am_checks.OUTFLOW_SUM_CLAIM]
    assert (check["table"], check["text"], check["equal"]) == (246845, 246848, False)
    assert (
        "De drie deelcategorieën tellen op tot 246.845, niet gelijk aan het totaal van 246.848."
        in am_text.uitstroom_note(am)
    )
    published = am_text.uitstroom_note(am_.load("2009-T3"))
    assert "tellen op tot 246.848, gelijk aan het totaal van 246.848." in published


def test_published_values_loaded_through_published_module(am):
    pub = am_.load_published()
    assert pd.api.types.is_datetime64_any_dtype(pub["peildatum"])
    assert pub["value"].dtype == float
    nuggers = pub[(pub["statistic"] == "mutation_vs_base") & (pub["series"] == "nuggers")]
    assert nuggers["value"].isna().all()  # 'n.b.' in the source: missing, not 0
    assert (pub["quote"] == "").any()  # blank text stays text
    assert am.target == 210


def test_window_names(am):
    assert am_tables.projection_display(am)["Venster"].tolist() == [
        "vanaf ultimo 2006 (alle peildata)",
        "vanaf ultimo 2007",
        "vanaf ultimo 2008 (de piek)",
        "vanaf ultimo 1e tertaal 2009",
    ]


def test_chapter_computes_each_result_once(monkeypatch):
    """Backtests, the composition fit, the verdict and the projections run once per chapter."""
    calls: dict[str, int] = {}
    for function in (
        am_checks.backtests, am_target.composition, am_target.target_verdict,
        am_target.projections, am_checks.text_claims,
    ):  # fmt: skip
        original = function.__wrapped__  # the computation behind core.memo.once

        def counted(*args, _name=function.__name__, _original=original, **kwargs):
            calls[_name] = calls.get(_name, 0) + 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(function, "__wrapped__", counted)
    am = am_.load("2009-T3")
    for build in (
        am_text.coverage_note, am_text.standcijfers_intro, am_tables.uitstroom_display,
        am_text.uitstroom_note, am_tables.standcijfers_display, am_text.backtest_note,
        am_text.composition_intro, am_tables.composition_display, am_text.composition_note,
        am_tables.progress_display, am_text.projection_intro, am_tables.projection_display,
        am_text.projection_note, am_tables.claims_display, am_text.claims_note,
        plots_arbeidsmarkt.standcijfers_chart, plots_arbeidsmarkt.uitstroom_chart,
    ):  # fmt: skip
        result = build(am)
        if isinstance(result, plt.Figure):
            plt.close(result)
    assert calls == dict.fromkeys(
        ("backtests", "composition", "target_verdict", "projections", "text_claims"), 1
    )


def test_period_bounds(am):
    assert (am.start, am.end) == (T("2009-09-01"), T("2009-12-31"))
    first = am_.load(Period(2009, 1))
    assert first.period == Period(2009, 1) and am.period == Period(2009, 3)
    assert (first.start, first.end) == (T("2009-01-01"), T("2009-04-30"))
    with pytest.raises(ValueError):
        am_.load("2009-Q3")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2009-10-31,ww_uitkeringen,1,x1000,l,c,s,§,t,\n", "duplicate"),
        ("2009-11-15,ww_uitkeringen,1,x1000,l,c,s,§,t,\n", "month-end"),
        ("2009-11-30,nuggers,n.b.,x1000,l,c,s,§,t,\n", "not a number"),
    ],
)
def test_bad_rows_are_rejected(tmp_root, line, message):
    path = Paths(tmp_root).arbeidsmarkt / ingest.STANDCIJFERS_FILE
    with path.open("a", encoding="utf-8") as f:
        f.write(line)
    with pytest.raises(InputError, match=message) as err:
        ingest.load_standcijfers(Paths(tmp_root))
    assert err.value.row == 32  # header + 30 rows, then the new line


# --------------------------------------------------------------------------- display, figures


def test_display_tables_show_computed_and_published(am):
    shown = am_tables.standcijfers_display(am).set_index("Peildatum")
    assert shown.loc["Ultimo oktober 2009", "Afname vier bestanden (som)"] == "76 / 76"
    changes = shown.loc["Mutatie t.o.v. ultimo 2006 (ultimo oktober 2009)"]
    assert changes[["NWW", "WW", "AG", "WWB"]].tolist() == [
        "−61 / −61", "40 / 40", "−30 / −30", "−25 / −25",
    ]  # fmt: skip
    assert "Nuggers" not in shown.columns  # n.b. everywhere: no empty column
    outflow = am_tables.uitstroom_display(am)
    assert outflow.loc[0, "Percentage"] == "105,9\u00a0% / 105,9\u00a0%"
    assert "≠" not in "".join(shown.to_numpy().ravel()) + "".join(outflow["Percentage"])


def test_standcijfers_figure_holds_the_data(am):
    fig = plots_arbeidsmarkt.standcijfers_chart(am)
    top, bottom = fig.axes
    # four stock lines in file order; the Nuggers (all n.b.) are left out and named as such
    assert [line.get_ydata().tolist() for line in top.get_lines()] == [
        [554, 458, 417, 469, 488, 493], [249, 192, 179, 207, 270, 289],
        [861, 844, 841, 833, 830, 831], [301, 274, 270, 265, 274, 276],
    ]  # fmt: skip
    assert "Nuggers: n.b." in top.get_title(loc="left")
    lines = {line.get_label(): line for line in bottom.get_lines()}
    realised = lines["afname van de vier bestanden samen (rij 'Mutatie', som van bestanden)"]
    assert realised.get_ydata().tolist() == [0, 197, 258, 191, 103, 76]
    assert list(lines["lineair doelpad naar 210"].get_ydata()) == [0, pytest.approx(210)]
    for start, proj in am_.projections(am).items():  # one line per window, all to ultimo 2010
        trend = lines[f"trend {am_labels.window_nl(am, start)}"]
        assert trend.get_ydata()[-1] == pytest.approx(proj.interval[0])
    plt.close(fig)


def test_uitstroom_figure_holds_the_data(am):
    fig = plots_arbeidsmarkt.uitstroom_chart(am)
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Werkzoekenden uitgestroomd naar werk", "Preventie", "Frictie",
    ]  # fmt: skip
    # the total as its three parts stacked, then one bar each for preventie and frictie
    bars = [(p.get_x(), p.get_width()) for p in ax.patches]
    assert bars == [(0, 212941), (212941, 24504), (237445, 9403), (0, 13017), (0, 94436)]
    targets = [line.get_xdata()[0] for line in ax.get_lines() if len(line.get_xdata())]
    assert targets == [233000, 22000, 59000]
    assert [t.get_text() for t in ax.texts] == [
        "105,9\u00a0% van streefwaarde", "59,2\u00a0% van streefwaarde",
        "160,1\u00a0% van streefwaarde",
    ]  # fmt: skip
    plt.close(fig)


def test_figures_use_the_report_style_without_changing_the_global_one(am):
    """Figures are drawn in the report style; matplotlib's global settings stay untouched."""
    before = dict(plt.rcParams)
    fig = plots_arbeidsmarkt.uitstroom_chart(am)
    ax = fig.axes[0]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert ax.texts[0].get_fontsize() == 8  # set explicitly; the axis label follows font.size 9
    assert ax.xaxis.label.get_fontsize() == 9
    plt.close(fig)
    assert dict(plt.rcParams) == before
    assert "rcParams" not in inspect.getsource(plots_arbeidsmarkt)


# --------------------------------------------------------------------------- verdicts, summary


def test_audit_gives_every_published_value_a_verdict(am):
    """One row per non-blank value of the published file; the inputs are published figures,
    so what follows from them is gereproduceerd, never per constructie, except the 'Mutatie'
    row: its composition was found on that row (past na keuze, N = 80 compositions), and its
    'ultimo 2006 = 0' holds for every composition (per definitie)."""
    audit = am_checks.audit(am)
    published = pd.read_csv(Paths().published / "ako-2009-T3-arbeidsmarkt.csv")
    lines = [i + 2 for i, v in enumerate(published["value"]) if not pd.isna(v)]
    assert audit["published_key"].tolist() == [f"ako-2009-T3-arbeidsmarkt:{n}" for n in lines]
    assert 6 not in lines  # the Nuggers' 'n.b.' has nothing to judge
    assert verdicts.counts(audit) == {
        "gereproduceerd": 10, "per constructie": 0, "past na keuze": 5, "per definitie": 1,
        "afwijkend": 1, "niet te controleren": 1,
    }  # fmt: skip
    rows = audit.set_index("published_key")
    ww_ag = rows.loc["ako-2009-T3-arbeidsmarkt:16"]  # 'WW-/AG-ers ca. 10.000 gedaald'
    # one sign convention everywhere (the table's column): a change, negative = decrease
    assert (ww_ag["verdict"], ww_ag["computed"], ww_ag["published"]) == (
        "afwijkend", 10000, -10000,
    )  # fmt: skip
    assert "negatief is een daling" in ww_ag["item"] and "(personen)" not in ww_ag["item"]
    shown = am_tables.claims_display(am).set_index("Bewering of samenhang").iloc[0]
    assert (shown["Berekend"], shown["Tekst / gepubliceerd"]) == ("+10.000", "−10.000")
    assert "met 10.000 gestegen" in ww_ag["reason"]
    mutatie = rows.loc["ako-2009-T3-arbeidsmarkt:9"]  # Mutatie, ultimo 2008
    assert (mutatie["computed"], mutatie["verdict"], mutatie["candidates"]) == (
        258, "past na keuze", 80,
    )  # fmt: skip
    assert "uit 80 samenstellingen (1 daarvan geeft dit getal)" in mutatie["reason"]
    base = rows.loc["ako-2009-T3-arbeidsmarkt:7"]  # Mutatie, ultimo 2006: 0 for every one
    assert (base["computed"], base["verdict"]) == (0, "per definitie")
    assert "elk van de 80 samenstellingen geeft dit getal" in base["reason"]
    # the Mutatie column is the stock minus ultimo 2006: no choice, reproduced
    assert rows.loc["ako-2009-T3-arbeidsmarkt:3", "verdict"] == "gereproduceerd"
    assert "duizendtallen" in rows.loc["ako-2009-T3-arbeidsmarkt:3", "rule"]
    assert am_.tables(am.period, "ako-2009", Paths())["audit"].equals(audit)


def test_verdicts_in_the_tables_and_the_model_result_is_labelled(am):
    claims = am_tables.claims_display(am).set_index("Bewering of samenhang")
    assert "Gelijk" not in claims.columns
    target = claims.loc["Participatiedoelstelling ultimo 2010 haalbaar?"]
    assert target["Berekend"] == "nee (4 van 4 lijnen eronder)"
    assert target["Oordeel"] == "gereproduceerd"
    assert claims["Oordeel"].tolist().count("afwijkend") == 1
    outflow = am_tables.uitstroom_display(am)
    assert outflow["Oordeel"].tolist() == ["gereproduceerd", "", "", ""] + ["gereproduceerd"] * 2
    assert "niet-uitkeringsgerechtigden" in " ".join(outflow["Categorie"])  # one spelling


def test_sum_of_stocks_is_not_persons(am):
    note = am_text.projection_note(am)
    assert "36\u00a0% van de 210.000 extra werkenden" in note
    assert "som van bestanden, geen aantal personen" in note
    assert "som van bestanden" in am_text.caption("tbl-standcijfers")
    assert "Afname vier bestanden (som)" in am_tables.progress_display(am).columns


def test_summary_and_availability(am):
    summary = am_text.summary(am_.facts(am.period, "ako-2009", Paths()))
    lines = summary.strip().split("\n")
    assert 2 <= len(lines) <= 5 and all(line.startswith("- ") for line in lines)
    assert (
        "van de 18 gepubliceerde waarden zijn er 10 gereproduceerd, 5 gelijk na de keuze van "
        "een lezing (geen bewijs), 1 per definitie gelijk (geen bewijs), 1 afwijkend en 1 niet "
        "te controleren. De rij 'Mutatie' past alleen" in summary
    )
    assert "Alle 4 rechte lijnen" in lines[-1] and "195.000 (95 %-voorspellingsinterval " \
        "−197.000 tot 588.000)" in lines[-1] and "zeker is dat niet" in lines[-1]
    assert in_report("arbeidsmarkt", Period(2009, 3), Paths())


def test_texts_use_the_minus_sign_and_dutch_dates(am):
    """No hyphen-minus before a digit (a negative number or a range) in the chapter's words."""
    texts = [
        am_text.coverage_note(am), am_text.projection_note(am), am_text.claims_note(am),
        am_text.uitstroom_note(am), am_text.summary(am_.facts(am.period, "ako-2009", Paths())),
        am_text.alt(am, "fig-standcijfers"),
        *(" ".join(map(str, t.to_numpy().ravel())) for t in (
            am_tables.standcijfers_display(am), am_tables.projection_display(am),
            am_tables.claims_display(am), am_tables.progress_display(am),
        )),
    ]  # fmt: skip
    for text in texts:
        assert not re.search(r"(?<![\w\[(])-\s?\d", text), text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text  # ISO dates
    assert "31 december 2009" in am_text.coverage_note(am)
