"""Charts: Altair builds a Vega-Lite spec; vl-convert renders it to SVG, cached by spec hash."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import altair as alt

from macros import schema
from macros.cache import cached
from macros.catalog import Indicator
from macros.formatting import flag_label, period_text, value_text

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
BAR = "#1f4e79"  # 8.9:1 on white
DERIVED = "#6b8fb5"  # 3.4:1 on white, for derived values (graphics need 3:1)
TEXT = "#1a1a1a"
SPEC_VERSION = 1  # bump when the chart design changes, so cached specs are rebuilt

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


@functools.lru_cache(maxsize=4096)
def _indicator_spec(indicator: Indicator) -> str:
    """The spec as JSON, cached on disk by the indicator's content (Altair takes ~35 ms a chart)."""
    key = {"v": SPEC_VERSION, "t": indicator.title, "u": indicator.unit, "c": indicator.chart, "d": indicator.decimals, "rows": _rows(indicator)}
    text = json.dumps(key, sort_keys=True, ensure_ascii=False)
    return _cached({"spec-of": text}, ".json", lambda: json.dumps(_build_spec(indicator), sort_keys=True, ensure_ascii=False).encode()).decode()


def indicator_spec(indicator: Indicator) -> dict[str, Any]:
    """The Vega-Lite spec of an indicator's chart, with its data inline (built once per indicator)."""
    return json.loads(_indicator_spec(indicator))


def _build_spec(indicator: Indicator) -> dict[str, Any]:
    rows = _rows(indicator)
    data = alt.Data(values=rows)
    present = {r["标记"] for r in rows}
    labels = [label for label in ("原文数", "推算值") if label in present] + sorted(present - {"原文数", "推算值"})
    by_label = any(o.breakdown for o in indicator.observations)
    tooltip = [alt.Tooltip("时期:N", title="时期"), alt.Tooltip("显示:N", title=f"数值（{indicator.unit}）"), alt.Tooltip("标记:N", title="标记")]
    colour = alt.Color(
        "标记:N",
        title="数值类型",
        scale=alt.Scale(domain=labels, range=[DERIVED if label == "推算值" else BAR for label in labels]),
        legend=alt.Legend(title=None) if len(labels) > 1 else None,
    )
    y_title = f"{indicator.unit}"
    step = 1 if indicator.unit in schema.COUNT_UNITS | schema.RANK_UNITS else alt.Undefined
    base = alt.Chart(data)
    if indicator.chart == "line" and not by_label:
        x = alt.X("时期:N", sort=None, title=None, axis=alt.Axis(labelAngle=0))
        y = alt.Y("数值:Q", title=y_title, scale=alt.Scale(zero=False))
        marks = base.mark_line(color=BAR, point=alt.OverlayMarkDef(color=BAR, size=60)).encode(x=x, y=y, tooltip=tooltip)
        labels = base.mark_text(dy=-10, color=TEXT, fontSize=12).encode(x=x, y=y, text="显示:N")
        chart = marks + labels
    elif by_label:
        y = alt.Y("时期:N", sort=None, title=None, axis=alt.Axis(labelLimit=150))
        x = alt.X("数值:Q", title=y_title, axis=alt.Axis(format="~r", tickMinStep=step))
        bars = base.mark_bar(height=22).encode(x=x, y=y, color=colour, tooltip=tooltip)
        labels = base.mark_text(align="left", dx=4, color=TEXT, fontSize=12).encode(x=x, y=y, text="显示:N")
        chart = (bars + labels).properties(height=alt.Step(34))
    else:
        x = alt.X("时期:N", sort=None, title=None, axis=alt.Axis(labelAngle=0, labelLimit=200))
        top = max(float(o.value) for o in indicator.observations)
        domain = [0, 100] if indicator.unit in schema.SHARE_UNITS else [0, 1] if top == 0 else alt.Undefined
        y = alt.Y("数值:Q", title=y_title, scale=alt.Scale(domain=domain), axis=alt.Axis(format="~r", tickMinStep=step))
        bars = base.mark_bar(size=48).encode(x=x, y=y, color=colour, tooltip=tooltip)
        labels = base.mark_text(dy=-8, color=TEXT, fontSize=12).encode(x=x, y=y, text="显示:N")
        chart = (bars + labels).properties(height=220)
    width = 220 if by_label else 360
    # the spec is built by our own code from fixed pieces: Altair's schema validation (50 ms a chart) adds nothing
    return chart.properties(width=width, title=f"{indicator.title}（{indicator.unit}）").configure(**CONFIG).to_dict(validate=False)


def area_spec(title: str, indicators: list[Indicator]) -> dict[str, Any]:
    """Summary chart of an area: latest value of each indicator, one panel per unit."""
    panels = []
    # ranks are left out: a longer bar would mean a worse rank
    units = sorted({i.unit for i in indicators if i.headline is not None and i.unit not in schema.RANK_UNITS}, key=list(schema.UNITS).index)
    for unit in units:
        rows = [
            {
                "指标": i.title,
                "数值": float(i.headline.value),
                "显示": value_text(i.headline, i.decimals),
                "时期": period_text(i.headline),
            }
            for i in indicators
            if i.unit == unit and i.headline is not None
        ]
        base = alt.Chart(alt.Data(values=rows))
        y = alt.Y("指标:N", sort="-x", title=None, axis=alt.Axis(labelLimit=150, labelFontSize=13))
        x = alt.X("数值:Q", title=unit, axis=alt.Axis(format="~r", tickCount=3, labelOverlap="greedy", tickMinStep=1 if unit in schema.COUNT_UNITS else alt.Undefined))
        bars = base.mark_bar(color=BAR, height=18).encode(x=x, y=y, tooltip=["指标:N", "显示:N", "时期:N"])
        text = base.mark_text(align="left", dx=4, color=TEXT, fontSize=12).encode(x=x, y=y, text="显示:N")
        panels.append((bars + text).properties(width=150, height=alt.Step(26), title=f"单位：{unit}"))
    return alt.vconcat(*panels).properties(title=f"{title}：各指标最新值").resolve_scale(x="independent").configure(**CONFIG).to_dict(validate=False)


def print_spec(spec: dict[str, Any], title: str, source_line: str) -> dict[str, Any]:
    """The chart for a picture on its own: title and source line drawn in, larger type."""
    out = json.loads(json.dumps(spec))
    out["title"] = {"text": title, "subtitle": source_line, "fontSize": 16, "subtitleFontSize": 11, "subtitleColor": "#444", "anchor": "start"}
    out["config"]["axis"] = {**out["config"]["axis"], "labelFontSize": 13, "titleFontSize": 13}
    out["padding"] = 16
    return out


def _cached(spec: dict[str, Any], suffix: str, render: Any) -> bytes:
    return cached("charts", spec, suffix, render)


def render_svg(spec: dict[str, Any]) -> str:
    """SVG of the spec; rendered once per distinct spec and kept in the cache."""
    import vl_convert  # imported here: only a cache miss needs the renderer

    return _cached(spec, ".svg", lambda: vl_convert.vegalite_to_svg(spec).encode()).decode("utf-8")


def render_png(spec: dict[str, Any], width: int = 1280) -> bytes:
    """PNG of the spec at least ``width`` pixels wide: its SVG rasterised (resvg), cached like the SVG."""
    import vl_convert

    def render() -> bytes:
        svg = render_svg(spec)
        svg_width = float(re.search(r'width="([0-9.]+)"', svg).group(1))  # type: ignore[union-attr]
        return vl_convert.svg_to_png(svg, scale=max(1.0, width / svg_width))

    return _cached({**spec, "_png_width": width}, ".png", render)
