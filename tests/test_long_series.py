"""An indicator with more periods than a page can show: the page and the chart show the latest
periods and a summary of all, and every download holds every row."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from macros.data.catalog import SHOWN_PERIODS
from scripts.bench import write_long
from tests.conftest import CHART_TEXTS

ROWS = SHOWN_PERIODS + 15


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory, mkdocs_build, site: Path) -> Path:
    """The real data plus one daily indicator of ROWS rows (1950-01-01 on), built with --strict."""
    work = tmp_path_factory.mktemp("long")
    write_long(work / "data", ROWS)
    run = mkdocs_build(work / "site", work / "data")
    assert run.returncode == 0, run.stderr[-3000:]
    return work / "site"


def test_the_page_shows_the_latest_periods_and_a_summary_of_all(long_site: Path) -> None:
    page = (long_site / "indicators" / "long-series" / "index.html").read_text(encoding="utf-8")
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    periods = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert len(periods) == SHOWN_PERIODS
    assert periods[0] == "1950年2月14日" and periods[-1] == "1950年1月16日", "newest first, the oldest shown is the 30th from the end"
    assert f"最近 {SHOWN_PERIODS} 期</caption>" in page
    summary = page.split('class="series-summary"', 1)[1].split("</div>", 1)[0]
    assert f"{ROWS} 条，{ROWS} 期（1950年1月1日至1950年2月14日）" in summary
    value = lambda i: i * 37 % 900 + 10  # noqa: E731  the generator's value of row i
    assert f"最早值</dt><dd>{value(0)} 项（1950年1月1日）" in summary and f"最新值</dt><dd>{value(ROWS - 1)} 项（1950年2月14日）" in summary
    assert f"最大值</dt><dd>{max(map(value, range(ROWS)))} 项" in summary
    for name in ("CSV", "XLSX", "JSON"):
        assert f"download>{name}</a>" in summary
    assert page.count('class="source-quote"') == SHOWN_PERIODS, "the quotes of the rows shown; all are in the downloads"


def test_the_chart_draws_the_latest_periods_and_says_so(long_site: Path) -> None:
    spec = json.loads((long_site / "downloads" / "charts" / "long-series.vl.json").read_text(encoding="utf-8"))
    (data,) = [v for v in spec["datasets"].values()]
    assert len(data) == SHOWN_PERIODS and data[-1]["项目"] == "1950年2月14日"
    assert f"图中为最近 {SHOWN_PERIODS} 期，共 {ROWS} 期的全部数据见本站下载" in spec["title"]["subtitle"]


def test_every_download_holds_every_row(long_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((long_site / "downloads" / "indicators" / "long-series.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == ROWS and rows[0]["period"] == "1950-01-01"
    api = json.loads((long_site / "api" / "v1" / "indicators" / "long-series.json").read_text(encoding="utf-8"))
    assert len(api["observations"]) == ROWS
    everything = (long_site / "downloads" / "observations.csv").read_text(encoding="utf-8-sig")
    assert everything.count("\nlong-series,") == ROWS


KINDS = [
    "indicators/sci-tech-commissioners-total/",
    "indicators/long-series/",
    "indicators/major-project-grants/",
    "areas/innovation-entities/",
]  # columns, a line, bars by item, the area overview


def smallest_chart_text(page) -> float:
    """The smallest chart text on the page as it is now shown (the page never scrolls sideways)."""
    page.locator("figure.chart").first.scroll_into_view_if_needed()  # an area's overview is loaded when it comes near
    texts = page.eval_on_selector_all("figure.chart", CHART_TEXTS)
    width, scroll = page.viewport_size["width"], page.evaluate("document.documentElement.scrollWidth")
    assert texts and scroll <= width, (page.url, scroll)
    return min(size for _text, size in texts)


@pytest.mark.parametrize("path", KINDS)
def test_chart_texts_are_as_readable_as_the_text_around_them(long_site: Path, browser, path: str) -> None:
    """At 375 px every chart text renders at 13 px or more, and at 16 px or more in 大字 mode; on a
    desktop 大字 mode never makes a chart's text smaller. (The site has no line chart of its own: the
    long series added to the real data here is one.)"""
    from tests.conftest import serve

    with serve(long_site) as url:
        context = browser.new_context(viewport={"width": 375, "height": 900})
        page = context.new_page()
        page.goto(url + path, wait_until="load")
        phone = smallest_chart_text(page)
        page.get_by_role("button", name="大字").click()
        phone_large = smallest_chart_text(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        desktop_large = smallest_chart_text(page)
        page.get_by_role("button", name="标准字").click()
        desktop = smallest_chart_text(page)
        context.close()
    assert phone >= 13 and phone_large >= 16, (path, phone, phone_large)
    assert desktop_large >= desktop, (path, desktop, desktop_large)
