"""The survey chapter's results for one `Enquetes`: per-cell sums, national and per-location
means, subgroups, contrasts, wave differences, payment speed and response.

The analyses of `analyses` applied to the period's waves, each computed once per Enquetes.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.enquetes import analyses
from analysis.chapters.enquetes.aggregate import cell_sums
from analysis.chapters.enquetes.model import Enquetes
from analysis.core.memo import once
from analysis.ingest.enquetes import OVERALL


@once
def cells(en: Enquetes) -> pd.DataFrame:
    """Sums per wave x location x score (`aggregate.cell_sums`)."""
    if not en.has_data:
        return pd.DataFrame(columns=["wave", "location", "score", "respondents", "n", "sum",
                                     "sumsq"])  # fmt: skip
    return cell_sums(en.files)


@once
def means(en: Enquetes) -> pd.DataFrame:
    """`analyses.national_means` per wave and score."""
    return analyses.national_means(cells(en)) if en.has_data else _empty_means()


def _empty_means() -> pd.DataFrame:
    return pd.DataFrame(columns=["wave", "score", "respondents", "n", "clusters", "mean", "se",
                                 "df", "lower", "upper", "design_effect"])  # fmt: skip


@once
def locations(en: Enquetes) -> pd.DataFrame:
    """`analyses.location_means` of the overall judgement per wave and location."""
    return analyses.location_means(cells(en))


@once
def subgroups(en: Enquetes) -> pd.DataFrame:
    """`analyses.subgroup_means` by fixed contact person and by benefit."""
    if not en.has_data:
        return pd.DataFrame()
    return pd.concat(
        [analyses.subgroup_means(en.files, c) for c in ("fixed_contact", "benefit")],
        ignore_index=True,
    )


@once
def contrasts(en: Enquetes) -> pd.DataFrame:
    """`analyses.contrast` of every contrast in `analyses.CONTRASTS`."""
    if not en.has_data:
        return pd.DataFrame()
    parts = [analyses.contrast(en.files, c) for c in analyses.CONTRASTS]
    return pd.concat(parts, ignore_index=True)


@once
def differences(en: Enquetes) -> pd.DataFrame:
    """`analyses.wave_differences` between the waves (empty with one wave)."""
    return analyses.wave_differences(cells(en)) if len(en.waves) > 1 else pd.DataFrame()


@once
def last_change(en: Enquetes) -> pd.Series | None:
    """The overall judgement's difference between the last two waves (a row of
    `differences`), or None with one wave."""
    d = differences(en)
    return None if d.empty else d[d["score"] == OVERALL].iloc[-1]


@once
def payment(en: Enquetes) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`analyses.payment`: the fits and the bands of payment speed."""
    if not en.has_data:
        return pd.DataFrame(), pd.DataFrame()
    return analyses.payment(en.files)


@once
def response(en: Enquetes) -> pd.DataFrame:
    """`analyses.response` per wave."""
    return analyses.response(en.metadata, cells(en))
