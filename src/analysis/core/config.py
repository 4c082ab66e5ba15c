"""Every path the project uses, derived from one project root. Nothing else builds paths."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.core.periods import Period

PROJ_ROOT = Path(__file__).resolve().parents[3]
# Set by `analysis run` for the notebooks it executes: read processed data from this staging
# folder (the run's own, not yet committed to data/processed). See analysis.pipeline.
STAGED_ENV = "ANALYSIS_STAGED_PROCESSED"


@dataclass(frozen=True)
class Paths:
    """The project's folders under one root (the repository, or a copy of it in tests)."""

    root: Path = PROJ_ROOT
    staged: Path | None = None  # processed data of a run in progress (analysis.pipeline)

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))  # accept str from notebook parameters

    @classmethod
    def from_parameter(cls, root: Paths | str | Path | None) -> Paths:
        """The notebooks' `root` parameter (or Paths as they are): None means this project;
        a relative root (`analysis run` passes ".") is taken from the working directory.

        Inside `analysis run` (STAGED_ENV set) the processed data are the run's staged ones.
        """
        if isinstance(root, Paths):
            return root
        paths = cls(Path(root).resolve()) if root else cls()
        staged = os.environ.get(STAGED_ENV)
        return replace(paths, staged=Path(staged)) if staged else paths

    def unstaged(self) -> Paths:
        """The same root outside a run: inputs read from data/raw, processed data from
        data/processed (what an ingest step reads while it writes to the stage)."""
        return replace(self, staged=None)

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        """data/processed, or the staging copy of a run in progress."""
        return self.staged or self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def quarto_config(self) -> Path:
        return self.root / "_quarto.yml"

    @property
    def codebook(self) -> Path:
        return self.raw / "codebook"

    @property
    def published(self) -> Path:
        return self.raw / "published"

    def _input(self, *parts: str) -> Path:
        """A raw input folder; inside a run, its validated copy in the stage (analysis.pipeline:
        the ingest steps validate data/raw, then stage it; the chapters read the stage)."""
        return self.staged.joinpath(*parts) if self.staged else self.raw.joinpath(*parts)

    @property
    def published_sources(self) -> Path:
        """What the sources say as a whole: the inventory of every numeric claim in their text
        (with its expected count per section) and their contradictions."""
        return self.published / "sources"

    @property
    def seeds(self) -> Path:
        """The source documents as plain text (`../shared/seeds` beside the project; read by
        tests only, absent on most machines)."""
        return self.root.parent / "shared" / "seeds"

    @property
    def arbeidsmarkt(self) -> Path:
        """Labour-market series (standcijfers, outflow), long format, extended per period."""
        return self._input("arbeidsmarkt")

    @property
    def toonkamer(self) -> Path:
        """Client-level data of the Toonkamer pilots (one file, optional; see its README)."""
        return self._input("toonkamer")

    @property
    def landkaart_root(self) -> Path:
        """Holds one folder per period (YYYY-Tn) with that period's Landkaart export."""
        return self.raw / "landkaart"

    def landkaart_raw(self, period: Period | str) -> Path:
        """Folder where the inspector drops the Landkaart export of a period."""
        return self.landkaart_root / str(period)

    def landkaart_processed(self, period: Period | str) -> Path:
        """Validated, tidy Landkaart answers of a period (one row per location x milestone)."""
        return self.processed / "landkaart" / str(period) / "landkaart.csv"

    @property
    def inspectie_root(self) -> Path:
        """Holds one folder per inspected period (YYYY-Tn) with the inspection judgements."""
        return self.raw / "inspectie"

    def inspectie_raw(self, period: Period | str) -> Path:
        """Folder where the inspector drops the judgements of the locations inspected in a
        period (location x milestone, compared with that period's Landkaart); inside a run
        its validated copy in the stage."""
        return self._input("inspectie", str(period))

    @property
    def enquetes_root(self) -> Path:
        """Holds one folder per survey wave (YYYY-H1/H2) with its respondent file."""
        return self.raw / "enquetes"

    def enquetes_raw(self, wave: str) -> Path:
        """Folder where the respondent file (and sample frame) of a survey wave is dropped."""
        return self.enquetes_root / str(wave)

    def enquetes_processed(self, wave: str) -> Path:
        """Validated respondents of a survey wave as Parquet (one row per respondent)."""
        return self.processed / "enquetes" / str(wave) / "respondenten.parquet"

    def report_dir(self, period: Period | str) -> Path:
        return self.reports / str(period)

    def chapter_dir(self, period: Period | str, name: str) -> Path:
        """What a chapter (or gathering) step of a period's run wrote: its executed notebook,
        tidy tables and facts (analysis.pipeline)."""
        return self.processed / "chapters" / str(period) / name

    @property
    def bench_results(self) -> Path:
        return self.root / "bench" / "results.json"

    @property
    def run_inputs(self) -> list[Path]:
        """Everything a run reads: report config, front matter, notebooks, raw data."""
        return [
            self.quarto_config, self.root / "index.md", self.root / "docs", self.notebooks,
            self.raw,
        ]  # fmt: skip

    def copy_inputs_to(self, dest: Path) -> Paths:
        """Copy the run inputs into a fresh root (for benchmarks and end-to-end tests)."""
        dest = Path(dest)
        for src in self.run_inputs:
            target = dest / src.relative_to(self.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
            else:
                shutil.copy2(src, target)
        return Paths(dest)
