"""The appendix's numbers: the reproduction audit of every chapter, and the report's provenance.

It reads only what the chapters' steps wrote (their audit rows, `analysis.chapters.gathered`),
the run's provenance record and the published tables as printed (data/raw/published). Every
published figure held as data must have exactly one verdict in some chapter's audit; `missing`
and `duplicated` say which do not. The report shows the verdicts counted (per chapter, per
class, per rule of comparison); the line-by-line audit is a separate annex (`annex_rows`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis.chapters import Report, published_values
from analysis.core import provenance
from analysis.core.config import Paths
from analysis.core.periods import Period
from analysis.study import verdicts


@dataclass(frozen=True)
class Colophon:
    """What made the report: inputs, code, packages, parameters, engine and build time."""

    inputs: dict[str, str]  # path relative to the root -> sha256
    code: provenance.CodeVersion
    versions: dict[str, str | None]
    parameters: dict[str, str]
    engine: str
    built: dt.datetime
    date: dt.date | None  # the report's date (`book.date`), None for an undated concept


class Verantwoording(Report):
    @cached_property
    def published(self) -> pd.DataFrame:
        """The values of the published tables that the report's chapters read (those of a
        chapter left out of this period's report get no verdict here)."""
        values = published_values(self.paths)
        tables = values["published_key"].str.rsplit(":", n=1).str[0]
        return values[tables.isin(self.provenance["published"])].reset_index(drop=True)

    @property
    def missing(self) -> list[str]:
        """Published values held as data without a verdict."""
        return sorted(set(self.published["published_key"]) - set(self.audit["published_key"]))

    @property
    def duplicated(self) -> list[str]:
        """Published values with more than one verdict (two chapters claim them)."""
        keys = self.audit["published_key"]
        return sorted(set(keys[keys.duplicated()]))

    @property
    def unknown(self) -> list[str]:
        """Audit keys that name no published value (a wrong line number, a removed row)."""
        return sorted(set(self.audit["published_key"]) - set(self.published["published_key"]))

    @cached_property
    def colophon(self) -> Colophon:
        """From the run's provenance record (the input hashes, git's answer, ...)."""
        record = self.provenance
        return Colophon(
            inputs=record["inputs"],
            code=provenance.CodeVersion(**record["code"]),
            versions=record["versions"],
            parameters=record["parameters"],
            engine=record["engine"],
            built=dt.datetime.fromtimestamp(record["built"], tz=dt.UTC),
            date=dt.date.fromisoformat(record["date"]) if record.get("date") else None,
        )

    @cached_property
    def printed(self) -> dict[str, str]:
        """Every published value as printed (the transcription's text, e.g. '7.0', '0.04'),
        by `published_key`: the audit rows keep numbers, which lose trailing zeros."""
        return dict(zip(self.published["published_key"], self.published["value"], strict=True))


load = Verantwoording.load


def overview(v: Verantwoording) -> pd.DataFrame:
    """Number of audited values per chapter and verdict class (all classes as columns)."""
    audit = v.audit
    table = pd.crosstab(audit["chapter"], audit["verdict"]).reindex(
        columns=list(verdicts.VERDICTS), fill_value=0
    )
    order = list(dict.fromkeys(audit["chapter"]))
    return table.reindex(order)


def outcomes(v: Verantwoording) -> pd.DataFrame:
    """Every verdict class with its number of audited values (`verdict`, `n`), in the order
    of `verdicts.VERDICTS`."""
    found = verdicts.counts(v.audit)
    return pd.DataFrame({"verdict": list(found), "n": list(found.values())})


def rules(v: Verantwoording) -> pd.DataFrame:
    """The rule (calculation, rounding, tolerance) of every comparison with its number of
    values per class (`verdicts.rules`), most used first."""
    table = verdicts.rules(v.audit)
    return table.rename(columns={c: c.replace(" ", "_") for c in verdicts.VERDICTS})


def annex_rows(v: Verantwoording) -> pd.DataFrame:
    """The line-by-line audit of the whole report: every chapter's audit rows in reading
    order, with the chapter and the published value as printed (`printed`)."""
    audit = v.audit
    printed = audit["published_key"].map(v.printed)
    return audit[["chapter", *verdicts.AUDIT_COLUMNS]].assign(printed=printed)


def tables(period: Period, scoring_rule: str, paths: Paths) -> dict[str, pd.DataFrame]:
    """`verdicts`: the number of audited published values per chapter and class; `outcomes`:
    per class; `rules`: per rule of comparison and class.

    (The input hashes are in the run's manifest.json, not here: they change with every edit.
    The line-by-line audit is the annex, `text.annexes`.)
    """
    v = Verantwoording(period, scoring_rule, paths)
    counts = overview(v).reset_index().melt(id_vars="chapter", var_name="verdict", value_name="n")
    return {"verdicts": counts, "outcomes": outcomes(v), "rules": rules(v)}
