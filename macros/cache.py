"""Content-addressed cache for outputs worth keeping between builds (chart PNGs, XLSX).

A file's name is the SHA-256 of what it was made from, so an edit rebuilds only what changed
and a stale entry can never be served. SHANGHE_CACHE moves the cache (default: .cache/).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

CACHE_ROOT = Path(os.environ.get("SHANGHE_CACHE", Path(__file__).resolve().parent.parent / ".cache"))
PARALLEL_FROM = 64  # fewer misses than this are made in this process: starting workers costs ~0.3 s
T = TypeVar("T")


class Kept(bytes):
    """Bytes that are also a file in the cache: the site links that file instead of writing the bytes again."""

    path: Path


def _kept(data: bytes, path: Path) -> Kept:
    kept = Kept(data)
    kept.path = path
    return kept


def place(src: Path, dest: Path) -> None:
    """Put the cache's file ``src`` at ``dest`` as a hard link (no bytes written), or as a copy
    where links cannot be made (another file system). Cache files are read-only, so writing into a
    linked file fails instead of changing the cache."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


def path_of(kind: str, key: object, suffix: str) -> Path:
    return CACHE_ROOT / kind / (hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest() + suffix)


def store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # atomic: a reader never sees half a file
    tmp.write_bytes(data)
    tmp.chmod(0o444)
    tmp.replace(path)


def cached(kind: str, key: object, suffix: str, make: Callable[[], bytes]) -> Kept:
    """The bytes ``make()`` gives for ``key``: made once, then read from CACHE_ROOT/kind/."""
    path = path_of(kind, key, suffix)
    if path.exists():
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
    path = kept_path(hashlib.sha256(data).hexdigest())
    if not path.exists():
        store(path, data)
    return _kept(data, path)


def _can_fork() -> bool:
    """Workers are forked (they start at once, with everything imported) only from a single-threaded
    process on a system that forks: `mkdocs serve` rebuilds beside other threads, and forking those can hang."""
    return (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def cached_many(kind: str, keys: list[object], suffix: str, make: Callable[[T], bytes], args: list[T]) -> list[Kept]:
    """``cached`` for many keys: ``make(args[i])`` for each missing key, in one worker process per
    core when many are missing (a cold build's charts), so both cores draw."""
    paths = [path_of(kind, key, suffix) for key in keys]
    missing = [i for i, path in enumerate(paths) if not path.exists()]
    if len(missing) >= PARALLEL_FROM and _can_fork():
        with ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork")) as pool:
            made = list(pool.map(make, [args[i] for i in missing], chunksize=16))
    else:
        made = [make(args[i]) for i in missing]
    for i, data in zip(missing, made, strict=True):
        store(paths[i], data)
    fresh = dict(zip(missing, made, strict=True))
    return [_kept(fresh[i] if i in fresh else path.read_bytes(), path) for i, path in enumerate(paths)]
