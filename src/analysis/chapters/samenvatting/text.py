"""Samenvatting en conclusies in Dutch: the chapters' key findings and the audit by class."""

from __future__ import annotations

from analysis.chapters import chapter_module, chapter_title
from analysis.chapters.samenvatting.compute import Samenvatting
from analysis.core import verdicts
from analysis.core.formatting import number


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
    """Per chapter its title and the bullets of its own `text.summary`."""
    parts = []
    for name in s.chapters:
        text = chapter_module(name, "text")
        summary = getattr(text, "summary", None)
        if summary is None:
            continue
        parts.append(
            f"**{chapter_title(name, s.paths)}**\n\n{summary(s.period, s.scoring_rule, s.paths)}"
        )
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
