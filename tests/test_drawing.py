"""The chart pictures drawn at build time: right scale, every value labelled, same picture as SVG and PNG."""

from __future__ import annotations

import io
import re

from PIL import Image

from macros import charts, drawing
from macros.formatting import value_text


def test_ticks_are_round_and_cover_the_values() -> None:
    for low, high, integer in ((0, 95, True), (0, 6.02, False), (0.68, 125.9, False), (10.7, 10.7, False), (0, 3, True)):
        ticks = drawing.nice_ticks(low, high, 5, integer)
        assert ticks[0] <= low and ticks[-1] >= high, (low, high, ticks)
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert len(steps) == 1, ticks
        step = steps.pop()
        assert re.fullmatch(r"[125]0*|0\.0*[125]", drawing.number_text(step)), step
        assert not integer or step >= 1


def test_long_labels_are_shortened_to_the_limit() -> None:
    name = "乡村绿洲（山东）农业科技股份有限公司（山东省重点研发计划）"
    short = drawing.shorten(name, 12, drawing.LABEL_LIMIT)
    assert short.endswith("…") and name.startswith(short[:-1])
    assert drawing.text_width(short, 12) <= drawing.LABEL_LIMIT
    assert drawing.shorten("研发费用", 12, drawing.LABEL_LIMIT) == "研发费用"


def test_every_value_is_labelled_on_page_and_picture(catalog) -> None:
    for ind in catalog.indicators.values():
        page = charts.indicator_svg(ind, "说明")
        ((svg, png),) = charts.start_pictures([(ind, "来源：测试")])()
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert page.startswith('<svg role="img" aria-label="说明"'), ind.id
        for o in ind.observations:
            display = value_text(o, ind.decimals)
            assert display in texts, (ind.id, display)
        assert f"{ind.title}（{ind.unit}）" in texts and "来源：测试" in texts
        image = Image.open(io.BytesIO(png))
        assert image.width == 1280


def test_png_draws_the_bars_in_their_colour(catalog) -> None:
    ind = catalog.indicators["tech-contracts"]
    ((_svg, png),) = charts.start_pictures([(ind, "来源：测试")])()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {colour for _count, colour in image.getcolors(1 << 16)}
    assert drawing._rgb(charts.BAR) in colours, "the bar is drawn"
    assert any(max(c) < 80 for c in colours), "dark text is drawn"
    assert any(80 < c[0] == c[1] == c[2] < 240 for c in colours), "text edges are smoothed"


def test_pictures_drawn_by_worker_processes_are_the_same(catalog, tmp_path, monkeypatch) -> None:
    """A cold build draws missing PNGs in one process per core; the bytes must not depend on that."""
    from macros import cache

    charts_in = [(ind, "来源：测试") for ind in list(catalog.indicators.values())[:6]]
    monkeypatch.setattr(cache, "CACHE_ROOT", tmp_path / "serial")
    serial = charts.start_pictures(charts_in)()
    monkeypatch.setattr(cache, "CACHE_ROOT", tmp_path / "parallel")
    monkeypatch.setattr(cache, "PARALLEL_FROM", 2)
    parallel = charts.start_pictures(charts_in)()
    assert parallel == serial
    assert len(list((tmp_path / "parallel" / "charts").glob("*.png"))) == len(charts_in)
