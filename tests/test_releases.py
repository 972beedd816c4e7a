"""Releases are append-only: make release freezes the exports, and any later change to them is caught."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from macros.loader import load_catalog
from macros.releases import verify

ROOT = Path(__file__).resolve().parent.parent


def release(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHANGHE_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "scripts.release", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_published_releases_are_unchanged(catalog) -> None:
    assert catalog.releases, "release 2024.1 has been cut"
    assert verify(catalog) == []


def test_make_release_freezes_and_refuses_to_overwrite(fixture_data) -> None:
    data = fixture_data.data
    run = release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31")
    assert run.returncode == 0, run.stderr
    folder = data / "releases" / "2024.1"
    assert (folder / "observations.csv").is_file() and (folder / "datapackage.json").is_file() and (folder / "SHA256SUMS").is_file()
    cat = load_catalog(data)
    assert [r.version for r in cat.releases] == ["2024.1"] and cat.releases[0].date == "2026-01-31"
    assert verify(cat, data) == []
    before = (folder / "observations.csv").read_bytes()
    again = release(data, "2024.1", "--summary", "覆盖")
    assert again.returncode == 1 and "已经发布" in again.stderr
    assert (folder / "observations.csv").read_bytes() == before


def test_a_changed_released_file_is_found(fixture_data) -> None:
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    folder = data / "releases" / "2024.1"
    (folder / "observations.csv").write_bytes((folder / "observations.csv").read_bytes().replace(b",95,", b",96,"))
    (folder / "extra.csv").write_text("x\n", encoding="utf-8")
    problems = verify(load_catalog(data), data)
    assert any("observations.csv: changed since release 2024.1" in p for p in problems), problems
    assert any("extra.csv: not part of release 2024.1" in p for p in problems), problems


def test_rewriting_the_checksum_list_is_found(fixture_data) -> None:
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    sums = data / "releases" / "2024.1" / "SHA256SUMS"
    sums.write_text(sums.read_text(encoding="utf-8") + "0" * 64 + "  new.csv\n", encoding="utf-8")
    problems = verify(load_catalog(data), data)
    assert any("SHA256SUMS: changed since release 2024.1" in p for p in problems), problems


def test_build_refuses_changed_releases(fixture_data, tmp_path: Path) -> None:
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    (data / "releases" / "2024.1" / "areas.csv").write_text("changed\n", encoding="utf-8")
    env = {**os.environ, "SHANGHE_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "areas.csv: changed since release 2024.1" in run.stderr


def test_changes_between_releases_are_worded_for_readers(site: Path, catalog) -> None:
    from macros.releases import changes, frozen

    old = frozen("2024.1")["observations.csv"]
    lines = old.decode("utf-8").splitlines()
    edited = [line.replace(",51,", ",52,") if line.startswith("sci-tech-commissioners-total,") and ",2024," in line else line for line in lines]
    new = ("\n".join(edited) + "\n").encode("utf-8")
    assert changes(old, new) == ["修改：省科技特派员备案总量 2024年 51 → 52人。"]
    assert changes(None, old)[0] == f"首次发布：{len(catalog.indicators)} 项指标、{len(catalog.observations)} 条观测值。"
    page = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert 'id="v2024-1"' in page and changes(None, old)[0] in page
