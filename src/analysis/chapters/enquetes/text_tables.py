"""Dutch display tables of the survey chapter (frames of formatted strings)."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.enquetes import compute
from analysis.chapters.enquetes.compute import Enquetes
from analysis.chapters.enquetes.text_labels import (
    SCORE_NL,
    interval,
    mean_with_interval,
    wave_nl,
)
from analysis.core.formatting import DASH, number, percent, signed
from analysis.core.values import missing
from analysis.ingest.enquetes import SCORES
from analysis.study.verdicts import UNCHECKABLE


def means_display(en: Enquetes) -> pd.DataFrame:
    """Principles x waves: mean with its cluster-robust 95 % interval."""
    means = compute.means(en)
    records = []
    for s in SCORES:
        rec = {"Klantprincipe": SCORE_NL[s]}
        for wave in en.waves:
            m = en.wave_row(means, wave, score=s)
            rec[wave_nl(wave)] = DASH if m is None else mean_with_interval(
                m["mean"], m["lower"], m["upper"])  # fmt: skip
        records.append(rec)
    return pd.DataFrame(records)


def differences_display(en: Enquetes) -> pd.DataFrame:
    """Per principle and pair of consecutive waves: the change with its 95 % interval (the
    interval is the statement; the p-values stay in the tidy table)."""
    diff = compute.differences(en)
    if diff.empty:
        return pd.DataFrame({"Klantprincipe": [f"één meting in {en.period}: geen verschil"]})
    records = {}
    for r in diff.itertuples():
        rec = records.setdefault(r.score, {"Klantprincipe": SCORE_NL[r.score]})
        pair = f"{wave_nl(r.wave_a)} → {wave_nl(r.wave_b)}"
        rec[pair] = f"{signed(r.difference, 3)} ({interval(r.lower, r.upper, 3)})"
    return pd.DataFrame(list(records.values()))


def response_display(en: Enquetes) -> pd.DataFrame:
    """Per wave: invited, respondents, response and its spread over locations."""
    resp = compute.response(en)
    return pd.DataFrame(
        {
            "Meting": resp["wave"].map(wave_nl),
            "Uitgenodigd": resp["invited"].map(lambda v: DASH if missing(v) else number(v)),
            "Respondenten": resp["respondents"].map(number),
            "Respons": resp["rate_pct"].map(lambda v: DASH if missing(v) else percent(v, 1)),
            "Respons per locatie (kwartielen)": [
                DASH if missing(a) else f"{number(a)}, {number(b)} en {percent(c)}"
                for a, b, c in zip(
                    resp["location_q1_pct"],
                    resp["location_median_pct"],
                    resp["location_q3_pct"],
                    strict=True,
                )  # fmt: skip
            ],
        }
    )


def employer_display(en: Enquetes) -> pd.DataFrame:
    """The published employer survey (§3.3.2) as printed, with what can be said about it."""
    pub = en.published[en.published["statistic"] == "employer_mean"]
    return pd.DataFrame(
        {
            "Principe (zoals gedrukt)": pub["row_label"],
            "Oordeel 2009": [
                number(v, int(d)) for v, d in zip(pub["value"], pub["decimals"], strict=True)
            ],  # fmt: skip
            "Respondenten": DASH,
            "Controle": UNCHECKABLE,
        }
    ).reset_index(drop=True)


IWI_CAPTION = (
    "IWI 2007 (V07/03): gepubliceerd, een passend aantal en het 95 %-interval (Wilson, met "
    "correctie voor de eindige populatie)"
)


def iwi_display(en: Enquetes) -> pd.DataFrame:
    """The IWI 2007 percentages: printed value, the base, a count that gives it and the
    95 % interval; counts and response as printed."""
    checks = compute.iwi_checks(en).set_index("line")
    audit = compute.audit(en).set_index("published_key")
    everyone = compute.iwi_counts(en).total
    groups = {"alle": f"alle {number(everyone)}", "cwi": "CWI", "uwv": "UWV",
              "gemeenten": "gemeenten"}  # fmt: skip
    records = []
    for r in en.iwi.itertuples():
        c = checks.loc[r.line]
        verdict = audit.loc[f"iwi-2007-enquete:{r.line}", "verdict"]
        printed = percent(r.value, int(r.decimals)) if r.unit == "%" else number(r.value)
        if r.qualifier:  # as printed: 'bijna 90 %', 'een tiental' (a count: the word only)
            printed = f"{r.qualifier} {printed}" if r.unit == "%" else r.qualifier
        records.append(
            {
                "Uitkomst": r.row_label,
                "Groep": groups[r.group],
                "Gepubliceerd": printed,
                "Past bij": DASH
                if missing(c["base"]) or r.statistic != "percent"
                else f"{number(c['count'])} van {number(c['base'])}",
                "95 %-interval": DASH
                if missing(c["lower_pct"])
                else interval(c["lower_pct"], c["upper_pct"], 1) + " %",
                "Oordeel": verdict,
            }
        )
    return pd.DataFrame(records)


def audit_display(en: Enquetes) -> pd.DataFrame:
    """AKO §3.3: every published survey figure, recomputed, with its verdict class."""
    audit = compute.audit(en)
    audit = audit[audit["published_key"].str.startswith("ako-")].reset_index(drop=True)
    pub = en.published.reset_index(drop=True)
    records = []
    for (_, a), (_, p) in zip(audit.iterrows(), pub.iterrows(), strict=True):
        dec = int(p["decimals"])
        fmt = lambda v, d=dec: DASH if missing(v) else number(v, d)  # noqa: E731
        if p["statistic"].startswith("claim_"):
            fmt = lambda v: DASH if missing(v) else ("klopt" if v else "klopt niet")  # noqa: E731
        wave = p["wave"]
        records.append(
            {
                "Gegeven": _item(p),
                "Meting": wave_nl(wave) if "-H" in str(wave) else str(wave),
                "Gepubliceerd": "bewering"
                if p["statistic"].startswith("claim_")
                else fmt(p["value"]) + (" %" if p["unit"] == "%" else ""),
                "Herberekend": fmt(a["computed"]) + _unit(p, a["computed"]),
                "Oordeel": a["verdict"],
            }
        )
    return pd.DataFrame(records)


def _unit(p: pd.Series, computed: object) -> str:
    if missing(computed) or p["unit"] != "%":
        return ""
    return " punt" if p["statistic"] == "change_overall" else " %"


def _item(p: pd.Series) -> str:
    stat = p["statistic"]
    if stat == "mean":
        return SCORE_NL[p["item"]]
    if stat == "mean_by_contact":
        return f"Totaal, {p['row_label']}"
    if stat == "employer_mean":
        return f"Werkgevers: {p['row_label']}"
    return {
        "overall_text": "Totaal oordeel (tekst)",
        "change_overall": "Stijging totaal oordeel",
        "response_rate": "Respons",
        "respondents": "Respondenten",
        "claim_ww_more_positive": "WW-uitkering positiever",
        "claim_faster_payment_more_positive": "Snellere betaling, positiever",
    }[stat]
