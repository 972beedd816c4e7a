"""Content-addressed cache of what a build makes, kept between builds.

A file's name is the SHA-256 of what it was made from (charts/, exports/, json/, pages/) or of
its own bytes (files/), so an edit rebuilds only what changed and a stale entry can never be
served. The site's generated files are hard links to these read-only files: an unchanged file
costs a link, not a write. SHANGHE_CACHE moves the cache (default: .cache/).
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

CACHE_ROOT = Path(os.environ.get("SHANGHE_CACHE", Path(__file__).resolve().parent.parent / ".cache"))
KINDS = ("charts", "exports", "files", "json", "pages")  # pruned; words/ holds one small file per jieba version
STALE_AFTER = 24 * 3600  # seconds: what builds have not used for this long is deleted
MARK = 271_828_182  # the nanoseconds of every cache file's modification time (see ``usable``)
PARALLEL_FROM = 64  # fewer misses than this are made in this process: starting workers costs ~0.3 s
T = TypeVar("T")


class Kept(bytes):
    """Bytes that are also a file in the cache: the site links that file instead of writing the bytes again."""

    path: Path

    @functools.cached_property
    def sha256(self) -> str:
        """The bytes' SHA-256: a files/ entry's name, else worked out once (SHA256SUMS and the zip's key both need it)."""
        return self.path.name if self.path.parent.name == "files" else hashlib.sha256(self).hexdigest()


def sha256_of(data: bytes) -> str:
    return data.sha256 if isinstance(data, Kept) else hashlib.sha256(data).hexdigest()


def _kept(data: bytes, path: Path) -> Kept:
    kept = Kept(data)
    kept.path = path
    return kept


def _marked_now() -> int:
    return time.time_ns() // 1_000_000_000 * 1_000_000_000 + MARK


def usable(path: Path) -> bool:
    """``path`` is in the cache and unchanged since it was stored. Cache files are read-only, but
    root may still write into one through its link in site/; any write sets the modification time
    to the clock's, which loses the MARK nanoseconds every stored file carries. Such a file is
    deleted, to be made again."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return False
    if stamp % 1_000_000_000 == MARK:
        return True
    path.unlink(missing_ok=True)
    return False


def place(src: Path, dest: Path) -> None:
    """Put the cache's file ``src`` at ``dest`` as a hard link (no bytes written), or as a copy
    where links cannot be made (another file system)."""
    for _ in range(3):  # the common case is one system call
        try:
            os.link(src, dest)
            return
        except FileNotFoundError:  # a new folder
            dest.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            dest.unlink()
        except OSError:  # no hard links here
            break
    shutil.copyfile(src, dest)


def path_of(kind: str, key: object, suffix: str) -> Path:
    return CACHE_ROOT / kind / (hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest() + suffix)


def _create(tmp: str) -> int:
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)


def store(path: Path, data: bytes) -> None:
    """Write ``path`` read-only and atomically: a reader never sees half a file."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        fd = _create(tmp)
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = _create(tmp)
    except FileExistsError:  # left by a killed build
        os.unlink(tmp)
        fd = _create(tmp)
    with open(fd, "wb") as f:
        f.write(data)
    os.utime(tmp, ns=(_marked_now(), _marked_now()))
    os.replace(tmp, path)


def cached(kind: str, key: object, suffix: str, make: Callable[[], bytes]) -> Kept:
    """The bytes ``make()`` gives for ``key``: made once, then read from CACHE_ROOT/kind/."""
    path = path_of(kind, key, suffix)
    if usable(path):
        return _kept(path.read_bytes(), path)
    data = make()
    store(path, data)
    return _kept(data, path)


def kept_path(name: str) -> Path:
    return CACHE_ROOT / "files" / name


def kept(data: bytes) -> Kept:
    """``data`` as a file in the cache, named by its SHA-256."""
    if isinstance(data, Kept):
        return data
    path = kept_path(sha256_of(data))
    if not usable(path):
        store(path, data)
    return _kept(data, path)


def _can_fork() -> bool:
    """Workers are forked (they start at once, with everything imported) only from a single-threaded
    process on a system that forks: `mkdocs serve` rebuilds beside other threads, and forking those can hang."""
    return (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def start_many(kind: str, keys: list[object], suffix: str, make: Callable[[T], bytes], args: list[T]) -> Callable[[], list[Kept]]:
    """``cached`` for many keys, begun now and collected by calling the result: when many are missing
    (a cold build's charts), ``make(args[i])`` runs in one worker process per core while the caller goes
    on with other work; otherwise each is made in this process when the result is called."""
    paths = [path_of(kind, key, suffix) for key in keys]
    missing = [i for i, path in enumerate(paths) if not usable(path)]
    pool = None
    if len(missing) >= PARALLEL_FROM and _can_fork():
        pool = ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork"))
        results = pool.map(make, [args[i] for i in missing], chunksize=16)

    def collect() -> list[Kept]:
        if pool is None:
            made = [make(args[i]) for i in missing]
        else:
            with pool:
                made = list(results)
        for i, data in zip(missing, made, strict=True):
            store(paths[i], data)
        fresh = dict(zip(missing, made, strict=True))
        return [_kept(fresh[i] if i in fresh else path.read_bytes(), path) for i, path in enumerate(paths)]

    return collect


def prune(used: set[str]) -> int:
    """Delete the cache files no build has used for a day: every edit leaves its old pictures,
    pages and files behind, and the cache would otherwise grow with each one. A file this build
    used gets a new modification time (at most twice a day, which is cheap), so what any build of
    the last day used stays."""
    now = time.time()
    removed = 0
    for kind in KINDS:
        if not (CACHE_ROOT / kind).is_dir():
            continue
        for entry in os.scandir(CACHE_ROOT / kind):
            age = now - entry.stat().st_mtime
            if entry.path in used:
                if age > STALE_AFTER / 2:
                    os.utime(entry.path, ns=(_marked_now(), _marked_now()))
            elif age > STALE_AFTER:
                os.unlink(entry.path)
                removed += 1
    return removed
