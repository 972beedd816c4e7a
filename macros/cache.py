"""A plain content-addressed cache of what builds make, kept between builds (``.cache/`` by default).

An entry is a file named by the SHA-256 of its key: everything it is made from, including the
versions of the code and libraries that make it (as Material's social plugin keys its cards).
Beside it, ``<entry>.sha256`` holds the SHA-256 of its contents, checked whenever the entry is
used: an entry changed or cut short on disk is made again, never published. Writes are atomic (a
temporary file renamed into place), so two builds sharing the cache never see half an entry.
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


def key_of(*parts: object) -> str:
    """A cache key: the SHA-256 of ``parts`` as canonical JSON."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Stored:
    """A file kept on disk rather than in memory (chart pictures, the bulk zip): its place and checksum."""

    path: Path
    sha256: str
    size: int


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass
class Cache:
    root: Path
    used: set[Path] = field(default_factory=set)  # the entries this build read or wrote

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def _recorded(self, path: Path) -> str | None:
        try:
            return path.with_name(path.name + ".sha256").read_text(encoding="ascii")
        except (FileNotFoundError, UnicodeDecodeError):
            return None

    def _mark_used(self, path: Path) -> None:
        self.used |= {path, path.with_name(path.name + ".sha256")}

    def _drop(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".sha256").unlink(missing_ok=True)

    def get(self, kind: str, key: str) -> bytes | None:
        """The contents stored under ``key``, or None when missing or damaged (then it is removed)."""
        path = self.path(kind, key)
        recorded = self._recorded(path)
        try:
            data = path.read_bytes() if recorded else None
        except FileNotFoundError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != recorded:
            self._drop(path)
            return None
        self._mark_used(path)
        return data

    def stored(self, kind: str, key: str) -> Stored | None:
        """The entry as a file on disk (checked without reading it into memory), or None."""
        path = self.path(kind, key)
        recorded = self._recorded(path)
        if recorded is None or not path.is_file() or _digest(path) != recorded:
            self._drop(path)
            return None
        self._mark_used(path)
        return Stored(path, recorded, path.stat().st_size)

    def store(self, kind: str, key: str, write: Callable[[Path], None]) -> Stored:
        """Make an entry by ``write(path)``, for contents too big to hold in memory."""
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        write(tmp)
        digest = _digest(tmp)
        os.replace(tmp, path)
        _replace(path.with_name(path.name + ".sha256"), digest.encode("ascii"))
        self._mark_used(path)
        return Stored(path, digest, path.stat().st_size)

    def put(self, kind: str, key: str, data: bytes) -> Stored:
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(data).hexdigest()
        _replace(path, data)
        _replace(path.with_name(path.name + ".sha256"), digest.encode("ascii"))
        self._mark_used(path)
        return Stored(path, digest, len(data))

    def fetch(self, kind: str, key: str, make: Callable[[], bytes]) -> bytes:
        """The contents for ``key``: from the cache, else made by ``make()`` and stored."""
        data = self.get(kind, key)
        if data is None:
            data = make()
            self.put(kind, key, data)
        return data

    def prune(self, max_age: float = STALE_AFTER) -> int:
        """Remove the entries this build did not use and no build has written for ``max_age`` seconds,
        so the cache does not grow with every edit. Returns how many entries were removed."""
        if not self.root.is_dir():
            return 0
        cutoff, removed = time.time() - max_age, 0
        for path in self.root.glob("*/*/*"):
            if not path.name.endswith(".sha256") and path not in self.used and path.stat().st_mtime < cutoff:
                self._drop(path)
                removed += 1
        return removed
