"""Drawings split across machines: `make charts SHARD=k/N` draws a fixed share of the missing drawings
into a cache; the shards' caches merged, the build draws nothing and makes, byte for byte, the site a
single build makes from scratch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT

DATA = FIXTURES / "valid" / "data"
ADDRESS = "https://www.example.gov.cn/kjtj/"  # each picture names its page: shards and build share the address


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def draw(share: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "SHARD": share, "SHANGHE_DATA": str(DATA), "SHANGHE_CACHE": str(cache), "SITE_URL": ADDRESS}
    return subprocess.run([sys.executable, "-m", "scripts.charts"], cwd=ROOT, env=env, capture_output=True, text=True)


def test_two_shards_merged_build_the_site_a_single_build_makes(tmp_path: Path, mkdocs_build) -> None:
    drew = []
    for k in (1, 2):
        run = draw(f"{k}/2", tmp_path / f"shard-{k}")
        assert run.returncode == 0, run.stderr
        found = re.search(r"drew ([0-9]+) of ([0-9]+)", run.stdout)
        assert found, run.stdout
        drew.append((int(found.group(1)), int(found.group(2))))
    (first, total), (second, _) = drew
    assert first > 0 and second > 0 and first + second == total, drew  # each shard a part, together every drawing once

    merged = tmp_path / "merged"
    for k in (1, 2):
        shutil.copytree(tmp_path / f"shard-{k}" / "charts", merged / "charts", dirs_exist_ok=True)
    sharded = mkdocs_build(tmp_path / "sharded", DATA, SHANGHE_CACHE=str(merged), SITE_URL=ADDRESS)
    assert sharded.returncode == 0, sharded.stderr[-3000:]
    assert "drawn in" not in sharded.stderr, "the build draws nothing"
    single = mkdocs_build(tmp_path / "single", DATA, SHANGHE_CACHE=str(tmp_path / "empty"), SITE_URL=ADDRESS)
    assert single.returncode == 0, single.stderr[-3000:]
    assert re.search(rf"charts: {total} drawn", single.stderr), single.stderr[-500:]
    assert tree(tmp_path / "sharded") == tree(tmp_path / "single")


def test_a_share_that_is_not_k_of_n_changes_nothing(tmp_path: Path) -> None:
    for share in ("0/2", "3/2", "1/0", "1/2; rm -rf /", "½"):
        run = draw(share, tmp_path / "cache")
        assert run.returncode == 2 and "SHARD" in run.stderr and "k/N" in run.stderr, (share, run.stderr)
        assert not (tmp_path / "cache").exists(), share
