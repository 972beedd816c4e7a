"""Any county's data: another county's bureau starts from this repository's indicator definitions, writes
its own dataset.yaml, imports its own report with `make import`, accepts the proposals and applies them, and
builds a complete site with no code change. Nothing in it, pages, charts or files, names 商河."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.test_import import CORPUS, run

ROOT = Path(__file__).resolve().parent.parent
# written for this test: a county that does not exist (the corpus report is fictional too)
DATASET = """name: xugou-sci-tech-stats
title: 虚构县科技统计数据
title_en: Xugou County science and technology statistics
description: 虚构县科学技术局公开的科技统计数据，每个数字都附有来源文件中的原句。
description_en: Open science and technology statistics of the Xugou County Science and Technology Bureau.
publisher: 虚构县科学技术局
publisher_en: Xugou County Science and Technology Bureau
licence: CC-BY-4.0
licence_title: 知识共享署名 4.0 国际许可协议（CC BY 4.0）
licence_url: https://creativecommons.org/licenses/by/4.0/
"""
# what belongs to 商河's own reports: its documents, figures, releases, plan and registers
OWN = ("sources", "observations", "imports", "registers", "releases", "releases.yaml", "plan.yaml", "revisions.csv")


def start(data: Path) -> None:
    """What README's "另一个县" steps do: keep the areas, the glossary and the indicator definitions, drop
    what came from 商河's reports, and write the county's own dataset.yaml."""
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(*OWN))
    (data / "sources").mkdir()
    for path in (data / "indicators").glob("*.yaml"):
        if "商河" in path.read_text(encoding="utf-8"):  # a definition written for 商河's own programmes
            path.unlink()
    (data / "dataset.yaml").write_text(DATASET, encoding="utf-8")


def accept_proposals(data: Path, sid: str) -> None:
    """What staff do in Excel: confirm the source's description, then mark the proposed rows accept."""
    record = data / "sources" / f"{sid}.yaml"
    text = record.read_text(encoding="utf-8").replace('"TODO 标题"', "虚构县科学技术局2023年科技工作总结")
    text = text.replace("TODO English title", "Xugou County S&T work summary 2023").replace('"TODO 发布单位"', "虚构县科学技术局")
    record.write_text("\n".join(line for line in text.splitlines() if not line.startswith("#")) + "\n", encoding="utf-8")
    table = data / "imports" / f"{sid}.csv"
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    for row in rows:
        row["status"] = "accept" if row["status"] == "proposed" else row["status"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    table.write_text(out.getvalue(), encoding="utf-8-sig")


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Path:
    data = tmp_path_factory.mktemp("county") / "data"
    start(data)
    imported = run("scripts.import_source", data, str(CORPUS / "county-a.txt"), "county-a")
    assert imported.returncode == 0, imported.stderr
    accept_proposals(data, "county-a")
    run("scripts.import_apply", data, "county-a")  # validates: the definitions with no figure yet are listed
    for path in (data / "indicators").glob("*.yaml"):  # a county publishes the indicators it has figures for
        if not (data / "observations" / f"{path.stem}.csv").is_file():
            path.unlink()
    (data / "imports" / "county-a.csv").unlink()  # applied
    out = tmp_path_factory.mktemp("county-site") / "site"
    run_ = mkdocs_build(out, data)
    assert run_.returncode == 0, run_.stderr[-3000:]
    return out


def texts(site: Path) -> dict[str, str]:
    """Every file's text, and every member of a workbook or a zip: what a reader or a program can read."""
    found: dict[str, str] = {}
    for path in (p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if path.suffix in (".xlsx", ".zip"):
            with zipfile.ZipFile(path) as z:
                found |= {f"{name}!{member}": z.read(member).decode("utf-8", "ignore") for member in z.namelist()}
        else:
            found[name] = path.read_bytes().decode("utf-8", "ignore")
    return found


def test_a_second_county_builds_its_own_site_naming_itself_only(county: Path) -> None:
    found = texts(county)
    assert [name for name, text in found.items() if "商河" in text] == []
    home = found["index.html"]
    assert "<title>虚构县科技统计数据</title>" in home and "主办单位：虚构县科学技术局" in home
    assert "高新技术企业" in found["indicators/high-tech-publicised/index.html"]
    assert "虚构县科技统计数据 · 尚无冻结版本" in found["downloads/charts/tech-smes.svg"]  # the picture's credit line
    assert "虚构县科技统计数据" in found["downloads/indicators/tech-smes.xlsx!docProps/core.xml"]  # the workbook's creator
    assert "《虚构县科学技术局2023年科技工作总结》" in found["about/index.html"]
