"""Dutch text of the Toonkamer chapter: the data callout, the notes on each table, the
conclusion, the captions that depend on the data and the Samenvatting bullets."""

from __future__ import annotations

from analysis.chapters.toonkamer import compute
from analysis.chapters.toonkamer.compute import Toonkamer
from analysis.chapters.toonkamer.text_labels import interval, months
from analysis.core.formatting import and_nl, day_nl, number, percent
from analysis.core.markdown import code, literal
from analysis.study import verdicts
from analysis.study.toonkamer import CONTROL, TOONKAMER

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
        "de cijfers overneemt uit de Eindevaluatie Toonkamers van het AKO (februari 2007); "
        f"tekstbestand {code('004_a3d8323216cfe5fd.txt')}. De tabellen staan als gegevens in "
        f"{code('data/raw/published/toonkamer-2008-*.csv')}.",
        f"Meetperiode: {day_nl(tk.start.date())} tot {day_nl(tk.end.date())}, voor de WW- en "
        f"WWB-klanten van vier van de zeven Toonkamers: {_locations(tk)}. De controlegroep is "
        f"per locatie samengesteld op {and_nl([literal(m) for m in matching.split(', ')])}; "
        "hoe precies staat er niet.",
    ]
    if tk.clients is None:
        lines.append(
            "Er zijn geen gegevens per klant (de map `data/raw/toonkamer/` bevat geen bestand): "
            "alles in dit hoofdstuk rust op de gepubliceerde tabellen."
        )
    else:
        n = len(tk.clients.frame)
        name = code(tk.clients.source.name)
        if tk.synthetic:
            lines.append(
                f"De gegevens per klant in {name} zijn **synthetisch**: {number(n)} verzonnen "
                "klanten, zo gemaakt dat ze elke gepubliceerde uitstroomtabel precies treffen, "
                "met neutrale codes in plaats van locatienamen. Wat daarop rust, heet hier "
                "steeds synthetisch; het bewijst niets over de pilots."
            )
        else:
            lines.append(f"Gegevens per klant: {name}, {number(n)} klanten.")
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
           "aantal klanten; zie de audit. ")
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


def pooled_note(tk: Toonkamer) -> str:
    """The Mantel–Haenszel estimates per horizon, and why horizons are not pooled."""
    p = compute.pooled(tk)
    first, last = p.iloc[0], p.iloc[-1]
    excludes = p[p["lower"] > 0]["horizon"].tolist()
    sato_gap = max(
        (p["lower_sato"] - p["lower"]).abs().max(), (p["upper_sato"] - p["upper"]).abs().max()
    )
    return (
        "Per termijn zijn de vier locaties samen te nemen met de Mantel–Haenszel-schatting van "
        "het verschil: een gewogen gemiddelde van de vier verschillen, met als gewicht het "
        "product van de twee groepsgroottes gedeeld door hun som, zodat elke locatie alleen "
        "met haar eigen controlegroep wordt vergeleken. Het "
        f"verschil loopt op van {number(first['mh'], 1)} procentpunt op {months(3)} (95 %-interval "
        f"{interval(first['lower'], first['upper'])}) tot {number(last['mh'], 1)} procentpunt op "
        f"{months(int(last['horizon']))} ({interval(last['lower'], last['upper'])}). "
        + (f"Vanaf {months(int(excludes[0]))} sluit het interval nul uit. " if excludes else
           "Geen enkel interval sluit nul uit. ")
        + "De intervallen gebruiken de variantie van Greenland en Robins; die van Sato verschilt "
        f"hooguit {number(sato_gap, 1)} procentpunt. De termijnen zelf zijn niet samen te "
        "nemen: wie zes maanden te volgen was, zit ook in de cohorten van drie, vier en vijf "
        "maanden, zodat een gemiddelde over termijnen dezelfde klanten tot vier keer telt.\n"
    )  # fmt: skip


def claim_note(tk: Toonkamer) -> str:
    """How 'gemiddeld 7 % hoger' arises from the tables, with its exact value."""
    d = compute.differences(tk)
    readings = compute.readings(tk).set_index("reading")
    r = readings["value"]
    claim = int(tk.claims.loc["ww_mean_higher", "value"])
    terms = " + ".join(number(v) for v in d["diff_printed"]).replace("+ −", "− ")
    total, n = int(d["diff_printed"].sum()), len(d)
    ww = tk.cells[tk.cells["benefit"] == "WW"]["n"]
    mh = compute.pooled(tk)
    rounding = mh[[int(round(v)) == claim for v in mh["mh"]]]["horizon"].tolist()
    fits = int(readings["rounds_to_claim"].sum())
    return (
        "De zin 'Over alle Toonkamers gemeten is de uitstroom uit de WW in de gekozen "
        "meetperiode gemiddeld 7% hoger dan in de controlegroep' volgt uit de tabellen als "
        f"ongewogen gemiddelde van de {number(n)} gedrukte verschillen in procentpunten (vier "
        f"locaties × vier termijnen): ({terms}) / {number(n)} = {number(total)} / {number(n)} "
        f"= **{number(r['mean_pp'], 3)}**, afgerond {number(round(r['mean_pp']))}. Het is dus "
        f"geen relatieve toename (die is gemiddeld {_pct(r['mean_relative'])}) en geen "
        "schatting met een foutmarge: elke cel telt even zwaar, of er nu "
        f"{number(ww.min())} of {number(ww.max())} klanten achter zitten, en dezelfde klanten "
        "tellen in tot vier termijnen mee, zodat er geen eerlijk interval bij te geven is. Dat "
        "deze lezing klopt, bevestigt het getal niet: ze is gekozen omdat ze het geeft "
        f"({number(fits)} van de {number(len(readings))} lezingen in @tbl-toonkamer-zeven "
        f"ronden af op {number(claim)}). De gepoolde schattingen per termijn lopen uiteen van "
        f"{number(mh['mh'].min(), 1)} tot {number(mh['mh'].max(), 1)} procentpunt; "
        + (f"alleen die op {and_nl([months(h) for h in rounding])} rondt ook af op "
           f"{number(claim)}." if rounding else f"geen daarvan rondt af op {number(claim)}.")
        + "\n"
    )  # fmt: skip


def target_note(tk: Toonkamer) -> str:
    """The 15 % target read as percentage points and as a relative increase, with numbers."""
    t = compute.target(tk).set_index("basis")
    m, w = t.loc["mean"], t.loc["work_mean"]
    horizons = t.drop(index=["mean", "work_mean"])
    out_pp = [months(int(b)) for b, s in horizons["status_pp"].items() if s == "not_met"]
    return (
        "Het projectplan stelt als doel: 'De uitstroom uit de Toonkamer naar regulier werk ligt "
        "15% hoger dan de uitstroom uit het reguliere re-integratieproces.' Dat kan twee dingen "
        f"betekenen. Bij de gemiddelde uitstroom van de controlegroep ({_pct(m['pct_c'])}):\n\n"
        f"- **15 procentpunt hoger**: {_pct(m['target_pp'])};\n"
        f"- **15 % hoger** (× 1,15): {_pct(m['target_relative'])}, dat is "
        f"{number(m['needed_pp_relative'], 1)} procentpunt erbij.\n\n"
        f"De Toonkamers haalden gemiddeld {_pct(m['pct_t'])}: {number(m['achieved_pp'], 1)} "
        f"procentpunt of {_pct(m['achieved_relative'])} meer dan de controlegroep. Relatief "
        "gelezen vraagt het doel dus wat de pilots al lieten zien; in procentpunten ruim het "
        "dubbele. Per termijn (tabel) "
        + (f"ligt +15 procentpunt op {and_nl(out_pp)} boven het 95 %-interval van het gepoolde "
           "verschil, op de andere termijnen erbinnen; " if out_pp else
           "ligt +15 procentpunt overal binnen het 95 %-interval; ")
        + "de relatieve lezing valt overal binnen het interval: de pilotcijfers kunnen niet "
        "uitmaken of dat doel haalbaar is. Het doel spreekt van uitstroom naar werk. Met de "
        f"gepubliceerde aandelen werkhervatting ({percent(tk.work_published[TOONKAMER])} en "
        f"{percent(tk.work_published[CONTROL])} van de uitstroom, over de hele meetperiode) "
        f"wordt dat {_pct(w['pct_t'])} tegen {_pct(w['pct_c'])}: "
        f"{number(w['achieved_pp'], 1)} procentpunt of {_pct(w['achieved_relative'])} meer. Het "
        "doel geldt volgens het plan ook voor WWB-klanten; daarvoor is geen controlegroep "
        "gemeten.\n"
    )  # fmt: skip


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
            "Er zijn geen gegevens per klant. Zodra een bestand met één regel per klant in "
            "`data/raw/toonkamer/` staat (groep, regeling, locatie, instroom- en uitstroomdatum, "
            "reden; zie de README daar), rekent dit hoofdstuk de tabellen daaruit na en tekent "
            "het de uitstroomcurven.\n"
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
            "alleen zien dat de pijplijn met echte klantgegevens dezelfde tabellen maakt."
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
        "een maand 30,4 dagen)."
    )
    if tk.synthetic:
        text += (
            " Met synthetische gegevens is het verloop tussen de gepubliceerde termijnen en "
            "daarna verzonnen; alleen de stand op 3 tot 6 maanden volgt de tabellen."
        )
    return text + "\n"


# --------------------------------------------------------------------------- conclusion, audit


def conclusion(tk: Toonkamer) -> str:
    p = compute.pooled(tk)
    sig = p[p["lower"] > 0]
    m = compute.target(tk).set_index("basis").loc["mean"]
    mean = compute.readings(tk).set_index("reading").loc["mean_pp", "value"]
    h = compute.higher(tk)
    always_list = [
        literal(loc) for loc in h[h["higher_horizons"] == h["higher_horizons"].max()]["location"]
    ]
    always = and_nl(always_list)
    later = and_nl(
        [literal(loc) for loc in h[h["higher_horizons"] < h["higher_horizons"].max()]["location"]]
    )
    first_h = months(int(sig["horizon"].iloc[0])) if not sig.empty else ""
    shown = (
        f"samengenomen over de vier locaties is het verschil op {first_h} "
        f"tot {months(int(sig['horizon'].iloc[-1]))} {number(sig['mh'].min(), 1)} tot "
        f"{number(sig['mh'].max(), 1)} procentpunt, met intervallen die nul uitsluiten maar "
        f"breed zijn ({interval(sig['lower'].min(), sig['upper'].max())} procentpunt)"
        if not sig.empty else "samengenomen sluit geen interval een verschil van nul uit"
    )  # fmt: skip
    return (
        "**Wat de pilot laat zien.** In de vier gemeten Toonkamers stroomden WW-klanten na "
        f"enkele maanden vaker uit dan in hun controlegroep: {shown}. Op {months(3)} is er "
        f"geen aantoonbaar verschil, en per locatie verschilt het beeld: {always} "
        f"{'ligt' if len(always_list) == 1 else 'liggen'} op elke termijn hoger, {later} eerst "
        "lager.\n\n"
        "**Wat de pilot niet laat zien.** 'Gemiddeld 7 % hoger' is het ongewogen gemiddelde "
        f"({number(mean, 3)}) van zestien procentpuntverschillen die elkaars klanten "
        "overlappen: een getal zonder foutmarge, in procentpunten en niet relatief. Dat de "
        "Toonkamer de oorzaak is, volgt niet uit een vergelijking met een controlegroep die "
        "op vier kenmerken is samengesteld, in vier pilots die niet door loting zijn gekozen. "
        "Voor de WWB zijn de aantallen te klein en ontbreekt een controlegroep; de "
        "klanttevredenheid is zonder aantallen respondenten niet te toetsen. Het doel van "
        f"'15 % hoger' is relatief gelezen ({_pct(m['target_relative'])} bij "
        f"{_pct(m['pct_c'])}) precies wat de pilots al haalden, in procentpunten "
        f"({_pct(m['target_pp'])}) ruim het dubbele; het plan zegt niet welke lezing het "
        "bedoelt.\n"
    )  # fmt: skip


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
    first, last, m = facts["first"], facts["last"], facts["target"]
    bullets = [
        "Toonkamerpilots (projectplan Haarlem 2008, Bijlage 1): 'gemiddeld 7 % hoger' is het "
        f"ongewogen gemiddelde van {number(facts['cells'])} verschillen in "
        f"procentpunten ({number(facts['mean_pp'], 3)}), geen relatieve toename en geen "
        "schatting met foutmarge; die lezing is gekozen omdat ze het getal geeft.",
        "Per termijn samengenomen (Mantel–Haenszel) ligt de WW-uitstroom van de Toonkamers "
        f"{number(first['mh'], 1)} procentpunt ({months(int(first['horizon']))}, 95 %-interval "
        f"{interval(first['lower'], first['upper'])}) tot {number(last['mh'], 1)} procentpunt "
        f"({months(int(last['horizon']))}, {interval(last['lower'], last['upper'])}) hoger dan "
        "in de controlegroep.",
        f"Het doel '15 % hoger': als procentpunten {_pct(m['target_pp'])}, relatief "
        f"{_pct(m['target_relative'])}, bij {_pct(m['pct_c'])} in de controlegroep; de pilots "
        f"haalden gemiddeld {_pct(m['pct_t'])}.",
        verdicts.counts_sentence(facts["verdicts"], "gepubliceerde Toonkamerwaarden")
        + (" De klantgegevens zijn synthetisch." if facts["synthetic"] else ""),
    ]
    return "\n".join(f"- {b}" for b in bullets) + "\n"
