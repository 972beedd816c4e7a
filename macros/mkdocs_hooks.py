"""MkDocs hooks: the only module that knows MkDocs.

Validates the data before anything is built, adds one generated page per area,
indicator and source (each calls a macro with an id), and writes the downloads.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import importlib.metadata
import json
import logging
import os
import platform
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks load before mkdocs-macros puts the project on the path
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import DATA_DIR, pages, state, word_splits  # noqa: E402
from macros.cache import Kept, kept, kept_path, path_of, place, prune, store, usable  # noqa: E402
from macros.catalog import Catalog  # noqa: E402
from macros.exports import dataset_date  # noqa: E402
from macros.problems import DataError  # noqa: E402
from macros.releases import verify  # noqa: E402
from macros.state import catalog, refresh  # noqa: E402

log = logging.getLogger("mkdocs.hooks.shanghe")
_linked: set[str] = set()  # the generated pages on_post_page linked from the cache, leaving MkDocs nothing to write
logging.getLogger("mkdocs.commands.build").addFilter(lambda record: not (record.getMessage().startswith("Page skipped") and record.getMessage().split("'")[1] in _linked))
GENERATED = {"areas": pages.area_page, "indicators": pages.indicator_page, "sources": pages.source_page}


class KeptFile(File):
    """A generated file that is already in the cache: the site gets a hard link to it."""

    kept: Kept

    def copy_file(self, dirty: bool = False) -> None:
        if not usable(self.kept.path):  # deleted or changed since this process made it (a long `mkdocs serve`)
            store(self.kept.path, self.kept)
        place(self.kept.path, Path(self.abs_dest_path))


def generated_objects(cat: Catalog) -> dict[str, dict[str, Any]]:
    """The catalog objects that get a generated page, by folder (the keys of GENERATED)."""
    return {"areas": cat.areas, "indicators": cat.indicators, "sources": cat.sources}

# generated pages are written by on_page_markdown below: mkdocs-macros need not compile a template for each
GENERATED_PAGE = "---\nrender_macros: false\n---\n"


FINISHED_TEMPLATE = "shanghe-finished.html"  # renders nothing: the page's HTML comes from the cache
_finished: dict[str, dict[str, Any]] = {}  # src_uri -> {"html": kept file name, "search": entries} of pages in the cache
_unfinished: dict[str, Path] = {}  # src_uri -> where to keep a generated page once it is finished
_entries: dict[str, list[dict[str, Any]]] = {}  # src_uri -> the search entries of an unfinished page
_shell = ""
_used: set[str] = set()  # the cache files this build used: the rest are pruned once old


RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "babel", "jieba", "mkdocs-macros-plugin")


def jieba_dictionaries(config: Any) -> list[Path]:
    """The word lists the search plugin gives jieba, if any (they change how pages are indexed)."""
    search = config.plugins["material/search"].config
    return [Path(p) for p in (search.jieba_dict, search.jieba_dict_user) if p and Path(p).is_file()]


def shell_fingerprint(config: Any) -> str:
    """What a generated page's HTML and search entries depend on besides its own Markdown, address
    and metadata: Python and the packages that render it, mkdocs.yml, the theme overrides, the
    hand-written pages (they are the navigation), jieba's word lists and our code."""
    digest = hashlib.sha256(f"{state.site_url}\n{platform.python_version()}\n".encode())
    for package in RENDERERS:
        digest.update(f"{package}={importlib.metadata.version(package)}\n".encode())
    files = [p for name in ("overrides", "docs") for p in (ROOT / name).rglob("*") if p.is_file()] + list((ROOT / "macros").glob("*.py"))
    for path in [Path(config.config_file_path), ROOT / "mkdocs.yml", *sorted(files), *jieba_dictionaries(config)]:
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        digest.update(f"{name}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def index_from_cache(index: Any) -> None:
    """Material's search index takes a finished page's entries from the cache instead of parsing its HTML,
    and notes the entries of the pages it parses."""
    parse = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        uri = page.file.src_uri
        if uri in _finished:
            index.entries.extend(_finished[uri]["search"])
            return
        start = len(index.entries)
        parse(page)
        _entries[uri] = index.entries[start:]

    index.add_entry_from_context = add_entry_from_context


def on_config(config: Any) -> Any:
    global _shell
    word_splits.remember(b"".join(p.read_bytes() for p in jieba_dictionaries(config)))
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
    state.start_charts()
    _shell = shell_fingerprint(config)
    for cache in (_finished, _unfinished, _entries, _used, _linked):
        cache.clear()
    index_from_cache(config.plugins["material/search"].search_index)
    return config


def on_files(files: Files, config: Any) -> Files:
    cat = catalog()
    for folder, objects in generated_objects(cat).items():
        for key in objects:
            files.append(File.generated(config, f"{folder}/{key}.md", content=GENERATED_PAGE))
    for path, content in state.built_files()[1].items():  # kept in the cache, and linked from there
        assert isinstance(content, Kept)
        _used.add(str(content.path))
        file = KeptFile.generated(config, path, abs_src_path=str(content.path))
        file.kept = content
        files.append(file)
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
    if name in objects:
        # Finished pages: the same Markdown, address, metadata and shell make the same HTML and search
        # entries, so those come from the cache, skipping Markdown, the search parser and the template.
        path = path_of("pages", {"shell": _shell, "url": page.url, "meta": page.meta, "markdown": markdown}, ".json")
        record = json.loads(path.read_bytes()) if usable(path) else None
        if record and usable(kept_path(record["html"])):
            _used.update((str(path), str(kept_path(record["html"]))))
            _finished[page.file.src_uri] = record
            page.meta["template"] = FINISHED_TEMPLATE
            return ""
        _unfinished[page.file.src_uri] = path
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
    if page.file.src_uri in _finished:  # links from other pages are checked against its anchors
        page.present_anchor_ids = set(_finished[page.file.src_uri]["anchors"])
    return state.unstash(html_page, (state.RAW,))  # the search index reads the page after this


def on_post_page(output: str, page: Any, config: Any) -> str:
    uri = page.file.src_uri
    if uri in _finished:
        html_file = kept_path(_finished[uri]["html"])
    elif uri in _unfinished:
        html_file = kept(finish(state.unstash(output)).encode("utf-8", errors="xmlcharrefreplace")).path
        record = {"html": html_file.name, "search": _entries[uri], "anchors": sorted(page.present_anchor_ids or ())}
        store(_unfinished[uri], json.dumps(record, ensure_ascii=False).encode("utf-8"))
        _used.update((str(_unfinished[uri]), str(html_file)))
    else:
        return finish(state.unstash(output))
    place(html_file, Path(page.file.abs_dest_path))
    _linked.add(uri)
    return ""  # linked from the cache: MkDocs writes nothing (and logs "Page skipped" at INFO)


def on_post_build(config: Any) -> None:
    word_splits.keep()
    prune(_used)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return finish(output) if template_name.endswith(".html") else output
