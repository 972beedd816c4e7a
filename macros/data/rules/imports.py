"""The rows accepted in the review files of `make import` (never published; the others are not data): their
source unchanged since the import, their indicators existing."""

from __future__ import annotations

from collections.abc import Iterator

from macros.data.draft import Draft
from macros.data.problems import Problem


def import_sources(draft: Draft) -> Iterator[Problem]:
    """A row's source exists, unchanged since the import, and holds its quote."""
    for row in draft.imports:
        sid = row.item["source"]
        source = draft.sources.get(sid)
        if source is None:
            if sid not in draft.source_ids:  # a source with problems of its own is reported there
                yield row.at("source").problem("unknown-ref", kind="来源", kind_en="source", value=sid)
        elif row.item["source_sha256"] != source.sha256:
            yield row.at("source_sha256").problem("import-stale", value=sid)
        elif row.item["quote"] not in source.text:
            yield row.at("quote").problem("quote-not-in-source", source=sid)


def import_indicators(draft: Draft) -> Iterator[Problem]:
    """An accepted row names an indicator that exists."""
    for row in draft.imports:
        iid = row.item["indicator_id"]
        if not iid:
            yield row.at("indicator_id").problem("import-accept-without-indicator")
        elif iid not in draft.indicators:
            yield row.at("indicator_id").problem("import-unknown-indicator", value=iid)
