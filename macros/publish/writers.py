"""What an indicator's data files and the workbooks say besides their tables: the JSON document (the
API file) and the 说明 sheet, with the citations of ``citations``; and the writers of JSON and XLSX, each kept in the cache by
what it is made of."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from macros.cache import Cache, key_of, version_of
from macros.data import schema
from macros.data.catalog import Catalog, Indicator
from macros.data.releases import dataset_date, version_words
from macros.data.statements import caveats, headline, text
from macros.publish import citations, tables, workbook
from macros.publish.tables import Table, licence_of

# what makes a workbook, an indented JSON file or the zip besides their contents: this code as imported,
# pandas, openpyxl and lxml (openpyxl writes with it)
MAKER = version_of([__file__, workbook.__file__, tables.__file__], ["pandas", "openpyxl", "lxml"])


def compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_bytes(data: Any, cache: Cache) -> bytes:
    """Indented JSON with sorted keys, from the data or their ``compact_json``. Python indents JSON in
    pure Python (about 1 ms a file) but writes compact JSON in C, so the compact text is the key under
    which the indented file is kept."""
    compact = data if isinstance(data, str) else compact_json(data)
    return cache.fetch(
        "json", key_of(MAKER, compact), lambda: (json.dumps(json.loads(compact), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    )


def xlsx_bytes(sheets: list[Table], csvs: list[bytes], notes: list[tuple[str, str]], date: dt.date, creator: str, cache: Cache) -> bytes:
    """``workbook.workbook``, kept in the cache by its tables' contents (``csvs``: each sheet's ``csv_bytes``)."""
    shape = [(t.title, [(c.name, c.type, c.zh) for c in t.columns], hashlib.sha256(csv).hexdigest()) for t, csv in zip(sheets, csvs, strict=True)]
    return cache.fetch("xlsx", key_of(MAKER, shape, notes, date.isoformat(), creator), lambda: workbook.workbook(sheets, notes, date, creator))


def citation_texts(cat: Catalog, version: str, url: str, cache: Cache, ind: Indicator | None = None) -> dict[str, str]:
    """How to cite an indicator's page or (no ``ind``) the dataset's downloads page, in every style, for the
    site at ``url`` ("" when not configured: no address)."""
    return citations.texts(citations.work(cat, version, citations.page_address(url, ind), ind), cache)


def flags_text() -> str:
    """The marks as the workbook names them, each with the code the CSV keeps: '推算值（代码 derived）：…'."""
    flags = [f"{mark.zh}（代码 {code or '空'}）：{mark.explain}" for code, mark in schema.FLAGS.items()]
    flags += [f"{mark.zh}（qualifier 代码 {code}）：{mark.explain}" for code, mark in schema.QUALIFIERS.items() if code]
    return "\n".join(flags)


def notes(cat: Catalog, version: str, url: str, cache: Cache, ind: Indicator | None = None) -> list[tuple[str, str]]:
    """The 说明 sheet of a workbook: what the data are, their marks, licence, version and how to cite
    them; ``url`` is the site's address ("" when not configured)."""
    ds = cat.dataset
    assert ds is not None
    page = citations.page_address(url, ind)
    cite = citation_texts(cat, version, url, cache, ind)
    rows: list[tuple[str, str]] = []
    if ind is not None:
        sources = sorted({o.source for o in ind.observations})
        rows += [
            ("指标", ind.title),
            ("英文名称", ind.title_en),
            ("领域", cat.areas[ind.area].title),
            ("定义", ind.definition),
            ("单位", ind.unit),
            ("最新值", f"{text(st, names=True)}，{st.period_label}" if (st := headline(cat, ind)) else "无"),
            ("使用须知", "\n".join(caveats(ind)) or "无"),
            ("来源", "\n".join(f"《{cat.sources[s].title}》，{cat.sources[s].publisher}" for s in sources)),
        ]
    else:
        rows += [("数据集", ds.title), ("说明", ds.description), ("来源", "\n".join(f"《{s.title}》，{s.publisher}" for s in cat.sources.values()))]
    licence = licence_of(cat, ind) if ind else ds.licence
    rows += [("网址", page)] if page else []
    rows += [
        ("标记说明", flags_text()),
        ("许可协议", f"{ds.licence_title} {ds.licence_url}" if licence == ds.licence else licence),
        ("版本", f"{version_words(version)[0]}（{dataset_date(cat).isoformat()}）"),
        *((f"引用格式：{style.label}", cite[style.key]) for style in citations.STYLES),
        ("发布单位", ds.publisher),
    ]
    return rows


def indicator_document(cat: Catalog, ind: Indicator, version: str, cache: Cache, url: str = "") -> dict[str, Any]:
    """Metadata plus observations: the per-indicator JSON and the API file; ``url`` is the site's
    address ("" when not configured), which the page's address and the citation carry."""
    page = citations.page_address(url, ind)
    return {
        "id": ind.id,
        "title": ind.title,
        "title_en": ind.title_en,
        "area": {"id": ind.area, "title": cat.areas[ind.area].title},
        "unit": ind.unit,
        "decimals": ind.decimals,
        "definition": ind.definition,
        "caveats": list(caveats(ind)),
        "period_type": ind.period_type,
        "licence": licence_of(cat, ind),
        "version": version,
        **({"url": page} if page else {}),
        "citation": citation_texts(cat, version, url, cache, ind),
        **api_latest(tables.latest(cat, ind)),
        "observations": [json_record(tables.observation_record(cat, ind, o)) for o in ind.observations],
        "missing": [{"period": m.period.text, "breakdown": m.breakdown, "note": m.note} for m in ind.missing],
        "sources": {s: {"title": cat.sources[s].title, "publisher": cat.sources[s].publisher} for s in sorted({o.source for o in ind.observations})},
    }


JSON_RECORD = ("period", "period_label", "as_of", "breakdown", "value", "value_label", "flag", "qualifier", "note", "formula", "source_id", "source_quote")


def json_record(record: dict[str, str]) -> dict[str, Any]:
    """An observation as the JSON files give it: its record's fields but the indicator's and the source's
    title (the document names them once), the value a number."""
    return {k: record[k] for k in JSON_RECORD} | {"value": float(record["value"])}


def api_latest(fields: dict[str, str]) -> dict[str, Any]:
    """``tables.latest`` as JSON: the value a number (null when there is none), the rest text ("" when
    empty, as the observations' flags are)."""
    return fields | {"latest_value": float(fields["latest_value"]) if fields["latest_value"] else None}
