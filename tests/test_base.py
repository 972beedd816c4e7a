"""`make validate BASE=<commit>`: what a commit published under data/ (its releases, their entries in
releases.yaml and the sources they used) must still be there, byte for byte. Each test makes a small git
repository of the real data, changes one thing, and reads the problem a reviewer sees, with its place."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.data.history import UnknownBase, first_difference, since
from tests.conftest import ROOT

GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real data, committed in a repository of its own."""
    for key, value in GIT.items():
        monkeypatch.setenv(key, value)
    shutil.copytree(ROOT / "data", tmp_path / "repo" / "data")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *command], cwd=tmp_path / "repo", check=True, env={**os.environ, **GIT})
    return tmp_path / "repo" / "data"


def found(data: Path) -> list[tuple[str, str, int, int]]:
    return [(p.code, p.path, p.line, p.column) for p in since("HEAD", data, lambda path: path.relative_to(data.parent).as_posix())]


def test_nothing_changed_is_nothing_to_report(data: Path) -> None:
    assert found(data) == []


def test_a_changed_release_file_is_named_at_its_first_changed_character(data: Path) -> None:
    """Line 2 of areas.csv is 'projects-funding,项目与资金,…': 与 is its 20th character (not byte)."""
    areas = data / "releases" / "2024.1" / "areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8").replace("项目与资金", "项目和资金", 1), encoding="utf-8")
    assert found(data) == [("release-file-changed", "data/releases/2024.1/areas.csv", 2, 20)]


def test_a_removed_and_an_added_release_file(data: Path) -> None:
    (data / "releases" / "2024.2" / "areas.csv").unlink()
    (data / "releases" / "2024.2" / "extra.csv").write_text("a\n", encoding="utf-8")
    assert found(data) == [("release-file-missing", "data/releases/2024.2/areas.csv", 1, 1), ("release-file-added", "data/releases/2024.2/extra.csv", 1, 1)]


def test_a_released_source_can_not_be_rewritten(data: Path) -> None:
    text = data / "sources" / "kjj-2024-work-summary.txt"
    lines = text.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "改" + lines[2][1:]
    text.write_text("".join(lines), encoding="utf-8")
    (problem,) = [p for p in found(data) if p[0] == "released-source-changed"]
    assert problem == ("released-source-changed", "data/sources/kjj-2024-work-summary.txt", 3, 1)


def test_an_entry_of_releases_yaml_is_kept_as_it_was(data: Path) -> None:
    releases = data / "releases.yaml"
    releases.write_text(releases.read_text(encoding="utf-8").replace('summary: "首次发布', 'summary: "第一次发布', 1), encoding="utf-8")
    assert found(data) == [("release-entry-changed", "data/releases.yaml", 2, 3)]


def test_a_base_that_is_no_commit_is_refused(data: Path) -> None:
    with pytest.raises(UnknownBase) as info:
        since("no-such-commit", data, str)
    assert str(info.value).startswith("BASE='no-such-commit' 不是本仓库中的提交 / is not a commit of this repository: ")


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        (b"abc\ndef\n", b"abc\ndxf\n", (2, 2)),
        (b"abc", b"abc\nd", (1, 4)),
        ("甲乙丙\n丁".encode(), "甲乙丁\n丁".encode(), (1, 3)),
        (b"", b"x", (1, 1)),
    ],
)
def test_the_first_difference_is_a_line_and_a_character(old: bytes, new: bytes, place: tuple[int, int]) -> None:
    assert first_difference(old, new) == place


def test_a_removed_or_reshaped_releases_yaml_loses_every_entry(data: Path) -> None:
    releases = data / "releases.yaml"
    releases.unlink()
    assert found(data) == [("release-entry-changed", "data/releases.yaml", 1, 1)] * 4  # one for each release
    releases.write_text("version: 2024.1\n", encoding="utf-8")
    assert found(data) == [("release-entry-changed", "data/releases.yaml", 1, 1)] * 4


def test_releases_yaml_that_is_no_longer_utf8_is_read_as_far_as_it_goes(data: Path) -> None:
    releases = data / "releases.yaml"
    releases.write_bytes(releases.read_bytes() + b"# \xff\n")
    assert found(data) == []


def test_a_base_that_is_no_commit_says_what_git_said(data: Path) -> None:
    with pytest.raises(UnknownBase) as info:
        since("no-such-commit", data, str)
    assert "fatal: " in str(info.value)


def test_a_difference_after_a_leading_line_break() -> None:
    assert first_difference(b"\nab", b"\nax") == (2, 2)


def test_the_message_names_the_commit_in_both_languages(data: Path) -> None:
    areas = data / "releases" / "2024.1" / "areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=data, capture_output=True, text=True, check=True).stdout[:10]
    (problem,) = since("HEAD", data, str)
    assert f"（与提交 {commit} 不符）" in problem.zh and f"(differs from commit {commit})" in problem.en


def test_a_releases_yaml_that_no_longer_parses_loses_its_entries_without_a_crash(data: Path) -> None:
    (data / "releases.yaml").write_text("- version: [\n", encoding="utf-8")
    assert [p[0] for p in found(data)] == ["release-entry-changed"] * 4


def test_each_message_names_the_release_and_the_commit(data: Path) -> None:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=data, capture_output=True, text=True, check=True).stdout[:10]
    (data / "releases" / "2024.2" / "extra.csv").write_text("a\n", encoding="utf-8")
    releases = data / "releases.yaml"
    releases.write_text(releases.read_text(encoding="utf-8").replace('summary: "首次发布', 'summary: "第一次发布', 1), encoding="utf-8")
    text = data / "sources" / "kjj-2024-work-summary.txt"
    text.write_text(text.read_text(encoding="utf-8") + "补一句。\n", encoding="utf-8")
    said = {p.code: (p.zh, p.en) for p in since("HEAD", data, str)}
    assert said["release-file-added"][0].startswith(f"这个文件不属于已发布版本 2024.2（与提交 {commit} 不符）")
    assert said["release-file-added"][1].startswith(f"this file is not part of release 2024.2 (differs from commit {commit})")
    assert said["release-entry-changed"][0].startswith(f"releases.yaml 中版本 2024.1 的条目被改动或删除（与提交 {commit} 不符）")
    assert said["release-entry-changed"][1].startswith(f"the releases.yaml entry of release 2024.1 changed or was removed (differs from commit {commit})")
    assert said["released-source-changed"][0].startswith("来源 kjj-2024-work-summary 的存档原文已随版本 2024.1 发布")


def test_without_git_a_base_can_not_be_read(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(data / "no-programs-here"))
    with pytest.raises(UnknownBase) as info:
        since("HEAD", data, str)
    assert "'git'" in str(info.value)
