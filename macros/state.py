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
