"""Every download file, as bytes by path: plain Python, callable without MkDocs.

``release_files`` is what a release freezes; ``site_files`` adds the charts' files, the API, the
DCAT catalogue, the feed, past releases, the bulk zip and SHA256SUMS. Same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from macros.cache import Cache, Stored, key_of, version_of
from macros.data import schema
from macros.data.catalog import Catalog, Indicator, Release
from macros.data.formatting import period_text
from macros.data.releases import dataset_date, version_words
from macros.data.statements import caveats, headline, statement, text
from macros.publish import package, tables, workbook
from macros.publish.tables import Table, csv_bytes, licence_of, per_indicator

BULK_ZIP = "shanghe-sci-tech-stats.zip"
STORED = (".png", ".xlsx")  # already compressed: the bulk zip keeps them as they are
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
    return cache.fetch("json", key_of(MAKER, compact), lambda: (json.dumps(json.loads(compact), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def xlsx_bytes(sheets: list[Table], csvs: list[bytes], notes: list[tuple[str, str]], date: dt.date, cache: Cache) -> bytes:
    """``workbook.workbook``, kept in the cache by its tables' contents (``csvs``: each sheet's ``csv_bytes``)."""
    shape = [(t.title, [(c.name, c.type, c.zh) for c in t.columns], hashlib.sha256(csv).hexdigest()) for t, csv in zip(sheets, csvs, strict=True)]
    return cache.fetch("xlsx", key_of(MAKER, shape, notes, date.isoformat()), lambda: workbook.workbook(sheets, notes, date))


def citation(cat: Catalog, version: str, url: str, ind: Indicator | None = None, accessed: str = "") -> tuple[str, str]:
    """Chinese (GB/T 7714 style) and English citations of the page at ``url`` (none when the site's
    address is not configured); ``accessed`` blank leaves a placeholder."""
    ds = cat.dataset
    assert ds is not None
    zh_title = f"{ds.title}：{ind.title}" if ind else ds.title
    en_title = f"{ds.title_en}: {ind.title_en}" if ind else ds.title_en
    zh_version, en_version = version_words(version)
    zh = f"{ds.publisher}. {zh_title}（{zh_version}）[DB/OL]. {url + ', ' if url else ''}({accessed or '引用日期'})."
    en = f"{ds.publisher_en}. {en_title} ({en_version}) [dataset]. {url + ', accessed' if url else 'Accessed'} {accessed or '[date]'}."
    return zh, en


def flags_text() -> str:
    """The marks as the workbook names them, each with the code the CSV keeps: '推算值（代码 derived）：…'."""
    flags = [f"{mark.zh}（代码 {code or '空'}）：{mark.explain}" for code, mark in schema.FLAGS.items()]
    flags += [f"{mark.zh}（qualifier 代码 {code}）：{mark.explain}" for code, mark in schema.QUALIFIERS.items() if code]
    return "\n".join(flags)


def notes(cat: Catalog, version: str, url: str, ind: Indicator | None = None) -> list[tuple[str, str]]:
    """The 说明 sheet of a workbook: what the data are, their marks, licence, version and how to cite
    them; ``url`` is the site's address ("" when not configured)."""
    ds = cat.dataset
    assert ds is not None
    page = (f"{url}indicators/{ind.id}/" if ind else f"{url}downloads/") if url else ""
    zh, en = citation(cat, version, page, ind)
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
        ("引用格式", zh),
        ("Citation", en),
        ("发布单位", ds.publisher),
    ]
    return rows


def indicator_document(cat: Catalog, ind: Indicator, version: str, url: str = "") -> dict[str, Any]:
    """Metadata plus observations: the per-indicator JSON and the API file; ``url`` is the site's
    address ("" when not configured), which the page's address and the citation carry."""
    page = f"{url}indicators/{ind.id}/" if url else ""
    zh, en = citation(cat, version, page, ind)
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
        "citation": {"zh": zh, "en": en},
        **package.api_latest(tables.latest(cat, ind)),
        "observations": [
            {
                "period": o.period.text,
                "period_label": period_text(o),
                "as_of": o.as_of,
                "breakdown": o.breakdown,
                "value": float(o.value),
                "value_label": text(statement(cat, ind, o)),
                "flag": o.flag,
                "qualifier": o.qualifier,
                "note": o.note,
                "formula": o.formula,
                "source_id": o.source,
                "source_quote": o.quote,
            }
            for o in ind.observations
        ],
        "missing": [{"period": m.period.text, "breakdown": m.breakdown, "note": m.note} for m in ind.missing],
        "sources": {s: {"title": cat.sources[s].title, "publisher": cat.sources[s].publisher} for s in sorted({o.source for o in ind.observations})},
    }


def release_files(cat: Catalog, whole: dict[str, Table], version: str, cache: Cache, url: str = "") -> dict[str, bytes]:
    """The data files a release freezes, by path under downloads/; ``whole`` is ``tables(cat)``."""
    date = dataset_date(cat)
    files = {f"{name}.csv": csv_bytes(table) for name, table in whole.items()}
    files["observations.xlsx"] = xlsx_bytes(list(whole.values()), [files[f"{name}.csv"] for name in whole], notes(cat, version, url), date, cache)
    per = per_indicator(whole["observations"])
    for ind in cat.indicators.values():
        files[f"indicators/{ind.id}.csv"] = csv_bytes(per[ind.id])
        files[f"indicators/{ind.id}.xlsx"] = xlsx_bytes([per[ind.id]], [files[f"indicators/{ind.id}.csv"]], notes(cat, version, url, ind), date, cache)
        files[f"indicators/{ind.id}.json"] = json_bytes(indicator_document(cat, ind, version, url), cache)
    files["datapackage.json"] = json_bytes(package.datapackage(cat, version, files, whole), cache)
    return files


File = bytes | Stored  # a generated file: in memory, or kept on disk in the cache (chart pictures, the zip)


def size_of(file: File) -> int:
    return file.size if isinstance(file, Stored) else len(file)


def chart_names(name: str) -> tuple[str, str, str]:
    """An indicator's chart as downloads: the picture (SVG, PNG) and the Vega-Lite spec that draws it."""
    return f"charts/{name}.svg", f"charts/{name}.png", f"charts/{name}.vl.json"


def sha256sums(files: dict[str, File]) -> bytes:
    digests = {name: data.sha256 if isinstance(data, Stored) else hashlib.sha256(data).hexdigest() for name, data in files.items()}
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items())).encode("utf-8")


def bulk_zip(files: dict[str, File], stamp: dt.datetime, dest: Path) -> None:
    """Write a zip of ``files`` in name order, every entry with the same time; PNG and XLSX files are stored as they are."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if isinstance(data, Stored):
                with data.path.open("rb") as src, archive.open(info, "w") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            else:
                archive.writestr(info, data)


def data_files(
    cat: Catalog, current: dict[str, bytes], released: dict[str, dict[str, bytes]], history: list[tuple[Release, list[str]]], version: str, cache: Cache, url: str = ""
) -> dict[str, bytes]:
    """Every generated file of the site but the charts' and those made from them (``site_files`` adds them),
    by path under the site root. ``current`` is ``release_files`` for the current data; ``released``
    maps each past version to its frozen files; ``history`` is each release with what it changed."""
    downloads = dict(current)
    for v, frozen in released.items():
        downloads.update({f"releases/{v}/{name}": data for name, data in frozen.items()})
    downloads["catalog.jsonld"] = json_bytes(package.dcat(cat, version, downloads, url), cache)
    api = {f"api/v1/indicators/{ind.id}.json": current[f"indicators/{ind.id}.json"] for ind in cat.indicators.values()}
    api["api/v1/indicators.json"] = json_bytes(package.api_catalogue(cat, version, url), cache)
    feed = package.feed(cat, url, history)
    return {f"downloads/{k}": v for k, v in downloads.items()} | api | {"feed.xml": feed}


def site_files(cat: Catalog, data: dict[str, bytes], charts: dict[str, File], cache: Cache) -> dict[str, File]:
    """Every generated file of the site: ``data_files`` with the charts' files (``chart_names``), the
    bulk zip of the current downloads and SHA256SUMS of every download and API file."""
    downloads: dict[str, File] = {k.removeprefix("downloads/"): v for k, v in data.items() if k.startswith("downloads/")} | charts
    stamp = dt.datetime.combine(dataset_date(cat), dt.time())
    bulk = {k: v for k, v in downloads.items() if not k.startswith("releases/") and k != "catalog.jsonld"}
    # the same files zip to the same bytes: zipping them all again on every build is the slow part
    key = key_of(MAKER, sha256sums(bulk).decode(), stamp.isoformat())
    downloads[BULK_ZIP] = cache.stored("zip", key) or cache.store("zip", key, lambda dest: bulk_zip(bulk, stamp, dest))
    api = {f"../{k}": v for k, v in data.items() if k.startswith("api/")}
    downloads["SHA256SUMS"] = sha256sums(downloads | api)
    return {**data, **{f"downloads/{k}": v for k, v in downloads.items()}}
