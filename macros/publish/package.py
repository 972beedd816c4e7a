"""Descriptions of the files for machines: Frictionless data package, JSON API catalogue,
DCAT catalogue (JSON-LD) and the Atom feed of releases."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any
from xml.etree import ElementTree

import pandas as pd

from macros.data.catalog import Catalog, Release
from macros.data.periods import parse_period
from macros.data.releases import dataset_date
from macros.publish.formats import DATA_FORMATS, format_of
from macros.publish.tables import OBSERVATION_COLUMNS, Column, Table, latest, licence_of, per_indicator
from macros.publish.writers import api_latest

PERIOD_FORMS = {"year": "年度 year", "month_range": "月份区间 month range", "date": "日期 date"}  # a period's form, as a description names it
SOME = 3  # examples a description quotes at most
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _form(text: str) -> str:
    """What an example shows: its marks (from the first "（") or else its whole text, any number alike."""
    return NUMBER.sub("0", text[text.find("（") :] if "（" in text else text)


def _quoted(texts: list[str]) -> str:
    return "".join(f"“{t}”" for t in texts)


def _about(c: Column, values: list[str]) -> str:
    """What the column's own values add to its description: a few of them, each of another form (marked ones
    and short ones first), the forms of period used with one of each, or the codes used; "" when none is."""
    if not (c.examples or c.labels):
        return ""
    first: dict[str, str] = {}  # the first value of each form
    for v in filter(None, values):
        period = parse_period(v) if c.examples == "periods" else None
        first.setdefault(PERIOD_FORMS[period.kind] if period else _form(v), v)
    if c.examples == "periods":
        return "；本表的写法 / forms here: " + "、".join(f"{form} “{v}”" for form, v in first.items()) if first else ""
    if c.examples == "some":
        found = sorted(first.values(), key=lambda v: ("（" not in v, len(v)))
        return f"；如 / e.g. {_quoted(found[:SOME])}" if found else ""
    names = dict(c.labels)
    codes = [code for code in names if any(code in v.split() for v in values)]
    return "；本表的代码 / codes here: " + "、".join(f"{code}（{names[code]}）" for code in codes) if codes else ""


FOREIGN_KEYS = {
    "observations": [("indicator_id", "indicators", "id"), ("area", "areas", "id"), ("source_id", "sources", "id")],
    "indicators": [("area", "areas", "id")],
    "registers": [("source_id", "sources", "id")],
}


def _schema(columns: tuple[Column, ...], key: list[str], frame: pd.DataFrame, unit: str | None = None) -> dict[str, Any]:
    """The table schema of ``frame``, each description true of the values it holds."""
    fields = []
    for c in columns:
        field: dict[str, Any] = {"name": c.name, "type": c.type, "title": c.zh, "description": c.description + _about(c, list(frame[c.name]))}
        choices = (unit,) if (c.name == "unit" and unit) else c.choices
        if choices:
            field["constraints"] = {"enum": [x for x in choices if x]}
        if c.name in key:
            field.setdefault("constraints", {})["required"] = c.name != "breakdown"
        fields.append(field)
    return {"fields": fields, "primaryKey": key, "missingValues": [""]}


def _licences(cat: Catalog) -> list[dict[str, str]]:
    ds = cat.dataset
    assert ds is not None
    return [{"name": ds.licence, "title": ds.licence_title, "path": ds.licence_url}]


def datapackage(cat: Catalog, version: str, files: dict[str, bytes], tables: dict[str, Table]) -> dict[str, Any]:
    """Frictionless data package of every published CSV table."""
    ds = cat.dataset
    assert ds is not None
    resources = []
    for name, table in tables.items():
        schema = _schema(table.columns, list(table.key), table.frame)
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in FOREIGN_KEYS[name]]
        resources.append(_resource(name, f"{name}.csv", table.title, schema, files))
    per = per_indicator(tables["observations"])
    for ind in cat.indicators.values():
        path = f"indicators/{ind.id}.csv"
        schema = _schema(OBSERVATION_COLUMNS, ["period", "breakdown"], per[ind.id].frame, ind.unit)
        resource = _resource(f"indicator-{ind.id}", path, ind.title, schema, files)
        resource["description"] = ind.definition
        resource["licenses"] = [{"name": licence_of(cat, ind)}] if ind.licence else _licences(cat)
        resources.append(resource)
    return {
        "profile": "data-package",
        "name": ds.name,
        "title": ds.title,
        "description": f"{ds.description} / {ds.description_en}",
        "version": version,
        "created": dataset_date(cat).isoformat() + "T00:00:00Z",
        "licenses": _licences(cat),
        "contributors": [{"title": ds.publisher, "role": "publisher"}],
        "sources": [{"title": f"{s.title}（{s.publisher}，{s.year}年）", "path": f"../sources/{s.id}/{s.archive}"} for s in cat.sources.values()],
        "resources": resources,
    }


def _resource(name: str, path: str, title: str, schema: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
    data = files[path]
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": format_of(path).media,
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }


def dated(entry: dict[str, Any], modified: str) -> dict[str, Any]:
    """A DCAT dataset with the date its data last changed, or none when no release dates the change."""
    return entry | {"dct:modified": modified} if modified else {k: v for k, v in entry.items() if k != "dct:modified"}


def api_catalogue(cat: Catalog, version: str, url: str = "", changed: dict[str, str] | None = None) -> dict[str, Any]:
    """The API's list of indicators; ``changed``: the date each indicator's data last changed in a release
    ("" or absent: changed since the latest release), as the downloads page dates it."""
    return {
        "version": version,
        "date": dataset_date(cat).isoformat(),
        "next_release": (cat.dataset.next_release if cat.dataset else "") or None,
        "licence": cat.dataset.licence if cat.dataset else "",
        "indicators": [
            {
                "id": ind.id,
                "title": ind.title,
                "title_en": ind.title_en,
                "area": ind.area,
                "unit": ind.unit,
                "last_updated": (changed or {}).get(ind.id) or None,
                **api_latest(latest(cat, ind)),
                "api": f"api/v1/indicators/{ind.id}.json",
                "page": f"indicators/{ind.id}/",
                **({"url": f"{url}indicators/{ind.id}/"} if url else {}),
                "csv": f"downloads/indicators/{ind.id}.csv",
            }
            for ind in cat.indicators.values()
        ],
    }


def dcat(cat: Catalog, version: str, downloads: dict[str, bytes], url: str, changed: dict[str, str] | None = None) -> dict[str, Any]:
    """DCAT catalogue for open-data portals; IRIs are relative unless the site URL is configured.
    ``changed``: the date each indicator's data last changed in a release, as the downloads page dates
    it ("" for a change since the latest release, whose date no release gives: no dct:modified)."""
    changed = changed or {}
    ds = cat.dataset
    assert ds is not None
    modified = dataset_date(cat).isoformat()

    def dist(path: str) -> dict[str, Any]:
        found = format_of(path)
        return {
            "@type": "dcat:Distribution",
            "dcat:downloadURL": {"@id": f"{url}downloads/{path}"},
            "dcat:mediaType": found.media,
            "dct:format": found.label,
            "dcat:byteSize": len(downloads[path]),
            "dct:license": {"@id": ds.licence_url},
        }

    def dataset(page: str, identifier: str, zh: str, en: str, description: str, paths: list[str]) -> dict[str, Any]:
        return {
            "@id": f"{url}{page}",
            "@type": "dcat:Dataset",
            "dct:identifier": identifier,
            "dct:title": [{"@value": zh, "@language": "zh-CN"}, {"@value": en, "@language": "en"}],
            "dct:description": {"@value": description, "@language": "zh-CN"},
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": ds.publisher},
            "dct:modified": modified,
            "dcat:landingPage": {"@id": f"{url}{page}"},
            "dcat:distribution": [dist(p) for p in paths],
        }

    whole = dataset("downloads/", ds.name, ds.title, ds.title_en, ds.description, ["observations.csv", "observations.xlsx", "datapackage.json"])
    whole["owl:versionInfo"] = version
    datasets = [whole] + [
        dated(
            dataset(f"indicators/{i.id}/", i.id, i.title, i.title_en, i.definition, [f"indicators/{i.id}.{f.ext}" for f in DATA_FORMATS])
            | {"dcat:theme": cat.areas[i.area].title},
            changed.get(i.id, modified),
        )
        for i in cat.indicators.values()
    ]
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "owl": "http://www.w3.org/2002/07/owl#",
        },
        "@id": f"{url}downloads/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [{"@value": ds.title, "@language": "zh-CN"}, {"@value": ds.title_en, "@language": "en"}],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": ds.publisher},
        "dct:license": {"@id": ds.licence_url},
        "dct:modified": modified,
        "dcat:dataset": datasets,
    }


def feed(cat: Catalog, url: str, releases: list[tuple[Release, list[str]]]) -> bytes:
    """Atom feed announcing each release, newest first, with what changed in each (``releases``, oldest
    first); built as XML elements, so every text is escaped by the XML library."""
    ds = cat.dataset
    assert ds is not None
    root = ElementTree.Element("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": "zh-CN"})
    for tag, text in (("id", f"tag:{ds.name},2024:releases"), ("title", f"{ds.title}：数据版本")):
        ElementTree.SubElement(root, tag).text = text
    ElementTree.SubElement(ElementTree.SubElement(root, "author"), "name").text = ds.publisher
    ElementTree.SubElement(root, "updated").text = dataset_date(cat).isoformat() + "T00:00:00Z"
    if ds.next_release:
        ElementTree.SubElement(root, "subtitle").text = f"下次更新：预计 {ds.next_release}"
    ElementTree.SubElement(root, "link", {"rel": "alternate", "href": f"{url}changelog/"})
    ElementTree.SubElement(root, "link", {"rel": "self", "href": f"{url}feed.xml"})
    for release, changes in reversed(releases):
        entry = ElementTree.SubElement(root, "entry")
        ElementTree.SubElement(entry, "id").text = f"tag:{ds.name},{release.date}:release/{release.version}"
        ElementTree.SubElement(entry, "title").text = f"数据版本 {release.version}"
        ElementTree.SubElement(entry, "updated").text = f"{release.date}T00:00:00Z"
        ElementTree.SubElement(entry, "link", {"rel": "alternate", "href": f"{url}changelog/#v{release.version.replace('.', '-')}"})
        ElementTree.SubElement(entry, "content", {"type": "html"}).text = "".join(f"<p>{html.escape(line)}</p>" for line in [release.summary, *changes])
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
