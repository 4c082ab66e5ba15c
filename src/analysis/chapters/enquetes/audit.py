"""Verdicts on every published survey figure (`analysis.study.verdicts`).

The audit table is the one output of the numbers side that carries Dutch (its `item` and
`reason` columns, as the core schema asks); the wording is kept here, short and factual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.chapters.enquetes import results
from analysis.chapters.enquetes.intervals import counts_for
from analysis.chapters.enquetes.model import IWI_TABLE, PUBLISHED_TABLE, Enquetes
from analysis.core.formatting import number, percent, span, without_footnote_marks
from analysis.core.memo import once
from analysis.core.proportions import wilson
from analysis.core.values import rounded
from analysis.study import verdicts
from analysis.study.verdicts import Choice
from analysis.study.waves import Wave

ALL = "alle"


def _source(row: pd.Series) -> str:
    return f"{row['source_file'][:3]}, {row['section']}, {row['source_table']}"


def _round(value: float, decimals: int) -> float:
    return float(rounded(value, int(decimals)))


# --------------------------------------------------------------------------- IWI 2007


@dataclass(frozen=True)
class IwiCounts:
    """The counts of the IWI 2007 survey as published, and what they imply."""

    respondents: dict[str, int]  # per group (cwi, uwv, gemeenten)
    invited: dict[str, int]  # per group invited by number (uwv: the coaches, gemeenten)
    populations: dict[str, int]  # per group and ALL: what each was drawn from

    @property
    def total(self) -> int:
        """All respondents."""
        return sum(self.respondents.values())

    @property
    def coach_rate(self) -> float:
        """The coaches' response (%)."""
        return 100 * self.respondents["uwv"] / self.invited["uwv"]


@once
def iwi_counts(en: Enquetes) -> IwiCounts:
    """Respondents and invited per group, and the population each group of the IWI 2007
    survey was drawn from, from the published figures alone: the 130 coaches and 'een
    tiental' (10) municipalities that were invited, and the CWI offices ('alle', not counted
    in the study) that the 75 % response implies, at the top of the range it allows (the
    larger population: the wider interval)."""
    iwi = en.iwi
    resp = iwi[iwi["statistic"] == "respondents"].set_index("group")["value"].astype(int)
    invited = iwi[iwi["statistic"] == "invited"].set_index("group")["value"].astype(int)
    rate = float(iwi.loc[iwi["statistic"] == "response_rate", "value"].iloc[0])
    everyone = int(np.floor(resp.sum() / ((rate - 0.5) / 100)))
    populations = {g: int(v) for g, v in invited.items()}
    populations["cwi"] = everyone - sum(populations.values())
    populations[ALL] = everyone
    return IwiCounts(
        {g: int(v) for g, v in resp.items()}, {g: int(v) for g, v in invited.items()},
        populations,
    )  # fmt: skip


@once
def iwi_checks(en: Enquetes) -> pd.DataFrame:
    """Per published IWI 2007 figure: the base it can rest on, the whole counts that give the
    printed percentage, and a 95 % Wilson interval, all from the published figures alone.

    The respondents are about three quarters of everyone the survey was sent to, so the
    intervals carry the finite-population correction (`population`: `iwi_counts`); they
    assume that those who did not answer think like those who did.
    """
    iwi, counts = en.iwi, iwi_counts(en)
    bases = {**counts.respondents, ALL: counts.total}
    populations = counts.populations
    out = []
    for r in iwi.itertuples():
        rec = {"line": r.line, "statistic": r.statistic, "group": r.group, "value": r.value,
               "base": np.nan, "population": np.nan, "counts": "", "count": np.nan,
               "lower_pct": np.nan, "upper_pct": np.nan, "consistent": None,
               "implied_cwi_min": np.nan, "implied_cwi_max": np.nan}  # fmt: skip
        if r.statistic == "percent":
            n = bases[r.group]
            ks = counts_for(float(r.value), int(r.decimals), n)
            k = (
                min(ks, key=lambda c: abs(100 * c / n - r.value))
                if ks
                else round(r.value * n / 100)
            )
            lo, hi = wilson(k, n, population=populations[r.group])
            rec.update(base=n, population=populations[r.group], counts=" ".join(map(str, ks)),
                       count=k, lower_pct=100 * lo, upper_pct=100 * hi,
                       consistent=bool(ks) and not r.qualifier)  # fmt: skip
        elif r.statistic == "response_rate":  # the CWI offices: the range the rate allows
            lo_total = bases[ALL] / ((r.value + 0.5) / 100)
            rec.update(
                base=bases[ALL],
                count=bases[ALL],
                implied_cwi_min=np.ceil(lo_total) - sum(counts.invited.values()),
                implied_cwi_max=float(populations["cwi"]),  # its top (`iwi_counts`)
            )
        out.append(rec)
    return pd.DataFrame(out)


def _iwi_rows(iwi: pd.DataFrame, checks: pd.DataFrame, counts: IwiCounts) -> list[dict]:
    rows = []
    for (_, r), (_, c) in zip(iwi.iterrows(), checks.iterrows(), strict=True):
        value = r["value"]
        row = {"published_key": verdicts.published_key(IWI_TABLE, r["line"]), "source":
               _source(r), "item": r["row_label"], "published": value, "computed": None,
               "verdict": verdicts.UNCHECKABLE}  # fmt: skip
        if r["statistic"] == "percent":
            interval = span(number(c["lower_pct"], 1), percent(c["upper_pct"], 1))
            if c["counts"] == "" and not r["qualifier"]:
                row["rule"] = (
                    f"een geheel aantal van de {number(c['base'])} respondenten, in procenten "
                    f"met {number(r['decimals'])} decimalen"
                )
                row.update(verdict=verdicts.DEVIATING, reason=(
                    f"Geen aantal van {number(c['base'])} geeft {percent(value, r['decimals'])}: "
                    "de noemer is dan niet alle respondenten van de groep."))  # fmt: skip
            else:
                how = f"'{r['qualifier']}' " if r["qualifier"] else ""
                row["reason"] = (
                    f"Geen antwoorden per respondent openbaar. {how}{percent(value, r['decimals'])}"
                    f" past bij {number(c['count'])} van {number(c['base'])} respondenten; "
                    f"95 %-interval {interval} (met correctie voor de eindige populatie van "
                    f"{number(c['population'])})."
                )
        elif r["statistic"] == "response_rate":
            row["computed"] = None
            row["reason"] = (
                "Het aantal CWI-vestigingen staat niet in de bron. Met "
                f"{number(sum(counts.invited.values()))} uitgenodigde coaches en gemeenten past "
                f"{percent(value)} bij {number(c['implied_cwi_min'])} tot "
                f"{number(c['implied_cwi_max'])} vestigingen; de coaches alleen: "
                f"{percent(counts.coach_rate, 1)}."
            )
        else:
            row["reason"] = "Een telling uit het onderzoek zelf; geen tweede bron om na te rekenen."
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- AKO §3.3


@once
def change_readings(en: Enquetes) -> pd.DataFrame:
    """The published 'stijging 0,04%' of the overall judgement read two ways, from the
    published figures alone: as points (`points`) and as a relative change (`relative`, of
    the earlier printed mean). Per reading the change in points and whether it fits the two
    published means of the waves it compares, both printed with one decimal (`fits`: some
    pair of true means that round to them differs by that much). Also `mean_a`, `mean_b`
    (the printed means) and `wave_a`, `wave_b`. Empty without the published change."""
    pub = en.published
    change = pub[pub["statistic"] == "change_overall"]
    columns = ["reading", "change_points", "fits", "wave_a", "wave_b", "mean_a", "mean_b"]
    if change.empty:
        return pd.DataFrame(columns=columns)
    c = change.iloc[0]
    means = pub[(pub["statistic"] == "mean") & (pub["item"] == c["item"])]
    after = means[means["wave"] == c["wave"]].iloc[0]
    earlier = [w for w in means["wave"] if Wave.parse(w) < Wave.parse(c["wave"])]
    before = means[means["wave"] == max(earlier, key=Wave.parse)].iloc[0]
    half_a, half_b = 0.5 * 10 ** -int(before["decimals"]), 0.5 * 10 ** -int(after["decimals"])
    rows = []
    for reading, points in (
        ("points", float(c["value"])),
        ("relative", float(c["value"]) / 100 * float(before["value"])),
    ):
        fits = (before["value"] - half_a + points < after["value"] + half_b
                and after["value"] - half_b < before["value"] + half_a + points)  # fmt: skip
        rows.append([reading, points, bool(fits), before["wave"], after["wave"],
                     float(before["value"]), float(after["value"])])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _wave_missing(en: Enquetes, wave: str) -> str | None:
    """Why a published value of `wave` cannot be recomputed in this period, or None."""
    try:
        w = Wave.parse(wave)
    except ValueError:
        return None
    if w not in en.waves:
        return (
            f"De meting {wave} valt niet binnen de gegevens van {en.period}."
            if w.reported_in(en.period) is False
            else f"Geen respondentenbestand voor de meting {wave}."
        )
    return None


def _compare(
    en: Enquetes, row: dict, computed: float | None, equal: bool | None, how: str, rule: str,
    choice: Choice | None = None,
) -> None:  # fmt: skip
    """Fill computed, verdict, rule and reason of an AKO row."""
    row["computed"], row["rule"] = computed, rule
    row["verdict"] = verdicts.verdict(equal, by_construction=en.synthetic, choice=choice)
    if row["verdict"] == verdicts.AFTER_CHOICE:
        row["candidates"] = choice.candidates  # type: ignore[union-attr]
        how = f"{choice.reason()}. {how}"  # type: ignore[union-attr]
    if row["verdict"] == verdicts.BY_CONSTRUCTION:
        row["reason"] = f"{how} De synthetische respondenten zijn zo gemaakt dat dit klopt."
    elif row["verdict"] == verdicts.DEVIATING:
        row["reason"] = f"{how} Herberekend {number(computed, 2)}."
    else:
        row["reason"] = (
            how
            if row["verdict"] in (verdicts.REPRODUCED, verdicts.AFTER_CHOICE)
            else row.get("reason")
        )


def _ako_rows(en: Enquetes) -> list[dict]:
    rows = []
    means = results.means(en)
    for _, r in en.published.iterrows():
        row = {"published_key": verdicts.published_key(PUBLISHED_TABLE, r["line"]),
               "source": _source(r), "item": ako_item(r), "published": r["value"],
               "computed": None, "verdict": verdicts.UNCHECKABLE}  # fmt: skip
        stat, wave, dec = r["statistic"], str(r["wave"]), int(r["decimals"])
        if stat == "employer_mean":
            row["reason"] = (
                "Alleen het gepubliceerde gemiddelde; geen respondenten, aantallen of "
                "spreiding (de tekst noemt een 'matige respons'), dus geen interval."
            )
            rows.append(row)
            continue
        missing_reason = _wave_missing(en, wave)
        if missing_reason:
            row["reason"] = missing_reason
            rows.append(row)
            continue
        latest = Wave.parse(wave)
        if stat in ("mean", "overall_text"):
            m = en.wave_row(means, latest, score=r["item"])
            value = _round(m["mean"], dec)
            _compare(en, row, value, value == r["value"], "Gemiddelde van de respondenten, "
                     f"afgerond op {dec} decimaal.", _rounded_rule("gemiddelde van de "
                     "respondenten", dec))  # fmt: skip
        elif stat == "mean_by_contact":
            sub = results.subgroups(en)
            m = en.wave_row(sub, latest, group=str(r["group"] == "ja"), variable="fixed_contact")
            value = _round(m["mean"], dec)
            _compare(en, row, value, value == r["value"], "Gemiddelde per groep, afgerond.",
                     _rounded_rule("gemiddelde per groep (met of zonder vaste "
                                   "contactpersoon)", dec))  # fmt: skip
        elif stat == "change_overall":
            d = results.differences(en)
            d = d[(d["score"] == r["item"]) & (d["wave_b"] == wave)] if not d.empty else d
            if d.empty:
                row["reason"] = "Geen vorige meting in de gegevens."
            else:
                d = d.iloc[0]
                value = _round(float(d["difference"]), dec)
                relative = _round(float(d["relative_pct"]), dec)
                choice = Choice("'0,04%' gelezen als verschil in punten", 2,
                                int(value == r["value"]) + int(relative == r["value"]))  # fmt: skip
                _compare(en, row, value, value == r["value"], _change_reason(en, d),
                         _rounded_rule("verschil tussen de twee gemiddelden in punten", dec),
                         choice)  # fmt: skip
        elif stat in ("response_rate", "respondents"):
            resp = en.wave_row(results.response(en), latest)
            value = resp["respondents"] if stat == "respondents" else resp["rate_pct"]
            value = None if pd.isna(value) else _round(float(value), dec)
            rule = (
                "aantal respondenten; exact gelijk"
                if stat == "respondents"
                else _rounded_rule("respondenten gedeeld door de steekproef, in procenten", dec)
            )
            _compare(en, row, value, None if value is None else value == r["value"],
                     "Uit het respondentenbestand en de steekproef.", rule)  # fmt: skip
        elif stat.startswith("claim_"):
            holds = _claim(en, stat, latest)
            _compare(
                en,
                row,
                None if holds is None else float(holds),
                holds,
                "Getoetst met een 95 %-interval dat rekening houdt met de locaties.",
                "de bewering geldt als het 95 %-interval (met clustering naar locatie) 0 "
                "uitsluit in de genoemde richting",
            )
        rows.append(row)
    return rows


def _change_reason(en: Enquetes, d: pd.Series) -> str:
    """Why the change is what it is: both readings against the published means; with real
    respondents, also what the interval says (synthetic ones judge nothing)."""
    readings = change_readings(en).set_index("reading")
    both = bool(readings["fits"].all()) if len(readings) else False
    text = "Gelezen als verschil in punten (relatief is het " + percent(d["relative_pct"], 2) + ")."
    if both:
        text += (
            " Uit de gepubliceerde cijfers alleen passen beide lezingen: de gemiddelden staan "
            f"in beide metingen op {number(readings['mean_b'].iloc[0], 1)}."
        )
    if not en.synthetic:
        zero = "bevat" if d["lower"] <= 0 <= d["upper"] else "bevat niet"
        text += f" Het 95 %-interval {span(number(d['lower'], 3), number(d['upper'], 3))} {zero} 0."
    return text


TEXT_ITEMS = {
    "overall_text": "tekst: totale oordeel",
    "change_overall": "tekst: 'stijging 0,04%' van het totale oordeel t.o.v. de vorige meting",
    "response_rate": "tekst: respons (%)",
    "respondents": "tekst: aantal respondenten",
    "claim_ww_more_positive": "tekst: werkzoekenden met een WW-uitkering zijn positiever",
    "claim_faster_payment_more_positive": "tekst: hoe sneller de eerste betaling, hoe "
    "positiever het oordeel",
}
CONTACT_ITEMS = {"ja": "met vaste contactpersoon", "nee": "zonder vaste contactpersoon"}


def ako_item(r: pd.Series) -> str:
    """What a published AKO survey value is, in Dutch, without the source's footnote marks:
    'Duidelijkheid: gemiddeld oordeel, 2e half jaar 2008'."""
    stat, wave = r["statistic"], str(r["wave"])
    when = Wave.parse(wave).label_nl if "-H" in wave else wave
    if stat == "mean":
        return f"{without_footnote_marks(r['row_label'])}: gemiddeld oordeel, {when}"
    if stat == "mean_by_contact":
        return f"Totale dienstverlening {CONTACT_ITEMS[r['group']]}: gemiddeld oordeel, {when}"
    if stat == "employer_mean":
        return f"werkgevers: {without_footnote_marks(r['row_label'])}, {when}"
    return f"{TEXT_ITEMS[stat]}, {when}"


def _rounded_rule(what: str, decimals: int) -> str:
    """'gemiddelde van de respondenten, afgerond op 1 decimaal; exact gelijk na afronding'."""
    places = "een heel getal" if decimals == 0 else f"{number(decimals)} decima" + (
        "al" if decimals == 1 else "len"
    )  # fmt: skip
    return f"{what}, afgerond op {places}; exact gelijk na afronding"


def _claim(en: Enquetes, stat: str, wave: Wave) -> bool | None:
    """Whether a qualitative claim holds in the data: its interval excludes zero."""
    if stat == "claim_ww_more_positive":
        c = en.wave_row(results.contrasts(en), wave, contrast="ww_vs_other")
        return None if c is None else bool(c["lower"] > 0)
    fits = results.payment(en)[0]
    f = en.wave_row(fits, wave)
    return None if f is None else bool(f["upper"] < 0)


@once
def audit(en: Enquetes) -> pd.DataFrame:
    """One audit row per value row of both published survey files."""
    return verdicts.audit_frame(_ako_rows(en) + _iwi_rows(en.iwi, iwi_checks(en), iwi_counts(en)))
