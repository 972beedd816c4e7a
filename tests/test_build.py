"""The built site: a page, chart, table and source link for every indicator; downloads; search; no other hosts."""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from macros.data.formatting import number, period_text, value_text
from macros.publish.tables import OBSERVATION_COLUMNS
from macros.site.pages import InlineScripts


class Parsed(HTMLParser):
    """Collects the attributes of every element of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def pictures(site: Path, url: str) -> list[list[dict[str, str]]]:
    """Each chart a page shows, as the <source> and <img> elements of its picture, each checked against
    the file it names: an SVG drawing of that size (in CSS pixels) and a Vega-Lite spec for the live chart."""
    found: list[list[dict[str, str]]] = []
    for tag, attrs in Parsed(page(site, url)).elements:
        if tag == "picture":
            found.append([])
        elif tag in ("source", "img") and found and "data-spec" in attrs:
            found[-1].append(attrs)
            drawing = (site / url / (attrs.get("srcset") or attrs["src"])).resolve().read_text(encoding="utf-8")
            root = re.match(r'<svg[^>]*? width="([0-9.]+)" height="([0-9.]+)"', drawing)
            assert root and (attrs["width"], attrs["height"]) == tuple(str(-int(-float(n) // 1)) for n in root.groups()), (url, attrs, root)
            assert 'class="marks"' in drawing, "a Vega drawing"
            spec = json.loads((site / url / attrs["data-spec"]).resolve().read_text(encoding="utf-8"))
            assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/"), attrs
    return found


def test_every_indicator_has_page_chart_or_number_table_and_source_link(site: Path, catalog) -> None:
    source_ids = {sid: Parsed(page(site, f"sources/{sid}")).ids() for sid in catalog.sources}
    for ind in catalog.indicators.values():
        html = page(site, f"indicators/{ind.id}")
        assert f"<h1>{escape(ind.title)}</h1>" in html, ind.id
        charted = len(ind.observations) > 1  # one figure is shown as a number, not as a one-bar chart
        shown = pictures(site, f"indicators/{ind.id}")
        # a picture of the downloadable SVG, the phone's own drawing for a narrow screen; no drawing in the page
        assert 'class="marks"' not in html and len(html.encode("utf-8")) <= 34_000, (ind.id, len(html.encode("utf-8")))
        if charted:
            [[phone, wide]] = shown
            assert phone["media"] == "(max-width: 600px)" and phone["srcset"] == f"../../charts/{ind.id}.phone.svg", phone
            assert wide["src"] == f"../../downloads/charts/{ind.id}.svg" and wide["data-spec"] == f"../../downloads/charts/{ind.id}.vl.json", wide
            assert wide["alt"].startswith(f"{ind.title}：") and "loading" not in wide, wide  # in the first screen: not lazy
        else:
            assert shown == [], ind.id
        assert "<table><caption>" in html and "<tbody><tr>" in html, ind.id
        head = ind.headline
        assert f'<span class="value">{value_text(head, ind.decimals)}</span>' in html, ind.id
        links = re.findall(r'href="\.\./\.\./sources/([a-z0-9-]+)/#(q-[0-9a-f]+)"', html)
        assert links, f"{ind.id} has no link to its source sentence"
        for sid, anchor in links:
            assert anchor in source_ids[sid], f"{ind.id}: anchor {anchor} missing on the source page"
        for o in ind.observations:
            assert escape(o.quote) in html, f"{ind.id}: quote missing"


def test_every_area_page_has_summary_chart_and_lists_its_indicators(site: Path, catalog) -> None:
    for area in catalog.areas.values():
        html = page(site, f"areas/{area.id}")
        [[phone, wide]] = pictures(site, f"areas/{area.id}")
        assert 'class="marks"' not in html, area.id
        assert (phone["srcset"], wide["src"], wide["loading"]) == (f"../../charts/area-{area.id}.phone.svg", f"../../charts/area-{area.id}.svg", "lazy"), (
            area.id
        )
        assert wide["alt"].startswith(f"{area.title}："), wide  # what the overview shows, in words
        for ind in catalog.area_indicators(area.id):
            assert f'href="../../indicators/{ind.id}/"' in html, (area.id, ind.id)


def test_home_links_key_figures_and_areas(site: Path, catalog) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    keys = [i for i in catalog.indicators.values() if i.key_figure]
    assert 8 <= len(keys) <= 12
    for ind in keys:
        assert f'href="indicators/{ind.id}/"' in html
    for area in catalog.areas.values():
        assert f'href="areas/{area.id}/"' in html


def test_observations_csv_holds_every_observation(site: Path, catalog) -> None:
    path = site / "downloads" / "observations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns) == [c.name for c in OBSERVATION_COLUMNS]
    assert {"indicator_id", "indicator_name", "area", "period", "value", "unit", "flag", "source_quote"} <= set(frame.columns)
    assert len(frame) == len(catalog.observations)
    rows = {(r["indicator_id"], r["period"], r["breakdown"]): r for r in csv.DictReader(path.open(encoding="utf-8"))}
    for o in catalog.observations:
        row = rows[(o.indicator_id, o.period.text, o.breakdown)]
        ind = catalog.indicators[o.indicator_id]
        assert row["value"] == number(o.value, ind.decimals)
        assert row["unit"] == ind.unit and row["flag"] == o.flag and row["source_quote"] == o.quote


def test_archived_source_is_served_byte_for_byte(site: Path, catalog) -> None:
    for src in catalog.sources.values():
        served = site / "sources" / src.id / src.archive
        assert served.read_bytes() == (Path(__file__).resolve().parent.parent / "data" / "sources" / src.archive).read_bytes()


def test_source_page_hides_layout_markers_and_marks_quotes(site: Path, catalog) -> None:
    html = page(site, "sources/kjj-2024-work-summary")
    text = html[html.index('<div class="source-text"') :]
    assert "[bookmark" not in text
    assert "2024年，在县委、县政府的坚强领导下" in text
    assert text.count("<mark>") >= 30


def test_search_splits_chinese_into_characters_in_the_index_and_in_queries(site: Path) -> None:
    """Material's search splits text and queries alike by the configured separator: Chinese into single
    characters, so a query always meets the index's tokens (its own query segmenter drops a query's last
    word, and word segmenters disagree on compounds such as 特派员); "R&D" into its letters."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"]
    assert [t for t in re.split(separator, "省科技特派员备案总量 R&D") if t] == [*"省科技特派员备案总量", "R", "D"]
    texts = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert "国家科技型中小企业入库" in texts and index["config"]["fields"]["tags"]["boost"] < index["config"]["fields"]["title"]["boost"]
    tags = {d["location"]: [unescape(t) for t in d.get("tags", [])] for d in index["docs"]}  # Material shows tags as HTML: kept escaped
    assert "R&amp;D" in next(d["tags"] for d in index["docs"] if d["location"] == "indicators/rd-expenditure-reported/")
    assert (
        "科小" in tags["indicators/tech-smes/"]
        and "高新企业" in tags["indicators/high-tech-publicised/"]
        and "R&D" in tags["indicators/rd-expenditure-reported/"]
    )


LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}


def test_pages_load_nothing_from_another_host(site: Path) -> None:
    offenders = []
    for path in site.rglob("*.html"):
        for tag, attrs in Parsed(path.read_text(encoding="utf-8")).elements:
            attr = LOADING.get(tag)
            if attr is None or (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                continue
            url = attrs.get(attr, "")
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{path.relative_to(site)}: <{tag} {attr}={url}>")
    css = [p for p in site.rglob("*.css") if re.search(r"@import|url\((['\"]?)(https?:)?//", p.read_text(encoding="utf-8"))]
    assert not offenders and not css, offenders + [str(p) for p in css]


def test_vendored_vega_ships_with_licences(site: Path) -> None:
    vendor = site / "assets" / "vendor"
    for name in ("vega", "vega-lite", "vega-embed"):
        assert (vendor / f"{name}.min.js").stat().st_size > 10_000
        assert "BSD" in (vendor / f"LICENSE-{name}.txt").read_text() or "Redistribution" in (vendor / f"LICENSE-{name}.txt").read_text()


def test_every_page_is_chinese_and_allows_only_its_own_scripts(site: Path) -> None:
    """Every page but the English one (/en/) says it is Chinese; each allows only its own scripts, and a
    page made for other sites to frame (/embed/) none at all."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        language = "en" if path.relative_to(site).parts[0] == "en" else "zh-CN"
        assert f'<html lang="{language}"' in html, path
        if path.relative_to(site).parts[0] == "embed":
            assert "<script" not in html and "content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline';" in html, path
            continue
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert csp, path
        script_src = re.search(r"script-src ([^;]+)", csp.group(1)).group(1).split()  # type: ignore[union-attr]
        assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:]), script_src
        assert "unsafe" not in csp.group(1).split("style-src")[0], "no unsafe-inline or unsafe-eval for scripts"
        # every inline script the finished page has runs: the policy, made from the theme's script
        # partials, names each by its hash (none is blocked, none is missed)
        found = InlineScripts()
        found.feed(html)
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" for text in found.scripts}
        assert hashes and hashes == set(script_src[1:]), (path, hashes ^ set(script_src[1:]))


def test_english_page_summarises_key_figures_with_links(site: Path, catalog) -> None:
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' in html
    for ind in catalog.indicators.values():
        assert ind.title_en, ind.id
        assert f'href="../indicators/{ind.id}/"' in html
        if ind.key_figure:
            assert escape(ind.title_en) in html


def test_dates_in_the_build_come_from_the_data_not_the_clock(site: Path, catalog) -> None:
    """Two builds of one commit on different days are identical: the sitemap's gzip time is the data's date."""
    import datetime as dt
    import struct

    from macros.data.releases import dataset_date

    mtime = struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() == dataset_date(catalog)


def test_a_rank_is_always_shown_with_its_scope(site: Path, catalog) -> None:
    """The report ranks the county "同考核单元第1名" and only "位居全市各区县前列" city-wide: wherever the
    rank is shown, the scope is in its label and the city-wide wording beside it."""
    ind = catalog.indicators["rd-growth-rank"]
    assert ind.rank_scope == "同考核单元" and ind.rank_scope in ind.title and "assessment group" in ind.title_en
    shown = f"第1名（{ind.rank_scope}，{ind.rank_context}）"
    assert ind.rank_context == "位居全市各区县前列"
    places = {
        "indicator page": page(site, "indicators/rd-growth-rank"),
        "area page": page(site, "areas/innovation-entities"),
        "list of indicators": page(site, "indicators"),
        "briefing": page(site, "briefing"),
    }
    for name, html in places.items():
        text = re.sub(r"<[^>]+>", "", html)
        assert f"{escape(ind.title)}" in html, name
        assert shown in text, name
        assert not re.search(r"增幅排名第1名", text), name
    svg = (site / "downloads" / "charts" / "rd-growth-rank.svg").read_text(encoding="utf-8")
    assert "同考核单元" in svg and "第1名" in svg
    for path in ("downloads/observations.csv", "downloads/indicators/rd-growth-rank.csv", "api/v1/indicators/rd-growth-rank.json"):
        assert "增幅排名（同考核单元）" in (site / path).read_text(encoding="utf-8"), path
    assert "within its assessment group" in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_key_figures_and_briefing_lines_carry_their_period_and_source(site: Path, catalog) -> None:
    """A card or briefing line copied on its own still says when and where: each home card links to its
    exact sentence (出处), and each briefing figure has its period and the report's paragraph, every
    indicator included (one reported only as items, too); the header dates the release, not the data."""
    home = (site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<li class="key-card">(.*?)</li>', home, re.S)
    assert cards and len(cards) == len([i for i in catalog.indicators.values() if i.key_figure])
    for card in cards:
        assert re.search(r'<a class="key-source" href="sources/[a-z0-9-]+/#q-[0-9a-f]{10}">出处：原文第[0-9]+段</a>', card), card
    html = (site / "briefing" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "数据日期" not in text and "数据版本：2024.4版（2026-12-06发布）" in text
    for ind in catalog.indicators.values():
        head = ind.headline
        assert escape(ind.title) in html, ind.id
        if not ind.key_figure:
            assert f"，{period_text(head)}，¶" in text, ind.id
    assert "重大项目资助资金 2 项，各 200 万元：乡村绿洲（山东）农业科技股份有限公司（山东省重点研发计划）、济南天邦化工有限公司" in text
    refs = re.findall(r'href="\.\./sources/([a-z0-9-]+)/#(q-[0-9a-f]{10})">¶[0-9]+</a>', html)
    assert len(refs) >= len(catalog.indicators)


def test_about_tells_journalists_how_to_quote(site: Path) -> None:
    html = page(site, "about")
    section = re.sub(r"<[^>]+>", "", html.split('id="如何引用和转载本站数据"')[1].split("<h2")[0])
    for rule in ("截至报告成文", "年度为本站推断", "同考核单元第1名", "全市第1名", "推算值", "由文字推断", "下限值", "本站解释", "出处"):
        assert rule in section, rule


def test_about_explains_each_mark_the_way_the_site_writes_it(site: Path) -> None:
    about = page(site, "about/")
    assert ">下限值（500+）</th>" in about and ">约数（约176）</th>" in about and "约数（+）" not in about


def test_the_english_page_is_in_english(site: Path) -> None:
    """/en/ says it is English (screen readers, translation tools, search engines), with an English title
    and description; every other page is Chinese."""
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" class="no-js">' in english
    assert "<title>Shanghe County science and technology statistics - 商河县科技统计数据</title>" in english
    assert '<meta name="description" content="Open science and technology statistics of the Shanghe County' in english
    assert '<html lang="zh-CN" class="no-js">' in (site / "index.html").read_text(encoding="utf-8")
