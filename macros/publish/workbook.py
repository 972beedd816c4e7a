"""XLSX workbooks that open in Excel and WPS, written by openpyxl's public API (``Workbook.save``).

The same tables make the same bytes: on the saved file, the document properties are set to the
data's date and every zip entry to the same fixed time (``save`` stamps the clock's).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from macros.publish.tables import Table

HEADER = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CORE = "docProps/core.xml"


def fixed(saved: bytes, stamp: dt.datetime) -> bytes:
    """The saved workbook with every zip entry at ``stamp``, in the same order, and its core properties'
    modified time ``stamp`` (``save`` stamps the clock's): the same tables, the same bytes. The core
    properties are the package's part docProps/core.xml (ECMA-376 Part 2), written by openpyxl."""
    out = io.BytesIO()
    modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    with zipfile.ZipFile(io.BytesIO(saved)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = source.read(entry)
            if entry.filename == CORE:
                data = re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + modified + rb"\g<2>", data)
            archive.writestr(info, data)
    return out.getvalue()


def cell_value(text: str, type_: str) -> object:
    """A table cell as a spreadsheet value: numbers as numbers, everything else as text."""
    if text and type_ == "number":
        return float(text)
    if text and type_ == "integer":
        return int(text)
    return text


def number_format(text: str) -> str:
    """A number's format in the spreadsheet: the decimals its text was written with (the indicator's
    ``decimals``), so a derived 5.00 shows as 5.00, not 5."""
    decimals = len(text.partition(".")[2])
    return "0." + "0" * decimals if decimals else "0"


def _cell(ws: Any, value: object, style: Font | Alignment | None = None, text: str = "") -> WriteOnlyCell:
    # text, never a formula: openpyxl makes a formula of a plain string that starts with "=", not of rich text
    cell = WriteOnlyCell(ws, CellRichText(value) if isinstance(value, str) and value.startswith("=") else value)
    if isinstance(value, float):
        cell.number_format = number_format(text)
    if isinstance(style, Font):
        cell.font = style
    elif isinstance(style, Alignment):
        cell.alignment = style
    return cell


def _widths(table: Table) -> list[int]:
    """Column widths in characters: the longest text of each column, within 60."""
    lengths = table.frame.apply(lambda column: column.str.len().max() if len(column) else 0)
    return [min(60, max(len(c.zh) * 2, int(lengths[c.name] or 0)) + 2) for c in table.columns]


def workbook(tables: Iterable[Table], notes: list[tuple[str, str]], date: dt.date, creator: str) -> bytes:
    """One sheet per table (Chinese headers, numbers as numbers, codes named in Chinese, the header row
    frozen) and a 说明 sheet."""
    wb = Workbook(write_only=True)
    for table in tables:
        ws = wb.create_sheet(table.title)
        ws.freeze_panes = "A2"
        for i, width in enumerate(_widths(table), 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.append([_cell(ws, c.zh, HEADER) for c in table.columns])
        for row in table.frame.itertuples(index=False, name=None):
            ws.append([_cell(ws, cell_value(c.label(text), c.type), text=text) for text, c in zip(row, table.columns, strict=True)])
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for key, value in notes:
        ws.append([_cell(ws, key, HEADER), _cell(ws, value, WRAP)])
    stamp = dt.datetime(date.year, date.month, date.day)
    wb.properties.created = stamp
    wb.properties.creator = creator  # the site's name
    saved = io.BytesIO()
    wb.save(saved)
    return fixed(saved.getvalue(), stamp)
