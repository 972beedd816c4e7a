"""Charts: one Altair definition per chart, drawn at build time by vl-convert and live by the same
Vega, so the static and the live chart show the same texts; every period is labelled; the drawings
are cached safely and drawn alike by every worker process."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import struct
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import vl_convert
from fontTools.pens.recordingPen import RecordingPen
from PIL import Image

from macros.cache import Cache
from macros.charts import fonts, render, specs
from tests.conftest import CHART_TEXTS

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs" / "assets" / "vendor"


def svg_texts(svg: str) -> list[str]:
    """Each text of the picture, each line of a text of several lines on its own."""
    return [
        unescape(line) for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S) for line in (re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text) or [text])
    ]


def svg_labels(svg: str) -> list[str]:
    """Each text of the picture whole: the lines of a wrapped label joined (a label is never cut)."""
    return [unescape("".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text)) or text) for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(
    "url", ["indicators/rd-expenditure-reported/", "indicators/major-project-grants/", "indicators/sci-tech-commissioners-total/", "areas/innovation-entities/"]
)
def test_the_live_chart_shows_what_the_static_chart_shows(browser, server: str, url: str, width: int) -> None:
    """The 交互图表 button swaps the picture of the build-time SVG for Vega's live view: same titles,
    axis and tick labels, value labels and legend, in the same place and size (the chart must not
    jump), on a desktop and in a phone's layout."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(server + url, wait_until="load")
    figure = page.locator("figure.chart").first
    figure.scroll_into_view_if_needed()
    # where the drawing stands on the page (the click may scroll the button into view)
    on_page = "e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height}; }"
    static, before = [t for t, _ in page.eval_on_selector_all("figure.chart", CHART_TEXTS)], figure.locator("picture img").evaluate(on_page)
    figure.locator(".chart-live-button").click()
    page.locator("figure.chart[data-live=yes]").first.wait_for(timeout=15000)
    live, after = [t for t, _ in page.eval_on_selector_all("figure.chart", CHART_TEXTS)], figure.locator(".chart-live svg").evaluate(on_page)
    page.close()
    assert static and live == static
    assert before and after
    assert abs(after["x"] - before["x"]) < 2 and abs(after["y"] - before["y"]) < 2, (before, after)
    assert abs(after["width"] - before["width"]) < 3 and abs(after["height"] - before["height"]) < 3, (before, after)
    assert not warnings, warnings


def test_every_point_has_its_label_in_the_picture_and_on_the_page(site: Path, catalog) -> None:
    for ind in catalog.indicators.values():
        # the picture to download (and share in WeChat); a page with more than one figure shows it too
        svg = (site / "downloads" / "charts" / f"{ind.id}.svg").read_text(encoding="utf-8")
        if '<figure class="chart"' in (html := (site / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")):
            assert f'<img src="../../downloads/charts/{ind.id}.svg"' in html, "the download is the page's picture"
        texts = svg_texts(svg) + svg_labels(svg)
        chart = specs.indicator_chart(catalog, ind)
        for point in chart.points:
            assert point.label in texts, (ind.id, point.label)
            assert point.display in texts, (ind.id, point.display)
        assert chart.title in texts and chart.subtitle[0] in texts, ind.id
        # the PNG for WeChat (1280 px wide, made from this SVG) read full-width on a phone: its smallest
        # text at least 2.5 % of its width, the title and the source line larger
        sizes = [float(size) for size in re.findall(r'font-size="([0-9.]+)', svg)]
        width = float(re.search(r'<svg[^>]*width="([0-9.]+)"', svg).group(1))  # type: ignore[union-attr]
        assert min(sizes) / width >= 0.025, (ind.id, min(sizes), width)
        title = [float(size) for size in re.findall(r'<text[^>]*font-size="([0-9.]+)[^>]*>(?:<tspan[^>]*>)?' + re.escape(chart.title), svg)]
        source = [float(size) for size in re.findall(r'<text[^>]*font-size="([0-9.]+)[^>]*>(?:<tspan[^>]*>[^<]*</tspan>)*(?:<tspan[^>]*>)?来源', svg)]
        assert title and source and min(title) > min(sizes) and min(source) > min(sizes), (ind.id, title, source)
        png = (site / "downloads" / "charts" / f"{ind.id}.png").read_bytes()
        assert struct.unpack(">I", png[16:20])[0] == render.PNG_WIDTH


def test_the_png_is_the_svg_drawn_larger(catalog, tmp_path: Path) -> None:
    """The PNG is made from the SVG, not drawn again: same picture, 1280 px wide, Chinese in Noto Sans CJK."""
    ind = catalog.indicators["rd-expenditure-reported"]
    drawing = render.start([specs.indicator_chart(catalog, ind)], Cache(tmp_path)).result()[ind.id]
    assert 'font-family="Chart Sans CJK SC, Noto Sans CJK SC, ' in drawing.svg  # the drawing processes' subset of it first
    image = Image.open(io.BytesIO(drawing.png.path.read_bytes())).convert("RGB")
    width = float(re.search(r'width="([0-9.]+)"', drawing.svg).group(1))  # type: ignore[union-attr]
    assert image.width == render.PNG_WIDTH and abs(image.height / image.width - float(re.search(r'height="([0-9.]+)"', drawing.svg).group(1)) / width) < 0.01  # type: ignore[union-attr]
    colours = {colour for _count, colour in image.getcolors(1 << 20)}
    assert (0x1F, 0x4E, 0x79) in colours and (0x6B, 0x8F, 0xB5) in colours, "stated and derived bars in their colours"


def test_the_browser_runs_the_vega_that_draws_the_static_charts() -> None:
    texts = {name: (VENDOR / f"{name}.min.js").read_text(encoding="utf-8") for name in ("vega", "vega-lite", "vega-embed")}
    assert f'version="{vl_convert.get_vega_version()}"' in texts["vega"].replace(" ", "")
    default_vl = re.search(r'"(6\.[0-9]+\.[0-9]+)"', texts["vega-lite"])
    assert default_vl and default_vl.group(1).rsplit(".", 1)[0] == vl_convert.get_vegalite_versions()[-1], default_vl
    assert vl_convert.get_vega_embed_version() in texts["vega-embed"]


def test_pool_and_single_process_draw_the_same_bytes(catalog, tmp_path: Path) -> None:
    """The worker processes draw with a subset of the font, a single process with the whole font: the
    same spec, SVG and PNG, byte for byte, for every kind of chart in every layout drawn."""
    charts = [
        specs.indicator_chart(catalog, catalog.indicators[iid])
        for iid in ("rd-expenditure-reported", "major-project-grants", "rd-growth-rank", "tech-contracts")
    ]
    charts += [c for a in ("innovation-entities", "accountability") if (c := specs.area_chart(catalog, a))]
    many = tuple(dataclasses.replace(charts[0].points[0], label=f"{2000 + n}年", value=float(n)) for n in range(20))
    charts += [dataclasses.replace(charts[0], name=f"twenty-{kind}", kind=kind, points=many) for kind in ("bar", "line")]
    drawn = [layout for chart in charts for layout in specs.layouts(chart)]
    assert {c.kind for c in drawn} == {"bar", "line", "items", "rank", "area"} and {c.layout for c in drawn} == {"wide", "phone"}
    serial = render.start(drawn, Cache(tmp_path / "one"), processes=0)
    pooled = render.start(drawn, Cache(tmp_path / "many"), processes=2, subset_from=0)  # with the subset, though they are few
    assert (serial.workers, pooled.workers) == (0, 2)
    made = [{name: (d.spec, d.svg, d.png.sha256) for name, d in r.result().items()} for r in (serial, pooled)]
    assert made[0] == made[1]


def test_a_drawing_process_with_the_subset_draws_it_as_the_whole_font(catalog, tmp_path: Path) -> None:
    """In a process that registered the subset, a chart drawn in the subset alone (no other font named)
    is the chart drawn in the system's Noto Sans CJK SC alone, pixel for pixel: the subset is a working face
    with the same glyphs, not a name the font list passes over."""
    chart = specs.indicator_chart(catalog, catalog.indicators["rd-expenditure-reported"])
    fonts.subset(fonts.system_faces(), fonts.characters([chart], Path(specs.__file__)), Cache(tmp_path / "cache"), tmp_path)
    probe = f"""
import io, json, sys
import vl_convert
from PIL import Image, ImageChops
vl_convert.register_font_directory({str(tmp_path)!r})
spec = json.loads(sys.stdin.read())
pictures = []
for family in ("Chart Sans CJK SC", "Noto Sans CJK SC"):
    spec["config"]["font"] = family
    pictures.append(Image.open(io.BytesIO(vl_convert.vegalite_to_png(spec, scale=2))).convert("RGB"))
print(pictures[0].size == pictures[1].size and ImageChops.difference(*pictures).getbbox() is None)
"""
    run = subprocess.run([sys.executable, "-c", probe], input=json.dumps(specs.spec(chart)), capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "True", run.stdout + run.stderr


def test_the_font_subset_holds_the_charts_characters_in_the_same_glyphs(catalog, tmp_path: Path) -> None:
    """The subset the workers draw with: named apart, every character of the charts with the glyph the
    system's Noto Sans CJK SC has for it, and nothing else of its 65,000 glyphs."""
    from fontTools.ttLib import TTFont

    charts = [specs.indicator_chart(catalog, ind) for ind in catalog.indicators.values()]
    chars = fonts.characters(charts, Path(specs.__file__))
    assert {"规", "亿", "（", "《", "−", "0", "%"} <= set(chars)
    faces = fonts.system_faces()
    fonts.subset(faces, chars, Cache(tmp_path / "cache"), tmp_path)
    for weight, face in faces.items():
        small = TTFont(tmp_path / f"ChartSansCJKSC-{weight}.otf")
        whole = TTFont(face.path, fontNumber=face.index, lazy=True)
        assert small["name"].getDebugName(1) == "Chart Sans CJK SC" and small["OS/2"].usWeightClass == whole["OS/2"].usWeightClass
        cmap, whole_cmap = small.getBestCmap(), whole.getBestCmap()
        assert {chr(c) for c in cmap} == {c for c in chars if ord(c) in whole_cmap}
        glyphs, whole_glyphs = small.getGlyphSet(), whole.getGlyphSet()
        for c in "规上企业填报研发费用（亿元）2024年":
            drawn, original = RecordingPen(), RecordingPen()
            glyphs[cmap[ord(c)]].draw(drawn)
            whole_glyphs[whole_cmap[ord(c)]].draw(original)
            assert drawn.value == original.value, (weight, c)


def test_a_damaged_drawing_in_the_cache_is_drawn_again(catalog, tmp_path: Path) -> None:
    chart = specs.indicator_chart(catalog, catalog.indicators["tech-contracts"])
    first = render.start([chart], Cache(tmp_path)).result()
    for entry in (tmp_path / "charts").rglob("*"):
        if entry.is_file() and not entry.name.endswith(".sha256"):
            entry.write_bytes(entry.read_bytes()[:-1] + b"x")
    again = render.start([chart], Cache(tmp_path))
    assert again.missing == 1, "the damage is found when the drawing is read, and it is drawn again"
    assert again.result() == first
    assert render.start([chart], Cache(tmp_path)).missing == 0


def test_a_machine_without_the_chinese_font_gets_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-match: fontconfig and the fonts are missing
    with pytest.raises(fonts.FontMissing) as err:
        fonts.system_faces()
    assert "apt-get install fonts-noto-cjk" in str(err.value) and "\n" not in str(err.value)


def test_every_kind_of_chart_is_valid_vega_lite(catalog) -> None:
    """Builds skip Altair's schema validation for speed; here every real chart, and each kind drawn
    over many periods, passes it (Altair raises on an invalid spec)."""
    charts = [specs.indicator_chart(catalog, ind) for ind in catalog.indicators.values()] + [c for a in catalog.areas if (c := specs.area_chart(catalog, a))]
    column = charts[0]
    many = tuple(dataclasses.replace(column.points[0], label=f"{2000 + n}年", value=float(n)) for n in range(20))
    charts += [dataclasses.replace(column, kind=kind, points=many) for kind in ("bar", "line")]
    assert {c.kind for c in charts} == {"bar", "line", "items", "rank", "area"}
    for chart in charts:
        assert specs.spec(chart, validate=True) == specs.spec(chart), chart.name


def test_every_chart_kind_staff_can_choose_is_drawn_by_its_own_function(catalog) -> None:
    """The words of data/indicators/*.yaml `chart:` (schema.CHART_KINDS) are the names of the chart kinds:
    an indicator with neither items nor a rank gets the kind it chooses, drawn by that kind's own function."""
    from macros.data import schema

    assert schema.CHART_KINDS == ("bar", "line")
    assert [k.name for k in specs.CHART_KINDS] == ["rank", "items", "bar", "line", "area"]
    assert len({k.draw for k in specs.CHART_KINDS}) == len(specs.CHART_KINDS)
    plain = [i for i in catalog.indicators.values() if i.unit not in schema.RANK_UNITS and not any(o.breakdown for o in i.observations)]
    chosen = [dataclasses.replace(plain[0], chart=kind) for kind in schema.CHART_KINDS]
    assert [specs.indicator_chart(catalog, i).kind for i in [*plain, *chosen]] == [i.chart for i in [*plain, *chosen]]


AXIS_LABELS = """() => Array.from(document.querySelectorAll("g.role-axis")).map(axis => ({
  title: Array.from(axis.querySelectorAll(".role-axis-title text")).map(t => t.textContent).join(""),
  labels: Array.from(axis.querySelectorAll(".role-axis-label text")).filter(t => t.textContent).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  }),
}))"""


def test_no_two_tick_labels_run_together(browser, site: Path) -> None:
    """Every drawing as a 375 px screen shows it (the phone's layout; 大字 mode stretches the same drawing,
    keeping its spacing) and the desktop's: no two labels of an axis overlap or come within 3 px ("15" and
    "20" read as "1520"), and a count's value ticks are whole numbers (no 0.5 家)."""
    from macros.data import schema

    page = browser.new_page(viewport={"width": 375, "height": 800})
    drawings = sorted((site / "charts").glob("*.svg")) + sorted((site / "downloads" / "charts").glob("*.svg"))
    crowded, fractional = [], []
    for svg in drawings:
        page.goto(svg.as_uri())
        for axis in page.evaluate(AXIS_LABELS):
            labels = axis["labels"]
            for i, a in enumerate(labels):
                for b in labels[i + 1 :]:
                    apart = max(b["left"] - a["right"], a["left"] - b["right"], b["top"] - a["bottom"], a["top"] - b["bottom"])
                    if apart < 3:
                        crowded.append((svg.name, a["text"], b["text"], round(apart, 1)))
            if axis["title"] in schema.COUNT_UNITS:
                fractional += [(svg.name, a["text"]) for a in labels if "." in a["text"]]
    page.close()
    assert len(drawings) > 50
    assert not crowded, crowded[:10]
    assert not fractional, fractional[:10]


@pytest.mark.parametrize(
    ("top", "whole", "room", "most", "expected"),
    [
        (20, True, 86, 3, [0, 10, 20]),  # 0 5 10 15 20 ran together on a phone's area panel
        (150, True, 86, 3, [0, 100, 200]),
        (2, True, 86, 3, [0, 1, 2]),  # a count: never 0.5
        (0.45, False, 86, 3, [0, 0.5]),
        (179, True, 300, 5, [0, 50, 100, 150, 200]),
        (0, True, 86, 3, [0, 1]),
    ],
)
def test_value_ticks_fit_the_width_they_are_drawn_at(top: float, whole: bool, room: int, most: int, expected: list[float]) -> None:
    assert specs.ticks(top, whole, room, lambda text: len(text) * 14 * 0.6 + 10, most) == expected


def test_a_chart_of_items_names_their_period(catalog) -> None:
    """Bars by item name no period on their axis: the title says it (the grants chart said no year)."""
    assert specs.indicator_chart(catalog, catalog.indicators["major-project-grants"]).title == "重大项目资助资金（2024年，万元）"
    assert specs.indicator_chart(catalog, catalog.indicators["tech-contracts"]).title == "技术合同认定登记（项）"


def test_a_picture_names_the_version_of_its_data_and_the_licence(tmp_path: Path) -> None:
    """A chart shared on its own says what it is a copy of: the release its data are, or that they changed
    since; a change to one indicator's data does not relabel another's picture."""
    import shutil

    from macros.build import site_charts
    from macros.data.loader import load_catalog
    from macros.publish.tables import tables

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    catalog = load_catalog(data)
    charts = site_charts(data, catalog, tables(catalog), "")
    assert charts["tech-contracts"].subtitle[-1] == "商河县科技统计数据 · 2024.4版 · 许可协议 CC-BY-4.0"
    assert charts["area-innovation-entities"].subtitle[-1] == "商河县科技统计数据 · 2024.4版 · 许可协议 CC-BY-4.0"
    yaml = data / "indicators" / "tech-contracts.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("definition: ", "definition: 改写的定义。", 1), encoding="utf-8")
    catalog = load_catalog(data)
    charts = site_charts(data, catalog, tables(catalog), "")
    assert charts["tech-contracts"].subtitle[-1] == "商河县科技统计数据 · 2024.4版之后的更新 · 许可协议 CC-BY-4.0"
    assert charts["tech-smes"].subtitle[-1] == "商河县科技统计数据 · 2024.4版 · 许可协议 CC-BY-4.0"
    svg = render.start([charts["tech-contracts"]], Cache(tmp_path / "cache")).result()["tech-contracts"].svg
    assert "2024.4版之后的更新 · 许可协议 CC-BY-4.0" in svg


def test_a_credit_line_breaks_between_its_parts_on_a_phone() -> None:
    """On a phone the site, the version and the licence each take a line, the separator giving way."""
    assert specs.wrapped("商河县科技统计数据 · 2024.4版 · 许可协议 CC-BY-4.0", 15) == "商河县科技统计数据\n2024.4版\n许可协议 CC-BY-4.0"
    assert specs.wrapped("商河县科技统计数据 · 2024.4版 · 许可协议 CC-BY-4.0", 26) == "商河县科技统计数据 · 2024.4版\n许可协议 CC-BY-4.0"
