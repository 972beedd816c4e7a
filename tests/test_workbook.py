"""XLSX files: written by openpyxl's public API, the same bytes for the same tables, text kept as
text, and the released data still in the current files whatever writer made them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from macros.data.releases import frozen
from macros.publish.tables import OBSERVATION_COLUMNS, Table, frame
from macros.publish.workbook import workbook

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2026, 11, 27)
AWKWARD = ["  leading space", "trailing space ", "=SUM(A1:A2)", "a & b < c > d", "两行\n文字", "", " ", "\"quoted\" 'single'", "0.30000000000000004"]


def awkward_table() -> Table:
    rows = [{c.name: (t if c.type == "string" else "125.90" if c.type == "number" else "") for c in OBSERVATION_COLUMNS} for t in AWKWARD]
    return Table("awkward", "数据", OBSERVATION_COLUMNS, frame(OBSERVATION_COLUMNS, rows), ())


def test_the_same_tables_make_the_same_bytes_with_the_datas_date() -> None:
    first = workbook([awkward_table()], [("说明", "x")], DATE)
    assert workbook([awkward_table()], [("说明", "x")], DATE) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 27, 0, 0, 0)}, "every entry carries the data's date, not the clock's"
        core = z.read("docProps/core.xml").decode("utf-8")
    assert re.search(r"<dcterms:modified[^>]*>2026-11-27T00:00:00Z</dcterms:modified>", core), core


def test_text_stays_text_and_numbers_are_numbers() -> None:
    book = load_workbook(io.BytesIO(workbook([awkward_table()], [(t or "空", t) for t in AWKWARD], DATE)))
    sheet, notes = book["数据"], book["说明"]
    assert [c.value for c in sheet[1]] == [c.zh for c in OBSERVATION_COLUMNS], "Chinese headers"
    assert sheet.freeze_panes == "A2"
    name = [c.name for c in OBSERVATION_COLUMNS].index("indicator_name") + 1
    value = [c.name for c in OBSERVATION_COLUMNS].index("value") + 1
    for r, text in enumerate(AWKWARD, 2):
        assert (sheet.cell(r, name).value or "") == text
        assert sheet.cell(r, name).data_type != "f", "never a formula"
        assert sheet.cell(r, value).value == 125.9
    assert [(a.value, b.value or "") for a, b in notes.iter_rows()] == [(t or "空", t) for t in AWKWARD]


def test_current_workbooks_hold_the_released_data(site: Path, catalog) -> None:
    """The data have not changed since release 2024.1: every workbook has the released cells
    (the bytes may differ: the released files were written by an earlier writer)."""
    released = {name: data for name, data in frozen(ROOT / "data", "2024.1").items() if name.endswith(".xlsx")}
    assert len(released) == len(catalog.indicators) + 1
    for name, data in released.items():
        old, new = load_workbook(io.BytesIO(data)), load_workbook(site / "downloads" / name)
        assert old.sheetnames == new.sheetnames, name
        for sheet in old.sheetnames:
            assert list(old[sheet].values) == list(new[sheet].values), (name, sheet)


def test_last_update_dates_compare_data_not_bytes(site: Path, catalog) -> None:
    """A new spreadsheet writer is not a data change: the downloads page dates every unchanged
    indicator to the release it was published in."""
    html = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<td data-label="最近更新">([^<]*)</td>', html)
    assert dates == [catalog.latest_release.date] * len(catalog.indicators)
