"""XLSX files that open in Excel and WPS, written byte-for-byte the same for the same data."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from macros.cache import cached
from macros.tables import Column

HEADER = Font(bold=True)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def workbook(sheets: list[tuple[str, tuple[Column, ...], list[dict[str, str]]]], notes: list[tuple[str, str]], date: dt.date) -> bytes:
    """A workbook with one sheet per table (Chinese headers, numbers as numbers) and a 说明 sheet.

    openpyxl takes about 90 ms a workbook, so the bytes are cached by a hash of the content.
    """
    key = [[(t, [c.name for c in cols], rows) for t, cols, rows in sheets], notes, date.isoformat()]
    return cached("exports", key, ".xlsx", lambda: _workbook(sheets, notes, date))


def _workbook(sheets: list[tuple[str, tuple[Column, ...], list[dict[str, str]]]], notes: list[tuple[str, str]], date: dt.date) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append([c.zh for c in columns])
        for cell in ws[1]:
            cell.font = HEADER
        for r, row in enumerate(rows, 2):
            values = [_cell(c, row[c.name]) for c in columns]
            ws.append(values)
            for i, value in enumerate(values, 1):
                if isinstance(value, str) and value.startswith("="):  # openpyxl reads it as a formula: keep it text
                    ws.cell(r, i).data_type = "s"
        for i, c in enumerate(columns, 1):
            width = min(60, max(len(c.zh) * 2, *(len(r[c.name]) for r in rows), 0) + 2)
            ws.column_dimensions[ws.cell(1, i).column_letter].width = width
        ws.freeze_panes = "A2"
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for r, (key, value) in enumerate(notes, 1):
        ws.append([key, value])
        ws.cell(r, 1).font = HEADER
        ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
    stamp = dt.datetime(date.year, date.month, date.day)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "商河县科技统计数据"
    out = io.BytesIO()
    wb.save(out)  # openpyxl stamps "modified" with the clock; fixed_zip puts the data's date back
    return fixed_zip(out.getvalue(), stamp)


def _cell(column: Column, text: str) -> object:
    if text and column.type == "number":
        return float(text)
    if text and column.type == "integer":
        return int(text)
    return text


def fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip with one fixed timestamp on every entry, keeping the entry order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = MODIFIED.sub(f"\\g<1>{stamp:%Y-%m-%dT%H:%M:%SZ}\\g<2>".encode(), data)
            dst.writestr(_entry(info.filename, stamp), data)
    return out.getvalue()


def make_zip(files: dict[str, bytes], stamp: dt.datetime) -> bytes:
    """A zip of ``files`` in name order, every entry with the same timestamp."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(files):
            dst.writestr(_entry(name, stamp), files[name])
    return out.getvalue()


def _entry(name: str, stamp: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
