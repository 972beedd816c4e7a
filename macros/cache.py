"""A plain content-addressed cache of what builds make, kept between builds (``.cache/`` by default).

An entry is a file named by the SHA-256 of its key: everything it is made from, including the
versions of the code and libraries that make it (as Material's social plugin keys its cards).
Beside it, ``<entry>.sha256`` holds the SHA-256 of its contents, checked whenever the entry is
used: an entry changed or cut short on disk is made again, never published. Writes are atomic (a
temporary file renamed into place, the contents before their checksum), so two builds sharing the
cache never see half an entry, and an entry in use is never pruned.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

STALE_AFTER = 7 * 24 * 3600  # seconds: entries no build has made or used for this long are pruned


def version_of(files: list[str], packages: list[str]) -> str:
    """A digest of the code that makes an entry, as it was imported (a long `mkdocs serve` keeps the code
    it started with), and of the versions of Python, zlib and the packages it uses. Called at import."""
    digest = hashlib.sha256(f"python={platform.python_version()} zlib={zlib.ZLIB_RUNTIME_VERSION}".encode())
    for name in files:
        digest.update(Path(name).read_bytes())
    for package in packages:
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    return digest.hexdigest()


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


def _write(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` atomically: a reader sees the old file or the new one, never half of one."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # a process's threads write apart too
    write(tmp)
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
        """Note the entry as this build's; one last made long ago gets a new time, so that no other
        build sharing the cache prunes it while this one uses it."""
        self.used.add(path)
        if path.stat().st_mtime < time.time() - STALE_AFTER / 2:
            os.utime(path)

    def get(self, kind: str, key: str) -> bytes | None:
        """The contents stored under ``key``, or None when missing or damaged (the caller makes them
        again and puts them, which replaces a damaged entry)."""
        path = self.path(kind, key)
        recorded = self._recorded(path)
        try:
            data = path.read_bytes() if recorded else None
        except FileNotFoundError:
            return None
        if data is None or hashlib.sha256(data).hexdigest() != recorded:
            return None
        self._mark_used(path)
        return data

    def stored(self, kind: str, key: str) -> Stored | None:
        """The entry as a file on disk (checked without reading it into memory), or None."""
        path = self.path(kind, key)
        recorded = self._recorded(path)
        try:
            if recorded is None or _digest(path) != recorded:
                return None
        except FileNotFoundError:
            return None
        self._mark_used(path)
        return Stored(path, recorded, path.stat().st_size)

    def store(self, kind: str, key: str, write: Callable[[Path], None], digest: str | None = None) -> Stored:
        """Make an entry by ``write(path)``, for contents too big to hold in memory (``digest``: their
        SHA-256, when known). The contents go first, their checksum last."""
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, write)
        digest = digest or _digest(path)
        _write(path.with_name(path.name + ".sha256"), lambda tmp: tmp.write_text(digest, encoding="ascii"))
        self.used.add(path)
        return Stored(path, digest, path.stat().st_size)

    def put(self, kind: str, key: str, data: bytes) -> Stored:
        return self.store(kind, key, lambda tmp: tmp.write_bytes(data), hashlib.sha256(data).hexdigest())

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
            try:
                if path.name.endswith(".sha256") or path in self.used or path.stat().st_mtime >= cutoff:
                    continue
            except FileNotFoundError:  # pruned by another build just now
                continue
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".sha256").unlink(missing_ok=True)
            removed += 1
        return removed
