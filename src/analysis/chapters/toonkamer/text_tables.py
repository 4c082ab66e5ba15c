"""The Toonkamer chapter's display tables (formatted Dutch strings, one frame per table) and
the captions and alt texts that depend on the data."""

from __future__ import annotations

import pandas as pd

from analysis.chapters.toonkamer import compute
from analysis.chapters.toonkamer.compute import ALL, Toonkamer, at_times
from analysis.chapters.toonkamer.text_labels import (
    GROUP_NL,
    GROUP_TITLE,
    PRINCIPLE_NL,
    cell,
    horizon,
    interval,
    months,
    pp,
)
from analysis.core.compare import pair
from analysis.core.formatting import DASH, number, percent
from analysis.core.values import rounded
from analysis.study import verdicts
from analysis.study.toonkamer import HORIZONS


def differences_display(tk: Toonkamer) -> pd.DataFrame:
    """Per location and horizon: both published cells, the difference and Newcombe's interval."""
    d = compute.differences(tk)
    return pd.DataFrame(
        {
            "Locatie": d["location"],
            "Termijn": d["horizon"].map(horizon),
            "Toonkamer": [cell(p, n) for p, n in zip(d["pct_t"], d["n_t"], strict=True)],
            "Controlegroep": [cell(p, n) for p, n in zip(d["pct_c"], d["n_c"], strict=True)],
            "Verschil (procentpunt)": d["diff"].map(pp),
            "95 %-interval": [
                interval(lo, hi) for lo, hi in zip(d["lower"], d["upper"], strict=True)
            ],
        }
    )


def pooled_display(tk: Toonkamer) -> pd.DataFrame:
    """Per horizon: pooled rates, the Mantel–Haenszel difference with its interval, Cochran's
    Q and, where it rejects one common difference, the random-effects difference."""
    p = compute.pooled(tk)
    return pd.DataFrame(
        {
            "Termijn": p["horizon"].map(horizon),
            "Toonkamer": [f"{percent(r.pct_t, 1)} ({number(r.n_t)})" for r in p.itertuples()],
            "Controlegroep": [f"{percent(r.pct_c, 1)} ({number(r.n_c)})" for r in p.itertuples()],
            "Mantel–Haenszel (95 %-interval)": [
                f"{pp(r.mh)} ({interval(r.lower, r.upper)})" for r in p.itertuples()
            ],
            "Heterogeniteit: Q (p)": [
                f"{number(r.q, 1)} ({number(r.q_p, 2)})" for r in p.itertuples()
            ],
            "Random effects (95 %-interval)": [
                f"{pp(r.re)} ({interval(r.re_lower, r.re_upper)})" if r.heterogeneous else DASH
                for r in p.itertuples()
            ],
        }
    )


READING_NL = {
    "mean_pp": "Ongewogen gemiddelde van de 16 gedrukte verschillen",
    "mean_pp_counts": "Hetzelfde, met aantallen vertrekkers i.p.v. afgeronde percentages",
    "mean_relative": "Gemiddelde van de 16 relatieve verschillen",
    "ratio_of_means": "Gemiddeld Toonkamer-% gedeeld door gemiddeld controle-% (min 1)",
}


def readings_display(tk: Toonkamer) -> pd.DataFrame:
    """The ways to read 'gemiddeld 7 % hoger', with value and whether it rounds to 7."""
    r = compute.readings(tk)

    def label(reading: str) -> str:
        if reading.startswith("mh_"):
            return f"Mantel–Haenszel, {horizon(int(reading[3:]))} (vier locaties)"
        return READING_NL[reading]

    def value(row) -> str:
        text = f"{pp(row.value, 3 if row.reading == 'mean_pp' else 1)} procentpunt"
        return text if row.unit == "pp" else f"{percent(row.value, 1)} relatief"

    return pd.DataFrame(
        {
            "Lezing": r["reading"].map(label),
            "Waarde": [value(row) for row in r.itertuples()],
            "95 %-interval": [
                interval(lo, hi) for lo, hi in zip(r["lower"], r["upper"], strict=True)
            ],
            "Afgerond 7?": r["rounds_to_claim"].map({True: "ja", False: "nee"}),
        }
    )


BASIS_NL = {"mean": "Gemiddelde 16 cellen", "work_mean": "Idem, naar werk"}
METHOD_NL = {"mh": "MH", "re": "RE"}  # Mantel–Haenszel, random effects (the caption says so)
STATUS_SHORT = {"met": "ja", "not_met": "nee", "open": "onbeslist", None: "geen interval"}


def _status(state: object) -> str:
    return STATUS_SHORT[state if isinstance(state, str) else None]


def target_display(tk: Toonkamer) -> pd.DataFrame:
    """The 15 % target in both readings, per basis, beside what the pilot shows; decided only
    where an interval decides (the horizons), 'geen interval' elsewhere."""
    t = compute.target(tk)

    def basis(r) -> str:
        if r.basis in BASIS_NL:
            return BASIS_NL[r.basis]
        return f"{horizon(int(r.basis))}, {METHOD_NL[r.method]}"

    def achieved(r) -> str:
        if pd.isna(r.lower):
            return pp(r.achieved_pp)
        return f"{pp(r.achieved_pp)} ({interval(r.lower, r.upper)})"

    return pd.DataFrame(
        {
            "Basis": [basis(r) for r in t.itertuples()],
            "Controle": t["pct_c"].map(lambda v: percent(v, 1)),
            "Toonkamer": t["pct_t"].map(lambda v: percent(v, 1)),
            "Verschil (procentpunt, 95 %-interval)": [achieved(r) for r in t.itertuples()],
            "Relatief": t["achieved_relative"].map(lambda v: percent(v, 1)),
            "Doel +15": t["target_pp"].map(lambda v: percent(v, 1)),
            "+15 gehaald?": [_status(v) for v in t["status_pp"]],
            "Doel ×1,15": t["target_relative"].map(lambda v: percent(v, 1)),
            "×1,15 gehaald?": [_status(v) for v in t["status_relative"]],
        }
    )


def wwb_display(tk: Toonkamer) -> pd.DataFrame:
    """The WWB cells: printed percentage, clients and leavers, Wilson interval."""
    w = compute.wwb(tk)
    return pd.DataFrame(
        {
            "Locatie": w["location"],
            "Termijn": w["horizon"].map(horizon),
            "Gepubliceerd": [cell(p, n) for p, n in zip(w["pct"], w["n"], strict=True)],
            "Vertrekkers": [
                f"{number(k)} van {number(n)}" for k, n in zip(w["k"], w["n"], strict=True)
            ],
            "95 %-interval (%)": [
                interval(lo, hi, 0) for lo, hi in zip(w["lower"], w["upper"], strict=True)
            ],
        }
    )


def survey_display(tk: Toonkamer) -> pd.DataFrame:
    """Scores per principle and the share of Toonkamer clients that 'Alle klanten' implies."""
    s = compute.shares(tk)
    rows = s[s["principle"] != "common"]
    common = s[s["principle"] == "common"].iloc[0]

    def pct(v: float) -> str:
        return percent(100 * v, 1)

    frame = pd.DataFrame(
        {
            "Klantprincipe": rows["principle"].map(PRINCIPLE_NL),
            "Toonkamer": rows["score_t"].map(lambda v: number(v, 1)),
            "Regulier": rows["score_regular"].map(lambda v: number(v, 1)),
            "Alle klanten": rows["score_all"].map(lambda v: number(v, 1)),
            "Aandeel Toonkamer": rows["share"].map(pct),
            "Bereik bij afronding": [f"{pct(lo)} tot {pct(hi)}" for lo, hi in
                                     zip(rows["share_low"], rows["share_high"], strict=True)],
        }
    )  # fmt: skip
    span_common = f"{pct(common['share_low'])} tot {pct(common['share_high'])}"
    frame.loc[len(frame)] = [
        "Eén aandeel voor alle vijf",
        "",
        "",
        "",
        pct(common["share"]),
        span_common,
    ]
    return frame


def recomputed_display(tk: Toonkamer) -> pd.DataFrame:
    """Per location and horizon: 'berekend / gepubliceerd' as % [clients] for each table."""
    r = compute.recomputed(tk)
    if r is None:
        return pd.DataFrame()
    r = r.assign(
        text=[
            pair(f"{int(rounded(p))} [{number(nc)}]" if nc else "–", f"{pub} [{number(n)}]", eq)
            for p, nc, pub, n, eq in zip(r["pct_calc"].fillna(0), r["n_calc"], r["pct"], r["n"],
                                         r["equal"], strict=True)
        ],
        table=[f"{b} {GROUP_NL[g]}" for b, g in zip(r["benefit"], r["group"], strict=True)],
    )  # fmt: skip
    order = list(
        dict.fromkeys(r.sort_values(["benefit", "group"], ascending=[True, False])["table"])
    )
    wide = r.pivot(index=["location_order", "location", "horizon"], columns="table", values="text")
    out = wide[order].reset_index().fillna("")
    out.insert(2, "Termijn", out.pop("horizon").map(horizon))
    return (
        out.drop(columns="location_order")
        .rename(columns={"location": "Locatie"})
        .rename_axis(None, axis=1)
    )


def km_display(tk: Toonkamer) -> pd.DataFrame:
    """Kaplan–Meier outflow at 3 ... 6 months, WW, pooled over the locations, per group."""
    if not compute.curves(tk):
        return pd.DataFrame()
    rows = []
    for group in ("toonkamer", "control"):
        curve = compute.curves(tk).get(("WW", group, ALL))
        if curve is None:
            continue
        values = at_times(curve, [float(h) for h in HORIZONS])
        cells = [
            f"{percent(100 * (1 - v.survival), 1)} "
            f"({interval(100 * (1 - v.upper), 100 * (1 - v.lower))})"
            for v in values.itertuples()
        ]
        rows.append([GROUP_TITLE[group], *cells])
    return pd.DataFrame(rows, columns=["Groep", *(f"{h} maanden" for h in HORIZONS)])


FILE_NL = {
    "ww-toonkamer": "Uitstroom WW, Toonkamer",
    "ww-controlegroep": "Uitstroom WW, controlegroep",
    "wwb-uitstroom": "Uitstroom WWB, Toonkamer",
    "klantprincipes": "Klantprincipes",
    "claims": "Tekst en doelen",
}


def audit_display(tk: Toonkamer) -> pd.DataFrame:
    """Number of published values per table of the source and verdict."""
    audit = compute.audit(tk)
    a = audit.assign(file=audit["published_key"].str.rsplit(":", n=1).str[0])
    counts = a.groupby(["file", "verdict"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(verdicts.VERDICTS), fill_value=0)
    order = list(dict.fromkeys(a["file"]))
    counts = counts.loc[order]
    out = counts.map(number).reset_index().rename(columns={"file": "Gegevens"})
    out["Gegevens"] = out["Gegevens"].map(
        lambda f: FILE_NL.get(f.removeprefix("toonkamer-2008-"), f)
    )
    out = out.rename(columns={v: v[0].upper() + v[1:] for v in verdicts.VERDICTS})
    return out.rename_axis(None, axis=1)


# --------------------------------------------------------------------------- captions

SYNTHETIC_MARK = " (synthetische gegevens)"


def _synthetic_mark(tk: Toonkamer) -> str:
    return SYNTHETIC_MARK if tk.synthetic else ""


POOLED_CAPTION = (
    "Uitstroom uit de WW per termijn, vier locaties samen: Mantel–Haenszel, de toets op "
    "heterogeniteit (Cochran's Q, met p) en, waar die verschil tussen de locaties aanwijst, "
    "random effects (DerSimonian–Laird)"
)
TARGET_CAPTION = (
    "Het doel van 15 %: +15 procentpunt of × 1,15; alleen per termijn beslist een "
    "95 %-interval, dat van het gepoolde verschil (MH: Mantel–Haenszel; RE: random effects, "
    "waar de locaties verschillen)"
)


def recomputed_caption(tk: Toonkamer) -> str:
    return ("Uitstroom per cel uit de gegevens per klant: berekend / gepubliceerd, % [klanten]"
            + _synthetic_mark(tk))  # fmt: skip


def km_table_caption(tk: Toonkamer) -> str:
    return ("Kaplan–Meier: uitgestroomd deel van de WW-klanten na 3 tot 6 maanden, vier "
            "locaties samen, met 95 %-interval" + _synthetic_mark(tk))  # fmt: skip


def km_caption(tk: Toonkamer) -> str:
    return ("Uitstroom uit de WW in de eerste zes maanden (Kaplan–Meier, 95 %-band), vier "
            "locaties samen; open rondjes: gepubliceerd" + _synthetic_mark(tk))  # fmt: skip


def km_alt(tk: Toonkamer) -> str:
    values = [
        f"{GROUP_NL[g]} {percent(100 * (1 - at_times(c, [6.0])['survival'].iloc[0]))}"
        for g in ("toonkamer", "control")
        if (c := compute.curves(tk).get(("WW", g, ALL))) is not None
    ]
    return (
        "Twee stijgende trapcurven, een doorgetrokken voor de Toonkamer en een gestreepte voor "
        "de controlegroep, met het uitgestroomde deel WW-klanten over zes maanden en een band "
        f"voor het interval; na zes maanden uitgestroomd: {' en '.join(values)}; de "
        "gepubliceerde percentages per termijn als open rondjes" + _synthetic_mark(tk) + "."
    )  # fmt: skip


def forest_caption(tk: Toonkamer) -> str:
    claim = number(float(tk.claims.loc["ww_mean_higher", "value"]))
    return (
        "Verschil in uitstroom uit de WW (Toonkamer − controlegroep, procentpunt) met "
        "95 %-interval: per locatie (Newcombe, rondje), gepoold met Mantel–Haenszel (ruit) en, "
        "waar de locaties meer verschillen dan toeval, met random effects (open vierkant); "
        f"stippellijn: de {claim} van de bron"
    )


def forest_alt(tk: Toonkamer) -> str:
    p = compute.pooled(tk)
    pooled = "; ".join(
        f"{months(int(r.horizon))} {number(r.est, 1)} procentpunt "
        f"({'random effects' if r.heterogeneous else 'Mantel–Haenszel'}, "
        f"{interval(r.est_lower, r.est_upper)})"
        for r in p.itertuples()
    )
    return (
        f"Vier panelen, één per termijn van {months(3)} tot {months(int(p['horizon'].iloc[-1]))}, "
        "met per locatie een punt en een horizontale lijn voor het verschil en het interval, en "
        f"onderaan de gepoolde schattingen: {pooled}."
    )
