"""What was published can't be rewritten: `make validate BASE=<ref>` compares it with that commit.

A release edited together with its SHA256SUMS and the checksum in releases.yaml passes the
local checks; only the commit that published it can tell. Each test makes a git repository
holding the fixture data with release 2024.1 committed, then tampers with it.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_releases import ROOT, problems_of, release

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]


@pytest.fixture
def published(fixture_data) -> Path:
    """The fixture data with release 2024.1, committed in a repository of its own (the data folder is ``data/``)."""
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    subprocess.run(["git", "init", "-q", str(data.parent)], check=True)
    subprocess.run([*GIT, "-C", str(data.parent), "add", "data"], check=True)
    subprocess.run([*GIT, "-C", str(data.parent), "commit", "-qm", "release 2024.1"], check=True)
    return data


def rewrite_release(data: Path) -> None:
    """Change a released file and make every local checksum agree with the change."""
    folder = data / "releases" / "2024.1"
    areas = folder / "areas.csv"
    areas.write_bytes(areas.read_bytes().replace("成果转化".encode(), "改动".encode()))
    sums = folder / "SHA256SUMS"
    digest = hashlib.sha256(areas.read_bytes()).hexdigest()
    sums.write_text(re.sub(r"^\w+  areas\.csv$", f"{digest}  areas.csv", sums.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    listing = data / "releases.yaml"
    listing.write_text(
        re.sub(r"sha256sums: \w+", f"sha256sums: {hashlib.sha256(sums.read_bytes()).hexdigest()}", listing.read_text(encoding="utf-8")), encoding="utf-8"
    )


def replace_archive(data: Path) -> None:
    """Replace the released source's archived text, with its sha256 updated to match."""
    archive = data / "sources" / "test-source.txt"
    archive.write_bytes(archive.read_bytes() + "后来补上的一句。\n".encode())
    meta = data / "sources" / "test-source.yaml"
    meta.write_text(re.sub(r"sha256: \w+", f"sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}", meta.read_text(encoding="utf-8")), encoding="utf-8")


def validate(data: Path, base: str | None) -> subprocess.CompletedProcess[str]:
    """`make validate [BASE=…]` as staff and CI run it."""
    env = {k: v for k, v in os.environ.items() if k != "BASE"} | ({"BASE": base} if base is not None else {})
    return subprocess.run([sys.executable, "-m", "scripts.validate", str(data)], cwd=ROOT, env=env, capture_output=True, text=True)


def test_a_release_rewritten_with_its_checksums_is_caught_only_against_the_commit(published: Path) -> None:
    rewrite_release(published)
    assert problems_of(published) == [], "the local checks can't tell: every checksum agrees"
    found = {(p.path, p.line, p.column, p.code) for p in problems_of(published, base="HEAD")}
    line = next(i for i, text in enumerate((published / "releases" / "2024.1" / "areas.csv").read_text(encoding="utf-8").splitlines(), 1) if "改动" in text)
    column = (published / "releases" / "2024.1" / "areas.csv").read_text(encoding="utf-8").splitlines()[line - 1].index("改动") + 1
    assert ("data/releases/2024.1/areas.csv", line, column, "release-file-changed") in found, found
    sums_line = next(
        i for i, text in enumerate((published / "releases" / "2024.1" / "SHA256SUMS").read_text(encoding="utf-8").splitlines(), 1) if text.endswith("areas.csv")
    )
    assert ("data/releases/2024.1/SHA256SUMS", sums_line, "release-file-changed") in {(p[0], p[1], p[3]) for p in found}, found
    assert any(p[0] == "data/releases.yaml" and p[3] == "release-entry-changed" for p in found), found
    run = validate(published, "HEAD")
    assert run.returncode == 1
    assert f"data/releases/2024.1/areas.csv:{line}:{column} release-file-changed" in run.stdout
    assert "已发布版本 2024.1 的文件被改动" in run.stdout and "a file of release 2024.1 changed" in run.stdout


def test_a_released_source_cant_be_replaced_even_with_its_checksum_updated(published: Path) -> None:
    replace_archive(published)
    local = [(p.path, p.code) for p in problems_of(published)]
    assert local == [("data/sources/test-source.yaml", "released-source-changed")], "the release's sources.csv records the old checksum"
    against = {(p.path, p.code) for p in problems_of(published, base="HEAD")}
    assert ("data/sources/test-source.txt", "released-source-changed") in against, against


def test_removed_and_added_release_files_and_entries_are_caught(published: Path) -> None:
    folder = published / "releases" / "2024.1"
    (folder / "indicators.csv").unlink()
    (folder / "extra.csv").write_text("x\n", encoding="utf-8")
    (published / "releases.yaml").write_text("[]\n", encoding="utf-8")
    found = {(p.path, p.code) for p in problems_of(published, base="HEAD")}
    assert ("data/releases/2024.1/indicators.csv", "release-file-missing") in found, found
    assert ("data/releases/2024.1/extra.csv", "release-file-added") in found, found
    assert ("data/releases.yaml", "release-entry-changed") in found, found


def test_new_data_and_a_new_release_pass_against_the_commit(published: Path) -> None:
    assert release(published, "2024.2", "--summary", "第二版", "--date", "2026-02-28").returncode == 0
    assert problems_of(published, base="HEAD") == []
    assert validate(published, "HEAD").returncode == 0


def test_an_unknown_base_is_a_clear_error_and_no_base_means_local_checks(published: Path) -> None:
    rewrite_release(published)
    run = validate(published, "no-such-ref")
    assert run.returncode == 2 and "BASE='no-such-ref'" in run.stderr and "不是本仓库中的提交" in run.stderr
    option = validate(published, "--all")  # read as an option, rev-parse would print every ref and pass
    assert option.returncode == 2 and "BASE='--all'" in option.stderr and "不是本仓库中的提交" in option.stderr
    assert validate(published, None).returncode == 0
