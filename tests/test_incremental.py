"""An edit rebuilds only what changed, from the cache, and the site is exactly what a build from
scratch makes: no page, chart or download is ever stale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(data: Path, cache: Path, out: Path, project: Path = ROOT) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHANGHE_DATA": str(data), "SHANGHE_CACHE": str(cache)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]  # not --quiet: it silences warnings
    run = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_build_from_the_cache_is_the_build_from_scratch(tmp_path: Path) -> None:
    data, cache = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(ROOT / "data", data)
    # an unreleased edit first: the version (in every citation) becomes "+draft" and stays so
    replace(data / "indicators" / "tech-contracts.yaml", "title: 技术合同认定登记", "title: 技术合同认定登记（草稿）")
    build(data, cache, tmp_path / "before")
    pages_before = set((cache / "pages").iterdir())

    # an indicator's title (its page, its area's page and chart, the lists, every table that names it)
    # and a glossary definition (the pages of indicators whose definition uses the term)
    replace(data / "indicators" / "tech-contracts.yaml", "（草稿）", "（改）")
    replace(data / "glossary.yaml", "在国家重点支持的高新技术领域内", "在国家重点支持的八大高新技术领域内")
    build(data, cache, tmp_path / "warm")
    build(data, tmp_path / "empty-cache", tmp_path / "cold")

    warm, cold = tree(tmp_path / "warm"), tree(tmp_path / "cold")
    assert warm.keys() == cold.keys()
    stale = [path for path in cold if warm[path] != cold[path]]
    assert not stale, f"the build from the cache differs from the build from scratch in: {stale[:20]}"
    assert "技术合同认定登记（改）" in warm["indicators/tech-contracts/index.html"].decode("utf-8")
    assert "八大高新技术领域" in warm["glossary/index.html"].decode("utf-8")

    # unchanged files are linked from the cache, not written again; linked files are read-only, so
    # writing into the site cannot change the cache
    linked = [p for p in (tmp_path / "warm").rglob("*") if p.is_file() and p.stat().st_nlink > 1]
    assert len(linked) > len(warm) / 2
    assert all(p.stat().st_mode & 0o222 == 0 for p in linked)

    # and the cache did the work: only the pages whose content changed were made again
    remade = set((cache / "pages").iterdir()) - pages_before
    assert 0 < len(remade) < len(pages_before) / 2, f"{len(remade)} of {len(pages_before)} generated pages were made again"

    # writing into a built file (root can, though it is read-only) changes the cache file it links
    # to: the next build must notice, make the file again and serve the right bytes
    tampered = tmp_path / "warm" / "downloads" / "indicators.csv"
    assert tampered.stat().st_nlink > 1
    tampered.chmod(0o644)
    with tampered.open("ab") as f:
        f.write(b"tampered\n")
    build(data, cache, tmp_path / "again")
    assert tree(tmp_path / "again") == cold


def test_links_to_anchors_of_pages_from_the_cache_are_checked(tmp_path: Path) -> None:
    """A page from the cache keeps its anchors: a link to one from another page is still valid
    (with anchor checks on, the build would otherwise fail when the page comes from the cache)."""
    for name in ("mkdocs.yml", "docs", "macros", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    replace(tmp_path / "mkdocs.yml", "validation:\n", "validation:\n  anchors: warn\n")
    with (tmp_path / "docs" / "about.md").open("a", encoding="utf-8") as f:
        f.write("\n[技术合同的数据表](indicators/tech-contracts.md#数据表)\n")
    for _ in range(2):  # made, then from the cache
        build(tmp_path / "data", tmp_path / "cache", tmp_path / "site", project=tmp_path)
    assert list((tmp_path / "cache" / "pages").iterdir())


def test_the_cache_drops_what_builds_no_longer_use(tmp_path: Path, monkeypatch) -> None:
    """Every edit leaves old pictures, pages and files in the cache: those no build used for a day
    go, so the cache does not grow with each edit; used ones are marked as used now."""
    import time

    from macros import cache

    monkeypatch.setattr(cache, "CACHE_ROOT", tmp_path)
    day_old = time.time() - cache.STALE_AFTER - 60
    files = {name: tmp_path / kind / name for kind, name in [("files", "used"), ("charts", "unused-old"), ("pages", "unused-recent"), ("words", "jieba.json")]}
    for path in files.values():
        cache.store(path, b"x")
        os.utime(path, (day_old, day_old))
    os.utime(files["unused-recent"])  # made just now (by another build, say)

    assert cache.prune({str(files["used"])}) == 1
    assert not files["unused-old"].exists()
    assert all(files[name].exists() for name in ("used", "unused-recent", "jieba.json"))
    assert time.time() - files["used"].stat().st_mtime < 60
    assert cache.usable(files["used"])
