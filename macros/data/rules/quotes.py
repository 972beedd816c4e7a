"""Quotes: each quoted sentence is in its source verbatim and has words; a value the source states is in its quote."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

from macros.data import schema
from macros.data.draft import Draft, Row
from macros.data.problems import Problem
from macros.data.quotes import positions

NUMBER_IN_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
WORDS = re.compile(r"[^\W\d_]{2,}")  # two letters or Chinese characters in a row


# a decimal broken after its point by a line break before a percentage (增长8.\n3%, as `make import` reads it)
BROKEN_DECIMAL = re.compile(r"(?<=[0-9][.．])\n(?=[0-9]+[%％])")


def value_in_quote(value: Decimal, quote: str) -> bool:
    """A value the source states must be printed in its quote, as a number (one read from words is
    flagged ``from_wording``)."""
    return any(Decimal(token) == value for token in NUMBER_IN_TEXT.findall(BROKEN_DECIMAL.sub("", quote)))


def _found(draft: Draft, rows: Iterable[Row]) -> dict[str, dict[str, int]]:
    """The rows' quotes found in their sources, each source's all at once."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.item.source, set()).add(row.item.quote)
    return {sid: positions(draft.sources[sid].text, found) for sid, found in wanted.items() if sid in draft.sources}


def _quote_problem(draft: Draft, row: Row, found: dict[str, dict[str, int]], normal: dict[str, str]) -> Problem | None:
    """The row's source exists and holds its quote verbatim, and the quote has words (a source with
    problems of its own is reported there). A quote that differs only in Unicode form (a compatibility
    ideograph, a decomposed accent) says so; ``normal`` keeps each source's normalised text for that."""
    source_id, quote = row.item.source, row.item.quote
    source = draft.sources.get(source_id)
    if source is None:
        return None if source_id in draft.source_ids else row.at("source").problem("unknown-ref", kind="来源", kind_en="source", value=source_id)
    if quote not in found[source_id]:  # every row asked about was searched for in its source
        if source_id not in normal:
            normal[source_id] = unicodedata.normalize("NFKC", source.text)
        if unicodedata.normalize("NFKC", quote) in normal[source_id]:
            return row.at("quote").problem("quote-unicode-form", source=source_id)
        return row.at("quote").problem("quote-not-in-source", source=source_id)
    if not WORDS.search(NUMBER_IN_TEXT.sub("", quote)):
        return row.at("quote").problem("weak-quote")
    return None


def observation_quotes(draft: Draft) -> Iterator[Problem]:
    """The quote of each observation and each row flagged missing; the value of an observation the source states."""
    rows = [*draft.observations, *draft.missing]
    found, normal = _found(draft, rows), {}
    for row in draft.missing:
        if (p := _quote_problem(draft, row, found, normal)) is not None:
            yield p
    for row in draft.observations:
        obs = row.item
        if (p := _quote_problem(draft, row, found, normal)) is not None:
            yield p
        elif obs.source in draft.sources and schema.FLAGS[obs.flag].printed and not value_in_quote(obs.value, obs.quote):
            yield row.at("value").problem("value-not-in-quote", value=obs.value)


def register_quotes(draft: Draft) -> Iterator[Problem]:
    """The quote of each register row."""
    rows = [row for register in draft.registers for row in register.rows]
    found, normal = _found(draft, rows), {}
    for row in rows:
        if (p := _quote_problem(draft, row, found, normal)) is not None:
            yield p
