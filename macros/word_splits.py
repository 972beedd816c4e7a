"""Word splits for the search index, remembered between builds.

Material's search splits every run of Chinese characters of every page with jieba. The same runs
(年、合成指标、亿元 …) recur on page after page and build after build, and loading jieba's
dictionary alone takes about 0.5 s. So each distinct run is split once, and the last build's splits
are kept in the cache: a build whose text has no new run never loads jieba.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from macros.cache import CACHE_ROOT, store

_known: dict[str, list[str]] = {}  # the last builds' splits
_used: dict[str, list[str]] = {}  # this build's
_file: Path | None = None  # this build's splits file
MANY = 200_000  # runs; the real site has about 1 500, the 1000-indicator benchmark about 800


def _path(dictionaries: bytes) -> Path:
    import jieba

    return CACHE_ROOT / "words" / f"jieba-{jieba.__version__}-{hashlib.sha256(dictionaries).hexdigest()[:16]}.json"


def remember(dictionaries: bytes = b"") -> None:
    """Make jieba.cut a memo of its own splits, starting from the last builds'; ``dictionaries`` are
    the word lists jieba was given (splits made with other lists are not reused)."""
    try:
        import jieba
    except ImportError:  # Material then indexes without splitting words
        return
    global _file
    split = getattr(jieba.cut, "__wrapped__", jieba.cut)
    _known.clear()
    _used.clear()
    _file = _path(dictionaries)
    with contextlib.suppress(OSError, ValueError):
        _known.update(json.loads(_file.read_bytes()))

    def cut(sentence: str | bytes, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False) -> Iterator[str]:  # noqa: N803 - jieba's name
        if cut_all or not HMM or use_paddle:
            return split(sentence, cut_all, HMM, use_paddle)
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        words = _used.get(text) or _known.get(text)
        if words is None:
            words = list(split(text))
        _used[text] = words
        return iter(words)

    cut.__wrapped__ = split  # type: ignore[attr-defined]
    jieba.cut = cut


def keep() -> None:
    """Store the splits for the next build. Pages from the cache split nothing, so the last builds'
    splits are kept too (until there are very many: then only this build's)."""
    if _file is None or not _used.keys() - _known.keys():
        return
    splits = _known | _used if len(_known) < MANY else _used
    store(_file, json.dumps(splits, ensure_ascii=False, sort_keys=True).encode("utf-8"))
