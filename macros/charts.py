"""Charts: the static pictures (drawn by ``drawing``) and the Vega-Lite specs Vega draws on demand.

The specs are plain dicts: Altair took 35–200 ms to build the same JSON, and its import 0.3 s a build.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from macros import drawing, schema
from macros.cache import start_many
from macros.catalog import Indicator
from macros.drawing import FONT, TEXT
from macros.formatting import flag_label, period_text, value_text

BAR = "#1f4e79"  # 8.9:1 on white
DERIVED = "#6b8fb5"  # 3.4:1 on white, for derived values (graphics need 3:1)
CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": TEXT, "titleColor": TEXT, "grid": False, "labelLimit": 260},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": TEXT, "titleColor": TEXT, "orient": "bottom"},
    "title": {"fontSize": 13, "color": TEXT, "anchor": "start"},
    "locale": {
        "number": {"decimal": ".", "thousands": "", "grouping": [3], "currency": ["¥", ""]},
    },
}


def _rows(indicator: Indicator) -> list[dict[str, Any]]:
    return [
        {
            "时期": period_text(o) if not o.breakdown else o.breakdown,
            "数值": float(o.value),
            "显示": value_text(o, indicator.decimals),
            "标记": flag_label(o) or "原文数",
            "单位": indicator.unit,
        }
        for o in indicator.observations
    ]


def _colour(label: str) -> str:
    return DERIVED if label == "推算值" else BAR


def _labels(rows: list[dict[str, Any]]) -> list[str]:
    """The value types present, stated figures first: one colour each, and a legend when more than one."""
    present = {r["标记"] for r in rows}
    return [label for label in ("原文数", "推算值") if label in present] + sorted(present - {"原文数", "推算值"})


def _kind(indicator: Indicator) -> Literal["column", "line", "bars"]:
    return "bars" if any(o.breakdown for o in indicator.observations) else "line" if indicator.chart == "line" else "column"


def indicator_spec(indicator: Indicator) -> dict[str, Any]:
    """The Vega-Lite spec of an indicator's chart, data inline: what Vega draws when a reader points at it.

    Written as a plain dict (Altair took ~35 ms a chart to build the same spec).
    """
    rows = _rows(indicator)
    labels = _labels(rows)
    kind = _kind(indicator)
    step = 1 if indicator.unit in schema.COUNT_UNITS | schema.RANK_UNITS else None
    tooltip = [{"field": "时期", "type": "nominal", "title": "时期"}, {"field": "显示", "type": "nominal", "title": f"数值（{indicator.unit}）"}, {"field": "标记", "type": "nominal", "title": "标记"}]
    colour = {"field": "标记", "type": "nominal", "title": "数值类型", "scale": {"domain": labels, "range": [_colour(label) for label in labels]}, "legend": {"title": None} if len(labels) > 1 else None}
    value_axis = {"format": "~r", **({"tickMinStep": step} if step else {})}
    text = {"field": "显示", "type": "nominal"}
    if kind == "bars":
        x = {"field": "数值", "type": "quantitative", "title": indicator.unit, "axis": value_axis}
        y = {"field": "时期", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 150}}
        layer = [{"mark": {"type": "bar", "height": 22}, "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip}}, {"mark": {"type": "text", "align": "left", "dx": 4, "color": TEXT, "fontSize": 12}, "encoding": {"x": x, "y": y, "text": text}}]
        size = {"width": 220, "height": {"step": 34}}
    else:
        x = {"field": "时期", "type": "nominal", "sort": None, "title": None, "axis": {"labelAngle": 0, "labelLimit": 200}}
        if kind == "line":
            y = {"field": "数值", "type": "quantitative", "title": indicator.unit, "scale": {"zero": False}}
            first = {"mark": {"type": "line", "color": BAR, "point": {"color": BAR, "size": 60}}, "encoding": {"x": x, "y": y, "tooltip": tooltip}}
            size = {"width": 360}
        else:
            top = max(float(o.value) for o in indicator.observations)
            domain = [0, 100] if indicator.unit in schema.SHARE_UNITS else [0, 1] if top == 0 else None
            y = {"field": "数值", "type": "quantitative", "title": indicator.unit, "axis": value_axis, **({"scale": {"domain": domain}} if domain else {})}
            first = {"mark": {"type": "bar", "size": 48}, "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip}}
            size = {"width": 360, "height": 220}
        layer = [first, {"mark": {"type": "text", "dy": -8, "color": TEXT, "fontSize": 12}, "encoding": {"x": x, "y": y, "text": text}}]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "config": CONFIG,
        "data": {"values": rows},
        "layer": layer,
        "title": f"{indicator.title}（{indicator.unit}）",
        **size,
    }


def _picture(indicator: Indicator, subtitle: str, style: drawing.Style) -> drawing.Scene:
    rows = _rows(indicator)
    marks = tuple(drawing.Mark(r["时期"], r["数值"], r["显示"], _colour(r["标记"])) for r in rows)
    unit, kind = indicator.unit, _kind(indicator)
    panel = drawing.Panel(kind, marks, unit, integer=unit in schema.COUNT_UNITS | schema.RANK_UNITS, share=unit in schema.SHARE_UNITS and kind != "line")
    legend = [(label, _colour(label)) for label in _labels(rows)]
    return drawing.draw(f"{indicator.title}（{unit}）", [("", panel)], legend, subtitle, style)


def indicator_svg(indicator: Indicator, description: str) -> str:
    """The chart on the indicator's page, drawn at build time: readable with no JavaScript."""
    return drawing.svg(_picture(indicator, "", drawing.PAGE), description)


def start_pictures(charts: list[tuple[Indicator, str]]) -> Callable[[], list[tuple[str, bytes]]]:
    """Each (indicator, source line) as a picture on its own, SVG and a 1280 px PNG: title and
    source line drawn in, larger type. PNGs are cached by their SVG; missing ones are drawn by
    worker processes while the build goes on, and collected by calling the result."""
    scenes = [_picture(indicator, source_line, drawing.PRINT) for indicator, source_line in charts]
    svgs = [drawing.svg(scene) for scene in scenes]
    pngs = start_many("charts", [{"drawing": drawing_version(), "svg": svg} for svg in svgs], ".png", drawing.png, scenes)
    return lambda: list(zip(svgs, pngs(), strict=True))


@functools.cache
def drawing_version() -> str:
    """Changes when the drawing code changes, so cached pictures of an older design are not reused."""
    return hashlib.sha256(Path(drawing.__file__).read_bytes()).hexdigest()[:12]


def _area_units(indicators: list[Indicator]) -> list[str]:
    """Units with a latest value, in schema order; ranks are left out (a longer bar would mean a worse rank)."""
    return sorted({i.unit for i in indicators if i.headline is not None and i.unit not in schema.RANK_UNITS}, key=list(schema.UNITS).index)


def area_spec(title: str, indicators: list[Indicator]) -> dict[str, Any]:
    """Summary chart of an area: latest value of each indicator, one panel per unit (a plain dict, as Altair wrote it)."""
    panels = []
    for unit in _area_units(indicators):
        rows = [
            {"指标": i.title, "数值": float(i.headline.value), "显示": value_text(i.headline, i.decimals), "时期": period_text(i.headline)}  # type: ignore[union-attr]
            for i in indicators
            if i.unit == unit and i.headline is not None
        ]
        axis = {"format": "~r", "labelOverlap": "greedy", "tickCount": 3, **({"tickMinStep": 1} if unit in schema.COUNT_UNITS else {})}
        x = {"axis": axis, "field": "数值", "title": unit, "type": "quantitative"}
        y = {"axis": {"labelFontSize": 13, "labelLimit": 150}, "field": "指标", "sort": "-x", "title": None, "type": "nominal"}
        tooltip = [{"field": field, "type": "nominal"} for field in ("指标", "显示", "时期")]
        bars = {"mark": {"type": "bar", "color": BAR, "height": 18}, "encoding": {"tooltip": tooltip, "x": x, "y": y}}
        text = {"mark": {"type": "text", "align": "left", "color": TEXT, "dx": 4, "fontSize": 12}, "encoding": {"text": {"field": "显示", "type": "nominal"}, "x": x, "y": y}}
        panels.append({"layer": [bars, text], "data": {"values": rows}, "height": {"step": 26}, "title": f"单位：{unit}", "width": 150})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
        "config": {**CONFIG, "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None}},
        "vconcat": panels,
        "resolve": {"scale": {"x": "independent"}},
        "title": f"{title}：各指标最新值",
    }


def area_svg(title: str, indicators: list[Indicator], description: str) -> str:
    """The area's summary chart at build time: latest value of each indicator, one panel per unit."""
    panels = []
    for unit in _area_units(indicators):
        latest = sorted((i for i in indicators if i.unit == unit and i.headline is not None), key=lambda i: -float(i.headline.value))  # type: ignore[union-attr]
        marks = tuple(drawing.Mark(i.title, float(i.headline.value), value_text(i.headline, i.decimals), BAR) for i in latest)  # type: ignore[union-attr]
        panels.append((f"单位：{unit}", drawing.Panel("bars", marks, unit, integer=unit in schema.COUNT_UNITS, share=unit in schema.SHARE_UNITS)))
    return drawing.svg(drawing.draw(f"{title}：各指标最新值", panels, []), description)
