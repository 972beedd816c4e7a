"""商河县科技统计数据: schema, catalog, charts, pages and exports.

This file is the entry point mkdocs-macros loads (``module_name: macros``). Page macros
take ids, never data text, and return escaped HTML.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

# SHANGHE_DATA points the build at another data folder (the tests use it for bad input).
DATA_DIR = Path(os.environ.get("SHANGHE_DATA", Path(__file__).resolve().parent.parent / "data"))


def define_env(env: Any) -> None:
    from macros import pages
    from macros.state import catalog

    def bind(render: Callable[..., str]) -> Callable[..., str]:
        """A macro calling ``render(catalog, *ids, base)``; base is the path from the page to the site root."""

        def macro(*ids: str) -> str:
            return render(catalog(), *ids, pages.base_of(env.page.url if env.page is not None else ""))

        return macro

    for render in (
        pages.key_figures,
        pages.areas_index,
        pages.indicators_index,
        pages.sources_index,
        pages.glossary,
        pages.about_tables,
        pages.downloads_page,
        pages.changelog,
        pages.plan_page,
        pages.briefing,
        pages.english_home,
        pages.latest_release,
    ):
        env.macro(bind(render), render.__name__)

    @env.macro
    def counts() -> dict[str, int]:
        cat = catalog()
        return {"indicators": len(cat.indicators), "observations": len(cat.observations), "areas": len(cat.areas)}
