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
    ("示范基地", ["indicators/demo-bases-total/", "indicators/demo-bases-new/"]),
    ("政协", ["indicators/cppcc-activities/", "indicators/delegates-invited/"]),
    ("企业培训", ["indicators/enterprise-services/"]),
    ("重大科技成果", ["indicators/major-achievements-total/", "indicators/major-achievements-new/"]),
    ("市级人才", ["indicators/talents-municipal/"]),
    ("省级人才", ["indicators/talents-provincial/"]),
    ("职称", ["indicators/title-promotions/"]),
    ("监督员", ["indicators/outside-supervisors/"]),
    ("调研报告", ["indicators/research-reports/"]),
    ("第一议题", ["indicators/study-sessions-first-topic/"]),
    ("覆盖率", ["indicators/rd-institution-coverage/"]),
    ("增长率", ["indicators/rd-expenditure-recognised-growth/", "indicators/rd-expenditure-reported-growth/"]),
    ("授信企业", ["indicators/sci-tech-finance-enterprises/", "indicators/sci-tech-credit/"]),
    ("科技特派", COMMISSIONERS),  # a word cut short
    ("高兴技术企业", HIGH_TECH),  # a typo an input method makes (兴 for 新)
    ("术语", ["glossary/"]),
    ("英文", ["en/"]),
    ("更新记录", ["changelog/"]),
    ("2024年工作总结", ["sources/kjj-2024-work-summary/"]),
    # English, as a journalist types it: the pages' English titles are indexed
    ("technology contracts", ["indicators/tech-contracts/", "indicators/tech-contract-value/"]),
    ("key laboratories", ["indicators/key-labs-total/", "indicators/key-labs-new/"]),
    ("commissioners", COMMISSIONERS),
    ("talent", ["indicators/talent-projects/", "indicators/talent-projects-national/", "indicators/talent-projects-ministry/"]),
    ("loans", ["indicators/sci-tech-loans/"]),
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
    assert len(QUERIES) >= 45 and not misses, misses


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


def test_text_that_arrives_without_a_key_is_searched(search) -> None:
    """Text pasted from a phone's menu, dictated, or committed by an input method comes with no key
    press: the results still come (an input event, and no keyup, as a paste gives)."""
    search("特派员")  # a search before, as a reader's would be
    page = search.page
    page.locator("input.md-search__input").evaluate(
        "box => { box.value = '高新技术企业'; box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'})); }"
    )
    first = "() => Array.from(document.querySelectorAll('.md-search-result__item > a')).slice(0, 3).some(a => a.href.includes('/high-tech-'))"
    page.wait_for_function(first, timeout=5000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.slice(0, 3).map(a => a.getAttribute('href'))")
    assert any(any(want in h for want in HIGH_TECH) for h in hrefs), hrefs


@pytest.mark.parametrize("query", ["keji", "patent", "专利申请"])
def test_words_the_site_does_not_use_get_the_note_with_the_lists(search, query: str) -> None:
    """Pinyin, an English word no page holds, a topic the site has no figure for: the reader is told, with
    what the site covers and links to the lists of indicators, areas and terms."""
    search(query)
    help_box = search.page.locator(".md-search-result .search-help")
    help_box.wait_for(timeout=5000)
    assert f"本站没有“{query}”" in help_box.inner_text()
    assert [a.get_attribute("href").rsplit("/", 2)[-2] for a in help_box.get_by_role("link").all()] == ["indicators", "areas", "glossary"]


def test_a_result_shows_no_missing_characters_line(search) -> None:
    """Material lists the query's characters a page lacks under each result ("缺少: 研 发"), though the page
    holds the word: the site hides that line and says above the results when a word is missing."""
    search("研发费用")
    assert search.page.locator(".md-search-result__terms:visible").count() == 0


def test_an_indicator_the_plan_does_not_cover_says_so(site) -> None:
    """A reader who finds 省级征文获奖 learns that the 2025 plan has no commitment about it; one the plan
    measures lists its commitments instead."""
    awards = (site / "indicators" / "awards" / "index.html").read_text(encoding="utf-8")
    assert '<p class="no-commitment"><a href="../../plan/">2025年计划</a>没有关于此项的承诺。</p>' in awards
    contracts = (site / "indicators" / "tech-contracts" / "index.html").read_text(encoding="utf-8")
    assert "没有关于此项的承诺" not in contracts and '<ul class="commitments"><li><a href="../../plan/#' in contracts


def test_the_search_index_stays_small(site) -> None:
    """Every phone downloads it on its first search: no larger than it was (287 KB) before the plan's
    sentence was added to 43 pages (the data table's, downloads' and marks' sections, whose contents were
    never searched, are out of the index)."""
    assert (site / "search" / "search_index.json").stat().st_size <= 287_273


def test_an_indicator_result_begins_with_its_figure(site) -> None:
    """A search result's snippet is the start of the page's text, and Material shows its first paragraph:
    an indicator's begins with its latest figure and its period in one paragraph (the English name and the
    area follow; the screen still shows them first, and the period once, under the figure)."""
    import json

    docs = {d["location"]: d["text"] for d in json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    assert docs["indicators/tech-contracts/"].startswith("技术合同认定登记 <p>95 项，2024年（截至报告成文）</p>")
    assert docs["indicators/delegates-invited/"].startswith("邀请县人大代表、政协委员参加活动 <p>20+ 次，2024年</p>")


def test_results_mark_the_whole_words_typed_and_show_tags_as_written(search) -> None:
    """研发费用 is marked whole where it stands (Material marked 研, 发 and 费 one by one, not 用), nothing
    else is marked, and a tag reads 研发投入 as the glossary writes it."""
    search("研发费用")
    first = search.page.locator(".md-search-result__article").first
    first.locator("mark").first.wait_for(timeout=5000)
    assert set(first.locator("mark").all_inner_texts()) == {"研发费用"}
    assert "研发投入" in first.locator(".md-tag").all_inner_texts()
