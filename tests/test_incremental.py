"""An edit rebuilds only what changed, and the site is exactly what a build from scratch makes:
no page, chart or download is ever stale, and a damaged cache entry never reaches the site."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from macros.cache import Cache
from tests import conftest

ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.usefixtures("mkdocs_build")  # every test here builds sites of its own


def build(data: Path, cache: Path, out: Path) -> str:
    """Build with ``data`` and ``cache``; returns MkDocs' log."""
    run = conftest.build(out, data, SHANGHE_CACHE=str(cache))
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def drawn(log: str) -> int:
    found = re.search(r"charts: ([0-9]+) drawn", log)
    return int(found.group(1)) if found else 0


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_build_from_the_cache_is_the_build_from_scratch(tmp_path: Path, test_cache: Path, site: Path) -> None:
    """An edit, built with the cache that earlier builds (other processes) filled, makes the same bytes
    in every file as a build of the same data from an empty cache: one commit always builds one site."""
    data, cache = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(test_cache, cache, ignore=shutil.ignore_patterns("*.tmp"))  # the session's cache, with the real site's drawings (``site``)

    # an indicator's title (its page and chart, its area's chart, the lists, every table that names it)
    # and a glossary definition (the pages of indicators whose definition uses the term)
    replace(data / "indicators" / "tech-contracts.yaml", "title: 技术合同认定登记", "title: 技术合同认定登记（改）")
    replace(data / "glossary.yaml", "在国家重点支持的高新技术领域内", "在国家重点支持的八大高新技术领域内")
    warm = build(data, cache, tmp_path / "warm")
    cold_log = build(data, tmp_path / "empty-cache", tmp_path / "cold")
    after, cold = tree(tmp_path / "warm"), tree(tmp_path / "cold")
    # drawn: every indicator's picture to download, each area's overview, and the phone's drawing of only
    # the charts pages show
    pictures = {p.removeprefix("downloads/charts/").removesuffix(".svg") for p in cold if p.startswith("downloads/charts/") and p.endswith(".svg")}
    phone = {p.removeprefix("charts/").removesuffix(".phone.svg") for p in cold if p.startswith("charts/") and p.endswith(".phone.svg")}
    shown = {p.split("/")[1] for p in cold if p.startswith("indicators/") and p.endswith("/index.html") and b'<figure class="chart"' in cold[p]}
    areas = {f"area-{a}" for a in ("projects-funding", "innovation-entities", "collaboration-transfer", "talent-platforms", "accountability")}
    assert pictures == {p.stem for p in (data / "indicators").glob("*.yaml")} and phone == shown | areas
    assert 0 < len(shown) < len(pictures), "pages with one figure show it as a number, without a chart"
    assert drawn(cold_log) == len(pictures) + len(areas) + len(phone), "a cold build draws each picture and layout once"

    # drawn again: only the edited indicator's picture (its page shows its one figure as a number: no phone
    # drawing) and its area's overview, in both layouts
    assert "tech-contracts" in pictures - shown and drawn(warm) == 1 + 2
    assert after.keys() == cold.keys()
    stale = [path for path in cold if after[path] != cold[path]]
    assert not stale, f"the build from the cache differs from the build from scratch in: {stale[:20]}"
    assert "技术合同认定登记（改）" in after["indicators/tech-contracts/index.html"].decode("utf-8")
    assert "八大高新技术领域" in after["glossary/index.html"].decode("utf-8")


def test_a_damaged_cache_entry_never_reaches_the_site(tmp_path: Path) -> None:
    """Every entry of a used cache is damaged on disk (a byte changed, or cut short): the next build
    finds each, makes it again and publishes exactly what the build with the whole cache published.
    (The small fixture data has every kind of entry: drawings, workbooks, JSON and the zip.)"""
    data, cache = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(conftest.FIXTURES / "valid" / "data", data)
    first = drawn(build(data, cache, tmp_path / "first"))
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert {p.relative_to(cache).parts[0] for p in entries} >= {"charts", "xlsx", "json", "zip"}
    for n, entry in enumerate(entries):
        raw = entry.read_bytes() or b"x"  # an area chart's empty picture gains a byte
        entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]) if n % 2 else raw[: len(raw) // 2])
    assert drawn(build(data, cache, tmp_path / "again")) == first > 0, "every chart is drawn again"
    assert tree(tmp_path / "again") == tree(tmp_path / "first")


def test_the_cache_drops_what_builds_no_longer_use(tmp_path: Path) -> None:
    """Every edit leaves old drawings and workbooks in the cache: those no build has used or written
    for a week go, so the cache does not grow with each edit."""
    old = time.time() - 8 * 24 * 3600
    writer = Cache(tmp_path)
    for key in ("aa-used", "bb-unused-old", "cc-unused-recent"):
        writer.put("charts", key, key.encode())
    for key in ("aa-used", "bb-unused-old"):
        os.utime(writer.path("charts", key), (old, old))
    build_cache = Cache(tmp_path)
    assert build_cache.get("charts", "aa-used") == b"aa-used"
    assert build_cache.prune() == 1
    assert not build_cache.path("charts", "bb-unused-old").exists()
    assert build_cache.get("charts", "cc-unused-recent") == b"cc-unused-recent"
