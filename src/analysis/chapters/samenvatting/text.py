"""Samenvatting en conclusies in Dutch: the chapters' key findings and the audit by class."""

from __future__ import annotations

from analysis.chapters import chapter_module
from analysis.chapters.samenvatting.compute import Samenvatting
from analysis.core.formatting import number
from analysis.study import verdicts


def reproduction(s: Samenvatting) -> str:
    """What reproduces, by class, over the whole report."""
    found = s.counts
    n = sum(found.values())
    text = verdicts.sentence(s.audit, "door dit rapport nagerekende gepubliceerde getallen") + " "
    text += (
        f"Alleen de {number(found[verdicts.REPRODUCED])} gereproduceerde getallen zijn bewijs "
        "dat de bron klopt: ze volgen uit andere gepubliceerde cijfers of uit echte gegevens. "
    )
    if found[verdicts.BY_CONSTRUCTION]:
        text += (
            f"De {number(found[verdicts.BY_CONSTRUCTION])} getallen *per constructie* kloppen "
            "omdat de synthetische gegevens zo zijn gemaakt; ze tonen dat de berekening werkt, "
            "niet dat de bron juist is. "
        )
    if found[verdicts.DEVIATING]:
        rows = s.audit[s.audit["verdict"] == verdicts.DEVIATING]
        items = "; ".join(f"{r.item} ({r.reason})" for r in rows.itertuples())
        text += f"Afwijkend: {items}. "
    if not n:
        text = "Dit rapport rekent geen gepubliceerde getallen na. "
    return text.strip() + " Bijlage A geeft elk getal met zijn oordeel.\n"


def chapter_findings(s: Samenvatting) -> str:
    """Per chapter its title and the bullets of its own `text.summary` over its facts."""
    parts = []
    for chapter in s.chapters:
        if "bullets" in chapter.facts:
            parts.append(f"**{chapter.title}**\n\n{chapter.facts['bullets']}")
            continue
        summary = getattr(chapter_module(chapter.name, "text"), "summary", None)
        if summary is None or not chapter.facts:
            continue
        parts.append(f"**{chapter.title}**\n\n{summary(chapter.facts)}")
    return "\n".join(parts)


def caveats(s: Samenvatting) -> str:
    """The reliability of self-assessment and, when used, what synthetic data mean."""
    text = (
        "De Landkaart is een zelfbeoordeling. De IWI vond het beeld van vijftien bezochte "
        "locaties 'op hoofdlijnen' juist, maar zag bij alle mijlpalen interpretatieverschillen "
        "(IWI 2008, hoofdstuk 3). Ook een exact herberekend Landkaart-cijfer is daarom niet "
        "betrouwbaarder dan de zelfbeoordeling waarop het rust."
    )
    if s.synthetic_inputs:
        text += (
            f" In deze versie {'is' if len(s.synthetic_inputs) == 1 else 'zijn'} "
            f"{number(len(s.synthetic_inputs))} invoerbestanden synthetisch (zie de colofon). "
            "Uitspraken over afzonderlijke Werkpleinen doet dit rapport daarom niet; figuren en "
            "tabellen die op synthetische gegevens rusten, zeggen dat in hun bijschrift."
        )
    return text + "\n"


def status_callout(s: Samenvatting) -> str:
    """What kind of report this is: a demonstration on synthetic data, or on real inputs."""
    if not s.synthetic_inputs:
        return (
            '::: {.callout-note title="Status"}\n'
            "Alle invoer van dit rapport is echt; er zijn geen synthetische gegevens gebruikt.\n"
            ":::\n"
        )
    return (
        '::: {.callout-warning title="Demonstratie met synthetische gegevens"}\n'
        "De antwoorden per Werkplein op de Landkaart zijn niet openbaar. Waar dit rapport ze "
        "nodig heeft, gebruikt het synthetische gegevens: met een vaste startwaarde gegenereerd, "
        "zo dat ze de gepubliceerde totalen opleveren, onder neutrale codes (WP-001 …) die niet "
        "bij bestaande Werkpleinen horen. Wat daardoor klopt, heet *per constructie* en is geen "
        "bewijs; over afzonderlijke Werkpleinen zegt dit rapport niets.\n:::\n"
    )


def conclusions(s: Samenvatting) -> str:
    """The conclusions, from the audit counts."""
    found = s.counts
    lines = []
    if found[verdicts.REPRODUCED]:
        deviating = found[verdicts.DEVIATING]
        reproduced = number(found[verdicts.REPRODUCED])
        lines.append(
            f"De gepubliceerde cijfers zijn onderling consistent: {reproduced}"
            " getallen volgen exact uit andere gepubliceerde cijfers"
            + (
                f"; {number(deviating)} {'wijkt' if deviating == 1 else 'wijken'} af, met de "
                "reden in Bijlage A."
                if deviating
                else "."
            )
        )
    lines.append(
        "De Landkaart-percentages van het AKO volgen niet de gedocumenteerde puntentelling "
        "(⅓-punten), maar scorebanden van 0, 33, 66 en 100 % met afgekapte percentages. Wie "
        "de cijfers vergelijkt met de documentatie, moet dat weten."
    )
    if found[verdicts.BY_CONSTRUCTION]:
        lines.append(
            "Of de cijfers per Werkplein kloppen, is met openbare gegevens niet vast te stellen: "
            f"{number(found[verdicts.BY_CONSTRUCTION])} getallen zijn hier alleen per constructie "
            "gelijk. Met de echte exports van de Werkpleinen levert dezelfde pipeline die toets "
            "wel; de markeringen 'synthetisch' verdwijnen dan vanzelf."
        )
    lines.append(
        "Ook exact gereproduceerde Landkaart-cijfers blijven een zelfbeoordeling; een oordeel "
        "over de werkelijke voortgang vraagt een onafhankelijke toets zoals die van de IWI."
    )
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1)) + "\n"
