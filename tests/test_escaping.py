"""Data text never runs: markup and template syntax in every text field show as plain text,
in pages, tables, charts, search and downloads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW = re.compile(r"<script>alert|<img src=x|<b onmouseover|href=\"javascript:")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(FIXTURES / "valid" / "data", data)
    shutil.copytree(FIXTURES / "hostile", data, dirs_exist_ok=True)
    out = root / "hostile-site"
    run = mkdocs_build(out, data)
    assert run.returncode == 0, run.stderr
    return out


def test_no_markup_from_data_reaches_the_html(hostile_site: Path) -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")}
    assert len(pages) > 10
    for path, html in pages.items():
        assert not RAW.search(html), f"{path.relative_to(hostile_site)}: {RAW.search(html).group()}"  # type: ignore[union-attr]
    page = pages[hostile_site / "indicators" / "tech-contracts" / "index.html"]
    assert "<title>技术合同&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;{{ config }}{% raw %}\\1&amp;amp;" in page
    for text in (
        "{{ 7*7 }}",
        "{% if true %}",
        "\\1",
        "&lt;script&gt;alert(&#39;definition&#39;)",
        "&lt;script&gt;alert(&#39;note&#39;)",
        "&lt;script&gt;alert(&#39;name&#39;)",
        "&lt;script&gt;alert(&#39;register&#39;)",
        "&lt;script&gt;alert(&#39;term&#39;)",
        "&lt;script&gt;alert(&#39;source&#39;)",
    ):
        assert text in page, text
    source = pages[hostile_site / "sources" / "hostile-source" / "index.html"]
    assert "&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;{{ 7*7 }}" in source


def test_spreadsheets_hold_text_not_formulas(hostile_site: Path) -> None:
    for path in (hostile_site / "downloads").rglob("*.xlsx"):
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                assert not [c.coordinate for c in row if c.data_type == "f"], path.name


def test_nothing_runs_in_the_browser(hostile_site: Path, browser) -> None:
    dialogs: list[str] = []
    with serve(hostile_site) as url:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in (
            "",
            "indicators/tech-contracts/",
            "indicators/commissioners/",
            "areas/transfer/",
            "sources/hostile-source/",
            "glossary/",
            "downloads/",
            "indicators/",
        ):
            page.goto(url + path, wait_until="load")
            if page.locator("figure.chart").count():
                page.locator("figure.chart .chart-live-button").first.click()
                page.wait_for_timeout(1500)  # vendored Vega draws the interactive chart with tooltips
                page.mouse.move(200, 400)
                page.locator("figure.chart svg").first.hover()
        page.goto(url, wait_until="load")
        page.locator("input.md-search__input").click()
        page.locator(".md-search-result__meta", has_text="键入以开始搜索").wait_for(timeout=30000)
        for query in ("alert", "script", "技术合同"):
            page.locator("input.md-search__input").fill(query)
            page.locator("input.md-search__input").press("End")
            page.wait_for_timeout(1000)
        context.close()
    assert dialogs == []
