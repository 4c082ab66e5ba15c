"""The trend chapter's published figures beside the computed ones, each with a verdict class.

- AKO Tabel 3 (mean score per tertaal). The value of the published period (dec-09) follows
  from the published Tabel 2 counts alone (`scoring.mean_from_counts`), but only with the
  scoring rule that was chosen because it gives Tabel 2's means: *past na keuze* (or
  *afwijkend*) whatever the answers. Any other tertaal is computed from its answers: *per
  constructie* when they are synthetic (the generator was built to hit Tabel 3),
  *gereproduceerd* or *afwijkend* when they are real (the rule was chosen on another
  tertaal), *niet te controleren* without them.
- The §3.4.1 change claims (`locations.change_claims`), likewise from the answers; the
  percentage (96 %) also follows from the published 120 of 125 Werkpleinen alone.

Numbers on a `model.History`, each computed once per History. The audit's `item` and
`reason` are Dutch by the audit schema (`analysis.study.verdicts`); they are written here,
next to the logic that decides them.
"""

from __future__ import annotations

import pandas as pd

from analysis.chapters.trend import locations
from analysis.chapters.trend.model import TABEL_3, History
from analysis.core.formatting import and_nl, number, percent
from analysis.core.memo import once
from analysis.core.periods import Period, as_period
from analysis.core.values import missing
from analysis.study import published, scoring, verdicts

CLAIMS_FILE = locations.CLAIMS
CHECK_COLUMNS = ["period", "computed", "published", "equal", "verdict", "reason", "checked"]
RULE_PCT = "120 van de 125 Werkpleinen, in hele procenten (half naar boven); exact gelijk"
RULE_CHANGE = "aantal Werkpleinen uit de antwoorden van de vergeleken tertalen; exact gelijk"


# What each §3.4.1 change claim says, from the claim's period and the first period it needs.
CLAIM_ITEMS_NL = {
    locations.WITHOUT_PORTFOLIO: lambda period, _: (
        f"Werkpleinen zonder portefeuilleverdeling (mijlpaal 8 'niet'), {period.label_nl}"
    ),
    locations.GREEN_INCREASE: lambda _, since: (
        f"Toename groene Werkpleinen (100 %) sinds het {since.label_nl}"
    ),
    locations.PROGRESSED: lambda period, since: (
        f"Werkpleinen met voortgang in {period.year} (totaalscore {period.end_label} hoger "
        f"dan {since.end_label})"
    ),
    locations.PROGRESSED_PCT: lambda period, _: (
        f"Idem, als percentage van de Werkpleinen (%), {period.year}"
    ),
}


def _synthetic(h: History, periods) -> bool:
    return any(h.metadata[p].get("synthetic") for p in periods if p in h.metadata)


def _from_answers(
    h: History, computed: object, published_value: int, periods, pct: bool = False
) -> tuple[str, str]:
    """Verdict and reason of a value computed from the answers of `periods`."""
    absent = [p for p in periods if p not in h.periods]
    if absent or missing(computed):
        names = and_nl([p.label_nl for p in absent or periods])
        return verdicts.UNCHECKABLE, f"geen Landkaart-antwoorden van het {names} in deze run"
    equal = int(computed) == int(published_value)
    synthetic = _synthetic(h, periods)
    verdict = verdicts.verdict(equal, by_construction=synthetic)
    if verdict == verdicts.BY_CONSTRUCTION:
        return verdict, "de synthetische antwoorden zijn gemaakt om dit getal op te leveren"
    if verdict == verdicts.DEVIATING:
        what = "de synthetische antwoorden geven" if synthetic else "de antwoorden geven"
        fmt = percent if pct else number
        return verdict, f"{what} {fmt(int(computed))}, gepubliceerd is {fmt(int(published_value))}"
    return verdict, "berekend uit echte Landkaart-antwoorden"


@once
def tabel3_verdict(h: History, period: Period, value: int) -> dict:
    """One Tabel 3 value checked: computed (of the answers, None without them), equal (None
    without them), verdict, reason and `checked` (the value the verdict rests on)."""
    means = h.overall_means.set_index("period")
    computed = means.loc[period, "mean_pct"] if period in means.index else None
    computed = None if missing(computed) else int(computed)
    equal = None if computed is None else computed == int(value)
    choice = None
    if period == published.PUBLISHED_PERIOD:
        by_rule = tabel2_mean_pct_by_rule(h)
        checked = by_rule[h.rule.name]
        hits = sum(pct == int(value) for pct in by_rule.values())
        choice = scoring.rule_choice(h.rule, hits)
        verdict = verdicts.verdict(checked == int(value), by_construction=False, choice=choice)
        reason = (
            "volgt alleen uit de aantallen van AKO Tabel 2 (§3.4.1), met de rekenregel "
            f"'{h.rule.description_nl}', die is gekozen omdat hij de gemiddelden van Tabel 2 "
            f"geeft; het gemiddelde van de 14 mijlpaalgemiddelden is dan {percent(checked)}"
        )
    else:
        checked = computed
        verdict, reason = _from_answers(h, computed, value, (period,), pct=True)
    return {"computed": computed, "equal": equal, "verdict": verdict, "reason": reason,
            "checked": checked, "rule": scoring.mean_rule_nl(h.rule), "choice": choice}  # fmt: skip


@once
def tabel3_backtest(h: History) -> pd.DataFrame:
    """AKO Tabel 3 beside the computed overall means, for the available tertalen it covers.

    Columns period, computed (mean_pct), published, equal, verdict and reason (Dutch).
    """
    rows = [
        {"period": p, "published": int(v), **tabel3_verdict(h, p, v)}
        for p, v in h.tabel3["value"].items()
        if p in h.periods
    ]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


@once
def tabel2_mean_pct_by_rule(h: History) -> dict[str, int]:
    """The total mean of the published period from the Tabel 2 counts under every rule."""
    counts = published.milestone_counts(h.codebook, h.paths)
    return {r.name: r.pct(scoring.mean_from_counts(counts, r)) for r in scoring.RULES.values()}


@once
def published_locations(h: History) -> int:
    """The number of Werkpleinen in the published Tabel 1 (125)."""
    t1 = published.load_table(f"{published.AKO_2009_T3}-tabel-1", h.paths)
    return int(t1.loc[t1["statistic"] == "n_locations", "value"].iloc[0])


@once
def claim_checks(h: History) -> pd.DataFrame:
    """The §3.4.1 change claims (`locations.change_claims`) with item (Dutch), verdict,
    reason and `checked` (the value the verdict rests on)."""
    claims = locations.change_claims(h)
    text = claims.set_index("claim")["published"]
    out = []
    for r in claims.itertuples():
        if r.claim == locations.PROGRESSED_PCT:
            n = published_locations(h)
            checked = scoring.pct_half_up(int(text[locations.PROGRESSED]), n)
            verdict = verdicts.verdict(checked == r.published, by_construction=False)
            reason = (
                "volgt alleen uit de gepubliceerde getallen: "
                f"{number(int(text[locations.PROGRESSED]))} van de {number(n)} Werkpleinen in "
                f"AKO Tabel 1 is {percent(checked)}"
            )
        else:
            checked = r.computed
            verdict, reason = _from_answers(h, r.computed, r.published, r.periods)
        out.append(
            {
                "claim": r.claim,
                "item": CLAIM_ITEMS_NL[r.claim](r.period, r.periods[0]),
                "verdict": verdict,
                "reason": reason,
                "checked": checked,
                "rule": RULE_PCT if r.claim == locations.PROGRESSED_PCT else RULE_CHANGE,
            }
        )
    return claims.merge(pd.DataFrame(out), on="claim")


@once
def audit(h: History) -> pd.DataFrame:
    """One audit row (`verdicts.audit_frame`) per value of Tabel 3 and per change claim.

    The change claims are the four rows of the §3.4.1 claims file that need more than one
    tertaal (`locations.CHANGE_CLAIMS`); the claims about one tertaal belong to chapter 1.
    """
    rows = []
    tabel3 = verdicts.with_lines(published.load_table(TABEL_3, h.paths))
    for r in tabel3.dropna(subset=["value"]).itertuples():
        period = as_period(r.period)
        check = tabel3_verdict(h, period, int(r.value))
        rows.append(
            verdicts.row(
                verdicts.published_key(TABEL_3, r.line),
                _source(r.source_file, r.section, r.source_table),
                f"Tabel 3, gemiddelde score {r.column_label} ({period.label_nl}, %)",
                int(r.value),
                check["checked"],
                check["verdict"],
                check["rule"],
                check["reason"],
                choice=check["choice"],
            )  # fmt: skip
        )
    claims_file = verdicts.with_lines(published.load_table(CLAIMS_FILE, h.paths))
    by_claim = claims_file.set_index("claim")
    for r in claim_checks(h).itertuples():
        row = by_claim.loc[r.claim]
        rows.append(
            verdicts.row(
                verdicts.published_key(CLAIMS_FILE, row["line"]),
                _source(row["source_file"], row["section"], "tekst"),
                r.item,
                int(r.published),
                None if missing(r.checked) else int(r.checked),
                r.verdict,
                r.rule,
                r.reason,
            )  # fmt: skip
        )
    return verdicts.audit_frame(rows)


def _source(source_file: str, section: str, table: str) -> str:
    """'003, §3.4.1, Tabel 3' from the published file's columns."""
    return f"{str(source_file)[:3]}, {section}, {table}"
