"""Toonkamer chapter (seed 004, Bijlage 1): intervals against statsmodels and hand-computed
cases, the '7 %' and '15 %' readings, the synthetic client data, the audit and input errors."""

from __future__ import annotations

import json
import math
import shutil
from fractions import Fraction

import matplotlib.text
import pandas as pd
import pytest
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.chapters.toonkamer import clients as tk_clients
from analysis.chapters.toonkamer import compute, estimates, plots, text, text_findings, text_tables
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.formatting import number, percent
from analysis.core.periods import Period
from analysis.core.proportions import (
    Stratum,
    counts_for_percentage,
    heterogeneity,
    mantel_haenszel_rd,
    newcombe,
    wilson,
    z_value,
)
from analysis.ingest.toonkamer import load_clients, read_clients
from analysis.study import toonkamer as core_tk
from analysis.study import verdicts
from analysis.study.dag import in_report
from analysis.synthetic import toonkamer as synthetic

SEED = "004_a3d8323216cfe5fd.txt"


@pytest.fixture(scope="module")
def tk() -> compute.Toonkamer:
    return compute.load("2009-T3")


@pytest.fixture
def root(tmp_path) -> Paths:
    """A project root with the published tables and the (synthetic) client data."""
    paths, copy = Paths(), Paths(tmp_path)
    shutil.copytree(paths.published, copy.published)
    shutil.copytree(paths.toonkamer, copy.toonkamer)
    return copy


# --------------------------------------------------------------------------- statistics


@pytest.mark.parametrize(
    ("k1", "n1", "k0", "n0"),
    [
        (51, 145, 34, 129),
        (66, 84, 46, 74),
        (0, 2, 0, 3),
        (2, 11, 0, 8),
        (28, 42, 20, 39),
        (5, 5, 0, 7),
    ],
)
def test_newcombe_equals_statsmodels(k1, n1, k0, n0):
    lo, hi = newcombe(k1, n1, k0, n0)
    ref = confint_proportions_2indep(k1, n1, k0, n0, method="newcomb", compare="diff")
    assert lo == pytest.approx(float(ref[0]), abs=1e-12)
    assert hi == pytest.approx(float(ref[1]), abs=1e-12)


@pytest.mark.parametrize(("k", "n"), [(1, 17), (0, 2), (9, 20), (8, 8)])
def test_wilson_equals_statsmodels(k, n):
    ref = proportion_confint(k, n, method="wilson")
    assert wilson(k, n) == pytest.approx((float(ref[0]), float(ref[1])), abs=1e-12)


def test_mantel_haenszel_on_a_hand_computed_case():
    """Two strata: 3/10 vs 1/10 and 6/20 vs 4/10. Weights n1·n0/N = 5 and 20/3."""
    result = mantel_haenszel_rd([Stratum(3, 10, 1, 10), Stratum(6, 20, 4, 10)])
    w1, w2 = Fraction(5), Fraction(20, 3)
    rd = (w1 * Fraction(2, 10) + w2 * Fraction(-1, 10)) / (w1 + w2)
    assert rd == Fraction(1, 35)
    assert result.estimate == pytest.approx(float(rd), abs=1e-15)
    # Greenland–Robins: Σ w² (p1q1/n1 + p0q0/n0) / (Σw)²
    v1 = w1**2 * (Fraction(21, 100) / 10 + Fraction(9, 100) / 10)  # = 3/4
    v2 = w2**2 * (Fraction(21, 100) / 20 + Fraction(24, 100) / 10)  # = 23/15
    assert v1 == Fraction(3, 4) and v2 == Fraction(23, 15)
    var_gr = (v1 + v2) / (w1 + w2) ** 2
    assert result.se_greenland_robins == pytest.approx(math.sqrt(var_gr), abs=1e-15)
    # Sato: P1 = (100·1 − 100·3 + 0)/400 = −1/2, P2 = (400·4 − 100·6 + 200·(−10)/2)/900 = 0,
    # Q1 = (3·9 + 1·7)/40 = 17/20, Q2 = (6·6 + 4·14)/60 = 23/15
    var_sato = (rd * Fraction(-1, 2) + Fraction(17, 20) + Fraction(23, 15)) / (w1 + w2) ** 2
    assert result.se_sato == pytest.approx(math.sqrt(var_sato), abs=1e-15)
    lo, hi = result.interval()
    assert (lo, hi) == pytest.approx((float(rd) - z_value() * math.sqrt(var_gr),
                                      float(rd) + z_value() * math.sqrt(var_gr)))  # fmt: skip


def test_heterogeneity_on_a_hand_computed_case():
    """Two strata: d = 0,2 (v = 0,03) and d = −0,1 (v = 0,0345). Q = Σ w (d − d̄)² on 1 df;
    DerSimonian–Laird τ² = (Q − 1) / (Σw − Σw²/Σw)."""
    result = heterogeneity([Stratum(3, 10, 1, 10), Stratum(6, 20, 4, 10)])
    v = [0.21 / 10 + 0.09 / 10, 0.21 / 20 + 0.24 / 10]
    d = [0.2, -0.1]
    w = [1 / x for x in v]
    mean = (w[0] * d[0] + w[1] * d[1]) / sum(w)
    q = sum(wi * (di - mean) ** 2 for wi, di in zip(w, d, strict=True))
    assert result.q == pytest.approx(q) and result.df == 1
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(q / 2)))  # χ²(1) tail
    tau2 = max(0.0, (q - 1) / (sum(w) - sum(x * x for x in w) / sum(w)))
    assert result.tau2 == pytest.approx(tau2) and result.i2 == pytest.approx(max(0, (q - 1) / q))
    w_re = [1 / (x + tau2) for x in v]
    re_mean = sum(a * b for a, b in zip(w_re, d, strict=True)) / sum(w_re)
    assert result.estimate == pytest.approx(re_mean)
    assert result.se == pytest.approx(math.sqrt(1 / sum(w_re)))


def test_heterogeneity_equals_statsmodels_where_the_strata_differ(tk):
    """DerSimonian–Laird as statsmodels' `combine_effects(method_re="chi2")` at 0–4 months,
    where τ² > 0 (statsmodels does not truncate τ² at 0, so the homogeneous horizons differ)."""
    d = compute.differences(tk)
    d = d[d["horizon"] == 4]
    strata = [Stratum(r.k_t, r.n_t, r.k_c, r.n_c) for r in d.itertuples()]
    p1, p0 = d["k_t"] / d["n_t"], d["k_c"] / d["n_c"]
    ref = combine_effects(
        (p1 - p0).to_numpy(), (p1 * (1 - p1) / d["n_t"] + p0 * (1 - p0) / d["n_c"]).to_numpy(),
        method_re="chi2",
    )  # fmt: skip
    result = heterogeneity(strata)
    assert result.q == pytest.approx(ref.q) and result.tau2 == pytest.approx(ref.tau2)
    assert result.tau2 > 0
    assert result.estimate == pytest.approx(ref.mean_effect_re)
    assert result.interval() == pytest.approx(tuple(ref.conf_int()[1]))


def test_identical_strata_have_no_heterogeneity():
    result = heterogeneity([Stratum(10, 40, 5, 40), Stratum(10, 40, 5, 40)])
    assert result.q == pytest.approx(0) and result.tau2 == 0 and result.i2 == 0
    assert result.estimate == pytest.approx(0.125)
    with pytest.raises(ValueError, match="no variance"):
        heterogeneity([Stratum(0, 5, 0, 5), Stratum(1, 5, 2, 5)])


def test_wilson_with_a_finite_population():
    """n = 201 of N = 268: the variance shrinks by (N − n)/(N − 1) = 67/267, which is Wilson's
    interval with n·267/67 answers; a census has no sampling error."""
    low, high = wilson(100, 201, population=268)
    n = 201 * 267 / 67
    p, z = 100 / 201, z_value()
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert (low, high) == pytest.approx((centre - half, centre + half))
    assert high - low < 0.55 * (wilson(100, 201)[1] - wilson(100, 201)[0])
    assert wilson(7, 10, population=10) == (0.7, 0.7)
    with pytest.raises(ValueError, match="cannot hold"):
        wilson(7, 10, population=9)


def test_counts_behind_a_rounded_percentage():
    assert list(counts_for_percentage(47, 223)) == [104, 105]  # 46,6 and 47,1 both print 47
    assert list(counts_for_percentage(13, 8)) == [1]  # 12,5 rounds half up
    assert list(counts_for_percentage(0, 2)) == [0]
    assert list(counts_for_percentage(50, 3)) == []  # no k/3 prints 50


def test_kaplan_meier_on_a_hand_computed_case():
    """Times 1, 2, 2+, 3, 4+: S = 4/5, then 4/5·3/4 = 0,6, then 0,6·1/2 = 0,3."""
    curve = tk_clients.kaplan_meier(pd.Series([1, 2, 2, 3, 4.0]), pd.Series([1, 1, 0, 1, 0]))
    values = tk_clients.at_times(curve, [0.5, 1.0, 2.0, 3.5, 4.5])["survival"].tolist()
    assert values == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    # log(−log S) interval with Greenwood's variance 1/(5·4) at t = 1 (lifelines' default)
    s, var = 0.8, 1 / 20
    half = z_value() * math.sqrt(var) / abs(math.log(s))
    first = curve[curve["time"] == 1.0].iloc[0]
    assert first["lower"] == pytest.approx(s ** math.exp(half), abs=1e-6)
    assert first["upper"] == pytest.approx(s ** math.exp(-half), abs=1e-6)


# --------------------------------------------------------------------------- published tables


def test_published_tables_as_transcribed(tk):
    cells = tk.cells.set_index(["benefit", "group", "location", "horizon"])
    assert cells.loc[("WW", "toonkamer", "A’dam Zuidoost", 3), ["pct", "n"]].tolist() == [35, 145]
    assert cells.loc[("WW", "control", "Dordrecht", 6), ["pct", "n"]].tolist() == [51, 39]
    assert cells.loc[("WWB", "toonkamer", "Gouda", 6), ["pct", "n"]].tolist() == [0, 1]
    assert len(cells) == 48
    assert (tk.cells["k_low"] <= tk.cells["k_high"]).all()  # every % is some k out of n
    for table in core_tk.TABLES:
        frame = core_tk.published(table)
        assert (frame["source_file"] == SEED).all()
    assert (tk.start, tk.end) == (pd.Timestamp("2005-12-01"), pd.Timestamp("2006-09-01"))


def test_the_seven_percent_is_the_mean_of_sixteen_printed_differences(tk):
    d = compute.differences(tk)
    assert d["diff_printed"].tolist() == [
        9,
        15,
        3,
        4,
        10,
        18,
        20,
        17,
        -7,
        -5,
        -2,
        16,
        -5,
        -4,
        6,
        15,
    ]
    readings = compute.readings(tk).set_index("reading")
    assert readings.loc["mean_pp", "value"] == 6.875  # 110 / 16, exactly
    assert readings.loc["mean_pp", "rounds_to_claim"]
    assert readings.loc["mean_relative", "value"] == pytest.approx(16.178164, abs=1e-6)
    assert not readings.loc["mean_relative", "rounds_to_claim"]
    audit = compute.audit(tk).set_index("published_key")
    row = audit.loc[verdicts.published_key("toonkamer-2008-claims", 2)]
    # the reading (points, unweighted) is one of 8; 3 of them round to 7: no reproduction
    assert row["published"] == "7" and row["verdict"] == verdicts.AFTER_CHOICE
    assert row["candidates"] == 8 and "(3 daarvan geven dit getal)" in row["reason"]


def test_pooled_difference_per_horizon(tk):
    """0–6 months: MH with weights n_t·n_c/(n_t + n_c) over the four locations, by hand."""
    d = compute.differences(tk)[compute.differences(tk)["horizon"] == 6]
    w = d["n_t"] * d["n_c"] / (d["n_t"] + d["n_c"])
    by_hand = 100 * (w * (d["k_t"] / d["n_t"] - d["k_c"] / d["n_c"])).sum() / w.sum()
    pooled = compute.pooled(tk).set_index("horizon")
    assert pooled.loc[6, "mh"] == pytest.approx(by_hand)
    assert pooled.loc[6, "mh"] == pytest.approx(13.212, abs=1e-3)
    assert pooled.loc[3, "lower"] < 0 < pooled.loc[4, "lower"]  # 0–3: MH includes zero


def test_locations_are_tested_for_heterogeneity_before_pooling(tk):
    """Cochran's Q per horizon: at 0–3 and 0–4 months the four locations differ beyond chance
    (p < 0,10: A'dam Zuidoost and Den Bosch up, Dordrecht and Gouda down); there the
    random-effects difference decides, and its interval includes zero."""
    pooled = compute.pooled(tk).set_index("horizon")
    assert pooled["q"].round(2).tolist() == [7.27, 10.86, 5.54, 1.24]
    assert pooled["heterogeneous"].tolist() == [True, True, False, False]
    assert pooled.loc[4, "q_p"] == pytest.approx(0.0125, abs=5e-4)
    for _, r in pooled.iterrows():
        key = "re" if r["heterogeneous"] else "mh"
        low, high = ("re_lower", "re_upper") if r["heterogeneous"] else ("lower", "upper")
        assert (r["est"], r["est_lower"], r["est_upper"]) == (r[key], r[low], r[high])
    assert pooled.loc[4, "lower"] > 0 > pooled.loc[4, "re_lower"]  # MH alone would exclude 0
    shown = text_tables.pooled_display(tk)["Random effects (95 %-interval)"].tolist()
    assert shown[2:] == ["–", "–"] and shown[1].startswith("+6,3")


def test_the_fifteen_percent_target_read_both_ways(tk):
    target = compute.target(tk).set_index("basis")
    mean = target.loc["mean"]
    assert mean["pct_c"] == pytest.approx(45.1875)  # 723 / 16
    assert mean["pct_t"] == pytest.approx(52.0625)  # 833 / 16
    assert mean["target_pp"] == pytest.approx(60.1875)
    assert mean["target_relative"] == pytest.approx(51.965625)
    assert mean["achieved_relative"] == pytest.approx(15.214385, abs=1e-6)
    # Only an interval decides: the mean of 16 overlapping cells has none, so no decision.
    assert target.loc[["mean", "work_mean"], ["status_pp", "status_relative"]].isna().all(None)
    assert target.loc[["3", "4", "5", "6"], "status_pp"].tolist() == [
        "not_met", "open", "open", "open"]  # fmt: skip
    assert set(target.loc[["3", "4", "5", "6"], "status_relative"]) == {"open"}
    shown = text_tables.target_display(tk)
    assert "ja" not in set(shown["+15 gehaald?"]) | set(shown["×1,15 gehaald?"])
    assert shown.loc[0, "×1,15 gehaald?"] == "geen interval"


def test_one_pooled_difference_in_every_table_and_sentence(tk):
    """The pooled difference that decides per horizon is one computed value: the target
    table prints it with its interval as the pooled table does (they once printed
    +3,2/+8,3/+13,3 beside +3,3/+8,4/+13,2), and so does the chapter's summary."""
    pooled = compute.pooled(tk).set_index("horizon")
    target = compute.target(tk).set_index("basis")
    for h, r in pooled.iterrows():
        assert target.loc[str(h), "achieved_pp"] == r["est"]
        assert (target.loc[str(h), "lower"], target.loc[str(h), "upper"]) == (
            r["est_lower"], r["est_upper"])  # fmt: skip
    table = text_tables.pooled_display(tk)
    deciding = [
        re if re != "–" else mh
        for mh, re in zip(table["Mantel–Haenszel (95 %-interval)"],
                          table["Random effects (95 %-interval)"], strict=True)
    ]  # fmt: skip
    target_rows = text_tables.target_display(tk)
    shown_target = target_rows[target_rows["Basis"].str.contains("mnd.")]
    assert shown_target["Verschil (procentpunt, 95 %-interval)"].tolist() == deciding
    prose = " ".join(text.summary(compute.facts(tk.period, "ako-2009", tk.paths)).split())
    last = pooled.iloc[-1]
    assert f"{number(last['est'], 1)} procentpunt" in prose
    assert f"{number(last['est_lower'], 1)} tot {number(last['est_upper'], 1)}" in prose


def test_curves_end_at_the_published_horizon_and_show_no_codes(tk):
    """Kaplan–Meier only up to the longest published horizon (6 months): beyond it the curves
    of synthetic clients would be invented. Pooled over the locations, so no code TK-1 … 4
    appears without a key (the tables name the locations)."""
    assert compute.curves(tk) and all(c["time"].max() == 6.0 for c in compute.curves(tk).values())
    assert {loc for (_, _, loc) in compute.curves(tk)} == {compute.ALL}
    assert set(compute.tables(tk.period, "ako-2009", tk.paths)["km"]["location"]) == {"alle"}
    fig = plots.outflow_curves(tk)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert not any("TK-" in t for t in texts)
    assert fig.axes[0].get_xlim() == (0.0, 6.0)
    assert "zes maanden" in text_tables.km_alt(tk) and "negen" not in text_tables.km_alt(tk)


def test_every_statement_gives_one_interval(tk):
    """The conclusion names each pooled estimate with its own interval; it never merges the
    intervals of several horizons into one range (it once said '1,1 tot 22,0')."""
    p = compute.pooled(tk)
    prose = " ".join(text_findings.conclusion(tk).split())
    shown = p[p["est_lower"] > 0]
    for r in shown.itertuples():
        assert (
            f"{number(r.est, 1)} procentpunt op 0–{r.horizon} maanden (95 %-interval "
            f"{number(r.est_lower, 1)} tot {number(r.est_upper, 1)})" in prose
        )
    merged = f"{number(shown['est_lower'].min(), 1)} tot {number(shown['est_upper'].max(), 1)}"
    assert len(shown) < 2 or merged not in prose


def test_survey_implies_about_seven_percent_toonkamer_clients(tk):
    common = compute.shares(tk).set_index("principle").loc["common"]
    assert common["share_low"] == pytest.approx(
        0.6 / 8.4
    )  # houvast: (65,15 − 64,55)/(72,95 − 64,55)
    assert common["share_high"] == pytest.approx(0.4 / 5.1)  # persoonlijke aandacht
    assert estimates.survey_check(compute.shares(tk))["equal"].all()


def test_text_claims_per_location(tk):
    higher = compute.higher(tk).set_index("location")
    assert higher.loc["Dordrecht", "higher_from"] == 6  # the text says 'na 4 tot 5 maanden'
    assert higher.loc["Gouda", "higher_from"] == 5
    audit = compute.audit(tk).set_index("published_key")
    assert audit.loc["toonkamer-2008-claims:5", "verdict"] == verdicts.DEVIATING


# --------------------------------------------------------------------------- client-level data


def test_synthetic_clients_are_regenerated_byte_identically():
    frame, meta = synthetic.generate()
    path = Paths().toonkamer / synthetic.FILE_NAME
    assert frame.to_csv(index=False, lineterminator="\n") == path.read_text("utf-8")
    stored = json.loads(path.with_suffix(".json").read_text("utf-8"))
    assert stored == json.loads(json.dumps(meta)) and stored["synthetic"] is True
    assert "synthetisch" in path.name
    assert set(frame["locatie"]) == {"TK-1", "TK-2", "TK-3", "TK-4"}  # neutral codes only


def test_synthetic_clients_reproduce_every_cell_by_construction(tk):
    assert tk.synthetic is True
    assert compute.recomputed(tk)["equal"].all() and len(compute.recomputed(tk)) == 48
    counts = verdicts.counts(compute.audit(tk))
    assert counts == {verdicts.REPRODUCED: 3, verdicts.BY_CONSTRUCTION: 100,
                      verdicts.AFTER_CHOICE: 6, verdicts.BY_DEFINITION: 1,
                      verdicts.DEVIATING: 1, verdicts.UNCHECKABLE: 16}  # fmt: skip
    shares = compute.work_recomputed(tk).set_index(["benefit", "group"])["pct"]
    assert round(shares[("WW", "toonkamer")]) == 84 and round(shares[("WW", "control")]) == 76


def test_the_all_clients_row_fits_a_share_fitted_on_the_same_rows(tk):
    """'Alle klanten' = share x Toonkamer + rest x regular holds with the share estimated from
    these five rows: past na keuze; for Tijdigheid (68,7 / 68,5 / 68,6) every share fits."""
    audit = compute.audit(tk).set_index("published_key")
    key = "toonkamer-2008-klantprincipes:{}".format
    assert audit.loc[key(12), ["verdict", "candidates"]].tolist() == ["past na keuze", 1001]
    assert "(84 daarvan geven dit getal)" in audit.loc[key(12), "reason"]
    assert audit.loc[key(13), "verdict"] == "per definitie"  # Tijdigheid
    assert "tolerantie ±0,1" in audit.loc[key(12), "rule"]
    # the text's 'positiever': Toonkamer clients score higher on all five principles
    positive = audit.loc["toonkamer-2008-claims:15"]
    assert (positive["computed"], positive["verdict"]) == (5, "gereproduceerd")
    # Gouda higher 'na 4 tot 5 maanden': from 0-5 months, 2 of 3 readings; Dordrecht none
    assert audit.loc["toonkamer-2008-claims:6", ["verdict", "candidates"]].tolist() == [
        "past na keuze", 3,
    ]  # fmt: skip
    assert audit.loc["toonkamer-2008-claims:5", "verdict"] == "afwijkend"
    assert "van 1 tot 48 klanten" in audit.loc["toonkamer-2008-claims:16", "reason"]


def test_solve_bands_meets_the_published_counts():
    n, k = {3: 17, 4: 17, 5: 14, 6: 8}, {3: 1, 4: 2, 5: 2, 6: 1}
    plan = synthetic.solve_bands(n, k)
    for h in core_tk.HORIZONS:
        assert sum(plan[b][h] for b in plan if b >= h) == k[h]
    with pytest.raises(ValueError, match="no synthetic cohort"):
        synthetic.solve_bands({3: 4, 4: 4, 5: 4, 6: 4}, {3: 4, 4: 0, 5: 0, 6: 0})


def test_audit_has_one_row_per_published_value(tk):
    keys = set()
    for table in core_tk.TABLES:
        frame = core_tk.published(table)
        keys |= {
            verdicts.published_key(f, line)
            for f, line in zip(frame["file"], frame["line"], strict=True)
        }
    assert set(compute.audit(tk)["published_key"]) == keys
    assert len(compute.audit(tk)) == len(keys) == 127


def test_without_client_data_everything_rests_on_the_published_tables(root):
    shutil.rmtree(root.toonkamer)
    tk = compute.load("2009-T3", root)
    assert tk.clients is None and compute.recomputed(tk) is None
    counts = verdicts.counts(compute.audit(tk))
    assert counts[verdicts.BY_CONSTRUCTION] == 0 and counts[verdicts.UNCHECKABLE] == 96 + 10 + 10
    tables = compute.tables(Period(2009, 3), "ako-2009", root)
    assert tables["recomputed"].empty and tables["km"].empty
    assert "geen gegevens per klant" in text.data_note(tk)
    assert "synthetisch" not in text.summary(compute.facts(Period(2009, 3), "ako-2009", root))


def test_real_client_data_lose_every_synthetic_label(root):
    sidecar = root.toonkamer / "toonkamer-klanten-synthetisch.json"
    meta = json.loads(sidecar.read_text("utf-8"))
    sidecar.write_text(json.dumps({**meta, "synthetic": False}), "utf-8")
    tk = compute.load("2009-T3", root)
    assert tk.synthetic is False
    assert verdicts.counts(compute.audit(tk))[verdicts.REPRODUCED] == 3 + 100
    for caption in (text_tables.recomputed_caption(tk), text_tables.km_caption(tk),
                    text_tables.km_alt(tk), text_tables.km_table_caption(tk)):  # fmt: skip
        assert "synthetisch" not in caption
    assert "synthetisch" in text_tables.km_caption(compute.load("2009-T3"))


CSV_HEADER = "klant,groep,regeling,locatie,instroomdatum,uitstroomdatum,uitstroomreden\n"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("K1,pilot,WW,Gouda,2006-01-02,,", "groep", "not one of"),
        ("K1,toonkamer,WIA,Gouda,2006-01-02,,", "regeling", "not one of"),
        ("K1,toonkamer,WW,Gouda,02-01-2006,,", "instroomdatum", "not a date"),
        ("K1,toonkamer,WW,Gouda,2006-01-02,2005-12-30,werk", "uitstroomdatum", "before inflow"),
        ("K1,toonkamer,WW,Gouda,2006-01-02,,werk", "uitstroomreden", "without an outflow"),
        ("K1,toonkamer,WW,Gouda,2006-01-02,2006-02-01,", "uitstroomreden", "required"),
        ("K1,toonkamer,WW,,2006-01-02,,", "locatie", "empty location"),
    ],
)
def test_client_input_errors_name_file_row_and_column(tmp_path, row, column, message):
    path = tmp_path / "klanten.csv"
    path.write_text(CSV_HEADER + "K0,controlegroep,WW,Gouda,2006-01-01,,\n" + row + "\n", "utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_clients(path)
    assert (err.value.file, err.value.row, err.value.column) == (path, 3, column)


def test_duplicate_clients_and_missing_columns_are_refused(tmp_path):
    path = tmp_path / "klanten.csv"
    path.write_text(CSV_HEADER + "K0,toonkamer,WW,Gouda,2006-01-01,,\nK0,toonkamer,WW,Gouda,"
                    "2006-01-01,,\n", "utf-8")  # fmt: skip
    with pytest.raises(InputError, match="also on row 2") as err:
        read_clients(path)
    assert (err.value.row, err.value.column) == (3, "klant")
    path.write_text("klant;groep\nK0;toonkamer\n", "utf-8")
    with pytest.raises(InputError, match="missing columns: regeling") as err:
        read_clients(path)
    assert err.value.row == 1


def test_more_than_one_client_file_is_refused(tmp_path):
    paths = Paths(tmp_path)
    paths.toonkamer.mkdir(parents=True)
    for name in ("klanten.csv", "tweede.xlsx"):
        (paths.toonkamer / name).write_text(CSV_HEADER, "utf-8")
    with pytest.raises(InputError, match="2 data files"):
        load_clients(paths)


# --------------------------------------------------------------------------- chapter


def test_available_from_the_plan_on(root):
    assert not in_report("toonkamer", Period(2008, 1), root)
    assert in_report("toonkamer", Period(2008, 2), root)
    assert in_report("toonkamer", Period(2009, 3), root)


def test_summary_has_the_key_numbers(tk):
    bullets = text.summary(compute.facts(tk.period, "ako-2009", tk.paths)).strip().splitlines()
    assert 2 <= len(bullets) <= 5 and all(b.startswith("- ") for b in bullets)
    joined = " ".join(bullets)
    assert "6,875" in joined and percent(60.2, 1) in joined and percent(52.0, 1) in joined
    assert "synthetisch" in joined


def test_rendered_report_carries_the_chapter(rendered):
    html = " ".join((rendered / "reports" / "2009-T3" / "rapport.html").read_text("utf-8").split())
    assert 'id="sec-toonkamer"' in html and "Toonkamers: pilot tegen controlegroep" in html
    assert "6,875" in html and "Newcombe" in html and "Mantel–Haenszel" in html
    assert "synthetische gegevens" in html
