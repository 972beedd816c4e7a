"""Warnings: what a person should check, never failing the data (problems.WARNINGS)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from macros.data.catalog import Observation
from macros.data.draft import At, Draft, Row
from macros.data.formatting import number
from macros.data.formula import percent_change
from macros.data.problems import Problem


def duplicate_titles(draft: Draft) -> Iterator[Problem]:
    """An indicator's title is not another's (a copied file not changed?)."""
    first: dict[str, str] = {}
    for iid, entry in sorted(draft.indicators.items()):
        titles = (entry.values["title"], entry.values["title_en"])
        other = next((first[t] for t in titles if t in first), None)
        if other is not None:
            yield At(entry.shown, 1).problem("duplicate-title", other=other)
        for title in titles:
            first.setdefault(title, iid)


def large_changes(draft: Draft) -> Iterator[Problem]:
    """A total changes from the period before by no more than its indicator's max_change percent."""
    totals: dict[str, list[Row[Observation]]] = {}
    for row in draft.observations:
        if not row.item.breakdown:
            totals.setdefault(row.item.indicator_id, []).append(row)
    for iid, entry in sorted(draft.indicators.items()):
        limit = entry.values.get("max_change")
        rows = sorted(totals.get(iid, []), key=lambda row: row.item.period)
        for before, after in pairwise(rows):
            if limit is None or before.item.value == 0:
                continue
            change = abs(percent_change(after.item.value, before.item.value))
            if change > limit:
                yield after.at("value").problem("large-change", previous=before.item.period.label, change=number(change, 1), limit=limit)
