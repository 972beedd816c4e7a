"""The statistics site: data, charts, downloads and pages, built by MkDocs with mkdocs-macros.

This file is the entry point mkdocs-macros loads (``module_name: macros``): it registers the
page macros of ``macros.site.pages``. Each macro takes the build of the ``shanghe`` plugin
(``macros.mkdocs_hooks``) at the time it is called, so one build object serves every page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def define_env(env: Any) -> None:
    from macros.site import pages

    def bind(render: Callable[..., str]) -> Callable[[], str]:
        def macro() -> str:
            build = env.conf.plugins["shanghe"].build
            return render(build, pages.base_of(env.page.url if env.page is not None else ""))

        return macro

    for render in pages.MACROS:
        env.macro(bind(render), render.__name__)

    @env.macro
    def dataset() -> dict[str, str]:
        """data/dataset.yaml's title and publisher, which the hand-written pages name, as Markdown shows them typed."""
        ds = env.conf.plugins["shanghe"].build.catalog.dataset
        return {"title": pages.markdown_text(ds.title), "publisher": pages.markdown_text(ds.publisher)}

    @env.macro
    def source_titles() -> str:
        """The source documents' titles as a sentence names them: 《甲》、《乙》."""
        return pages.markdown_text("、".join(f"《{s.title}》" for s in env.conf.plugins["shanghe"].build.catalog.sources.values()))

    @env.macro
    def counts() -> dict[str, int]:
        cat = env.conf.plugins["shanghe"].build.catalog
        return {"indicators": len(cat.indicators), "observations": len(cat.observations), "areas": len(cat.areas)}
