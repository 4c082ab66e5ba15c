"""Interpretation gap (issue 12): hand-computed statistics, scikit-learn and krippendorff as
references, the seeded bootstrap, the inspection input's errors, `available`, the synthetic
2008-T1 judgements and what the chapter discloses."""

from __future__ import annotations

import json
import re
import shutil

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis.chapters.interpretatieverschillen import agreement, compute, sensitivity
from analysis.chapters.interpretatieverschillen import text as iv_text
from analysis.chapters.interpretatieverschillen import text_tables as iv_tables
from analysis.chapters.interpretatieverschillen.audit import PUBLISHED_TABLE
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.formatting import number
from analysis.core.periods import Period
from analysis.ingest import inspectie
from analysis.study import verdicts
from analysis.study.codebook import load_codebook
from analysis.study.dag import in_report
from analysis.study.published import load_table
from analysis.study.scoring import get_rule
from analysis.synthetic import inspectie as synthetic

T1 = Period(2008, 1)
THIRDS = np.array([0, 1 / 3, 2 / 3, 1])
LABELS = [0, 1, 2, 3]
HEADER = "locatie,mijlpaal,oordeel,opmerking\n"


@pytest.fixture(scope="module")
def ins() -> compute.Inspection:
    return compute.load(T1, "ako-2009")


@pytest.fixture
def project(tmp_path) -> Paths:
    """The inputs the chapter reads (codebook, published, Landkaart and inspection 2008-T1)."""
    paths, copy = Paths(), Paths(tmp_path)
    for src, dst in (
        (paths.codebook, copy.codebook),
        (paths.published, copy.published),
        (paths.landkaart_raw(T1), copy.landkaart_raw(T1)),
        (paths.inspectie_raw(T1), copy.inspectie_raw(T1)),
    ):
        shutil.copytree(src, dst)
    return copy


def long_file(rows: dict[str, list[str]], remark: bool = True) -> str:
    """An inspection file: {location: [judgement of M01 .. M14]}."""
    head = HEADER if remark else "locatie,mijlpaal,oordeel\n"
    lines = [
        f"{loc},M{j:02d},{value}" + (",x" if remark else "")
        for loc, values in rows.items()
        for j, value in enumerate(values, start=1)
    ]
    return head + "\n".join(lines) + "\n"


# --- statistics on hand-computed cases ------------------------------------------------------


def test_statistics_of_a_hand_computed_case():
    """own 0,1,2,3,3 against judged 0,1,1,3,2 (worked out in the comments)."""
    c = agreement.confusion([0, 1, 2, 3, 3], [0, 1, 1, 3, 2])
    assert c.tolist() == [[1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]]
    s = agreement.summarize(c, THIRDS)
    assert s["n"] == 5 and s["exact"] == pytest.approx(3 / 5)
    assert s["over"] == pytest.approx(2 / 5) and s["under"] == 0 and s["within_one"] == 1
    assert s["mean_diff"] == pytest.approx(100 * (2 / 3) / 5)  # two pairs one third higher
    # linear: observed sum |i-j| = 2, expected sum r_i c_j |i-j| / n = 32 / 5 -> 1 - 2/6.4
    assert s["kappa_linear"] == pytest.approx(0.6875)
    # quadratic: observed 2, expected 64 / 5 -> 1 - 2/12.8
    assert s["kappa_quadratic"] == pytest.approx(0.84375)
    # ordinal alpha: n_c = 2, 3, 2, 3; D_o = 25, D_e = 1550 -> 1 - 9 * 25 / 1550
    assert s["alpha_ordinal"] == pytest.approx(1 - 9 * 25 / 1550)


def test_undefined_statistics_are_nan_not_errors():
    s = agreement.summarize(np.zeros((4, 4)), THIRDS)
    assert np.isnan(s["exact"]) and np.isnan(s["kappa_linear"]) and np.isnan(s["alpha_ordinal"])
    constant = agreement.summarize(agreement.confusion([2, 2], [2, 2]), THIRDS)
    assert constant["exact"] == 1 and np.isnan(constant["kappa_linear"])


@pytest.mark.parametrize("seed", range(8))
def test_kappa_and_alpha_equal_the_reference_packages(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 80))
    own = rng.integers(0, 4, n)
    judged = np.clip(own + rng.integers(-2, 3, n), 0, 3) if seed % 2 else rng.integers(0, 3, n)
    s = agreement.summarize(agreement.confusion(own, judged), THIRDS)
    for weights in ("linear", "quadratic"):
        ref = cohen_kappa_score(own, judged, labels=LABELS, weights=weights)
        assert s[f"kappa_{weights}"] == pytest.approx(ref, abs=1e-12)
    ref = krippendorff.alpha(
        reliability_data=np.vstack([own, judged]).astype(float),
        level_of_measurement="ordinal",
        value_domain=LABELS,
    )
    assert s["alpha_ordinal"] == pytest.approx(ref, abs=1e-12)


def test_bootstrap_is_seeded_and_resamples_whole_locations():
    rng = np.random.default_rng(3)
    per = np.stack([agreement.confusion(rng.integers(0, 4, 14), rng.integers(0, 4, 14))
                    for _ in range(15)])  # fmt: skip
    a = agreement.bootstrap(per, THIRDS, seed=11, resamples=300)
    assert a == agreement.bootstrap(per, THIRDS, seed=11, resamples=300)
    assert a != agreement.bootstrap(per, THIRDS, seed=12, resamples=300)
    assert a["n"].low == a["n"].high == 210  # every resample has 15 locations x 14 pairs
    weights = agreement.resample_weights(15, 300, seed=11)
    assert (weights.sum(axis=1) == 15).all()
    same = agreement.bootstrap(np.stack([per[0]] * 5), THIRDS, seed=1, resamples=50)
    assert same["exact"].low == same["exact"].high == same["exact"].estimate


def test_sign_flip_exact_on_three_locations():
    """d = 1, 2, 3: of the 8 sign vectors only +++ and --- reach |mean| = 2."""
    flip = agreement.sign_flip(np.array([1.0, 2.0, 3.0]), seed=0)
    assert flip.exact and flip.vectors == 8 and flip.p_value == pytest.approx(2 / 8)
    assert flip.statistic == pytest.approx(2)
    many = agreement.sign_flip(np.ones(20), seed=5)
    assert not many.exact and many == agreement.sign_flip(np.ones(20), seed=5)
    assert many.p_value < 0.001


def test_band_percentages_are_exact():
    rule = get_rule("ako-2009")
    points, scale = sensitivity._scaled(rule)
    # three milestones 'in ontwikkeling' = 33 % exactly (floats would give 32,99...)
    total = sensitivity.percentages(np.array([3 * points[1]]), np.array([3]), rule, scale)
    assert total.tolist() == [33]
    bands = ((0, 0, 32), (1, 33, 65), (2, 66, 99), (3, 100, 100))
    pct = np.array([0, 32, 33, 65, 66, 99, 100])
    assert sensitivity.band_of(pct, bands, 0).tolist() == [0, 0, 1, 1, 2, 2, 3]
    assert sensitivity.band_of(pct, bands, 5).tolist() == [0, 0, 0, 1, 1, 2, 3]


def test_noise_is_seeded_and_moves_one_category_inward_at_the_ends():
    own = np.array([0, 3, 1, 2] * 10)
    noisy = sensitivity.add_noise(own, 50, 0.5, seed=4)
    assert (noisy == sensitivity.add_noise(own, 50, 0.5, seed=4)).all()
    assert (np.abs(noisy - own) <= 1).all() and noisy.min() >= 0 and noisy.max() <= 3


# --- the chapter on the committed (synthetic) data ------------------------------------------


def test_published_figures_in_the_pdf_tables_equal_the_reference_packages(ins):
    """The agreement table shows what scikit-learn and krippendorff give on the raw files."""
    raw = pd.read_csv(Paths().inspectie_raw(T1) / synthetic.file_name())
    own = pd.read_csv(Paths().landkaart_raw(T1) / "landkaart-2008-T1-synthetisch.csv")
    own = own.melt("locatie", var_name="mijlpaal", value_name="eigen")
    pairs = raw.merge(own, on=["locatie", "mijlpaal"])
    codes = {"niet": 0, "in ontwikkeling": 1, "gedeeltelijk": 2, "volledig": 3}
    a, b = pairs["eigen"].map(codes), pairs["oordeel"].map(codes)
    shown = iv_tables.agreement_display(ins).set_index("Maat")["Waarde"]
    lin = cohen_kappa_score(a, b, labels=LABELS, weights="linear")
    quad = cohen_kappa_score(a, b, labels=LABELS, weights="quadratic")
    alpha = krippendorff.alpha(
        reliability_data=np.vstack([a, b]).astype(float),
        level_of_measurement="ordinal",
        value_domain=LABELS,
    )
    assert shown["Gewogen kappa van Cohen, lineair (hoofdmaat)"] == number(lin, 2)
    assert shown["Gewogen kappa van Cohen, kwadratisch"] == number(quad, 2)
    assert shown["Alfa van Krippendorff, ordinaal"] == number(alpha, 2)
    assert compute.intervals(ins)["kappa_linear"].estimate == pytest.approx(lin, abs=1e-12)


def test_synthetic_design_shows_the_findings_of_seed_000(ins):
    assert len(ins.locations) == 15 and len(ins.complete) == 210
    milestones = compute.milestone_frame(ins).set_index("milestone")
    assert (milestones["equal"] < 15).all()  # "over alle mijlpalen interpretatieverschillen"
    for ms in ("M01", "M06", "M07", "M08", "M12"):
        assert milestones.loc[ms, "over"] > 0
    iv = compute.intervals(ins)
    assert iv["over"].estimate > iv["under"].estimate > 0  # both directions, mostly too high
    assert iv["mean_diff"].low > 0
    locations = compute.location_frame(ins)
    equal = (locations["own_band"] == locations["judged_band"]).sum()
    assert 3 * equal >= 2 * len(locations)  # "in hoofdlijnen"
    base = compute.variants(ins).set_index("variant").loc["base"]
    assert base["holds_overclaim"] == base["holds_main_lines"] == 1


def test_audit_has_one_verdict_per_published_value(ins):
    published = verdicts.with_lines(load_table(PUBLISHED_TABLE))
    keys = {verdicts.published_key(PUBLISHED_TABLE, line) for line in published["line"]}
    for period in (T1, Period(2009, 3)):
        audit = compute.tables(period, "ako-2009", Paths())["audit"]
        assert set(audit["published_key"]) == keys
    audit = compute.audit_table(ins).set_index("published_key")
    assert audit.loc[f"{PUBLISHED_TABLE}:2", "verdict"] == verdicts.BY_CONSTRUCTION  # 15
    # 124 CWI/UWV establishments against 125 Werpleinen: not the same count, nothing compared
    assert audit.loc[f"{PUBLISHED_TABLE}:3", "verdict"] == verdicts.UNCHECKABLE
    assert pd.isna(audit.loc[f"{PUBLISHED_TABLE}:3", "computed"])
    assert "telt 125 Werkpleinen" in audit.loc[f"{PUBLISHED_TABLE}:3", "reason"]
    # the months of the first tertaal, alike: January matches by definition, 'mei' deviates
    assert audit.loc[f"{PUBLISHED_TABLE}:4", ["computed", "verdict"]].tolist() == [
        1, verdicts.BY_DEFINITION,
    ]  # fmt: skip
    assert audit.loc[f"{PUBLISHED_TABLE}:5", ["computed", "verdict"]].tolist() == [
        4, verdicts.DEVIATING,
    ]  # fmt: skip
    assert "de IWI noemt mei" in audit.loc[f"{PUBLISHED_TABLE}:5", "reason"]


def test_available_only_where_inspection_files_exist(project):
    assert in_report("interpretatieverschillen", T1, project)
    assert not in_report("interpretatieverschillen", Period(2009, 3), project)
    folder = project.inspectie_raw("2009-T3")
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("nog geen oordelen")
    assert not in_report("interpretatieverschillen", Period(2009, 3), project)
    unavailable = compute.load("2009-T3", root=project)
    assert not unavailable.available and iv_text.data_note(unavailable).count("\n") == 1
    assert list(compute.tables(Period(2009, 3), "ako-2009", project)) == ["audit"]


def test_another_period_needs_only_a_file(project):
    """15 locations of 2008-T1 judged as 'niet', in percentages and with ';': a new report."""
    t2 = Period(2008, 2)
    shutil.copytree(Paths().landkaart_raw(t2), project.landkaart_raw(t2))
    folder = project.inspectie_raw(t2)
    folder.mkdir(parents=True)
    text = long_file({f"wp-{i:03d}": ["10 %"] * 14 for i in range(1, 16)}, remark=False)
    (folder / "oordelen.csv").write_bytes(text.replace(",", ";").encode("cp1252"))
    ins = compute.load(t2, root=project)
    assert ins.locations[0] == "WP-001" and len(ins.complete) == 210  # Landkaart spelling
    assert not ins.judgements_synthetic
    assert set(compute.tables(t2, "ako-2009", project)) >= {"agreement", "audit"}
    assert iv_text.design_note(ins) == ""


# --- the inspection input -------------------------------------------------------------------


def _read(project, content: str, name: str = "oordelen.csv"):
    path = project.root / name
    path.write_text(content, encoding="utf-8")
    names = {f"wp-{i:03d}": f"WP-{i:03d}" for i in range(1, 126)}
    return inspectie.read_judgements(path, load_codebook(project), names, T1)


def _error(project, content: str) -> InputError:
    with pytest.raises(InputError) as exc:
        _read(project, content)
    return exc.value


def test_reads_labels_colours_points_and_remarks(project):
    row = ["niet", "rood", "1/3", "oranje", "0.66", "blauw", "1", "groen"] + ["volledig"] * 6
    frame = _read(project, long_file({"WP-001": row, "wp-002": [""] * 14}))
    assert frame["category"].iloc[:8].tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
    assert frame.loc[frame["location"] == "WP-002", "category"].isna().all()  # not judged
    assert (frame["remark"] == "x").all()
    assert frame.attrs["dialect"]["answers"] == ["colour", "label", "points"]


@pytest.mark.parametrize(
    ("content", "row", "column", "message"),
    [
        (long_file({"WP-999": ["niet"] * 14}), 2, "locatie", "unknown location 'WP-999'"),
        (HEADER + "WP-001,M15,niet,\n", 2, "mijlpaal", "unknown milestone 'M15'"),
        (HEADER + "WP-001,M01,niet,\nwp-001,M01,niet,\n", 3, "locatie", "written differently"),
        (HEADER + "WP-001,M01,niet,\nWP-001,1,niet,\n", 3, "mijlpaal", "second answer"),
        (HEADER + "WP-001,M01,paars,\n", 2, "oordeel", "unknown answer 'paars'"),
        (HEADER + "WP-001,M01,4,\n", 2, "oordeel", "not category codes"),
        (HEADER + "WP-001,M01,120%,\n", 2, "oordeel", "outside 0%-100%"),
        ("locatie,mijlpaal,oordeel,stad\nWP-001,M01,niet,x\n", 1, "stad", "unknown column"),
        ("locatie,mijlpaal,opmerking\nWP-001,M01,x\n", 1, None, "missing judgement column"),
    ],
)
def test_input_errors_name_file_row_and_column(project, content, row, column, message):
    err = _error(project, content)
    assert err.file.name == "oordelen.csv" and err.row == row and err.column == column
    assert message in err.message


def test_a_truncated_file_is_refused(project):
    err = _error(project, long_file({"WP-001": ["niet"] * 13}))
    assert "incomplete" in err.message and "M14" in err.message


def test_xlsx_and_period_folder(project):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Werkplein", "Mijlpaal", "Oordeel"])
    for j in range(1, 15):
        sheet.append(["WP-003", f"Mijlpaal {j}", "gedeeltelijk"])
    (project.inspectie_raw(T1) / "inspectie-2008-T1-synthetisch.csv").unlink()
    book.save(project.inspectie_raw(T1) / "oordelen.xlsx")
    ins = compute.load(T1, root=project)
    assert ins.locations == ["WP-003"] and (ins.complete["judged"] == 2).all()
    (project.inspectie_raw(T1) / "oordelen-2009-T3.csv").write_text(HEADER)
    with pytest.raises(InputError, match="2 inspection files found"):
        compute.load(T1, root=project)


# --- synthetic input and disclosure ---------------------------------------------------------


def test_synthetic_file_regenerates_byte_identically(tmp_path, project):
    out = Paths(tmp_path / "copy")
    shutil.copytree(project.codebook, out.codebook)
    shutil.copytree(project.landkaart_raw(T1), out.landkaart_raw(T1))
    synthetic.write(out)
    name = synthetic.file_name()
    committed = Paths().inspectie_raw(T1) / name
    assert (out.inspectie_raw(T1) / name).read_bytes() == committed.read_bytes()
    sidecar = json.loads(committed.with_suffix(".json").read_text("utf-8"))
    assert sidecar["synthetic"] is True and sidecar["seed"] == synthetic.DEFAULT_SEED
    assert sidecar["generator"] == "analysis.synthetic.inspectie" and "synthetisch" in name
    ids = pd.read_csv(committed)["locatie"]
    assert ids.str.fullmatch(r"WP-\d{3}").all() and ids.nunique() == 15


def test_no_remark_and_no_name_beside_a_location(ins):
    remarks = set(pd.read_csv(Paths().inspectie_raw(T1) / synthetic.file_name())["opmerking"]
                  .dropna())  # fmt: skip
    shown = [
        iv_text.sample_note(ins), iv_text.agreement_sentence(ins),
        iv_text.milestone_sentence(ins), iv_text.location_sentence(ins),
        iv_text.meaning(ins), iv_text.summary(compute.facts(T1, "ako-2009", Paths())),
        *(f.to_csv() for f in (iv_tables.location_display(ins), iv_tables.milestone_display(ins),
                               iv_tables.audit_display(ins))),
        *(f.to_csv() for f in compute.tables(T1, "ako-2009", Paths()).values()),
    ]  # fmt: skip
    for text in shown:
        assert not any(remark in text for remark in remarks)
    ids = compute.display_ids(["Haarlem", "Zaanstad", "Alkmaar"])
    assert sorted(ids.values()) == ["I-01", "I-02", "I-03"]
    assert ids != dict(zip(sorted(ids), ["I-01", "I-02", "I-03"], strict=True))
    assert compute.display_ids(["WP-002", "WP-010"]) == {"WP-002": "WP-002", "WP-010": "WP-010"}


def test_captions_and_summary_say_synthetic(ins):
    assert "synthetisch" in iv_text.caption(ins, "tbl-iv-overeenstemming")
    assert "synthetisch" in iv_text.summary(compute.facts(T1, "ako-2009", Paths()))
    summary = iv_text.summary(compute.facts(T1, "ako-2009", Paths()))
    bullets = [line for line in summary.splitlines() if line]
    assert 2 <= len(bullets) <= 5 and all(line.startswith("- ") for line in bullets)
    assert not re.search(r"(?<![\w])-\d", iv_text.agreement_sentence(ins))  # U+2212 minus


def test_without_data_every_cell_says_nothing_or_one_line(project):
    """Until the pipeline leaves the chapter out, a period without judgements must not fail."""
    ins = compute.load("2009-T3", root=project)
    assert ins.complete.empty and compute.variants(ins).empty
    for function in (iv_text.sample_note, iv_text.design_note, iv_text.agreement_sentence,
                     iv_text.milestone_sentence, iv_text.location_sentence,
                     iv_text.sensitivity_sentence, iv_text.meaning):  # fmt: skip
        assert function(ins) == ""
    assert len(iv_tables.audit_display(ins)) == len(compute.audit_table(ins))
