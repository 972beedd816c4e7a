"""Every download file, as bytes by path: plain Python, callable without MkDocs.

``release_files`` is what a release freezes; ``site_files`` adds charts, the API, the DCAT
catalogue, the feed, past releases, the bulk zip and SHA256SUMS. Same data, same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

from macros import charts, schema
from macros.cache import cached, sha256_of
from macros.catalog import Catalog, Indicator
from macros.formatting import period_text
from macros.spreadsheet import make_zip, workbook
from macros.tables import OBSERVATION_COLUMNS, Column, licence_of, observation_rows, tables

BULK_ZIP = "shanghe-sci-tech-stats.zip"


def csv_bytes(columns: tuple[Column, ...], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def json_bytes(data: Any) -> bytes:
    """Indented JSON with sorted keys. Python writes indented JSON in pure Python (~1 ms a file) but
    compact JSON in C, so the compact form is the key under which the indented file is kept."""
    compact = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return cached("json", compact, ".json", lambda: (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def observations_csv(cat: Catalog) -> str:
    return csv_bytes(OBSERVATION_COLUMNS, observation_rows(cat)).decode("utf-8")


def dataset_date(cat: Catalog) -> dt.date:
    """The date the files carry: the latest release's, else the end of the latest source year."""
    if cat.latest_release:
        return dt.date.fromisoformat(cat.latest_release.date)
    return dt.date(max(s.year for s in cat.sources.values()), 12, 31)


def citation(cat: Catalog, version: str, url: str, ind: Indicator | None = None, accessed: str = "") -> tuple[str, str]:
    """Chinese (GB/T 7714 style) and English citations; ``accessed`` blank leaves a placeholder."""
    ds = cat.dataset
    assert ds is not None
    zh_title = f"{ds.title}：{ind.title}" if ind else ds.title
    en_title = f"{ds.title_en}: {ind.title_en}" if ind else ds.title_en
    zh = f"{ds.publisher}. {zh_title}（{version}版）[DB/OL]. {url}, ({accessed or '引用日期'})."
    en = f"{ds.publisher_en}. {en_title} (version {version}) [dataset]. {url}, accessed {accessed or '[date]'}."
    return zh, en


def flags_text() -> str:
    flags = [f"{code or '（空）'} = {zh}：{explain}" for code, (zh, _en, explain) in schema.FLAGS.items()]
    flags += [f"qualifier {code} = {zh}：{explain}" for code, (zh, _en, explain) in schema.QUALIFIERS.items() if code]
    return "\n".join(flags)


def notes(cat: Catalog, version: str, url: str, ind: Indicator | None = None) -> list[tuple[str, str]]:
    ds = cat.dataset
    assert ds is not None
    zh, en = citation(cat, version, url, ind)
    rows: list[tuple[str, str]] = []
    if ind is not None:
        sources = sorted({o.source for o in ind.observations})
        rows += [
            ("指标", ind.title),
            ("英文名称", ind.title_en),
            ("领域", cat.areas[ind.area].title),
            ("定义", ind.definition),
            ("单位", ind.unit),
            ("使用须知", "\n".join(ind.caveats) or "无"),
            ("来源", "\n".join(f"《{cat.sources[s].title}》，{cat.sources[s].publisher}" for s in sources)),
        ]
    else:
        rows += [("数据集", ds.title), ("说明", ds.description), ("来源", "\n".join(f"《{s.title}》，{s.publisher}" for s in cat.sources.values()))]
    licence = licence_of(cat, ind) if ind else ds.licence
    rows += [
        ("标记说明", flags_text()),
        ("许可协议", f"{ds.licence_title} {ds.licence_url}" if licence == ds.licence else licence),
        ("版本", f"{version}（{dataset_date(cat).isoformat()}）"),
        ("引用格式", zh),
        ("Citation", en),
        ("发布单位", ds.publisher),
    ]
    return rows


def indicator_document(cat: Catalog, ind: Indicator, version: str, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Metadata plus observations: the per-indicator JSON and the API file.

    ``rows`` are the indicator's ``observation_rows``: its observations, then its missing
    periods, which the document lists apart under "missing".
    """
    return {
        "id": ind.id,
        "title": ind.title,
        "title_en": ind.title_en,
        "area": {"id": ind.area, "title": cat.areas[ind.area].title},
        "unit": ind.unit,
        "decimals": ind.decimals,
        "definition": ind.definition,
        "caveats": list(ind.caveats),
        "period_type": ind.period_type,
        "licence": licence_of(cat, ind),
        "version": version,
        "observations": [
            {k: v for k, v in row.items() if k in ("period", "period_label", "as_of", "breakdown", "flag", "qualifier", "note", "formula", "source_id", "source_quote")}
            | {"value": float(o.value), "period_label": period_text(o)}
            for row, o in zip(rows[: len(ind.observations)], ind.observations, strict=True)
        ],
        "missing": [{"period": m.period.text, "breakdown": m.breakdown, "note": m.note} for m in ind.missing],
        "sources": {s: {"title": cat.sources[s].title, "publisher": cat.sources[s].publisher} for s in sorted({o.source for o in ind.observations})},
    }


def release_files(cat: Catalog, version: str, url: str = "") -> dict[str, bytes]:
    """The data files a release freezes, by path under downloads/."""
    from macros.package import datapackage  # the package describes these files

    date = dataset_date(cat)
    files: dict[str, bytes] = {}
    all_tables = tables(cat)
    for name, (_title, columns, rows, _key) in all_tables.items():
        files[f"{name}.csv"] = csv_bytes(columns, rows)
    files["observations.xlsx"] = workbook(
        [(title, columns, rows) for _name, (title, columns, rows, _key) in all_tables.items()], notes(cat, version, url), date
    )
    for ind in cat.indicators.values():
        rows = observation_rows(cat, [ind])
        files[f"indicators/{ind.id}.csv"] = csv_bytes(OBSERVATION_COLUMNS, rows)
        files[f"indicators/{ind.id}.xlsx"] = workbook([("数据", OBSERVATION_COLUMNS, rows)], notes(cat, version, url, ind), date)
        files[f"indicators/{ind.id}.json"] = json_bytes(indicator_document(cat, ind, version, rows))
    files["datapackage.json"] = json_bytes(datapackage(cat, version, files))
    return files


def start_chart_files(cat: Catalog) -> Callable[[], dict[str, bytes]]:
    """Each indicator's chart as SVG, PNG and Vega-Lite spec; missing PNGs are drawn while the build
    goes on, and the files are collected by calling the result."""
    ds_title = cat.dataset.title if cat.dataset else ""
    lines = ["、".join(f"《{cat.sources[s].title}》" for s in sorted({o.source for o in ind.observations})) for ind in cat.indicators.values()]
    pictures = charts.start_pictures([(ind, f"来源：{line} · {ds_title}") for ind, line in zip(cat.indicators.values(), lines, strict=True)])

    def collect() -> dict[str, bytes]:
        files = {}
        for ind, (svg, png) in zip(cat.indicators.values(), pictures(), strict=True):
            files[f"charts/{ind.id}.svg"] = svg.encode("utf-8")
            files[f"charts/{ind.id}.png"] = png
            files[f"charts/{ind.id}.vl.json"] = json_bytes(charts.indicator_spec(ind))
        return files

    return collect


def sha256sums(files: dict[str, bytes]) -> bytes:
    return "".join(f"{sha256_of(data)}  {name}\n" for name, data in sorted(files.items())).encode("utf-8")


def site_files(cat: Catalog, current: dict[str, bytes], chart: dict[str, bytes], released: dict[str, dict[str, bytes]], version: str, url: str = "") -> dict[str, bytes]:
    """Every generated file of the site, by path under the site root.

    ``current`` is ``release_files`` for the current data, ``chart`` the charts' files
    (``start_chart_files``); ``released`` maps each past version to its frozen files.
    """
    from macros.package import api_catalogue, dcat, feed
    from macros.releases import release_observations

    downloads = {**current, **chart}
    for v, frozen in released.items():
        downloads.update({f"releases/{v}/{name}": data for name, data in frozen.items()})
    stamp = dt.datetime.combine(dataset_date(cat), dt.time())
    bulk = {k: v for k, v in downloads.items() if not k.startswith("releases/")}
    # the same files zip to the same bytes: deflating them all again on every build is the slow part
    downloads[BULK_ZIP] = cached("exports", {"zip": sha256sums(bulk).decode(), "stamp": stamp.isoformat()}, ".zip", lambda: make_zip(bulk, stamp))
    api = {f"api/v1/indicators/{ind.id}.json": current[f"indicators/{ind.id}.json"] for ind in cat.indicators.values()}
    api["api/v1/indicators.json"] = json_bytes(api_catalogue(cat, version))
    downloads["catalog.jsonld"] = json_bytes(dcat(cat, version, downloads, url))
    downloads["SHA256SUMS"] = sha256sums(downloads | {f"../{k}": v for k, v in api.items()})
    return {f"downloads/{k}": v for k, v in downloads.items()} | api | {"feed.xml": feed(cat, url, release_observations(released))}
