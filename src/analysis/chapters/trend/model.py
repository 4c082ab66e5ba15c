"""The trend chapter's data: the Landkaart of every available tertaal up to a report period.

The bottom of the chapter. `load` reads the answers of every period into a `History`, which
scores them once: the mean score per tertaal, overall (AKO Tabel 3) and per phase, exact and
rounded by the scoring rule (blank answers are left out of every mean, as in
`analysis.study.scoring`, and counted per tertaal), each Werkplein's total score, and the
*real series* of overall means: per tertaal the exact mean of real (not synthetic) answers,
else the published Tabel 3 value (the centre of its rounding interval: a truncated 73 % is a
mean in [73, 74), so 73,5); synthetic means are never part of it.

A Werkplein's *total score* in a tertaal is its mean over its answered milestones
(`scoring.location_scores`, an exact fraction). Time is the tertaal index ``t`` counted from
the end of the first available tertaal (t = 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.core.config import Paths
from analysis.core.memo import in_run
from analysis.core.periods import Period, as_period
from analysis.core.values import missing
from analysis.ingest.landkaart import load_answers, raw_periods
from analysis.study import published, scoring
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import ScoringRule, get_rule

TABEL_3 = f"{published.AKO_2009_T3}-tabel-3"
TOTAL = "total"  # the `group` of the overall mean in `History.mean_scores`
COMPUTED, PUBLISHED = "computed", "published"  # the source of a point of the real series


def load_history(periods: list[Period], paths: Paths) -> pd.DataFrame:
    """The processed answers of several periods in one tidy frame.

    Columns period (Period), location, milestone, category (Int64, <NA> = blank answer),
    periods in tertaal order. `attrs["metadata"]` maps each period to its metadata.json and
    `attrs["blank_answers"]` to its number of blank answers.
    """
    ordered = sorted(periods)
    if len(set(ordered)) != len(ordered):
        raise ValueError(f"a period occurs twice in {[str(p) for p in periods]}")
    frames, metadata = [], {}
    for period in ordered:
        answers = load_answers(period, paths)
        metadata[period] = answers.attrs["metadata"]
        frames.append(answers.assign(period=period)[["period", *answers.columns]])
    if frames:
        history = pd.concat(frames, ignore_index=True)
    else:
        history = pd.DataFrame(
            {
                "period": pd.Series(dtype=object),
                "location": pd.Series(dtype="str"),
                "milestone": pd.Series(dtype="str"),
                "category": pd.Series(dtype="Int64"),
            }
        )
    history.attrs = {
        "metadata": metadata,
        "blank_answers": {
            p: int(history.loc[history["period"] == p, "category"].isna().sum()) for p in ordered
        },
    }
    return history


@dataclass(frozen=True)
class History:
    """The answers of every available tertaal up to the report period, ready to score.

    The means of the answers are computed once per History (cached properties); the numbers
    modules keep what they derive in the same way (`analysis.core.memo`). The cached frames
    are shared, so callers must not modify them.
    """

    period: Period  # the report period (the last one wanted)
    periods: tuple[Period, ...]  # available periods, oldest first
    answers: pd.DataFrame  # load_history(...)
    codebook: Codebook
    rule: ScoringRule
    paths: Paths

    @property
    def first(self) -> Period:
        return self.periods[0]

    @property
    def last(self) -> Period:
        return self.periods[-1]

    @property
    def n_periods(self) -> int:
        return len(self.periods)

    @property
    def metadata(self) -> dict[Period, dict]:
        return self.answers.attrs["metadata"]

    @property
    def synthetic(self) -> bool:
        """True when any period's answers are synthetic."""
        return any(m.get("synthetic") for m in self.metadata.values())

    def answers_of(self, period: Period) -> pd.DataFrame:
        """The tidy answers (location, milestone, category) of one period."""
        sel = self.answers[self.answers["period"] == period]
        return sel.drop(columns="period").reset_index(drop=True)

    @cached_property
    def phase_tables(self) -> dict[Period, pd.DataFrame]:
        """`scoring.phase_table` (AKO Tabel 1) of every period."""
        return {
            p: scoring.phase_table(self.answers_of(p), self.codebook, self.rule)
            for p in self.periods
        }

    @cached_property
    def totals(self) -> pd.DataFrame:
        """Total score (exact Fraction, None = no answered milestone) per location x period."""
        columns = {p: scoring.location_scores(self.answers_of(p), self.rule) for p in self.periods}
        frame = pd.DataFrame(columns, dtype=object).reindex(columns=list(self.periods))
        frame = frame.astype(object).where(frame.notna(), None)
        return frame.rename_axis("location").sort_index()

    @cached_property
    def mean_scores(self) -> pd.DataFrame:
        """Mean score per period, overall and per phase (tidy).

        Columns period, group (``TOTAL`` or the phase number), label (the codebook's),
        mean (exact Fraction of 1, None without scores), mean_exact_pct (float), mean_pct
        (rounded by the rule), n_locations (with a score), unknown_locations (without any
        answered milestone).
        """
        rows = []
        for period, table in self.phase_tables.items():
            for label, row in table.iterrows():
                phase, mean = row["phase"], row["mean"]
                rows.append(
                    {
                        "period": period,
                        "group": TOTAL if missing(phase) else int(phase),
                        "label": label,
                        "mean": mean,
                        "mean_exact_pct": None if mean is None else float(mean * 100),
                        "mean_pct": row["mean_pct"],
                        "n_locations": int(row["n_locations"]),
                        "unknown_locations": int(row[f"count:{scoring.UNKNOWN}"]),
                    }
                )
        return pd.DataFrame(rows)

    @cached_property
    def overall_means(self) -> pd.DataFrame:
        """Tabel 3 of the available periods: one row per period with the data behind the mean.

        Columns period, t (tertaal index), mean (Fraction), mean_exact_pct, mean_pct,
        n_locations, unknown_locations, blank_answers, synthetic.
        """
        means = self.mean_scores
        out = means[means["group"] == TOTAL].drop(columns=["group", "label"])
        out = out.reset_index(drop=True)
        out.insert(1, "t", [p.steps_since(self.first) for p in out["period"]])
        out["blank_answers"] = [self.answers.attrs["blank_answers"][p] for p in out["period"]]
        out["synthetic"] = [bool(self.metadata[p].get("synthetic")) for p in out["period"]]
        return out

    @cached_property
    def tabel3(self) -> pd.DataFrame:
        """AKO Tabel 3 as published, read once: index period, column_label ('dec-09'), value.

        Every tertaal that it covers, also those missing from this history; value in whole %.
        """
        table = published.load_table(TABEL_3, self.paths)
        table = table[(table["statistic"] == "mean_pct") & table["value"].notna()]
        table = table.assign(period=table["period"].map(as_period))
        return table.set_index("period")[["column_label", "value"]].astype({"value": int})

    @property
    def published_offset(self) -> float:
        """What to add to a published whole percentage for the centre of its rounding
        interval: 0,5 when the rule truncates (73 % is a mean in [73, 74)), else 0."""
        return 0.5 if self.rule.rounding == "floor" else 0.0

    @cached_property
    def real_series(self) -> pd.DataFrame:
        """The overall mean per tertaal from real data only, first to last tertaal.

        Columns period, t, value_pct (float), source: ``COMPUTED`` (exact mean of real
        answers) or ``PUBLISHED`` (Tabel 3 plus `published_offset`). A tertaal with only
        synthetic answers and no published value is left out.
        """
        means = self.overall_means.set_index("period")
        rows = []
        for i in range(self.last.steps_since(self.first) + 1):
            period = self.first.shift(i)
            real = period in means.index and not means.loc[period, "synthetic"]
            if real and not missing(means.loc[period, "mean_exact_pct"]):
                rows.append((period, i, float(means.loc[period, "mean_exact_pct"]), COMPUTED))
            elif period in self.tabel3.index:
                value = float(self.tabel3.loc[period, "value"]) + self.published_offset
                rows.append((period, i, value, PUBLISHED))
        return pd.DataFrame(rows, columns=["period", "t", "value_pct", "source"])


@in_run
def load(
    period: str | Period,
    scoring_rule: str = scoring.DEFAULT_RULE,
    root: Paths | str | None = None,
) -> History:
    """The history of every period up to `period` (root None: the repository).

    The periods are the Landkaart export folders under data/raw/landkaart (as `analysis run`
    ingests them); their processed answers are read, so a period must have been ingested.
    """
    period = as_period(period)
    paths = Paths.from_parameter(root)
    periods, _ = raw_periods(paths, period)
    if not periods:
        raise FileNotFoundError(
            f"no Landkaart export folder up to {period} under {paths.landkaart_root}: add the "
            f"export and run `analysis ingest --period {period}`"
        )
    return History(
        period,
        tuple(periods),
        load_history(periods, paths),
        load_codebook(paths),
        get_rule(scoring_rule),
        paths,
    )
