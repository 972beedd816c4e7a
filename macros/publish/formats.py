"""The download formats, one entry each (as Datasette registers its output renderers).

An indicator's data files are written by their format's ``write`` from its ``Subject``; the chart
pictures are drawn by ``macros.charts.render`` and only described here. The indicator page and the
downloads page list these, the DCAT catalogue gives their media types, the bulk zip stores the
compressed ones as they are. A new data format is one entry in ``DATA_FORMATS`` (CONTRIBUTING.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from macros.cache import Cache
from macros.data.catalog import Catalog, Indicator
from macros.publish.tables import Table, csv_bytes
from macros.publish.writers import indicator_document, json_bytes, notes, xlsx_bytes


@dataclass(frozen=True, eq=False)
class Subject:
    """What an indicator's data files are made of: its rows of the observations table (``table``), the
    catalog, the data version, the site's address ("" when not configured) and the cache."""

    cat: Catalog
    ind: Indicator
    table: Table
    version: str
    url: str
    date: dt.date
    cache: Cache

    @functools.cached_property
    def csv(self) -> bytes:
        return csv_bytes(self.table)


class Format(NamedTuple):
    ext: str  # the file name's ending, without the dot
    media: str  # its media type (DCAT, the data package)
    label: str  # the link's text and the DCAT format
    about: str  # what the indicator page tells a reader the file is for
    compressed: bool = False  # the bulk zip stores it as it is
    write: Callable[[Subject], bytes] | None = None  # an indicator's file; None: a chart's, drawn by macros.charts.render
    link: str = "downloads/indicators/{name}.{ext}"  # where a page links it, under the site root


DATA_FORMATS = (
    Format(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLSX",
        "Excel 表格（XLSX，中文表头，含“说明”工作表；用 Excel、WPS 双击即可打开）",
        compressed=True,
        write=lambda s: xlsx_bytes([s.table], [s.csv], notes(s.cat, s.version, s.url, s.cache, s.ind), s.date, s.cat.site_name, s.cache),
    ),
    Format(
        "csv",
        "text/csv",
        "CSV",
        "表格（CSV，UTF-8，给程序和数据工具；Excel 双击打开会显示乱码，请用上面的 XLSX）",
        write=lambda s: s.csv,
    ),
    Format(
        "json",
        "application/json",
        "JSON",
        "数据和说明（JSON）",
        write=lambda s: json_bytes(indicator_document(s.cat, s.ind, s.version, s.cache, s.url), s.cache),
        link="api/v1/indicators/{name}.{ext}",  # the same bytes as downloads/indicators/, under the API's address
    ),
)
CHART_LINK = "downloads/charts/{name}.{ext}"
CHART_FORMATS = (
    Format("png", "image/png", "PNG", "图表图片（PNG，1280 像素宽，适合微信文章和打印）", compressed=True, link=CHART_LINK),
    Format("svg", "image/svg+xml", "SVG", "图表矢量图（SVG）", link=CHART_LINK),
    Format("vl.json", "application/json", "Vega-Lite", "图表规格（Vega-Lite JSON）", link=CHART_LINK),
)
FORMATS = DATA_FORMATS + CHART_FORMATS
STORED = tuple(f".{f.ext}" for f in FORMATS if f.compressed)  # file endings the bulk zip keeps as they are


def format_of(path: str) -> Format:
    """A file's format by its name's ending (the longest that matches: .vl.json before .json)."""
    return max((f for f in FORMATS if path.endswith(f".{f.ext}")), key=lambda f: len(f.ext))


def link(f: Format, name: str) -> str:
    """Where a page links the file of ``name`` (an indicator's id) in this format, under the site root."""
    return f.link.format(name=name, ext=f.ext)


def chart_files(name: str) -> dict[str, str]:
    """An indicator's chart as downloads, by file ending (png, svg, vl.json): paths under the site root."""
    return {f.ext: link(f, name) for f in CHART_FORMATS}
