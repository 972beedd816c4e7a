"""One build: its paths and settings, the validated catalog, the charts and every generated file.

A ``Build`` is made once per build (by the MkDocs plugin, or by a script) and handed down to
the page macros; nothing here knows MkDocs. Charts begin drawing as soon as the data are loaded,
and the data files and pages are made while they are drawn: a page shows a chart as a picture of its
file, and needs only that drawing's size and its files' sizes (``drawing``, ``size``), not the others.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from macros.cache import Cache
from macros.charts import render, specs
from macros.data import releases, schema
from macros.data.catalog import Catalog, Release
from macros.data.loader import load_catalog
from macros.data.problems import DataError, clipped, problem
from macros.data.releases import Files, current_version, frozen, indicator_changes
from macros.publish import files
from macros.publish.formats import chart_files
from macros.publish.tables import Table, csv_files, tables
from macros.publish.writers import json_bytes


@dataclass
class Build:
    data_dir: Path
    cache: Cache
    site_url: str  # the site's public address ending in "/", or "" for relative links
    catalog: Catalog
    charts: dict[str, specs.Chart]  # what each chart shows, by name (an area whose figures compare with nothing has none)
    rendering: render.Rendering
    templates: Environment  # the page templates' (``macros.site.pages.environment``), made for this build
    tables: dict[str, Table]  # every whole-site table, by name
    serving: bool = False  # for `mkdocs serve`, which rebuilds in one process and adds a live-reload script to pages
    issues_url: str = ""  # where readers report an error (the repository's issue page), "" when not configured
    made: dict[str, dict[str, files.File]] = field(default_factory=dict)  # the files made of each drawing so far, by its key

    @classmethod
    def start(cls, data_dir: Path, cache_dir: Path, templates: Environment, site_url: str = "", serving: bool = False, issues_url: str = "") -> Build:
        """Load and check the data (``DataError``) and begin drawing the charts."""
        url, issues = address(site_url), setting("ISSUES_URL", issues_url)
        catalog = load_catalog(data_dir)
        cache = Cache(cache_dir)
        whole = tables(catalog)
        charts = site_charts(data_dir, catalog, whole, url)
        rendering = render.start(specs.drawings(charts), cache, pool_from=render.POOL_FROM if serving else 1)
        return cls(data_dir, cache, url, catalog, charts, rendering, templates, whole, serving, issues)

    @functools.cached_property
    def released(self) -> dict[str, dict[str, bytes]]:
        """Each release's frozen files, by version."""
        return {r.version: frozen(self.data_dir, r.version) for r in self.catalog.releases}

    @functools.cached_property
    def current(self) -> Files:
        """The data files the site publishes now, as the latest release would have frozen them (under its
        version, with no site address): equal to its frozen copies while nothing changed."""
        latest = self.catalog.latest_release
        if latest is None:
            return csv_files(self.tables)
        return files.release_files(self.catalog, self.tables, latest.version, self.cache)

    @functools.cached_property
    def version(self) -> str:
        return current_version(self.catalog, self.current, self.released)

    @functools.cached_property
    def changed_files(self) -> list[str]:
        """The data files that no longer equal the latest release's frozen copies, by name."""
        latest = self.catalog.latest_release
        return releases.changed_files(self.released[latest.version], self.current) if latest else []

    @functools.cached_property
    def file_changes(self) -> list[str]:
        """What differs from the latest release besides the data: its files' wording and layout."""
        return releases.file_changes(self.changed_files, self.pending)

    @functools.cached_property
    def last_changed(self) -> dict[str, Release | None]:
        """The release that last changed each indicator's data (None: changed since the latest release):
        the downloads page's 最近更新 and the DCAT catalogue's dct:modified."""
        found: dict[str, Release | None] = {iid: release for release, changed in self.history for iid in changed if iid}
        return found | dict.fromkeys(self.updated)

    @functools.cached_property
    def updated(self) -> set[str]:
        """The indicators whose data or files changed since the latest release."""
        return set(self.pending) | {iid for name in self.changed_files if (iid := releases.file_indicator(name))}

    @functools.cached_property
    def pending(self) -> dict[str, list[str]]:
        """What changed since the latest release, by indicator: published with the site, frozen by the
        next release. The changelog lists these lines and the downloads page marks these indicators."""
        latest = self.catalog.latest_release
        return indicator_changes(self.released[latest.version], self.current) if latest else {}

    @functools.cached_property
    def history(self) -> list[tuple[Release, dict[str, list[str]]]]:
        """Each release, oldest first, with what it changed from the one before, by indicator."""
        return releases.history(self.catalog.releases, self.released)

    def drawing(self, key: str) -> render.Drawing:
        """One chart's spec and pictures, by key (``<name>.phone`` for the phone's layout); waits for it alone."""
        return self.rendering.drawing(key)

    @functools.cached_property
    def drawn(self) -> dict[str, specs.Chart]:
        """Every drawing's chart, by key."""
        return {layout.key: layout for layout in self.rendering.charts}

    def drawing_files(self, key: str) -> dict[str, files.File]:
        """The files made of one drawing, by path under the site root (waits for it alone)."""
        if key not in self.made:
            drawing = self.drawing(key)
            made: dict[str, files.File] = {"svg": drawing.svg.encode("utf-8"), "png": drawing.png, "spec": json_bytes(drawing.spec, self.cache)}
            self.made[key] = {path: made[kind] for kind, path in drawing_paths(self.drawn[key]).items()}
        return self.made[key]

    def picture(self, name: str) -> list[Shown]:
        """A chart as a page shows it: each layout's drawing, the wide one (the picture's fallback) last."""
        keys = [layout.key for layout in specs.layouts(self.charts[name])]
        paths = {key: drawing_paths(self.drawn[key]) for key in keys}
        return [Shown(paths[key]["svg"], paths[key]["spec"], *self.drawing(key).size) for key in [*keys[1:], keys[0]]]

    @functools.cached_property
    def file_drawing(self) -> dict[str, str]:
        """The drawing each chart file is made of, by the file's path."""
        return {path: key for key, chart in self.drawn.items() for path in drawing_paths(chart).values()}

    def size(self, path: str) -> int:
        """A generated file's size in bytes; a chart's file waits for its drawing alone, the bulk zip and
        SHA256SUMS for every drawing."""
        if path in self.data_files:
            return len(self.data_files[path])
        if path in self.file_drawing:
            return files.size_of(self.drawing_files(self.file_drawing[path])[path])
        return files.size_of(self.files[path])

    @functools.cached_property
    def data_files(self) -> dict[str, bytes]:
        """The generated files that need no chart (the data downloads, API, feed), by path under the site root."""
        latest = self.catalog.latest_release
        # the files as the latest release froze them are made already (``current``) when they are what is published
        unchanged = latest is not None and self.version == latest.version and not self.site_url
        current = self.current if unchanged else files.release_files(self.catalog, self.tables, self.version, self.cache, self.site_url)
        history = [(r, [line for lines in changed.values() for line in lines]) for r, changed in self.history]
        changed = {iid: release.date if release else "" for iid, release in self.last_changed.items()}
        return files.data_files(self.catalog, current, self.released, history, self.version, self.cache, self.site_url, changed)

    @functools.cached_property
    def files(self) -> dict[str, files.File]:
        """Every generated download, API, feed and chart file, by path under the site root (waits for every drawing)."""
        self.rendering.result()
        drawn = {path: made for key in self.drawn for path, made in self.drawing_files(key).items()}
        pictures = {k.removeprefix("downloads/"): v for k, v in drawn.items() if k.startswith("downloads/")}
        return files.site_files(self.catalog, self.data_files, pictures, self.cache) | {k: v for k, v in drawn.items() if not k.startswith("downloads/")}


def site_charts(data_dir: Path, catalog: Catalog, whole: dict[str, Table], url: str) -> dict[str, specs.Chart]:
    """Every chart as the build draws it (``scripts.charts`` draws the same into the cache): each picture
    names its page (the site's address ``url``), the version of the data it shows and their licence."""
    return specs.site_charts(catalog, url, data_versions(data_dir, catalog, whole))


def data_versions(data_dir: Path, catalog: Catalog, whole: dict[str, Table]) -> dict[str, str]:
    """The version of each indicator's data: the latest release's while its rows and description are as
    that release froze them, else that release with later updates. Read from the tables alone (not the
    workbooks), so the charts begin drawing as soon as the data are loaded."""
    latest = catalog.latest_release
    base = latest.version if latest else "0"
    changed = indicator_changes(frozen(data_dir, latest.version), csv_files(whole)) if latest else catalog.indicators
    return {iid: f"{base}+{releases.UPDATED}" if iid in changed else base for iid in catalog.indicators}


def setting(name: str, value: str) -> str:
    """An address the build is given in the environment (SITE_URL, ISSUES_URL): "" or a plain http(s)
    address (``DataError`` otherwise: it would reach every page's head, the feed and the QR code)."""
    if value and not schema.plain_url(value):
        raise DataError([problem(f"环境变量 {name}", 1, 1, "bad-url", value=clipped(value, 80), limit=schema.MAX_URL)])
    return value


def address(site_url: str) -> str:
    """The site's public address (checked as ``setting`` SITE_URL) ending in "/", or "" for relative links."""
    return setting("SITE_URL", site_url).rstrip("/") + "/" if site_url else ""


@dataclass(frozen=True)
class Shown:
    """A drawing as a page shows it: its files' paths under the site root and its size in CSS pixels."""

    svg: str
    spec: str
    width: int
    height: int


def drawing_paths(chart: specs.Chart) -> dict[str, str]:
    """Where the files made of a drawing are, by kind (``svg``, ``spec``, and ``png`` for a picture offered
    for download), as paths under the site root: a picture offered for download is that download (under
    downloads/charts/); a drawing for the page only (the phone's layout, an area's overview) is under charts/."""
    if chart.picture:
        found = chart_files(chart.name)
        return {"svg": found["svg"], "png": found["png"], "spec": found["vl.json"]}
    return {"svg": f"charts/{chart.key}.svg", "spec": f"charts/{chart.key}.vl.json"}
