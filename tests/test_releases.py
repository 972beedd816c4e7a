"""Releases are append-only: make release freezes the exports, and any later change to them is caught."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from macros.data.loader import Loader, load_catalog
from macros.data.problems import DataError, Problem

ROOT = Path(__file__).resolve().parent.parent


def problems_of(data: Path, base: str = "") -> list[Problem]:
    """Every problem the validator finds in ``data`` (compared with git commit ``base`` if given)."""
    try:
        Loader(data, base=base).load()
    except DataError as err:
        return err.problems
    return []


def release(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SHANGHE_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "scripts.release", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_published_releases_are_unchanged(catalog) -> None:
    assert catalog.releases, "release 2024.1 has been cut"
    assert problems_of(ROOT / "data") == []


def test_make_release_freezes_and_refuses_to_overwrite(fixture_data) -> None:
    data = fixture_data.data
    run = release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31")
    assert run.returncode == 0, run.stderr
    folder = data / "releases" / "2024.1"
    assert (folder / "observations.csv").is_file() and (folder / "datapackage.json").is_file() and (folder / "SHA256SUMS").is_file()
    cat = load_catalog(data)
    assert [r.version for r in cat.releases] == ["2024.1"] and cat.releases[0].date == "2026-01-31"
    assert problems_of(data) == []
    before = (folder / "observations.csv").read_bytes()
    again = release(data, "2024.1", "--summary", "覆盖")
    assert again.returncode == 1 and "已经发布" in again.stderr
    assert (folder / "observations.csv").read_bytes() == before


def test_a_changed_released_file_is_found(fixture_data) -> None:
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    folder = data / "releases" / "2024.1"
    (folder / "areas.csv").write_bytes((folder / "areas.csv").read_bytes().replace("成果转化".encode(), "改动".encode()))
    (folder / "extra.csv").write_text("x\n", encoding="utf-8")
    found = {(p.path, p.code) for p in problems_of(data)}
    assert ("data/releases/2024.1/areas.csv", "release-file-changed") in found, found
    assert ("data/releases/2024.1/extra.csv", "release-file-added") in found, found


def test_rewriting_the_checksum_list_is_found(fixture_data) -> None:
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    sums = data / "releases" / "2024.1" / "SHA256SUMS"
    sums.write_text(sums.read_text(encoding="utf-8") + "0" * 64 + "  new.csv\n", encoding="utf-8")
    found = {(p.path, p.line, p.code) for p in problems_of(data)}
    assert ("data/releases/2024.1/SHA256SUMS", 1, "release-file-changed") in found, found


def test_build_refuses_changed_releases(fixture_data, tmp_path: Path, mkdocs_build) -> None:
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    (data / "releases" / "2024.1" / "areas.csv").write_text("changed\n", encoding="utf-8")
    run = mkdocs_build(tmp_path / "site", data)
    assert run.returncode != 0 and "data/releases/2024.1/areas.csv:1:1 release-file-changed" in run.stderr, run.stderr


def edited(files: dict[str, bytes], name: str, prefix: str, old: str, new: str) -> dict[str, bytes]:
    """A copy of a release's files with ``old`` replaced by ``new`` in the lines of ``name`` that start with ``prefix``."""
    lines = files[name].decode("utf-8").splitlines()
    changed = [line.replace(old, new) if line.startswith(prefix) else line for line in lines]
    assert changed != lines, (name, prefix, old)
    return files | {name: ("\n".join(changed) + "\n").encode("utf-8")}


def test_changes_between_releases_are_worded_for_readers(site: Path, catalog) -> None:
    from macros.data.releases import changes, frozen

    first_files, files = frozen(ROOT / "data", "2024.1"), frozen(ROOT / "data", "2024.2")
    old = first_files["observations.csv"]
    assert changes(first_files, edited(first_files, "observations.csv", "sci-tech-commissioners-total,", ",51,", ",52,")) == [
        "修改：省科技特派员备案总量 2024年 51人 → 52人。"
    ]
    # files with the value_label column: the change is worded as the site words the figures
    new = edited(files, "observations.csv", "sci-tech-commissioners-total,", ",51,人,51 人,", ",52,人,52 人,")
    assert changes(files, new) == ["修改：省科技特派员备案总量 2024年（截至报告成文） 51 人 → 52 人。"]
    frozen_rows = list(csv.DictReader(io.StringIO(old.decode("utf-8"))))
    first = f"首次发布：{len({r['indicator_id'] for r in frozen_rows})} 项指标、{len(frozen_rows)} 条观测值。"
    assert changes(None, first_files)[0] == first
    page = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert 'id="v2024-1"' in page and first in page


def test_any_change_to_the_data_files_is_a_change(catalog) -> None:
    """A change to an indicator's unit or caveats, or to how a figure is worded, is listed, and the site
    no longer claims to be the release; the same files are no change."""
    from macros.data.releases import changes, current_version, frozen

    files = frozen(ROOT / "data", "2024.4")
    released = {v: frozen(ROOT / "data", v) for v in ("2024.1", "2024.2", "2024.3")} | {"2024.4": files}
    assert changes(files, files) == [] and current_version(catalog, files, released) == "2024.4"
    unit = edited(files, "indicators.csv", "tech-contract-value,", ",亿元,", ",万元,")
    assert changes(files, unit) == ["修改单位：技术合同成交额：“亿元” → “万元”。"] and current_version(catalog, unit, released) == "2024.4+updates"
    wording = edited(files, "observations.csv", "rd-growth-rank,", "第1名（同考核单元，位居全市各区县前列）", "第1名")
    assert changes(files, wording) == [
        "修改写法：研发费用认定数增幅排名（同考核单元） 2023年度（年度为本站推断） 第1名（同考核单元，位居全市各区县前列） → 第1名。"
    ]


def test_changing_a_released_value_needs_a_matching_revision_record(fixture_data) -> None:
    from macros.data.problems import DataError

    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    obs = data / "observations" / "tech-contracts.csv"
    # a new value with the sentence that states it (the test source has no better sentence: any stated number will do)
    obs.write_text(obs.read_text(encoding="utf-8").replace(",95,", ",51,").replace("全县完成技术合同认定登记95项", "总量达到51人"), encoding="utf-8")
    try:
        load_catalog(data)
    except DataError as err:
        (p,) = [p for p in err.problems if p.code == "unrecorded-revision"]
        assert (p.path, p.line) == ("data/observations/tech-contracts.csv", 2)
        assert "2024.1" in p.zh and "revisions.csv" in p.zh
    else:
        raise AssertionError("a changed released value without a revision record must fail")
    header = "indicator_id,period,breakdown,old_value,new_value,date,type,reason\n"
    (data / "revisions.csv").write_text(header + "tech-contracts,2024,,95,52,2026-02-01,更正,录入错误\n", encoding="utf-8")
    try:
        load_catalog(data)
    except DataError as err:
        assert [p.code for p in err.problems if p.code == "revision-mismatch"] == ["revision-mismatch"]
    else:
        raise AssertionError("a revision record that does not match the change must fail")
    (data / "revisions.csv").write_text(header + "tech-contracts,2024,,95,51,2026-02-01,更正,录入错误\n", encoding="utf-8")
    cat = load_catalog(data)
    (revision,) = cat.indicator_revisions("tech-contracts")
    assert (revision.old_value, revision.new_value, revision.type) == (95, 51, "更正")


def test_a_changed_flag_is_worded_as_a_flag_change() -> None:
    from macros.data.releases import changes, frozen

    files = frozen(ROOT / "data", "2024.1")
    assert changes(files, edited(files, "observations.csv", "violations,", ",0,次,,", ",0,次,from_wording,")) == [
        "修改标记：违纪违法问题和责任事故 2024年：原文数 → 由文字推断。"
    ]


def test_make_release_keeps_the_summary_as_typed(fixture_data) -> None:
    import yaml

    data = fixture_data.data
    summary = '更正: #2 "引号" yes; echo INJECTED'
    env = {**os.environ, "SHANGHE_DATA": str(data)}
    run = subprocess.run(["make", "--no-print-directory", "release", "VERSION=2024.1", f"SUMMARY={summary}"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "INJECTED" not in run.stdout.replace(summary, "") + run.stderr
    (entry,) = yaml.safe_load((data / "releases.yaml").read_text(encoding="utf-8"))
    assert entry["summary"] == summary and entry["version"] == "2024.1"


def test_a_revision_record_must_change_a_released_value(fixture_data) -> None:
    """Three records the changelog must not show: a period never released, an old value no release holds,
    and a change from 95 to 95."""
    from macros.data.problems import DataError

    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    header = "indicator_id,period,breakdown,old_value,new_value,date,type,reason\n"
    (data / "revisions.csv").write_text(
        header
        + (
            "tech-contracts,2023,,90,95,2026-02-01,更正,从未发布\n"
            "tech-contracts,2024,,94,95,2026-02-01,更正,旧值不对\n"
            "tech-contracts,2024,,95,95,2026-02-01,更正,没有修改\n"
        ),
        encoding="utf-8",
    )
    try:
        load_catalog(data)
    except DataError as err:
        found = {(p.code, p.line) for p in err.problems if p.path == "data/revisions.csv"}
    else:
        raise AssertionError("bad revision records must fail")
    assert {("revision-unreleased", 2), ("revision-old-value", 3), ("revision-no-change", 4)} <= found, found


def test_the_changelog_and_the_downloads_agree_on_what_changed_since_the_release(fixture_data, tmp_path: Path, mkdocs_build) -> None:
    """Changes merged after a release are published, not drafts: the changelog lists each, the downloads
    page marks the same indicators "<release>版之后", the version names the release. Cutting
    the next release freezes them and empties that list."""
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    contracts = data / "observations" / "tech-contracts.csv"  # a period label and a note change; the other indicators do not
    contracts.write_text(
        "period,value,flag,qualifier,as_of,breakdown,source,quote,note,formula,period_basis\n2024,95,,,,,test-source,全县完成技术合同认定登记95项,,,to_date\n",
        encoding="utf-8",
    )
    coverage = data / "observations" / "coverage.csv"
    coverage.write_text(coverage.read_text(encoding="utf-8").rstrip("\n") + "规上工业企业口径\n", encoding="utf-8")
    assert mkdocs_build(tmp_path / "one", data).returncode == 0
    site = tmp_path / "one"
    changelog, downloads = (site / "changelog" / "index.html").read_text(encoding="utf-8"), (site / "downloads" / "index.html").read_text(encoding="utf-8")
    since = changelog.split('id="since-latest"')[1].split("<h2")[0]
    lines = re.findall(r"<li>(.*?)</li>", since)
    # the period's wording changes the indicator's caveats too (the period caveat is made from it)
    # each line says what the text was and what it is, the part that differs (issue 33)
    assert lines == [
        "修改备注：研发机构覆盖率 2024年：“（无）” → “规上工业企业口径”。",
        "修改使用须知：技术合同认定登记数：“（无）” → “原文用“截至目前”“今年以来”等说法，报告又未注明成文日期：…”。",
        "修改时期的写法：技术合同认定登记数 2024年 → 2024年（截至报告成文）。",
    ], lines
    rows = re.findall(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th><td data-label="下载">(.*?)</tr>', downloads)
    marked = [title for title, rest in rows if '<a href="../changelog/#since-latest">2024.1版之后</a>' in rest]
    assert sorted(marked) == sorted({line.split("：")[1].split(" ")[0].rstrip("。") for line in lines}) == ["技术合同认定登记数", "研发机构覆盖率"]
    assert json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))["version"] == "2024.1+updates"
    assert "本页的文件是本站现在发布的数据：<strong>2024.1版之后的更新</strong>" in downloads
    assert release(data, "2024.2", "--summary", "时期写法和备注", "--date", "2026-02-01").returncode == 0
    assert mkdocs_build(tmp_path / "two", data).returncode == 0
    site = tmp_path / "two"
    changelog, downloads = (site / "changelog" / "index.html").read_text(encoding="utf-8"), (site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "2024.2版发布以来，数据没有修改" in changelog and "之后</a>" not in downloads
    assert [li for li in re.findall(r"<li>(.*?)</li>", changelog.split('id="v2024-2"')[1].split("<h2")[0])] == lines
    assert json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))["version"] == "2024.2"


def test_the_public_site_never_calls_its_data_a_draft(site: Path) -> None:
    """What is on the site is published: no page, download or API file says draft or unpublished."""
    from openpyxl import load_workbook

    words = re.compile(r"draft|草稿|未发布", re.I)
    found = []
    for path in site.rglob("*"):
        if "assets" in path.parts or "search" in path.parts or not path.is_file():
            continue
        if path.suffix in (".html", ".csv", ".json", ".xml", ".jsonld", ".svg"):
            found += [f"{path.relative_to(site)}: {m.group(0)}" for m in words.finditer(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".xlsx" and "releases" not in path.parts:
            cells = (str(v) for ws in load_workbook(path, read_only=True) for row in ws.iter_rows(values_only=True) for v in row if v)
            found += [f"{path.relative_to(site)}: {c}" for c in cells if words.search(c)]
    assert not found, found[:10]


def test_a_released_observation_cannot_be_removed(fixture_data) -> None:
    """A value a release froze stays in the data: deleting its row is a problem (mark it missing instead)."""
    data = fixture_data.data
    assert release(data, "2024.1", "--summary", "测试版本", "--date", "2026-01-31").returncode == 0
    obs = data / "observations" / "tech-contracts.csv"
    lines = obs.read_text(encoding="utf-8").splitlines(keepends=True)
    obs.write_text("".join(line for line in lines if not line.startswith("2024,")), encoding="utf-8")
    found = [p for p in problems_of(data) if p.code == "removed-released"]
    assert found and found[0].path == "data/observations/tech-contracts.csv" and "2024.1" in found[0].zh and "missing" in found[0].zh


def test_a_changed_workbook_wording_is_no_longer_the_release(tmp_path: Path, mkdocs_build) -> None:
    """A version names every file: when only the workbooks' wording changes (no figure), the site stops
    calling its files the release and the changelog says which files differ."""
    import shutil

    for name in ("mkdocs.yml", "docs", "macros", "overrides", "scripts"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "data", tmp_path / "data")
    env = {**os.environ, "SHANGHE_DATA": str(tmp_path / "data"), "SHANGHE_CACHE": str(tmp_path / ".cache")}
    release = [sys.executable, "-m", "scripts.release", "2024.1", "--summary", "首次发布", "--date", "2026-11-27"]
    subprocess.run(release, cwd=tmp_path, env=env, check=True, capture_output=True)

    def built() -> tuple[str, str]:
        run = mkdocs_build(tmp_path / "site", cwd=tmp_path)
        assert run.returncode == 0, run.stderr[-2000:]
        changelog = (tmp_path / "site" / "changelog" / "index.html").read_text(encoding="utf-8")
        return json.loads((tmp_path / "site" / "downloads" / "indicators" / "tech-contracts.json").read_text(encoding="utf-8"))["version"], changelog

    version, changelog = built()
    assert version == "2024.1" and "2024.1版发布以来，数据没有修改：本站显示的就是 2024.1版。" in changelog
    writers = tmp_path / "macros" / "publish" / "writers.py"
    writers.write_text(writers.read_text(encoding="utf-8").replace('("标记说明", flags_text())', '("标记的含义", flags_text())'), encoding="utf-8")
    version, changelog = built()
    assert version == "2024.1+updates"
    assert "<li>文件的写法变了，数据不变：indicators/*.xlsx（4 个文件）。</li>" in changelog
    assert "<li>文件的写法变了，数据不变：observations.xlsx。</li>" in changelog


def test_a_changelog_line_says_what_a_text_was_and_is() -> None:
    """修改使用须知 alone says nothing a reader can check: the line gives the part that differs, a few
    characters around it, cut with … where long."""
    from macros.data.releases import difference

    assert difference("亿元", "万元") == "“亿元” → “万元”"
    assert difference("", "规上工业企业口径") == "“（无）” → “规上工业企业口径”"
    assert (
        difference("报告所称全县完成技术合同认定备案登记的数量。", "报告所称全县完成技术合同认定备案登记的数量。本站解释：合同分五类。")
        == "“…登记的数量。” → “…登记的数量。本站解释：合同分五类。”"
    )
    assert difference("2024年的数字只统计到报告成文时。", "") == "“2024年的数字只统计到报告成文时。” → “（无）”"
