"""XLSX files are written cell by cell exactly as openpyxl writes them, so released files keep their bytes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros import exports, spreadsheet
from macros.loader import load_catalog
from macros.tables import OBSERVATION_COLUMNS, observation_rows, tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATE = dt.date(2026, 11, 27)


def hostile_data(folder: Path) -> Path:
    shutil.copytree(FIXTURES / "valid" / "data", folder)
    shutil.copytree(FIXTURES / "hostile", folder, dirs_exist_ok=True)
    return folder


@pytest.mark.parametrize("which", ["real", "hostile"])
def test_every_workbook_is_what_openpyxl_writes(which: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("macros.cache.CACHE_ROOT", tmp_path / "cache")  # made now, not read from an older cache
    cat = load_catalog(ROOT / "data" if which == "real" else hostile_data(tmp_path / "data"))
    for ind in cat.indicators.values():
        args = ([("数据", OBSERVATION_COLUMNS, observation_rows(cat, [ind]))], exports.notes(cat, "2024.1", "https://example.org/", ind), DATE)
        assert spreadsheet.workbook(*args) == spreadsheet.openpyxl_workbook(*args), ind.id
    whole = ([(title, columns, rows) for _name, (title, columns, rows, _key) in tables(cat).items()], exports.notes(cat, "2024.1", ""), DATE)
    assert spreadsheet.workbook(*whole) == spreadsheet.openpyxl_workbook(*whole)


def test_awkward_text_is_kept_as_openpyxl_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("macros.cache.CACHE_ROOT", tmp_path)
    texts = ["  leading space", "trailing space ", "=SUM(A1:A2)", "a & b < c > d", "两行\n文字", "", " ", "\"quoted\" 'single'", "0.30000000000000004"]
    rows = [{c.name: (t if c.type == "string" else ("0.30000000000000004" if c.type == "number" else "")) for c in OBSERVATION_COLUMNS} for t in texts]
    notes = [(t or "空", t) for t in texts]
    args = ([("数据", OBSERVATION_COLUMNS, rows)], notes, DATE)
    assert spreadsheet.workbook(*args) == spreadsheet.openpyxl_workbook(*args)


def test_released_workbooks_are_rebuilt_byte_for_byte(catalog) -> None:
    """The data has not changed since release 2024.1, so its workbooks must come out the same."""
    from macros.releases import frozen

    released = frozen("2024.1")
    built = exports.release_files(catalog, "2024.1")
    names = [n for n in released if n.endswith(".xlsx")]
    assert len(names) == len(catalog.indicators) + 1
    for name in names:
        assert built[name] == released[name], name
