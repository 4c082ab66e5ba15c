"""The report's front (issue 20): the summary's answer and evidence formatted from the audit,
the IWI quoted as it wrote, the sources' contradictions and the points for wederhoor, the
report's date, and Landkaart colours that stay apart in greyscale. In memory, on the
session's chapter outputs."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.chapters.samenvatting import compute, text, text_sources
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.provenance import report_date, title_lines
from analysis.pipeline.run import Request, graph_of
from analysis.study import sources, verdicts
from analysis.study.codebook import load_codebook


@pytest.fixture(scope="module")
def summary(ingested_root, gathered_2009) -> compute.Samenvatting:
    s = compute.load("2009-T3", root=ingested_root)
    s.__dict__["chapters"] = gathered_2009
    return s


def test_the_iwi_is_quoted_as_it_wrote():
    """Every quote of the IWI's verdict occurs in seed 000 (where the sources are at hand)."""
    seed = sources.seed_text(text.IWI_SOURCE)
    if seed is None:
        pytest.skip("the source documents are not at hand")
    for section, quote in text.IWI_QUOTES.values():
        assert sources.occurs(quote, seed), (section, quote)
    shown = text.iwi_verdict()
    assert all(quote in shown for _, quote in text.IWI_QUOTES.values())
    assert "juli tot en met september 2008" in shown and "(januari tot mei 2008)" in shown
    assert "bruikbaar" not in shown


def test_the_answer_counts_only_reproduced_values_as_evidence(summary):
    found = summary.counts
    answer, evidence = text.answer(summary), text.evidence(summary)
    assert answer.startswith("**Gedeeltelijk.**")
    checked = found[verdicts.REPRODUCED] + found[verdicts.DEVIATING]
    assert f"Van de {checked} gepubliceerde getallen die dit rapport onafhankelijk kan nagaan, " \
        f"kloppen er {found[verdicts.REPRODUCED]}" in answer  # fmt: skip
    assert f"Dat geldt voor {found[verdicts.REPRODUCED]} getallen" in evidence
    assert "Daarvan volgen er 85 uit één eenvoudige regel: aantal gedeeld door het aantal " \
        "Werkpleinen" in evidence  # fmt: skip
    assert "niet dat de zelfbeoordelingen waarop ze rusten juist zijn" in evidence
    assert "Geen ervan rust op echte gegevens" in evidence  # every microdata input synthetic
    assert summary.real_microdata == []


def test_the_summary_changes_with_the_audit(summary):
    """The sentences are formatted from the counts: other counts, other sentences."""
    changed = compute.Samenvatting(summary.period, summary.scoring_rule, summary.paths)
    changed.__dict__.update(chapters=summary.chapters, provenance=summary.provenance)
    audit = summary.audit
    changed.__dict__["audit"] = audit[audit["verdict"] != verdicts.DEVIATING]
    assert "wijken er" not in text.answer(changed) and "in orde" in text.answer(changed)
    reproduced = audit[audit["verdict"] == verdicts.REPRODUCED]
    changed.__dict__["audit"] = audit.drop(reproduced.index[:10])
    assert f"Dat geldt voor {len(reproduced) - 10} getallen" in text.evidence(changed)


def test_the_main_findings_lead_with_the_4_1_milestone_naming(summary):
    findings = text.main_findings(summary)
    first = findings.splitlines()[0]
    assert first.startswith("1. **Welke mijlpalen de conclusie weglaat** (AKO 2009, §3.4.1 "
                            "tegenover AKO 2009, §4.1)")  # fmt: skip
    assert "K02, K04, K07" in findings  # deviations that are contradictions: by number


def test_the_contradictions_table_and_the_points_for_wederhoor(summary):
    table = text_sources.contradictions_display(summary)
    assert list(table["Nr."][:2]) == ["K01", "K02"]
    first = table.iloc[0]
    assert "AKO 2009, §4.1: ‘55 Werkpleinen hebben" in first["Onderwerp en uitspraken"]
    assert "mijlpaal 13 weg" in first["Gevolg"] and first["Oordeel"] == "niet te controleren"
    ids = set(summary.contradictions["id"])
    assert ids == set(text_sources.QUESTIONS) | text_sources.NOT_ASKED  # none skipped silently
    points = text_sources.wederhoor(summary)
    ako, haarlem = points.split("Aan de ketenpartners in de regio Haarlem:")
    assert "(K01)" in ako and "(K13)" not in ako and "(K13)" in haarlem
    assert "min de som van de veranderingen van NWW, WW, AG en WWB" in ako  # a chosen reading
    assert "koos: rekenregel '0, 33, 66" not in ako  # K05 asks it already
    constructed = verdicts.counts(summary.of("AKO"))[verdicts.BY_CONSTRUCTION]
    assert f"{constructed} gepubliceerde getallen kloppen in dit rapport alleen" in ako


def test_the_report_date_comes_from_the_configuration(tmp_path):
    config = tmp_path / "_quarto.yml"
    config.write_text("book:\n  title: x\n  date: 2010-03-15\n", encoding="utf-8")
    assert report_date(config) == dt.date(2010, 3, 15)
    config.write_text('book:\n  title: x\n  date: "15-03-2010"\n', encoding="utf-8")
    with pytest.raises(InputError, match="book.date must be a date as YYYY-MM-DD"):
        report_date(config)
    config.write_text("book:\n  title: x\n", encoding="utf-8")
    assert report_date(config) is None
    record = {"code": {"commit": None, "dirty": None}, "synthetic_inputs": [], "date": None}
    assert title_lines(record, "31 december 2009")["date"] == "nog niet vastgesteld (concept)"
    record["date"] = "2010-03-15"
    assert title_lines(record, "31 december 2009")["date"] == "15 maart 2010"


def test_a_report_date_before_the_data_is_refused(tmp_path):
    root = Paths().copy_inputs_to(tmp_path).root
    config = Paths(root).quarto_config
    text_ = config.read_text("utf-8")
    config.write_text(text_.replace('date: "2026-12-05"', 'date: "2009-12-01"'), "utf-8")
    with pytest.raises(InputError, match="does not come after the end of 2009-T3"):
        graph_of(Request(Period.parse("2009-T3"), "ako-2009"), Paths(root))


def _lightness(hex_colour: str) -> float:
    """CIE L* of an sRGB colour (0 black .. 100 white)."""
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_the_landkaart_colours_stay_apart_in_greyscale():
    """Every two answer categories differ by at least 15 in lightness (CIE L*)."""
    levels = sorted(_lightness(c) for c in load_codebook().colours)
    assert min(b - a for a, b in zip(levels, levels[1:], strict=False)) >= 15, levels
