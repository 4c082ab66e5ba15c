"""The appendix: every published figure held as data has exactly one verdict (issue 10)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analysis.chapters import published_values
from analysis.chapters.interpretatieverschillen import compute as inspection
from analysis.chapters.verantwoording import compute, text
from analysis.core.config import Paths
from analysis.core.formatting import number
from analysis.study import sources, verdicts


@pytest.fixture(scope="module")
def appendix(ingested_root, gathered_2009):
    v = compute.load("2009-T3", root=ingested_root)
    v.__dict__["chapters"] = gathered_2009  # the session's chapter outputs
    return v


def test_every_published_value_has_exactly_one_verdict(appendix):
    assert len(appendix.published) > 200
    assert appendix.missing == []
    assert appendix.duplicated == []
    assert appendix.unknown == []
    assert set(appendix.audit["verdict"]) <= set(verdicts.VERDICTS)
    assert "precies één oordeel" in text.completeness_note(appendix)


def test_a_value_without_verdict_is_named(appendix):
    broken = compute.Verantwoording(appendix.period, appendix.scoring_rule, appendix.paths)
    broken.__dict__["audit"] = appendix.audit.iloc[1:]  # drop the first audit row
    first = appendix.audit["published_key"].iloc[0]
    assert broken.missing == [first]
    assert "Onvolledige verantwoording" in text.completeness_note(broken)
    assert first in text.completeness_note(broken)


def test_published_values_are_keyed_by_file_and_line(tmp_path):
    paths = Paths(tmp_path)
    paths.published.mkdir(parents=True)
    (paths.published / "x-tabel.csv").write_text("row,value\na,1\nb,\nc,3\n", encoding="utf-8")
    found = published_values(paths)
    assert found["published_key"].tolist() == ["x-tabel:2", "x-tabel:4"]  # blank b skipped


@pytest.fixture(scope="module")
def every_verdict(appendix, ingested_root) -> pd.DataFrame:
    """The appendix's audit, with the inspection chapter's rows when the period's report
    leaves that chapter out (its IWI figures are judged all the same)."""
    gap = inspection.audit_table(inspection.load("2009-T3", "ako-2009", ingested_root))
    frame = pd.concat([appendix.audit, gap])
    return frame.drop_duplicates("published_key").set_index("published_key")


def test_contradictions_carry_the_verdict_of_their_audit_row(every_verdict):
    """A contradiction names the verdict of the claim it bears on: the same as its audit row."""
    audit = every_verdict["verdict"]
    table = sources.load_contradictions()
    keyed = table[table["published_key"] != ""]
    assert len(keyed) >= 10
    assert dict(zip(keyed["published_key"], keyed["verdict"], strict=True)) == {
        key: audit[key] for key in keyed["published_key"]
    }


def test_no_match_that_rests_on_a_chosen_reading_is_reproduced(every_verdict):
    """Acceptance (issue 20): the fitted and chosen readings are never *gereproduceerd*."""
    audit = every_verdict
    chosen = {
        # the Landkaart means: the scoring rule was fitted on them
        **{k: "past na keuze" for k in audit.index[audit["item"].str.endswith("score (%)")]},
        "ako-2009-T3-tabel-3:7": "past na keuze",  # dec-09, the same rule
        "ako-2009-T3-claims:4": "past na keuze",  # the 76 %: reading and rule chosen
        "ako-2009-T3-claims:6": "niet te controleren",  # 'nagenoeg' is not defined
        "ako-2009-T3-arbeidsmarkt:7": "per definitie",  # Mutatie, ultimo 2006 = 0
        **{f"ako-2009-T3-arbeidsmarkt:{n}": "past na keuze" for n in range(8, 13)},
        "toonkamer-2008-claims:2": "past na keuze",  # 7 %: one of 8 readings
        "iwi-2008-inspectie:4": "per definitie",  # January: the start of every first tertaal
        "iwi-2008-inspectie:5": "afwijkend",  # 'mei' against the tertaal's April
    }
    for n in range(12, 17):  # 'Alle klanten': the share was fitted on these rows
        chosen[f"toonkamer-2008-klantprincipes:{n}"] = audit.loc[
            f"toonkamer-2008-klantprincipes:{n}", "verdict"
        ]
        assert chosen[f"toonkamer-2008-klantprincipes:{n}"] in ("past na keuze", "per definitie")
    assert len([k for k in chosen if k.startswith("ako-2009-T3-tabel")]) == 23
    assert {k: audit.loc[k, "verdict"] for k in chosen} == chosen
    # every match after a choice names its N candidates and the rule of its comparison
    after = audit[audit["verdict"] == "past na keuze"]
    assert after["candidates"].notna().all() and (after["candidates"].astype(int) >= 2).all()
    assert audit["rule"].notna().all() and (audit["rule"] != "").all()


def test_appendix_gives_the_six_outcomes_with_counts(appendix):
    """Acceptance (issue 20): Appendix A gives the outcomes with their counts."""
    shown = text.outcomes_display(appendix).set_index("Oordeel")
    found = verdicts.counts(appendix.audit)
    assert list(shown.index) == [*text.VERDICT_TITLES.values(), "Totaal"]
    for verdict, title in text.VERDICT_TITLES.items():
        assert shown.loc[title, "Aantal"] == number(found[verdict])
        assert shown.loc[title, "Betekenis"] == verdicts.DESCRIPTIONS_NL[verdict]
    assert shown.loc["Totaal", "Aantal"] == number(len(appendix.audit))
    assert sum(found.values()) == len(appendix.audit) > 400


def test_every_comparison_rule_is_in_the_appendix(appendix):
    """The tolerance and rounding rule of every comparison, with how many values it judged."""
    shown = text.rules_display(appendix)
    assert set(shown["Regel van de vergelijking"]) == set(appendix.audit["rule"])
    assert sum(int(n.replace(".", "")) for n in shown["Getallen"]) == len(appendix.audit)
    share = shown[shown["Regel van de vergelijking"].str.startswith("aantal gedeeld door")]
    assert share["Oordelen"].tolist() == ["85 gereproduceerd"]


def test_the_annex_keeps_the_published_decimals(appendix):
    """'0,04' is not shown as '0,0'; '7,0' not as '7' (the values as printed)."""
    assert text.shown(0.04, "0.04") == "0,04" and text.shown(0.0403, "0.04") == "0,040"
    assert text.shown(7, "7.0") == "7,0" and text.shown(73, "73") == "73"
    assert text.shown(76.79, "76") == "76,79" and text.shown(None) == "–"
    rows = compute.annex_rows(appendix).set_index("published_key")
    assert rows.loc["ako-2009-T3-enquetes:25", "printed"] == "0.04"
    shown = text.annex_table(rows.loc[["ako-2009-T3-enquetes:25"]].reset_index())
    assert shown.loc[0, "Gedrukt"] == "0,04" and shown.loc[0, "Berekend"] == "0,04"


def test_the_annex_lists_every_audited_value(appendix):
    """The line-by-line audit leaves the report for its annex (Markdown for the PDF, tidy
    CSV), every row with its rule, N of candidates and reason."""
    files = text.annexes(appendix.period, appendix.scoring_rule, appendix.paths)
    assert set(files) == {"bijlage-oordelen.md", "bijlage-oordelen.csv"}
    table = pd.read_csv(io.BytesIO(files["bijlage-oordelen.csv"]), dtype=str)
    assert len(table) == len(appendix.audit)
    assert list(table.columns) == ["chapter", *verdicts.AUDIT_COLUMNS, "printed"]
    markdown = files["bijlage-oordelen.md"].decode("utf-8")
    assert markdown.startswith("# Oordelen per gepubliceerd getal")
    for key in appendix.audit["published_key"]:
        assert f"| {key} " in markdown
    assert "marktbeveiligingsplan" not in markdown and "Gezamenlijk marktbewerkingsplan" in markdown
