"""Every download file, as bytes by path: plain Python, callable without MkDocs.

``release_files`` is what a release freezes; ``site_files`` adds the charts' files, the API, the
DCAT catalogue, the feed, past releases, the bulk zip and SHA256SUMS. Same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from pathlib import Path

from macros.cache import Cache, Stored, key_of, version_of
from macros.data.catalog import Catalog, Release
from macros.data.releases import dataset_date
from macros.publish import citations, formats, package
from macros.publish.formats import DATA_FORMATS, Subject, link
from macros.publish.tables import Table, csv_bytes, per_indicator
from macros.publish.writers import MAKER, json_bytes, notes, xlsx_bytes

BULK_ZIP = "shanghe-sci-tech-stats.zip"
ZIPPER = version_of([__file__, formats.__file__], [])  # what makes the bulk zip besides its files: this code and the formats it stores


def release_files(cat: Catalog, whole: dict[str, Table], version: str, cache: Cache, url: str = "") -> dict[str, bytes]:
    """The data files a release freezes, by path under downloads/; ``whole`` is ``tables(cat)``."""
    date = dataset_date(cat)
    files = {f"{name}.csv": csv_bytes(table) for name, table in whole.items()}
    csvs = [files[f"{name}.csv"] for name in whole]
    files["observations.xlsx"] = xlsx_bytes(list(whole.values()), csvs, notes(cat, version, url, cache), date, cat.site_name, cache)
    per = per_indicator(whole["observations"])
    for ind in cat.indicators.values():
        subject = Subject(cat, ind, per[ind.id], version, url, date, cache)
        files |= {f"indicators/{ind.id}.{f.ext}": f.write(subject) for f in DATA_FORMATS if f.write}
    files["datapackage.json"] = json_bytes(package.datapackage(cat, version, files, whole), cache)
    return files


File = bytes | Stored  # a generated file: in memory, or kept on disk in the cache (chart pictures, the zip)


def size_of(file: File) -> int:
    return file.size if isinstance(file, Stored) else len(file)


def sha256sums(files: dict[str, File]) -> bytes:
    digests = {name: data.sha256 if isinstance(data, Stored) else hashlib.sha256(data).hexdigest() for name, data in files.items()}
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items())).encode("utf-8")


def bulk_zip(files: dict[str, File], stamp: dt.datetime, dest: Path) -> None:
    """Write a zip of ``files`` in name order, every entry with the same time; PNG and XLSX files are stored as they are."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name.endswith(formats.STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if isinstance(data, Stored):
                with data.path.open("rb") as src, archive.open(info, "w") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            else:
                archive.writestr(info, data)


def data_files(
    cat: Catalog,
    current: dict[str, bytes],
    released: dict[str, dict[str, bytes]],
    history: list[tuple[Release, list[str]]],
    version: str,
    cache: Cache,
    url: str = "",
    changed: dict[str, str] | None = None,
) -> dict[str, bytes]:
    """Every generated file of the site but the charts' and those made from them (``site_files`` adds them),
    by path under the site root. ``current`` is ``release_files`` for the current data; ``released``
    maps each past version to its frozen files; ``history`` is each release with what it changed;
    ``changed`` the date each indicator last changed (``package.dcat``)."""
    downloads = dict(current)
    for v, frozen in released.items():
        downloads.update({f"releases/{v}/{name}": data for name, data in frozen.items()})
    downloads["catalog.jsonld"] = json_bytes(package.dcat(cat, version, downloads, url, changed), cache)
    # a format linked outside downloads/ (the JSON, under the API's address) has a copy there
    elsewhere = [f for f in DATA_FORMATS if not f.link.startswith("downloads/")]
    api = {link(f, ind.id): current[f"indicators/{ind.id}.{f.ext}"] for ind in cat.indicators.values() for f in elsewhere}
    api["api/v1/indicators.json"] = json_bytes(package.api_catalogue(cat, version, url, changed), cache)
    feed = package.feed(cat, url, history)
    return {f"downloads/{k}": v for k, v in downloads.items()} | citations.site_files(cat, version, url) | api | {"feed.xml": feed}


def site_files(cat: Catalog, data: dict[str, bytes], charts: dict[str, File], cache: Cache) -> dict[str, File]:
    """Every generated file of the site: ``data_files`` with the charts' files (``formats.chart_files``), the
    bulk zip of the current downloads and SHA256SUMS of every download and API file."""
    downloads: dict[str, File] = {k.removeprefix("downloads/"): v for k, v in data.items() if k.startswith("downloads/")} | charts
    stamp = dt.datetime.combine(dataset_date(cat), dt.time())
    bulk = {k: v for k, v in downloads.items() if not k.startswith("releases/") and k != "catalog.jsonld"}
    # the same files zip to the same bytes: zipping them all again on every build is the slow part
    key = key_of(MAKER, ZIPPER, sha256sums(bulk).decode(), stamp.isoformat())
    downloads[BULK_ZIP] = cache.stored("zip", key) or cache.store("zip", key, lambda dest: bulk_zip(bulk, stamp, dest))
    api = {f"../{k}": v for k, v in data.items() if k.startswith("api/")}
    downloads["SHA256SUMS"] = sha256sums(downloads | api)
    return {**data, **{f"downloads/{k}": v for k, v in downloads.items()}}
