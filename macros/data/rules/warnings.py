"""Warnings: what a person should check, never failing the data (problems.WARNINGS)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
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


def _totals(draft: Draft) -> dict[str, list[Row[Observation]]]:
    """Each indicator's totals (rows with no breakdown), oldest period first."""
    totals: dict[str, list[Row[Observation]]] = {}
    for row in sorted(draft.observations, key=lambda row: row.item.period):
        if not row.item.breakdown:
            totals.setdefault(row.item.indicator_id, []).append(row)
    return totals


def large_changes(draft: Draft) -> Iterator[Problem]:
    """A total changes from the period before by no more than its indicator's max_change percent."""
    totals = _totals(draft)
    for iid, entry in sorted(draft.indicators.items()):
        limit = entry.values.get("max_change")
        for before, after in pairwise(totals.get(iid, [])):
            if limit is None or before.item.value == 0:
                continue
            change = abs(percent_change(after.item.value, before.item.value))
            if change > limit:
                yield after.at("value").problem("large-change", previous=before.item.period.label, change=number(change, 1), limit=limit)


JUMP = 10  # times: a level more than this many times the period before's, or less than its share, is likely a slip


def implausible_values(draft: Draft) -> Iterator[Problem]:
    """What a slip of the unit or the decimal point makes (an indicator with its own max_change is checked by that):
    a total more than ten times, or less than a tenth of, the period before's; a growth rate over 1000 % (a
    share over 100 % is an error: observations.counts_and_shares)."""
    totals = _totals(draft)
    for iid, entry in sorted(draft.indicators.items()):
        rows = totals.get(iid, [])
        percent, change = entry.values["unit"] == "%", bool(entry.values.get("change_of"))
        for row in rows:
            if percent and change and abs(row.item.value) > 1000:
                yield row.at("value").problem("growth-over-1000", value=f"{row.item.value:f}")
        if entry.values.get("max_change") is not None or change:
            continue
        for before, after in pairwise(rows):
            if before.item.value > 0 and after.item.value > 0 and not (Decimal(1) / JUMP <= after.item.value / before.item.value <= JUMP):
                ratio = after.item.value / before.item.value
                times, share = number(ratio, 1), number(ratio * 100, 1)
                words = (f"{times} 倍", f"{times} times") if ratio > 1 else (f"{share}%", f"{share}% of")
                yield after.at("value").problem(
                    "implausible-jump",
                    value=f"{after.item.value:f}",
                    previous=before.item.period.label,
                    before=f"{before.item.value:f}",
                    ratio=words[0],
                    ratio_en=words[1],
                )
