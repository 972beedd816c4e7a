"""Each kind of thing lives in one registry: a new mark, download format, page kind or chart kind is one
entry there plus its wording, and a page template is changed one block at a time.

The test makes those changes, and only those, in a copy of the project, builds it with the small
fixture data and reads what a reader would find.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "data"


def insert(path: Path, before: str, text: str) -> None:
    """Write ``text`` into a file of the copy just before ``before``, which must be there once."""
    content = path.read_text(encoding="utf-8")
    assert content.count(before) == 1, f"{path.name}: {before!r}"
    path.write_text(content.replace(before, text + before), encoding="utf-8")


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Path:
    """The site built from a copy with one more of each kind; its folder (the site is in site/)."""
    root = tmp_path_factory.mktemp("extended")
    for name in ("mkdocs.yml", "docs", "macros", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    shutil.copytree(FIXTURE, root / "data")
    macros = root / "macros"
    # a mark: one entry, its names, explanation and colour
    insert(
        macros / "data" / "schema.py", '    "missing": Mark(', '    "imputed": Mark("插补值", "Imputed", "由相邻时期的数字插补，不是原文数字。", "#00695c"),\n'
    )
    csv = root / "data" / "observations" / "commissioners-new.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2024,6,,", "2024,6,imputed,"), encoding="utf-8")
    # a download format: one entry, with its writer
    tsv = (
        '    Format("tsv", "text/tab-separated-values", "TSV", "表格（TSV，制表符分隔）", '
        'write=lambda s: s.table.frame.to_csv(sep="\\t", index=False).encode("utf-8")),\n'
    )
    insert(macros / "publish" / "formats.py", ")\nCHART_LINK = ", tsv)
    # a page kind: one entry, and its template
    page = '    PageKind("registers", lambda cat: cat.registers, "register.html", lambda build, key, h: {"reg": build.catalog.registers[key]}),\n'
    insert(macros / "site" / "pages.py", ")\n\n\ndef page_kind(", page)
    template = (
        '<h1>{{ reg.title }}</h1>\n{{ h("名录") }}\n<ul class="register-page">{% for r in reg.rows %}<li>{{ r.name }}：{{ r.detail }}</li>{% endfor %}</ul>\n'
    )
    (macros / "site" / "templates" / "register.html").write_text(template, encoding="utf-8")
    # a chart kind: one entry, and the word staff write in `chart:`
    dots = '    ChartKind("dot", lambda chart: _over_periods(chart, lambda base, n: base.mark_point(filled=True, color=BAR, size=80))),\n'
    insert(macros / "charts" / "specs.py", '    ChartKind("area",', dots)
    insert(macros / "data" / "schema.py", ")\n\n\n@dataclass(frozen=True)\nclass Field:", ', "dot"')
    yaml = root / "data" / "indicators" / "commissioners.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("chart: bar", "chart: dot"), encoding="utf-8")
    # one block of the indicator page, overridden
    override = (
        '{% extends "default:indicator.html" %}\n{% block definition %}{{ h("定义") }}\n'
        '<p class="county-definition">本县口径：{{ ind.definition }}</p>{% endblock %}\n'
    )
    (root / "overrides" / "shanghe").mkdir(parents=True, exist_ok=True)
    (root / "overrides" / "shanghe" / "indicator.html").write_text(override, encoding="utf-8")
    run = mkdocs_build(root / "site", cwd=root)
    assert run.returncode == 0, run.stderr[-3000:]
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_a_new_mark_is_named_explained_and_coloured_everywhere(extended: Path) -> None:
    page = read(extended, "indicators/commissioners-new/index.html")
    assert '<td data-label="标记">插补值</td>' in page
    assert '<th scope="row">插补值</th><td data-label="含义">由相邻时期的数字插补，不是原文数字。</td>' in page
    assert "由相邻时期的数字插补，不是原文数字。" in read(extended, "about/index.html")
    assert '<span class="flag" title="插补值">插补值</span>' in read(extended, "areas/transfer/index.html")
    spec = json.loads(read(extended, "downloads/charts/commissioners-new.vl.json"))
    scale = (
        spec["encoding"]["color"]["scale"]
        if "encoding" in spec
        else next(layer["encoding"]["color"]["scale"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    )
    assert dict(zip(scale["domain"], scale["range"], strict=True))["插补值"] == "#00695c"
    assert "imputed" in read(extended, "downloads/indicators/commissioners-new.csv")


def test_a_new_format_is_written_linked_catalogued_and_zipped(extended: Path) -> None:
    tsv = read(extended, "downloads/indicators/tech-contracts.tsv")
    assert tsv.startswith("indicator_id\tindicator_name\t") and "\t95\t" in tsv
    page = read(extended, "indicators/tech-contracts/index.html")
    assert '<li>表格（TSV，制表符分隔）：<a href="../../downloads/indicators/tech-contracts.tsv"' in page
    assert 'href="../downloads/indicators/tech-contracts.tsv"' in read(extended, "downloads/index.html")
    assert '"dcat:mediaType": "text/tab-separated-values"' in read(extended, "downloads/catalog.jsonld")
    assert "indicators/tech-contracts.tsv" in read(extended, "downloads/SHA256SUMS")
    with zipfile.ZipFile(io.BytesIO((extended / "downloads" / "shanghe-sci-tech-stats.zip").read_bytes())) as bulk:
        assert bulk.read("indicators/tech-contracts.tsv").decode("utf-8") == tsv


def test_a_new_page_kind_has_a_page_for_each_of_its_objects(extended: Path) -> None:
    page = read(extended, "registers/contracts/index.html")
    assert "<title>测试名录 - 商河县科技统计数据</title>" in page
    assert '<h2 id="名录">名录' in page and '<ul class="register-page"><li>' in page


def test_a_new_chart_kind_draws_the_indicators_that_choose_it(extended: Path) -> None:
    spec = json.loads(read(extended, "downloads/charts/commissioners.vl.json"))
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks[0] == "point" and "bar" not in marks
    assert (extended / "downloads" / "charts" / "commissioners.png").stat().st_size > 1000


def test_an_override_changes_one_block_of_the_indicator_page(extended: Path) -> None:
    page = read(extended, "indicators/tech-contracts/index.html")
    assert '<p class="county-definition">本县口径：' in page
    assert (
        '<h2 id="数据表" data-search-exclude>数据表' in page and '<h2 id="下载和引用" data-search-exclude>下载和引用' in page
    )  # the other blocks are the site's own
    assert page.count('<h2 id="定义">定义') == 1
