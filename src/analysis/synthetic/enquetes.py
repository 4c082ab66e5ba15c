"""Seeded, deterministic synthetic survey waves (klantgerichtheid werkzoekenden).

The respondent-level data of the AKO survey are not public. This generator builds three waves
(2008-H2, 2009-H1, 2009-H2) for 125 neutral locations (WP-001 ...) such that

- the national mean per principle and wave rounds to the published AKO table (seed 003,
  §3.3.1), and 'Totale dienstverlening' rises by 0,04 points from 2009-H1 to 2009-H2;
- respondents with a fixed contact person average 7,0 (2009-H1: 6,9), those without 6,2
  (6,1) on the overall judgement;
- 2009-H2 has exactly 40.744 respondents out of 110.417 invited (36,9 %);
- WW recipients are more positive than others, and a faster first payment goes with a more
  positive overall judgement (the two qualitative claims), with realistic variation between
  locations and a few small locations (fewer than 10 respondents).

Everything these targets fix is therefore true by construction; the sidecar lists it. The
earlier waves' sizes and response rates are invented (plausible, not published).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.core import atomic
from analysis.core.config import Paths
from analysis.ingest.enquetes import COLUMNS, OVERALL, SCORES, parquet_bytes
from analysis.study.waves import Wave

GENERATOR_VERSION = "1"
DEFAULT_SEED = 20091130
N_LOCATIONS = 125
SMALL_LOCATIONS = (17, 58, 103)  # locations with very few invitations (indices)
BENEFIT_SHARES = {"WW": 0.45, "WWB": 0.20, "anders": 0.10, "geen": 0.25}
BENEFIT_EFFECT = {"WW": 0.30, "WWB": -0.15, "anders": -0.10, "geen": -0.15}
DAYS_EFFECT = -0.012  # points per day to first payment
CONTACT_EFFECT = 0.8


@dataclass(frozen=True)
class WaveTarget:
    wave: Wave
    invited: int
    respondents: int
    means: dict[str, float]  # principle -> national mean to hit (within 0.001)
    contact_means: tuple[float, float] | None  # overall mean (ja, nee), or None


# The published means (seed 003, §3.3.1), with 2009's overall set 0,04 apart and the contact
# split of the text; sizes of the two earlier waves are invented.
TARGETS = (
    WaveTarget(Wave(2008, 2), 96_850, 33_405,
               dict(zip(SCORES, (6.9, 7.0, 6.6, 6.6, 6.6, 6.7), strict=True)), None),
    WaveTarget(Wave(2009, 1), 104_180, 37_912,
               dict(zip(SCORES, (7.0, 7.2, 6.5, 6.6, 6.7, 6.78), strict=True)), (6.92, 6.10)),
    WaveTarget(Wave(2009, 2), 110_417, 40_744,
               dict(zip(SCORES, (7.0, 7.1, 6.5, 6.7, 6.8, 6.82), strict=True)), (6.98, 6.20)),
)  # fmt: skip
REPRODUCES = [
    "003_77befd6bc52bd4bb.txt §3.3.1 table: mean per principle and wave (to one decimal)",
    "003_77befd6bc52bd4bb.txt §3.3.1 text: fixed contact person 7,0 (6,9) vs 6,2 (6,1)",
    "003_77befd6bc52bd4bb.txt §3.3.1 text: 40.744 respondents, response 36,9 %",
    "003_77befd6bc52bd4bb.txt §3.3.1 text: overall 'stijging 0,04' (read as points)",
    "003_77befd6bc52bd4bb.txt §3.3.1 text: WW recipients more positive; faster first payment, "
    "more positive",
]


def location_ids(n: int = N_LOCATIONS) -> list[str]:
    return [f"WP-{i:03d}" for i in range(1, n + 1)]


def file_names(wave: Wave) -> tuple[str, str]:
    """The respondent file and the sample frame of a wave."""
    return f"respondenten-{wave}-synthetisch.parquet", f"steekproef-{wave}-synthetisch.csv"


def _allocate(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Whole numbers proportional to `weights` summing to `total` (largest remainders)."""
    share = weights / weights.sum() * total
    counts = np.floor(share).astype(int)
    rest = total - counts.sum()
    order = np.argsort(-(share - counts) + rng.random(len(share)) * 1e-9, kind="stable")
    counts[order[:rest]] += 1
    return counts


def _sizes(target: WaveTarget, size: np.ndarray, rng: np.random.Generator):
    """Invited and respondents per location, summing exactly to the wave's totals."""
    invited = _allocate(target.invited, size, rng)
    rate = np.clip(rng.normal(target.respondents / target.invited, 0.05, len(size)), 0.1, 0.7)
    responded = np.minimum(_allocate(target.respondents, invited * rate, rng), invited)
    while (gap := target.respondents - responded.sum()) != 0:  # capped locations: move rest
        room = np.flatnonzero(responded < invited) if gap > 0 else np.flatnonzero(responded > 0)
        responded[rng.choice(room)] += np.sign(gap)
    return invited, responded


def _calibrate(scores: np.ndarray, mask: np.ndarray, target: float, rng) -> None:
    """Move single answers by one point (in place) until the mean of `scores[mask]` (blanks
    are 0 and left alone) lies within half a respondent's point of `target`."""
    idx = np.flatnonzero(mask & (scores > 0))
    k = int(round(target * len(idx) - scores[idx].sum()))
    step, room = (1, scores[idx] < 10) if k > 0 else (-1, scores[idx] > 1)
    chosen = rng.choice(idx[room], size=abs(k), replace=False)
    scores[chosen] += step


def generate_wave(
    target: WaveTarget, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(respondents with the raw columns of `COLUMNS`, sample frame) of one wave."""
    base = np.random.default_rng([seed, 0])  # the same locations in every wave
    size = base.lognormal(0, 0.6, N_LOCATIONS)
    size[list(SMALL_LOCATIONS)] = 0.02
    loc_effect = base.normal(0, 0.3, N_LOCATIONS)
    loc_item = base.normal(0, 0.1, (N_LOCATIONS, len(SCORES)))
    rng = np.random.default_rng([seed, target.wave.year, target.wave.half])
    invited, responded = _sizes(target, size, rng)
    n = int(responded.sum())
    loc = np.repeat(np.arange(N_LOCATIONS), responded)
    wave_effect = rng.normal(0, 0.1, N_LOCATIONS)
    labels = list(BENEFIT_SHARES)
    benefit = rng.choice(len(labels), size=n, p=list(BENEFIT_SHARES.values()))
    paid = benefit != labels.index("geen")
    days = np.where(paid, np.minimum(5 + rng.gamma(2.0, 12.0, n), 3650).round(), np.nan)
    share = _contact_share(target)
    contact = rng.random(n) < share
    person = (
        loc_effect[loc] + wave_effect[loc] + np.array(list(BENEFIT_EFFECT.values()))[benefit]
        + CONTACT_EFFECT * (contact - share) + rng.normal(0, 1.2, n)
        + np.where(paid, DAYS_EFFECT * (np.nan_to_num(days) - 29), 0)
    )  # fmt: skip
    out = {"meting": np.full(n, str(target.wave)), "locatie": np.array(location_ids())[loc]}
    for j, (raw, score) in enumerate(zip(_score_columns(), SCORES, strict=True)):
        latent = target.means[score] + person + loc_item[loc, j] + rng.normal(0, 0.7, n)
        values = np.clip(np.rint(latent), 1, 10).astype(np.int16)
        values[rng.random(n) < (0.005 if score == OVERALL else 0.015)] = 0  # not answered
        if score == OVERALL and target.contact_means is not None:
            for group, mean in zip((contact, ~contact), target.contact_means, strict=True):
                _calibrate(values, group, mean, rng)
        _calibrate(values, np.ones(n, bool), target.means[score], rng)
        answers = pd.array(values, dtype="Int8")
        answers[values == 0] = pd.NA
        out[raw] = answers
    out["vaste_contactpersoon"] = np.where(contact, "ja", "nee")
    out["uitkering"] = np.array(labels)[benefit]
    days[paid & (rng.random(n) < 0.03)] = np.nan  # date of first payment unknown
    out["dagen_eerste_betaling"] = pd.array(days, dtype="Int16")
    sample = pd.DataFrame({"locatie": location_ids(), "uitgenodigd": invited})
    return pd.DataFrame(out), sample


def _contact_share(target: WaveTarget) -> float:
    """The share with a fixed contact person that makes the split meet the overall mean."""
    if target.contact_means is None:
        return 0.8
    yes, no = target.contact_means
    return (target.means[OVERALL] - no) / (yes - no)


def _score_columns() -> list[str]:
    by_processed = {v: k for k, v in COLUMNS.items()}
    return [by_processed[s] for s in SCORES]


RAW_SCHEMA = pa.schema(
    [("meting", pa.string()), ("locatie", pa.string())]
    + [(c, pa.int8()) for c in _score_columns()]
    + [
        ("vaste_contactpersoon", pa.string()),
        ("uitkering", pa.string()),
        ("dagen_eerste_betaling", pa.int16()),
    ]  # fmt: skip
)


def sidecar(wave: Wave, seed: int) -> dict[str, object]:
    return {
        "synthetic": True,
        "wave": str(wave),
        "generator": "analysis.synthetic.enquetes",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "reproduces": REPRODUCES,
        "invented": "sizes and response of the waves before 2009-H2; location effects",
        "note_nl": (
            "Synthetische gegevens: de antwoorden per respondent zijn niet openbaar. De neutrale "
            "codes WP-001 ... horen niet bij bestaande Werkpleinen."
        ),
    }


def write_waves(
    paths: Paths, seed: int = DEFAULT_SEED, progress: Callable[[str], object] | None = None
) -> list[str]:
    """Generate every wave into data/raw/enquetes/<wave>/ (atomically); the written files."""
    written = []
    for target in TARGETS:
        respondents, sample = generate_wave(target, seed)
        folder = paths.enquetes_raw(str(target.wave))
        data_name, sample_name = file_names(target.wave)
        atomic.write_bytes(folder / data_name, parquet_bytes(respondents, RAW_SCHEMA))
        atomic.write_text(folder / sample_name, sample.to_csv(index=False, lineterminator="\n"))
        meta = json.dumps(sidecar(target.wave, seed), indent=2, sort_keys=True, ensure_ascii=False)
        atomic.write_text((folder / data_name).with_suffix(".json"), meta + "\n")
        written += [
            str((folder / name).relative_to(paths.root)) for name in (data_name, sample_name)
        ]
        if progress is not None:
            progress(f"wrote {folder.relative_to(paths.root)} ({len(respondents)} respondents)")
    return written
