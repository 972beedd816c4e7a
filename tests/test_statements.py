"""One statement of each figure, on every surface: the page, the home card, the area and index rows,
the briefing, /en/, indicators.csv, the API, the XLSX and the chart all word a figure from the same
``statements.Statement``, so none drops a lower bound, a flag, the period as the report states it or
a rank's scope."""

from __future__ import annotations

import csv
import json
import re
from html import unescape
from pathlib import Path

from openpyxl import load_workbook

from macros.data import statements
from macros.data.statements import headline, statement
from tests.conftest import shown_drawing

ROOT = Path(__file__).resolve().parent.parent


def text_of(html: str) -> str:
    """A page's words as a reader reads them: no tags, no spaces (the pages set "6.02 亿元" in spans)."""
    return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", "", re.sub(r"<svg.*?</svg>", "", html, flags=re.S))))


def squeezed(words: str) -> str:
    return re.sub(r"\s+", "", words)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def row_of(html: str, iid: str) -> str:
    """The table row of an indicator list (area page, /indicators/) that links to the indicator."""
    rows = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if f'indicators/{iid}/"' in r]
    assert len(rows) == 1, (iid, len(rows))
    return rows[0]


def svg_texts(svg: str) -> str:
    return "".join(unescape(t) for t in re.findall(r">([^<>]*)</t(?:ext|span)>", svg))


def test_every_surface_states_each_figure_with_its_marks_period_and_scope(site: Path, catalog) -> None:
    """For every indicator, the latest figure's statement gives what must appear (the value with its
    lower bound, each mark, the period as the report states it, a rank's scope), and every surface that
    shows the figure shows all of it."""
    home, english_page = page(site, ""), page(site, "en")
    briefing = page(site, "briefing")
    key_rows = {re.search(r'<th scope="row">([^<]+)</th>', r).group(1): text_of(r) for r in re.findall(r"<tr><th scope=\"row\">.*?</tr>", briefing, re.S)}  # type: ignore[union-attr]
    other_lines = text_of("".join(re.findall(r"<p><strong>.*?</p>", briefing, re.S)))
    index = page(site, "indicators")
    with (site / "downloads" / "indicators.csv").open(encoding="utf-8") as f:
        table = {r["id"]: r for r in csv.DictReader(f)}
    api = {i["id"]: i for i in json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))["indicators"]}
    cards = {re.search(r'href="(?:\.\./)?indicators/([a-z0-9-]+)/"', c).group(1): c for c in re.findall(r'<li class="key-card">.*?</li>', home, re.S)}  # type: ignore[union-attr]
    cards_en = {re.search(r'href="\.\./indicators/([a-z0-9-]+)/"', c).group(1): c for c in re.findall(r'<li class="key-card">.*?</li>', english_page, re.S)}  # type: ignore[union-attr]
    checked = 0
    for ind in catalog.indicators.values():
        st = headline(catalog, ind)
        if st is None:
            continue
        figure, marks, period = squeezed(statements.shown(st)), statements.marks(st), st.period_label
        must = [figure, period, *marks] + ([ind.rank_scope] if st.rank else [])
        surfaces = {
            "page": text_of(re.search(r'<div class="headline[^"]*">.*?</div>', page(site, f"indicators/{ind.id}"), re.S).group(0)),  # type: ignore[union-attr]
            "area row": text_of(row_of(page(site, f"areas/{ind.area}"), ind.id)),
            "index row": text_of(row_of(index, ind.id)),
        }
        if ind.key_figure:
            surfaces["home card"] = text_of(cards[ind.id])
        for name, words in surfaces.items():
            for part in must:
                assert squeezed(part) in words, (ind.id, name, part)
        # the briefing: a key figure's row, or the figure in words with its names, then its period, in its area's line
        if ind.key_figure:
            assert squeezed(statements.text(st)) in key_rows[ind.title] and squeezed(period) in key_rows[ind.title], ind.id
        else:
            assert squeezed(f"{ind.title} {statements.text(st, names=True)}，{period}，¶{st.paragraph}") in other_lines, ind.id
        if ind.key_figure:  # /en/ gives the key figures
            card = text_of(cards_en[ind.id])
            assert squeezed(statements.english(st)) in card and squeezed(st.period_label_en) in card, ind.id
        row = table[ind.id]
        assert row["latest_value_label"] == statements.text(st, names=True) and row["latest_period_label"] == period, ind.id
        assert row["latest_flag"].split() == list(st.flags) and row["latest_qualifier"].split() == list(st.qualifiers), ind.id
        assert api[ind.id]["latest_value_label"] == row["latest_value_label"] and api[ind.id]["latest_period_label"] == period, ind.id
        assert (api[ind.id]["latest_flag"] or "") == row["latest_flag"], ind.id
        notes = dict(load_workbook(site / "downloads" / "indicators" / f"{ind.id}.xlsx", read_only=True)["说明"].iter_rows(values_only=True))
        assert notes["最新值"] == f"{statements.text(st, names=True)}，{period}", ind.id
        chart = svg_texts((site / "downloads" / "charts" / f"{ind.id}.svg").read_text(encoding="utf-8"))
        for o in st.observations:
            label = statements.shown(statement(catalog, ind, o)) if st.rank else statements.chart_label(o, ind)
            assert squeezed(label) in squeezed(chart), (ind.id, "chart", label)
            assert (o.breakdown or period) in chart or squeezed(o.breakdown or period) in squeezed(chart), (ind.id, "chart", period)
        for mark in marks:
            assert mark in chart, (ind.id, "chart", mark)
        checked += 1
    assert checked == len(catalog.indicators)


def test_a_figure_without_a_total_is_never_one_bare_value(site: Path, catalog) -> None:
    """重大项目资助资金 is two grants of 200万元 each and no total: every list says "2 项，各 200 万元",
    and the machine files leave the latest value empty with a note instead of publishing 200."""
    ind = catalog.indicators["major-project-grants"]
    assert {o.breakdown for o in ind.observations} and not [o for o in ind.observations if not o.breakdown]
    for url in ("indicators", f"areas/{ind.area}"):
        cells = re.findall(r'data-label="最新值">([^<]*)</td>', row_of(page(site, url), ind.id))
        assert cells == ["2 项，各 200 万元"], (url, cells)
    with (site / "downloads" / "indicators.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == ind.id)
    assert row["latest_value"] == "" and "没有合计" in row["latest_note"] and row["latest_value_label"].startswith("2 项，各 200 万元")
    entry = next(i for i in json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))["indicators"] if i["id"] == ind.id)
    assert entry["latest_value"] is None and "没有合计" in entry["latest_note"]
    assert json.loads((site / "api" / "v1" / "indicators" / f"{ind.id}.json").read_text(encoding="utf-8"))["latest_value"] is None


def test_the_headline_writes_a_figure_and_its_unit_as_every_surface_does(site: Path) -> None:
    """The big figure on an indicator page and each item under it are the statement's words in parts:
    percentage points without a space, like the tables and the downloads; each item's unit beside its value."""
    change = page(site, "indicators/high-tech-output-share-change")
    assert '<p class="headline-value"><span class="value">10.7</span><span class="unit">个百分点</span><span class="search-only" aria-hidden="true">' in change
    grants = page(site, "indicators/major-project-grants")
    assert '<li><span class="value">200</span> <span class="unit">万元</span> · 乡村绿洲（山东）农业科技股份有限公司' in grants


def test_values_read_from_words_and_lower_bounds_keep_their_marks(site: Path, catalog) -> None:
    """The 0 read from "无违纪违法问题和责任事故发生" says so in the briefing, the accountability chart,
    indicators.csv and the API; 500多 and 20余次 keep their "+" and 下限值 there."""
    briefing = text_of(page(site, "briefing"))
    assert "违纪违法问题和责任事故0次（由文字推断）" in briefing
    assert "培训和服务企业500+家次（下限值）" in briefing and "邀请县人大代表、政协委员参加活动20+次（下限值）" in briefing
    svg = svg_texts(shown_drawing(site, "areas/accountability"))
    assert "由文字推断" in svg and "下限值" in svg and "20+" in svg
    with (site / "downloads" / "indicators.csv").open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    api = {i["id"]: i for i in json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))["indicators"]}
    assert rows["violations"]["latest_flag"] == "from_wording" and rows["violations"]["latest_value_label"] == "0 次（由文字推断）"
    assert api["violations"]["latest_flag"] == "from_wording"
    for iid, label in (("enterprise-services", "500+ 家次（下限值）"), ("delegates-invited", "20+ 次（下限值）")):
        assert rows[iid]["latest_qualifier"] == "lower_bound" and rows[iid]["latest_value_label"] == label, iid
        assert api[iid]["latest_qualifier"] == "lower_bound" and api[iid]["latest_value_label"] == label, iid


def test_an_area_chart_compares_like_with_like(site: Path, catalog) -> None:
    """Each panel of an overview chart holds one unit, one kind of measure (levels or changes) and one
    period, which its title names; no rank and no lone figure is drawn. 125.9亿元 (2024年1—11月) is not
    beside 6.02亿元 (2023年度), nor a share beside a growth rate."""
    from macros.charts import specs

    for aid in catalog.areas:
        chart = specs.area_chart(catalog, aid)
        if chart is None:
            assert "没有可以放在一起比较的数字" in page(site, f"areas/{aid}"), aid
            continue
        by_title = {ind.title: ind for ind in catalog.area_indicators(aid)}
        panels: dict[str, list[specs.Point]] = {}
        for p in chart.points:
            panels.setdefault(p.panel, []).append(p)
        for title, points in panels.items():
            inds = [by_title[p.label] for p in points]
            assert len(points) >= 2, (aid, title)
            assert len({i.unit for i in inds}) == 1 and len({bool(i.change_of) for i in inds}) == 1 and len({p.period for p in points}) == 1, (aid, title)
            assert points[0].period in title and f"单位：{inds[0].unit}" in title
            assert not any(i.unit == "名" for i in inds)
        svg = svg_texts(shown_drawing(site, f"areas/{aid}"))
        for title in panels:
            assert squeezed(title) in squeezed(svg), (aid, title)
    panel_of = {p.indicator: p.panel for p in specs.area_chart(catalog, "innovation-entities").points}  # type: ignore[union-attr]
    for a, b in (("high-tech-output", "rd-expenditure-reported"), ("high-tech-output-share", "rd-expenditure-reported-growth")):
        assert a not in panel_of or b not in panel_of or panel_of[a] != panel_of[b], (a, b)


def test_a_rank_is_text_not_a_bar(site: Path, catalog) -> None:
    """A rank is ordinal: the chart of rd-growth-rank shows "第1名（同考核单元）" as text, with no bar and
    no value axis (a 0–1 "名" axis with a 0.5 tick said nothing)."""
    from macros.charts import specs

    ind = catalog.indicators["rd-growth-rank"]
    chart = specs.indicator_chart(catalog, ind)
    spec = json.dumps(specs.spec(chart), ensure_ascii=False)
    assert chart.kind == "rank" and '"bar"' not in spec and '"type": "quantitative"' not in spec
    svg = (site / "downloads" / "charts" / f"{ind.id}.svg").read_text(encoding="utf-8")
    texts = svg_texts(svg)
    assert "第1名（同考核单元，位居全市各区县前列）" in texts and "0.5" not in texts and 'class="mark-rect' not in svg
    assert "第1名（同考核单元" in text_of(page(site, f"indicators/{ind.id}"))


def test_the_period_caveat_is_stated_only_where_the_report_says_so(site: Path, catalog) -> None:
    """The caveat about "截至目前"/"今年以来" in an undated report is on the page of each indicator whose
    rows say their period runs to the report's date (period_basis to_date), which only rows whose sentence
    has those words may say, and on no other page: not on "国家科技型中小企业入库179家"."""
    said = statements.TO_DATE_CAVEAT.split("{years}")[0]
    with_words = 0
    for ind in catalog.indicators.values():
        sentences = {sentence(catalog.sources[o.source].text, o.quote) for o in ind.observations}
        words = any(w in s for s in sentences for w in ("截至目前", "今年以来"))
        to_date = any(o.period_basis == "to_date" for o in ind.observations)
        assert not to_date or words, f"{ind.id}: to_date without the report's words"
        html = page(site, f"indicators/{ind.id}")
        assert (said in html) == to_date, ind.id
        assert not any("截至报告成文时" in c for c in ind.caveats), f"{ind.id}: the period caveat is written by hand"
        with_words += to_date
    assert with_words == 19 and said not in page(site, "indicators/tech-smes")


def sentence(text: str, quote: str) -> str:
    """The sentence of ``text`` holding ``quote``: from the 。 or line before it to the 。 or line after."""
    at = text.index(quote)
    start = max(text.rfind(c, 0, at) for c in "。\n") + 1
    ends = [e for e in (text.find(c, at + len(quote)) for c in "。\n") if e >= 0]
    return text[start : min(ends) if ends else len(text)]


def test_every_link_to_a_place_on_a_page_lands_on_it(site: Path) -> None:
    """Every link with a #fragment to a page of the site finds an element with that id: the plan's
    links to its quoted sentences (#q-…) included. The source page shows each paragraph's number (¶),
    which the briefing and the home cards cite."""
    from urllib.parse import unquote, urljoin, urlparse

    ids: dict[Path, set[str] | None] = {}
    broken, checked = [], 0
    for path in site.rglob("*.html"):
        url = "/" + path.relative_to(site).as_posix()
        for href in re.findall(r'href="([^"]*#[^"]+)"', path.read_text(encoding="utf-8")):
            link = urlparse(href)
            if link.scheme or link.netloc:
                continue
            target = site / urljoin(url, link.path).lstrip("/") if link.path else path
            target = target / "index.html" if target.is_dir() else target
            if target not in ids:
                ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8"))) if target.is_file() else None
            found = ids[target]
            checked += 1
            if found is None or unquote(link.fragment) not in found:
                broken.append(f"{url} → {href}")
    assert checked > 500 and not broken, broken[:20]
    plan = page(site, "plan")
    assert len(re.findall(r'href="\.\./sources/[a-z0-9-]+/#q-[0-9a-f]{10}"', plan)) >= 11
    source = page(site, "sources/kjj-2024-work-summary")
    for n in (1, 9, 18, 22):
        assert re.search(rf'<p id="p-{n}" class="source-para"><a class="para-number" href="#p-{n}"[^>]*>¶{n}</a>', source), n


def test_the_briefing_dates_its_figures_by_what_it_lists(site: Path, catalog) -> None:
    """The header's span of years is that of the periods the briefing lists beside its figures (no 2022
    figure is listed, so no 2022 in the header)."""
    html = page(site, "briefing")
    periods = re.findall(r'data-label="时期">([^<]*)</td>', html) + re.findall(r"，([^，；]*?)，<a class=\"source-ref\"", html)
    assert len(periods) == len(catalog.indicators)
    years = sorted({int(y) for p in periods for y in re.findall(r"((?:19|20)[0-9]{2})年", p.split("（")[0])})
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    header = text_of(re.search(r'<p class="briefing-meta">.*?</p>', html, re.S).group(0))  # type: ignore[union-attr]
    assert f"数字所属时期{span}" in header and "2022" not in header


def test_the_workbook_keeps_decimals_and_an_address_or_none(site: Path, catalog, tmp_path: Path) -> None:
    """A derived 5.00 reads 5.00 in Excel (the number format follows the indicator's decimals), and a
    citation never has an empty address: without a configured site address it has none, with one it
    names the indicator's page."""
    from macros.cache import Cache
    from macros.publish.writers import notes

    ws = load_workbook(site / "downloads" / "indicators" / "rd-expenditure-reported.xlsx")["数据"]
    header = [c.value for c in ws[1]]
    column = header.index("数值") + 1
    cells = {ws.cell(r, header.index("时期") + 1).value: ws.cell(r, column) for r in range(2, ws.max_row + 1)}
    assert cells["2022"].value == 5 and cells["2022"].number_format == "0.00" and cells["2023"].number_format == "0.00"
    coverage = load_workbook(site / "downloads" / "indicators" / "rd-institution-coverage.xlsx")["数据"]
    assert coverage.cell(2, column).number_format == "0.0"
    for path in (site / "downloads").rglob("*.xlsx"):
        if "releases" in path.parts:
            continue
        for key, value in load_workbook(path, read_only=True)["说明"].iter_rows(values_only=True):
            assert "[引用日期]" not in str(value) and ". ," not in str(value), (path.name, key)  # no access date without an address
    ind = catalog.indicators["tech-smes"]
    rows = dict(notes(catalog, "2024.2", "https://example.org/stats/", Cache(tmp_path), ind))
    assert "2026[引用日期]. https://example.org/stats/indicators/tech-smes/." in rows["引用格式：GB/T 7714—2015"]
    assert rows["网址"] == "https://example.org/stats/indicators/tech-smes/"


def test_english_key_cards_have_a_source_and_a_change(site: Path, catalog) -> None:
    """/en/ cards carry what the Chinese ones do: a link to the sentence and, where there is one, the change."""
    cards = re.findall(r'<li class="key-card">.*?</li>', page(site, "en"), re.S)
    keys = [i for i in catalog.indicators.values() if i.key_figure]
    assert len(cards) == len(keys)
    for card in cards:
        assert re.search(r'<a class="key-source" href="\.\./sources/[a-z0-9-]+/#q-[0-9a-f]{10}">Source: paragraph [0-9]+ of the report', card), card
    changed = [i for i in keys if statements.change_english(catalog, i)]
    assert changed
    for ind in changed:
        card = next(c for c in cards if f"indicators/{ind.id}/" in c)
        assert f'<span class="key-change">{statements.change_english(catalog, ind)}</span>' in unescape(card), ind.id


def test_the_guide_and_the_field_reference_write_rows_as_the_files_do(catalog) -> None:
    """Following the guide gives a row the validator accepts: its header and example rows have the
    files' columns, in the files' order, which docs/fields.md lists in the same order."""
    from macros.data import schema

    header = ",".join(f.name for f in schema.OBSERVATION_FIELDS)
    for path in sorted((ROOT / "data" / "observations").glob("*.csv")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == header, path.name
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    assert guide.count(header) >= 1 and "period,value,flag" not in guide.replace(header, "")
    example = re.search(r"```\n\s*(2025,60,[^\n]*)\n\s*```", guide).group(1)  # type: ignore[union-attr]
    assert len(next(csv.reader([example]))) == len(schema.OBSERVATION_FIELDS)
    fields = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert f"`{header}`" in fields


def test_area_pages_name_the_sentence_of_every_figure(site: Path, catalog) -> None:
    """An area's table links each figure to its sentence (¶), and its chart has a source line."""
    for aid in catalog.areas:
        html = page(site, f"areas/{aid}")
        for ind in catalog.area_indicators(aid):
            st = headline(catalog, ind)
            assert f'href="../../sources/{st.source}/#{st.anchor}">¶{st.paragraph}</a>' in row_of(html, ind.id), ind.id  # type: ignore[union-attr]
        chart = re.search(r'<div class="chart-static chart-wide"[^>]*>(<svg.*?</svg>)', html, re.S)
        if chart:
            assert "来源：《" in svg_texts(chart.group(1)), aid


def test_statements_of_one_row_and_of_items() -> None:
    """The wording itself, on rows nobody in the data wrote: unequal items are listed, a derived value
    carries its formula, a rank without context keeps its scope."""
    import dataclasses
    from decimal import Decimal

    from macros.data.catalog import Catalog, Indicator, Observation, Source
    from macros.data.periods import parse_period

    src = Source("s", "报告", "Report", "某局", 2024, "s.txt", "0" * 64, "某局2024年工作总结\n\n甲获得100万元，乙获得300万元。\n总量51人。排名第2名。")
    ind = Indicator("grants", "资助", "Grants", "a", "万元", 0, "d", "year", "bar")
    period = parse_period("2024")
    rows = tuple(Observation("grants", period, Decimal(v), "s", "甲获得100万元，乙获得300万元", breakdown=b) for v, b in ((100, "甲"), (300, "乙")))  # type: ignore[arg-type]
    cat = Catalog({}, {"s": src}, {"grants": dataclasses.replace(ind, observations=rows)})
    st = headline(cat, cat.indicators["grants"])
    assert st and st.items_only and st.value is None and statements.shown(st) == "2 项：甲 100 万元、乙 300 万元" and st.paragraph == 2
    one = dataclasses.replace(ind, observations=rows[:1])
    assert statements.text(headline(cat, one)) == "1 项：甲 100 万元" and statements.text(statement(cat, one, rows[0])) == "100 万元"
    assert statements.english(st) == "2 items: 1 million yuan; 3 million yuan"
    derived = Observation("n", period, Decimal(45), "s", "总量51人", flag="derived", formula="51 - 6")  # type: ignore[arg-type]
    people = Indicator("n", "人数", "People", "a", "人", 0, "d", "year", "bar", observations=(derived,))
    assert statements.text(statement(cat, people, derived)) == "45 人（推算值：51 - 6）" and statement(cat, people, derived).paragraph == 3
    assert statements.english(statement(cat, people, derived)) == "45 persons (derived: 51 - 6)"
    rank = Observation("r", period, Decimal(2), "s", "排名第2名")  # type: ignore[arg-type]
    ranked = Indicator("r", "排名（全市）", "Rank", "a", "名", 0, "d", "year", "bar", rank_scope="全市", observations=(rank,))
    assert statements.text(statement(cat, ranked, rank)) == "第2名（全市）"


def test_the_english_page_writes_money_as_english_readers_do(site: Path) -> None:
    """27.815 million yuan, not 2781.5 ten thousand yuan; the Chinese figure under it for checking against the report."""
    english = page(site, "en")
    assert '<span class="value">27.815</span> <span class="unit">million yuan</span></span><span class="key-period" lang="zh-CN">2781.5 万元</span>' in english
    assert "ten thousand yuan" not in english and "hundred million yuan" not in english
