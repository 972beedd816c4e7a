"""A delegate on a 375 px phone: no page scrolls sideways (in standard and large type), the 2025 plan
in the first screen, a commitment to share by its anchor, the caveats beside the number (above the
chart), a Chinese 404, and links a finger can tap."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from tests.conftest import SUBPATH, ErrorPageHandler, sample_pages

PHONE = {"width": 375, "height": 667}
PAGES = sample_pages()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_the_plan_is_in_the_home_pages_first_screen(phone, server: str) -> None:
    phone.goto(server, wait_until="load")
    link = phone.locator(".plan-box a").first
    box = link.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], box
    assert "项承诺" in phone.locator(".plan-box").inner_text()
    link.click()
    phone.wait_for_load_state("load")
    assert phone.url.endswith("/plan/")


def test_every_commitment_has_an_anchor_a_reader_can_share(phone, server: str, catalog) -> None:
    phone.goto(server + "plan/", wait_until="load")
    contents = set(phone.eval_on_selector_all(".md-nav--secondary a.md-nav__link", "links => links.map(a => a.getAttribute('href'))"))
    for c in catalog.plan.commitments:
        assert phone.locator(f"h3#{c.id}").count() == 1, c.id
        assert f"#{c.id}" in contents, f"{c.id} is not in the page's contents"
    shared = catalog.plan.commitments[3]
    phone.goto(f"{server}plan/#{shared.id}", wait_until="load")
    phone.wait_for_timeout(300)
    top = phone.locator(f"h3#{shared.id}").bounding_box()
    assert top and 0 <= top["y"] < PHONE["height"] / 2, top


@pytest.mark.parametrize("iid", ["high-tech-publicised", "rd-expenditure-reported", "major-project-grants", "sci-tech-commissioners-total", "violations"])
def test_caveats_stand_beside_the_number_above_the_chart(phone, server: str, catalog, iid: str) -> None:
    phone.goto(f"{server}indicators/{iid}/", wait_until="load")
    caveats = phone.locator(".headline .headline-caveats")
    assert caveats.count() == 1
    caveat_box = caveats.bounding_box()
    chart = phone.locator("figure.chart")
    if chart.count():
        chart_box = chart.first.bounding_box()
        assert caveat_box and chart_box and caveat_box["y"] < chart_box["y"], iid
    else:  # one period: the number with its period and source, no one-bar chart
        text = phone.locator(".headline").inner_text()
        assert len(catalog.indicators[iid].periods) == 1, iid
        assert "无法与往期比较" in text or phone.locator(".headline-change").count() == 1, text


def test_every_indicator_page_puts_its_caveats_before_its_chart(site: Path, catalog) -> None:
    """The same for every page, read from the HTML: the caveats box comes before the chart, and a page
    with one figure has no chart at all."""
    from macros.charts import specs
    from macros.data.statements import caveats

    with_caveats = 0
    for ind in catalog.indicators.values():
        html = (site / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")
        single = len(specs.indicator_chart(catalog, ind).points) == 1
        assert ('<figure class="chart"' in html) != single, ind.id
        assert ('<div class="headline-caveats">' in html) == bool(caveats(ind)), ind.id
        if caveats(ind) and not single:
            assert html.index('<div class="headline-caveats">') < html.index('<figure class="chart"'), ind.id
        with_caveats += bool(caveats(ind))
    assert with_caveats > len(catalog.indicators) / 2


@pytest.mark.parametrize("width", [375, 1280])
def test_a_missing_page_under_a_sub_path_leads_back_into_the_site(browser, site: Path, width: int) -> None:
    """Built without the site's address and served under a sub-path, a missing address at any depth shows the
    Chinese 404 with its own styles (nothing fails to load), and its links and search lead into the site."""
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>找不到这个页面</h1>" in html and "404 - Not found" not in html and "assets/stylesheets" not in html
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ErrorPageHandler, directory=str(site.parent)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{httpd.server_address[1]}/{SUBPATH}/"
    page = browser.new_page(viewport={"width": width, "height": 800})
    failed: list[str] = []
    missing = {root + "no/such/page/", root + "a/b/c/missing"}

    def refused(r) -> None:  # the script's questions up the address (HEAD) may be refused; nothing the page needs may
        if r.status >= 400 and r.request.method != "HEAD" and r.url not in missing and not r.url.endswith("/favicon.ico"):
            failed.append(r.url)

    page.on("response", refused)
    try:
        response = page.goto(root + "no/such/page/", wait_until="load")
        assert response is not None and response.status == 404
        page.wait_for_function("() => document.querySelector('main a').getAttribute('href') !== '/'")
        links = {a.inner_text(): a.get_attribute("href") for a in page.locator("main a").all()}
        assert links == {"首页": f"/{SUBPATH}/", "全部指标": f"/{SUBPATH}/indicators/", "工作计划跟踪": f"/{SUBPATH}/plan/"}
        assert page.locator("h1").evaluate("h => parseFloat(getComputedStyle(h).fontSize)") < 40  # styled, in its own few lines
        page.get_by_role("link", name="全部指标").click()
        page.wait_for_load_state("load")
        assert page.url == root + "indicators/" and "全部指标" in page.title()
        page.goto(root + "a/b/c/missing", wait_until="load")
        page.wait_for_function("() => document.querySelector('form').getAttribute('action') !== '/'")
        page.get_by_role("searchbox").fill("研发")
        page.get_by_role("button", name="搜索").click()
        page.wait_for_selector(".md-search-result__item", timeout=15_000)  # the home page opens the theme's search for ?q=
        assert page.url.startswith(root) and "研发" in page.locator(".md-search-result").inner_text()
        assert not failed, failed
    finally:
        page.close()
        httpd.shutdown()


@pytest.mark.parametrize("url", ["indicators/tech-contracts/", "downloads/", "areas/innovation-entities/"])
def test_links_a_finger_taps_are_44_px(phone, server: str, url: str) -> None:
    phone.goto(server + url, wait_until="load")
    small = []
    for link in phone.locator("article a[download], article a.source-ref, article a.key-source").all():
        if link.is_visible():
            box = link.bounding_box()
            if box and (box["width"] < 44 or box["height"] < 44):
                small.append((link.inner_text(), round(box["width"]), round(box["height"])))
    assert phone.locator("article a[download], article a.source-ref").count() > 3
    assert not small, small


def test_the_guide_is_staff_documentation_out_of_search(site: Path) -> None:
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith(("guide/", "fields/"))]
    for page in ("guide", "fields"):
        assert "工作人员文档" in (site / page / "index.html").read_text(encoding="utf-8")
    assert re.search(r"数据更新指南（工作人员）", (site / "index.html").read_text(encoding="utf-8"))


def test_large_type_keeps_the_header_and_each_key_figure_whole(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script("localStorage.setItem('shanghe-large-type', '1')")
    page = context.new_page()
    page.goto(server, wait_until="load")
    assert page.locator("html.large-type").count() == 1
    title = page.evaluate("() => { const t = document.querySelector('.md-header__topic .md-ellipsis'); return [t.scrollWidth, t.clientWidth]; }")
    assert title[0] <= title[1], "the site's name is cut in the header"
    split = page.evaluate(
        """() => Array.from(document.querySelectorAll('.key-card .key-value')).filter(v => {
            const value = v.querySelector('.value').getBoundingClientRect(), unit = v.querySelector('.unit');
            return unit && Math.abs(unit.getBoundingClientRect().bottom - value.bottom) > 8;
        }).map(v => v.textContent)"""
    )
    assert not split, split
    page.goto(server + "indicators/tech-contracts/", wait_until="load")
    wide = page.evaluate("() => Array.from(document.querySelectorAll('pre.citation')).map(p => [p.scrollWidth, p.clientWidth])")
    assert wide and all(scroll <= client + 1 for scroll, client in wide), wide
    context.close()


def wide_parts(tab) -> list[str]:
    """What makes the page wider than the phone: the page itself, or a chart drawing."""
    found = [] if (width := tab.evaluate("document.documentElement.scrollWidth")) <= PHONE["width"] else [f"page {width}px"]
    return found + [
        f"chart {box['width']}px"
        for svg in tab.locator("figure.chart .chart-static:visible svg").all()
        if (box := svg.bounding_box())["width"] > PHONE["width"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, server: str, path: str) -> None:
    """In standard type, and after the 大字 button has enlarged text and charts (switched back after)."""
    phone.goto(server + path, wait_until="load")
    assert phone.locator("html.large-type").count() == 0
    assert not wide_parts(phone), f"{path or 'home'} at {PHONE['width']}px"
    phone.get_by_role("button", name="大字").click()
    try:
        assert phone.locator("html.large-type").count() == 1
        assert not wide_parts(phone), f"{path or 'home'} in large type at {PHONE['width']}px"
    finally:
        phone.get_by_role("button", name="标准字").click()


COVERED = """() => Array.from(document.querySelectorAll('pre.citation')).map(pre => {
    const button = pre.querySelector('.md-code__button').getBoundingClientRect();
    const words = document.createRange();
    words.selectNodeContents(pre.querySelector('code'));
    const over = r => r.left < button.right && r.right > button.left && r.top < button.bottom && r.bottom > button.top;
    return Array.from(words.getClientRects()).filter(r => r.width > 0 && over(r)).length;
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_citations_copy_button_never_covers_its_words(browser, server: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + "indicators/tech-contracts/", wait_until="load")
    page.locator("pre.citation").first.hover()  # the button shows on hover and focus
    covered = page.evaluate(COVERED)
    page.close()
    assert covered == [0] * 6, covered  # three citation styles and three embed codes
