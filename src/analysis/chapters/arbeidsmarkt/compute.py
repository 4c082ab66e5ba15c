"""The labour-market chapter (AKO §3.1-3.2): standcijfers, outflow to work, the 210.000 target.

Inputs are long-format CSVs under ``data/raw/arbeidsmarkt`` (one row per peildatum x series);
a new month is a new block of rows, never a code change. The published derived values (the
"Mutatie" row and column, the outflow percentages) and the text claims of §3.1-3.2 live in
``data/raw/published/ako-2009-T3-arbeidsmarkt.csv`` so that every one can be recomputed.

Units: standcijfers are in thousands (``x1000``) as printed; outflow in persons.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.regression.linear_model import RegressionResultsWrapper

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.formatting import number, percent, rounded, signed
from analysis.core.periods import END_MONTH, Period
from analysis.core.published import load_table

PUBLISHED_PERIOD = "2009-T3"
PUBLISHED_TABLE = "ako-2009-T3-arbeidsmarkt"
STANDCIJFERS_FILE = "standcijfers.csv"
UITSTROOM_FILE = "uitstroom.csv"

BASE_DATE = pd.Timestamp("2006-12-31")  # "ultimo 2006": the start of the participation target
TARGET_DATE = pd.Timestamp("2010-12-31")  # "ultimo 2010": its end
TOTAL = "mutatie_totaal"  # id of the published "Mutatie tov ultimo 2006" row

# The published "Mutatie tov ultimo 2006" row as weights on each series' change since the base
# date: the decrease of the four stocks together. Found by `composition_fit`, which tries every
# combination of weights -1, 0, +1; only this one reproduces the row (6 of 6 columns).
COMPOSITION: dict[str, int] = {
    "niet_werkende_werkzoekenden": -1,
    "ww_uitkeringen": -1,
    "ag_uitkeringen": -1,
    "wwb_uitkeringen_lt65": -1,
}
SHORT_NL = {
    "niet_werkende_werkzoekenden": "NWW",
    "ww_uitkeringen": "WW",
    "ag_uitkeringen": "AG",
    "wwb_uitkeringen_lt65": "WWB",
    "nuggers": "Nuggers",
}
OUTFLOW_TOTAL = "uitstroom_werk_totaal"
OUTFLOW_PARTS = ("uitstroom_werk_ww", "uitstroom_werk_wwb", "uitstroom_werk_nug")
OUTFLOW_SUM_CLAIM = "Uitstroom naar werk: WW + WWB + niet-uitkeringsgerechtigden = totaal"
MAIN_WINDOW = "since_peak"
ALPHA = 0.05

STAND_COLUMNS = (
    "peildatum", "series", "value", "unit", "row_label", "column_label",
    "source_file", "section", "source_table", "note",
)  # fmt: skip
UITSTROOM_COLUMNS = (
    "peildatum", "series", "measure", "value", "unit", "row_label", "column_label",
    "source_file", "section", "source_table", "note",
)  # fmt: skip
MEASURES = ("streefwaarde", "realisatie")
MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WINDOW_NL = {"all": "alle peildata", "since_peak": "vanaf de piek"}
NB = "n.b."
DASH = "–"


# --------------------------------------------------------------------------- loading


def _read_long(path: Path, columns: tuple[str, ...], keys: list[str]) -> pd.DataFrame:
    """A long-format series file, validated: columns, ISO month-end dates, numbers, unique keys.

    Empty values stay missing (NaN), never zero. Problems raise one InputError naming the row.
    """
    if not path.exists():
        raise InputError(path, "file not found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(path, f"missing columns: {', '.join(missing)}")
    for i, text in enumerate(frame["peildatum"]):
        date = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        if pd.isna(date) or not date.is_month_end:
            raise InputError(
                path, f"{text!r} is not an ISO month-end date (YYYY-MM-DD)", row=i + 2,
                column="peildatum",
            )  # fmt: skip
    values = pd.to_numeric(frame["value"].replace("", None), errors="coerce")
    bad = values.isna() & (frame["value"] != "")
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(path, f"{frame['value'].iloc[i]!r} is not a number", row=i + 2,
                         column="value")  # fmt: skip
    frame["peildatum"] = pd.to_datetime(frame["peildatum"], format="%Y-%m-%d")
    frame["value"] = values.astype(float)
    dup = frame.duplicated(keys, keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(path, f"duplicate {'/'.join(keys)}", row=i + 2)
    return frame


def load_standcijfers(paths: Paths | None = None) -> pd.DataFrame:
    """All standcijfers rows (x1000), sorted by peildatum; file order of series is kept."""
    path = (paths or Paths()).arbeidsmarkt / STANDCIJFERS_FILE
    frame = _read_long(path, STAND_COLUMNS, ["peildatum", "series"])
    units = frame.groupby("series")["unit"].nunique()
    if (units > 1).any():
        raise InputError(path, f"series with more than one unit: {list(units[units > 1].index)}")
    return frame.sort_values("peildatum", kind="stable").reset_index(drop=True)


def load_uitstroom(paths: Paths | None = None) -> pd.DataFrame:
    """All outflow rows (persons): realisation and target per series and peildatum."""
    path = (paths or Paths()).arbeidsmarkt / UITSTROOM_FILE
    frame = _read_long(path, UITSTROOM_COLUMNS, ["peildatum", "series", "measure"])
    wrong = ~frame["measure"].isin(MEASURES)
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise InputError(path, f"measure must be one of {MEASURES}", row=i + 2, column="measure")
    return frame.sort_values("peildatum", kind="stable").reset_index(drop=True)


def load_published(paths: Paths | None = None) -> pd.DataFrame:
    """The published derived values and text claims of AKO 2009-T3 §3.1-3.2 ('n.b.' is NaN)."""
    frame = load_table(PUBLISHED_TABLE, paths)
    frame["peildatum"] = pd.to_datetime(frame["peildatum"], format="%Y-%m-%d")
    frame["value"] = frame["value"].astype(float)
    return frame


def period_bounds(period: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a tertaal: '2009-T3' -> (2009-09-01, 2009-12-31)."""
    p = Period.parse(period)
    month = p.end_month
    end = pd.Timestamp(p.year, month, 1) + pd.offsets.MonthEnd(0)
    return pd.Timestamp(p.year, month - 3, 1), end


@dataclass(frozen=True)
class Arbeidsmarkt:
    """All labour-market data, seen from one period (rows after the period's end are ignored)."""

    period: str
    standcijfers_all: pd.DataFrame
    uitstroom_all: pd.DataFrame
    published: pd.DataFrame
    paths: Paths

    @property
    def start(self) -> pd.Timestamp:
        return period_bounds(self.period)[0]

    @property
    def end(self) -> pd.Timestamp:
        return period_bounds(self.period)[1]

    @property
    def standcijfers(self) -> pd.DataFrame:
        """Standcijfers up to the end of the period."""
        return self.standcijfers_all[self.standcijfers_all["peildatum"] <= self.end]

    @property
    def uitstroom(self) -> pd.DataFrame:
        """Outflow of the period: the latest peildatum inside the period (empty if none)."""
        rows = self.uitstroom_all[
            (self.uitstroom_all["peildatum"] >= self.start)
            & (self.uitstroom_all["peildatum"] <= self.end)
        ]
        if rows.empty:
            return rows
        return rows[rows["peildatum"] == rows["peildatum"].max()]

    @property
    def has_published(self) -> bool:
        """The AKO report with §3.1-3.2 exists for this period only."""
        return self.period == PUBLISHED_PERIOD

    @property
    def target(self) -> float:
        """The participation target in thousands (210 for 210.000), as stated in the text."""
        row = self.published[self.published["statistic"] == "participation_target"]
        return float(row["value"].iloc[0]) / 1000

    # Derived once per object (the dataclass is frozen; its data are never changed).

    @cached_property
    def table(self) -> pd.DataFrame:
        """The period's standcijfers as series x peildatum (`wide`)."""
        return wide(self.standcijfers)

    @cached_property
    def table_all(self) -> pd.DataFrame:
        """All standcijfers (also after the period) as series x peildatum (`wide`)."""
        return wide(self.standcijfers_all)

    @cached_property
    def total(self) -> pd.Series | None:
        """The period's 'Mutatie tov ultimo 2006' row (`mutatie_row`); None when the period has
        no standcijfers of the base date (e.g. before ultimo 2006)."""
        if self.table.empty or BASE_DATE not in self.table.columns:
            return None
        return mutatie_row(self.table)

    @cached_property
    def projections(self) -> dict[str, Projection | None]:
        """`projections` of the period's total; empty without a total."""
        return {} if self.total is None else projections(self.total)

    @cached_property
    def verdict(self) -> dict:
        """`target_verdict` of this period."""
        return target_verdict(self)

    @cached_property
    def checks(self) -> pd.DataFrame:
        """`backtests` for the published period; an empty frame of the same shape otherwise."""
        if self.has_published:
            return backtests(self)
        columns = ["check", "statistic", "series", "peildatum", "computed", "published", "equal"]
        return pd.DataFrame(columns=columns)

    @cached_property
    def composition(self) -> pd.DataFrame:
        """`composition_fit` on all standcijfers and the published row."""
        return composition_fit(self.table_all, self.published)

    @cached_property
    def internal(self) -> pd.DataFrame:
        """`internal_checks` (sums within the published tables)."""
        return internal_checks(self)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """`all_claims` of this period."""
        return all_claims(self)


def load(period: str = PUBLISHED_PERIOD, root: str | Path | None = None) -> Arbeidsmarkt:
    paths = Paths.from_parameter(root)
    Period.parse(period)  # a clear error for a malformed period
    return Arbeidsmarkt(
        period, load_standcijfers(paths), load_uitstroom(paths), load_published(paths), paths
    )


# --------------------------------------------------------------------------- computations


def wide(stand: pd.DataFrame) -> pd.DataFrame:
    """Series x peildatum (x1000); series in file order, missing values NaN."""
    order = list(dict.fromkeys(stand["series"]))
    table = stand.pivot(index="series", columns="peildatum", values="value")
    return table.reindex(order).sort_index(axis=1)


def mutations(table: pd.DataFrame, base: pd.Timestamp = BASE_DATE) -> pd.DataFrame:
    """Each series' change since the base date (same shape as `table`; NaN stays NaN)."""
    if base not in table.columns:
        raise ValueError(f"no standcijfers for the base date {base.date()}")
    return table.sub(table[base], axis=0)


def combine(changes: pd.DataFrame, weights: dict[str, int]) -> pd.Series:
    """Sum of weight x change per peildatum; missing if any weighted series is missing there."""
    used = changes.loc[list(weights)]
    weighted = used.mul(pd.Series(weights), axis=0)
    return weighted.sum(min_count=len(weights)).where(used.notna().all())


def mutatie_row(table: pd.DataFrame, base: pd.Timestamp = BASE_DATE) -> pd.Series:
    """The 'Mutatie tov ultimo 2006' row: the decrease of the four stocks together (x1000)."""
    return combine(mutations(table, base), COMPOSITION).rename(TOTAL)


def formula_nl(weights: dict[str, int]) -> str:
    """'−ΔNWW − ΔWW' for weights {nww: -1, ww: -1}."""
    terms = [(("−" if w < 0 else "+"), f"Δ{SHORT_NL.get(s, s)}") for s, w in weights.items() if w]
    text = " ".join(f"{sign} {term}" for sign, term in terms).strip()
    return text[2:] if text.startswith("+ ") else text.replace("− ", "−", 1)


def _published_row(published: pd.DataFrame) -> pd.Series:
    """The published 'Mutatie' row by peildatum."""
    return published[published["statistic"] == "mutatie_row"].set_index("peildatum")["value"]


def known_series(table: pd.DataFrame, published: pd.DataFrame) -> list[str]:
    """Series with a value at every peildatum of the published 'Mutatie' row."""
    dates = _published_row(published).index
    return [s for s in table.index if table.loc[s, dates].notna().all()]


def composition_fit(table: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Every combination of weights -1/0/+1 on the known series, scored on the published row.

    Returns one row per candidate with the number of published columns it reproduces
    exactly, sorted best first. The base-date column (0 for every candidate) is counted
    separately so that the informative columns are visible.
    """
    row = _published_row(published)
    changes = mutations(table)
    known = known_series(table, published)
    informative = [d for d in row.index if d != BASE_DATE]
    records = []
    for signs in itertools.product((-1, 0, 1), repeat=len(known)):
        if not any(signs):
            continue
        weights = {s: w for s, w in zip(known, signs, strict=True) if w}
        computed = combine(changes, weights)[row.index]
        hits = computed == row
        records.append(
            {
                "weights": weights,
                "formula": formula_nl(weights),
                "hits": int(hits.sum()),
                "hits_informative": int(hits[informative].sum()),
                "columns": len(row),
            }
        )
    out = pd.DataFrame(records)
    out["n_series"] = out["weights"].map(len)
    return out.sort_values(
        ["hits", "n_series"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def years_since(dates: pd.Series | pd.DatetimeIndex, base: pd.Timestamp = BASE_DATE) -> np.ndarray:
    """Time in years (of 365,25 days) since the base date."""
    return np.asarray((pd.DatetimeIndex(dates) - base).days, dtype=float) / 365.25


def target_path(
    dates: pd.DatetimeIndex | pd.Series,
    target: float,
    base: pd.Timestamp = BASE_DATE,
    target_date: pd.Timestamp = TARGET_DATE,
) -> np.ndarray:
    """The straight line from 0 at the base date to the target at the target date.

    The convenant gives no intermediate milestones in the source; the linear path is an
    assumption used as a yardstick only.
    """
    span = years_since(pd.DatetimeIndex([target_date]), base)[0]
    return target * years_since(dates, base) / span


def progress(
    total: pd.Series,
    target: float,
    base: pd.Timestamp = BASE_DATE,
    target_date: pd.Timestamp = TARGET_DATE,
) -> pd.DataFrame:
    """Per peildatum: the realised decrease, the linear target path, % of target and of time."""
    dates = pd.DatetimeIndex(total.index)
    span = years_since(pd.DatetimeIndex([target_date]), base)[0]
    out = pd.DataFrame(index=dates)
    out["realised"] = total.to_numpy(dtype=float)
    out["path"] = target_path(dates, target, base, target_date)
    out["pct_of_target"] = 100 * out["realised"] / target
    out["pct_of_time"] = 100 * years_since(dates, base) / span
    return out


def required_pace(
    total: pd.Series, target: float, target_date: pd.Timestamp = TARGET_DATE
) -> float | None:
    """Decrease per year still needed from the last peildatum to reach the target in time."""
    last = pd.Timestamp(total.index.max())
    remaining = years_since(pd.DatetimeIndex([target_date]), last)[0]
    if remaining <= 0:
        return None
    return (target - float(total[last])) / remaining


@dataclass(frozen=True)
class LineFit:
    """Ordinary least squares y = a + b x (statsmodels), with prediction intervals."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    result: RegressionResultsWrapper

    @property
    def intercept(self) -> float:
        return float(self.result.params[0])

    @property
    def slope(self) -> float:
        return float(self.result.params[1])

    @property
    def sigma(self) -> float:
        """Residual standard deviation (n - 2 degrees of freedom)."""
        return float(np.sqrt(self.result.scale))

    @property
    def n(self) -> int:
        return len(self.x)

    @property
    def df(self) -> int:
        return int(self.result.df_resid)

    def predict(self, x0: float | np.ndarray, alpha: float = ALPHA) -> tuple:
        """(mean, lower, upper) of the (1 - alpha) prediction interval for a new observation."""
        scalar = np.ndim(x0) == 0
        exog = sm.add_constant(np.atleast_1d(np.asarray(x0, dtype=float)), has_constant="add")
        frame = self.result.get_prediction(exog).summary_frame(alpha=alpha)
        cols = (frame[c].to_numpy() for c in ("mean", "obs_ci_lower", "obs_ci_upper"))
        return tuple(float(c[0]) for c in cols) if scalar else tuple(cols)


def fit_line(x: np.ndarray | list[float], y: np.ndarray | list[float]) -> LineFit:
    """OLS line through at least 3 points (2 points leave no degrees of freedom for the error)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 3:
        raise ValueError(f"need at least 3 points for a line with an error estimate, got {len(x)}")
    result = sm.OLS(y, sm.add_constant(x, has_constant="add")).fit()
    return LineFit(tuple(map(float, x)), tuple(map(float, y)), result)


@dataclass(frozen=True)
class Projection:
    """A linear trend through a window of peildata, extrapolated to the target date."""

    window: str
    dates: tuple[pd.Timestamp, ...]
    fit: LineFit
    at: pd.Timestamp
    alpha: float = ALPHA

    @property
    def interval(self) -> tuple[float, float, float]:
        mean, lo, hi = self.fit.predict(years_since(pd.DatetimeIndex([self.at]))[0], self.alpha)
        return float(mean), float(lo), float(hi)

    def band(self, dates: pd.DatetimeIndex) -> pd.DataFrame:
        mean, lo, hi = self.fit.predict(years_since(dates), self.alpha)
        return pd.DataFrame({"mean": mean, "lower": lo, "upper": hi}, index=dates)


def window_dates(total: pd.Series, window: str) -> pd.DatetimeIndex:
    """Peildata of a fit window: 'all', or 'since_peak' (from the highest value on)."""
    total = total.dropna()
    dates = pd.DatetimeIndex(total.index)
    if window == "all":
        return dates
    if window == "since_peak":
        return dates[dates >= total.idxmax()]
    raise ValueError(f"unknown window {window!r}: expected 'all' or 'since_peak'")


def project(
    total: pd.Series, window: str = MAIN_WINDOW, at: pd.Timestamp = TARGET_DATE
) -> Projection | None:
    """Linear trend over the window, extrapolated to `at`; None with fewer than 3 peildata."""
    dates = window_dates(total, window)
    if len(dates) < 3:
        return None
    fit = fit_line(years_since(dates), total[dates].to_numpy(dtype=float))
    return Projection(window, tuple(dates), fit, at)


def projections(total: pd.Series) -> dict[str, Projection | None]:
    """Both windows; 'since_peak' only when the peak lies between the first and last peildatum
    (a turning point); otherwise it is the same line as 'all', or a single point."""
    out = {"all": project(total, "all")}
    dates, peak = window_dates(total, "all"), window_dates(total, "since_peak")[0]
    if dates[0] < peak < dates[-1]:
        out["since_peak"] = project(total, "since_peak")
    return out


def pick_main(found: dict[str, Projection | None]) -> Projection | None:
    """Of `projections`, the one the chapter judges the target by: since the peak if there is
    one, else through all peildata."""
    return found.get(MAIN_WINDOW) or found.get("all")


def main_projection(total: pd.Series) -> Projection | None:
    """The projection the chapter judges the target by: since the peak if there is one."""
    return pick_main(projections(total))


def round_pct(value: Fraction, decimals: int = 1) -> float:
    """A percentage rounded as printed (half up, 105,9)."""
    return float(rounded(value, decimals))


def outflow(uit: pd.DataFrame) -> pd.DataFrame:
    """Per outflow series: target, realisation and realisation as % of target (exact Fraction).

    A missing target gives a missing percentage, never 0 or infinity.
    """
    table = uit.pivot(index="series", columns="measure", values="value")
    table = table.reindex(index=list(dict.fromkeys(uit["series"])), columns=list(MEASURES))
    labels = uit.drop_duplicates("series").set_index("series")["row_label"]
    table.insert(0, "row_label", labels)
    table["pct"] = [
        Fraction(int(r), int(t)) * 100 if pd.notna(t) and pd.notna(r) and t else None
        for t, r in zip(table["streefwaarde"], table["realisatie"], strict=True)
    ]
    return table


# --------------------------------------------------------------------------- backtests


def backtests(am: Arbeidsmarkt) -> pd.DataFrame:
    """Every published derived value of §3.1-3.2 beside the recomputed one, with `equal`.

    Computed from all data (not only the period's), at the published peildata. A published
    'n.b.' is matched by a computed missing value.
    """
    table = am.table_all
    changes = mutations(table)
    total = mutatie_row(table)
    uit = am.uitstroom_all
    rows = []
    for r in am.published.itertuples():
        if r.statistic == "mutation_vs_base":
            computed = changes.loc[r.series, r.peildatum]
            check = "Mutatie-kolom"
        elif r.statistic == "mutatie_row":
            computed = total.get(r.peildatum, np.nan)
            check = "Mutatie-rij"
        elif r.statistic == "pct_of_target":
            pct = outflow(uit[uit["peildatum"] == r.peildatum]).loc[r.series, "pct"]
            computed = np.nan if pct is None else round_pct(pct, 1)
            check = "Percentage van streefwaarde"
        else:
            continue
        both_missing = pd.isna(computed) and pd.isna(r.value)
        rows.append(
            {
                "check": check,
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
    """Text and table of §3.1-3.2 side by side: each row a claim, its two numbers and a verdict.

    Values in persons. Sign convention: a change since ultimo 2006, negative = decrease.
    """
    pub = am.published
    changes = mutations(am.table_all)
    rows = []
    for r in pub[pub["statistic"] == "text_decrease_vs_base"].itertuples():
        parts = r.series.split("+")
        table_change = 1000 * float(changes.loc[parts, r.peildatum].sum())
        text_change = -r.value
        approx = "ca. " if "ca." in r.quote else ""
        detail = ", ".join(f"{SHORT_NL[s]} {_signed(changes.loc[s, r.peildatum])}" for s in parts)
        if table_change == text_change:
            note = f"Tabel: {detail} (× 1.000)." if len(parts) > 1 else ""
        else:
            direction = "gestegen" if table_change > 0 else "gedaald"
            note = (
                f"Tabel: {detail} (× 1.000), samen {_signed(table_change / 1000)}: het aantal is "
                f"met {approx}{number(abs(table_change))} {direction}. De tekst zegt "
                f"'{approx}{number(r.value)} gedaald'."
            )
            if abs(table_change) == abs(text_change):
                note += " De omvang klopt, de richting niet."
        rows.append(
            {
                "claim": f"{r.row_label} t.o.v. ultimo 2006 ({_date_nl(r.peildatum)})",
                "peildatum": r.peildatum,
                "table": table_change,
                "text": text_change,
                "equal": table_change == text_change,
                "quote": r.quote,
                "note": note,
            }
        )
    return pd.DataFrame(rows)


def internal_checks(am: Arbeidsmarkt) -> pd.DataFrame:
    """Checks within the published tables: parts add up to totals."""
    rows = []
    col = am.published[am.published["statistic"] == "mutation_vs_base"]
    row = am.published[am.published["statistic"] == "mutatie_row"]
    last = col["peildatum"].iloc[0]
    col_sum = float(col["value"].sum(min_count=1))
    row_last = float(row.set_index("peildatum")["value"].get(last, np.nan))
    rows.append(
        {
            "claim": "Mutatie-rij, laatste kolom = −(som van de Mutatie-kolom)",
            "peildatum": last,
            "table": -col_sum * 1000,
            "text": row_last * 1000,
            "equal": -col_sum == row_last,
            "quote": "",
            "note": "Twee tekenconventies in één tabel: de kolom telt een daling negatief, de rij "
            "positief.",
        }
    )
    uit = am.uitstroom_all
    for date in sorted(uit["peildatum"].unique()):
        real = uit[(uit["peildatum"] == date) & (uit["measure"] == "realisatie")].set_index(
            "series"
        )["value"]
        if OUTFLOW_TOTAL in real and all(p in real for p in OUTFLOW_PARTS):
            parts = float(real[list(OUTFLOW_PARTS)].sum(min_count=len(OUTFLOW_PARTS)))
            rows.append(
                {
                    "claim": OUTFLOW_SUM_CLAIM,
                    "peildatum": pd.Timestamp(date),
                    "table": parts,
                    "text": float(real[OUTFLOW_TOTAL]),
                    "equal": parts == float(real[OUTFLOW_TOTAL]),
                    "quote": "",
                    "note": "",
                }
            )
    return pd.DataFrame(rows)


def all_claims(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text claims and internal sums whose peildatum lies within the period's data."""
    claims = pd.concat([text_claims(am), am.internal], ignore_index=True)
    return claims[claims["peildatum"] <= am.end].reset_index(drop=True)


def target_verdict(am: Arbeidsmarkt) -> dict:
    """The text's 'niet gaat lukken' against the projection of the period's data.

    Without a total (no standcijfers of ultimo 2006 in the period) there is no projection.
    """
    proj = pick_main(am.projections)
    claim = am.published[am.published["statistic"] == "target_reachable"]
    text_reachable = bool(claim["value"].iloc[0]) if not claim.empty else None
    if proj is None:
        return {"projection": None, "reachable": None, "text_reachable": text_reachable}
    mean, lo, hi = proj.interval
    if hi < am.target:
        reachable = False
    elif lo >= am.target:
        reachable = True
    else:
        reachable = None  # the interval includes the target: the data cannot tell
    return {"projection": proj, "reachable": reachable, "text_reachable": text_reachable}


# --------------------------------------------------------------------------- Dutch labels


def column_label(date: pd.Timestamp) -> str:
    """The AKO column heading of a peildatum: 'Ultimo 2006', 'Ultimo 1e tertaal 2009', ..."""
    date = pd.Timestamp(date)
    if date.month == 12:
        return f"Ultimo {date.year}"
    for tertaal, month in END_MONTH.items():
        if date.month == month:
            return f"Ultimo {tertaal}e tertaal {date.year}"
    return f"Ultimo {MONTHS_NL[date.month - 1]} {date.year}"


def _date_nl(date: pd.Timestamp) -> str:
    """'ultimo oktober 2009'; a year end is 'ultimo 2006' as in the AKO text."""
    date = pd.Timestamp(date)
    if date.month == 12:
        return f"ultimo {date.year}"
    return f"ultimo {MONTHS_NL[date.month - 1]} {date.year}"


def _signed(value: float) -> str:
    """'+40', '-30', '0'; n.b. for a missing value."""
    return NB if pd.isna(value) else signed(value)


def thousands_nl(value: float) -> str:
    """A value in thousands as persons, rounded to a thousand: 190.02 -> '-190.000'."""
    return number(round(value) * 1000)


def _and_nl(names: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _df_nl(df: int) -> str:
    return f"{df} vrijheidsgraad" if df == 1 else f"{df} vrijheidsgraden"


def window_name(window: str, dates: pd.DatetimeIndex | tuple[pd.Timestamp, ...]) -> str:
    """'alle peildata' or 'vanaf de piek, ultimo 2008' for a window and its peildata."""
    name = WINDOW_NL[window]
    if window == "since_peak":
        name += f", {_date_nl(dates[0])}"
    return name


def _pair(computed: str, published: str | None, equal: bool) -> str:
    if published is None:
        return computed
    return f"{computed} / {published}" + ("" if equal else " ≠")


# --------------------------------------------------------------------------- display tables


def coverage_note(am: Arbeidsmarkt) -> str:
    """Which data the chapter uses for its period, as a callout."""
    stand = am.standcijfers
    lines = []
    if stand.empty:
        lines.append(
            "Er zijn geen standcijfers tot en met het einde van "
            f"{Period.parse(am.period).label_nl}."
        )
    else:
        dates = sorted(stand["peildatum"].unique())
        table = am.table
        empty = [lab for s, lab in series_labels(stand).items() if table.loc[s].isna().all()]
        lines.append(
            f"Standcijfers: {len(dates)} peildata, van {_date_nl(dates[0])} tot en met "
            f"{_date_nl(dates[-1])} ({', '.join(column_label(d).lower() for d in dates)})."
            + (f" Zonder waarden ({NB}): {', '.join(empty)}." if empty else "")
        )
        later = am.standcijfers_all["peildatum"] > am.end
        if later.any():
            lines.append(
                f"Peildata na het einde van de periode ({am.end.date().isoformat()}) blijven "
                "buiten beschouwing."
            )
        if pd.Timestamp(dates[-1]) < am.start:
            lines.append(
                f"De laatste peildatum ligt vóór het begin van de periode "
                f"({am.start.date().isoformat()}): voor deze periode zijn nog geen nieuwe "
                "standcijfers ingevoerd."
            )
    uit = am.uitstroom
    if uit.empty:
        lines.append("Uitstroom: voor deze periode zijn geen uitstroomcijfers ingevoerd.")
    else:
        date = uit["peildatum"].iloc[0]
        lines.append(
            f"Uitstroom: peildatum {date.date().isoformat()}; de bron noemt de meetperiode niet."
        )
    sources = sorted(set(stand["source_file"]) | set(uit["source_file"]))
    lines.append(
        "Bestanden: `data/raw/arbeidsmarkt/standcijfers.csv` en `uitstroom.csv`; bron: "
        + (", ".join(f"`{s}`" for s in sources) or "geen")
        + "."
    )
    if am.has_published:
        lines.append("De gepubliceerde waarden staan telkens naast de berekende (berekend / "
                     "gepubliceerd; ≠ bij verschil).")  # fmt: skip
    else:
        lines.append(
            f"Voor {am.period} is geen AKO-rapportage met deze tabellen gepubliceerd; de "
            "tabellen tonen alleen berekende waarden."
        )
    body = "\n".join(f"- {line}" for line in lines)
    return f'::: {{.callout-note title="Gegevens"}}\n{body}\n:::\n'


def series_labels(stand: pd.DataFrame) -> dict[str, str]:
    """Row label per series: the one of its latest peildatum."""
    return stand.groupby("series", sort=False)["row_label"].last().to_dict()


def standcijfers_intro(am: Arbeidsmarkt) -> str:
    """The introduction of @tbl-standcijfers, saying which rows are 'n.b.' in the period."""
    table = am.table
    everywhere, partly = [], []
    for series in table.index:
        n_missing = int(table.loc[series].isna().sum())
        name = SHORT_NL.get(series, series)
        if n_missing == table.shape[1]:
            everywhere.append(name)
        elif n_missing:
            partly.append(f"{name} ({number(n_missing)} van de {number(table.shape[1])})")
    if table.empty:
        missing = "Voor deze periode zijn er nog geen peildata. "
    elif everywhere or partly:

        def rows(names: list[str]) -> str:
            return f"in de {'rij' if len(names) == 1 else 'rijen'} {_and_nl(names)}"

        where = [f"{rows(everywhere)} staat overal '{NB}' (niet bekend)"] if everywhere else []
        where += [f"{rows(partly)} staat op een deel van de peildata '{NB}'"] if partly else []
        text = "; ".join(where)
        missing = (
            f"{text[0].upper()}{text[1:]}. Zulke cellen blijven hier leeg en tellen nergens als 0. "
        )
    else:
        missing = "In deze periode heeft elke cel een waarde. "
    return (
        "Tabel 1 van §3.2 geeft per peildatum de omvang van vier bestanden (× 1.000): "
        "niet-werkende werkzoekenden, WW-, AG- en WWB-uitkeringen (jonger dan 65), en daarnaast "
        f"de Nuggers (niet-uitkeringsgerechtigden). {missing}De tabel heeft twee afgeleide "
        "onderdelen: een kolom met de verandering per bestand sinds ultimo 2006 en een rij "
        "'Mutatie tov ultimo 2006'. "
        + (
            "@tbl-standcijfers rekent beide na.\n"
            if am.total is not None
            else "Zonder standcijfers van ultimo 2006 is daar niets van na te rekenen; "
            "@tbl-standcijfers blijft leeg.\n"
        )
    )


def standcijfers_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """AKO Tabel 1 (standcijfers): the data, the Mutatie column and row, with published values."""
    stand, table, total = am.standcijfers, am.table, am.total
    if total is None:
        return pd.DataFrame({"Standcijfers (× 1.000)": []})
    changes = mutations(table)
    last = table.columns[-1]
    check = am.checks
    pub_col = check[check["statistic"] == "mutation_vs_base"]
    pub_col = pub_col[pub_col["peildatum"] == last].set_index("series")
    pub_row = check[check["statistic"] == "mutatie_row"].set_index("peildatum")

    def fmt(v: float) -> str:
        return DASH if pd.isna(v) else number(v)

    mut_title = f"Mutatie t.o.v. {column_label(BASE_DATE).lower()}"
    records = []
    for series, label in series_labels(stand).items():
        rec = {"Standcijfers (× 1.000)": label}
        rec.update({column_label(d): fmt(table.loc[series, d]) for d in table.columns})
        computed = fmt(changes.loc[series, last])
        if series in pub_col.index:
            r = pub_col.loc[series]
            rec[mut_title] = _pair(computed, fmt(r["published"]), r["equal"])
        else:
            rec[mut_title] = computed
        records.append(rec)
    rec = {"Standcijfers (× 1.000)": "Mutatie tov ultimo 2006 (afname van de vier bestanden)"}
    for d in table.columns:
        computed = fmt(total[d])
        if d in pub_row.index:
            r = pub_row.loc[d]
            rec[column_label(d)] = _pair(computed, fmt(r["published"]), r["equal"])
        else:
            rec[column_label(d)] = computed
    rec[mut_title] = ""
    records.append(rec)
    return pd.DataFrame(records)


def backtest_note(am: Arbeidsmarkt, checks: tuple[str, ...] | None = None) -> str:
    """'Alle 11 gepubliceerde waarden ... ' or which differ; nothing to say outside 2009-T3."""
    if not am.has_published:
        return (
            f"Voor {am.period} zijn geen AKO-cijfers gepubliceerd; er valt niets te vergelijken.\n"
        )
    check = am.checks
    if checks:
        check = check[check["check"].isin(checks)]
    n, ok = len(check), int(check["equal"].sum())
    missing = int(check["published"].isna().sum())
    blank = (
        f" Daarvan {'is' if missing == 1 else 'zijn'} {number(missing)} in de bron 'n.b.' "
        "(niet bekend) en berekend eveneens onbekend; in de tabel staat daar een streepje."
        if missing
        else ""
    )
    if n == ok:
        return (
            f"Alle {number(n)} gepubliceerde afgeleide waarden worden exact gereproduceerd."
            f"{blank}\n"
        )
    bad = check[~check["equal"]]
    listed = "; ".join(
        f"{r.row_label} ({r.column_label}): berekend {number(r.computed)}, gepubliceerd "
        f"{number(r.published)}"
        for r in bad.itertuples()
    )
    return f"{ok} van de {n} gepubliceerde waarden worden gereproduceerd; afwijkend: {listed}.\n"


def composition_display(am: Arbeidsmarkt, top: int = 6) -> pd.DataFrame:
    """The best candidate compositions of the Mutatie row and how many columns each hits."""
    fit = am.composition
    n = int(fit["columns"].iloc[0])
    return pd.DataFrame(
        {
            "Samenstelling van de rij": fit["formula"].head(top),
            f"Kolommen gelijk (van {n})": fit["hits"].head(top).map(number),
            f"Zonder ultimo 2006 (van {n - 1})": fit["hits_informative"].head(top).map(number),
        }
    )


def _unknown_series(am: Arbeidsmarkt) -> list[str]:
    """Short names of the series left out of `composition_fit` ('n.b.' at a published date)."""
    table = am.table_all
    known = known_series(table, am.published)
    return [SHORT_NL.get(s, s) for s in table.index if s not in known]


def composition_intro(am: Arbeidsmarkt) -> str:
    """The method of @tbl-samenstelling, with the number of candidates it tries."""
    unknown = _unknown_series(am)
    n_known = len(am.table_all) - len(unknown)
    return (
        "Het AKO zegt niet hoe de rij is berekend. Schrijf ΔX voor de verandering van bestand X "
        f"sinds ultimo 2006. @tbl-samenstelling probeert elke combinatie van de {number(n_known)} "
        "bestanden met een waarde in alle gepubliceerde kolommen, met gewicht −1, 0 of +1 "
        f"({number(len(am.composition))} kandidaten), en telt in hoeveel kolommen de uitkomst "
        "exact gelijk is aan de gepubliceerde rij. De kolom ultimo 2006 is voor elke kandidaat 0 "
        "en zegt dus niets; daarom staat het aantal zonder die kolom ernaast.\n"
    )


def composition_note(am: Arbeidsmarkt) -> str:
    fit = am.composition
    n = int(fit["columns"].iloc[0])
    full = fit[fit["hits"] == n]
    if len(full) == 1 and full["weights"].iloc[0] == COMPOSITION:
        runner = int(fit["hits"].iloc[1])
        unknown = _unknown_series(am)
        left_out = (
            f" Zonder waarde in de gepubliceerde kolommen ({NB}) en dus niet meegeteld: "
            f"{_and_nl(unknown)}."
            if unknown
            else ""
        )
        return (
            f"Op de gepubliceerde Tabel 1 ({PUBLISHED_PERIOD}) reproduceert precies één "
            f"samenstelling alle {n} kolommen: "
            f"**{full['formula'].iloc[0]}**, de afname van de vier bestanden samen "
            f"(niet-werkende werkzoekenden, WW, AG en WWB). De beste andere combinatie haalt "
            f"{runner} van de {n}.{left_out} De rij telt "
            "dezelfde persoon mogelijk twee keer: een WW- of WWB-gerechtigde die als werkzoekende "
            "staat ingeschreven, zit ook in het aantal niet-werkende werkzoekenden. De rij is "
            "dus een som van bestanden, geen aantal personen.\n"
        )
    return (
        f"{len(full)} samenstellingen reproduceren alle {n} kolommen; de rekenregel van het "
        "hoofdstuk is dus niet eenduidig uit de tabel af te leiden.\n"
    )


def progress_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Per peildatum: realised decrease vs the linear path to 210.000 and the share of time."""
    if am.total is None:
        return pd.DataFrame({"Peildatum": []})
    prog = progress(am.total, am.target)
    target = number(am.target * 1000)
    return pd.DataFrame(
        {
            "Peildatum": [column_label(d) for d in prog.index],
            "Afname vier bestanden": prog["realised"].map(thousands_nl),
            "Lineair doelpad": prog["path"].map(thousands_nl),
            f"Gerealiseerd van {target}": prog["pct_of_target"].map(percent),
            "Verstreken looptijd": prog["pct_of_time"].map(percent),
        }
    ).reset_index(drop=True)


def projection_intro(am: Arbeidsmarkt) -> str:
    """How many peildata the projection of @tbl-projectie rests on."""
    if am.total is None:
        return (
            "Zonder standcijfers van ultimo 2006 is er geen afname te berekenen en dus ook geen "
            "trend; @tbl-projectie blijft leeg.\n"
        )
    n = int(am.total.notna().sum())
    if n < 3:
        return (
            f"Met {number(n)} {'peildatum' if n == 1 else 'peildata'} is geen trend met "
            "onzekerheidsmarge te schatten (daarvoor zijn er minstens 3 nodig); @tbl-projectie "
            "maakt dat zichtbaar.\n"
        )
    return (
        f"Met {number(n)} peildata valt weinig te voorspellen; @tbl-projectie maakt dat "
        "zichtbaar.\n"
    )


def projection_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Both trend windows: data used, trend per year, projection at ultimo 2010 with interval."""
    total = am.total
    if total is None:
        return pd.DataFrame({"Venster": []})
    records = []
    for window, proj in am.projections.items():
        dates = window_dates(total, window)
        name = window_name(window, dates)
        if proj is None:
            records.append({"Venster": name, "Peildata": number(len(dates)),
                            "Vrijheidsgraden": DASH, "Trend per jaar": DASH,
                            f"Projectie {column_label(TARGET_DATE).lower()}": DASH,
                            "95 %-voorspellingsinterval": "te weinig peildata"})  # fmt: skip
            continue
        mean, lo, hi = proj.interval
        records.append(
            {
                "Venster": name,
                "Peildata": number(proj.fit.n),
                "Vrijheidsgraden": number(proj.fit.df),
                "Trend per jaar": _signed(round(proj.fit.slope) * 1000),
                f"Projectie {column_label(TARGET_DATE).lower()}": thousands_nl(mean),
                "95 %-voorspellingsinterval": f"{thousands_nl(lo)} tot {thousands_nl(hi)}",
            }
        )
    return pd.DataFrame(records)


def projection_note(am: Arbeidsmarkt) -> str:
    """What the trend says about the target, with the caveats of few data points."""
    total = am.total
    if total is None:
        return "Zonder standcijfers van ultimo 2006 is geen voortgang te berekenen.\n"
    last = pd.Timestamp(total.index.max())
    target = number(am.target * 1000)
    verdict = am.verdict
    proj = verdict["projection"]
    pace = required_pace(total, am.target)
    now = float(total[last])
    direction = "lager" if now >= 0 else "hoger"
    text = (
        f"Op {_date_nl(last)} liggen de vier bestanden samen {thousands_nl(abs(now))} {direction} "
        f"dan ultimo 2006: {percent(100 * now / am.target)} van de {target}, terwijl "
        f"{percent(progress(total, am.target).loc[last, 'pct_of_time'])} van de looptijd "
        "voorbij is. "
    )
    if pace is not None and pace > 0:
        text += (
            "Om het doel ultimo 2010 te halen moeten de bestanden vanaf dan met gemiddeld "
            f"{thousands_nl(pace)} per jaar dalen. "
        )
    elif pace is not None:
        text += "Het doel is op deze peildatum al bereikt. "
    if proj is None:
        return text + "Voor een trend met onzekerheidsmarge zijn te weinig peildata (< 3).\n"
    mean, lo, hi = proj.interval
    text += (
        f"Een rechte lijn door de peildata {window_name(proj.window, proj.dates)} "
        f"({proj.fit.n} punten, "
        f"{_df_nl(proj.fit.df)}; trend {_signed(round(proj.fit.slope) * 1000)} per jaar) "
        f"komt ultimo 2010 uit op {thousands_nl(mean)}"
        + (
            f", dus bestanden die {thousands_nl(-mean)} hoger liggen dan ultimo 2006"
            if mean < 0
            else ""
        )
        + f" (95 %-voorspellingsinterval {thousands_nl(lo)} tot {thousands_nl(hi)}). "
    )
    if verdict["reachable"] is False:
        text += f"Ook de bovengrens blijft onder de {target}: het doel wordt niet gehaald. "
    elif verdict["reachable"] is True:
        text += f"Ook de ondergrens ligt boven de {target}. "
    else:
        text += f"Het interval omvat de {target}: de gegevens beslissen het niet. "
    other = am.projections.get("all")
    if proj.window != "all" and other is not None:
        o_mean, o_lo, o_hi = other.interval
        text += (
            f"De lijn door alle peildata komt uit op {thousands_nl(o_mean)}, met een interval "
            f"van {thousands_nl(o_lo)} tot {thousands_nl(o_hi)}: zij trekt de stijging tot de "
            "piek en de daling daarna door één lijn en zegt daardoor weinig. "
        )
    text += (
        "Met zo weinig punten is dit een scenario, geen voorspelling: het interval neemt aan dat "
        "de lijn recht doorloopt en dat de afwijkingen onafhankelijk zijn, wat voor maandstanden "
        "van bestanden niet geldt. Het werkelijke interval is breder.\n"
    )
    return text


def uitstroom_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """§3.1: target, realisation and % of target per category (computed / published)."""
    uit = am.uitstroom
    if uit.empty:
        return pd.DataFrame(
            {"Categorie": [f"geen uitstroomcijfers voor {am.period}"], "Realisatie": [DASH]}
        )
    table = outflow(uit)
    check = am.checks
    pub = check[check["statistic"] == "pct_of_target"].set_index("series")
    pct_cells = []
    for series, pct in table["pct"].items():
        computed = DASH if pct is None else percent(pct, 1)
        if series in pub.index:
            r = pub.loc[series]
            pct_cells.append(_pair(computed, percent(r["published"], 1), r["equal"]))
        else:
            pct_cells.append(computed)
    categories = [
        f"waarvan {lab[0].lower()}{lab[1:]}" if s in OUTFLOW_PARTS else lab
        for s, lab in table["row_label"].items()
    ]
    return pd.DataFrame(
        {
            "Categorie": categories,
            "Streefwaarde": table["streefwaarde"].map(lambda v: DASH if pd.isna(v) else number(v)),
            "Realisatie": table["realisatie"].map(lambda v: DASH if pd.isna(v) else number(v)),
            "Percentage": pct_cells,
        }
    ).reset_index(drop=True)


def uitstroom_note(am: Arbeidsmarkt) -> str:
    uit = am.uitstroom
    if uit.empty:
        return f"Voor {am.period} zijn geen uitstroomcijfers ingevoerd.\n"
    table = outflow(uit)
    no_target = [lab for lab, t in zip(table["row_label"], table["streefwaarde"], strict=True)
                 if pd.isna(t)]  # fmt: skip
    text = ""
    if am.has_published:
        text += backtest_note(am, ("Percentage van streefwaarde",)).strip() + " "
    if no_target:
        listed = _and_nl([n[0].lower() + n[1:] for n in no_target])
        text += (
            f"Voor {listed} noemt de bron geen streefwaarde; daar is geen percentage te "
            "berekenen (leeg, niet 0). "
        )
    internal = am.internal
    sums = internal[
        (internal["claim"] == OUTFLOW_SUM_CLAIM)
        & (internal["peildatum"] == uit["peildatum"].iloc[0])
    ]
    if not sums.empty and sums[["table", "text"]].notna().all(axis=None):
        r = sums.iloc[0]
        same = "gelijk aan" if r["equal"] else "niet gelijk aan"
        text += (
            f"De drie deelcategorieën tellen op tot {number(r['table'])}, {same} het totaal van "
            f"{number(r['text'])}."
        )
    return text.strip() + "\n"


def claims_display(am: Arbeidsmarkt) -> pd.DataFrame:
    """Text claims and internal sums of §3.1-3.2: table-derived value beside the text's.

    Only claims with a peildatum inside the period's data; the judgement on the target only
    for the published period (it is that report's text).
    """
    claims = am.claims
    records = [
        {
            "Bewering of samenhang": r.claim,
            "Uit de tabel": _signed(r.table),
            "Tekst / gepubliceerd": _signed(r.text),
            "Gelijk": "ja" if r.equal else "nee",
            "Toelichting": r.note,
        }
        for r in claims.itertuples()
    ]
    verdict = am.verdict
    proj = verdict["projection"]
    if am.has_published and proj is not None and verdict["text_reachable"] is not None:
        reach = {False: "nee", True: "ja", None: "onbeslist"}[verdict["reachable"]]
        mean, lo, hi = proj.interval
        records.append(
            {
                "Bewering of samenhang": "Participatiedoelstelling ultimo 2010 haalbaar?",
                "Uit de tabel": reach,
                "Tekst / gepubliceerd": "ja" if verdict["text_reachable"] else "nee",
                "Gelijk": "ja" if verdict["reachable"] == verdict["text_reachable"] else "nee",
                "Toelichting": f"Projectie ultimo 2010: {thousands_nl(mean)} "
                f"({thousands_nl(lo)} tot {thousands_nl(hi)}) tegen een doel van "
                f"{number(am.target * 1000)}.",
            }
        )
    if not records:
        records.append(
            {
                "Bewering of samenhang": "geen beweringen met een peildatum tot en met "
                f"{am.end.date().isoformat()}",
                "Uit de tabel": DASH,
                "Tekst / gepubliceerd": DASH,
                "Gelijk": DASH,
                "Toelichting": "",
            }
        )
    return pd.DataFrame(records)


def claims_note(am: Arbeidsmarkt) -> str:
    """The disagreements between text and table, said plainly."""
    claims = am.claims
    intro = (
        ""
        if am.has_published
        else f"De tekst hoort bij de AKO-rapportage van {PUBLISHED_PERIOD}; voor {am.period} "
        "staan alleen de beweringen waarvan de peildatum binnen de gegevens van de periode "
        "valt. "
    )
    bad = claims[~claims["equal"]]
    if claims.empty:
        return intro + "Er valt voor deze periode niets na te rekenen.\n"
    if bad.empty:
        return intro + "Tekst en tabellen van §3.1–3.2 spreken elkaar hier nergens tegen.\n"
    lines = [
        f"- **{r.claim}**: de tabel geeft {_signed(r.table)}, de tekst {_signed(r.text)}. {r.note}"
        for r in bad.itertuples()
    ]
    return (
        intro + "Waar tekst en tabel van het AKO elkaar tegenspreken:\n\n" + "\n".join(lines) + "\n"
    )
