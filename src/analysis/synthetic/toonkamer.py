"""Seeded, deterministic synthetic client data of the Toonkamer pilots (seed 004, Bijlage 1).

The real client records of the pilots are not public. This generator builds one row per client
(the columns of `analysis.ingest.toonkamer`) such that, with the cohort rule of
`analysis.study.toonkamer`, every published outflow cell is met exactly: per benefit, group,
location and horizon, the cohort size is the bracketed count and the number of leavers the
whole number behind the printed percentage. The WW outflow to work is 84 % (Toonkamer) and
76 % (control group) of all outflow in the period, as published.

How: the published cohorts are nested (who can be followed for 6 months can be followed for 3),
so the clients fall into inflow bands (entered early enough for 6, for 5 but not 6 months, ...).
An integer program (`solve_bands`) chooses per band the cumulative number of leavers at each
horizon, adding up to the published counts, as close as possible to the published rate; the
dates are then drawn at random inside their band and month. Everything else is invented and
marked as such in the sidecar: the days, outflow after the last published horizon, and the
outflow reasons of WWB clients (no published share). Locations get neutral codes TK-1 ...;
the sidecar maps them to the published locations only so that the chapter can compare.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from analysis.core import atomic
from analysis.core.config import Paths
from analysis.core.values import rounded
from analysis.study.toonkamer import (
    CONTROL,
    HORIZONS,
    TOONKAMER,
    claims,
    horizon_end,
    measurement_window,
    outflow_cells,
)

GENERATOR_VERSION = "1"
DEFAULT_SEED = 20060901
FILE_NAME = "toonkamer-klanten-synthetisch.csv"
GROUP_NL = {TOONKAMER: "toonkamer", CONTROL: "controlegroep"}
REASON_NL = {True: "werk", False: "overig"}
DAY = pd.Timedelta(days=1)
WWB_WORK_SHARE = 84  # invented: the source gives the share to work for the WW only


def solve_bands(n: dict[int, int], k: dict[int, int]) -> dict[int, dict[int, int]]:
    """Cumulative leavers per inflow band: {band: {horizon: leavers within horizon}}.

    `n[h]` and `k[h]` are the published cohort size and leavers at horizon h. Band b holds the
    n[b] - n[b+1] clients followable for b but not b+1 months (band 6: all of n[6]). Constraints:
    for every h the bands b >= h add up to k[h]; within a band leavers never decrease with h and
    never exceed its size. Objective: each band's rate as close as possible to k[h] / n[h].
    """
    bands = list(HORIZONS)
    size = {b: n[b] - n.get(b + 1, 0) for b in bands}
    if any(s < 0 for s in size.values()):
        raise ValueError(f"cohort sizes must not grow with the horizon: {n}")
    cells = [(b, h) for b in bands for h in HORIZONS if h <= b]
    m = len(cells)
    index = {cell: i for i, cell in enumerate(cells)}
    # variables: F (m, integer), e_plus (m), e_minus (m): F - e_plus + e_minus = target
    cost = np.r_[np.zeros(m), np.ones(2 * m)]
    rows, lower, upper = [], [], []

    def constraint(coefs: dict[int, float], lo: float, hi: float) -> None:
        row = np.zeros(3 * m)
        for i, c in coefs.items():
            row[i] = c
        rows.append(row)
        lower.append(lo)
        upper.append(hi)

    for h in HORIZONS:
        constraint({index[(b, h)]: 1 for b in bands if b >= h}, k[h], k[h])
    for b, h in cells:
        i = index[(b, h)]
        rate = k[h] / n[h] if n[h] else 0.0
        constraint({i: 1, m + i: -1, 2 * m + i: 1}, rate * size[b], rate * size[b])
        if (b, h + 1) in index:
            constraint({i: 1, index[(b, h + 1)]: -1}, -np.inf, 0)
    hi = np.r_[[size[b] for b, _ in cells], np.full(2 * m, np.inf)]
    result = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=np.r_[np.ones(m), np.zeros(2 * m)],
        bounds=Bounds(np.zeros(3 * m), hi),
    )
    if not result.success:
        raise ValueError(f"no synthetic cohort matches n={n}, k={k}: {result.message}")
    values = np.round(result.x[:m]).astype(int)
    return {b: {h: int(values[index[(b, h)]]) for h in HORIZONS if h <= b} for b in bands}


def _band_window(band: int, start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.Timestamp, ...]:
    """First and last inflow day of an inflow band (followable for `band` months, not one more)."""
    last = end - pd.DateOffset(months=band)
    if band == max(HORIZONS):
        return start, last
    return end - pd.DateOffset(months=band + 1) + DAY, last


def _day_between(rng: np.random.Generator, first: pd.Timestamp, last: pd.Timestamp) -> pd.Timestamp:
    """A day drawn uniformly from first ... last (both included)."""
    return first + pd.Timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def _outflow(
    rng: np.random.Generator, inflow: pd.Timestamp, interval: int | None, band: int, monthly: float
) -> pd.Timestamp | None:
    """An outflow day in month interval (h - 1, h] after inflow ((0, 3] for the first); for
    None a day after the band's last horizon, drawn with a constant monthly chance (invented)."""
    if interval is not None:
        after = horizon_end(inflow, interval - 1) if interval > min(HORIZONS) else inflow
        return _day_between(rng, after + DAY, horizon_end(inflow, interval))
    months = rng.geometric(monthly) - 1 + rng.random()  # time beyond the band's horizon
    return horizon_end(inflow, band) + DAY + pd.Timedelta(days=int(months * 30.4375))


def _stratum(
    rng: np.random.Generator, cells: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
) -> list[dict[str, object]]:
    """The clients of one benefit x group x location: inflow and outflow dates."""
    n = dict(zip(cells["horizon"], cells["n"], strict=True))
    k = dict(zip(cells["horizon"], cells["k"], strict=True))
    plan = solve_bands(n, k)
    last = max(HORIZONS)
    rate = k[last] / n[last] if n[last] else 0.0
    monthly = 1 - (1 - min(max(rate, 0.05), 0.95)) ** (1 / last)
    clients = []
    for band, leavers in plan.items():
        first, final = _band_window(band, start, end)
        size = n[band] - n.get(band + 1, 0)
        inflows = sorted(_day_between(rng, first, final) for _ in range(size))
        intervals: list[int | None] = []
        for h in sorted(leavers):
            intervals += [h] * (leavers[h] - leavers.get(h - 1, 0))
        intervals += [None] * (size - len(intervals))
        order = rng.permutation(size)
        for inflow, i in zip(inflows, order, strict=True):
            outflow = _outflow(rng, inflow, intervals[i], band, monthly)
            clients.append({"inflow": inflow, "outflow": outflow if outflow <= end else None})
    return clients


def generate(paths: Paths | None = None, seed: int = DEFAULT_SEED) -> tuple[pd.DataFrame, dict]:
    """The synthetic client file (Dutch columns, as an inspector would receive it) and sidecar."""
    rng = np.random.default_rng(seed)
    start, end = measurement_window(paths)
    cells = outflow_cells(paths)
    codes = {
        loc: f"TK-{order}"
        for loc, order in cells[["location", "location_order"]].drop_duplicates().to_numpy()
    }
    shares = claims(paths)["value"]
    work_pct = {
        ("WW", TOONKAMER): int(shares["ww_work_share_toonkamer"]),
        ("WW", CONTROL): int(shares["ww_work_share_control"]),
    }
    rows = []
    for (benefit, group), part in cells.groupby(["benefit", "group"], sort=False):
        stratum_rows = []
        for _, stratum in part.groupby("location_order", sort=True):
            for client in _stratum(rng, stratum, start, end):
                stratum_rows.append(
                    {
                        "benefit": benefit,
                        "group": group,
                        "location": codes[stratum["location"].iloc[0]],
                        **client,
                    }
                )
        leavers = [i for i, r in enumerate(stratum_rows) if r["outflow"] is not None]
        pct = work_pct.get((benefit, group), WWB_WORK_SHARE)
        to_work = int(rounded(pct * len(leavers) / 100))
        work = set(rng.choice(leavers, size=to_work, replace=False).tolist()) if leavers else set()
        for i, row in enumerate(stratum_rows):
            row["reason"] = REASON_NL[i in work] if row["outflow"] is not None else ""
        rows += stratum_rows
    frame = pd.DataFrame(rows).sort_values(
        ["benefit", "group", "location", "inflow"],
        ascending=[True, False, True, True],
        kind="stable",
    )
    out = pd.DataFrame(
        {
            "klant": [f"KL-{i:04d}" for i in range(1, len(frame) + 1)],
            "groep": frame["group"].map(GROUP_NL).to_numpy(),
            "regeling": frame["benefit"].to_numpy(),
            "locatie": frame["location"].to_numpy(),
            "instroomdatum": [d.date().isoformat() for d in frame["inflow"]],
            "uitstroomdatum": [
                d.date().isoformat() if d is not None and not pd.isna(d) else ""
                for d in frame["outflow"]
            ],
            "uitstroomreden": frame["reason"].to_numpy(),
        }
    )
    return out, sidecar(seed, {code: loc for loc, code in codes.items()})


def sidecar(seed: int, locations: dict[str, str]) -> dict[str, object]:
    return {
        "synthetic": True,
        "generator": "analysis.synthetic.toonkamer",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "locations": locations,
        "reproduces": REPRODUCES,
        "invented": INVENTED,
        "note_nl": (
            "Synthetische klantgegevens: de echte klantbestanden van de Toonkamerpilots zijn "
            "niet openbaar. De codes TK-1 ... TK-4 staan voor de vier gepubliceerde locaties; "
            "de klanten, hun data en redenen zijn verzonnen, alleen de gepubliceerde "
            "aantallen en percentages kloppen per constructie."
        ),
    }


def write(frame: pd.DataFrame, meta: dict[str, object], paths: Paths) -> str:
    """Write the client file and its JSON sidecar into data/raw/toonkamer/ (atomically)."""
    target = paths.toonkamer / FILE_NAME
    atomic.write_text(target, frame.to_csv(index=False, lineterminator="\n"))
    atomic.write_text(
        target.with_suffix(".json"),
        json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
    )
    return str(target.relative_to(paths.root))


REPRODUCES = [
    "004_a3d8323216cfe5fd.txt Bijlage 1: WW outflow of the Toonkamer and the control group per "
    "location and horizon (percentages and bracketed counts)",
    "004_a3d8323216cfe5fd.txt Bijlage 1: WWB outflow per location and horizon",
    "004_a3d8323216cfe5fd.txt Bijlage 1: 84 % and 76 % of the WW outflow is a return to work",
    "004_a3d8323216cfe5fd.txt Bijlage 1: measurement period 1 December 2005 - 1 September 2006",
]
INVENTED = [
    "the days of inflow and outflow within their band and month",
    "outflow after the last published horizon of each client",
    "which leavers return to work; for the WWB the share (84 %) is not published",
    "client identifiers and location codes",
]
