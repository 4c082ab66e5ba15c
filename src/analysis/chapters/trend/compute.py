"""Development over time: the Landkaart of every available tertaal up to a report period.

What this module computes (the words are in `text` and `text_tables`, the figures in `plots`):

- the mean score per tertaal, overall (AKO Tabel 3) and per phase, exact and rounded by the
  scoring rule; blank answers are left out of every mean (as in `analysis.core.scoring`) and
  counted per tertaal;
- a backtest of the overall means against the published Tabel 3, for the tertalen it covers;
- two fitted trends of the overall mean against time (`analysis.core.stats`): a straight
  line and a saturating curve ``100 - (100 - a) * exp(-k * t)``, each with the moment it
  reaches a target and a 95 % interval for that moment;
- the chapter's tidy tables (`tables`), including the per-Werkplein numbers of `locations`
  (change, progress in a year, the §3.4.1 change claims, bands, laggards).

A Werkplein's *total score* in a tertaal is its mean over its answered milestones
(`scoring.location_scores`, an exact fraction). Time is the tertaal index ``t`` counted from
the first available tertaal (t = 0); a moment ``t`` (possibly fractional) falls in the
tertaal ``first.at_moment(t)``: the first at whose end the fitted mean reached the target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from analysis.chapters.trend.locations import (
    CHANGE_CLASSES,
    SINCE,
    band_counts,
    change_claims,
    change_counts,
    laggards,
    year_progress,
)
from analysis.core import published, scoring
from analysis.core.codebook import Codebook, load_codebook
from analysis.core.config import Paths
from analysis.core.periods import Period, as_period
from analysis.core.scoring import ScoringRule, get_rule
from analysis.core.stats import (
    LINEAR,
    SATURATING,
    Crossing,
    TrendFit,
    linear_trend,
    saturating_trend,
)
from analysis.core.values import missing
from analysis.ingest.landkaart import load_answers, raw_periods

TABEL_3 = f"{published.AKO_2009_T3}-tabel-3"
TOTAL = "total"  # the `group` of the overall mean in `History.mean_scores`
MIN_INTERVAL_POINTS = 3  # at least one residual degree of freedom for an interval
TARGETS = {LINEAR: (100,), SATURATING: (95, 99)}


# --- loading -------------------------------------------------------------------------------


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

    Everything derived from the answers is computed once per History (cached properties);
    the cached frames are shared, so callers must not modify them.
    """

    period: Period  # the report period (the last one wanted)
    periods: tuple[Period, ...]  # available periods, oldest first
    answers: pd.DataFrame  # load_history(...)
    codebook: Codebook
    rule: ScoringRule
    paths: Paths
    cache: dict[tuple, object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # results that functions of other modules compute once per History, e.g. laggards

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

    @cached_property
    def fits(self) -> dict[str, TrendFit]:
        """Both fitted trends of the exact overall means (those that could be fitted)."""
        means = self.overall_means.dropna(subset=["mean_exact_pct"])
        t = means["t"].to_numpy(dtype=float)
        y = means["mean_exact_pct"].to_numpy(dtype=float)
        out = {
            LINEAR: linear_trend(t, y, self.first, TARGETS[LINEAR]),
            SATURATING: saturating_trend(t, y, self.first, TARGETS[SATURATING]),
        }
        return {k: v for k, v in out.items() if v is not None}


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


# --- backtest against Tabel 3 and fitted trends ----------------------------------------------


def tabel3_backtest(h: History) -> pd.DataFrame:
    """Computed overall mean beside AKO Tabel 3, for the available periods that it covers.

    Columns period, computed (mean_pct), published, equal.
    """
    pub = h.tabel3
    means = h.overall_means.set_index("period")
    rows = [
        {
            "period": p,
            "computed": means.loc[p, "mean_pct"],
            "published": int(pub.loc[p, "value"]),
        }
        for p in h.periods
        if p in pub.index
    ]
    out = pd.DataFrame(rows, columns=["period", "computed", "published"])
    out["equal"] = [
        not missing(c) and int(c) == p
        for c, p in zip(out["computed"], out["published"], strict=True)
    ]
    return out


def crossings(h: History) -> list[Crossing]:
    """Every crossing of both fits (linear: 100 %; saturating: 95 % and 99 %)."""
    return [c for fit in h.fits.values() for c in fit.crossings]


# --- tidy tables -----------------------------------------------------------------------------

CROSSING_COLUMNS = [
    "model", "target", "t", "low", "high", "period", "low_period", "high_period",
]  # fmt: skip
LAGGARD_COLUMNS = [
    "location", "period", "score_exact_pct", "score_pct", "change_exact_pct", "lowest",
    "least_progress",
]  # fmt: skip


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """The chapter's numbers as tidy frames (language-neutral columns), by kebab-case name."""
    h = load(period, scoring_rule, paths)
    means = h.mean_scores.drop(columns=["label", "mean"])
    per_period = h.overall_means.set_index("period")[["blank_answers", "synthetic"]]
    means = means.join(per_period, on="period")
    total = means["group"] == TOTAL
    means.insert(1, "level", total.map({True: "total", False: "phase"}))
    phases = [None if t else g for t, g in zip(total, means["group"], strict=True)]
    means.insert(2, "phase", pd.array(phases, dtype="Int64"))
    means = means.drop(columns="group")
    fits = [
        {"model": m, "n_points": len(f.t), "parameter": k, "value": v}
        for m, f in h.fits.items()
        for k, v in f.params.items()
    ]
    crossing_rows = [
        {
            "model": c.model, "target": c.target, "t": c.t, "low": c.low, "high": c.high,
            "period": c.period, "low_period": c.low_period, "high_period": c.high_period,
        }
        for c in crossings(h)
    ]  # fmt: skip
    changes = pd.concat(
        [change_counts(h, s).reset_index().assign(since=s) for s in SINCE], ignore_index=True
    )
    bands = band_counts(h).reset_index().melt("period", var_name="band", value_name="n_locations")
    codes = {label: code for code, label in h.codebook.categories["label_nl"].items()}
    bands.insert(1, "category", pd.array([codes.get(b) for b in bands["band"]], dtype="Int64"))
    bands = bands.drop(columns="band")  # category empty: no score (blank answers only)
    claims = change_claims(h).rename(columns={"period": "claim_period"})
    lag = laggards(h)
    laggard_rows = [
        {
            "location": loc, "period": p,
            "score_exact_pct": None if row[p] is None else row[p] * 100,
            "score_pct": None if row[p] is None else h.rule.pct(row[p]),
            "change_exact_pct": None if row["change"] is None else row["change"] * 100,
            "lowest": row["lowest"], "least_progress": row["least_progress"],
        }
        for loc, row in lag.iterrows()
        for p in h.periods
    ]  # fmt: skip

    def marked(frame: pd.DataFrame) -> pd.DataFrame:
        """`synthetic`: the numbers rest on synthetic answers of some period of the history
        (changes, fits and laggards compare periods, so one synthetic period taints them)."""
        return frame.assign(synthetic=h.synthetic)

    return {
        "means": means.reset_index(drop=True),
        "tabel-3-backtest": marked(tabel3_backtest(h)),
        "fits": marked(pd.DataFrame(fits, columns=["model", "n_points", "parameter", "value"])),
        "crossings": marked(pd.DataFrame(crossing_rows, columns=CROSSING_COLUMNS)),
        "changes": marked(changes[["since", "period", *CHANGE_CLASSES]]),
        "year-progress": marked(
            pd.DataFrame(
                [(x.year, x.progressed, x.base, x.pct) for x in year_progress(h)],
                columns=["year", "progressed", "base", "pct"],
            )
        ),
        "bands": marked(bands.sort_values(["period"], kind="stable").reset_index(drop=True)),
        "claims": marked(claims),
        "laggards": marked(pd.DataFrame(laggard_rows, columns=LAGGARD_COLUMNS)),
    }
