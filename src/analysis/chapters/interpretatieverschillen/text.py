"""The interpretation-gap chapter in words: Dutch sentences, callouts and captions.

The display tables are in `text_tables`. Locations appear only under their neutral codes and
never beside a remark; remarks are only counted.
"""

from __future__ import annotations

from analysis.chapters.interpretatieverschillen import compute
from analysis.chapters.interpretatieverschillen.compute import MEASURED, Inspection
from analysis.core.formatting import MONTHS_NL, and_nl, number, percent, signed, span

SYNTHETIC_MARK = " (synthetische gegevens)"
# Landis en Koch (1977): the usual words for kappa values
KAPPA_WORDS = ((0.0, "gering"), (0.2, "redelijk"), (0.4, "matig"), (0.6, "substantieel"),
               (0.8, "bijna volledig"))  # fmt: skip


CAPTIONS = {
    "tbl-iv-overeenstemming": (
        "Overeenstemming tussen zelfbeoordeling en inspectieoordeel, alle paren"
    ),
    "tbl-iv-kruistabel": (
        "Zelfbeoordeling (rijen) tegen oordeel van de inspectie (kolommen), aantal paren"
    ),
    "tbl-iv-mijlpalen": "Zelfbeoordeling tegen inspectieoordeel per mijlpaal",
    "fig-iv-mijlpalen": (
        "Aandeel Werkpleinen dat zich hoger (rechts) of lager (links) inschat dan de "
        "inspectie, per mijlpaal"
    ),
    "fig-iv-verschillen": (
        "Zelfbeoordeling min inspectieoordeel per Werkplein en mijlpaal, in categorieën"
    ),
    "tbl-iv-werkpleinen": "Totaalscore volgens het Werkplein en volgens de inspectie",
    "tbl-iv-gevoeligheid": "Gevoeligheid van de conclusies voor rekenregel, bandgrenzen en ruis",
    "tbl-iv-iwi-controle": "Getallen uit het IWI-rapport (2008), nagerekend",
    "tbl-iv-sindsdien": (
        "Gemiddelde totaalscore volgens de Werkpleinen zelf, per tertaal sinds de inspectie"
    ),
}


def caption(ins: Inspection, label: str) -> str:
    """The caption of a table or figure, marked when it rests on synthetic data."""
    return CAPTIONS[label] + (SYNTHETIC_MARK if ins.synthetic else "")


def kappa_word(value: float) -> str:
    """'matig', 'substantieel', ... (Landis en Koch); 'geen' at or below 0."""
    if not value > 0:
        return "geen"
    return [word for low, word in KAPPA_WORDS if value > low][-1]


def pct(share: float, decimals: int = 0) -> str:
    return percent(100 * share, decimals)


def interval(ins: Inspection, name: str, decimals: int = 2, scale: float = 1.0) -> str:
    iv = compute.intervals(ins)[name]
    return span(number(scale * iv.low, decimals), number(scale * iv.high, decimals))


def unavailable(period, paths) -> str:
    """Why a period's report leaves the chapter out (the introduction's note)."""
    return (
        f"tot en met het {period.label_nl} heeft geen inspectie de Werkpleinen zelf "
        "beoordeeld, of dit rapport heeft haar oordelen niet"
    )


def data_note(ins: Inspection) -> str:
    """Which inspection the chapter uses, and a warning when its data are synthetic."""
    if not ins.available:
        return (
            f"Tot en met het {ins.period.label_nl} heeft dit rapport geen oordelen van een "
            "inspectie; dit hoofdstuk heeft daarom geen uitkomsten.\n"
        )
    text = ""
    if ins.later:
        text = (
            f"De laatste inspectie tot en met het {ins.period.label_nl} is die van het "
            f"{ins.inspected.label_nl}. Dit hoofdstuk vergelijkt haar oordelen met de "
            f"zelfbeoordeling van hetzelfde tertaal; een latere zelfbeoordeling is niet met een "
            "oordeel van de inspectie te vergelijken. @sec-iv-sindsdien volgt de "
            "zelfbeoordeling van de beoordeelde Werkpleinen tot en met het "
            f"{ins.period.label_nl}.\n\n"
        )
    if ins.complete.empty:
        return (
            f"Het inspectiebestand van het {ins.inspected.label_nl} bevat geen oordelen: bij geen "
            "enkel paar van Werkplein en mijlpaal zijn zowel het eigen antwoord als het oordeel "
            "van de inspectie ingevuld. Dit hoofdstuk heeft daarom geen uitkomsten.\n"
        )
    if not ins.synthetic:
        return text
    which = (
        "De inspectieoordelen en de Landkaart-antwoorden waarmee ze worden vergeleken zijn"
        if ins.judgements_synthetic and ins.landkaart_metadata.get("synthetic")
        else "De inspectieoordelen zijn"
        if ins.judgements_synthetic
        else "De Landkaart-antwoorden waarmee de oordelen worden vergeleken zijn"
    )
    return text + (
        '::: {.callout-warning title="Synthetische gegevens"}\n'
        f"{which} **synthetisch**. De oordelen van de IWI per locatie zijn niet openbaar; het "
        "IWI-rapport beschrijft de verschillen alleen in woorden. Elk getal, elke tabel en "
        "elke figuur in dit hoofdstuk is daarom een rekenvoorbeeld van de methode, geen "
        "uitkomst over echte Werkpleinen. De codes WP-001 … horen niet bij bestaande "
        "Werkpleinen.\n:::\n"
    )


def sample_note(ins: Inspection) -> str:
    """The sample: how many locations and pairs, and how it relates to the IWI's design."""
    if not ins.available:
        return ""
    pairs, complete = len(ins.pairs), len(ins.complete)
    n = len(ins.locations)
    text = (
        f"De inspectie heeft {number(n)} Werkpleinen beoordeeld, elk op de "
        f"{number(len(ins.codebook.milestone_codes))} mijlpalen: {number(pairs)} paren van "
        "zelfbeoordeling (het eigen antwoord in de Landkaart van het "
        f"{ins.inspected.label_nl}) en oordeel van de inspectie."
    )
    if complete < pairs:
        text += (
            f" Bij {number(pairs - complete)} paren ontbreekt het eigen antwoord of het oordeel; "
            f"die blijven buiten alle maten, zodat er {number(complete)} tellen."
        )
    judged = ins.pairs.groupby("location")["judged"].count()
    unjudged = int((judged == 0).sum())
    if unjudged:
        text += (
            f" {number(unjudged)} van de {number(n)} Werkpleinen "
            f"{'heeft' if unjudged == 1 else 'hebben'} op geen enkele mijlpaal een oordeel van "
            "de inspectie; die tellen nergens mee."
        )
    basis = " (synthetisch)" if ins.landkaart_metadata.get("synthetic") else ""
    text += (
        f" De Landkaart van dat tertaal telt {number(ins.landkaart_locations)} Werkpleinen{basis}."
    )
    if ins.inspected == MEASURED:
        d = compute.design(ins)
        gap = d["werkpleinen"] - d["population"]
        text += (
            f" De IWI trok haar steekproef van {number(d['inspected'])} uit "
            f"{number(d['population'])} locaties (vestigingen van CWI en UWV); het AKO telt in "
            f"zijn rapportage over 2009 {number(d['werkpleinen'])} Werkpleinen."
            + (f" Dat verschil van {number(abs(gap))} is met openbare gegevens niet te "
               "verklaren." if gap else "")
            + " De IWI hield haar gesprekken in juli tot en met september 2008, over de "
            f"gegevens van de eerste AKO-meting ({MONTHS_NL[d['start_month'] - 1]} tot "
            f"{MONTHS_NL[d['end_month'] - 1]} {MEASURED.year}). Dit hoofdstuk vergelijkt met het "
            f"tertaal dat daar het dichtst bij ligt, het {MEASURED.label_nl} "
            f"({MONTHS_NL[MEASURED.start_date.month - 1]} tot en met "
            f"{MONTHS_NL[MEASURED.end_date.month - 1]})."
        )  # fmt: skip
    remarks = int(ins.pairs["remark"].sum())
    if remarks:
        text += (
            f" Bij {number(remarks)} paren staat een opmerking van de inspecteur; die worden "
            "alleen per mijlpaal geteld en nooit bij een Werkplein getoond."
        )
    return text + "\n"


def design_note(ins: Inspection) -> str:
    """How the synthetic judgements were made (only for the project's own generator)."""
    sidecar = ins.judgements.sidecar if ins.judgements else None
    if not (sidecar and sidecar.get("generator") == "analysis.synthetic.inspectie"):
        return ""
    return (
        "**Hoe de synthetische oordelen zijn gemaakt.** Met een vaste startwaarde zijn vijftien "
        f"Werkpleinen getrokken uit de synthetische Landkaart van het {ins.inspected.label_nl}, "
        "drie uit elk "
        "vijfde deel van de totaalscores (de IWI noemt haar steekproef representatief naar "
        "voortgang). Het oordeel is het eigen antwoord, veranderd volgens de bevindingen in "
        "hoofdstuk 3 van het IWI-rapport:\n\n"
        "- mijlpaal 1 'volledig' terwijl niet alle gemeenten deelnemen: 'gedeeltelijk' bij "
        "twee van de drie zulke Werkpleinen;\n"
        "- een portefeuilleverdeling in het MT opgegeven waar die er niet is (mijlpaal 8): "
        "'niet' bij één Werkplein, één categorie lager bij de helft van de andere;\n"
        "- integrale teams 'gedeeltelijk' terwijl er alleen een klein pilotteam is (mijlpaal "
        "12): één categorie lager;\n"
        "- dienstverleningsconcepten (mijlpalen 6 en 7) als (deels) gerealiseerd opgegeven "
        "terwijl ze nog in ontwikkeling zijn: 'in ontwikkeling' bij de helft;\n"
        "- 'strategisch rapporteren': twee Werkpleinen schatten zich op twee of drie mijlpalen "
        "één categorie te laag in;\n"
        "- verschillende uitleg van de mijlpalen zelf: elke andere cel met kans 6 % één "
        "categorie hoger of lager, en elke mijlpaal heeft minstens één verschil ('over alle "
        "mijlpalen zijn interpretatieverschillen gesignaleerd').\n\n"
        "Bij het maken is gecontroleerd dat het totaalbeeld 'in hoofdlijnen' overeenkomt (de band "
        "van de totaalscore gelijk bij minstens twee derde van de Werkpleinen, nergens meer "
        "dan één band verschil). Wat hieronder 'gevonden' wordt, is dus zo ontworpen.\n"
    )


def agreement_sentence(ins: Inspection) -> str:
    """The main figures in words, with their intervals and the sign-flip test."""
    if not ins.available or ins.complete.empty:
        return ""
    iv = compute.intervals(ins)
    kappa = iv["kappa_linear"].estimate
    flip = compute.sign_test(ins)
    test = (
        f"exacte toets met tekenwisseling (alle {number(flip.vectors)} combinaties van plus- "
        "en mintekens voor de gemiddelde verschillen per Werkplein)"
        if flip.exact
        else f"toets met tekenwisseling ({number(flip.vectors)} getrokken combinaties van "
        "plus- en mintekens voor de gemiddelde verschillen per Werkplein)"
    )
    p_text = "kleiner dan 0,001" if flip.p_value < 0.001 else number(flip.p_value, 3)
    return (
        f"Bij {pct(iv['exact'].estimate)} van de paren geven Werkplein en inspectie dezelfde "
        f"categorie (95 %-interval {interval(ins, 'exact', 0, 100)} %), bij "
        f"{pct(iv['within_one'].estimate)} hooguit één categorie verschil. De zelfbeoordeling "
        f"is bij {pct(iv['over'].estimate)} van de paren hoger dan het oordeel van de "
        f"inspectie en bij {pct(iv['under'].estimate)} lager. Gemiddeld ligt de "
        f"zelfbeoordeling {number(iv['mean_diff'].estimate, 1)} procentpunt per mijlpaal hoger "
        f"(95 %-interval {interval(ins, 'mean_diff', 1)}; regel *{ins.rule.description_nl}*). "
        f"Een {test} geeft p = {p_text}. De gewogen "
        f"kappa (lineair) is {number(kappa, 2)} (95 %-interval {interval(ins, 'kappa_linear')}): "
        f"volgens de gangbare indeling van Landis en Koch is de overeenstemming "
        f"{kappa_word(kappa)}. De kwadratische kappa en de alfa van "
        "Krippendorff, die grote verschillen zwaarder laten wegen, liggen hoger: de meeste "
        "verschillen zijn één categorie.\n"
    )


def milestone_sentence(ins: Inspection) -> str:
    """Which milestones are over-claimed most (counts, not kappas)."""
    if not ins.available or ins.complete.empty:
        return ""
    frame = compute.milestone_frame(ins)
    frame = frame[frame["n"] > 0]
    top = frame.sort_values(["over", "mean_diff"], ascending=False, kind="stable").head(4)
    top = top[top["over"] > 0]
    names = ins.codebook.milestones.set_index("code")["short_name_nl"]
    listed = and_nl([f"{int(m[1:])} ({names[m]}, {number(o)}×)"
                     for m, o in zip(top["milestone"], top["over"], strict=True)])  # fmt: skip
    under = frame[frame["under"] > 0]
    return (
        f"Het vaakst schatten de Werkpleinen zich hoger in dan de inspectie bij de mijlpalen "
        f"{listed}. Bij {number(len(under))} van de {number(len(frame))} mijlpalen schat "
        "minstens één Werkplein zich juist lager in. Met hooguit "
        f"{number(int(frame['n'].max()))} paren per mijlpaal zijn dit tellingen, geen "
        "schattingen: een kappa per mijlpaal zou met zo weinig paren vooral toeval meten.\n"
    )


def location_sentence(ins: Inspection) -> str:
    """The total picture per location: bands equal, largest difference."""
    if not ins.available or ins.complete.empty:
        return ""
    loc = compute.location_frame(ins).dropna(subset=["own_pct"])
    equal = int((loc["own_band"] == loc["judged_band"]).sum())
    diff = loc["own_pct"] - loc["judged_pct"]
    return (
        f"Op het niveau van de totaalscore valt de zelfbeoordeling bij {number(equal)} van de "
        f"{number(len(loc))} Werkpleinen in dezelfde band van de Landkaart als het oordeel van "
        f"de inspectie. Het verschil in totaalscore loopt van {signed(diff.min())} tot "
        f"{signed(diff.max())} procentpunt; bij {number(int((diff > 0).sum()))} Werkpleinen is "
        "de eigen score hoger.\n"
    )


def sensitivity_sentence(ins: Inspection) -> str:
    """Whether the three conclusions hold in every variant."""
    table = compute.variants(ins)
    if table.empty:
        return ""
    holds = table[["holds_overclaim", "holds_both_directions", "holds_main_lines"]]
    noise = table[table["variant"] == "noise"].iloc[0]
    fixed = table[table["variant"] != "noise"]
    all_fixed = bool((fixed[holds.columns] == 1).all().all())
    text = (
        "De drie conclusies (vaker te hoog dan te laag, verschillen in beide richtingen, "
        "totaalbeeld in hoofdlijnen gelijk) "
        + ("blijven staan" if all_fixed else "blijven niet alle staan")
        + f" onder de andere rekenregel en met bandgrenzen {number(compute.BAND_SHIFT)} "
        "procentpunt lager of hoger. "
    )
    text += (
        f"Met ruis op de zelfbeoordelingen (elk antwoord met kans "
        f"{pct(noise['noise_share'])} één categorie op of neer, {number(noise['replicates'])} "
        f"herhalingen) daalt de lineaire kappa naar een mediaan van "
        f"{number(noise['kappa_linear'], 2)}; de conclusies houden stand in "
        f"{pct(noise['holds_overclaim'])}, {pct(noise['holds_both_directions'])} en "
        f"{pct(noise['holds_main_lines'])} van de herhalingen.\n"
    )
    return text


def meaning(ins: Inspection) -> str:
    """What the results mean for how far the Landkaart chapters can be trusted."""
    if not ins.available or ins.complete.empty:
        return ""
    mean = compute.intervals(ins)["mean_diff"]
    basis = (
        "Omdat de oordelen hier synthetisch zijn, toont deze paragraaf hoe de uitkomst te "
        "lezen is, niet wat zij over de echte Landkaart zegt. "
        if ins.synthetic
        else ""
    )
    return (
        f"{basis}Een gemiddelde overschatting van {number(mean.estimate, 1)} procentpunt per "
        f"mijlpaal (95 %-interval {interval(ins, 'mean_diff', 1)}) betekent dat de gemiddelde "
        "Landkaart-scores in de hoofdstukken over de Landkaart en de ontwikkeling in de tijd "
        "vermoedelijk iets te rooskleurig zijn, in dezelfde orde van grootte. Voor het "
        "totaalbeeld en voor de ontwikkeling in de tijd weegt dat minder zwaar, zolang de "
        "Werkpleinen zich elk tertaal op dezelfde manier inschatten. Voor uitspraken over "
        "afzonderlijke mijlpalen en Werkpleinen is de Landkaart minder betrouwbaar: daar zijn "
        "de verschillen geconcentreerd, bij de mijlpalen die de IWI ook noemt. Een nieuwe "
        "inspectie met oordelen per Werkplein en mijlpaal maakt dezelfde vergelijking voor een "
        "later tertaal mogelijk.\n"
    )


def bars_alt(ins: Inspection) -> str:
    """Alt text of the diverging bar chart per milestone."""
    if ins.complete.empty:
        return "Lege figuur: er zijn geen oordelen om te vergelijken."
    frame = compute.milestone_frame(ins)
    top = frame.sort_values("over", ascending=False, kind="stable").iloc[0]
    return (
        "Liggende staven per mijlpaal: naar rechts het aandeel Werkpleinen dat zich hoger "
        "inschat dan de inspectie, naar links het aandeel dat zich lager inschat. Het grootste "
        f"aandeel hoger heeft mijlpaal {int(top['milestone'][1:])} met "
        f"{pct(top['over_share'])}."
    )


def heatmap_alt(ins: Inspection) -> str:
    """Alt text of the location x milestone grid of differences."""
    differ = int((ins.complete["own"] != ins.complete["judged"]).sum())
    return (
        f"Raster van {number(len(ins.locations))} Werkpleinen (rijen, alleen codes) bij "
        f"{number(len(ins.codebook.milestone_codes))} mijlpalen (kolommen). Rode cellen: het "
        "Werkplein schat zich hoger in dan de inspectie, blauwe: lager, wit: gelijk. "
        f"{number(differ)} van de {number(len(ins.complete))} cellen wijken af."
    )


def summary(facts: dict) -> str:
    """Two to five Markdown bullets for the report's Samenvatting, from the chapter's facts
    (`compute.facts`)."""
    if not facts["judged"]:
        return (
            f"- Tot en met het {facts['period_nl']} heeft dit rapport geen oordelen van een "
            "inspectie; de Landkaart-scores zijn niet met een oordeel van buiten vergeleken.\n"
        )
    mark = (" (synthetische gegevens: een rekenvoorbeeld, geen bevinding)"
            if facts["synthetic"] else "")  # fmt: skip
    kappa = facts["kappa"]
    text = (
        f"- Zelfbeoordeling tegen inspectieoordeel ({facts['inspected_nl']}), "
        f"{number(facts['locations'])} Werkpleinen{mark}: {pct(facts['exact'])} van de "
        f"mijlpalen gelijk, gewogen kappa {number(kappa['estimate'], 2)} (95 %-interval "
        f"{span(number(kappa['low'], 2), number(kappa['high'], 2))}).\n"
        f"- De Werkpleinen schatten zich vaker hoger ({pct(facts['over'])}) dan lager "
        f"({pct(facts['under'])}) in dan de inspectie, gemiddeld "
        f"{number(facts['mean_diff'], 1)} procentpunt per mijlpaal; bij "
        f"{number(facts['same_band'])} van de {number(facts['scored'])} valt de totaalscore in "
        "dezelfde band.\n"
    )
    lower = facts["since"].get("lower")
    if facts["later"] and lower:
        text += (
            f"- Sinds de inspectie veranderde de eigen totaalscore van de "
            f"{number(lower['locations'])} Werkpleinen die de inspectie lager beoordeelde met "
            f"gemiddeld {signed(lower['change_pp'], 1)} procentpunt"
            + (f", die van de andere Werkpleinen met "
               f"{signed(facts['since']['other']['change_pp'], 1)}"
               if "other" in facts["since"] else "")
            + (" (synthetisch)" if facts["synthetic"] else "") + ".\n"
        )  # fmt: skip
    return text
