"""商河县科技统计数据: schema, catalog, charts, pages and exports.

This file is the entry point mkdocs-macros loads (``module_name: macros``). Page macros
take ids, never data text, and return escaped HTML.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# SHANGHE_DATA points the build at another data folder (the tests use it for bad input).
DATA_DIR = Path(os.environ.get("SHANGHE_DATA", Path(__file__).resolve().parent.parent / "data"))


def define_env(env: Any) -> None:
    from macros import pages
    from macros.state import catalog

    def base() -> str:
        url = env.page.url if env.page is not None else ""
        return "../" * url.count("/")

    @env.macro
    def indicator_page(iid: str) -> str:
        return pages.indicator_page(catalog(), iid, base())

    @env.macro
    def area_page(aid: str) -> str:
        return pages.area_page(catalog(), aid, base())

    @env.macro
    def source_page(sid: str) -> str:
        return pages.source_page(catalog(), sid, base())

    @env.macro
    def key_figures() -> str:
        return pages.key_figures(catalog(), base())

    @env.macro
    def areas_index() -> str:
        return pages.areas_index(catalog(), base())

    @env.macro
    def indicators_index() -> str:
        return pages.indicators_index(catalog(), base())

    @env.macro
    def sources_index() -> str:
        return pages.sources_index(catalog(), base())

    @env.macro
    def glossary() -> str:
        return pages.glossary(catalog(), base())

    @env.macro
    def about_tables() -> str:
        return pages.about_tables()

    @env.macro
    def counts() -> dict[str, int]:
        cat = catalog()
        return {"indicators": len(cat.indicators), "observations": len(cat.observations), "areas": len(cat.areas)}
