"""One input policy for every input kind (issue 22): regular files inside the project, exact
names, bounded memory, short quotes; one test (or more) per numbered case of the issue.

The command-line side of the same cases (exit codes, nothing changed) is in
tests/test_input_policy_cli.py.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import copy_project

from analysis import pipeline
from analysis.core import inputs
from analysis.core.config import Paths
from analysis.core.errors import InputError, quote
from analysis.core.periods import Period
from analysis.core.provenance import input_hashes, synthetic_inputs
from analysis.ingest import cells, inspectie, toonkamer
from analysis.ingest import enquetes as surveys
from analysis.ingest.landkaart import raw_periods
from analysis.pipeline.records import Hashes
from analysis.study.dag import units
from analysis.study.waves import Wave

T3 = Period.parse("2009-T3")
RESPONDENTS = (
    "meting;locatie;bereikbaarheid;persoonlijke_aandacht;maatwerk;tijdigheid;duidelijkheid;"
    "totaal;vaste_contactpersoon;uitkering;dagen_eerste_betaling"
)


def _raw(tmp_path: Path, *kinds: str) -> Paths:
    """A project root holding the committed inputs of these kinds (and the published tables)."""
    paths = Paths(tmp_path / "p")
    for kind in (*kinds, "published", "codebook"):
        shutil.copytree(Paths().raw / kind, paths.raw / kind)
    return paths


def _refused_within_a_second(fifo: Path, call) -> InputError:
    """`call()` must raise InputError within a second; should it block on the FIFO instead,
    the FIFO is opened for writing to release it, and the test fails."""
    outcome: dict = {}

    def target() -> None:
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 (inspected below)
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    started = time.perf_counter()
    thread.start()
    thread.join(timeout=1.0)
    if thread.is_alive():
        with open(fifo, "wb"):  # unblocks a reader stuck on the FIFO
            pass
        thread.join()
        pytest.fail("blocked on a FIFO")
    assert time.perf_counter() - started < 1.0
    assert isinstance(outcome.get("error"), InputError), outcome
    return outcome["error"]


# --- 1: names exactly as they are; no wave counted twice ------------------------------------


def test_1_a_wave_folder_with_a_trailing_space_is_refused_never_counted_twice(tmp_path):
    paths = _raw(tmp_path, "enquetes")
    shutil.copytree(paths.enquetes_raw("2009-H2"), paths.enquetes_root / "2009-H2 ")
    for listing in (lambda: units("enquetes", "waves", T3, paths),
                    lambda: surveys.raw_waves(paths, T3)):  # the run's and the chapter's
        with pytest.raises(InputError, match="must be exactly '2009-H2'") as err:
            listing()
        assert err.value.file.name == "2009-H2 "
    shutil.rmtree(paths.enquetes_root / "2009-H2 ")
    (paths.enquetes_root / "2009-H2 ").mkdir()  # empty: refused all the same
    with pytest.raises(InputError, match="spaces before or after"):
        surveys.raw_waves(paths, T3)
    (paths.enquetes_root / "2009-H2 ").rmdir()
    waves, _ = surveys.raw_waves(paths, T3)
    assert [str(w) for w in waves] == ["2008-H2", "2009-H1", "2009-H2"]
    assert surveys.read_wave(Wave(2009, 2), paths).respondents.shape[0] == 40744


def test_1_a_landkaart_folder_with_a_trailing_space_names_itself(tmp_path):
    paths = _raw(tmp_path, "landkaart")
    (paths.landkaart_root / "2009-T2 ").mkdir()
    with pytest.raises(InputError, match="must be exactly '2009-T2'") as err:
        raw_periods(paths, T3)
    assert err.value.file == paths.landkaart_root / "2009-T2 "


def test_1_the_records_cover_folder_names_even_of_empty_folders(tmp_path):
    paths = _raw(tmp_path, "enquetes")
    before = Hashes().tree(paths.raw, paths.root)
    assert before["data/raw/enquetes/2009-H2/"] == "folder"
    (paths.enquetes_root / "2009-H2" / "leeg").mkdir()
    after = Hashes().tree(paths.raw, paths.root)
    assert set(after) - set(before) == {"data/raw/enquetes/2009-H2/leeg/"}


@pytest.mark.parametrize(
    ("name", "should"),
    [("2010-h1", "2010-H1"), ("2009_H2", "2009-H2"), ("2009H1", "2009-H1"), ("2009-H2.", None)],
)
def test_8_misnamed_wave_folders_are_refused_with_their_name(tmp_path, name, should):
    paths = _raw(tmp_path, "enquetes")
    (paths.enquetes_root / name).mkdir()
    if should is None:  # no wave at all: ignored, and said so
        assert units("enquetes", "waves", T3, paths)[1] == [name]
        return
    with pytest.raises(InputError, match=f"must be exactly '{should}'"):
        units("enquetes", "waves", T3, paths)


def test_names_with_spaces_and_near_miss_sidecars_are_refused(tmp_path):
    paths = _raw(tmp_path, "toonkamer", "arbeidsmarkt")
    source = toonkamer.client_file(paths)
    source.rename(source.with_name(source.stem + " .csv"))
    with pytest.raises(InputError, match="must be exactly 'toonkamer-klanten-synthetisch.csv'"):
        toonkamer.client_file(paths)
    source.with_name(source.stem + " .csv").rename(source)
    sidecar = source.with_suffix(".json")
    sidecar.rename(sidecar.with_name(sidecar.name.upper()))  # would drop the synthetic mark
    with pytest.raises(InputError, match="sidecar .* must be named exactly"):
        toonkamer.load_clients(paths)
    series = paths.arbeidsmarkt / "standcijfers.csv"
    series.rename(series.with_name("Standcijfers.csv"))
    from analysis.ingest.arbeidsmarkt import load_standcijfers

    with pytest.raises(InputError, match="must be exactly 'standcijfers.csv'") as err:
        load_standcijfers(paths)
    assert err.value.file.name == "Standcijfers.csv"


# --- 2: special files are refused by name, never opened --------------------------------------


def test_2_a_fifo_anywhere_under_data_raw_is_refused_within_a_second(tmp_path):
    paths = _raw(tmp_path, "landkaart")
    fifo = paths.raw / "landkaart" / "notities.json"
    os.mkfifo(fifo)
    error = _refused_within_a_second(fifo, lambda: synthetic_inputs(paths))
    assert error.file == fifo and "FIFO" in str(error)
    _refused_within_a_second(fifo, lambda: input_hashes(paths))
    _refused_within_a_second(fifo, lambda: Hashes().tree(paths.raw, paths.root))


def test_2_a_fifo_as_the_inspection_file_is_refused_not_a_dropped_chapter(tmp_path):
    paths = _raw(tmp_path, "landkaart", "inspectie")
    folder = paths.inspectie_raw("2008-T1")
    source = folder / "inspectie-2008-T1-synthetisch.csv"
    source.unlink()
    os.mkfifo(source)
    for check in (lambda: inspectie.available(Period(2008, 1), paths),
                  lambda: units("inspectie", "periods", T3, paths)):  # fmt: skip
        error = _refused_within_a_second(source, check)
        assert error.file == source and "FIFO (named pipe), not a regular file" in str(error)


def test_2_a_fifo_is_refused_by_planning_before_any_step(tmp_path):
    root = copy_project(tmp_path)
    fifo = Paths(root).raw / "published" / "extra.csv"
    os.mkfifo(fifo)
    request = pipeline.Request(T3, "ako-2009")
    _refused_within_a_second(fifo, lambda: pipeline.plan(request, Paths(root)))


# --- 4: bounded memory ----------------------------------------------------------------------


def test_4_a_parquet_file_beyond_the_row_limit_is_refused_up_front(tmp_path, monkeypatch):
    paths = _raw(tmp_path, "enquetes")
    monkeypatch.setenv(cells.MAX_ROWS_ENV, "40000")
    with pytest.raises(InputError, match="40.744 rows: more than the 40.000 .* ANALYSIS_MAX_ROWS"):
        surveys.read_wave(Wave(2009, 2), paths)


def test_4_a_wave_is_validated_and_written_in_batches(tmp_path, monkeypatch):
    """Small batches give the same rows, and the first bad cell of a later batch is found
    on its own row."""
    paths = _raw(tmp_path, "enquetes")
    whole = surveys.read_wave(Wave(2009, 1), paths)
    monkeypatch.setattr(cells, "BATCH_ROWS", 1000)
    surveys.write_wave(Wave(2009, 1), paths)
    written = pq.ParquetFile(paths.enquetes_processed("2009-H1"))
    assert written.metadata.num_row_groups == 38  # 37.912 rows, 1.000 at a time
    assert written.read().equals(pq.read_table(pa.BufferReader(whole.table)))
    meta = surveys.load_metadata(Wave(2009, 1), paths)
    assert meta["respondents"] == 37912 and meta["locations"] == 125
    assert surveys.up_to_date(Wave(2009, 1), paths)
    source = paths.enquetes_raw("2009-H1") / "respondenten-2009-H1-synthetisch.parquet"
    table = pq.read_table(source)
    scores = table["totaal"].to_pylist()
    scores[25_431] = 11
    pq.write_table(table.set_column(7, "totaal", pa.array(scores, pa.int8())), source)
    with pytest.raises(InputError, match="score '11'") as err:
        surveys.write_wave(Wave(2009, 1), paths)
    assert (err.value.row, err.value.column) == (25_433, "totaal")


def test_4_distinct_locations_are_bounded(tmp_path, monkeypatch):
    """Only the distinct locations are kept for a whole wave: more than the limit is bad
    input at the row of the first one too many (here 3 of 125)."""
    paths = _raw(tmp_path, "enquetes")
    monkeypatch.setattr(surveys, "MAX_LOCATIONS", 3)
    source = paths.enquetes_raw("2009-H2") / "respondenten-2009-H2-synthetisch.parquet"
    locations = pq.read_table(source, columns=["locatie"])["locatie"].to_pylist()
    fourth = sorted({loc: locations.index(loc) for loc in set(locations)}.values())[3]
    with pytest.raises(InputError, match="more than 3 distinct locations in one wave") as err:
        surveys.read_wave(Wave(2009, 2), paths)
    assert (err.value.row, err.value.column) == (fourth + 2, "locatie")


def test_4_hashing_streams_and_never_reads_a_whole_file(tmp_path, monkeypatch):
    path = tmp_path / "data" / "raw" / "big.bin"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"0123456789" * 100_000)
    expected = __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    assert inputs.sha256(path) == expected
    with pytest.raises(InputError, match="larger than the 1 KiB"):
        inputs.read_bytes(path, 1024)


# --- 5: legal or clearly wrong input never crashes ------------------------------------------


@pytest.mark.parametrize("kind", [pa.list_(pa.int8()), pa.struct([("a", pa.int8())]),
                                  pa.map_(pa.string(), pa.int8()), pa.binary()])  # fmt: skip
def test_5_unsupported_parquet_columns_are_refused_by_name(tmp_path, kind):
    paths = _raw(tmp_path, "enquetes")
    source = paths.enquetes_raw("2009-H2") / "respondenten-2009-H2-synthetisch.parquet"
    table = pq.read_table(source)
    values = pa.array([None] * table.num_rows, type=kind)
    pq.write_table(table.set_column(1, "locatie", values), source)
    with pytest.raises(InputError, match="values: expected text, whole numbers") as err:
        surveys.read_wave(Wave(2009, 2), paths)
    assert (err.value.row, err.value.column) == (1, "locatie")


def test_5_duplicated_headers_are_refused_by_name(tmp_path):
    path = tmp_path / "klanten.csv"
    path.write_text("klant,groep,regeling,locatie,instroomdatum,uitstroomdatum,uitstroomreden,"
                    "locatie\nK1,toonkamer,WW,Gouda,2006-01-02,,,Dordrecht\n", "utf-8")  # fmt: skip
    with pytest.raises(InputError, match="column 'locatie' appears twice") as err:
        toonkamer.read_clients(path)
    assert (err.value.row, err.value.column) == (1, "locatie")
    survey = tmp_path / "r.csv"
    survey.write_text(RESPONDENTS + ";totaal\n" + "2010-H1;WP-1;7;7;7;7;7;7;ja;WW;3;8\n")
    key = lambda h: surveys.header_key(h, surveys.RESPONDENTS)  # noqa: E731
    with pytest.raises(InputError, match="appears twice") as err, cells.open_cells(
        survey, surveys.RESPONDENTS, key
    ):
        pass
    assert err.value.column == "totaal"


def test_5_a_column_with_data_but_no_header_is_refused_by_every_reader(tmp_path):
    """Landkaart export, inspection file and respondent file alike (`tabular.check_unnamed`);
    an empty column without a header (a trailing separator) is left alone."""
    from analysis.ingest.landkaart import read_export
    from analysis.ingest.tabular import read_input
    from analysis.study.codebook import load_codebook

    export = tmp_path / "export.csv"
    export.write_text("locatie," + ",".join(f"M{j:02d}" for j in range(1, 15)) + ",\n"
                      "WP-001," + ",".join(["groen"] * 14) + ",x\n", "utf-8")  # fmt: skip
    inspection = tmp_path / "inspectie.csv"
    inspection.write_text("locatie,mijlpaal,oordeel,\nWP-001,M01,groen,x\n", "utf-8")
    survey = tmp_path / "r.csv"  # an unnamed second column
    survey.write_text(RESPONDENTS.replace(";", ";;", 1) + "\n2010-H1;x;WP-1;7;7;7;7;7;7;ja;WW;3\n")
    key = lambda h: surveys.header_key(h, surveys.RESPONDENTS)  # noqa: E731
    readers = {
        export: lambda: read_export(export, load_codebook()),
        inspection: lambda: inspectie.map_columns(inspection, read_input(inspection)[1]),
        survey: lambda: cells.open_cells(survey, surveys.RESPONDENTS, key).__enter__(),
    }
    columns = {export: 16, inspection: 4, survey: 2}
    for path, read in readers.items():
        with pytest.raises(InputError, match="has data but no header") as err:
            read()
        assert f"column {columns[path]} has data" in str(err.value) and err.value.row == 1
    survey.write_text(RESPONDENTS.replace(";", ";;", 1) + "\n2010-H1;;WP-1;7;7;7;7;7;7;ja;WW;3\n")
    with cells.open_cells(survey, surveys.RESPONDENTS, key) as found:
        assert "" not in found.headers.values()


def test_5_a_parquet_column_named_twice_is_refused_by_name(tmp_path):
    paths = _raw(tmp_path, "enquetes")
    source = paths.enquetes_raw("2009-H2") / "respondenten-2009-H2-synthetisch.parquet"
    table = pq.read_table(source)
    pq.write_table(table.append_column("totaal", table["totaal"]), source)
    with pytest.raises(InputError, match="column 'totaal' appears twice") as err:
        surveys.read_wave(Wave(2009, 2), paths)
    assert (err.value.row, err.value.column) == (1, "totaal")


def test_5_a_deeply_nested_stray_json_is_bad_input_naming_it(tmp_path):
    paths = _raw(tmp_path, "toonkamer")
    stray = paths.raw / "toonkamer" / "notities.json"
    stray.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(InputError, match="unreadable JSON") as err:
        synthetic_inputs(paths)
    assert err.value.file == stray


# --- 7: nothing echoed from outside the project ---------------------------------------------


def test_7_a_link_out_of_the_project_is_refused_unread(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET\n", "utf-8")
    paths = _raw(tmp_path, "landkaart")
    folder = paths.landkaart_raw("2009-T3")
    export = folder / "landkaart-2009-T3-synthetisch.csv"
    export.unlink()
    export.symlink_to(secret)
    from analysis.ingest.landkaart import read_period
    from analysis.study.codebook import load_codebook

    for call in (lambda: read_period(T3, paths, load_codebook(paths)),
                 lambda: input_hashes(paths)):  # fmt: skip
        with pytest.raises(InputError, match="symbolic link to a place outside the project") as e:
            call()
        assert "TOP-SECRET" not in str(e.value) and "root:" not in str(e.value)
    outside = tmp_path / "elders"  # a linked folder leading out: the same
    shutil.copytree(folder, outside)
    (outside / export.name).unlink()
    shutil.copy(Paths().landkaart_raw("2009-T3") / export.name, outside / export.name)
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError, match="outside the project"):
        read_period(T3, paths, load_codebook(paths))
    folder.unlink()
    shutil.copytree(outside, folder)
    inside = paths.root / "bewaard.csv"  # a link that stays inside the project is read
    shutil.copy(Paths().landkaart_raw("2009-T3") / export.name, inside)
    export.unlink()
    export.symlink_to(inside)
    assert read_period(T3, paths, load_codebook(paths)).answers.shape == (125 * 14, 3)


def test_7_messages_quote_at_most_about_80_characters_of_input(tmp_path):
    assert quote("x" * 100_000) == f"'{'x' * 79}…' (100.000 characters)"
    long = "L" * 100_000
    error = InputError(tmp_path / ("f" * 300 + ".csv"), f"bad {quote(long)}", row=2, column=long)
    assert len(str(error)) < 400 + len(str(tmp_path))
    paths = Paths(tmp_path)
    folder = paths.enquetes_raw("2010-H1")
    folder.mkdir(parents=True)
    (folder / "r.csv").write_text(RESPONDENTS + "\n2010-H1;" + "W" * 100_000 + ";7;7;7;7;7;7;"
                                  "ja;WW;3\n")  # fmt: skip
    with pytest.raises(InputError, match="at most 100 characters") as err:
        surveys.read_wave(Wave(2010, 1), paths)
    assert (err.value.row, err.value.column) == (2, "locatie") and len(str(err.value)) < 400
    from analysis.terminal import short_quotes

    message = short_quotes(f"Invalid value for '--engine': '{long}' is not one of 'auto'.")
    assert len(message) < 200 and "(100.000 characters)" in message


# --- 8: the records cover every processed file; a failed run leaves nothing --------------------


def test_8_a_tampered_or_added_processed_file_is_seen(tmp_path):
    root = copy_project(tmp_path, book=("index.md", "notebooks/05-enquetes.ipynb"))
    paths, period = Paths(root), Period(2008, 3)
    pipeline.ingest(period, paths, lambda message: None)
    request = pipeline.Request(period, "ako-2009")
    step = "ingest/enquetes/2008-H2"
    assert not next(d for d in pipeline.plan(request, paths) if d.step.id == step).run
    processed = paths.enquetes_processed("2008-H2")
    assert surveys.up_to_date(Wave(2008, 2), paths)
    data = bytearray(processed.read_bytes())
    data[-100] ^= 1
    processed.write_bytes(bytes(data))
    decision = next(d for d in pipeline.plan(request, paths) if d.step.id == step)
    assert decision.run and decision.why == "its outputs were changed or removed"
    assert not surveys.up_to_date(Wave(2008, 2), paths)  # the notebook path reads it no more
    pipeline.ingest(period, paths, lambda message: None)
    (processed.parent / "extra.csv").write_text("x")
    assert next(d for d in pipeline.plan(request, paths) if d.step.id == step).run


def test_8_a_run_that_cannot_write_reports_leaves_no_stage_behind(tmp_path, monkeypatch):
    paths = Paths(tmp_path)
    paths.processed.mkdir(parents=True)
    real = pipeline.transaction.tempfile.mkdtemp

    def mkdtemp(prefix, dir):  # noqa: A002 (tempfile's name)
        if Path(dir) == paths.reports:
            raise PermissionError(13, "Permission denied")
        return real(prefix=prefix, dir=dir)

    monkeypatch.setattr(pipeline.transaction.tempfile, "mkdtemp", mkdtemp)
    with pytest.raises(InputError, match="cannot write there: Permission denied"), pipeline.staged(
        paths
    ):
        pass
    assert list(paths.processed.iterdir()) == []


def test_8_a_stopped_pool_ends_its_children_at_once():
    """Ctrl-C or SIGTERM ends the run's children at once (they no longer inherit the blocked
    signals of the fork, which made each wait 5 s for SIGKILL)."""
    from analysis.core.workers import Pool

    pool = Pool(2)
    for key in ("a", "b"):
        pool.start(key, time.sleep, 30)
    time.sleep(0.3)
    pid = pool._running[0].process.pid
    blocked = Path(f"/proc/{pid}/status").read_text().split("SigBlk:")[1].split()[0]
    assert int(blocked, 16) == 0
    started = time.perf_counter()
    pool.stop()
    assert time.perf_counter() - started < 2


def test_synthetic_sidecars_are_still_found(tmp_path):
    paths = _raw(tmp_path, "toonkamer", "enquetes")
    found = synthetic_inputs(paths)
    assert "data/raw/toonkamer/toonkamer-klanten-synthetisch.json" in found
    assert json.loads((paths.root / found[0]).read_text("utf-8"))["synthetic"] is True


# --- 3 and 8: Toonkamer locations, columns and dates ------------------------------------------

CLIENTS = "klant,groep,regeling,locatie,instroomdatum,uitstroomdatum,uitstroomreden\n"


def _clients(tmp_path: Path, rows: list[str], sidecar: dict | None = None) -> Paths:
    paths = _raw(tmp_path, "toonkamer")
    for file in paths.toonkamer.glob("toonkamer-klanten*"):
        file.unlink()
    (paths.toonkamer / "klanten.csv").write_text(CLIENTS + "\n".join(rows) + "\n", "utf-8")
    if sidecar is not None:
        (paths.toonkamer / "klanten.json").write_text(json.dumps(sidecar), "utf-8")
    return paths


CODES = {"locations": {"TK-1": "A’dam Zuidoost", "TK-2": "Den Bosch"}}


@pytest.mark.parametrize(
    ("location", "sidecar", "message"),
    [
        ("Utrecht", None, "unknown location 'Utrecht': expected a published location"),
        ("gouda", None, "unknown location 'gouda' (written exactly so: 'Gouda'?)"),
        ("tk-1", CODES, "unknown location 'tk-1' (written exactly so: 'TK-1'?)"),
    ],
)
def test_3_a_location_must_be_published_or_a_code_of_the_sidecar(tmp_path, location, sidecar,
                                                                  message):  # fmt: skip
    paths = _clients(tmp_path, ["K0,toonkamer,WW,Gouda,2006-01-02,,",
                                f"K1,toonkamer,WW,{location},2006-01-02,,"], sidecar)  # fmt: skip
    with pytest.raises(InputError) as err:
        toonkamer.load_clients(paths)
    assert message in str(err.value) and (err.value.row, err.value.column) == (3, "locatie")


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ({"TK-1": "Amsterdam"}, "maps 'TK-1' to 'Amsterdam', which is not a published location"),
        ({"TK-1": "Gouda", "TK-2": "Gouda"}, "maps both 'TK-1' and 'TK-2' to 'Gouda'"),
        ({"Gouda": "Dordrecht"}, "maps the published location 'Gouda' to another one"),
    ],
)
def test_3_the_sidecar_maps_codes_one_to_one_to_published_locations(tmp_path, codes, message):
    paths = _clients(tmp_path, ["K0,toonkamer,WW,Gouda,2006-01-02,,"], {"locations": codes})
    with pytest.raises(InputError, match=message) as err:
        toonkamer.load_clients(paths)
    assert err.value.file.name == "klanten.json"


def test_3_one_location_is_written_one_way(tmp_path):
    paths = _clients(tmp_path, ["K0,toonkamer,WW,TK-1,2006-01-02,,",
                                "K1,toonkamer,WW,A’dam Zuidoost,2006-01-02,,"], CODES)  # fmt: skip
    with pytest.raises(InputError, match="written 'TK-1' on row 2") as err:
        toonkamer.load_clients(paths)
    assert err.value.row == 3
    paths = _clients(tmp_path / "ok", ["K0,toonkamer,WW,TK-1,2006-01-02,,"], CODES)
    clients = toonkamer.load_clients(paths)
    assert clients.published_label("TK-1") == "A’dam Zuidoost"


def test_8_extra_columns_and_dates_after_the_data_date_are_refused(tmp_path):
    path = tmp_path / "klanten.csv"
    path.write_text(CLIENTS.strip() + ",leeftijd\nK1,toonkamer,WW,Gouda,2006-01-02,,,40\n")
    with pytest.raises(InputError, match="unknown column 'leeftijd'") as err:
        toonkamer.read_clients(path)
    assert (err.value.row, err.value.column) == (1, "leeftijd")
    paths = _clients(tmp_path / "a", ["K1,toonkamer,WW,Gouda,2031-01-02,,"])
    with pytest.raises(InputError, match="2031-01-02 lies after the data date") as err:
        toonkamer.load_clients(paths)
    assert (err.value.row, err.value.column) == (2, "instroomdatum")
    rows = ["K1,toonkamer,WW,Gouda,2006-01-02,2006-10-01,werk"]
    paths = _clients(tmp_path / "b", rows, {"data_date": "2006-09-01"})
    with pytest.raises(InputError, match="2006-10-01 lies after the data date 2006-09-01") as err:
        toonkamer.load_clients(paths)
    assert err.value.column == "uitstroomdatum"


def test_3_the_committed_clients_are_accepted():
    clients = toonkamer.load_clients(Paths())
    assert len(clients.frame) == 1263
    assert set(clients.frame["location"]) == {"TK-1", "TK-2", "TK-3", "TK-4"}


# --- 5 and 6: inspection input ----------------------------------------------------------------


def _inspection(tmp_path: Path, edit) -> Paths:
    paths = _raw(tmp_path, "landkaart", "inspectie")
    source = paths.inspectie_raw("2008-T1") / "inspectie-2008-T1-synthetisch.csv"
    lines = source.read_text("utf-8").splitlines()
    source.write_text("\n".join(edit(lines)) + "\n", "utf-8")
    return paths


def test_6_a_misspelt_inspected_location_is_named_on_its_row(tmp_path):
    paths = _inspection(tmp_path, lambda lines: [lines[0], lines[1].replace("WP-004", "WP-04"),
                                                 *lines[2:]])  # fmt: skip
    from analysis.chapters.interpretatieverschillen import compute

    with pytest.raises(InputError) as err:
        compute.load("2008-T1", root=paths)
    assert "unknown location 'WP-04': not in the Landkaart export of 2008-T1" in str(err.value)
    assert (err.value.row, err.value.column) == (2, "locatie")


def _blank(lines: list[str], which) -> list[str]:
    out = [lines[0]]
    for line in lines[1:]:
        location, milestone, judgement, *rest = line.split(",")
        if which(location, milestone):
            judgement = ""
        out.append(",".join([location, milestone, judgement, *rest]))
    return out


def test_5_an_inspection_without_any_judgement_gives_the_geen_oordelen_note(tmp_path):
    from analysis.chapters.interpretatieverschillen import compute, plots, text, text_tables

    paths = _inspection(tmp_path, lambda lines: _blank(lines, lambda loc, m: True))
    ins = compute.load("2008-T1", root=paths)
    assert ins.available and ins.complete.empty
    assert "bevat geen oordelen" in text.data_note(ins)
    assert "15 van de 15 Werkpleinen hebben op geen enkele mijlpaal een oordeel" in (
        text.sample_note(ins)
    )
    for function in (text.bars_alt, text.heatmap_alt, text.agreement_sentence,
                     text.milestone_sentence, text.location_sentence, text.meaning,
                     text_tables.agreement_display, plots.milestone_bars,
                     plots.difference_heatmap):  # fmt: skip
        function(ins)  # no crash
    tables = compute.tables(Period(2008, 1), "ako-2009", paths)
    assert tables["confusion"]["count"].sum() == 0  # every cell of the cross table empty


def test_5_partly_blank_judgements_are_left_out_and_counted(tmp_path):
    from analysis.chapters.interpretatieverschillen import compute, text

    paths = _inspection(tmp_path, lambda lines: _blank(
        lines, lambda loc, m: loc in ("WP-004", "WP-009") or m == "M03"))  # fmt: skip
    ins = compute.load("2008-T1", root=paths)
    assert len(ins.pairs) == 210 and len(ins.complete) == 13 * 13
    note = text.sample_note(ins)
    assert "Bij 41 paren ontbreekt" in note and "2 van de 15 Werkpleinen hebben" in note
    assert "Het grootste aandeel hoger heeft mijlpaal" in text.bars_alt(ins)


# --- 8: input text verbatim in the report; long names in factsheets ---------------------------


def test_8_input_text_keeps_its_quotes_dashes_and_dots_in_html_and_typst():
    import pypandoc

    from analysis.core.markdown import literal

    name = "A'dam \"Zuid\" -- oud --- nieuw ... WP-001"
    html = pypandoc.convert_text(literal(name), "html", format="markdown+smart")
    assert html.strip() == f"<p>{name}</p>"  # without smart typography: ’ “ ” – — …
    typst = pypandoc.convert_text(literal(name), "typst", format="markdown+smart")
    assert "\\'dam" in typst and '\\"Zuid' in typst and "-\\-" in typst
    # three dots: Typst's markup would make them an ellipsis; the report's filter keeps them
    import io

    import typst as typst_compiler
    from pypdf import PdfReader

    from analysis.render.pandoc import TEMPLATES_DIR

    filtered = pypandoc.convert_text(
        f"# T\n\n{literal(name)}", "typst", format="markdown+smart",
        filters=[str(TEMPLATES_DIR / "quarto.lua")],
    )  # fmt: skip
    assert "nieuw \\.\\.\\. WP" in filtered
    source = filtered.replace("<t>", "")  # the heading's label: no document to point at
    pdf = typst_compiler.compile(source.encode())
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "nieuw ... WP-001" in text



def test_8_a_notebook_alone_reads_no_processed_file_changed_since_its_run(tmp_path):
    from analysis.ingest.landkaart import load_answers, read_period
    from analysis.study.codebook import load_codebook

    root = copy_project(tmp_path, book=("index.md", "notebooks/01-landkaart.ipynb"))
    paths, period = Paths(root), Period(2008, 1)
    pipeline.ingest(period, paths, lambda message: None)
    raw = read_period(period, paths, load_codebook(paths)).answers
    processed = paths.landkaart_processed(period)
    text = processed.read_text("utf-8")
    processed.write_text(text.replace(",0\n", ",3\n"), "utf-8")  # 'niet' made 'volledig'
    assert load_answers(period, paths).equals(raw)  # read from the raw export instead
    processed.write_text(text, "utf-8")
    assert load_answers(period, paths).equals(raw)
