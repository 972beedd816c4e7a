"""MkDocs hooks: the only module that knows MkDocs.

Validates the data before anything is built, adds one generated page per area,
indicator and source (each calls a macro with an id), and writes the downloads.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import html
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks load before mkdocs-macros puts the project on the path
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import DATA_DIR, pages, state  # noqa: E402
from macros.catalog import Catalog  # noqa: E402
from macros.exports import dataset_date  # noqa: E402
from macros.problems import DataError  # noqa: E402
from macros.releases import verify  # noqa: E402
from macros.state import catalog, refresh  # noqa: E402

log = logging.getLogger("mkdocs.hooks.shanghe")
GENERATED = {"areas": pages.area_page, "indicators": pages.indicator_page, "sources": pages.source_page}


def generated_objects(cat: Catalog) -> dict[str, dict[str, Any]]:
    """The catalog objects that get a generated page, by folder (the keys of GENERATED)."""
    return {"areas": cat.areas, "indicators": cat.indicators, "sources": cat.sources}

# generated pages are written by on_page_markdown below: mkdocs-macros need not compile a template for each
GENERATED_PAGE = "---\nrender_macros: false\n---\n"


def remember_word_splits() -> None:
    """Material's search splits every run of Chinese characters of every page with jieba; the same
    runs (年、合成指标、亿元 …) recur on page after page, so each distinct run is split once per process."""
    try:
        import jieba
    except ImportError:  # Material then indexes without splitting words
        return
    if hasattr(jieba.cut, "cache_info"):
        return
    split = jieba.cut

    @functools.lru_cache(maxsize=100_000)
    def cut(sentence: str | bytes, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False) -> tuple[str, ...]:  # noqa: N803 - jieba's name
        return tuple(split(sentence, cut_all, HMM, use_paddle))

    jieba.cut = cut


def on_config(config: Any) -> Any:
    remember_word_splits()
    try:
        cat = refresh()  # once per build: later calls reuse this catalog
    except DataError as err:
        for p in err.problems:
            log.error(str(p))
        raise PluginError(f"数据校验未通过，共 {len(err.problems)} 个问题；网站未构建。/ Data validation failed with {len(err.problems)} problem(s); nothing was built.") from None
    broken = verify(cat)
    if broken:
        for line in broken:
            log.error(line)
        raise PluginError("已发布的版本文件被改动；发布后的文件不得修改。/ Released files changed; a release is never changed.")
    # every date MkDocs writes (sitemap.xml.gz) comes from the data, so a commit builds the same bytes any day
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(dt.datetime.combine(dataset_date(cat), dt.time(), dt.UTC).timestamp())))
    state.site_url = (config.get("site_url") or "").rstrip("/") + "/" if config.get("site_url") else ""
    return config


def on_files(files: Files, config: Any) -> Files:
    cat = catalog()
    for folder, objects in generated_objects(cat).items():
        for key in objects:
            files.append(File.generated(config, f"{folder}/{key}.md", content=GENERATED_PAGE))
    for path, content in state.built_files()[1].items():
        files.append(File.generated(config, path, content=content))
    for src in cat.sources.values():
        archive = DATA_DIR / "sources" / src.archive
        files.append(File.generated(config, f"sources/{src.id}/{src.archive}", abs_src_path=str(archive)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    folder, _, name = page.file.src_uri.removesuffix(".md").partition("/")
    cat = catalog()
    objects = generated_objects(cat).get(folder, {})
    if name in objects:
        # Material prints meta.title unescaped in <title> and the header
        page.meta["title"] = html.escape(objects[name].title)
        markdown = GENERATED[folder](cat, name, pages.base_of(page.url))
    if folder == "indicators" and name in cat.indicators:
        # the chart picture is the page's preview image when a link is shared (WeChat, Weibo)
        ind = cat.indicators[name]
        page.meta["og_image"] = html.escape(f"{state.site_url or '../../'}downloads/charts/{name}.png")
        page.meta["og_description"] = html.escape(ind.definition)
        # indicator pages are what a search is for: rank them above pages that merely mention the words
        page.meta["search"] = {"boost": 4}
    return markdown


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def content_security_policy(html_page: str) -> str:
    """Only this site's scripts run: its files, and its own inline scripts by hash."""
    hashes = sorted({base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() for m in INLINE_SCRIPT.finditer(html_page)})
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def finish(output: str) -> str:
    """lang="zh-CN", a name for the search dialog, and the Content-Security-Policy meta, on every HTML page."""
    output = output.replace('<html lang="zh"', '<html lang="zh-CN"', 1)
    output = output.replace('data-md-component="search" role="dialog"', 'data-md-component="search" role="dialog" aria-label="搜索"', 1)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(output)}">'
    return output.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    ' + meta, 1)


def on_page_content(html_page: str, page: Any, config: Any, files: Any) -> str:
    return state.unstash(html_page, (state.RAW,))  # the search index reads the page after this


def on_post_page(output: str, page: Any, config: Any) -> str:
    return finish(state.unstash(output))


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return finish(output) if template_name.endswith(".html") else output
