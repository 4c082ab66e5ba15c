"""Published tables and text claims of the source reports, transcribed under data/raw/published."""

from __future__ import annotations

import pandas as pd

from analysis.core import defaults
from analysis.core.config import Paths
from analysis.core.inputs import buffered
from analysis.study.codebook import Codebook

PUBLISHED_PERIOD = defaults.PUBLISHED_PERIOD  # the period of the AKO report: the default run
AKO_2009_T3 = f"ako-{PUBLISHED_PERIOD}"  # that report: the prefix of its files here
EXCLUDED_IN_CLAIM = ("M11", "M14")  # §3.4.1: 'ontschotte kanalen' and 'klantverbetercyclus'


def load_table(name: str, paths: Paths | None = None) -> pd.DataFrame:
    """A tidy published table, e.g. ``load_table("ako-2009-T3-tabel-2")``."""
    path = (paths or Paths()).published / f"{name}.csv"
    return pd.read_csv(
        buffered(path), dtype={"category": str}, keep_default_na=False, na_values={"value": [""]}
    )


def claims(paths: Paths | None = None, report: str = AKO_2009_T3) -> pd.Series:
    """The numbers stated in a report's text, by claim id."""
    path = (paths or Paths()).published / f"{report}-claims.csv"
    table = pd.read_csv(buffered(path), index_col="claim")
    return table["value"]


def milestone_counts(codebook: Codebook, paths: Paths | None = None) -> pd.DataFrame:
    """Published Tabel 2 counts as a milestone-code x category-code frame (M01..M14 x 0..3)."""
    t2 = load_table(f"{AKO_2009_T3}-tabel-2", paths)
    counts = t2[(t2["statistic"] == "count") & (t2["milestone"] != "")]
    codes = codebook.milestones["code"]
    cat_codes = {label: code for code, label in codebook.categories["label_nl"].items()}
    wide = counts.pivot(index="milestone", columns="category", values="value")
    wide.index = [codes[int(m)] for m in wide.index]
    wide.columns = [cat_codes[c] for c in wide.columns]
    return wide.loc[codebook.milestone_codes, sorted(wide.columns)].astype(int)


def band_counts(
    table: str, row_label: str, codebook: Codebook, paths: Paths | None = None
) -> list[int]:
    """Published counts per category (niet ... volledig) of one row of Tabel 1 or 2."""
    t = load_table(f"{AKO_2009_T3}-{table}", paths)
    row = t[(t["row_label"] == row_label) & (t["statistic"] == "count")].set_index("category")
    return [int(row.loc[label, "value"]) for label in codebook.category_labels]
