"""The sources as a whole (analysis.study.sources): every quote is in its source, every numeric
claim of the running text is inventoried with a verdict or a reason, and the contradictions."""

import shutil

import pandas as pd
import pytest

from analysis.chapters import published_values
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.study import sources, verdicts

PATHS = Paths()
SEEDS = sorted(PATHS.seeds.glob("*.txt")) if PATHS.seeds.is_dir() else []
needs_seeds = pytest.mark.skipif(
    not SEEDS, reason="the source documents (../shared/seeds) are absent"
)


@pytest.fixture(scope="module")
def inventory():
    return sources.load_inventory()


@pytest.fixture(scope="module")
def texts():
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS}


def test_normalised_ignores_breaks_markup_and_spacing():
    text = "het aantal niet-\nwerkende samenwer-\nking in het 2^e tertaal: <i>7,0</i> (3^{de}) ⁵ 0,04 %"  # noqa: E501
    assert sources.occurs("niet-werkende samenwerking", text)
    assert sources.occurs("in het 2e tertaal: 7,0 (3de) 5 0,04%", text)
    assert sources.occurs("het aantal … in het 2e tertaal", text)  # an omission, in order
    assert sources.occurs("‘niet’", "'niet'") and sources.occurs("a – b", "a-b")
    assert not sources.occurs("in het 3e tertaal", text)
    assert not sources.occurs("in het 2e tertaal … het aantal", text)  # parts out of order
    assert not sources.occurs("", text)


@needs_seeds
def test_every_published_quote_occurs_in_its_source(texts):
    """Each `quote` of data/raw/published/*.csv is in the text of its `source_file`."""
    checked, wrong = 0, []
    for file in sorted(PATHS.published.glob("*.csv")):
        table = pd.read_csv(file, dtype=str, keep_default_na=False)
        if "quote" not in table.columns:
            continue
        for line, (quote, seed) in enumerate(
            zip(table["quote"], table["source_file"], strict=True), 2
        ):
            if quote:
                checked += 1
                if not sources.occurs(quote, texts[seed]):
                    wrong.append(f"{file.name}:{line}")
    assert checked >= 72 and not wrong, wrong


@needs_seeds
def test_a_misquote_is_caught(texts):
    """The check can fail: a changed number or word is not in the source."""
    text = texts["003_77befd6bc52bd4bb.txt"]
    assert sources.occurs("De totale gemiddelde score is in dat geval 76%.", text)
    assert not sources.occurs("De totale gemiddelde score is in dat geval 77%.", text)
    assert not sources.occurs("met ca. 10.000 gestegen", text)


@needs_seeds
def test_inventory_quotes_and_values_occur_in_their_source(inventory, texts):
    wrong = [
        f"claims-inventory.csv:{i}"
        for i, r in enumerate(inventory.itertuples(), start=2)
        if not sources.occurs(r.quote, texts[r.seed]) or not sources.occurs(r.value, r.quote)
    ]
    assert not wrong, wrong


@needs_seeds
def test_every_seed_has_its_claims_inventoried(inventory, texts):
    assert set(inventory["seed"]) == set(texts)


def test_inventory_has_the_expected_count_per_source_section(inventory):
    """A claim added to or dropped from the inventory changes a committed, reviewed count."""
    found = sources.inventory_counts(inventory).set_index(["seed", "section"])["n"]
    expected = sources.expected_counts().set_index(["seed", "section"])["n"]
    assert found.to_dict() == expected.to_dict()
    by_seed = found.groupby(level="seed").sum().to_dict()
    assert by_seed == {
        "000_4e30f66cbfa6852b.txt": 44, "001_4b693ec087c2cdb7.txt": 66,
        "002_076321c74a3d8e29.txt": 65, "003_77befd6bc52bd4bb.txt": 66,
        "004_a3d8323216cfe5fd.txt": 56,
    }  # fmt: skip


def test_inventory_keys_name_published_values_and_cover_every_quoted_one(inventory):
    """Each verdict key exists; each published value that quotes running text is in the
    inventory exactly once (a claim with a verdict is also a claim in the inventory)."""
    known = set(published_values(PATHS)["published_key"])
    keys = inventory.loc[inventory["published_key"] != "", "published_key"]
    assert not set(keys) - known, sorted(set(keys) - known)
    assert keys.is_unique, sorted(keys[keys.duplicated()])
    quoted = set()
    for file in sorted(PATHS.published.glob("*.csv")):
        table = verdicts.with_lines(pd.read_csv(file, dtype=str, keep_default_na=False))
        if "quote" in table.columns:
            lines = table.loc[table["quote"] != "", "line"]
            quoted |= {verdicts.published_key(file, line) for line in lines}
    assert quoted == set(keys)


def test_seed_001_repeats_003(inventory):
    """Seed 001 is a damaged conversion of 003: each of its claims is a repetition."""
    s001 = inventory[inventory["seed"] == "001_4b693ec087c2cdb7.txt"]
    s003 = inventory[inventory["seed"] == "003_77befd6bc52bd4bb.txt"]
    assert (s001["reason"] == "herhaald").all() and len(s001) == len(s003)
    assert list(s001["value"]) == list(s003["value"])


def test_summary_counts_claims_per_source(inventory):
    summary = sources.inventory_summary(inventory).set_index("seed")
    assert summary["claims"].sum() == len(inventory)
    reasons = summary[list(sources.REASONS_NL)].sum(axis=1)
    assert (summary["audited"] + reasons == summary["claims"]).all()
    assert summary.loc["003_77befd6bc52bd4bb.txt", "audited"] == 27


def _copy_sources(tmp_path) -> Paths:
    paths = Paths(tmp_path)
    shutil.copytree(PATHS.published_sources, paths.published_sources)
    return paths


def test_inventory_rows_need_exactly_one_of_key_or_reason(tmp_path):
    paths = _copy_sources(tmp_path)
    file = paths.published_sources / sources.INVENTORY
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    i = int((table["published_key"] != "").idxmax())  # the first row with a key
    table.loc[i, "reason"] = "herhaald"  # now it has a reason too
    table.to_csv(file, index=False)
    with pytest.raises(InputError, match=rf"row {i + 2}, column 'published_key'.*either"):
        sources.load_inventory(paths)
    table.loc[i, ["published_key", "reason"]] = ["", "vergeten"]
    table.to_csv(file, index=False)
    with pytest.raises(InputError, match=rf"row {i + 2}, column 'reason'.*unknown reason"):
        sources.load_inventory(paths)


def test_contradictions_list_the_milestone_naming_of_the_conclusions():
    """The conclusions (§4.1) leave out milestone 13 where §3.4.1, with its 76 %, means 11."""
    table = sources.load_contradictions().set_index("id")
    first = table.iloc[0]
    assert (first["section_a"], first["section_b"]) == ("§3.4.1", "§4.1")
    assert "13 (ketenbrede werkplekken en applicaties)" in first["quote_b"]
    assert "ontschotte" in first["quote_a"] and "55 Werkpleinen" in first["quote_a"]
    assert "76 %" in first["consequence"]
    assert first["published_key"] == "ako-2009-T3-claims:11"
    assert (first["source_a"], first["source_b"]) == ("AKO 2009, §3.4.1", "AKO 2009, §4.1")
    # the others the issue names: 13 'nagenoeg' against 12, the WW/AG 'daling', the numbering
    keys = set(table["published_key"])
    assert {"ako-2009-T3-claims:6", "ako-2009-T3-arbeidsmarkt:16", "ako-2009-T3-claims:12"} <= keys


def test_contradictions_name_known_values_and_verdicts():
    table = sources.load_contradictions()
    known = set(published_values(PATHS)["published_key"])
    keyed = table.loc[table["published_key"] != "", "published_key"]
    assert set(keyed) <= known and keyed.is_unique
    assert set(table["verdict"]) <= set(verdicts.VERDICTS)
    assert list(table["id"]) == [f"K{i:02d}" for i in range(1, len(table) + 1)]


@needs_seeds
def test_every_contradiction_quote_occurs_in_its_source(texts):
    table = sources.load_contradictions()
    wrong = [
        f"{r.id}{side}"
        for r in table.itertuples()
        for side in "ab"
        if not sources.occurs(getattr(r, f"quote_{side}"), texts[getattr(r, f"source_file_{side}")])
    ]
    assert not wrong, wrong


def test_a_contradiction_with_an_unknown_verdict_is_refused(tmp_path):
    paths = _copy_sources(tmp_path)
    file = paths.published_sources / sources.CONTRADICTIONS
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    table.loc[1, "verdict"] = "klopt niet"
    table.to_csv(file, index=False)
    with pytest.raises(InputError, match=r"row 3, column 'verdict'"):
        sources.load_contradictions(paths)
