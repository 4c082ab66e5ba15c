"""The labour-market chapter's checks: published derived values and text claims recomputed.

Numbers only, with language-neutral ids; `text_labels` gives them their Dutch wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.chapters.arbeidsmarkt.series import (
    OUTFLOW_PARTS,
    OUTFLOW_TOTAL,
    TOTAL,
    mutatie_row,
    outflow,
    round_pct,
)
from analysis.core.values import missing

if TYPE_CHECKING:
    from analysis.chapters.arbeidsmarkt.compute import Arbeidsmarkt

# Backtest ids (column `check`), by published statistic.
CHECKS = {
    "mutation_vs_base": "mutatie_column",
    "mutatie_row": "mutatie_row",
    "pct_of_target": "outflow_pct",
}
# Claim ids (column `claim`): a number in the text, and two sums within the tables.
TEXT_CLAIM = "text_decrease_vs_base"
ROW_SUM_CLAIM = "mutatie_row_vs_column_sum"  # last cell of the row = -(sum of the column)
OUTFLOW_SUM_CLAIM = "outflow_parts_sum"  # WW + WWB + niet-uitkeringsgerechtigden = total
BACKTEST_COLUMNS = (
    "check", "statistic", "series", "peildatum", "row_label", "column_label",
    "computed", "published", "equal",
)  # fmt: skip


def backtests(am: Arbeidsmarkt) -> pd.DataFrame:
    """Every published derived value of §3.1-3.2 beside the recomputed one, with `equal`.

    Computed from all data (not only the period's), at the published peildata. A published
    'n.b.' is matched by a computed missing value.
    """
    changes, total = am.changes_all, mutatie_row(am.table_all)
    uit = am.uitstroom_all
    rows = []
    for r in am.published.itertuples():
        if r.statistic == "mutation_vs_base":
            computed = changes.loc[r.series, r.peildatum]
        elif r.statistic == "mutatie_row":
            computed = total.get(r.peildatum, np.nan)
        elif r.statistic == "pct_of_target":
            pct = outflow(uit[uit["peildatum"] == r.peildatum]).loc[r.series, "pct"]
            computed = np.nan if pct is None else round_pct(pct, 1)
        else:
            continue
        both_missing = missing(computed) and missing(r.value)
        rows.append(
            {
                "check": CHECKS[r.statistic],
                "statistic": r.statistic,
                "series": r.series,
                "peildatum": r.peildatum,
                "row_label": r.row_label,
                "column_label": r.column_label,
                "computed": float(computed),
                "published": r.value,
                "equal": bool(both_missing or computed == r.value),
            }
        )
    return pd.DataFrame(rows)


def text_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text and table of §3.1-3.2 side by side: each row a claim (id TEXT_CLAIM, `series` the
    '+'-joined series it sums), its two numbers and whether they agree.

    Values in persons. Sign convention: a change since ultimo 2006, negative = decrease.
    `row_label` and `quote` are passed on from the published table.
    """
    pub = am.published
    rows = []
    for r in pub[pub["statistic"] == TEXT_CLAIM].itertuples():
        table_change = 1000 * float(am.changes_all.loc[r.series.split("+"), r.peildatum].sum())
        rows.append(
            {
                "claim": TEXT_CLAIM,
                "series": r.series,
                "peildatum": r.peildatum,
                "table": table_change,
                "text": -r.value,
                "equal": table_change == -r.value,
                "row_label": r.row_label,
                "quote": r.quote,
            }
        )
    return pd.DataFrame(rows)


def internal_checks(am: Arbeidsmarkt) -> pd.DataFrame:
    """Checks within the published tables: parts add up to totals (ids ROW_SUM_CLAIM and
    OUTFLOW_SUM_CLAIM)."""
    rows = []
    col = am.published[am.published["statistic"] == "mutation_vs_base"]
    row = am.published[am.published["statistic"] == "mutatie_row"]
    last = col["peildatum"].iloc[0]
    col_sum = float(col["value"].sum(min_count=1))
    row_last = float(row.set_index("peildatum")["value"].get(last, np.nan))
    rows.append(
        {
            "claim": ROW_SUM_CLAIM,
            "series": TOTAL,
            "peildatum": last,
            "table": -col_sum * 1000,
            "text": row_last * 1000,
            "equal": -col_sum == row_last,
            "row_label": "",
            "quote": "",
        }
    )
    uit = am.uitstroom_all
    for date in sorted(uit["peildatum"].unique()):
        real = uit[(uit["peildatum"] == date) & (uit["measure"] == "realisatie")].set_index(
            "series"
        )["value"]
        if OUTFLOW_TOTAL in real and all(p in real for p in OUTFLOW_PARTS):
            parts = float(real[list(OUTFLOW_PARTS)].sum(min_count=len(OUTFLOW_PARTS)))
            total = float(real[OUTFLOW_TOTAL])
            rows.append(
                {
                    "claim": OUTFLOW_SUM_CLAIM,
                    "series": OUTFLOW_TOTAL,
                    "peildatum": pd.Timestamp(date),
                    "table": parts,
                    "text": total,
                    "equal": parts == total,
                    "row_label": "",
                    "quote": "",
                }
            )
    return pd.DataFrame(rows)


def all_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text claims and internal sums whose peildatum lies within the period's data."""
    claims = pd.concat([text_claims(am), am.internal], ignore_index=True)
    return claims[claims["peildatum"] <= am.end].reset_index(drop=True)
