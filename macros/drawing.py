"""Chart pictures drawn by our own code: one layout of bars, lines and text, written as SVG or PNG.

A browser-grade renderer (vl-convert) took about 200 ms a chart. These charts are only bars,
lines and labels, so a small layout in Python draws one in well under a millisecond (SVG)
and a few milliseconds (PNG, with Pillow and the system's Noto Sans CJK).
"""

from __future__ import annotations

import functools
import io
import math
import re
import subprocess
from dataclasses import dataclass
from html import escape
from typing import Literal, NamedTuple

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#444444"
AXIS = "#767676"  # 4.5:1 on white
WIDTH = 400  # the layout's width; SVGs scale to their box, PNGs are drawn larger
WIDE = re.compile("[\u2010-\u206f\u2e80-\U0010ffff]")  # one em wide: CJK, full-width forms, curly quotes
LABEL_LIMIT = 150  # category labels longer than this (px) are shortened with …


@dataclass(frozen=True)
class Mark:
    """One value: its category label, number, display text and colour."""

    label: str
    value: float
    display: str
    colour: str


@dataclass(frozen=True)
class Panel:
    """One plot: columns or a line over time, or horizontal bars by category."""

    kind: Literal["column", "line", "bars"]
    marks: tuple[Mark, ...]
    unit: str
    integer: bool = False  # ticks on whole numbers (counts)
    share: bool = False  # a 0–100 % axis


@dataclass(frozen=True)
class Style:
    text: float = 12
    title: float = 13
    subtitle: float = 11
    pad: float = 8


PAGE = Style()
PRINT = Style(text=13, title=16, subtitle=11, pad=16)

class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    colour: str


class Text(NamedTuple):
    x: float
    y: float
    text: str
    size: float
    anchor: str  # start | middle | end
    colour: str
    bold: bool


class Line(NamedTuple):
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float


class Circle(NamedTuple):
    x: float
    y: float
    r: float
    colour: str


Item = Rect | Text | Line | Circle


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    items: tuple[Item, ...]


def text_width(text: str, size: float) -> float:
    """Width estimate: CJK characters and quotes are one em, Latin letters and digits a little over half."""
    return size * (0.58 * len(text) + 0.42 * len(WIDE.findall(text)))


def shorten(text: str, size: float, limit: float) -> str:
    """``text``, cut to fit ``limit`` with an ellipsis when it is wider."""
    if text_width(text, size) <= limit:
        return text
    width = text_width("…", size)
    for end, char in enumerate(text):
        width += text_width(char, size)
        if width > limit:
            return text[:end] + "…"
    return text


def nice_ticks(low: float, high: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if integer:
        step = max(1.0, round(step))
    first = math.floor(low / step + 1e-9) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def number_text(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def draw(title: str, panels: list[tuple[str, Panel]], legend: list[tuple[str, str]], subtitle: str = "", style: Style = PAGE) -> Scene:
    """Lay out a titled chart: panels one under another, then a legend when colours mean something."""
    s = style
    items: list[Item] = []
    y = s.pad
    names = [m.label for _, p in panels if p.kind == "bars" for m in p.marks]
    label_width = max((text_width(shorten(n, s.text, LABEL_LIMIT), s.text) for n in names), default=0)  # one label column for all panels
    for text, size, colour, bold in ((title, s.title, TEXT, True), (subtitle, s.subtitle, MUTED, False)):
        if text:
            items.append(Text(s.pad, y + size, shorten(text, size, WIDTH - 2 * s.pad), size, "start", colour, bold))
            y += size * 1.7
    for heading, panel in panels:
        if heading:
            items.append(Text(s.pad, y + s.text, heading, s.text, "start", TEXT, True))
            y += s.text * 1.8
        y = _bars(panel, y, s, items, label_width) if panel.kind == "bars" else _columns(panel, y, s, items)
    if len(legend) > 1:
        x = s.pad
        for label, colour in legend:
            items.append(Rect(x, y, s.text * 0.85, s.text * 0.85, colour))
            items.append(Text(x + s.text * 1.2, y + s.text * 0.8, label, s.text, "start", TEXT, False))
            x += s.text * 1.2 + text_width(label, s.text) + 18
        y += s.text * 1.6
    return Scene(WIDTH, math.ceil(y + s.pad), tuple(items))


def _columns(panel: Panel, top: float, s: Style, items: list[Item]) -> float:
    """Columns or a line over periods, with the y axis on the left and values over the marks."""
    values = [m.value for m in panel.marks]
    items.append(Text(s.pad, top + s.text, f"单位：{panel.unit}", s.text, "start", TEXT, False))
    top += s.text * 2.6  # the unit, then room for the value over the highest mark
    if panel.share:
        ticks = nice_ticks(0, 100, 5)
    elif panel.kind == "line":
        low, high = min(values), max(values)
        spread = (high - low) or abs(high) or 1
        ticks = nice_ticks(low - spread * 0.1, high + spread * 0.1, 4, panel.integer)
    else:
        ticks = nice_ticks(min(0, *values), max(values) or 1, 5, panel.integer)
    low, high = ticks[0], ticks[-1]
    labels = [number_text(t) for t in ticks]
    left = s.pad + max(text_width(t, s.text) for t in labels) + 8
    right, bottom = WIDTH - s.pad, top + 200

    def at(v: float) -> float:
        return bottom - (v - low) / (high - low) * (bottom - top)

    for tick, label in zip(ticks, labels, strict=True):
        items.append(Line(((left - 4, at(tick)), (left, at(tick))), AXIS, 1))
        items.append(Text(left - 6, at(tick) + s.text * 0.35, label, s.text, "end", TEXT, False))
    items.append(Line(((left, top), (left, bottom)), AXIS, 1))
    items.append(Line(((left, at(max(low, 0))), (right, at(max(low, 0)))), AXIS, 1))
    band = (right - left) / len(panel.marks)
    every = math.ceil(max(text_width(m.label, s.text) for m in panel.marks) / (band * 0.92))
    last = len(panel.marks) - 1
    centres = [left + band * (i + 0.5) for i in range(len(panel.marks))]
    if panel.kind == "line":
        items.append(Line(tuple((x, at(m.value)) for x, m in zip(centres, panel.marks, strict=True)), panel.marks[0].colour, 2))
    for i, (x, m) in enumerate(zip(centres, panel.marks, strict=True)):
        if panel.kind == "line":
            items.append(Circle(x, at(m.value), 3.5, m.colour))
        else:
            width = min(48, band * 0.7)
            base = at(max(low, 0))
            items.append(Rect(x - width / 2, min(at(m.value), base), width, abs(base - at(m.value)), m.colour))
        if text_width(m.display, s.text) <= band * 0.95 or i == last:
            items.append(Text(x, at(m.value) - 6, m.display, s.text, "middle", TEXT, False))
        if (last - i) % every == 0:
            items.append(Text(x, bottom + s.text + 4, m.label, s.text, "middle", TEXT, False))
    return bottom + s.text * 2.4


def _bars(panel: Panel, top: float, s: Style, items: list[Item], label_width: float) -> float:
    """Horizontal bars by category, labels on the left, values at the bar ends, unit on the axis."""
    names = [shorten(m.label, s.text, LABEL_LIMIT) for m in panel.marks]
    left = s.pad + label_width + 8
    right = WIDTH - s.pad - max(text_width(m.display, s.text) for m in panel.marks) - 6
    ticks = nice_ticks(0, 100, 4) if panel.share else nice_ticks(0, max(m.value for m in panel.marks) or 1, 3, panel.integer)
    high, row = ticks[-1], s.text * 2.1

    def at(v: float) -> float:
        return left + max(0.0, v) / high * (right - left)

    for i, (name, m) in enumerate(zip(names, panel.marks, strict=True)):
        middle = top + row * (i + 0.5)
        items.append(Text(left - 6, middle + s.text * 0.35, name, s.text, "end", TEXT, False))
        items.append(Rect(left, middle - s.text * 0.7, at(m.value) - left, s.text * 1.4, m.colour))
        items.append(Text(at(m.value) + 4, middle + s.text * 0.35, m.display, s.text, "start", TEXT, False))
    bottom = top + row * len(panel.marks)
    items.append(Line(((left, top), (left, bottom)), AXIS, 1))
    items.append(Line(((left, bottom), (right, bottom)), AXIS, 1))
    for tick in ticks:
        items.append(Line(((at(tick), bottom), (at(tick), bottom + 4)), AXIS, 1))
        items.append(Text(at(tick), bottom + s.text + 4, number_text(tick), s.text, "middle", TEXT, False))
    items.append(Text(right, bottom + s.text * 2.5 + 4, panel.unit, s.text, "end", TEXT, False))
    return bottom + s.text * 3.4


def svg(scene: Scene, label: str = "") -> str:
    """The scene as an SVG that scales to its box; ``label`` becomes its accessible name."""
    name = f'role="img" aria-label="{escape(label)}" ' if label else ""
    out = [
        f'<svg {name}xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width:g} {scene.height:g}" width="{scene.width:g}" height="{scene.height:g}"'
        f' font-family="{FONT}"><rect width="100%" height="100%" fill="#ffffff"/>'
    ]
    for item in scene.items:
        if isinstance(item, Rect):
            out.append(f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="{item.w:.1f}" height="{item.h:.1f}" fill="{item.colour}"/>')
        elif isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            out.append(
                f'<text x="{item.x:.1f}" y="{item.y:.1f}" font-size="{item.size:g}" text-anchor="{item.anchor}" fill="{item.colour}"{weight}>{escape(item.text)}</text>'
            )
        elif isinstance(item, Line):
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in item.points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{item.colour}" stroke-width="{item.width:g}"/>')
        else:
            out.append(f'<circle cx="{item.x:.1f}" cy="{item.y:.1f}" r="{item.r:g}" fill="{item.colour}"/>')
    return "".join(out) + "</svg>"


# PNG: a palette image. Indices 0–239 run from the text colour to white, so Pillow's smoothed
# text (blended by index) lands on the right grey; other colours get their own index. This
# is several times faster to draw and encode than an RGB image, and the file is smaller.
RAMP = 239


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette(colours: list[str]) -> tuple[list[int], dict[str, int]]:
    dark = _rgb(TEXT)[0]
    palette = [round(dark + (255 - dark) * i / RAMP) for i in range(RAMP + 1) for _ in range(3)]
    index: dict[str, int] = {}
    for colour in colours:
        r, g, b = _rgb(colour)
        if r == g == b and r >= dark:
            index[colour] = round((r - dark) / (255 - dark) * RAMP)
        elif colour not in index:
            index[colour] = len(palette) // 3
            palette += [r, g, b]
    return palette, index


@functools.cache
def font_file(bold: bool = False) -> tuple[str, int]:
    """Noto Sans CJK SC from the system (Debian: fonts-noto-cjk), as (file, face index)."""
    pattern = "Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC"
    found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern], capture_output=True, text=True, check=False).stdout
    family, _, rest = found.partition("\t")
    if "Noto Sans CJK SC" not in family:
        raise RuntimeError("图表图片需要中文字体 Noto Sans CJK SC：apt-get install fonts-noto-cjk / Chart pictures need the Noto Sans CJK SC font: apt-get install fonts-noto-cjk")
    path, _, index = rest.partition("\t")
    return path, int(index or 0)


@functools.cache
def _font(size: int, bold: bool) -> object:
    from PIL import ImageFont

    path, index = font_file(bold)
    return ImageFont.truetype(path, size, index=index)


def png(scene: Scene, width: int = 1280) -> bytes:
    """The scene as a PNG ``width`` pixels wide."""
    from PIL import Image, ImageDraw

    k = width / scene.width
    palette, index = _palette(["#ffffff", *(item.colour for item in scene.items)])
    image = Image.new("P", (width, math.ceil(scene.height * k)), index["#ffffff"])
    image.putpalette(palette)
    pen = ImageDraw.Draw(image)
    pen.fontmode = "L"  # smoothed text, blended along the ramp
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for item in scene.items:
        fill = index[item.colour]
        if isinstance(item, Rect):
            if item.w > 0 and item.h > 0:
                pen.rectangle((item.x * k, item.y * k, (item.x + item.w) * k - 1, (item.y + item.h) * k - 1), fill=fill)
        elif isinstance(item, Text):
            pen.text((item.x * k, item.y * k), item.text, font=_font(round(item.size * k), item.bold), fill=fill, anchor=anchors[item.anchor])
        elif isinstance(item, Line):
            pen.line([(x * k, y * k) for x, y in item.points], fill=fill, width=max(1, round(item.width * k)), joint="curve")
        else:
            pen.ellipse((k * (item.x - item.r), k * (item.y - item.r), k * (item.x + item.r), k * (item.y + item.r)), fill=fill)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)  # level 6 takes twice as long for 15 % smaller files
    return out.getvalue()
