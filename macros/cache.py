"""Content-addressed cache for outputs worth keeping between builds (chart PNGs, XLSX).

A file's name is the SHA-256 of what it was made from, so an edit rebuilds only what changed
and a stale entry can never be served. SHANGHE_CACHE moves the cache (default: .cache/).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

CACHE_ROOT = Path(os.environ.get("SHANGHE_CACHE", Path(__file__).resolve().parent.parent / ".cache"))


def cached(kind: str, key: object, suffix: str, make: Callable[[], bytes]) -> bytes:
    """The bytes ``make()`` gives for ``key``: made once, then read from CACHE_ROOT/kind/."""
    digest = hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    path = CACHE_ROOT / kind / f"{digest}{suffix}"
    if path.exists():
        return path.read_bytes()
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{digest}.{os.getpid()}.tmp"  # atomic: a reader never sees half a file
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
