"""Shared fixtures: the real codebook and a tidy-answers builder for hand-made cases."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.core.codebook import Codebook, load_codebook


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return load_codebook()


def make_answers(rows: dict[str, list[int | None]]) -> pd.DataFrame:
    """Tidy answers from {location: [category of M01, M02, ...]} (None = blank)."""
    records = [
        (loc, f"M{j:02d}", cat) for loc, cats in rows.items() for j, cat in enumerate(cats, start=1)
    ]
    frame = pd.DataFrame(records, columns=["location", "milestone", "category"])
    frame["category"] = frame["category"].astype("Int64")
    return frame


@pytest.fixture(scope="session")
def ingested_root(tmp_path_factory):
    """A copy of the project's inputs with every Landkaart period ingested (as `run` does)."""
    from analysis.core.config import Paths
    from analysis.ingest.landkaart import ingest_period, raw_periods

    paths = Paths().copy_inputs_to(tmp_path_factory.mktemp("ingested"))
    codebook = load_codebook(paths)
    periods, _ = raw_periods(paths, "2009-T3")
    for period in periods:
        ingest_period(period, paths, codebook)
    return paths
