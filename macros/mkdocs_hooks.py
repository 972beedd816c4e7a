"""The MkDocs plugin ``shanghe`` (its hooks into the build): the only module that knows MkDocs.

Per build it makes one ``Build`` (data checked before anything is built, charts begun), a generated
page per indicator, area and source, whose HTML needs no Markdown, and the download, API and feed
files, made while the charts are drawn. The generated pages are made first, each as soon as its own
drawings are done; the chart files, the bulk zip and SHA256SUMS are added once every drawing is, before
MkDocs writes any file. The page macros (``macros/__init__.py``) read the same build. Only documented
plugin events are used.
"""

from __future__ import annotations

import functools
import html
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from pymdownx.slugs import slugify as unicode_slugify

from macros.build import Build
from macros.cache import Stored
from macros.charts.fonts import FontMissing
from macros.data.problems import DataError, listing
from macros.data.releases import dataset_date
from macros.site import pages

log = logging.getLogger("mkdocs.plugins.shanghe")
# a generated page has no Markdown (its HTML comes from on_page_content): mkdocs-macros leaves it alone
GENERATED_PAGE = "---\nrender_macros: false\n---\n"


class SiteConfig(base.Config):
    data_dir = config_options.Dir(exists=True, default="data")
    cache_dir = config_options.Type(str, default=".cache")


class SitePlugin(BasePlugin[SiteConfig]):
    build: Build
    made: dict[str, str]  # a generated page's HTML, by its file, from its Markdown event to its content event
    serving = False
    dated = False  # SOURCE_DATE_EPOCH comes from the data, not from the person building

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dated = "SOURCE_DATE_EPOCH" not in os.environ

    def on_config(self, config: Any) -> Any:
        self.made = {}
        cache_dir = Path(config.config_file_path).parent / self.config.cache_dir
        try:
            templates = pages.environment(Path(config.theme.custom_dir) / "shanghe" if config.theme.custom_dir else None, cache_dir / "templates")
            self.build = Build.start(
                Path(self.config.data_dir), cache_dir, templates, config.site_url or "", self.serving, config.extra.get("issues_url") or ""
            )
        except DataError as err:
            for line in listing(err.problems):
                log.error(line)
            raise PluginError(
                f"数据校验未通过，共 {len(err.problems)} 个问题；网站未构建。/ Data validation failed with {len(err.problems)} problem(s); nothing was built."
            ) from None
        except FontMissing as err:
            raise PluginError(str(err)) from None
        ds = self.build.catalog.dataset
        if ds is not None:  # the site is the dataset's: its name, description and publisher, escaped (the theme prints them as they are)
            config.site_name, config.site_description, config.site_author = html.escape(ds.title), html.escape(ds.description), html.escape(ds.publisher)
            config.copyright = f"数据来源：{html.escape(ds.publisher)}。每个数字均注明出处原句。"
        return config

    def on_pre_page(self, page: Any, config: Any, files: Files) -> Any:
        """Every date MkDocs writes (the sitemap's, and sitemap.xml.gz's time, the latest of them) is a
        page's update date: the data's, so a commit builds the same bytes any day."""
        if self.dated:
            page.update_date = dataset_date(self.build.catalog).isoformat()
        return page

    def on_files(self, files: Files, config: Any) -> Files:
        """The generated pages, before the hand-written ones: they are made in this order, each waiting for
        its own drawings only (the downloads page waits for all); and the files that need no drawing."""
        cat = self.build.catalog
        generated = [
            File.generated(config, f"{kind.folder}/{key}.md", content=GENERATED_PAGE, inclusion=InclusionLevel.NOT_IN_NAV)  # reached from the index pages
            for kind in pages.PAGE_KINDS
            for key in kind.objects(cat)
        ]
        files = Files([*generated, *files])
        for path, made in self.build.data_files.items():
            files.append(File.generated(config, path, content=made))
        for src in cat.sources.values():
            files.append(File.generated(config, f"sources/{src.id}/{src.archive}", abs_src_path=str(Path(self.config.data_dir) / "sources" / src.archive)))
        return files

    def generated(self, page: Any) -> tuple[pages.PageKind, str, Any] | None:
        """(kind, key, object) of a generated page; None for a hand-written one."""
        folder, _, name = page.file.src_uri.removesuffix(".md").partition("/")
        kind = pages.page_kind(folder)
        objects = kind.objects(self.build.catalog) if kind and page.file.generated_by else {}
        return (kind, name, objects[name]) if kind and name in objects else None

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        found = self.generated(page)
        if found is None:
            return markdown
        kind, name, obj = found
        page.meta["title"] = html.escape(obj.title)  # Material prints meta.title unescaped in <title> and the header
        page.meta |= kind.meta(self.build, name)
        # mkdocs.yml's toc setting, else the site's own (Markdown's default drops every Chinese character from an id)
        slugify = config.mdx_configs.get("toc", {}).get("slugify") or unicode_slugify(case="lower")
        made = pages.generated(self.build, kind, name, pages.base_of(page.url), slugify)
        self.made[page.file.src_uri] = made.html
        return made.outline  # its headings and anchors, from which MkDocs makes the contents and checks links

    def on_page_content(self, content: str, page: Any, config: Any, files: Files) -> str:
        """A generated page is its HTML, not what Markdown made of its outline. A page that sets no
        description is described by its first paragraph (what a shared link's card and a search engine show)."""
        html_content = self.made.pop(page.file.src_uri, content)
        if not page.meta.get("description"):
            page.meta["description"] = html.escape(pages.page_description(html_content))
        return html_content

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Every page is made: the files made of the drawings (each chart's, the bulk zip, SHA256SUMS)
        join the site, which MkDocs writes next. The theme's templates get what the site covers, for a
        search that finds nothing, and the page's Content-Security-Policy from the theme's inline
        scripts (overrides/main.html)."""
        for path, made in self.build.files.items():
            if path not in self.build.data_files:
                files.append(
                    File.generated(config, path, abs_src_path=str(made.path)) if isinstance(made, Stored) else File.generated(config, path, content=made)
                )
        for name in self.build.charts:  # pages for other sites to frame, made outside the theme
            files.append(File.generated(config, pages.EMBED.format(name=name) + "index.html", content=pages.embed_page(self.build, name)))
        env.bytecode_cache = pages.compiled_templates(
            self.build.cache.root / "theme-templates", [__file__], ["jinja2", "mkdocs", "mkdocs-material"]
        )  # the theme's
        env.globals["site_scope"] = pages.site_scope(self.build)
        env.globals["dataset"] = self.build.catalog.dataset
        env.filters["content_security_policy"] = functools.partial(pages.content_security_policy, serving=self.build.serving)
        return env

    def on_build_error(self, error: Exception) -> None:
        if hasattr(self, "build"):
            self.build.rendering.cancel()

    def on_post_build(self, config: Any) -> None:
        rendering = self.build.rendering
        if rendering.missing:
            log.info(
                f"charts: {rendering.missing} drawn in {rendering.seconds:.2f} s "
                f"({rendering.seconds / rendering.missing * 1000:.0f} ms each, {rendering.workers or 1} processes)"
            )
        self.build.cache.prune()
