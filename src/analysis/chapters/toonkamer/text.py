"""Dutch text of the Toonkamer chapter: the data callout, the notes on each table, the
conclusion, the captions that depend on the data and the Samenvatting bullets."""

from __future__ import annotations

from analysis.chapters.toonkamer import compute
from analysis.chapters.toonkamer.compute import Toonkamer
from analysis.chapters.toonkamer.text_labels import interval, months, months_list
from analysis.core.formatting import and_nl, day_nl, number, percent
from analysis.core.markdown import literal
from analysis.study import verdicts

LATE_CLAIM = 5  # 'na 4 tot 5 maanden': higher from the 0–5 column on


def _locations(tk: Toonkamer) -> str:
    return and_nl([literal(loc) for loc in dict.fromkeys(compute.differences(tk)["location"])])


def _pct(value: float) -> str:
    return percent(value, 1)


# --------------------------------------------------------------------------- callout, reading


def data_note(tk: Toonkamer) -> str:
    """The callout 'Gegevens': source, measurement period, matching, client-level data."""
    matching = tk.claims.loc["control_matching", "value"]
    lines = [
        "Bron: projectplan 'Samen voor de klant' van de regio Haarlem (mei 2008), Bijlage 1, dat "
        "de cijfers overneemt uit de Eindevaluatie Toonkamers van het AKO (februari 2007).",
        f"Meetperiode: {day_nl(tk.start.date())} tot {day_nl(tk.end.date())}, voor de WW- en "
        f"WWB-klanten van vier van de zeven Toonkamers: {_locations(tk)}. De controlegroep is "
        f"per locatie samengesteld op {and_nl([literal(m) for m in matching.split(', ')])}; "
        "hoe precies staat er niet.",
    ]
    if tk.clients is None:
        lines.append(
            "Er zijn geen gegevens per klant: alles in dit hoofdstuk rust op de gepubliceerde "
            "tabellen."
        )
    else:
        n = len(tk.clients.frame)
        if tk.synthetic:
            lines.append(
                "De gegevens per klant zijn niet openbaar. Dit hoofdstuk gebruikt "
                f"**synthetische** gegevens: {number(n)} verzonnen klanten, zo gemaakt dat ze "
                "elke gepubliceerde uitstroomtabel precies treffen. Wat daarop rust, de "
                "herberekening per klant en de uitstroomcurven aan het eind van het hoofdstuk, "
                "heet steeds synthetisch en bewijst niets over de pilots. Elk oordeel en elke "
                "schatting in de andere paragrafen rust alleen op de gepubliceerde tabellen."
            )
        else:
            lines.append(f"Gegevens per klant: {number(n)} klanten.")
    body = "\n".join(f"- {line}" for line in lines)
    return f'::: {{.callout-note title="Gegevens"}}\n{body}\n:::\n'


def counts_note(tk: Toonkamer) -> str:
    """How the bracketed counts are read, with the evidence from the tables themselves."""
    first = compute.differences(tk).iloc[0]
    ns = tk.cells[(tk.cells["benefit"] == "WW") & (tk.cells["group"] == "toonkamer")]
    ns = ns[ns["location"] == first["location"]]["n"].tolist()
    wwb = compute.wwb(tk)
    zeros = wwb[(wwb["pct"] == 0) & (wwb["n"] > 1)].sort_values("n", kind="stable")
    zero = zeros.iloc[0]
    zero_n, zero_at = number(zero["n"]), literal(zero["location"])
    consistent = bool((tk.cells["k_low"] <= tk.cells["k_high"]).all())
    ambiguous = int((tk.cells["k_low"] < tk.cells["k_high"]).sum())
    diffs = compute.differences(tk)
    spread = (diffs["diff_max"] - diffs["diff_min"]).max()
    return (
        f"Elke cel is gedrukt als percentage met een aantal tussen haken, bijvoorbeeld "
        f"'{percent(first['pct_t'])} [{number(first['n_t'])}]' voor de Toonkamer "
        f"{literal(first['location'])} op {months(3)}. Dat aantal is de **noemer**: het aantal "
        "klanten dat de hele termijn te volgen was, niet het aantal dat uitstroomde. Drie "
        f"redenen. De aantallen worden kleiner naarmate de termijn langer is "
        f"({', '.join(number(n) for n in ns)}), terwijl een opgeteld aantal vertrekkers alleen "
        "kan groeien: binnen één meetperiode is alleen wie vroeg instroomde zes maanden te "
        f"volgen. De WWB-tabel drukt '{percent(0)} [{zero_n}]' ({zero_at}): nul procent van "
        f"{zero_n} vertrekkers kan niet, nul van {zero_n} klanten wel. En "
        + ("elk van de 48 percentages is een geheel aantal klanten gedeeld door het getal tussen "
           "haken, afgerond. " if consistent else "niet elk percentage past bij een geheel "
           "aantal klanten (zie de verantwoording). ")
        + f"Het aantal vertrekkers is dus percentage × aantal; bij {number(ambiguous)} cellen met "
        "meer dan 100 klanten passen twee gehele aantallen bij het afgeronde percentage. Het "
        "hoofdstuk neemt het dichtstbijzijnde; een verschil verschuift daardoor hooguit "
        f"{number(spread, 1)} procentpunt. Omdat elke kolom een eigen cohort is, kan een "
        "percentage van de ene kolom naar de volgende dalen.\n"
    )  # fmt: skip


# --------------------------------------------------------------------------- WW differences


def differences_note(tk: Toonkamer) -> str:
    """Which differences exclude zero, and the text's claims per location."""
    d = compute.differences(tk)
    above = d[d["lower"] > 0]
    places = and_nl([f"{literal(r.location)} {months(r.horizon)}" for r in above.itertuples()])
    width = (d["upper"] - d["lower"]).mean()
    higher = compute.higher(tk).set_index("location")
    late = [
        loc
        for loc in higher.index
        if higher.loc[loc, "higher_horizons"] < len(d["horizon"].unique())
    ]
    late_text = and_nl([
        f"{literal(loc)} pas vanaf {months(int(higher.loc[loc, 'higher_from']))}" for loc in late
    ])  # fmt: skip
    wrong = [literal(loc) for loc in late if higher.loc[loc, "higher_from"] != LATE_CLAIM]
    return (
        f"Van de {number(len(d))} verschillen zijn er {number(int((d['diff'] > 0).sum()))} "
        f"positief. Bij {number(len(above))} sluit het 95 %-interval nul uit: {places}. De "
        f"intervallen zijn gemiddeld {number(width, 1)} procentpunt breed: per locatie en "
        "termijn zijn de groepen te klein om verschillen van deze omvang zeker te stellen. "
        "De tekst zegt dat de uitstroom in A’dam Zuidoost en Den Bosch in alle meetperioden "
        "hoger is dan in de controlegroep (dat klopt voor de gedrukte percentages) en in "
        f"Dordrecht en Gouda pas 'na 4 tot 5 maanden'. Volgens de tabel ligt {late_text} hoger"
        + (f"; voor {and_nl(wrong)} klopt de tekst dus niet.\n" if wrong else ".\n")
    )


def wwb_note(tk: Toonkamer) -> str:
    """The WWB table's tiny counts and the source's own warning."""
    w = compute.wwb(tk)
    widest = w.loc[w["width"].idxmax()]
    return (
        "De bron waarschuwt zelf: 'Aan de Toonkamers nemen te weinig WWB-klanten deel om een "
        "nauwkeurige berekening van de uitstroomquote te kunnen maken.' De aantallen lopen van "
        f"{number(w['n'].min())} tot {number(w['n'].max())} klanten per cel; de 95 %-intervallen "
        f"(Wilson) zijn tot {number(widest['width'])} procentpunt breed. De bron ziet toch 'een "
        "duidelijke indicatie ... dat de uitstroom toeneemt'; zonder controlegroep voor de WWB is "
        "er niets om die toename mee te vergelijken.\n"
    )


def survey_note(tk: Toonkamer) -> str:
    """What the 'Alle klanten' row implies about the share of Toonkamer clients."""
    s = compute.shares(tk).set_index("principle")
    common = s.loc["common"]
    gaps = (s["score_t"] - s["score_regular"]).drop("common").abs()
    narrow = gaps.idxmin()
    label = tk.survey.set_index("principle")["column_label"].groupby(level=0).first()[narrow]
    return (
        "De rij 'Alle klanten' is een gewogen gemiddelde van de andere twee: Alle = a · "
        "Toonkamer + (1 − a) · Regulier, met a het aandeel Toonkamerklanten onder de "
        "ondervraagden. Per klantprincipe volgt a uit de drie scores; omdat die op één decimaal "
        "zijn afgerond, ligt a in een bereik. Eén aandeel past bij alle vijf principes: "
        f"**{percent(100 * common['share_low'], 1)} tot {percent(100 * common['share_high'], 1)}**"
        f" (midden {percent(100 * common['share'], 1)}). Bij {label} verschillen de groepen "
        f"maar {number(gaps[narrow], 1)} punt; daar laat de afronding elk aandeel toe. Omdat het "
        "aandeel uit deze zelfde rijen is geschat, bevestigen die rijen het niet: 'Alle "
        "klanten' past *na keuze* van het aandeel, en bij "
        f"{label} *per definitie*. Ongeveer één op de "
        f"{number(1 / common['share'])} ondervraagden kwam dus uit een Toonkamer. Aantallen "
        "respondenten staan er niet bij, dus of de verschillen tussen Toonkamer en regulier "
        "groter zijn dan toeval is niet na te gaan.\n"
    )  # fmt: skip


# --------------------------------------------------------------------------- client-level data


def clients_note(tk: Toonkamer) -> str:
    if compute.recomputed(tk) is None:
        return (
            "Er zijn geen gegevens per klant. Met gegevens per klant (groep, regeling, locatie, "
            "instroom- en uitstroomdatum, reden) rekent dit hoofdstuk de tabellen daaruit na en "
            "tekent het de uitstroomcurven.\n"
        )
    r = compute.recomputed(tk)
    equal = int(r["equal"].sum())
    text = (
        "Uit de gegevens per klant rekent het hoofdstuk elke tabelcel opnieuw uit met dezelfde "
        "regel: een klant telt mee voor de termijn van h maanden als de uitkering in de "
        f"meetperiode begon en h maanden later nog vóór {day_nl(tk.end.date())} lag; hij is "
        "binnen die termijn uitgestroomd als de uitstroomdatum uiterlijk h maanden na de "
        f"instroom ligt. {number(equal)} van de {number(len(r))} cellen komen overeen."
    )
    if tk.synthetic:
        text += (
            " Dat is **per constructie**: de synthetische klanten zijn zo gemaakt. Het laat "
            "alleen zien dat de berekening uit gegevens per klant dezelfde tabellen maakt."
        )
    return text + "\n"


def km_note(tk: Toonkamer) -> str:
    if not compute.curves(tk):
        return ""
    text = (
        "De curven zijn Kaplan–Meier-schattingen: het deel van de klanten dat na t maanden "
        "uitgestroomd is, met alle klanten die in de meetperiode instroomden. Wie op "
        f"{day_nl(tk.end.date())} nog een uitkering had, telt tot die dag mee en valt dan af "
        "(gecensureerd). Een cohorttabel gebruikt per termijn alleen wie de hele termijn te "
        "volgen was; daarom wijken de curven op 3 tot 6 maanden iets af van de tabel (hier is "
        "een maand 30,4 dagen). De curven houden op bij "
        f"{number(compute.HORIZON)} maanden, de langste termijn in de tabellen van de bron; de "
        "vier locaties zijn samengenomen."
    )
    if tk.synthetic:
        text += (
            " Met synthetische gegevens is het verloop tussen de gepubliceerde termijnen "
            "verzonnen; alleen de stand op 3 tot 6 maanden volgt de tabellen. De figuur toont "
            "dus de methode, geen uitkomst."
        )
    return text + "\n"


# --------------------------------------------------------------------------- conclusion, audit


def audit_note(tk: Toonkamer) -> str:
    text = (
        "Elke gepubliceerde waarde van dit hoofdstuk heeft een oordeel (@tbl-toonkamer-audit; "
        f"per waarde in bijlage A). {verdicts.sentence(compute.audit(tk))}"
    )
    audit = compute.audit(tk)
    deviating = audit[audit["verdict"] == verdicts.DEVIATING]["reason"].tolist()
    if deviating:
        text += f" Afwijkend: {'; '.join(deviating)}."
    return text + "\n"


def summary(facts: dict) -> str:
    """Two to five Markdown bullets with the chapter's key findings (for the Samenvatting),
    from its facts (`compute.facts`)."""
    m = facts["target"]
    pooled = facts["pooled"]
    shown = [r for r in pooled if r["lower"] > 0]
    split = [r for r in pooled if r["heterogeneous"] and r["lower"] <= 0]
    bullets = [
        "Toonkamerpilots (projectplan Haarlem 2008, Bijlage 1): 'gemiddeld 7 % hoger' is het "
        f"ongewogen gemiddelde van {number(facts['cells'])} verschillen in "
        f"procentpunten ({number(facts['mean_pp'], 3)}), geen relatieve toename en geen "
        "schatting met foutmarge; die lezing is gekozen omdat ze het getal geeft.",
    ]
    if shown:
        last = shown[-1]
        text = (
            "Samengenomen over de vier locaties ligt de WW-uitstroom van de Toonkamers op "
            f"{months(int(last['horizon']))} {number(last['est'], 1)} procentpunt hoger dan in "
            f"de controlegroep (95 %-interval {interval(last['lower'], last['upper'])})."
        )
        if split:
            hs = months_list([int(r["horizon"]) for r in split])
            text += (
                f" Op {hs} verschillen de locaties meer dan toeval (Cochran's Q) en is het "
                "gemiddelde verschil niet van nul te onderscheiden."
            )
        bullets.append(text)
    met = any(v == "met" for v in m["statuses"].values())
    bullets.append(
        f"Het doel '15 % hoger' is {_pct(m['target_pp'])} als procentpunten en "
        f"{_pct(m['target_relative'])} relatief, bij {_pct(m['pct_c'])} in de controlegroep; "
        f"de pilots haalden gemiddeld {_pct(m['pct_t'])}, een getal zonder interval. "
        + ("Op geen enkele termijn toont een interval dat het doel gehaald is." if not met else
           "Op ten minste één termijn toont het interval dat het doel gehaald is.")
    )  # fmt: skip
    bullets.append(
        verdicts.counts_sentence(facts["verdicts"], "gepubliceerde Toonkamerwaarden")
        + (" De gegevens per klant zijn synthetisch: wat daarop rust, is per constructie en "
           "geen bewijs."
           if facts["synthetic"] else "")
    )  # fmt: skip
    return "\n".join(f"- {b}" for b in bullets) + "\n"
