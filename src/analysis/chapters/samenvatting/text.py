"""Samenvatting in Dutch: the answer to the research question, what counts as evidence, the
main findings, the IWI's verdict quoted, the conclusion, and each chapter's key findings.

The contradictions table and the points for *wederhoor* are in `text_sources`.
"""

from __future__ import annotations

from analysis.chapters import chapter_module
from analysis.chapters.samenvatting.compute import Samenvatting, source_name
from analysis.core.formatting import and_nl, number
from analysis.core.markdown import literal
from analysis.study import verdicts

IWI_SOURCE = "000_4e30f66cbfa6852b.txt"
# The IWI's verdict on the Landkaart, verbatim (tests check them against the source text).
IWI_QUOTES = {
    "picture": ("§5 Oordeel", "Het beeld van IWI over de voortgang van de bezochte locaties "
                "komt op hoofdlijnen overeen met het beeld op de Landkaart."),
    "indication": ("§5 Oordeel", "Het beeld dat daaruit voortkomt, geeft een indicatie van de "
                   "totale voortgang van de invoering van integrale dienstverlening."),
    "comparable": ("§3 Kwaliteit van de informatie", "Als de Landkaart wordt gebruikt als "
                   "benchmark voor het onderling leren, is het van belang dat de informatie in "
                   "voldoende mate vergelijkbaar is. De wijze waarop de informatie nu wordt "
                   "gecontroleerd, voldoet daar niet aan."),
    "goals": ("§5 Oordeel", "Daarmee constateert IWI dat de huidige Landkaart niet alle "
              "gestelde doelen optimaal kan dienen."),
    "milestones": ("§5 Oordeel", "De invulling van de Landkaart gebeurt verschillend omdat zich "
                   "op het niveau van de mijlpalen interpretatieverschillen voordoen."),
}  # fmt: skip


def status_note(s: Samenvatting) -> str:
    """A short note when the report rests on synthetic data (else nothing)."""
    if not s.synthetic_inputs:
        return ""
    return (
        "*Deze versie is een demonstratie: de gegevens per Werkplein, respondent en klant zijn "
        "niet openbaar, en wat op nagemaakte gegevens rust, zegt niets over echte Werkpleinen.*\n"
    )


def _arithmetic(found: dict[str, int]) -> str:
    """How far the arithmetic holds: 'in orde', 'grotendeels in orde', 'niet overal in orde'."""
    if not found[verdicts.DEVIATING]:
        return "in orde"
    if found[verdicts.REPRODUCED] >= 10 * found[verdicts.DEVIATING]:
        return "grotendeels in orde"
    return "niet overal in orde"


def answer(s: Samenvatting) -> str:
    """The short answer to the research question, from the audit and the contradictions."""
    found = s.counts
    n = sum(found.values())
    checked = found[verdicts.REPRODUCED] + found[verdicts.DEVIATING]
    ako = s.contradictions[s.contradictions["source_a"].str.startswith("AKO")
                           | s.contradictions["source_b"].str.startswith("AKO")]  # fmt: skip
    if not n:
        return "Dit rapport rekent geen gepubliceerde getallen na.\n"
    lead = "Gedeeltelijk." if found[verdicts.REPRODUCED] else "Nee."
    text = (
        f"**{lead}** Van de {number(checked)} gepubliceerde getallen die dit rapport "
        f"onafhankelijk kan nagaan, {'klopt' if found[verdicts.REPRODUCED] == 1 else 'kloppen'} "
        f"er {number(found[verdicts.REPRODUCED])}"
        + (f" en {'wijkt' if found[verdicts.DEVIATING] == 1 else 'wijken'} er "
           f"{number(found[verdicts.DEVIATING])} af" if found[verdicts.DEVIATING] else "")
        + f". Het rekenwerk in de tabellen is dus {_arithmetic(found)}. Of de cijfers de "
        "werkelijke voortgang op de Werkpleinen weergeven, is met openbare gegevens niet vast "
        "te stellen: ze rusten op zelfbeoordelingen, en de gegevens per Werkplein, respondent "
        "en klant zijn "
        f"niet openbaar; {number(found[verdicts.BY_CONSTRUCTION])} van de {number(n)} getallen "
        "zijn daarom alleen met nagemaakte gegevens na te bootsen."
    )  # fmt: skip
    if len(ako):
        first = ako.iloc[0]
        text += (
            f" Daarnaast spreken de teksten van het AKO de eigen tabellen of de IWI op "
            f"{number(len(ako))} punten tegen; het zwaarst weegt "
            f"‘{literal(first['topic'].lower())}’ ({first['source_b']})."
        )
    text += (
        " De cijfers zijn daarmee bruikbaar als indicatie van de voortgang, zoals de IWI in "
        "2008 al vaststelde, niet als exacte maat.\n"
    )
    return text


def evidence(s: Samenvatting) -> str:
    """What counts as evidence, what the reproduced values rest on and what they prove."""
    found = s.counts
    reproduced = found[verdicts.REPRODUCED]
    text = (
        "Alleen een *gereproduceerd* getal telt als bewijs: het volgt uit andere gepubliceerde "
        "cijfers of uit echte gegevens, zonder dat een lezing is gekozen om het te laten "
        f"kloppen. Dat geldt voor {number(reproduced)} getallen."
    )
    if reproduced:
        top = s.evidence.iloc[0]
        rule = str(top["rule"]).split(";")[0]
        text += (
            f" Daarvan volgen er {number(int(top['n']))} uit één eenvoudige regel: {rule}. De "
            f"andere {number(reproduced - int(top['n']))} volgen op dezelfde manier uit andere "
            "gedrukte cijfers (verschillen, sommen, verhoudingen, tellingen). Ze tonen dat de "
            "tabellen rekenkundig met elkaar kloppen, niet dat de zelfbeoordelingen waarop ze "
            "rusten juist zijn."
        )
        if not s.real_microdata:
            text += (
                " Geen ervan rust op echte gegevens per Werkplein, respondent of klant: die zijn "
                "in deze versie alle synthetisch."
            )
    others = [
        f"{number(found[v])} {phrase}"
        for v, phrase in (
            (verdicts.BY_CONSTRUCTION, "kloppen per constructie (de synthetische gegevens zijn "
             "zo gemaakt)"),
            (verdicts.AFTER_CHOICE, "pas na de keuze van een lezing of rekenregel"),
            (verdicts.BY_DEFINITION, "per definitie"),
            (verdicts.UNCHECKABLE, "zijn niet te controleren"),
        )
        if found[v]
    ]  # fmt: skip
    if others:
        text += f" Geen bewijs zijn de overige getallen: {and_nl(others)}."
    return text + " [Bijlage A](#sec-verantwoording) geeft de zes oordelen met hun regels.\n"


def main_findings(s: Samenvatting) -> str:
    """The main findings as a numbered list: the most consequential contradiction, the
    reading most values depend on, and the deviations."""
    items = []
    if len(s.contradictions):
        first = s.contradictions.iloc[0]
        items.append(f"**{literal(first['topic'])}** ({first['source_a']} tegenover "
                     f"{first['source_b']}). {literal(first['consequence'])}")  # fmt: skip
    choices = s.choices[s.choices["addressee"] == "AKO"].sort_values("values", ascending=False)
    if len(choices):
        c = choices.iloc[0]
        items.append(
            f"**{number(int(c['values']))} getallen van het AKO kloppen alleen na een keuze.** "
            f"Ze kloppen met {literal(c['chosen'])}, gekozen uit {number(int(c['candidates']))} "
            f"{c['of']} omdat die de gepubliceerde getallen geeft. Dat ze dan kloppen, bevestigt "
            "de keuze niet."
        )
    deviating = s.audit[s.audit["verdict"] == verdicts.DEVIATING]
    if len(deviating):
        keyed = dict(zip(s.contradictions["published_key"], s.contradictions["id"],
                         strict=True))  # fmt: skip
        listed = sorted(keyed[k] for k in deviating["published_key"] if k in keyed)
        rest = deviating[~deviating["published_key"].isin(keyed)]
        what = "getal wijkt" if len(deviating) == 1 else "getallen wijken"
        text = f"**{number(len(deviating))} {what} af.**"
        if listed:
            text += f" Als tegenstrijdigheid in de tabel: {', '.join(listed)}."
        for r in rest.itertuples():
            text += f" {source_name(r.published_key)}, {literal(r.item)}: {literal(r.reason)}."
        items.append(text)
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1)) + "\n"


def iwi_verdict() -> str:
    """The IWI's verdict of 2008, quoted, with the right dates."""
    q = {key: quote for key, (_, quote) in IWI_QUOTES.items()}
    return (
        "De Landkaart is een zelfbeoordeling, die de IWI in 2008 onderzocht. Zij sprak in juli "
        "tot en met september "
        "2008 op vijftien locaties over de gegevens van de eerste AKO-meting (januari tot mei "
        f"2008). Zij stelde vast: ‘{q['picture']}’ en ‘{q['indication']}’ Tegelijk: "
        f"‘{q['milestones']}’ Over de controle van de gegevens: ‘{q['comparable']}’ Haar "
        f"slotsom: ‘{q['goals']}’ (IWI 2008, §3 en §5)\n"
    )


def conclusion(s: Samenvatting) -> str:
    """What follows for the reader and for the AKO."""
    found = s.counts
    data = (
        ", en om de gegevens per Werkplein waarmee de overige getallen wel zijn na te rekenen"
        if found[verdicts.BY_CONSTRUCTION] or found[verdicts.UNCHECKABLE]
        else ""
    )
    return (
        "Het AKO kan zijn rekenwerk verantwoorden, zijn teksten en conclusies niet overal. De "
        "[punten voor wederhoor](#sec-wederhoor) vragen het AKO om opheldering over de "
        f"tegenstrijdigheden en de lezingen die dit rapport moest kiezen{data}. Een oordeel "
        "over de werkelijke voortgang vraagt een onafhankelijke toets van de zelfbeoordeling.\n"
    )


def chapter_findings(s: Samenvatting) -> str:
    """Per chapter its title and the bullets of its own `text.summary` over its facts."""
    parts = []
    for chapter in s.chapters:
        summary = getattr(chapter_module(chapter.name, "text"), "summary", None)
        if summary is None or not chapter.facts:
            continue
        parts.append(f"**{chapter.title}**\n\n{summary(chapter.facts)}")
    return "\n".join(parts)
