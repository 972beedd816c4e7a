"""The catalog and generated files of the current build, made once per build."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from macros.catalog import Catalog
from macros.loader import load_catalog

_cache: dict[str, tuple[tuple[tuple[str, int, int], ...], Catalog]] = {}


def _fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*")) if p.is_file())


def refresh(data_dir: Path | None = None) -> Catalog:
    """Load the catalog again if a file under data/ changed (the hooks call this once per build)."""
    from macros import DATA_DIR

    data_dir = data_dir or DATA_DIR
    _stash.clear()  # a new build: the last build's stashed HTML is not needed again
    stamp = _fingerprint(data_dir)
    cached = _cache.get(str(data_dir))
    if cached is None or cached[0] != stamp:
        _cache[str(data_dir)] = (stamp, load_catalog(data_dir))
    return _cache[str(data_dir)][1]


def catalog(data_dir: Path | None = None) -> Catalog:
    """The validated catalog of this build: loaded on first use, reloaded only by ``refresh``."""
    from macros import DATA_DIR

    cached = _cache.get(str(data_dir or DATA_DIR))
    return cached[1] if cached else refresh(data_dir)


site_url = ""  # the site's public address, from mkdocs.yml site_url; "" gives relative links
_files: dict[tuple[int, str], tuple[str, dict[str, bytes]]] = {}
_charts: dict[int, Callable[[], dict[str, bytes]]] = {}


def start_charts() -> None:
    """Begin the charts' files of the current catalog now: a cold build's PNGs are drawn by worker
    processes while MkDocs cleans the site and the data files are made."""
    from macros.exports import start_chart_files

    cat = catalog()
    if (id(cat), site_url) not in _files and id(cat) not in _charts:
        _charts.clear()
        _charts[id(cat)] = start_chart_files(cat)


def built_files() -> tuple[str, dict[str, bytes]]:
    """(version, every generated download/API/feed file by site path) for the current catalog,
    each kept in the cache (``cache.Kept``), so the site links it instead of writing it."""
    from macros.cache import kept
    from macros.exports import observations_csv, release_files, site_files
    from macros.releases import current_version, frozen, release_observations

    cat = catalog()
    key = (id(cat), site_url)
    if key not in _files:
        start_charts()
        released = {r.version: frozen(r.version) for r in cat.releases}
        version = current_version(cat, observations_csv(cat).encode("utf-8"), release_observations(released))
        current = {name: kept(data) for name, data in release_files(cat, version, site_url).items()}  # while the PNGs are drawn
        files = site_files(cat, current, _charts.pop(id(cat))(), released, version, site_url)
        _files.clear()
        _files[key] = (version, {name: kept(data) for name, data in files.items()})
    return _files[key]


# Finished HTML skips Markdown (which would only parse it to pass it through): pages hold a
# marker, and the hooks put the HTML back. RAW blocks come back before the search index reads the
# page; UNINDEXED ones (charts, tables, boilerplate) only in the finished page.
_stash: dict[str, str] = {}
RAW, UNINDEXED = "shanghe-raw", "shanghe-stash"
_MARK = re.compile(r"<!--(shanghe-raw|shanghe-stash):([0-9a-f]{20})-->")


def stash(html: str, kind: str = UNINDEXED) -> str:
    key = hashlib.sha256(html.encode()).hexdigest()[:20]
    _stash[key] = html
    return f"<!--{kind}:{key}-->"


def unstash(page_html: str, kinds: tuple[str, ...] = (RAW, UNINDEXED)) -> str:
    """Put back the stashed HTML of these kinds, and of the same kinds inside it."""
    return _MARK.sub(lambda m: unstash(_stash[m.group(2)], kinds) if m.group(1) in kinds else m.group(0), page_html)
