"""Backtests: the pipeline's tables next to the published ones."""

from __future__ import annotations

import pandas as pd

from analysis.core.values import missing

KEYS = ["row", "statistic", "category"]


def backtest(computed: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Every published value (blank cells excluded) beside the computed one, with `equal`.

    Both frames are tidy (row, row_label, statistic, category, value), as `scoring.to_tidy`
    and `published.load_table` give them. Rows are matched by position in the table;
    `row_label` is the computed one (codebook names), `published_label` the printed one.
    """
    pub = published.dropna(subset=["value"])[[*KEYS, "row_label", "value"]]
    pub = pub.rename(columns={"value": "published", "row_label": "published_label"})
    comp = computed[[*KEYS, "row_label", "value"]].rename(columns={"value": "computed"})
    merged = pub.merge(comp, on=KEYS, how="left")
    merged["equal"] = merged["computed"].astype("Float64") == merged["published"].astype("Float64")
    merged["equal"] = merged["equal"].fillna(False).astype(bool)
    return merged


def side_by_side(check: pd.DataFrame, columns: dict[tuple[str, str], str]) -> pd.DataFrame:
    """A display table: one row per published row, cells 'computed / published' ('≠' if unequal).

    `columns` maps (statistic, category) to a column title.
    """

    def cell(r: pd.Series) -> str:
        return pair(_int(r["computed"]), _int(r["published"]), r["equal"])

    out = check.assign(cell=check.apply(cell, axis=1))
    out["column"] = [
        columns.get((s, c)) for s, c in zip(out["statistic"], out["category"], strict=True)
    ]
    out = out.dropna(subset=["column"])
    wide = out.pivot(index=["row", "row_label"], columns="column", values="cell")
    wide = wide[[c for c in columns.values() if c in wide.columns]].fillna("")
    return wide.reset_index(level="row", drop=True).rename_axis(None, axis=1)


def _int(value: object) -> str:
    return "–" if missing(value) else str(int(value))


def pair(computed: str, published: str | None, equal: bool) -> str:
    """A report cell: '76 / 76', or '75 / 76 ≠' when computed and published differ."""
    if published is None:
        return computed
    return f"{computed} / {published}" + ("" if equal else " ≠")
