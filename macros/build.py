"""One build: its paths and settings, the validated catalog, the charts and every generated file.

A ``Build`` is made once per build (by the MkDocs plugin, or by a script) and handed down to
the page macros; nothing here knows MkDocs. Charts begin drawing as soon as the data are loaded,
and the data files are made while they are drawn; pages are made once every chart and file exists,
and read them as values.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from macros.cache import Cache
from macros.charts import render, specs
from macros.data import releases
from macros.data.catalog import Catalog, Release
from macros.data.loader import load_catalog
from macros.data.releases import Files, current_version, frozen, indicator_changes
from macros.publish import files
from macros.publish.tables import Table, csv_files, tables


@dataclass
class Build:
    data_dir: Path
    cache: Cache
    site_url: str  # the site's public address ending in "/", or "" for relative links
    catalog: Catalog
    charts: dict[str, specs.Chart]  # what each chart shows, by name (an area whose figures compare with nothing has none)
    rendering: render.Rendering
    templates: Environment  # the page templates' (``macros.site.pages.environment``), made for this build
    serving: bool = False  # for `mkdocs serve`, which rebuilds in one process and adds a live-reload script to pages
    issues_url: str = ""  # where readers report an error (the repository's issue page), "" when not configured

    @classmethod
    def start(cls, data_dir: Path, cache_dir: Path, templates: Environment, site_url: str = "", serving: bool = False, issues_url: str = "") -> Build:
        """Load and check the data (``DataError``) and begin drawing the charts."""
        catalog = load_catalog(data_dir)
        cache = Cache(cache_dir)
        url = site_url.rstrip("/") + "/" if site_url else ""
        made = [specs.indicator_chart(catalog, ind, url) for ind in catalog.indicators.values()] + [specs.area_chart(catalog, aid) for aid in catalog.areas]
        charts = {chart.name: chart for chart in made if chart is not None}
        drawn = [layout for chart in charts.values() for layout in specs.layouts(chart)]
        return cls(data_dir, cache, url, catalog, charts, render.start(drawn, cache, pool_from=render.POOL_FROM if serving else 1), templates, serving, issues_url)

    @functools.cached_property
    def tables(self) -> dict[str, Table]:
        return tables(self.catalog)

    @functools.cached_property
    def released(self) -> dict[str, dict[str, bytes]]:
        """Each release's frozen files, by version."""
        return {r.version: frozen(self.data_dir, r.version) for r in self.catalog.releases}

    @functools.cached_property
    def current(self) -> Files:
        """The data files the site publishes now, as a release would freeze them (the tables' CSV)."""
        return csv_files(self.tables)

    @functools.cached_property
    def version(self) -> str:
        return current_version(self.catalog, self.current, self.released)

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

    @functools.cached_property
    def drawings(self) -> dict[str, render.Drawing]:
        """Every chart's spec and pictures, by name (``<name>.phone`` for the phone's layout; waits for the ones being drawn)."""
        return self.rendering.result()

    @functools.cached_property
    def data_files(self) -> dict[str, bytes]:
        """The generated files that need no chart (the data downloads, API, feed), by path under the site root."""
        current = files.release_files(self.catalog, self.tables, self.version, self.cache, self.site_url)
        history = [(r, [line for lines in changed.values() for line in lines]) for r, changed in self.history]
        return files.data_files(self.catalog, current, self.released, history, self.version, self.cache, self.site_url)

    @functools.cached_property
    def files(self) -> dict[str, files.File]:
        """Every generated download, API and feed file, by path under the site root (waits for the charts)."""
        charts: dict[str, files.File] = {}
        for iid in self.catalog.indicators:
            drawing = self.drawings[iid]
            charts |= files.chart_files(iid, drawing.spec, drawing.svg, drawing.png, self.cache)
        return files.site_files(self.catalog, self.data_files, charts, self.cache)

