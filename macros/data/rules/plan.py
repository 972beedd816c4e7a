"""The work plan: quoted from its source, each commitment once, its target quoted, its indicators explained and existing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from macros.data.draft import Draft, Entry
from macros.data.problems import Problem


def _commitments(draft: Draft) -> list[Entry]:
    return [c for line in draft.plan.lines for c in line.commitments] if draft.plan else []


def plan_source(draft: Draft) -> Iterator[Problem]:
    """The plan's source exists (one with problems of its own is reported there)."""
    if draft.plan is None:
        return
    sid = draft.plan.entry.values["source"]
    if sid not in draft.sources and sid not in draft.source_ids:
        yield draft.plan.entry.at("source").problem("unknown-ref", kind="来源", kind_en="source", value=sid)


def plan_quotes(draft: Draft) -> Iterator[Problem]:
    """The quotes of the plan, its lines and its commitments are in its source, verbatim."""
    source = draft.sources.get(draft.plan.entry.values["source"]) if draft.plan else None
    if draft.plan is None or source is None:
        return
    quoted = [(draft.plan.entry, "chains_quote"), *((line.entry, "quote") for line in draft.plan.lines), *((c, "quote") for c in _commitments(draft))]
    for entry, key in quoted:
        if entry.values[key] not in source.text:
            yield entry.at(key).problem("quote-not-in-source", source=source.id)


def commitment_ids(draft: Draft) -> Iterator[Problem]:
    """Each commitment has an id of its own."""
    ids: set[str] = set()
    for c in _commitments(draft):
        if c.values["id"] in ids:
            yield c.at().problem("duplicate-id", value=c.values["id"])
        ids.add(c.values["id"])


# a quantified target names a figure, in digits or in Chinese numerals ("八个产业链条", "5000万元")
FIGURE = re.compile(r"[0-9０-９一二两三四五六七八九十百千万亿]")  # not 零: "清零" (to none) names no figure


def targets(draft: Draft) -> Iterator[Problem]:
    """A target is copied from its commitment's quote, and names a figure."""
    for c in _commitments(draft):
        target = c.values.get("target")
        if target and target not in c.values["quote"]:
            yield c.at("target").problem("target-not-in-quote")
        elif target and not FIGURE.search(target):
            yield c.at("target").problem("target-without-figure")


def commitment_indicators(draft: Draft) -> Iterator[Problem]:
    """A commitment's indicators exist, and it says what they measure."""
    for c in _commitments(draft):
        if c.values.get("indicators") and not c.values.get("measures"):
            yield c.at().problem("measures-missing")
        for iid in c.values.get("indicators", ()):
            if iid not in draft.indicators:
                yield c.at("indicators").problem("unknown-ref", kind="指标", kind_en="indicator", value=iid)
