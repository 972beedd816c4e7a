"""Charts drawn at build time by vl-convert: the spec's SVG (a file the page shows as a picture,
visible without JavaScript) and, for a chart offered as a picture, a 1280 px PNG made from that SVG
(download, og:image).

Drawings are kept in the cache under their chart input and the versions of the code, Altair,
vl-convert and the font that make them. Missing ones are drawn by a pool of worker processes, one per
core (vl-convert draws one chart at a time per process, holding the interpreter), while the build goes
on; `mkdocs serve` draws a few in its own process, where vl-convert stays warm from build to build.
A page waits only for its own drawings (``Rendering.drawing``), so pages are made while the rest are drawn.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from pathlib import Path
from xml.etree import ElementTree

from macros.cache import Cache, Stored, key_of, version_of
from macros.charts import fonts, specs
from macros.data import schema

PNG_WIDTH = 1280
SUBSET_FROM = 50  # drawings that pay for making the font subset (about 2 s while the workers start; it saves about 50 ms a drawing)
POOL_FROM = 5  # `mkdocs serve` draws fewer missing charts in its own process, where vl-convert stays warm between builds
Drawn = tuple[bytes, bytes, bytes]  # a drawing as a worker returns it: spec (JSON), SVG, PNG


@dataclass(frozen=True)
class Drawing:
    spec: str  # the Vega-Lite spec as compact JSON with sorted keys
    svg: str
    png: Stored  # kept on disk in the cache; empty for charts drawn for the page only

    @functools.cached_property
    def size(self) -> tuple[int, int]:
        """The drawing's width and height in whole CSS pixels (a page's <img> and <source>)."""
        width, height = dimensions(self.svg)
        return math.ceil(width), math.ceil(height)


def dimensions(svg: str) -> tuple[float, float]:
    """An SVG's own width and height, from its root element (read without parsing the rest)."""
    parser = ElementTree.XMLPullParser(("start",))
    for start in range(0, len(svg), 2048):
        parser.feed(svg[start : start + 2048])
        for _event, root in parser.read_events():
            return float(root.attrib["width"]), float(root.attrib["height"])
    raise ValueError("an SVG without a root element")


# what a drawing depends on besides its chart input and the font: the chart code (with the units it reads
# from the schema) as imported, Altair, pandas and vl-convert
MAKER = version_of([specs.__file__, schema.__file__, fonts.__file__, __file__], ["altair", "pandas", "vl-convert-python"])


def cores() -> int:
    """The processors this process may run on (in a container, fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_context() -> BaseContext:
    """Workers started as new interpreters that import the chart code themselves, side by side: never
    forked from the build (vl-convert runs threads of its own, and `mkdocs serve` builds beside a server
    thread), and no fork server kept beside them (its memory would be counted again in theirs)."""
    return get_context("spawn")


@functools.cache  # vl-convert's font list belongs to the process: `mkdocs serve` would add the fonts again on every build
def use_font(*font_dirs: str) -> None:
    """Register the fonts' folders with vl-convert, once per process, before drawing."""
    import vl_convert

    for folder in font_dirs:
        vl_convert.register_font_directory(folder)


def texts(svg: str) -> set[str]:
    """The characters of every text a drawing holds."""
    return {c for text in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S) for c in html.unescape(re.sub(r"<[^>]+>", "", text))}


WARM = specs.Chart("warm", "bar", "warm", (), "", (specs.Point("warm", 1.0, "1", specs.STATED),), picture=False)


def warm() -> None:
    """A worker's first drawing is slow (vl-convert starts its JavaScript engine, Altair loads its
    schema): a small one is drawn first, while the build makes the font subset."""
    import vl_convert

    vl_convert.vegalite_to_svg(specs.spec(WARM))


def draw(chart: specs.Chart, chars: str = "", font_dirs: tuple[str, ...] = ()) -> Drawn:
    """The chart's spec (JSON), SVG and, for charts offered as pictures, a PNG made from the SVG.
    ``chars``: the characters of the font subset this process draws with (``fonts``), "" for the whole
    font; ``font_dirs``: the fonts' folders, registered with vl-convert before the first drawing."""
    import vl_convert

    if font_dirs:
        use_font(*font_dirs)
    spec = specs.spec(chart)
    svg = vl_convert.vegalite_to_svg(spec)
    if chars and (outside := texts(svg) - set(chars)):  # a character outside the subset would be drawn in another font
        raise RuntimeError(f"chart {chart.key}: {''.join(sorted(outside))!r} not in the charts' font subset (fonts.characters)")
    png = b""
    if chart.picture:
        width, _height = dimensions(svg)
        png = bytes(vl_convert.svg_to_png(svg, scale=PNG_WIDTH / width))
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"), svg.encode("utf-8"), png


@dataclass
class Rendering:
    """Drawings from the cache, and those under way: ``drawing(key)`` waits for one, ``result()`` for all.
    Each drawing goes to the cache as soon as it is done (the pool calls ``_done``), so the PNGs drawn
    ahead of the pages that show them wait on disk, not in memory (the SVG and spec texts are kept)."""

    charts: list[specs.Chart]
    keys: list[str]
    cache: Cache
    ready: dict[int, Drawing]
    pending: dict[int, Future[Drawn]]
    pool: ProcessPoolExecutor | None
    started: float
    missing: int  # charts drawn by this build
    workers: int  # processes drawing them; 0: drawn in this process
    font_dir: tempfile.TemporaryDirectory[str] | None = None  # the font subset the workers draw with
    seconds: float = 0.0  # wall time from the start of drawing to the last drawing
    lock: threading.Lock = field(default_factory=threading.Lock)  # ``_keep`` runs in the pool's thread and in the build's

    def __post_init__(self) -> None:
        if len(self.index) != len(self.charts):  # two drawings of one name: a page would get the other's
            raise ValueError(f"charts drawn under one name: {sorted(k for k, n in Counter(c.key for c in self.charts).items() if n > 1)}")
        for i, future in list(self.pending.items()):
            future.add_done_callback(functools.partial(self._done, i))

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {chart.key: i for i, chart in enumerate(self.charts)}

    def _done(self, i: int, future: Future[Drawn]) -> None:
        """A drawing is done: the chart phase lasts until the last; a failed one raises where it is asked for."""
        self.seconds = max(self.seconds, time.perf_counter() - self.started)
        if not future.cancelled() and future.exception() is None:
            self._keep(i, future)

    def _keep(self, i: int, future: Future[Drawn]) -> None:
        with self.lock:
            if i in self.ready:
                return
            spec, svg, png = future.result()
            self.cache.put("charts", f"{self.keys[i]}.spec", spec)
            self.cache.put("charts", f"{self.keys[i]}.svg", svg)
            self.ready[i] = Drawing(spec.decode("utf-8"), svg.decode("utf-8"), self.cache.put("charts", f"{self.keys[i]}.png", png))
            del self.pending[i]

    def _finish(self, cancel: bool = False) -> None:
        """Every drawing is done (or, ``cancel``, none not begun is wanted): the workers and their font go."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=cancel)  # waits for the drawings under way: none writes after this
            self.pool = None
        if self.font_dir is not None:
            self.font_dir.cleanup()
            self.font_dir = None

    def drawing(self, key: str) -> Drawing:
        """One drawing, by its chart's key; waits only for it."""
        i = self.index[key]
        future = self.pending.get(i)
        if future is not None:
            future.result()  # waits; a failed drawing raises its error here
            self._keep(i, future)
        if not self.pending:
            self._finish()
        return self.ready[i]

    def result(self) -> dict[str, Drawing]:
        return {chart.key: self.drawing(chart.key) for chart in self.charts}

    def wait(self) -> None:
        """Wait for the drawings under way (all, or a share's: ``start``), then let the workers go."""
        for i in list(self.pending):
            self.drawing(self.charts[i].key)
        self._finish()

    def cancel(self) -> None:
        """The build failed: drop the drawings not begun, so the process can end."""
        self._finish(cancel=True)


def cached(cache: Cache, key: str) -> Drawing | None:
    """A drawing from the cache, if all of it is there and undamaged."""
    spec, svg, png = cache.get("charts", f"{key}.spec"), cache.get("charts", f"{key}.svg"), cache.stored("charts", f"{key}.png")
    if spec is None or svg is None or png is None:
        return None
    return Drawing(spec.decode("utf-8"), svg.decode("utf-8"), png)


def start(
    charts: list[specs.Chart], cache: Cache, processes: int | None = None, pool_from: int = 1, share: tuple[int, int] = (1, 1), subset_from: int = SUBSET_FROM
) -> Rendering:
    """Begin drawing the charts that are not in the cache (or whose entry is damaged), by a pool of
    ``processes`` worker processes (default: one per core, at most one per missing chart, when at least
    ``pool_from`` are missing) while the build goes on; ``processes=0`` draws them here and now. The
    workers draw with a subset of the font (``fonts``), which draws the same glyphs faster: one kept in
    the cache, or made when at least ``subset_from`` drawings are missing.
    ``share=(k, n)`` draws only the k-th of n fixed shares of the missing drawings (by the rank of their cache
    key among all the charts' keys, so n machines drawing one share each draw every one once); only ``wait`` is then meaningful."""
    faces = fonts.system_faces()
    made_by = key_of(MAKER, [(str(f.path), f.index, f.path.stat().st_size) for f in faces.values()])
    keys = [key_of(made_by, repr(chart)) for chart in charts]  # a chart input's repr names each of its fields and values
    ready = {i: drawing for i, key in enumerate(keys) if (drawing := cached(cache, key)) is not None}
    k, n = share
    rank = {key: r for r, key in enumerate(sorted(set(keys)))}  # shares as even as can be, the same on every machine
    missing = [i for i in range(len(charts)) if i not in ready and rank[keys[i]] % n == k - 1]
    if processes is None:
        processes = cores() if len(missing) >= pool_from else 0
    workers = min(processes, len(missing))
    started = time.perf_counter()
    system_dirs = fonts.folders(faces)
    pool, font_dir = None, None
    if workers:
        pool = ProcessPoolExecutor(workers, mp_context=worker_context())
        for _ in range(workers):  # the workers start, and start their engines, while the font subset is made
            pool.submit(warm)  # (a failure here shows again in the first drawing)
        font_dir = tempfile.TemporaryDirectory(prefix="chart-fonts-")
        try:
            chars = fonts.characters(charts, Path(specs.__file__))
            if not fonts.subset(faces, chars, cache, Path(font_dir.name), make=len(missing) >= subset_from):
                chars = ""  # too few to draw to pay for the subset: the whole font
        except BaseException:
            pool.shutdown(cancel_futures=True)
            font_dir.cleanup()
            raise
        font_dirs = (*system_dirs, font_dir.name)
        submit: Callable[[specs.Chart], Future[Drawn]] = lambda chart: pool.submit(draw, chart, chars, font_dirs)  # noqa: E731
    else:
        if missing:
            use_font(*system_dirs)
        submit = _now
    pending = {i: submit(charts[i]) for i in missing}
    return Rendering(charts, keys, cache, ready, pending, pool, started, len(missing), workers, font_dir)


def _now(chart: specs.Chart) -> Future[Drawn]:
    future: Future[Drawn] = Future()
    future.set_result(draw(chart))
    return future
