"""The site's own search, in Chromium, as delegates and journalists type it: the page they want is
among the first three results, abbreviations find the term (科小, 高新企业, R&D), and a query the site
has nothing for says what the site covers and links the lists of indicators."""

from __future__ import annotations

import pytest

# (query, pages of which one must be among the first three results)
COMMISSIONERS = [
    f"indicators/{i}/"
    for i in ("sci-tech-commissioners-total", "sci-tech-commissioners-new", "sci-tech-commissioners-excellent", "demo-bases-total", "demo-bases-new")
]
HIGH_TECH = [f"indicators/{i}/" for i in ("high-tech-publicised", "high-tech-recommended", "high-tech-batches")]
RD = [f"indicators/{i}/" for i in ("rd-expenditure-reported", "rd-expenditure-recognised")]
QUERIES = [
    ("科技特派员", COMMISSIONERS),
    ("特派员", COMMISSIONERS),
    ("高新企业", HIGH_TECH),
    ("高新技术企业", HIGH_TECH),
    ("R&D", RD),
    ("研发投入", RD),
    ("研发费用", RD),
    ("2025年计划", ["plan/"]),
    ("工作计划", ["plan/"]),
    ("科小", ["indicators/tech-smes/"]),
    ("科技型中小企业", ["indicators/tech-smes/"]),
    ("技术合同", ["indicators/tech-contracts/", "indicators/tech-contract-value/"]),
    ("合同成交额", ["indicators/tech-contract-value/"]),
    ("重点实验室", ["indicators/key-labs-total/", "indicators/key-labs-new/"]),
    ("项目资金", ["indicators/project-funding/"]),
    ("高新技术产业产值", ["indicators/high-tech-output/"]),
    ("人才项目", ["indicators/talent-projects/"]),
    ("人大代表", ["indicators/delegates-invited/"]),
    ("三重一大", ["indicators/major-decision-reports/"]),
    ("违纪", ["indicators/violations/"]),
    ("授信", ["indicators/sci-tech-credit/"]),
    ("贷款", ["indicators/sci-tech-loans/"]),
    ("产学研", ["indicators/iur-agreements/"]),
    ("简报", ["briefing/"]),
    ("拨投结合", ["indicators/botou-funding/", "indicators/botou-projects-city/"]),
    ("研发机构覆盖率", ["indicators/rd-institution-coverage/"]),
    ("排名", ["indicators/rd-growth-rank/"]),
    ("成果转化", ["areas/collaboration-transfer/"]),
    (
        "科技成果",
        [f"indicators/{i}/" for i in ("achievements-registered-total", "achievements-registered-new", "major-achievements-total", "major-achievements-new")],
    ),
    ("原文", ["sources/kjj-2024-work-summary/"]),
    ("下载数据", ["downloads/"]),
]


@pytest.fixture(scope="module")
def search(browser, server: str):
    """The home page with Material's search open and its index loaded; returns a function that types a
    query and gives the pages of the first results."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    page.locator(".md-search-result__meta", has_text="键入以开始搜索").wait_for(timeout=30000)  # the index loads in a web worker

    def run(query: str) -> list[str]:
        """The pages of the results, in order, each once (a page's sections follow it)."""
        box.fill("")
        box.press("End")
        page.locator(".md-search-result__meta", has_text="键入以开始搜索").wait_for(timeout=5000)  # no results left from the last query
        box.fill(query)
        box.press("End")  # a key event, as the end of IME composition gives; Material searches on key events
        # Material writes the count and the list of results together, once the worker has answered
        page.wait_for_function("() => !/键入以开始搜索|正在初始化搜索引擎/.test(document.querySelector('.md-search-result__meta').textContent)")
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")
        return list(dict.fromkeys(h.removeprefix(server).split("?")[0].split("#")[0] for h in hrefs))

    run.page = page  # type: ignore[attr-defined]
    yield run
    page.close()


def test_queries_readers_type_find_their_page_in_the_first_three(search) -> None:
    misses = []
    for query, wanted in QUERIES:
        found = search(query)[:3]
        if not set(found) & set(wanted):
            misses.append((query, found))
    assert len(QUERIES) >= 20 and not misses, misses


def test_a_word_the_site_does_not_hold_is_said_to_be_missing(search) -> None:
    """Material matches Chinese character by character, so "专利" brings pages with 专 or 利: above them the
    reader is told the site has no such word, what it covers, and where its lists are."""
    search("专利")
    help_box = search.page.locator(".md-search-result .search-help")
    help_box.wait_for(timeout=5000)
    words = help_box.inner_text()
    assert "本站没有“专利”" in words and "项科技统计指标" in words
    assert help_box.get_by_role("link", name="查看全部指标").get_attribute("href").endswith("indicators/")
    for query in ("研发", "科小", "R&D"):  # on pages, or a synonym a page has as a tag
        search(query)
        search.page.wait_for_timeout(300)
        assert search.page.locator(".md-search-result .search-help").count() == 0, query
