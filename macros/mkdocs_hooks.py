"""The MkDocs plugin ``shanghe`` (its hooks into the build): the only module that knows MkDocs.

Per build it makes one ``Build`` (data checked before anything is built, charts begun), adds a
generated page per area, indicator and source, and the download, API and feed files; the page
macros (``macros/__init__.py``) read the same build. Only documented plugin events are used.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from macros.build import Build
from macros.charts.render import FontMissing
from macros.data.problems import DataError, listing
from macros.data.releases import dataset_date
from macros.publish.files import picture_paths
from macros.site import pages

log = logging.getLogger("mkdocs.plugins.shanghe")
# a generated page's Markdown comes from on_page_markdown: mkdocs-macros leaves it alone
GENERATED_PAGE = "---\nrender_macros: false\n---\n"


class SiteConfig(base.Config):
    data_dir = config_options.Dir(exists=True, default="data")
    cache_dir = config_options.Type(str, default=".cache")


class SitePlugin(BasePlugin[SiteConfig]):
    build: Build
    serving = False
    dated = False  # SOURCE_DATE_EPOCH comes from the data, not from the person building

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dated = "SOURCE_DATE_EPOCH" not in os.environ

    def on_config(self, config: Any) -> Any:
        cache_dir = Path(config.config_file_path).parent / self.config.cache_dir
        try:
            self.build = Build.start(Path(self.config.data_dir), cache_dir, config.site_url or "", self.serving, config.extra.get("issues_url") or "")
        except DataError as err:
            for line in listing(err.problems):
                log.error(line)
            raise PluginError(f"数据校验未通过，共 {len(err.problems)} 个问题；网站未构建。/ Data validation failed with {len(err.problems)} problem(s); nothing was built.") from None
        except FontMissing as err:
            raise PluginError(str(err)) from None
        if self.dated:  # every date MkDocs writes (sitemap.xml.gz) comes from the data: a commit builds the same bytes any day
            os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(dataset_date(self.build.catalog), dt.time(), dt.UTC).timestamp()))
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        cat = self.build.catalog
        for folder, objects in (("areas", cat.areas), ("indicators", cat.indicators), ("sources", cat.sources)):
            for key in objects:
                files.append(File.generated(config, f"{folder}/{key}.md", content=GENERATED_PAGE))
        for path, content in self.build.data_files.items():
            files.append(File.generated(config, path, content=content))
        for path in picture_paths(cat):  # made from the charts, which are drawn while the pages are: see on_env
            files.append(File.generated(config, path, abs_src_path=str(Path(config.site_dir) / path)))
        for src in cat.sources.values():
            files.append(File.generated(config, f"sources/{src.id}/{src.archive}", abs_src_path=str(Path(self.config.data_dir) / "sources" / src.archive)))
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        folder, _, name = page.file.src_uri.removesuffix(".md").partition("/")
        objects = {"areas": self.build.catalog.areas, "indicators": self.build.catalog.indicators, "sources": self.build.catalog.sources}.get(folder, {})
        if name not in objects:
            return markdown
        page.meta["title"] = html.escape(objects[name].title)  # Material prints meta.title unescaped in <title> and the header
        if folder == "indicators":
            # the chart picture is the page's preview image when a link is shared (WeChat, Weibo)
            page.meta["og_image"] = html.escape(f"{self.build.site_url or '../../'}downloads/charts/{name}.png")
            page.meta["og_description"] = html.escape(objects[name].definition)
            # the words readers use for the glossary terms its title names ("科小", "R&D", "贷款"): search finds
            # the page by them (Material shows tags in its results as HTML, so they are escaped like the title)
            terms = [t for t in self.build.catalog.glossary if t.named_in(objects[name].title)]
            page.meta["tags"] = [html.escape(w) for t in terms for w in (*t.synonyms, *t.search_terms)]
        return pages.GENERATED[folder](self.build, name, pages.base_of(page.url))

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Every page's Markdown is rendered: wait for the charts and write the files made from them
        into the site, where MkDocs, copying them onto themselves, leaves them. The theme's templates
        get what the site covers, for a search that finds nothing (overrides/main.html)."""
        env.globals["site_scope"] = pages.site_scope(self.build)
        env.globals["dataset"] = self.build.catalog.dataset
        for path in picture_paths(self.build.catalog):
            dest = Path(config.site_dir) / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            made = self.build.files[path]
            if isinstance(made, bytes):
                dest.write_bytes(made)
            else:
                shutil.copyfile(made.path, dest)
        return env

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return pages.fill(self.build, output)

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        return pages.fill(self.build, output) if template_name.endswith(".html") else output

    def on_build_error(self, error: Exception) -> None:
        if hasattr(self, "build"):
            self.build.rendering.cancel()

    def on_post_build(self, config: Any) -> None:
        rendering = self.build.rendering
        if rendering.missing:
            log.info(f"charts: {rendering.missing} drawn in {rendering.seconds:.2f} s ({rendering.seconds / rendering.missing * 1000:.0f} ms each, {rendering.workers or 1} processes)")
        self.build.cache.prune()
