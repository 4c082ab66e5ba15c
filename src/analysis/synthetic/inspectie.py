"""Seeded, synthetic inspection judgements for 2008-T1, built to show seed 000's findings.

The IWI judged 15 of its 124 locations itself (first AKO measurement, January-May 2008) and
describes the differences with the self-assessments only in words (seed 000, chapter 3). The
judgements per location are not public, so this generator makes a stand-in:

1. *Sample*: 15 locations of the synthetic 2008-T1 Landkaart, 3 from each fifth of the total
   score ("representatief op ... voortgang").
2. *Judgement* = the location's own answer, changed by the findings of chapter 3 (the
   `DESIGN` rules, applied in this order; each changed cell gets the rule's remark):
   M01 'volledig' while not all municipalities take part -> 'gedeeltelijk' (2 of 3 such
   locations); M08 portfolio division claimed where there is none -> 'niet' at one location,
   one category lower at half of the others claiming it; M12 integrated teams 'gedeeltelijk'
   where only a small pilot team started -> one category lower; M06/M07 service concepts
   claimed (partly) realised while still in development -> 'in ontwikkeling' at half of them;
   two locations reporting 'strategically' too modestly -> one category higher on 2-3
   milestones; "variety in interpretation of the milestones themselves": every other cell
   one category up or down with probability `VARIETY_SHARE`, and every milestone still
   without a difference one step at one location ("over alle mijlpalen zijn
   interpretatieverschillen gesignaleerd").
3. *Check*: the design must hold ("differences in both directions", "in hoofdlijnen": the
   band of the total score equal for at least two thirds of the locations and never more than
   one band apart). Attempt i draws from (seed, i) until it holds.

The output is `inspectie-2008-T1-synthetisch.csv` (long: locatie, mijlpaal, oordeel,
opmerking) with a sidecar saying synthetic; the IDs are the Landkaart's neutral WP codes.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pandas as pd

from analysis.core import atomic
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.ingest.landkaart import find_export, read_export
from analysis.study.codebook import Codebook, load_codebook
from analysis.study.scoring import DEFAULT_RULE, band, get_rule

GENERATOR_VERSION = "1"
DEFAULT_SEED = 20080531
PERIOD = Period(2008, 1)
N_INSPECTED = 15
STRATA = 5
ATTEMPTS = 50
DESIGN = {
    "M01": "niet alle gemeenten nemen deel",
    "M08": "geen portefeuilleverdeling in het MT",
    "M12": "alleen een klein pilotteam, net gestart",
    "M06": "concept voor integrale dienstverlening nog in ontwikkeling",
    "M07": "concept voor integrale dienstverlening nog in ontwikkeling",
    "modest": "locatie rapporteert bewust voorzichtig",
    "variety": "mijlpaal anders uitgelegd",
}
VARIETY_SHARE = 0.06  # untouched cells read one category differently, up or down


def file_name(period: Period = PERIOD) -> str:
    return f"inspectie-{period}-synthetisch.csv"


def sample(totals: pd.Series, rng: np.random.Generator) -> list[str]:
    """N_INSPECTED locations, the same number from each fifth of the total score."""
    ordered = totals.sort_values(kind="stable").index.to_numpy()
    chosen = []
    for stratum in np.array_split(ordered, STRATA):
        chosen += list(rng.choice(stratum, N_INSPECTED // STRATA, replace=False))
    return sorted(chosen)


def judge(own: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Judgements (location x milestone categories) and remarks from the own answers."""
    grid = own.copy()
    remarks = pd.DataFrame("", index=own.index, columns=own.columns)

    def change(loc: str, ms: str, value: int, why: str) -> None:
        grid.loc[loc, ms] = int(np.clip(value, 0, 3))
        remarks.loc[loc, ms] = DESIGN[why]

    full = [loc for loc in own.index if own.loc[loc, "M01"] == 3]
    for loc in rng.permutation(full)[: max(1, round(len(full) * 2 / 3))]:
        change(loc, "M01", 2, "M01")
    claimed = list(rng.permutation([loc for loc in own.index if own.loc[loc, "M08"] >= 2]))
    if claimed:
        change(claimed[0], "M08", 0, "M08")
        for loc in claimed[1:][: len(claimed[1:]) // 2]:
            change(loc, "M08", own.loc[loc, "M08"] - 1, "M08")
    for loc in own.index[own["M12"] >= 2]:
        change(loc, "M12", own.loc[loc, "M12"] - 1, "M12")
    for ms in ("M06", "M07"):
        concept = list(rng.permutation([loc for loc in own.index if own.loc[loc, ms] >= 2]))
        for loc in concept[: max(1, len(concept) // 2)]:
            change(loc, ms, 1, ms)
    for loc in rng.choice(own.index, 2, replace=False):
        room = [ms for ms in own.columns if grid.loc[loc, ms] < 3 and not remarks.loc[loc, ms]]
        for ms in rng.choice(room, min(len(room), int(rng.integers(2, 4))), replace=False):
            change(loc, ms, grid.loc[loc, ms] + 1, "modest")
    untouched = (remarks == "").to_numpy()
    varied = untouched & (rng.random(own.shape) < VARIETY_SHARE)
    for (i, j), ms in ((ij, own.columns[ij[1]]) for ij in zip(*np.nonzero(varied), strict=True)):
        change(own.index[i], ms, _step(own.iloc[i, j], rng), "variety")
    for ms in own.columns:
        if (grid[ms] == own[ms]).all():
            loc = rng.choice(own.index)
            change(loc, ms, _step(own.loc[loc, ms], rng), "variety")
    return grid.astype(int), remarks


def _step(category: int, rng: np.random.Generator) -> int:
    """One category up or down at random; inward at the ends."""
    if category in (0, 3):
        return 1 if category == 0 else 2
    return int(category + rng.choice([-1, 1]))


def design_holds(own: pd.DataFrame, judged: pd.DataFrame, codebook: Codebook) -> bool:
    """The qualitative findings the synthetic data must show (see the module docstring)."""
    diff = own - judged
    if not ((diff != 0).any(axis=0).all() and (diff > 0).to_numpy().any()):
        return False
    if (
        not (diff < 0).to_numpy().any()
        or (diff > 0).to_numpy().sum() <= (diff < 0).to_numpy().sum()
    ):
        return False
    rule = get_rule(DEFAULT_RULE)
    weights = [Fraction(w) for w in rule.weights]

    def bands(grid: pd.DataFrame) -> np.ndarray:
        scores = grid.apply(lambda row: sum(weights[int(c)] for c in row) / len(row), axis=1)
        return np.array([band(rule.pct(s), codebook) for s in scores])

    apart = np.abs(bands(own) - bands(judged))
    return (apart == 0).sum() * 3 >= 2 * len(apart) and apart.max() <= 1


def generate(paths: Paths | None = None, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The synthetic inspection file of 2008-T1 as a long frame (not written)."""
    paths = paths or Paths()
    codebook = load_codebook(paths)
    answers = read_export(find_export(PERIOD, paths), codebook)
    grid = answers.pivot(index="location", columns="milestone", values="category")
    grid = grid[codebook.milestone_codes]
    weights = np.array([float(w) for w in get_rule(DEFAULT_RULE).weights])
    for attempt in range(ATTEMPTS):
        rng = np.random.default_rng([seed, attempt])
        totals = grid.apply(lambda row: weights[row.dropna().astype(int)].mean(), axis=1)
        own = grid.loc[sample(totals, rng)]
        if own.isna().to_numpy().any():
            continue  # a blank own answer: no pair to design
        own = own.astype(int)
        judged, remarks = judge(own, rng)
        if design_holds(own, judged, codebook):
            return _long(judged, remarks, codebook)
    raise RuntimeError(f"no sample meets the design in {ATTEMPTS} attempts (seed {seed})")


def _long(judged: pd.DataFrame, remarks: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    labels = codebook.categories["label_nl"]
    return pd.DataFrame(
        [
            (loc, ms, labels.loc[int(judged.loc[loc, ms])], remarks.loc[loc, ms])
            for loc in judged.index
            for ms in judged.columns
        ],
        columns=["locatie", "mijlpaal", "oordeel", "opmerking"],
    )


def sidecar(seed: int = DEFAULT_SEED) -> dict[str, object]:
    return {
        "synthetic": True,
        "period": str(PERIOD),
        "generator": "analysis.synthetic.inspectie",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "design": [f"{key}: {text}" for key, text in DESIGN.items()],
        "note_nl": (
            "Synthetische inspectieoordelen: de oordelen van de IWI per locatie zijn niet "
            "openbaar. Vijftien Werkpleinen uit de synthetische Landkaart van 2008-T1, met "
            "verschillen volgens de bevindingen in hoofdstuk 3 van het IWI-rapport (2008)."
        ),
    }


def write(paths: Paths | None = None, seed: int = DEFAULT_SEED) -> str:
    """Generate and write the file and its sidecar into data/raw/inspectie/2008-T1/."""
    paths = paths or Paths()
    frame = generate(paths, seed)
    target = paths.inspectie_raw(PERIOD) / file_name()
    atomic.write_text(target, frame.to_csv(index=False, lineterminator="\n"))
    atomic.write_text(
        target.with_suffix(".json"),
        json.dumps(sidecar(seed), indent=2, sort_keys=True, ensure_ascii=False) + "\n",
    )
    return str(target.relative_to(paths.root))
