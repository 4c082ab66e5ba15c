"""Survey chapter (AKO §3.3, IWI 2007 survey): the published figures as data, hand-checked
intervals against statsmodels, the DuckDB aggregation against pandas, the respondent input's
errors, suppression, the synthetic waves and a new wave as a data change only."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint

from analysis.chapters.enquetes import aggregate, analyses, compute, intervals, text, text_findings
from analysis.chapters.enquetes import text_tables as tables_nl
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.proportions import wilson
from analysis.ingest import enquetes as ingest
from analysis.study import verdicts
from analysis.study.dag import in_report
from analysis.study.waves import Wave
from analysis.synthetic import enquetes as synthetic

SEED_003 = "003_77befd6bc52bd4bb.txt"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Paths:
    """A project root with the survey inputs and published tables (processed data written
    there, not in the repository)."""
    paths = Paths(tmp_path_factory.mktemp("enquetes"))
    shutil.copytree(Paths().enquetes_root, paths.enquetes_root)
    shutil.copytree(Paths().published, paths.published)
    for wave in ingest.raw_waves(paths)[0]:  # as `analysis run` does
        ingest.ingest_wave(wave, paths)
    return paths


@pytest.fixture(scope="module")
def en(root) -> compute.Enquetes:
    return compute.load("2009-T3", root)


def test_load_on_a_fresh_clone_reads_in_memory_and_writes_nothing(tmp_path, en):
    paths = Paths(tmp_path)
    shutil.copytree(Paths().enquetes_root, paths.enquetes_root)
    shutil.copytree(Paths().published, paths.published)
    fresh = compute.load("2009-T3", paths)
    assert isinstance(fresh.files, pd.DataFrame) and isinstance(en.files, tuple)
    assert not paths.processed.exists()
    pd.testing.assert_frame_equal(compute.means(fresh), compute.means(en))


# --------------------------------------------------------------------------- waves


def test_waves_parse_order_and_reporting_period():
    assert str(Wave.parse("2009-H2")) == "2009-H2"
    assert Wave.parse("2009-H1") < Wave.parse("2009-H2") < Wave.parse("2010-H1")
    assert Wave.parse("2009-H1").previous() == Wave(2008, 2)
    assert Wave(2009, 2).label_nl == "2e half jaar 2009"
    assert Wave(2009, 1).reported_in(Period(2009, 2)) and not Wave(2009, 2).reported_in(
        Period(2009, 2)
    )
    for bad in ("2009-T3", "2009-H3", "2009H2", "1999-H1"):
        with pytest.raises(ValueError, match="wave"):
            Wave.parse(bad)


def test_available_follows_the_wave_folders(root):
    assert not in_report("enquetes", Period(2008, 2), root)
    assert in_report("enquetes", Period(2008, 3), root)
    assert [str(w) for w in ingest.raw_waves(root, Period(2009, 2))[0]] == ["2008-H2", "2009-H1"]


# --------------------------------------------------------------------------- published data


def test_published_survey_figures_as_transcribed(en):
    pub = en.published
    assert (pub["source_file"] == SEED_003).all()
    means = pub[pub["statistic"] == "mean"].pivot(index="item", columns="wave", values="value")
    assert means.loc["overall"].tolist() == [6.7, 6.8, 6.8]  # 2008-H2, 2009-H1, 2009-H2
    assert means.loc["personal_attention"].tolist() == [7.0, 7.2, 7.1]
    assert means.loc["customisation"].tolist() == [6.6, 6.5, 6.5]
    split = pub[pub["statistic"] == "mean_by_contact"].set_index(["wave", "group"])["value"]
    assert split.to_dict() == {("2009-H2", "ja"): 7.0, ("2009-H1", "ja"): 6.9,
                               ("2009-H2", "nee"): 6.2, ("2009-H1", "nee"): 6.1}  # fmt: skip
    old = pub[(pub["statistic"] == "mean") & (pub["wave"] == "2008-H2")]
    assert old["note"].str.contains("TNS NIPO").all()  # the 2008 wave's source note
    employer = pub[pub["statistic"] == "employer_mean"].set_index("row_label")["value"]
    assert employer.to_dict() == {"Dienstverlening overall": 7, "Daadkracht": 6.8,
                                  "Betrouwbaarheid": 7.1, "Professionaliteit": 7, "Gemak": 7.1,
                                  "Flexibiliteit": 6.8}  # fmt: skip
    iwi = en.iwi[en.iwi["statistic"] != "percent"].set_index(["statistic", "group"])["value"]
    assert iwi.loc[("respondents", "cwi")] + iwi.loc[("respondents", "uwv")] == 193
    assert iwi.loc[("response_rate", "alle")] == 75


def test_every_published_survey_value_has_one_verdict(en):
    audit = compute.audit(en)
    keys = [verdicts.published_key(compute.PUBLISHED_TABLE, n) for n in en.published["line"]]
    keys += [verdicts.published_key(compute.IWI_TABLE, n) for n in en.iwi["line"]]
    assert audit["published_key"].tolist() == keys
    by_key = audit.set_index("published_key")["verdict"]
    pub = en.published.set_index("line")["statistic"]
    for line, stat in pub.items():
        expected = verdicts.UNCHECKABLE if stat == "employer_mean" else verdicts.BY_CONSTRUCTION
        assert by_key[f"{compute.PUBLISHED_TABLE}:{line}"] == expected, stat
    assert (audit[audit["published_key"].str.startswith("iwi")]["verdict"]
            == verdicts.UNCHECKABLE).all()  # fmt: skip
    change = audit.set_index("published_key").loc[f"{compute.PUBLISHED_TABLE}:25"]
    assert change["computed"] == 0.04 and "punten" in change["reason"]


def test_iwi_percentages_fit_whole_counts_of_the_stated_groups(en):
    checks = compute.iwi_checks(en).set_index("line")
    one_point = en.iwi[en.iwi["row_label"].str.startswith("één aanspreekpunt")]["line"].item()
    assert checks.loc[one_point, "count"] == 27 and checks.loc[one_point, "base"] == 201
    assert intervals.counts_for(13.4, 1, 201) == [27]
    assert intervals.counts_for(13.4, 1, 193) == []  # not CWI + UWV alone
    response = checks[checks["statistic"] == "response_rate"].iloc[0]
    # 201 / 0.755 .. 201 / 0.745 invited, minus 130 coaches and 10 municipalities
    assert (response["implied_cwi_min"], response["implied_cwi_max"]) == (127, 129)


# --------------------------------------------------------------------------- intervals


def test_clustered_mean_hand_computed():
    # location A answers 6 and 8, location B 7, 7 and 10: mean 38/5 = 7.6; cluster scores
    # 14 - 2 x 7.6 = -1.2 and 24 - 3 x 7.6 = 1.2; V = 2/1 x (1.44 + 1.44) / 25 = 0.2304
    cells = pd.DataFrame({"g": ["x", "x"], "location": ["A", "B"], "n": [2, 3],
                          "sum": [14.0, 24.0], "sumsq": [100.0, 198.0]})  # fmt: skip
    out = intervals.clustered_mean(cells, ["g"]).iloc[0]
    assert out["mean"] == pytest.approx(7.6)
    assert out["se"] == pytest.approx(0.48)
    assert out["df"] == 1
    assert out["upper"] - out["mean"] == pytest.approx(12.7062 * 0.48, rel=1e-4)


def _small_survey(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    loc = rng.integers(0, 12, 400)
    wave = np.where(rng.random(400) < 0.5, "2009-H1", "2009-H2")
    y = np.clip(np.rint(6.8 + rng.normal(0, 0.5, 12)[loc] + rng.normal(0, 1.4, 400)), 1, 10)
    frame = pd.DataFrame({"wave": wave, "location": [f"WP-{i:03d}" for i in loc]})
    for s in ingest.SCORES:
        frame[s] = pd.array(y + (s == "clarity"), dtype="Int8")
    frame.loc[::37, "overall"] = pd.NA
    frame["fixed_contact"] = pd.array(rng.random(400) < 0.7, dtype="boolean")
    frame["benefit"] = rng.choice(["ww", "wwb", "other", "none"], 400)
    frame["days_to_payment"] = pd.array(rng.integers(3, 80, 400), dtype="Int16")
    return frame


def test_clustered_intervals_equal_statsmodels():
    frame = _small_survey()
    cells = aggregate.cell_sums(frame)
    ours = intervals.clustered_mean(cells, ["wave", "score"]).set_index(["wave", "score"])
    part = frame[(frame["wave"] == "2009-H2") & frame["overall"].notna()]
    fit = sm.OLS(part["overall"].astype(float), np.ones(len(part))).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(part["location"])[0]}
    )
    assert ours.loc[("2009-H2", "overall"), "mean"] == pytest.approx(fit.params.iloc[0])
    assert ours.loc[("2009-H2", "overall"), "se"] == pytest.approx(fit.bse.iloc[0])
    # a difference of two waves: regression on a dummy, clusters over both waves
    both = frame[frame["overall"].notna()]
    x = sm.add_constant((both["wave"] == "2009-H2").astype(float).to_numpy())
    fit = sm.OLS(both["overall"].astype(float).to_numpy(), x).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(both["location"])[0]}
    )
    over = cells[cells["score"] == "overall"]
    diff = intervals.clustered_difference(over[over["wave"] == "2009-H1"],
                                          over[over["wave"] == "2009-H2"])  # fmt: skip
    assert diff["difference"] == pytest.approx(fit.params[1])
    assert diff["se"] == pytest.approx(fit.bse[1])


def test_wilson_and_cell_intervals_hand_checked():
    lo, hi = wilson(133, 201)
    assert (lo, hi) == pytest.approx(proportion_confint(133, 201, method="wilson"))
    stats = intervals.cell_stats(pd.DataFrame({"n": [4], "sum": [28.0], "sumsq": [198.0]}))
    # answers 6, 7, 7, 8: mean 7, sd sqrt(2/3), t(3) = 3.1824
    assert stats["sd"].item() == pytest.approx((2 / 3) ** 0.5)
    assert stats["upper"].item() - 7 == pytest.approx(3.18245 * (2 / 3) ** 0.5 / 2, rel=1e-5)


def test_cell_sums_equal_pandas_and_duckdb_sql():
    frame = _small_survey()
    sums = aggregate.cell_sums(frame, by=("wave", "location"))
    for score in ("overall", "clarity"):
        expected = frame.groupby(["wave", "location"])[score].agg(["count", "sum"])
        got = sums[sums["score"] == score].set_index(["wave", "location"])
        assert got["n"].tolist() == expected["count"].tolist()
        assert got["sum"].tolist() == expected["sum"].astype(float).tolist()
    with aggregate.connect() as con:
        con.register("f", frame)
        sql = "SELECT avg(overall) FROM f WHERE wave = '2009-H2' AND location = 'WP-003'"
        direct = con.execute(sql).fetchone()[0]
    cell = sums[(sums["wave"] == "2009-H2") & (sums["location"] == "WP-003")
                & (sums["score"] == "overall")].iloc[0]  # fmt: skip
    assert cell["sum"] / cell["n"] == pytest.approx(direct)


def test_small_locations_are_suppressed():
    cells = pd.DataFrame({"wave": ["2009-H2"] * 2, "location": ["WP-001", "WP-002"],
                          "score": ["overall"] * 2, "respondents": [9, 10], "n": [9, 10],
                          "sum": [63.0, 70.0], "sumsq": [450.0, 500.0]})  # fmt: skip
    out = analyses.location_means(cells).set_index("location")
    assert out.loc["WP-001", "suppressed"] and out.loc["WP-001", ["n", "mean"]].isna().all()
    assert not out.loc["WP-002", "suppressed"] and out.loc["WP-002", "mean"] == 7


# --------------------------------------------------------------------------- the chapter


def test_synthetic_waves_reproduce_the_published_means(en):
    means = compute.means(en).set_index(["wave", "score"])["mean"]
    pub = en.published[en.published["statistic"] == "mean"]
    for r in pub.itertuples():
        assert round(means[(r.wave, r.item)] + 1e-9, 1) == r.value, (r.wave, r.item)
    assert compute.response(en).set_index("wave").loc["2009-H2", "respondents"] == 40744
    assert round(compute.response(en).set_index("wave").loc["2009-H2", "rate_pct"], 1) == 36.9
    contact = en.wave_row(compute.contrasts(en), Wave(2009, 2), contrast="contact")
    assert (round(contact["mean_b"], 1), round(contact["mean_a"], 1)) == (7.0, 6.2)
    change = compute.differences(en).set_index(["score", "wave_b"]).loc[("overall", "2009-H2")]
    assert round(change["difference"], 2) == 0.04 and change["lower"] < 0 < change["upper"]
    assert en.wave_row(compute.payment(en)[0], Wave(2009, 2))["upper"] < 0
    hidden = compute.locations(en)[compute.locations(en)["wave"] == "2009-H2"]["suppressed"].sum()
    assert hidden == 3


def test_generator_is_deterministic_and_matches_the_committed_files(tmp_path):
    """Same seed, same values as the committed inputs (Parquet compared by content, since its
    bytes carry the pyarrow version), and the same bytes when run twice."""
    paths = Paths(tmp_path)
    synthetic.write_waves(paths)
    for target in synthetic.TARGETS:
        data, sample = synthetic.file_names(target.wave)
        mine, committed = (
            paths.enquetes_raw(str(target.wave)),
            Paths().enquetes_raw(str(target.wave)),
        )
        assert pq.read_table(mine / data).equals(pq.read_table(committed / data))
        assert (mine / sample).read_bytes() == (committed / sample).read_bytes()
    again = synthetic.generate_wave(synthetic.TARGETS[0])[0]
    first = pq.read_table(paths.enquetes_raw("2008-H2") / synthetic.file_names(Wave(2008, 2))[0])
    assert ingest.parquet_bytes(again, synthetic.RAW_SCHEMA) == ingest.parquet_bytes(
        first.to_pandas(), synthetic.RAW_SCHEMA
    )


def test_processed_parquet_is_byte_stable(root, en):
    out = root.enquetes_processed("2009-H2")
    first = out.read_bytes()
    again = ingest.read_wave(Wave(2009, 2), root)
    assert again.table == first
    assert ingest.parquet_bytes(again.respondents) == first
    meta = ingest.load_metadata(Wave(2009, 2), root)
    assert meta["synthetic"] and meta["respondents"] == 40744 and meta["invited"]["WP-001"] > 0


def _write_wave(paths: Paths, wave: str, rows: list[str], sample: str | None = None) -> None:
    folder = paths.enquetes_raw(wave)
    folder.mkdir(parents=True)
    header = (
        "meting;locatie;bereikbaarheid;persoonlijke_aandacht;maatwerk;tijdigheid;"
        "duidelijkheid;totaal;vaste_contactpersoon;uitkering;dagen_eerste_betaling"
    )
    (folder / f"respondenten-{wave}.csv").write_text("\n".join([header, *rows]) + "\n")
    if sample is not None:
        (folder / f"steekproef-{wave}.csv").write_text(sample)


GOOD = "2010-H1;WP-001;7;8;6;7;7;7;ja;WW;21"


@pytest.mark.parametrize(
    ("row", "sample", "line", "column", "message"),
    [
        ("2010-H1;WP-001;7;8;6;7;7;11;ja;WW;21", None, 3, "totaal", "whole number 1-10"),
        ("2010-H1;WP-001;7;8;6;7;7;6,5;ja;WW;21", None, 3, "totaal", "whole number 1-10"),
        ("2009-H2;WP-001;7;8;6;7;7;7;ja;WW;21", None, 3, "meting", "is not 2010-H1"),
        ("2010-H1;WP-001;7;8;6;7;7;7;ja;geen;12", None, 3, "dagen_eerste_betaling", "blank"),
        ("2010-H1;WP-001;7;8;6;7;7;7;misschien;WW;", None, 3, "vaste_contactpersoon", "ja, nee"),
        ("2010-H1;;7;8;6;7;7;7;ja;WW;", None, 3, "locatie", "must be given"),
        ("2010-H1;WP-002;7;8;6;7;7;7;ja;WW;", "locatie;uitgenodigd\nWP-001;5\n", 3, "locatie",
         "not in the sample frame"),
        (GOOD, "locatie;uitgenodigd\nWP-001;1\n", 2, "uitgenodigd", "fewer than the respondents"),
    ],
)  # fmt: skip
def test_bad_respondent_files_name_file_row_and_column(tmp_path, row, sample, line, column,
                                                       message):  # fmt: skip
    paths = Paths(tmp_path)
    _write_wave(paths, "2010-H1", [GOOD, row], sample)
    with pytest.raises(InputError, match=message) as err:
        ingest.ingest_wave(Wave(2010, 1), paths)
    assert (err.value.row, err.value.column) == (line, column)
    assert not (paths.processed / "enquetes").exists()  # nothing half-written


def test_unknown_or_missing_columns_are_refused(tmp_path):
    paths = Paths(tmp_path)
    folder = paths.enquetes_raw("2010-H1")
    folder.mkdir(parents=True)
    (folder / "r.csv").write_text("meting;locatie;totaal;leeftijd\n2010-H1;WP-001;7;40\n")
    with pytest.raises(InputError, match="unknown column 'leeftijd'") as err:
        ingest.read_wave(Wave(2010, 1), paths)
    assert (err.value.row, err.value.column) == (1, "leeftijd")


def test_a_new_wave_appears_without_code_change(tmp_path, root, en):
    paths = Paths(tmp_path)
    shutil.copytree(root.enquetes_root, paths.enquetes_root)
    shutil.copytree(root.published, paths.published)
    shutil.copytree(root.processed / "enquetes", paths.processed / "enquetes")  # up to date
    rows = [f"2010-H1;WP-{1 + i % 3:03d};{6 + i % 3};7;6;7;7;{6 + i % 4};ja;WW;{10 + i}"
            for i in range(30)]  # fmt: skip
    _write_wave(paths, "2010-H1", rows)
    en = compute.load("2010-T2", paths)
    assert [str(w) for w in en.waves][-1] == "2010-H1"
    row = en.wave_row(compute.means(en), Wave(2010, 1), score="overall")
    assert row["n"] == 30 and row["mean"] == pytest.approx(np.mean([6 + i % 4 for i in
                                                                     range(30)]))  # fmt: skip
    # no sample frame: the response rate is unknown (shown as a dash)
    assert np.isnan(compute.response(en).set_index("wave").loc["2010-H1", "rate_pct"])
    assert "2010" in tables_nl.means_display(en).columns[-1]


def test_text_marks_synthetic_data_and_drops_the_mark_for_real_data(en):
    assert "synthetisch" in text.principles_caption(en)
    assert "per constructie" in text.data_note(en)
    real = dataclasses.replace(
        en, metadata={w: {**m, "synthetic": False} for w, m in en.metadata.items()}
    )
    assert "synthetisch" not in text.principles_caption(real)
    assert "synthetisch" not in text_findings.locations_caption(real)
    assert "3 locaties hadden minder dan 10 respondenten" in text_findings.locations_note(en)
    lines = text.summary(compute.facts(Period(2009, 3), "ako-2009", en.paths)).strip().splitlines()
    assert 2 <= len(lines) <= 5 and all(line.startswith("- ") for line in lines)
    # with real respondents the interval of 'stijging 0,04%' may judge the claim
    assert "'nagenoeg gelijk gebleven' past daarbij" in text_findings.change_note(real)


def test_synthetic_respondents_judge_no_published_claim(en):
    """Everything that rests on the synthetic respondents' invented spread between locations
    (intervals, design effects, p-values, the strength of a relation) is marked as an
    illustration where it stands, and no sentence judges a published claim with it: the
    reader once found "'Nagenoeg gelijk gebleven' is de juiste samenvatting; 'stijging'
    niet", the interval −0,002 to 0,082, "de samenhang is duidelijk, maar zwak", p = 1,000
    and the design effects stated as findings, in the summary without a mark."""
    notes = {
        "means": text.means_note(en), "change": text_findings.change_note(en),
        "differences": text_findings.differences_note(en),
        "subgroups": text_findings.subgroup_note(en), "payment": text_findings.payment_note(en),
        "locations": text_findings.locations_note(en),
    }  # fmt: skip
    for name, note in notes.items():
        assert "synthetisch" in note, name
    joined = " ".join(" ".join(notes.values()).split())
    for verdict in ("de juiste samenvatting", "duidelijk, maar zwak", "p = ",
                    "niet te onderscheiden van toeval", "Alleen de eerste lezing"):  # fmt: skip
        assert verdict not in joined
    assert "Ter illustratie" in notes["change"] and "−0,002 tot 0,082" in notes["change"]
    assert "zegt niets over de echte meting" in notes["change"]
    assert "ter illustratie" in notes["means"].lower() and "12,5 tot 24,6" in notes["means"]
    assert not any(c.startswith("p (") for c in tables_nl.differences_display(en).columns)
    summary = " ".join(text.summary(compute.facts(Period(2009, 3), "ako-2009", en.paths)).split())
    assert "−0,002" not in summary and "keer zo breed" not in summary
    assert "synthetische respondenten" in summary and "per constructie" in summary
    change = compute.audit(en).set_index("published_key").loc[f"{compute.PUBLISHED_TABLE}:25"]
    assert change["verdict"] == verdicts.BY_CONSTRUCTION and "interval" not in change["reason"]


def test_both_readings_of_the_rise_fit_two_means_that_round_to_6_8(en):
    """'stijging 0,04%': 0,04 point (6,780 -> 6,820) and 0,04 % (6,800 -> 6,803) both round
    to 6,8 twice, so the published figures cannot tell the readings apart (the report once
    said only the first fits)."""
    readings = compute.change_readings(en).set_index("reading")
    assert readings["fits"].tolist() == [True, True]
    assert readings.loc["points", "change_points"] == pytest.approx(0.04)
    assert readings.loc["relative", "change_points"] == pytest.approx(0.04 / 100 * 6.8)
    assert (readings["mean_a"].iloc[0], readings["mean_b"].iloc[0]) == (6.8, 6.8)
    note = " ".join(text_findings.change_note(en).split())
    assert "Beide lezingen passen" in note and "6,800 → 6,803" in note
    # a change of 0,2 point could not hide behind two means of 6,8
    edited = en.published.copy()
    edited.loc[edited["statistic"] == "change_overall", "value"] = 0.2
    wide = dataclasses.replace(en, published=edited)
    assert compute.change_readings(wide).set_index("reading")["fits"].tolist() == [False, True]


def test_iwi_intervals_correct_for_the_finite_population(en):
    """201 respondents of at most 269 invited (75 % response): the Wilson intervals carry the
    finite-population correction (N − n)/(N − 1) and are about half as wide."""
    checks = compute.iwi_checks(en)
    percent = checks[checks["statistic"] == "percent"].set_index("line")
    assert set(percent["population"]) == {269, 129, 130}  # alle, CWI, coaches
    row = percent[percent["base"] == 201].iloc[0]
    lo, hi = wilson(int(row["count"]), 201, population=269)
    assert (row["lower_pct"], row["upper_pct"]) == pytest.approx((100 * lo, 100 * hi))
    plain = wilson(int(row["count"]), 201)
    assert (hi - lo) < 0.55 * (plain[1] - plain[0])
    note = " ".join(text.iwi_note(en).split())
    assert "correctie voor de eindige populatie" in note and "7 procentpunten breed" in note
    assert "zonder correctie voor de eindige populatie" not in note


def test_a_period_before_the_first_wave_has_an_empty_but_working_chapter(root, en):
    early = compute.load("2008-T1", root)
    assert not early.has_data and not in_report("enquetes", Period(2008, 1), root)
    assert "geen meting" in text.data_note(early) and text_findings.locations_note(early) == ""
    assert "geen meting" in text_findings.locations_caption(early)
    audit = compute.audit(early).set_index("published_key")["verdict"]
    assert (audit == verdicts.UNCHECKABLE).all()  # every wave lies after the period
    assert tables_nl.audit_display(early)["Herberekend"].eq("–").all()
