"""The synthetic 2009-T3 export: labelled, neutral, reproducible, and meeting its targets."""

import json

import numpy as np
import pytest

from analysis.core.config import Paths
from analysis.study import published
from analysis.study.codebook import load_codebook
from analysis.study.scoring import get_rule
from analysis.synthetic import landkaart as synthetic

EXPORT = Paths().landkaart_raw("2009-T3") / synthetic.export_name("2009-T3")


def test_file_and_sidecar_say_synthetic():
    assert "synthetisch" in EXPORT.name
    meta = json.loads(EXPORT.with_suffix(".json").read_text("utf-8"))
    assert meta["synthetic"] is True
    assert meta["seed"] == synthetic.DEFAULT_SEED
    assert meta["generator_version"] == synthetic.GENERATOR_VERSION


def test_neutral_ids_only():
    lines = EXPORT.read_text("utf-8").splitlines()
    assert lines[0] == "locatie," + ",".join(f"M{i:02d}" for i in range(1, 15))
    assert [line.split(",")[0] for line in lines[1:]] == synthetic.location_ids(125)


@pytest.mark.e2e
@pytest.mark.heavy(6)
def test_regenerating_gives_the_committed_bytes(tmp_path):
    """Same seed, same code -> byte-identical export (the committed file is an input). The
    whole generator's search runs (some 6 s): end to end, like `analysis synthesize`."""
    frame = synthetic.generate_2009_t3(Paths(), synthetic.DEFAULT_SEED)
    out = Paths(tmp_path)
    meta = synthetic.sidecar(
        "2009-T3", synthetic.DEFAULT_SEED, "ako-2009", synthetic.REPRODUCES_2009_T3
    )
    synthetic.write_export(frame, "2009-T3", meta, out)
    written = out.landkaart_raw("2009-T3") / EXPORT.name
    assert written.read_bytes() == EXPORT.read_bytes()
    assert written.with_suffix(".json").read_bytes() == EXPORT.with_suffix(".json").read_bytes()


def test_targets_come_from_the_published_data():
    codebook = load_codebook()
    targets = {t.label: t for t in synthetic.targets_2009_t3(codebook)}
    assert targets["Gemiddelde score (totaal)"].counts == (6, 32, 75, 12)
    assert targets["Realiseren"].milestones == ("M08", "M09", "M10", "M11", "M12", "M13")
    assert targets["Realiseren"].counts == (6, 45, 61, 13)
    claim = targets["§3.4.1 zonder M11 en M14"]
    assert "M11" not in claim.milestones and "M14" not in claim.milestones
    assert claim.counts == (29, 41, 55)


def test_solver_meets_a_small_hand_checked_target(codebook):
    """Two milestones, four locations, one per band: only one arrangement of sums fits.

    M01 has points 33, 33, 100, 100 and M02 0, 0, 100, 100. One location per band forces
    (100, 100) = 100 %, (33, 0) = 16 %, (100, 0) = 50 % and (33, 100) = 66 %.
    """
    counts = published.milestone_counts(codebook).iloc[:2] * 0
    counts.loc["M01"] = [0, 2, 0, 2]
    counts.loc["M02"] = [2, 0, 0, 2]
    target = synthetic.BandTarget(
        "both", ("M01", "M02"), ((0, 32), (33, 65), (66, 99), (100, 100)), (1, 1, 1, 1)
    )
    matrix = synthetic.solve(counts, [target], get_rule("ako-2009"), seed=1)
    points = np.array([0, 33, 66, 100])[matrix].sum(axis=1)
    assert sorted(points.tolist()) == [33, 100, 133, 200]


def test_impossible_target_is_reported(codebook):
    counts = published.milestone_counts(codebook).iloc[:1] * 0
    counts.loc["M01"] = [4, 0, 0, 0]
    target = synthetic.BandTarget("M01", ("M01",), ((100, 100),), (4,))
    with pytest.raises(RuntimeError, match="no exact arrangement"):
        synthetic.solve(counts, [target], get_rule("ako-2009"), seed=1, attempts=2, max_iter=100)
