"""The synthetic history 2008-T1 ... 2009-T3 meets Tabel 3 and the §3.4.1 change claims."""

import json

import numpy as np
import pytest

from analysis.core.config import Paths
from analysis.ingest.landkaart import read_export
from analysis.study import scoring
from analysis.study.codebook import load_codebook
from analysis.synthetic import history as synthetic_history
from analysis.synthetic import landkaart as synthetic

PERIODS = ["2008-T1", "2008-T2", "2008-T3", "2009-T1", "2009-T2", "2009-T3"]
RULE = scoring.get_rule("ako-2009")


def _export(period):
    return Paths().landkaart_raw(period) / synthetic.export_name(period)


@pytest.fixture(scope="module")
def history():
    codebook = load_codebook()
    frames = {p: read_export(_export(p), codebook) for p in PERIODS}
    return {
        p: f.pivot(index="location", columns="milestone", values="category").to_numpy(dtype=int)
        for p, f in frames.items()
    }


def _totals(matrix):
    return np.array([0, 33, 66, 100])[matrix].sum(axis=1)


def test_means_equal_tabel_3(history):
    means = [int(_totals(history[p]).sum() // history[p].size) for p in PERIODS]
    assert means == [49, 56, 60, 65, 67, 73]


def test_same_neutral_ids_and_labelled_synthetic():
    ids = synthetic.location_ids(125)
    for period in PERIODS:
        lines = _export(period).read_text("utf-8").splitlines()
        assert [line.split(",")[0] for line in lines[1:]] == ids
        meta = json.loads(_export(period).with_suffix(".json").read_text("utf-8"))
        assert meta["synthetic"] is True and meta["period"] == period


def test_portfolio_division_23_to_12(history):
    m08 = 7
    assert (history["2009-T2"][:, m08] == 0).sum() == 23
    assert (history["2009-T3"][:, m08] == 0).sum() == 12


def test_green_locations_plus_9_since_2009_t2(history):
    green = {p: int((history[p] == 3).all(axis=1).sum()) for p in ("2009-T2", "2009-T3")}
    assert green == {"2009-T2": 3, "2009-T3": 12}


def test_120_locations_progressed_in_2009(history):
    progressed = _totals(history["2009-T3"]) > _totals(history["2008-T3"])
    assert progressed.sum() == 120
    assert round(100 * progressed.mean()) == 96


def test_paths_are_mostly_forward(history):
    for before, after in zip(PERIODS, PERIODS[1:], strict=False):
        a, b = history[before], history[after]
        assert (np.abs(b - a) <= 1).all()  # at most one category per tertaal
        assert (b < a).sum() <= 0.02 * a.size  # setbacks are rare
        assert (b > a).sum() > 5 * (b < a).sum()  # progress dominates


def test_regenerating_gives_the_committed_bytes(tmp_path):
    frames = synthetic_history.generate(Paths(), synthetic.DEFAULT_SEED)
    out = Paths(tmp_path)
    for period, frame in frames.items():
        meta = synthetic.sidecar(
            period, synthetic.DEFAULT_SEED, "ako-2009", synthetic_history.REPRODUCES_HISTORY
        )
        synthetic.write_export(frame, period, meta, out)
        written = out.landkaart_raw(period) / synthetic.export_name(period)
        assert written.read_bytes() == _export(period).read_bytes()
        assert (
            written.with_suffix(".json").read_bytes()
            == _export(period).with_suffix(".json").read_bytes()
        )
