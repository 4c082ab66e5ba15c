"""The step graph of one period's run, from `dag.yml` and the book (`_quarto.yml`).

`build` turns the declaration into concrete steps: one ingest step per unit found under
data/raw (period folders, survey waves), one step per chapter notebook of the book, the
provenance record, the gathering notebooks (summary, appendix) and the report. Each step
knows what it reads (raw files, its notebook, its code, the outputs of the steps before it)
and where it writes (its folder). Light on purpose: `analysis steps` and a run with nothing
changed use it without importing pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.study.dag import DAG_FILE, chapter_name, in_report, load_dag, units

Kind = Literal["ingest", "chapter", "provenance", "gather", "report"]
PROVENANCE = "provenance"


@dataclass(frozen=True)
class Step:
    """One step of a run: what it reads, where it writes, which steps come before it."""

    id: str  # e.g. "ingest/landkaart/2009-T3", "chapter/trend", "gather/samenvatting", "report"
    kind: Kind
    folder: Path  # where its outputs go (the staged copy during a run)
    after: tuple[str, ...] = ()
    raw: tuple[Path, ...] = ()  # files and folders it reads under the root
    code: tuple[str, ...] = ()  # package folders and modules (relative to src/analysis)
    notebook: str | None = None  # relative to the root, for chapter and gather steps
    name: str = ""  # the input kind or chapter
    unit: str | None = None  # the ingest unit (period or wave folder), None for 'one'

    @property
    def label(self) -> str:
        return self.notebook or self.id


@dataclass(frozen=True)
class Graph:
    """The steps of one period's run, in an order that respects `after`."""

    period: Period
    steps: tuple[Step, ...]
    left_out: tuple[str, ...] = ()  # chapter notebooks without the data they require
    ignored: tuple[str, ...] = ()  # raw folders that are no unit (warned about)
    book_chapters: tuple[str, ...] = field(default=())  # the book's parts that stay, in order

    def __getitem__(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def of_kind(self, kind: Kind) -> list[Step]:
        return [s for s in self.steps if s.kind == kind]


def _kinds_used(dag: dict, parts: tuple[str, ...]) -> list[str]:
    """The input kinds the book's chapters read (and those these are checked against), in
    dag.yml's order: a run ingests only what its report reads."""
    used = set()
    for part in parts:
        name = chapter_name(part)
        used |= set(dag["chapters"].get(name, {}).get("uses", [])) if name else set()
    for kind in list(used):
        used |= set(dag["ingest"][kind].get("after", []))
    return [kind for kind in dag["ingest"] if kind in used]


def _fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def build(period: Period, paths: Paths, chapters: tuple[str, ...]) -> Graph:
    """The steps of a run of `period` over the book's parts `chapters` (from _quarto.yml).

    A notebook part must be declared in dag.yml (as a chapter or a gathering notebook).
    """
    dag = load_dag()
    code = dag["code"]
    steps: list[Step] = []
    staged: dict[str, list[str]] = {}
    ignored: list[str] = []
    for kind in _kinds_used(dag, chapters):
        spec = dag["ingest"][kind]
        units_, skipped = units(kind, spec["units"], period, paths)
        ignored += [f"data/raw/{kind}/{name}" for name in skipped]
        staged[kind] = []
        for unit in units_:
            after = []
            for other in spec.get("after", []):
                needed = f"ingest/{other}/{unit}"
                if needed not in staged.get(other, []):
                    message = f"no {other} input for {unit} to check it against"
                    raise InputError(paths.raw / kind / unit, message)
                after.append(needed)
            folder = paths.processed / kind / unit if unit != "." else paths.processed / kind
            step_id = f"ingest/{kind}" + ("" if unit == "." else f"/{unit}")
            raw = tuple(paths.root / _fill(r, unit=unit) for r in spec["raw"])
            steps.append(
                Step(step_id, "ingest", folder, tuple(after), raw, tuple(code["ingest"]),
                     name=kind, unit=None if unit == "." else unit)
            )  # fmt: skip
            staged[kind].append(step_id)
    ingest_ids = tuple(s.id for s in steps)
    chapter_ids, left_out, kept = [], [], []
    gathering = []
    for part in chapters:
        name = chapter_name(part)
        if name is None:
            kept.append(part)
            continue
        if name in dag.get("gather", {}):
            gathering.append((part, name))
            kept.append(part)
            continue
        spec = dag["chapters"].get(name)
        if spec is None:
            raise InputError(DAG_FILE, f"{part} is not declared under 'chapters' or 'gather'")
        if not in_report(name, period, paths, dag):
            left_out.append(part)
            continue
        after = tuple(s for kind in spec.get("uses", []) for s in staged.get(kind, []))
        tables = [f"data/raw/published/{p}.csv" for p in spec.get("published", [])]
        raw = [*spec.get("raw", []), *tables]
        steps.append(
            Step(f"chapter/{name}", "chapter", paths.chapter_dir(period, name), after,
                 tuple(paths.root / r for r in raw),
                 tuple(_fill(c, name=name) for c in code["chapter"]), part, name)
        )  # fmt: skip
        chapter_ids.append(f"chapter/{name}")
        kept.append(part)
    steps.append(
        Step(PROVENANCE, "provenance", paths.chapter_dir(period, PROVENANCE), ingest_ids,
             tuple(paths.run_inputs), tuple(code["provenance"]), name=PROVENANCE)
    )  # fmt: skip
    for part, name in gathering:
        spec = dag["gather"][name]
        steps.append(
            Step(f"gather/{name}", "gather", paths.chapter_dir(period, name),
                 (*chapter_ids, PROVENANCE), tuple(paths.root / r for r in spec.get("raw", [])),
                 tuple(code["gather"]), part, name)
        )  # fmt: skip
    notebooks = tuple(s.id for s in steps if s.notebook)
    texts = [p for p in kept if not p.endswith(".ipynb")]
    steps.append(
        Step("report", "report", paths.report_dir(period), (*notebooks, PROVENANCE),
             (paths.quarto_config, *(paths.root / t for t in texts)), tuple(code["report"]),
             name="report")
    )  # fmt: skip
    return Graph(period, tuple(steps), tuple(left_out), tuple(ignored), tuple(kept))
