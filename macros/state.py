"""The catalog of the current build, loaded once per change of the data files."""

from __future__ import annotations

from pathlib import Path

from macros.catalog import Catalog
from macros.loader import load_catalog

_cache: dict[str, tuple[tuple[tuple[str, int, int], ...], Catalog]] = {}


def _fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*")) if p.is_file()
    )


def catalog(data_dir: Path | None = None) -> Catalog:
    """The validated catalog; reloaded only when a file under ``data/`` changed."""
    from macros import DATA_DIR

    data_dir = data_dir or DATA_DIR
    key = str(data_dir)
    stamp = _fingerprint(data_dir)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        _cache[key] = (stamp, load_catalog(data_dir))
    return _cache[key][1]


site_url = ""  # the site's public address, from mkdocs.yml site_url; "" gives relative links
_files: dict[tuple[int, str], tuple[str, dict[str, bytes]]] = {}


def built_files() -> tuple[str, dict[str, bytes]]:
    """(version, every generated download/API/feed file by site path) for the current catalog."""
    from macros.exports import observations_csv, release_files, site_files
    from macros.releases import current_version, frozen

    cat = catalog()
    key = (id(cat), site_url)
    if key not in _files:
        version = current_version(cat, observations_csv(cat).encode("utf-8"))
        released = {r.version: frozen(r.version) for r in cat.releases}
        files = site_files(cat, release_files(cat, version, site_url), released, version, site_url)
        _files.clear()
        _files[key] = (version, files)
    return _files[key]
