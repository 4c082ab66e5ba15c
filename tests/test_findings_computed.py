"""Sentences that state a finding are formatted from the values (issue 20, item 9): edit a
published value in a copy of the project's inputs and the sentence changes with it."""

import pandas as pd
import pytest

from analysis.chapters.enquetes import compute as enquetes
from analysis.chapters.enquetes import text as enquetes_text
from analysis.chapters.interpretatieverschillen import compute as gap
from analysis.chapters.interpretatieverschillen import text as gap_text
from analysis.chapters.landkaart import compute as landkaart
from analysis.chapters.landkaart import text as landkaart_text
from analysis.chapters.toonkamer import compute as toonkamer
from analysis.chapters.toonkamer import text_findings as toonkamer_text
from analysis.core.config import Paths

NBSP = "\u00a0"


def _set(paths: Paths, table: str, column: str, key: str, value: object) -> None:
    """Set `value` in the row of data/raw/published/<table>.csv whose `column` is `key`."""
    file = paths.published / f"{table}.csv"
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    rows = frame[column] == key
    assert rows.sum() == 1, (table, key)
    frame.loc[rows, "value"] = str(value)
    frame.to_csv(file, index=False)


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Paths:
    """A copy of the inputs with four published values changed."""
    paths = Paths().copy_inputs_to(tmp_path_factory.mktemp("edited"))
    _set(paths, "ako-2009-T3-claims", "claim", "excl_m11_m14_mean_pct", 77)
    _set(paths, "toonkamer-2008-claims", "claim", "ww_work_share_toonkamer", 83)
    _set(paths, "iwi-2008-inspectie", "claim", "inspected_locations", 16)
    iwi = paths.published / "iwi-2007-enquete.csv"
    frame = pd.read_csv(iwi, dtype=str, keep_default_na=False)
    frame.loc[(frame["statistic"] == "respondents") & (frame["group"] == "cwi"), "value"] = "95"
    frame.to_csv(iwi, index=False)
    return paths


def test_the_76_percent_sentence_follows_the_published_value(edited):
    before = landkaart_text.readings_note(landkaart.load("2009-T3"))
    after = landkaart_text.readings_note(landkaart.load("2009-T3", root=edited))
    assert f"De gepubliceerde 76{NBSP}% past alleen bij de lezing naar de naam" in before
    assert f"De gepubliceerde 77{NBSP}% past alleen bij de lezing naar het nummer" in after
    assert "daarna 55 en 41 Werkpleinen" in before  # what the answers give, computed


def test_the_iwi_2007_sample_sentence_follows_the_published_counts(edited):
    before = enquetes_text.iwi_note(enquetes.load("2009-T3"))
    after = enquetes_text.iwi_note(enquetes.load("2009-T3", root=edited))
    assert "met 96, 97 en 8 ingevulde vragenlijsten (201 samen)" in before
    assert "met 95, 97 en 8 ingevulde vragenlijsten (200 samen)" in after
    assert f"een respons van 75{NBSP}%" in after


def test_the_return_to_work_shares_follow_the_published_values(edited):
    before = toonkamer_text.target_note(toonkamer.load("2009-T3"))
    after = toonkamer_text.target_note(toonkamer.load("2009-T3", root=edited))
    assert f"(84{NBSP}% en 76{NBSP}% van de uitstroom" in before
    assert f"(83{NBSP}% en 76{NBSP}% van de uitstroom" in after


def test_the_inspection_sample_follows_the_published_design(edited):
    before = gap_text.sample_note(gap.load("2008-T1"))
    after = gap_text.sample_note(gap.load("2008-T1", root=edited))
    assert "De IWI trok haar steekproef van 15 uit 124 locaties" in before
    assert "De IWI trok haar steekproef van 16 uit 124 locaties" in after
    assert "eerste AKO-meting (januari tot mei 2008)" in after
