"""Every chart, defined once with Altair from a pandas DataFrame.

``indicator_chart`` and ``area_chart`` turn catalog objects into plain chart inputs (what a
chart shows, picklable, the key of its cache entry); ``spec`` makes the Altair chart of an
input and returns its Vega-Lite JSON. That one spec is drawn at build time (``render``) and
live in the browser, so the static and the interactive chart cannot disagree.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from macros.charts import fonts
from macros.data import schema
from macros.data.catalog import RECENT, Catalog, Indicator
from macros.data.formatting import period_text
from macros.data.releases import version_words
from macros.data.statements import chart_kind, chart_label, headline, shown, statement

# the font subset the drawing processes register first (``fonts``): elsewhere (a browser, one process) Noto Sans CJK SC
FONT = f"{fonts.SUBSET_FAMILY}, {fonts.FAMILY}, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
TEXT = "#1a1a1a"
BAR = schema.FLAGS[""].colour  # a stated figure's, 8.9:1 on white
STATED = schema.FLAGS[""].zh
COLOURS = tuple((mark.zh, mark.colour) for mark in (*schema.FLAGS.values(), *schema.QUALIFIERS.values()) if mark.zh)  # each mark's own
LAYOUTS = ("wide", "phone")  # desktop (and the PNG); a phone, where 大字 mode stretches the same drawing to the column's width


@dataclass(frozen=True)
class Size:
    """A layout's measures, in the SVG's own pixels. The phone layout is drawn narrower than a phone's
    column (375 px screen: about 340 px, 325 px in 大字 mode): shown at its own size its texts are
    14 px; 大字 mode stretches it to the column, which makes them 16 px or more."""

    text: int  # axis labels, value labels, legend
    title: int
    subtitle: int  # the source line: larger than the labels, smaller than the title
    width: int  # plot width of a chart over periods
    height: int
    bar_width: int  # plot width of a bar chart by item and of each area panel
    wrap: int  # characters per line of a category label (0: one line)
    line: int  # characters per line of the title and the source line (0: one line)
    labels_on_bars: int  # value labels drawn on up to this many columns


SIZES = {
    "wide": Size(text=12, title=15, subtitle=13, width=360, height=220, bar_width=220, wrap=16, line=0, labels_on_bars=60),
    "phone": Size(text=14, title=17, subtitle=15, width=190, height=220, bar_width=86, wrap=11, line=15, labels_on_bars=6),
}


def config(size: Size) -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,  # the page gives each chart one Chinese description; Vega's own are English (marks say aria=False too)
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": size.text,
            "titleFontSize": size.text,
            "labelColor": TEXT,
            "titleColor": TEXT,
            "grid": False,
            "labelLimit": 0,
            "labelOverlap": False,
        },
        "legend": {"labelFontSize": size.text, "labelColor": TEXT, "orient": "bottom", "title": None},
        "title": {"fontSize": size.title, "subtitleFontSize": size.subtitle, "color": TEXT, "subtitleColor": "#444444", "anchor": "start", "offset": 10},
        "locale": {"number": {"decimal": ".", "thousands": "", "grouping": [3], "currency": ["¥", ""]}},
    }


def wrapped(label: str, width: int) -> str:
    """A label or title in lines of at most ``width`` characters, broken after a closing bracket or a
    comma, before an opening bracket or at a " · " (which the break replaces) where it can be; never cut
    short, never inside a number."""
    if not width or len(label) <= width:
        return label
    lines, line = [], ""
    for part in re.split(r"(?<=[）)》：，、])|(?=[（(《])|(?= · )", label):
        if len(line + part) > width and line:
            lines.append(line)
            line, part = "", part.removeprefix(" · ")
        while len(part) > width:  # a long run: even pieces, none cutting a number
            size = math.ceil(len(part) / math.ceil(len(part) / width))
            cut = size
            while 1 < cut < len(part) and part[cut - 1].isdigit() and part[cut].isdigit():
                cut -= 1
            if cut == 1 and part[0].isdigit():  # no place before the number: the line takes all of it
                cut = size
                while cut < len(part) and part[cut].isdigit():
                    cut += 1
            size = cut
            lines.append(part[:size])
            part = part[size:]
        line += part
    return "\n".join([*lines, line] if line else lines)


@dataclass(frozen=True)
class Point:
    label: str  # the period, the breakdown item or the indicator
    value: float
    display: str  # the value as shown: 6.02, 500+
    kind: str  # 原文数, 推算值 …
    period: str = ""  # an area chart's point: its period
    panel: str = ""  # an area chart's point: the title of its panel (period, kind of measure, unit)
    unit: str = ""  # an area chart's point: its unit
    indicator: str = ""  # an area chart's point: its indicator's id


@dataclass(frozen=True)
class Chart:
    """What one chart shows: plain data, the input of ``spec`` and the key of its cache entry."""

    name: str  # file stem: the indicator id, or area-<id>
    kind: str  # the name of one of CHART_KINDS
    title: str
    subtitle: tuple[str, ...]  # lines under the title: the source, the site
    unit: str  # an indicator's unit; an area chart has one per panel
    points: tuple[Point, ...]
    picture: bool  # also drawn as a PNG for download
    layout: str = "wide"  # one of LAYOUTS
    address: str = ""  # the page's full address, under the source in the wide drawing (the picture shared on its own)

    @property
    def key(self) -> str:
        """The drawing's name: the chart's, with the layout for the phone's."""
        return self.name if self.layout == "wide" else f"{self.name}.{self.layout}"

    @property
    def shown(self) -> bool:
        """Whether a page shows the chart: one bar says nothing a number does not, so a page with one
        figure shows the number, and its chart is only the picture offered for download."""
        return len(self.points) > 1


def layouts(chart: Chart) -> list[Chart]:
    """What is drawn of a chart: the wide layout (a page's desktop drawing, the picture offered for
    download) and, for a chart a page shows, every other layout (drawn for the page only)."""
    return [chart] + [dataclasses.replace(chart, layout=layout, picture=False) for layout in LAYOUTS[1:] if chart.shown]


def _whole(unit: str) -> bool:
    return unit in schema.COUNT_UNITS | schema.RANK_UNITS


def sources_line(cat: Catalog, source_ids: set[str]) -> str:
    """The source line of a chart: at most two documents named (a series kept up for years has a report a year, all listed on the page)."""
    titles = [cat.sources[s].title for s in sorted(source_ids, key=lambda s: (cat.sources[s].year, s))]
    return "来源：" + ("、".join(f"《{t}》" for t in titles) if len(titles) <= 2 else f"《{titles[0]}》至《{titles[-1]}》等{len(titles)}份文件")


def site_line(cat: Catalog, version: str = "", licence: str = "") -> str:
    """The line under a chart's source: the site, and when known the version of the data the chart shows
    and their licence (a picture shared on its own says what it is a copy of, and on what terms)."""
    if not version:
        return cat.site_name
    return f"{cat.site_name} · {version_words(version)[0]} · 许可协议 {licence or (cat.dataset.licence if cat.dataset else '')}"


def indicator_chart(cat: Catalog, ind: Indicator, url: str = "", version: str = "") -> Chart:
    """An indicator's chart: columns (or a line) over its periods, bars by breakdown item, or a rank as
    text (a rank is ordinal: no bar). With the site's address ``url``, the picture names its page, so a
    copy shared on its own says where it came from; with ``version``, the version of its data."""
    kind = chart_kind_of(ind)
    label = (lambda o: shown(statement(cat, ind, o))) if kind.ordinal else (lambda o: chart_label(o, ind))
    points = tuple(Point(o.breakdown or period_text(o), float(o.value), label(o), chart_kind(o)) for o in ind.recent)
    recent = () if ind.shown_from is None else (f"图中为{RECENT}，共 {len(ind.periods)} 期的全部数据见本站下载",)
    subtitle = (*recent, sources_line(cat, {o.source for o in ind.observations}), site_line(cat, version, ind.licence))
    periods = list(dict.fromkeys(period_text(o) for o in ind.recent))
    measure = f"{periods[0]}，{ind.unit}" if kind.dated and len(periods) == 1 else ind.unit
    title = ind.title if kind.ordinal else f"{ind.title}（{measure}）"
    return Chart(ind.id, kind.name, title, subtitle, ind.unit, points, picture=True, address=f"{url}indicators/{ind.id}/" if url else "")


def site_charts(cat: Catalog, url: str = "", versions: dict[str, str] | None = None) -> dict[str, Chart]:
    """Every chart of the site, by name: each indicator's, and each area's that compares anything;
    ``versions``: the version of each indicator's data, which its picture names."""
    known = versions or {}
    made = [indicator_chart(cat, ind, url, known.get(ind.id, "")) for ind in cat.indicators.values()]
    made += [area_chart(cat, aid, known) for aid in cat.areas]
    return {chart.name: chart for chart in made if chart is not None}


def drawings(charts: dict[str, Chart]) -> list[Chart]:
    """What is drawn of the charts: each chart in each of its layouts (``layouts``)."""
    return [layout for chart in charts.values() for layout in layouts(chart)]


# an area chart's panel compares one kind of measure: levels, or changes (new counts and increases, growth rates)
MEASURES = ("level", "change")


def area_chart(cat: Catalog, area_id: str, versions: dict[str, str] | None = None) -> Chart | None:
    """An area's overview, comparing like with like only: one panel per unit, kind of measure (level or
    change) and period, each of at least two indicators. Ranks, items without a total and figures that
    nothing else in the area compares with are left out: the table above the chart lists every one."""
    area = cat.areas[area_id]
    groups: dict[tuple[int, str, str], list[tuple[Point, str]]] = {}
    for ind in cat.area_indicators(area_id):
        st = headline(cat, ind)
        if st is None or st.rank or st.items_only:
            continue
        measure = "change" if ind.change_of else "level"
        named = "" if measure == "level" else "增速，" if ind.unit == "%" else "新增数，"
        panel = f"{st.period_label}，{named}单位：{ind.unit}"
        point = Point(ind.title, float(st.first.value), chart_label(st.first, ind), chart_kind(st.first), st.period_label, panel, ind.unit, ind.id)
        groups.setdefault((list(schema.UNITS).index(ind.unit), MEASURES.index(measure), st.period, st.period_label), []).append((point, st.source))
    panels = [sorted(group, key=lambda g: -g[0].value) for _key, group in sorted(groups.items(), key=lambda item: item[0]) if len(group) >= 2]
    if not panels:
        return None
    points = tuple(point for panel in panels for point, _source in panel)
    # the data are a release's only when every indicator drawn is as it froze them ("2024.3+updates" otherwise)
    drawn = sorted({(versions or {}).get(point.indicator, "") for panel in panels for point, _source in panel}, key=lambda v: ("+" in v, v))
    subtitle = (sources_line(cat, {source for panel in panels for _point, source in panel}), site_line(cat, drawn[-1]))
    return Chart(f"area-{area_id}", "area", f"{area.title}：可以并列比较的最新值", subtitle, "", points, picture=False)


def _frame(points: tuple[Point, ...], wrap: int = 0) -> Any:
    import pandas as pd

    return pd.DataFrame(
        [{"项目": p.label, "标签": wrapped(p.label, wrap), "数值": p.value, "显示": p.display, "类型": p.kind, "时期": p.period} for p in points]
    )


LINES = "split(datum.label, '\\n')"  # a wrapped label drawn as lines (Vega draws an array of strings as lines)


def _title(chart: Chart) -> Any:
    """The title and the source lines, broken into lines as wide as a phone's chart (Vega draws a list as
    lines); the wide drawing, which is also the picture, ends with the page's address."""
    import altair as alt

    width = SIZES[chart.layout].line
    title = wrapped(chart.title, width).split("\n")
    lines = (*chart.subtitle, chart.address) if chart.address and chart.layout == "wide" else chart.subtitle
    subtitle = [part for line in lines for part in wrapped(line, width).split("\n")]
    return alt.Title(title if len(title) > 1 else title[0], subtitle=subtitle) if subtitle else alt.Title(title if len(title) > 1 else title[0])


def _colour(chart: Chart) -> Any:
    """Bars coloured by their marks (原文数, 推算值, 由文字推断, 下限值 …: schema's colours), with a legend when any is marked."""
    import altair as alt

    present, colours = {p.kind for p in chart.points}, dict(COLOURS)
    kinds = [k for k in colours if k in present] + sorted(present - set(colours))
    legend = alt.Legend(columns=1 if chart.layout != "wide" else alt.Undefined) if kinds != [STATED] else None
    return alt.Color("类型:N", scale=alt.Scale(domain=kinds, range=[colours.get(k, BAR) for k in kinds]), legend=legend)


def _rank(chart: Chart) -> Any:
    """A rank as text, one per period: '第1名（同考核单元，…）' (a bar would make a worse rank look bigger).
    The text stands at the top of the plot, which is as tall as its lines."""
    import altair as alt

    size = SIZES[chart.layout]
    font = size.title + 3
    frame = _frame(chart.points, size.wrap)
    frame["行"] = [wrapped(d, 12 if chart.layout == "wide" else 10) for d in frame["显示"]]
    lines = max(str(v).count("\n") + 1 for v in frame["行"])
    axis = alt.Axis(domain=False, ticks=False, labelAngle=0, labelAlign="center", labelBaseline="top", labelExpr=LINES, labelLineHeight=size.text + 3)
    x = alt.X("标签:N", sort=None, title=None, axis=axis)
    text = alt.Chart(frame).transform_calculate(lines="split(datum['行'], '\\n')")
    text = text.mark_text(fontSize=font, fontWeight="bold", color=BAR, baseline="top", lineHeight=font + 6, aria=False)
    tooltip = [alt.Tooltip("项目:N", title="时期"), alt.Tooltip("显示:N", title="名次")]
    return text.encode(x=x, y=alt.value(4), text="lines:N", tooltip=tooltip).properties(width=size.width, height=lines * (font + 6) + 8, title=_title(chart))


def _tooltip(chart: Chart, name: str) -> list[Any]:
    import altair as alt

    return [alt.Tooltip("项目:N", title=name), alt.Tooltip("显示:N", title=f"数值（{chart.unit}）"), alt.Tooltip("类型:N", title="标记")]


def tick_text(value: float) -> str:
    """A tick's label as the axis writes it (d3's ~r: no trailing zeros, no exponent)."""
    return format(Decimal(repr(value)).normalize(), "f")


def ticks(top: float, whole: bool, room: float, label: Callable[[str], float], most: int) -> list[float]:
    """Tick values from 0 to the first tick at or past ``top``, in steps of 1, 2 or 5 times a power of ten
    (whole steps for counts): the smallest step that makes at most ``most`` steps and gives every label
    (``label(text)``: its size along the axis with a gap, in px) its share of the axis's length ``room``."""
    if top <= 0:
        return [0, 1]
    power = math.floor(math.log10(top / most))
    steps = [m * 10.0**e for e in range(power, power + 4) for m in (1, 2, 5)]
    for step in (s for s in steps if s >= 1 or not whole):
        count = math.ceil(top / step - 1e-9)
        values = [round(i * step, 10) for i in range(count + 1)]
        if count <= most and max(label(tick_text(v)) for v in values) * count <= room:
            return values
    return [0, round(steps[-1] * math.ceil(top / steps[-1]), 10)]


def _value_scale(chart: Chart, unit: str, top: float, room: float, across: bool) -> tuple[Any, Any]:
    """The value axis and scale of a chart whose values start at 0: labels that never run together at the
    width they are drawn (``room`` px along the axis; ``across``: a horizontal axis, where a label takes its
    text's width), whole steps for counts, a share from 0 to 100."""
    import altair as alt

    size = SIZES[chart.layout]
    wide = chart.layout == "wide"
    label = (lambda text: len(text) * size.text * 0.6 + 10) if across else (lambda text: size.text + 6)
    values = ticks(100 if unit in schema.SHARE_UNITS else top, _whole(unit), room, label, 5 if wide else 3)
    axis = alt.Axis(format="~r", values=values, labelOverlap=True, labelSeparation=4)
    return axis, alt.Scale(domain=[0, values[-1]], nice=False)


def _items(chart: Chart) -> Any:
    """Bars by breakdown item, labelled with their values."""
    import altair as alt

    size = SIZES[chart.layout]
    frame = _frame(chart.points, size.wrap)
    axis, scale = _value_scale(chart, chart.unit, frame["数值"].max(), size.bar_width, across=True)
    x = alt.X("数值:Q", title=chart.unit, axis=axis, scale=scale)
    y = alt.Y("标签:N", sort=None, title=None, axis=alt.Axis(labelExpr=LINES, labelLineHeight=size.text + 3))
    base = alt.Chart(frame).encode(x=x, y=y)
    step = (size.text + 3) * max(str(v).count("\n") + 1 for v in frame["标签"]) + 12
    bars = base.mark_bar(height=min(22, step - 8), aria=False).encode(color=_colour(chart), tooltip=_tooltip(chart, "分项"))
    text = base.mark_text(align="left", dx=4, color=TEXT, fontSize=size.text, aria=False).encode(text=alt.Text("显示:N"))
    return alt.layer(bars, text).properties(width=size.bar_width, height=alt.Step(max(34, step)), title=_title(chart))


def _many(chart: Chart, periods: int) -> bool:
    """Whether a chart has too many periods for their labels to stand upright side by side."""
    return periods > (6 if chart.layout == "wide" else 3)


def _period_axis(chart: Chart, periods: int) -> Any:
    """The periods: side by side and wrapped to their column's width when few; when many, slanted on one
    line on a desktop, upright and thinned on a phone."""
    import altair as alt

    size = SIZES[chart.layout]
    if _many(chart, periods) and chart.layout == "wide":
        return alt.X("项目:N", sort=None, title=None, axis=alt.Axis(labelAngle=-45, labelAlign="right"))
    upright = {"labelAngle": -90, "labelAlign": "right", "labelBaseline": "middle", "labelOverlap": "parity"}
    side_by_side = {"labelAngle": 0, "labelAlign": "center", "labelBaseline": "top", "labelOverlap": False}
    axis = alt.Axis(labelExpr=LINES, labelLineHeight=size.text + 3, **(upright if _many(chart, periods) else side_by_side))
    return alt.X("标签:N", sort=None, title=None, axis=axis)


def _over_periods(chart: Chart, marks: Callable[[Any, int], Any]) -> Any:
    """A chart over periods: the ``marks`` (of the base chart and the number of periods), labelled with
    their values when there are few enough for the layout (else the table under the chart and the tooltip give each)."""
    import altair as alt

    size = SIZES[chart.layout]
    # period labels side by side wrap to the width of their column (upright ones have the height for theirs)
    band = size.width // max(1, len(chart.points))
    frame = _frame(chart.points, size.wrap if _many(chart, len(chart.points)) else max(4, min(size.wrap, band // size.text - 1)))
    if chart_kind_named(chart.kind).zero:
        axis, scale = _value_scale(chart, chart.unit, frame["数值"].max(), size.height, across=False)
    else:  # a line's scale fits its values: Vega's own ticks, never overlapping
        axis, scale = alt.Axis(format="~r", labelOverlap=True, labelSeparation=4), alt.Scale(zero=False)
    base = alt.Chart(frame).encode(x=_period_axis(chart, len(frame)), y=alt.Y("数值:Q", title=chart.unit, axis=axis, scale=scale))
    drawn = marks(base, len(frame))
    if len(frame) > size.labels_on_bars:
        return drawn.properties(width=size.width, height=size.height, title=_title(chart))
    text = base.mark_text(dy=-8, color=TEXT, fontSize=size.text, aria=False).encode(text=alt.Text("显示:N"))
    return alt.layer(drawn, text).properties(width=size.width, height=size.height, title=_title(chart))


def _columns(chart: Chart) -> Any:
    """Columns over periods, coloured by their marks."""
    width = SIZES[chart.layout].width
    return _over_periods(
        chart, lambda base, n: base.mark_bar(size=min(48, width * 5 // 6 // n), aria=False).encode(color=_colour(chart), tooltip=_tooltip(chart, "时期"))
    )


def _line(chart: Chart) -> Any:
    """A line over periods, each value a point; its scale fits the values (it need not start at 0)."""
    import altair as alt

    point = alt.OverlayMarkDef(color=BAR, size=60, aria=False)
    return _over_periods(chart, lambda base, n: base.mark_line(color=BAR, point=point, aria=False).encode(tooltip=_tooltip(chart, "时期")))


def _area(chart: Chart) -> Any:
    import altair as alt

    size = SIZES[chart.layout]
    panels = []
    for panel in dict.fromkeys(p.panel for p in chart.points):
        points = tuple(p for p in chart.points if p.panel == panel)
        unit = points[0].unit
        frame = _frame(points, size.wrap)
        width = size.bar_width if chart.layout != "wide" else 300
        axis, scale = _value_scale(chart, unit, frame["数值"].max(), width, across=True)
        x = alt.X("数值:Q", title=unit, axis=axis, scale=scale)
        y = alt.Y(
            "标签:N",
            sort=None,
            title=None,
            axis=alt.Axis(labelFontSize=size.text + (1 if chart.layout == "wide" else 0), labelExpr=LINES, labelLineHeight=size.text + 3),
        )
        tooltip = [
            alt.Tooltip("项目:N", title="指标"),
            alt.Tooltip("显示:N", title="最新值"),
            alt.Tooltip("时期:N", title="时期"),
            alt.Tooltip("类型:N", title="标记"),
        ]
        base = alt.Chart(frame).encode(x=x, y=y)
        bars = base.mark_bar(height=18, aria=False).encode(color=_colour(chart), tooltip=tooltip)
        text = base.mark_text(align="left", dx=4, color=TEXT, fontSize=size.text, aria=False).encode(text="显示:N")
        step = (size.text + 3) * max(str(v).count("\n") + 1 for v in frame["标签"]) + 8
        title = wrapped(panel, size.line or 26).split("\n")
        # on a desktop the bars, not the source line, set the chart's width: the browser measures a text a few
        # pixels unlike vl-convert, and the live chart must not jump
        panels.append(alt.layer(bars, text).properties(width=width, height=alt.Step(max(26, step)), title=alt.Title(title, fontSize=size.text + 1)))
    return alt.vconcat(*panels).resolve_scale(x="independent").properties(title=_title(chart))


class ChartKind(NamedTuple):
    """A kind of chart: its name, the function that makes its Altair chart, and which indicators it draws
    (``of``; by default those whose data/indicators/*.yaml says ``chart: <name>``, for the names
    ``schema.CHART_KINDS`` lets staff choose); the first kind that takes an indicator draws it. A rank
    is ordinal: its chart writes each rank as the site words it, and its title has no unit. ``zero``:
    its value scale starts at 0 (a share's runs to 100); a line's fits its values. ``dated``: the title
    names the period, which its bars do not show."""

    name: str
    draw: Callable[[Chart], Any]
    of: Callable[[Indicator], bool] | None = None
    ordinal: bool = False
    zero: bool = True
    dated: bool = False  # its bars name no period: the title names the one they share

    def takes(self, ind: Indicator) -> bool:
        return self.of(ind) if self.of else ind.chart == self.name


CHART_KINDS = (
    ChartKind("rank", _rank, of=lambda ind: ind.unit in schema.RANK_UNITS, ordinal=True),
    ChartKind("items", _items, of=lambda ind: any(o.breakdown for o in ind.observations), dated=True),
    ChartKind("bar", _columns),
    ChartKind("line", _line, zero=False),
    ChartKind("area", _area, of=lambda ind: False),  # an area's overview (``area_chart``), never an indicator's
)


def chart_kind_named(name: str) -> ChartKind:
    return next(k for k in CHART_KINDS if k.name == name)


def chart_kind_of(ind: Indicator) -> ChartKind:
    """The kind of an indicator's chart (ValueError when none takes it: a name of schema.CHART_KINDS without its ChartKind)."""
    found = next((k for k in CHART_KINDS if k.takes(ind)), None)
    if found is None:
        raise ValueError(f"no chart kind draws {ind.id} (chart: {ind.chart}): add a ChartKind named {ind.chart!r} to specs.CHART_KINDS")
    return found


def spec(chart: Chart, validate: bool = False) -> dict[str, Any]:
    """The chart's Vega-Lite spec, made by Altair, data inline. Builds skip Altair's schema validation
    (a third of the time it takes); the tests validate the spec of every chart kind."""
    made = chart_kind_named(chart.kind).draw(chart)
    return made.configure(**config(SIZES[chart.layout])).to_dict(validate=validate)
