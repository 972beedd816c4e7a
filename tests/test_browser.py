"""In Chromium: indicator pages (one of each kind of chart and a fixed sample) show their chart with no
console error and no request to another host; charts become interactive. Served from a sub-path. Every
indicator page is checked for the same parts in its HTML, without a browser."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import sample_indicators


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.events = {"console": [], "hosts": set()}  # type: ignore[attr-defined]
    page.on("console", lambda m: page.events["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda err: page.events["console"].append(f"pageerror: {err}"))
    page.on("request", lambda r: page.events["hosts"].add(urlparse(r.url).hostname))
    yield page
    context.close()


def visit(tab, url: str) -> None:
    tab.events["console"].clear()
    tab.events["hosts"].clear()
    response = tab.goto(url, wait_until="load")
    assert response is not None and response.ok, url


def assert_clean(tab) -> None:
    assert not tab.events["console"], tab.events["console"]
    assert tab.events["hosts"] <= {"127.0.0.1"}, tab.events["hosts"]


def test_every_indicator_page_has_its_parts_and_loads_nothing_from_another_host(site: Path, catalog) -> None:
    """The headline number, a chart (or one figure and no chart), the data table, and no script, style,
    image or frame from anywhere but the site itself."""
    for iid in catalog.indicators:
        html = (site / "indicators" / iid / "index.html").read_text(encoding="utf-8")
        assert 'class="headline' in html and "<table><caption>" in html, iid
        assert ('<figure class="chart"' in html) or "headline-single" in html or 'class="headline-change"' in html, iid
        loaded = re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"[^>]*rel="stylesheet"', html)
        assert not [u for pair in loaded for u in pair if u.startswith(("http:", "https:", "//"))], iid


@pytest.mark.parametrize("iid", sample_indicators())
def test_indicator_page_shows_chart_without_errors_or_other_hosts(tab, server: str, iid: str) -> None:
    visit(tab, f"{server}indicators/{iid}/")
    assert tab.locator(".headline .value").first.is_visible()
    if tab.locator("figure.chart").count():  # a page with one figure shows the number, not a one-bar chart
        chart = tab.locator("figure.chart picture img").first
        chart.wait_for(state="visible")
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
        assert chart.evaluate("img => img.decode().then(() => img.naturalWidth)") > 200, "the picture's SVG file loads"
    assert tab.locator("table caption").first.is_visible()
    assert_clean(tab)


def test_chart_becomes_interactive_with_vendored_vega(tab, server: str) -> None:
    visit(tab, f"{server}indicators/rd-expenditure-reported/")
    figure = tab.locator("figure.chart").first
    figure.locator(".chart-live-button").click()
    tab.locator("figure.chart[data-live=yes]").first.wait_for(timeout=15000)
    assert tab.locator("figure.chart svg.marks").count() >= 1
    assert_clean(tab)


def test_a_tap_on_a_chart_costs_nothing_until_the_reader_asks(tab, server: str) -> None:
    """Pointing at or tapping a chart loads no chart library (about 810 KB); its 交互图表 button does."""
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    visit(tab, f"{server}indicators/rd-expenditure-reported/")
    figure = tab.locator("figure.chart").first
    figure.hover()
    figure.locator("picture img").click()
    tab.wait_for_timeout(1000)
    assert not [url for url in fetched if "/vendor/" in url or url.endswith(".vl.json")]
    button = figure.get_by_role("button", name="交互图表")
    assert button.is_visible()
    button.click()
    tab.locator("figure.chart[data-live=yes]").first.wait_for(timeout=15000)
    assert [url for url in fetched if url.endswith("/vendor/vega.min.js")]
    assert not figure.locator(".chart-live-button").count(), "the button goes once the live chart is drawn"


def test_source_link_jumps_to_the_sentence(tab, server: str) -> None:
    visit(tab, f"{server}indicators/sci-tech-commissioners-total/")
    tab.get_by_role("link", name="在原文中查看这句话").first.click()
    tab.wait_for_load_state("load")
    anchor = urlparse(tab.url).fragment
    assert anchor.startswith("q-")
    text = tab.evaluate(f"document.getElementById('{anchor}').parentElement.textContent")
    assert "总量达到51人" in text
    assert_clean(tab)


def test_citation_gets_the_page_address_and_todays_date(tab, server: str) -> None:
    visit(tab, f"{server}indicators/tech-contracts/")
    url = tab.locator(".cite-url").first.inner_text()
    date = tab.locator(".cite-date").first.inner_text()
    assert url == f"{server}indicators/tech-contracts/"
    assert len(date) == 10 and date[4] == "-" and date[:2] == "20"
    assert_clean(tab)
