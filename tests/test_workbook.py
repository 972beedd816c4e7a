"""XLSX files: written by openpyxl's public API, the same bytes for the same tables, text kept as
text; and a release is compared with today's files by its data, whatever writer made them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from macros.publish.tables import OBSERVATION_COLUMNS, Table, frame
from macros.publish.workbook import workbook

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2026, 11, 27)
AWKWARD = ["  leading space", "trailing space ", "=SUM(A1:A2)", "a & b < c > d", "两行\n文字", "", " ", "\"quoted\" 'single'", "0.30000000000000004"]


def awkward_table() -> Table:
    rows = [{c.name: (t if c.type == "string" else "125.90" if c.type == "number" else "") for c in OBSERVATION_COLUMNS} for t in AWKWARD]
    return Table("awkward", "数据", OBSERVATION_COLUMNS, frame(OBSERVATION_COLUMNS, rows), ())


def test_the_same_tables_make_the_same_bytes_with_the_datas_date() -> None:
    first = workbook([awkward_table()], [("说明", "x")], DATE, "测试站点")
    assert workbook([awkward_table()], [("说明", "x")], DATE, "测试站点") == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 27, 0, 0, 0)}, "every entry carries the data's date, not the clock's"
        core = z.read("docProps/core.xml").decode("utf-8")
    assert re.search(r"<dcterms:modified[^>]*>2026-11-27T00:00:00Z</dcterms:modified>", core), core


def test_text_stays_text_and_numbers_are_numbers() -> None:
    book = load_workbook(io.BytesIO(workbook([awkward_table()], [(t or "空", t) for t in AWKWARD], DATE, "测试站点")))
    sheet, notes = book["数据"], book["说明"]
    assert book.properties.creator == "测试站点"  # the site's name, from dataset.yaml
    assert [c.value for c in sheet[1]] == [c.zh for c in OBSERVATION_COLUMNS], "Chinese headers"
    assert sheet.freeze_panes == "A2"
    name = [c.name for c in OBSERVATION_COLUMNS].index("indicator_name") + 1
    value = [c.name for c in OBSERVATION_COLUMNS].index("value") + 1
    for r, text in enumerate(AWKWARD, 2):
        assert (sheet.cell(r, name).value or "") == text
        assert sheet.cell(r, name).data_type != "f", "never a formula"
        assert sheet.cell(r, value).value == 125.9
    assert [(a.value, b.value or "") for a, b in notes.iter_rows()] == [(t or "空", t) for t in AWKWARD]


def test_files_a_new_writer_writes_differently_are_no_longer_the_release(fixture_data, tmp_path: Path, mkdocs_build) -> None:
    """A version names every file byte for byte (issue 33): when today's writers write the same data
    differently (here: the frozen CSVs have CRLF line ends), the files are no longer the release's, the
    site says so, and the changelog names the files (the data did not change)."""
    data = fixture_data.data
    run = subprocess.run(
        [sys.executable, "-m", "scripts.release", "2024.1", "--summary", "测试", "--date", "2026-01-31"],
        cwd=ROOT,
        env={**os.environ, "SHANGHE_DATA": str(data)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    folder = data / "releases" / "2024.1"
    for path in [folder / "observations.csv", *(folder / "indicators").glob("*.csv")]:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    sums = "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}\n"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "SHA256SUMS"
    )
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
    releases = data / "releases.yaml"
    recorded = re.search(r"sha256sums: ([0-9a-f]{64})", releases.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
    releases.write_text(releases.read_text(encoding="utf-8").replace(recorded, hashlib.sha256(sums.encode()).hexdigest()), encoding="utf-8")
    run = mkdocs_build(tmp_path / "site", data)
    assert run.returncode == 0, run.stderr[-2000:]
    html = (tmp_path / "site" / "downloads" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<td data-label="最近更新"><a href="../changelog/#since-latest">([^<]*)</a></td>', html)
    assert dates and set(dates) == {"2024.1版之后"} and html.count('data-label="最近更新"') == len(dates)
    assert "本页的文件是本站现在发布的数据：<strong>2024.1版之后的更新</strong>" in html
    changelog = (tmp_path / "site" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "<li>文件的写法变了，数据不变：indicators/*.csv" in changelog and "<li>文件的写法变了，数据不变：observations.csv。</li>" in changelog
