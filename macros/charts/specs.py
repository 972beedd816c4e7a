"""Every chart, defined once with Altair from a pandas DataFrame.

``indicator_chart`` and ``area_chart`` turn catalog objects into plain chart inputs (what a
chart shows, picklable, the key of its cache entry); ``spec`` makes the Altair chart of an
input and returns its Vega-Lite JSON. That one spec is drawn at build time (``render``) and
live in the browser, so the static and the interactive chart cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from macros.data import schema
from macros.data.catalog import SHOWN_PERIODS, Catalog, Indicator
from macros.data.formatting import chart_value, flag_label, period_text, value_text

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
TEXT = "#1a1a1a"
BAR = "#1f4e79"  # 8.9:1 on white
DERIVED = "#6b8fb5"  # 3.4:1 on white, for derived values (graphics need 3:1)
WORDING = "#8a6d3b"  # 5.1:1 on white, for values read from words
STATED = "原文数"
COLOURS = {STATED: BAR, "推算值": DERIVED, "由文字推断": WORDING}
SITE = "商河县科技统计数据"
CONFIG: dict[str, Any] = {
    "font": FONT,
    "aria": False,  # the page gives each chart one Chinese description; Vega's own are English (marks say aria=False too)
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": TEXT, "titleColor": TEXT, "grid": False, "labelLimit": 0, "labelOverlap": False},
    "legend": {"labelFontSize": 12, "labelColor": TEXT, "orient": "bottom", "title": None},
    "title": {"fontSize": 14, "subtitleFontSize": 11, "color": TEXT, "subtitleColor": "#444444", "anchor": "start", "offset": 10},
    "locale": {"number": {"decimal": ".", "thousands": "", "grouping": [3], "currency": ["¥", ""]}},
}


@dataclass(frozen=True)
class Point:
    label: str  # the period, the breakdown item or the indicator
    value: float
    display: str  # the value as shown: 6.02, 500+
    kind: str  # 原文数, 推算值 …
    period: str = ""  # an area chart's point: its period
    panel: str = ""  # an area chart's point: its unit, one panel each


@dataclass(frozen=True)
class Chart:
    """What one chart shows: plain data, the input of ``spec`` and the key of its cache entry."""

    name: str  # file stem: the indicator id, or area-<id>
    kind: Literal["column", "line", "bars", "area"]
    title: str
    subtitle: tuple[str, ...]  # lines under the title: the source, the site
    unit: str  # an indicator's unit; an area chart has one per panel
    points: tuple[Point, ...]
    picture: bool  # also drawn as a PNG for download


def _whole(unit: str) -> bool:
    return unit in schema.COUNT_UNITS | schema.RANK_UNITS


def indicator_chart(cat: Catalog, ind: Indicator) -> Chart:
    """An indicator's chart: columns (or a line) over its periods, or bars by breakdown item."""
    kind: Literal["column", "line", "bars"] = "bars" if any(o.breakdown for o in ind.observations) else "line" if ind.chart == "line" else "column"
    titles = [cat.sources[s].title for s in sorted({o.source for o in ind.observations}, key=lambda s: (cat.sources[s].year, s))]
    # a chart names at most two documents: a series kept up for years has a report a year, all listed on the page
    sources = "、".join(f"《{t}》" for t in titles) if len(titles) <= 2 else f"《{titles[0]}》至《{titles[-1]}》等{len(titles)}份文件"
    points = tuple(Point(o.breakdown or period_text(o), float(o.value), chart_value(o, ind), flag_label(o) or STATED) for o in ind.recent)
    shown = () if ind.shown_from is None else (f"图中为最近 {SHOWN_PERIODS} 期，共 {len(ind.periods)} 期的全部数据见本站下载",)
    return Chart(ind.id, kind, f"{ind.title}（{ind.unit}）", (*shown, f"来源：{sources}", SITE), ind.unit, points, picture=True)


def area_chart(cat: Catalog, area_id: str) -> Chart:
    """An area's overview: the latest value of each indicator, largest first, one panel per unit.
    Ranks are left out (a longer bar would mean a worse rank)."""
    area = cat.areas[area_id]
    shown = [i for i in cat.area_indicators(area_id) if i.headline is not None and i.unit not in schema.RANK_UNITS]
    points = tuple(
        Point(i.title, float(i.headline.value), value_text(i.headline, i.decimals), STATED, period_text(i.headline), i.unit)  # type: ignore[union-attr]
        for i in sorted(shown, key=lambda i: (list(schema.UNITS).index(i.unit), -i.headline.value))  # type: ignore[union-attr]
    )
    return Chart(f"area-{area_id}", "area", f"{area.title}：各指标最新值", (), "", points, picture=False)


def _frame(points: tuple[Point, ...]) -> Any:
    import pandas as pd

    return pd.DataFrame([{"项目": p.label, "数值": p.value, "显示": p.display, "类型": p.kind, "时期": p.period} for p in points])


def _title(chart: Chart) -> Any:
    import altair as alt

    return alt.Title(chart.title, subtitle=list(chart.subtitle)) if chart.subtitle else alt.Title(chart.title)


def _indicator(chart: Chart) -> Any:
    import altair as alt

    frame = _frame(chart.points)
    kinds = [k for k in COLOURS if k in set(frame["类型"])] + sorted(set(frame["类型"]) - set(COLOURS))
    colour = alt.Color("类型:N", scale=alt.Scale(domain=kinds, range=[COLOURS.get(k, BAR) for k in kinds]), legend=alt.Legend() if kinds != [STATED] else None)
    tooltip = [alt.Tooltip("项目:N", title="时期" if chart.kind != "bars" else "分项"), alt.Tooltip("显示:N", title=f"数值（{chart.unit}）"), alt.Tooltip("类型:N", title="标记")]
    value_axis = alt.Axis(format="~r", tickCount=5, **({"tickMinStep": 1} if _whole(chart.unit) else {}))
    top = frame["数值"].max()
    domain = [0, 100] if chart.unit in schema.SHARE_UNITS and chart.kind != "line" else [0, 1] if top == 0 else alt.Undefined
    value = alt.Y("数值:Q", title=chart.unit, axis=value_axis, scale=alt.Scale(domain=domain, zero=chart.kind != "line"))
    label = alt.Text("显示:N")
    if chart.kind == "bars":
        x = alt.X("数值:Q", title=chart.unit, axis=value_axis, scale=alt.Scale(domain=domain))
        y = alt.Y("项目:N", sort=None, title=None)
        base = alt.Chart(frame).encode(x=x, y=y)
        layers = [base.mark_bar(height=22, aria=False).encode(color=colour, tooltip=tooltip), base.mark_text(align="left", dx=4, color=TEXT, fontSize=12, aria=False).encode(text=label)]
        return alt.layer(*layers).properties(width=220, height=alt.Step(34), title=_title(chart))
    many = len(frame) > 6  # long runs of periods: labels slanted so that every one shows
    x = alt.X("项目:N", sort=None, title=None, axis=alt.Axis(labelAngle=-45 if many else 0, labelAlign="right" if many else "center"))
    base = alt.Chart(frame).encode(x=x, y=value)
    if chart.kind == "line":
        marks = base.mark_line(color=BAR, point=alt.OverlayMarkDef(color=BAR, size=60, aria=False), aria=False).encode(tooltip=tooltip)
    else:
        marks = base.mark_bar(size=min(48, 300 // len(frame)), aria=False).encode(color=colour, tooltip=tooltip)
    text = base.mark_text(dy=-8, color=TEXT, fontSize=12, aria=False).encode(text=label)
    return alt.layer(marks, text).properties(width=360, height=220, title=_title(chart))


def _area(chart: Chart) -> Any:
    import altair as alt

    panels = []
    for unit in dict.fromkeys(p.panel for p in chart.points):
        frame = _frame(tuple(p for p in chart.points if p.panel == unit))
        x = alt.X("数值:Q", title=unit, axis=alt.Axis(format="~r", tickCount=3, **({"tickMinStep": 1} if _whole(unit) else {})))
        y = alt.Y("项目:N", sort=None, title=None, axis=alt.Axis(labelFontSize=13))
        tooltip = [alt.Tooltip("项目:N", title="指标"), alt.Tooltip("显示:N", title=f"最新值（{unit}）"), alt.Tooltip("时期:N", title="时期")]
        base = alt.Chart(frame).encode(x=x, y=y)
        bars = base.mark_bar(color=BAR, height=18, aria=False).encode(tooltip=tooltip)
        text = base.mark_text(align="left", dx=4, color=TEXT, fontSize=12, aria=False).encode(text="显示:N")
        panels.append(alt.layer(bars, text).properties(width=150, height=alt.Step(26), title=f"单位：{unit}"))
    return alt.vconcat(*panels).resolve_scale(x="independent").properties(title=_title(chart))


def spec(chart: Chart, validate: bool = False) -> dict[str, Any]:
    """The chart's Vega-Lite spec, made by Altair, data inline. Builds skip Altair's schema validation
    (a third of the time it takes); the tests validate the spec of every chart kind."""
    made = _area(chart) if chart.kind == "area" else _indicator(chart)
    return made.configure(**CONFIG).to_dict(validate=validate)
