"""Factsheets: hand-checked numbers of one location, disclosure, the written folder, the hook.

The fixture is a tiny project: four Werkpleinen in 2009-T3 (and three in 2009-T2), scored
under the AKO rule (0, 33, 66, 100 % per milestone; percentages truncated):

- WP-101: all 'volledig'                         -> 100 %
- WP-102: all 'niet'                             ->   0 %
- WP-103: M01-M07 'gedeeltelijk', M08-M14 'in ontwikkeling' -> (7 x 66 + 7 x 33) / 14 = 49,5 -> 49 %
- WP-104: M01-M13 'volledig', M14 blank          -> 100 % over 13 answered milestones
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from analysis.cli import app
from analysis.core.config import Paths
from analysis.core.errors import InputError
from analysis.core.periods import Period
from analysis.core.provenance import CodeVersion
from analysis.factsheets import compute, text, write

MILESTONES = [f"M{i:02d}" for i in range(1, 15)]
LABELS = {0: "niet", 1: "in ontwikkeling", 2: "gedeeltelijk", 3: "volledig", None: ""}
T3 = {
    "WP-101": [3] * 14,
    "WP-102": [0] * 14,
    "WP-103": [2] * 7 + [1] * 7,
    "WP-104": [3] * 13 + [None],
}
T2 = {"WP-101": [3] * 14, "WP-102": [0] * 14, "WP-103": [1] * 14}
CODE = CodeVersion(commit="0123456789abcdef", dirty=True)


def _export(root: Path, period: str, rows: dict, synthetic: bool) -> None:
    folder = Paths(root).landkaart_raw(period)
    folder.mkdir(parents=True)
    lines = ["locatie;" + ";".join(MILESTONES)]
    lines += [f"{loc};" + ";".join(LABELS[c] for c in cats) for loc, cats in rows.items()]
    (folder / f"export-{period}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if synthetic:
        meta = {"synthetic": True, "period": period}
        (folder / f"export-{period}.json").write_text(json.dumps(meta), encoding="utf-8")


def _project(root: Path, t3: dict = T3, synthetic: bool = True) -> Paths:
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copytree(Paths().codebook, Paths(root).codebook)
    _export(root, "2009-T2", T2, synthetic)
    _export(root, "2009-T3", t3, synthetic)
    return Paths(root)


@pytest.fixture()
def paths(tmp_path: Path) -> Paths:
    return _project(tmp_path)


@pytest.fixture()
def data(paths: Paths) -> compute.Factsheets:
    return compute.load("2009-T3", root=paths)


def test_one_location_hand_checked(data):
    s = compute.sheet(data, "WP-103")
    assert s.total_pct == 49 and s.band == 1  # 'in ontwikkeling' (33-65 %)
    assert s.phase_pct == {1: 66, 2: 66, 3: 66, 4: 66, 5: 33, 6: 33}
    assert (s.lower, s.same, s.higher) == (1, 0, 2)
    nat = s.national
    assert nat.n_locations == 4
    assert nat.mean_pct == 62  # (1 + 0 + 0,495 + 1) / 4 = 0,62375
    assert nat.bins == (1, 0, 0, 0, 1, 0, 0, 0, 0, 2)  # 0, 49, 100, 100
    assert nat.phase_means[1] == 66  # (1 + 0 + 0,66 + 1) / 4 = 0,665
    assert nat.phase_means[5] == 58  # (1 + 0 + 0,33 + 1) / 4 = 0,5825
    assert nat.phase_means[6] == 44  # (1 + 0 + 0,33) / 3: WP-104's blank left out
    assert nat.complete_pct["M01"] == 50 and nat.complete_pct["M14"] == 33
    assert [(str(p.period), p.own_pct, p.national_pct) for p in s.path] == [
        ("2009-T2", 33, 44),  # (1 + 0 + 0,33) / 3
        ("2009-T3", 49, 62),
    ]
    assert s.judgements is None and s.inspected is None


def test_blank_answer_and_missing_earlier_period(data):
    s = compute.sheet(data, "WP-104")
    assert s.total_pct == 100 and s.blank == 1 and s.phase_pct[6] is None
    assert [p.own_pct for p in s.path] == [None, 100]  # not in the 2009-T2 export
    words = text.findings(s, data.codebook)
    assert "1 mijlpaal is niet beantwoord (onbekend)" in " ".join(words)


def test_sheet_words(data):
    c = text.content(data, compute.sheet(data, "WP-103"), CODE)
    assert c["title"] == "Werkplein WP-103"
    assert c["total"] == {
        "caption": "Totaalscore",
        "value": "49\u00a0%",
        "band": "in ontwikkeling",
        "colour": "#FDB863",
    }
    assert c["subtitle"] == "3e tertaal 2009 (september–december 2009) · synthetische gegevens"
    assert "synthetisch" in c["synthetic"]["text"]
    assert (
        c["findings"][1] == "Van de 3 andere Werkpleinen scoren er 1 lager, 0 even hoog en 2 hoger."
    )
    assert (
        c["findings"][3]
        == "Sinds het 2e tertaal 2009 van 33\u00a0% naar 49\u00a0% (+16 procentpunt)."
    )
    assert c["strip"]["cells"][0] == {"number": "1", "text": "gedeeltelijk", "colour": "#1F78B4"}
    assert "Versie: commit 0123456789ab, met niet vastgelegde wijzigingen." in c["provenance"]
    assert "data/raw/landkaart/2009-T3/export-2009-T3.csv (sha256 " in c["provenance"]


def test_a_sheet_holds_nothing_of_other_locations(data):
    """Disclosure: the sheet's data name no other Werkplein and carry only aggregates."""
    for location in data.locations:
        dumped = json.dumps(text.content(data, compute.sheet(data, location), CODE))
        assert location in dumped
        assert not [other for other in data.locations if other != location and other in dumped]


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_written_folder_one_page_each_index_and_same_bytes(paths):
    written = write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths)
    folder = paths.report_dir("2009-T3") / "factsheets"
    assert sorted(p.name for p in folder.iterdir()) == [
        "WP-101.pdf", "WP-102.pdf", "WP-103.pdf", "WP-104.pdf", "index.html",
    ]  # fmt: skip
    assert written.locations == 4
    pages, content = _pdf_text(folder / "WP-103.pdf")
    assert pages == 1
    for words in ("Werkplein WP-103", "49 %", "Synthetische gegevens", "gemiddeld 62 %"):
        assert words in content.replace("\u00a0", " ")
    index = (folder / "index.html").read_text("utf-8")
    assert '<a href="WP-103.pdf">' in index and "synthetisch" in index
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_one_location_keeps_the_others_and_failure_changes_nothing(paths, monkeypatch):
    period = Period.parse("2009-T3")
    folder = write.folder(paths, period)
    write.write_factsheets(period, "ako-2009", paths, location="WP-102")
    assert sorted(p.name for p in folder.iterdir()) == ["WP-102.pdf", "index.html"]
    write.write_factsheets(period, "ako-2009", paths, location="WP-101")
    assert sorted(p.name for p in folder.iterdir()) == ["WP-101.pdf", "WP-102.pdf", "index.html"]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = []

    def failing(self, content):
        calls.append(content["title"])
        if len(calls) == 2:
            raise RuntimeError("typesetting failed")
        return b"%PDF-"

    monkeypatch.setattr(write.Typesetter, "pdf", failing)
    with pytest.raises(RuntimeError):
        write.write_factsheets(period, "ako-2009", paths)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in folder.parent.iterdir()] == ["factsheets"]  # no temporary left
    with pytest.raises(write.UnknownLocation, match="no Werkplein 'WP-999'"):
        write.write_factsheets(period, "ako-2009", paths, location="WP-999")


def test_input_text_is_text_in_pdf_file_name_and_index(tmp_path):
    hostile = '#set page(width: 1cm) *b* $x$ <l> @r [a](/etc/passwd) "q" & <b>'
    paths = _project(tmp_path, {**T3, hostile: [3] * 14}, synthetic=False)
    write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths)
    folder = write.folder(paths, Period.parse("2009-T3"))
    stem = write.file_stem(hostile)
    assert stem.startswith("set-page-width-1cm-b-x-l-r-a-etc-passwd-q-b-")
    pages, content = _pdf_text(folder / f"{stem}.pdf")
    assert pages == 1 and f"Werkplein {hostile}".replace(" ", "") in content.replace(" ", "")
    assert "Synthetische" not in content  # real input: no synthetic mark
    index = (folder / "index.html").read_text("utf-8")
    assert "&lt;b&gt;" in index and "<b>" not in index


@pytest.mark.parametrize("long", ["Werkplein " + " ".join(["Amsterdam-Zuidoost"] * 10),
                                  "W" * 200])  # fmt: skip
def test_a_long_location_name_wraps_and_stays_on_one_page(tmp_path, long):
    """Issue 22: a 200-character name (with spaces or without) wraps in the title, and
    legends and sentences say 'dit Werkplein': one page."""
    paths = _project(tmp_path, {**T3, long: [3] * 14}, synthetic=False)
    write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths, location=long)
    pages, content = _pdf_text(write.folder(paths, Period.parse("2009-T3")) /
                               f"{write.file_stem(long)}.pdf")  # fmt: skip
    assert pages == 1
    assert f"Werkplein {long}".replace(" ", "") in content.replace(" ", "")
    assert "De eigen antwoorden van dit Werkplein op de veertien mijlpalen" in content


def test_a_huge_unknown_location_option_is_quoted_short(paths):
    """Issue 22: `--location` of 100.000 characters comes back as at most about 80."""
    with pytest.raises(write.UnknownLocation) as err:
        write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths, location="x" * 100_000)
    assert "(100.000 characters)" in str(err.value) and len(str(err.value)) < 400


def test_bad_input_names_file_row_and_column(paths):
    export = paths.landkaart_raw("2009-T3") / "export-2009-T3.csv"
    export.write_text(export.read_text("utf-8").replace("volledig", "misschien", 1), "utf-8")
    with pytest.raises(InputError) as err:
        write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths)
    assert (err.value.file, err.value.row, err.value.column) == (export, 2, "M01")
    assert not write.folder(paths, Period.parse("2009-T3")).exists()


# --- the inspection hook -------------------------------------------------------------------


def _inspection(paths: Paths) -> Path:
    folder = paths.inspectie_raw("2009-T3")
    folder.mkdir(parents=True)
    rows = ["locatie;mijlpaal;oordeel;opmerking"]
    rows += [f"WP-103;{m};{LABELS[2 if i < 5 else 1]};geheim {i}" for i, m in enumerate(MILESTONES)]
    (folder / "inspectie-synthetisch.csv").write_text("\n".join(rows) + "\n", "utf-8")
    (folder / "inspectie-synthetisch.json").write_text('{"synthetic": true}', "utf-8")
    return folder


def test_without_inspection_file_there_are_no_judgements(paths):
    assert compute.load("2009-T3", root=paths).judgements is None  # no folder
    paths.inspectie_raw("2009-T3").mkdir(parents=True)
    assert compute.load("2009-T3", root=paths).judgements is None  # an empty folder


def test_judgements_only_on_the_own_sheet_and_never_a_remark(paths):
    _inspection(paths)
    data = compute.load("2009-T3", root=paths)
    own = compute.sheet(data, "WP-103")
    # own answers: M01-M07 gedeeltelijk (2), M08-M14 in ontwikkeling (1);
    # inspection: M01-M05 2, M06-M14 1 -> 5 + 7 equal, M06 and M07 lower
    assert own.comparison() == {
        "same": 12, "inspection_lower": 2, "inspection_higher": 0, "compared": 14,
    }  # fmt: skip
    c = text.content(data, own, CODE)
    assert c["table"]["header"][3] == "Oordeel inspectie"
    assert c["table"]["rows"][5][3]["text"] == "in ontwikkeling"  # M06
    assert c["inspection"].startswith("De inspectie beoordeelde 14 mijlpalen van dit Werkplein")
    assert "Ook de oordelen van de inspectie zijn synthetisch." in c["synthetic"]["text"]
    assert "inspectie-synthetisch.csv (sha256 " in c["provenance"]
    assert "geheim" not in json.dumps(c)  # remarks never beside a location
    other = text.content(data, compute.sheet(data, "WP-101"), CODE)
    assert "Oordeel inspectie" not in other["table"]["header"]
    assert other["inspection"] == (
        "De inspectie beoordeelde in dit tertaal 1 Werkplein; WP-101 was daar niet bij."
    )


def test_bad_inspection_file_names_file_row_and_column(paths):
    folder = _inspection(paths)
    csv = folder / "inspectie-synthetisch.csv"
    csv.write_text(csv.read_text("utf-8").replace("M03;gedeeltelijk", "M03;misschien"), "utf-8")
    with pytest.raises(InputError) as err:
        write.write_factsheets(Period.parse("2009-T3"), "ako-2009", paths)
    assert (err.value.file, err.value.row, err.value.column) == (csv, 4, "oordeel")
    assert not write.folder(paths, Period.parse("2009-T3")).exists()


def test_cli(paths):
    runner = CliRunner()
    args = ["--root", str(paths.root), "factsheets", "--period", "2009-T3"]
    result = runner.invoke(app, [*args, "--location", "WP-104"])
    assert result.exit_code == 0, result.output
    assert (write.folder(paths, Period.parse("2009-T3")) / "WP-104.pdf").is_file()
    result = runner.invoke(app, [*args, "--location", "WP-999"])
    assert result.exit_code == 2 and "no Werkplein 'WP-999'" in result.output
    result = runner.invoke(app, ["--root", str(paths.root), "factsheets", "--period", "2010-T1"])
    assert result.exit_code == 2 and "folder for period 2010-T1 not found" in result.output
