"""The Toonkamer chapter's results for one `Toonkamer`: the estimates on the published tables
(`estimates`), the recomputation from client data (`clients`) and the verdicts (`audit`),
each computed once per Toonkamer.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.toonkamer import audit as audit_rows
from analysis.chapters.toonkamer import clients, estimates
from analysis.chapters.toonkamer.model import Toonkamer
from analysis.core.memo import once
from analysis.study import toonkamer as published


@once
def differences(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.differences`: Toonkamer − control per location x horizon (WW)."""
    return estimates.differences(tk.cells)


@once
def pooled(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.pooled`: the Mantel–Haenszel difference per horizon (WW)."""
    return estimates.pooled(tk.cells)


@once
def readings(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.claim_readings` of 'gemiddeld 7 % hoger'."""
    claim = float(tk.claims.loc["ww_mean_higher", "value"])
    return estimates.claim_readings(differences(tk), pooled(tk), claim)


@once
def target(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.target_readings` of the 15 % target."""
    return estimates.target_readings(differences(tk), pooled(tk), tk.work_published)


@once
def target_decisions(tk: Toonkamer) -> dict[str, dict[int, str]]:
    """Per reading of the 15 % target ('pp', 'relative'): the decision per horizon (months),
    where the interval of the pooled difference decides (the means have none)."""
    t = target(tk)
    rows = t[t["lower"].notna()]
    return {
        reading: {int(b): s for b, s in zip(rows["basis"], rows[f"status_{reading}"],
                                             strict=True)}
        for reading in ("pp", "relative")
    }  # fmt: skip


@once
def mean_difference(tk: Toonkamer) -> float:
    """The '7 %' as the source computes it: the unweighted mean of the 16 printed differences
    (pp), the `mean_pp` reading of `readings`."""
    return float(readings(tk).set_index("reading").loc["mean_pp", "value"])


@once
def wwb(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.wwb_intervals`: the WWB cells with their Wilson intervals."""
    return estimates.wwb_intervals(tk.cells)


@once
def shares(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.survey_share`: the share of Toonkamer clients in 'Alle klanten'."""
    return estimates.survey_share(tk.survey)


@once
def higher(tk: Toonkamer) -> pd.DataFrame:
    """`estimates.higher_from`: from which horizon on each location's Toonkamer is higher."""
    return estimates.higher_from(differences(tk))


@once
def recomputed(tk: Toonkamer) -> pd.DataFrame | None:
    """Published cells beside the client-level recomputation (None without clients)."""
    if tk.clients is None:
        return None
    return clients.recomputed(tk.cells, tk.clients, tk.start, tk.end)


@once
def work_recomputed(tk: Toonkamer) -> pd.DataFrame | None:
    """`clients.shares`: the shares of outflow to work from client data (None without)."""
    if tk.clients is None:
        return None
    return clients.shares(tk.clients, tk.start, tk.end)


@once
def curves(tk: Toonkamer) -> dict[tuple[str, str, str], pd.DataFrame]:
    """Kaplan–Meier curves per (benefit, group, location or `clients.ALL`); {} without."""
    if tk.clients is None:
        return {}
    return clients.curves(tk.clients, tk.start, tk.end)


@once
def audit(tk: Toonkamer) -> pd.DataFrame:
    """The reproduction audit of every published Toonkamer figure (`audit.audit`)."""
    share = shares(tk).set_index("principle").loc["common", "share"]
    check = estimates.survey_check(shares(tk))
    rows = audit_rows.cell_rows(tk.cells, recomputed(tk), bool(tk.synthetic))
    rows += audit_rows.survey_rows(tk.survey, check, share)
    rows += audit_rows.claim_rows(tk.claims, claim_facts(tk), tk.synthetic)
    return audit_rows.audit(rows)


def claim_facts(tk: Toonkamer) -> dict[str, object]:
    """What the text claims are checked against (see `audit.claim_rows`)."""
    wwb = tk.cells[tk.cells["benefit"] == "WWB"]["n"]
    facts: dict[str, object] = {
        "mean_pp": mean_difference(tk),
        "higher": higher(tk),
        "readings": readings(tk),
        "survey": tk.survey,
        "wwb_n_min": int(wwb.min()),
        "wwb_n_max": int(wwb.max()),
    }
    if recomputed(tk) is not None:
        work = work_recomputed(tk)
        ww = work[work["benefit"] == "WW"].set_index("group")["pct"]
        facts["work"] = {
            "toonkamer": ww.get(published.TOONKAMER),
            "control": ww.get(published.CONTROL),
        }
        cells = recomputed(tk)
        facts["cohorts_equal"] = bool((cells["n_calc"] == cells["n"]).all())
    return facts
