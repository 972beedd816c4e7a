"""WCAG 2.1 AA (axe-core), phones, large type, keyboard, the printed briefing, and source anchors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from macros.data.loader import load_catalog
from macros.site.pages import quote_anchor
from tests.conftest import sample_pages

CATALOG = load_catalog(Path(__file__).resolve().parent.parent / "data")
PAGES = sample_pages()
# WCAG A and AA, and the axe rules Lighthouse's accessibility score also counts beyond them, in one run
# (axe runs the tagged rules and, besides, each rule enabled by name)
LIGHTHOUSE = (
    "aria-dialog-name",
    "aria-treeitem-name",
    "aria-text",
    "empty-heading",
    "heading-order",
    "landmark-one-main",
    "skip-link",
    "tabindex",
    "table-duplicate-name",
    "label-content-name-mismatch",
    "image-redundant-alt",
)
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "rules": {rule: {"enabled": True} for rule in LIGHTHOUSE}}


@pytest.fixture(scope="module", params=["standard", "large-type", "high-contrast"])
def axe_tab(browser, request):
    """A tab in each reading mode, as a reader who switched it on earlier sees every page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if request.param != "standard":
        context.add_init_script(f"localStorage.setItem('shanghe-{request.param}', '1')")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_aa_violation(axe_tab, server: str, path: str) -> None:
    axe_tab.goto(server + path, wait_until="load")
    violations = Axe().run(axe_tab, options=AXE).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_large_type_enlarges_text_and_charts_and_is_remembered(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "indicators/sci-tech-commissioners-total/", wait_until="load")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")  # noqa: E731
    chart = lambda: page.locator("figure.chart picture img").first.bounding_box()["width"]  # noqa: E731
    before_text, before_chart = size(), chart()
    button = page.get_by_role("button", name="大字")
    button.focus()
    page.keyboard.press("Enter")  # works by keyboard
    assert page.locator("html.large-type").count() == 1
    assert size() >= before_text * 1.25 and chart() > before_chart
    assert page.get_by_role("button", name="标准字").get_attribute("aria-pressed") == "true"
    page.goto(server + "glossary/", wait_until="load")
    assert page.locator("html.large-type").count() == 1, "remembered on the next page"
    page.get_by_role("button", name="标准字").click()
    page.goto(server, wait_until="load")
    assert page.locator("html.large-type").count() == 0
    context.close()


def test_large_type_enlarges_the_header_too(browser, server: str) -> None:
    """The header's name, tabs and switches grow by a quarter or more in 大字 mode, on a desktop and a phone."""
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(server, wait_until="load")
        sizes = """() => {
            const zoom = parseFloat(getComputedStyle(document.querySelector('.md-header')).zoom) || 1;
            return ['.md-header__topic .md-ellipsis', '.large-type-toggle'].map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize) * zoom);
        }"""
        before = page.evaluate(sizes)
        page.get_by_role("button", name="大字").click()
        after = page.evaluate(sizes)
        context.close()
        assert all(a >= b * 1.25 for a, b in zip(after, before, strict=True)), (width, before, after)


@pytest.mark.parametrize("path", ["", "indicators/tech-contracts/", "areas/innovation-entities/", "plan/", "sources/kjj-2024-work-summary/"])
def test_high_contrast_gives_every_text_seven_to_one(browser, server: str, path: str) -> None:
    """高对比度 (WCAG 1.4.6): axe's enhanced contrast rule finds no text under 7:1; the switch is remembered."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + path, wait_until="load")
    page.get_by_role("button", name="高对比度").click()
    assert page.get_by_role("button", name="标准色").get_attribute("aria-pressed") == "true"
    page.reload(wait_until="load")
    assert page.locator("html.high-contrast").count() == 1, "remembered"
    violations = Axe().run(page, options={"runOnly": ["color-contrast-enhanced"]}).response["violations"]
    everything = Axe().run(page, options=AXE).response["violations"]
    context.close()
    assert not violations, [(n["target"], n["any"][0]["message"][:120]) for v in violations for n in v["nodes"]][:5]
    assert not everything, [v["id"] for v in everything]


def test_a_remembered_mode_is_on_before_the_first_paint(browser, server: str) -> None:
    """The page is never drawn in the standard mode first: both classes are on <html> before <body> exists."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.add_init_script(
        """localStorage.setItem('shanghe-large-type', '1'); localStorage.setItem('shanghe-high-contrast', '1');
        new MutationObserver((changes, observer) => { if (document.body) { window.atBody = document.documentElement.className; observer.disconnect(); } })
          .observe(document, {childList: true, subtree: true});"""
    )
    page = context.new_page()
    page.goto(server + "indicators/tech-contracts/", wait_until="load")
    at_body = page.evaluate("window.atBody")
    context.close()
    assert "large-type" in at_body and "high-contrast" in at_body, at_body


FOCUSED = """() => {
    const e = document.activeElement, r = e.getBoundingClientRect(), style = getComputedStyle(e);
    return {
        name: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 20),
        visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.left < innerWidth && r.top < innerHeight && style.visibility !== 'hidden',
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
        content: e.tagName === 'A' && !!e.closest('.md-content'),
    };
}"""


@pytest.mark.parametrize(
    ("width", "expected"),
    [(375, ["跳转至", "打开导航菜单", "搜索", "大字", "高对比度"]), (1280, ["跳转至", "商河县科技统计数据", "搜索", "大字", "高对比度", "首页"])],
)
def test_the_keyboard_reaches_menu_search_switches_and_content_in_order(browser, server: str, width: int, expected: list[str]) -> None:
    """Tab from the top of an indicator page: the skip link, the menu, search, both switches, then the content,
    in the order the screen shows them; every stop is visible and shows a focus ring (none on a closed drawer)."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + "indicators/tech-contracts/", wait_until="load")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1]["content"]:
            break
    page.close()
    assert stops[-1]["content"], "the content's first link is reached"
    assert [s["name"] for s in stops[: len(expected)]] == expected
    assert [s["name"] for s in stops if not s["visible"] or not s["ring"]] == []


def test_the_menu_opens_from_the_keyboard_on_a_phone(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(server + "indicators/tech-contracts/", wait_until="load")
    page.get_by_role("button", name="打开导航菜单").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    assert page.evaluate("document.getElementById('__drawer').checked")
    focused = page.evaluate(FOCUSED)
    page.close()
    assert focused["visible"] and focused["name"], focused


def test_briefing_prints_on_at_most_two_a4_pages(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "briefing/", wait_until="load")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="print")
    hidden = page.evaluate("getComputedStyle(document.querySelector('.md-header')).display")
    text = page.locator(".briefing").inner_text()
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    assert hidden == "none", "navigation and search are not printed"
    assert "数据版本" in text and "来源" in text and "发布" in text and "数字所属时期" in text


def test_the_briefing_has_a_print_button_that_is_not_printed(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "briefing/", wait_until="load")
    page.evaluate("window.print = () => { window.printed = true; }")  # no print dialog in a test
    button = page.get_by_role("button", name="打印简报")
    button.click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    assert not button.is_visible(), "the button is not on paper"
    page.close()


@pytest.mark.parametrize("url", ["indicators/rd-expenditure-reported/", "areas/innovation-entities/"])
def test_a_printed_page_shows_its_chart(browser, server: str, url: str) -> None:
    """A delegate prints a page from a phone: its chart is on paper, the overview of an area too, whose
    picture is loaded only when it comes near the screen (the printed drawing carries its source line)."""
    import io
    import logging

    from pdfminer.high_level import extract_text

    from macros.drafts.radicals import EQUIVALENT  # PDF fonts name some characters by their radicals (⻓ for 长)

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it notes every font the PDF does not describe
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.goto(server + url, wait_until="load")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what the browser's print command fires
    loaded = "Promise.all(Array.from(document.querySelectorAll('figure.chart img'), img => img.decode()))"
    page.evaluate(f"() => Promise.race([{loaded}, new Promise(done => setTimeout(done, 10000))])")  # a picture never loaded fails below
    printed = extract_text(io.BytesIO(page.pdf(format="A4"))).translate(EQUIVALENT)
    page.close()
    assert "来源：《商河县科技局2024年工作总结和2025年工作计划》" in printed.replace("\n", ""), printed[:500]


class QuotedParagraphs(HTMLParser):
    """A source page's paragraphs by the quote anchors they hold: {anchor: the paragraph's text}."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: dict[str, str] = {}
        self.current: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "p" and "source-para" in (a.get("class") or ""):
            self.current, self.text = [], []
        if tag == "span" and (a.get("id") or "").startswith("q-"):
            self.current.append(a["id"])

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.current:
            for anchor in self.current:
                self.paragraphs[anchor] = "".join(self.text)
            self.current = []


def test_every_source_link_lands_on_its_quote(site: Path) -> None:
    for src in CATALOG.sources:
        parser = QuotedParagraphs()
        parser.feed((site / "sources" / src / "index.html").read_text(encoding="utf-8"))
        for ind in CATALOG.indicators.values():
            html = (site / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")
            for o in (o for o in ind.observations if o.source == src):
                anchor = quote_anchor(o.quote)
                assert f"sources/{src}/#{anchor}" in html
                assert o.quote in parser.paragraphs[anchor], (ind.id, o.quote)


def test_every_page_has_its_own_card_when_shared(site: Path) -> None:
    """WeChat and search engines show a page's title and description: each page has its own, and an
    indicator's says its latest figure, with its marks and period, as every surface states it."""
    descriptions: dict[str, str] = {}
    shared = [p for p in sorted(site.rglob("index.html")) if p.relative_to(site).parts[0] != "embed"]  # /embed/ is framed, not shared
    for page in shared:
        html = page.read_text(encoding="utf-8")
        found = dict(re.findall(r'<meta property="og:(title|description)" content="([^"]*)"', html))
        meta = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert meta and found.get("title") and found.get("description") == meta.group(1), page
        descriptions.setdefault(meta.group(1), str(page.relative_to(site)))
    assert len(descriptions) == len(shared), "no two pages share a description"
    card = (site / "indicators" / "delegates-invited" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:description" content="邀请县人大代表、政协委员参加活动：最新值 20+ 次（下限值），2024年。' in card
    assert '<meta property="og:title" content="商河县科技统计数据">' in (site / "index.html").read_text(encoding="utf-8")


def test_indicator_pages_share_a_chart_picture(site: Path) -> None:
    for iid in CATALOG.indicators:
        html = (site / "indicators" / iid / "index.html").read_text(encoding="utf-8")
        image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
        assert image and image.group(1).endswith(f"downloads/charts/{iid}.png")
        assert (site / "indicators" / iid / image.group(1)).resolve().is_file()
