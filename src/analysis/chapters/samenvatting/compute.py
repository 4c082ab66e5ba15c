"""The summary's numbers: the report-wide audit by verdict class, what the evidence rests on,
the sources' contradictions and whether inputs are synthetic.

It reads only what the chapters' steps wrote (`analysis.chapters.gathered`): their audit rows
and the facts their summaries state, the run's provenance record, and the sources'
contradictions (data/raw/published/sources, `study.sources`); the summary itself is built
from each chapter's own `text.summary` over those facts (see `text`).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import PurePosixPath

import pandas as pd

from analysis.chapters import Report
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import sources, verdicts

# The input kinds that hold answers per Werkplein, respondent or client (not published
# figures): a value computed from a real one of these is evidence beyond the publications.
MICRODATA = ("landkaart", "inspectie", "enquetes", "toonkamer")
DATA_SUFFIXES = (".csv", ".xlsx", ".parquet")
# Who answers for a published table, by the start of its file name (data/raw/published).
ADDRESSEES = {"ako-": "AKO", "toonkamer-": "Haarlem", "iwi-": "IWI"}
# The sources as the report cites them (docs/begrippen.md, Bronnen), by the start of a table's name.
SOURCE_NAMES = {"ako-2009": "AKO 2009", "toonkamer-2008": "Haarlem 2008", "iwi-2007": "IWI 2007",
                "iwi-2008": "IWI 2008"}  # fmt: skip
# The reason of a 'past na keuze' row: 'gekozen: X, uit N Y (k daarvan geeft dit getal)'
_CHOICE = re.compile(r"^gekozen: (?P<chosen>.+), uit [\d.]+ (?P<of>[^(;]+?)(?: \(|;|$)")


def addressee(published_key: str) -> str | None:
    """'AKO', 'Haarlem' or 'IWI': whose publication a published value comes from."""
    return next((who for start, who in ADDRESSEES.items() if published_key.startswith(start)),
                None)  # fmt: skip


def source_name(published_key: str) -> str:
    """'AKO 2009': the source of a published value, as the report cites it."""
    return next((name for start, name in SOURCE_NAMES.items() if published_key.startswith(start)),
                published_key.split(":")[0])  # fmt: skip


def choice_of(reason: str) -> tuple[str, str] | None:
    """(chosen reading, what the candidates are) from a 'past na keuze' row's reason (its N
    is the row's `candidates`)."""
    found = _CHOICE.match(reason or "")
    if found is None:
        return None
    return found["chosen"], found["of"].strip()


class Samenvatting(Report):
    @property
    def counts(self) -> dict[str, int]:
        return verdicts.counts(self.audit)

    @property
    def synthetic_inputs(self) -> list[str]:
        """Raw input files marked synthetic by their sidecar (relative paths), sorted."""
        return list(self.provenance["synthetic_inputs"])

    @cached_property
    def real_microdata(self) -> list[str]:
        """The report's input files with answers per Werkplein, respondent or client that are
        not marked synthetic (relative paths): what a reproduced value may rest on besides the
        publications. A file in a folder with a synthetic sidecar is synthetic (the sidecar
        covers the folder's unit, e.g. a survey wave's sample frame)."""
        synthetic = {PurePosixPath(s).parent for s in self.synthetic_inputs}
        found = []
        for name in self.provenance["inputs"]:
            path = PurePosixPath(name)
            kind = path.parts[2] if len(path.parts) > 3 and path.parts[:2] == ("data", "raw") \
                else None  # fmt: skip
            if kind in MICRODATA and path.suffix in DATA_SUFFIXES and path.parent not in synthetic:
                found.append(name)
        return found

    @cached_property
    def evidence(self) -> pd.DataFrame:
        """The comparison rules of the reproduced values with their number (`verdicts.rules`
        of the *gereproduceerd* rows), most used first."""
        reproduced = self.audit[self.audit["verdict"] == verdicts.REPRODUCED]
        return verdicts.rules(reproduced)[["rule", "n"]]

    @cached_property
    def contradictions(self) -> pd.DataFrame:
        """The sources' contradictions (`study.sources.load_contradictions`)."""
        return sources.load_contradictions(self.paths)

    @cached_property
    def choices(self) -> pd.DataFrame:
        """Per reading chosen to make published values match: who published them, the
        reading, N candidates, what they are, the number of values and their keys."""
        rows = self.audit[self.audit["verdict"] == verdicts.AFTER_CHOICE]
        found: dict[tuple[str, str], dict] = {}
        for r in rows.itertuples():
            parsed = choice_of(r.reason)
            if parsed is None:
                continue
            (chosen, of), n = parsed, int(r.candidates)
            who = addressee(r.published_key)
            entry = found.setdefault((who, chosen), {"addressee": who, "chosen": chosen,
                                                     "candidates": n, "of": of, "keys": []})
            entry["keys"].append(r.published_key)  # fmt: skip
        frame = pd.DataFrame(list(found.values()),
                             columns=["addressee", "chosen", "candidates", "of", "keys"])
        return frame.assign(values=frame["keys"].map(len))  # fmt: skip

    def of(self, who: str) -> pd.DataFrame:
        """The audit rows of one addressee's published values."""
        return self.audit[self.audit["published_key"].map(addressee) == who]


load = Samenvatting.load


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """`synthetic-inputs`: the raw inputs marked synthetic (what the title-page status rests
    on); `contradictions`: the sources' contradictions as the summary lists them.

    The audit by verdict class and by rule (what the evidence rests on) are the appendix's
    tables (`verantwoording-verdicts`, `verantwoording-rules`).
    """
    s = Samenvatting(period, scoring_rule, paths)
    c = s.contradictions
    return {
        "synthetic-inputs": pd.DataFrame({"sidecar": s.synthetic_inputs, "synthetic": True}),
        "contradictions": c[["id", "topic", "source_a", "quote_a", "source_b", "quote_b",
                             "consequence", "verdict", "published_key"]],
    }
