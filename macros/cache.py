"""A plain content-addressed cache of what builds make, kept between builds (``.cache/`` by default).

An entry is a file named by the SHA-256 of its key: everything it is made from, including the
versions of the code and libraries that make it (as Material's social plugin keys its cards).
Each file starts with the SHA-256 of its payload, checked on every read: an entry changed or cut
short on disk is made again, never published. Writes are atomic (a temporary file renamed into
place), so two builds sharing the cache never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

STALE_AFTER = 7 * 24 * 3600  # seconds: entries no build has made or used for this long are pruned
DIGEST = 64  # hex digits of the SHA-256 each entry starts with


def key_of(*parts: object) -> str:
    """A cache key: the SHA-256 of ``parts`` as canonical JSON."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Cache:
    root: Path
    used: set[Path] = field(default_factory=set)  # the entries this build read or wrote

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under ``key``, or None when it is missing or damaged (then it is removed)."""
        path = self.path(kind, key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        payload = raw[DIGEST + 1 :]
        if raw[:DIGEST].decode("ascii", "replace") != hashlib.sha256(payload).hexdigest() or raw[DIGEST : DIGEST + 1] != b"\n":
            path.unlink(missing_ok=True)
            return None
        self.used.add(path)
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
        os.replace(tmp, path)
        self.used.add(path)

    def fetch(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The payload for ``key``: from the cache, else made by ``make()`` and stored."""
        payload = self.get(kind, key)
        if payload is None:
            payload = make()
            self.put(kind, key, payload)
        return payload

    def prune(self, max_age: float = STALE_AFTER) -> int:
        """Remove the entries this build did not use and no build has written for ``max_age`` seconds,
        so the cache does not grow with every edit. Returns how many were removed."""
        if not self.root.is_dir():
            return 0
        cutoff, removed = time.time() - max_age, 0
        for path in self.root.glob("*/*/*"):
            if path not in self.used and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
