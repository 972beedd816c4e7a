"""Charts drawn at build time by vl-convert: the spec's SVG (inline on the page, visible without
JavaScript) and a 1280 px PNG made from that SVG (download, og:image).

Drawings are kept in the cache under their chart input and the versions of the code, Altair,
vl-convert and the font that make them. Missing ones are drawn by a pool of worker processes,
one per core, when more than a few are missing; vl-convert draws one chart at a time per process.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from macros.cache import Cache, key_of
from macros.charts import specs

PNG_WIDTH = 1280
FONT_FAMILY = "Noto Sans CJK SC"
POOL_FROM = 4  # fewer missing drawings are made in this process: starting workers costs about a second


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Drawing:
    spec: dict[str, Any]
    svg: str
    png: bytes  # empty for charts drawn for the page only


def font_file() -> Path:
    """The system's Noto Sans CJK SC (Debian: fonts-noto-cjk): charts never fall back to boxes."""
    found = ""
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", FONT_FAMILY], capture_output=True, text=True, check=False).stdout
    family, _, path = found.partition("\t")
    if FONT_FAMILY not in family.split(",") or not Path(path).is_file():
        raise FontMissing(f"图表需要中文字体 {FONT_FAMILY}，请安装：apt-get install fonts-noto-cjk / Charts need the {FONT_FAMILY} font: apt-get install fonts-noto-cjk")
    return Path(path)


def maker(font: Path) -> list[str]:
    """What a drawing depends on besides its chart input: our chart code, Altair, vl-convert and the font."""
    code = [Path(m.__file__).read_text(encoding="utf-8") for m in (specs,) if m.__file__] + [Path(__file__).read_text(encoding="utf-8")]
    versions = [f"{p}={importlib.metadata.version(p)}" for p in ("altair", "vl-convert-python")]
    return [*code, *versions, f"{font}:{font.stat().st_size}"]


def start_worker(font_dir: str) -> None:
    """Each process registers the font once before drawing."""
    import vl_convert

    vl_convert.register_font_directory(font_dir)


def draw(chart: specs.Chart) -> tuple[bytes, bytes, bytes]:
    """The chart's spec (JSON), SVG and, for charts offered as pictures, a PNG made from the SVG."""
    import vl_convert

    spec = specs.spec(chart)
    svg = vl_convert.vegalite_to_svg(spec)
    png = b""
    if chart.picture:
        width = float(svg.split('width="', 1)[1].split('"', 1)[0])
        png = bytes(vl_convert.svg_to_png(svg, scale=PNG_WIDTH / width))
    return json.dumps(spec, ensure_ascii=False, sort_keys=True).encode("utf-8"), svg.encode("utf-8"), png


@dataclass
class Rendering:
    """Drawings under way: ``result()`` waits for them."""

    charts: list[specs.Chart]
    keys: list[str]
    cache: Cache
    pending: dict[int, Future[tuple[bytes, bytes, bytes]]]
    pool: ProcessPoolExecutor | None
    started: float
    missing: int
    workers: int
    drawn: dict[int, tuple[bytes, bytes, bytes]] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0

    def result(self) -> dict[str, Drawing]:
        for i, future in self.pending.items():
            self.drawn[i] = future.result()
            for part, data in zip(("spec", "svg", "png"), self.drawn[i], strict=True):
                self.cache.put("charts", f"{self.keys[i]}.{part}", data)
        if self.pending:
            self.seconds = time.perf_counter() - self.started
            self.pending = {}
            if self.pool is not None:
                self.pool.shutdown()
        out = {}
        for i, chart in enumerate(self.charts):
            spec, svg, png = self.drawn.get(i) or self._cached(i)
            out[chart.name] = Drawing(json.loads(spec), svg.decode("utf-8"), png)
        return out

    def _cached(self, i: int) -> tuple[bytes, bytes, bytes]:
        parts = [self.cache.get("charts", f"{self.keys[i]}.{part}") for part in ("spec", "svg", "png")]
        if any(p is None for p in parts):  # removed or damaged since the build began: draw it again here
            start_worker(str(font_file().parent))
            self.drawn[i] = draw(self.charts[i])
            return self.drawn[i]
        return parts[0], parts[1], parts[2]  # type: ignore[return-value]


def start(charts: list[specs.Chart], cache: Cache, workers: int | None = None) -> Rendering:
    """Begin drawing the charts that are not in the cache; the build goes on meanwhile."""
    font = font_file()
    made_by = maker(font)
    keys = [key_of(made_by, dataclasses.asdict(chart)) for chart in charts]
    missing = [i for i, key in enumerate(keys) if not all(cache.path("charts", f"{key}.{part}").is_file() for part in ("spec", "svg", "png"))]
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    pool = None
    workers = min(workers, len(missing)) if len(missing) > POOL_FROM else 1
    if workers > 1:
        # spawned, not forked: vl-convert runs threads of its own, and `mkdocs serve` builds beside a server thread
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=start_worker, initargs=(str(font.parent),))
        submit: Callable[[specs.Chart], Future[tuple[bytes, bytes, bytes]]] = lambda chart: pool.submit(draw, chart)  # noqa: E731
    else:
        if missing:
            start_worker(str(font.parent))
        submit = _now
    pending = {i: submit(charts[i]) for i in missing}
    return Rendering(charts, keys, cache, pending, pool, started, len(missing), workers)


def _now(chart: specs.Chart) -> Future[tuple[bytes, bytes, bytes]]:
    future: Future[tuple[bytes, bytes, bytes]] = Future()
    future.set_result(draw(chart))
    return future
