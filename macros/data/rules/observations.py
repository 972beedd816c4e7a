"""Observations: each sound by itself and with its indicator's metadata.

The loader runs these before the other rules: an observation they find a problem in is left out
of what the other rules see, as it is left out of the catalog.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from macros.data import schema
from macros.data.draft import Draft
from macros.data.formatting import number
from macros.data.formula import evaluate
from macros.data.problems import Problem


def duplicate_periods(draft: Draft) -> Iterator[Problem]:
    """A file gives each period (and breakdown) once."""
    first: dict[tuple[str, str, str], int] = {}
    for row in draft.observations:
        key = (row.item.period.text, row.item.breakdown)
        line = first.setdefault((row.shown, *key), row.line)
        if line != row.line:
            yield row.at("period").problem("duplicate-period", value=" ".join(filter(None, key)), first=line)


def period_types(draft: Draft) -> Iterator[Problem]:
    """A period is of its indicator's period type."""
    for row in draft.observations:
        meta = draft.indicators.get(row.item.indicator_id)
        if meta is not None and row.item.period.kind != meta.values["period_type"]:
            yield row.at("period").problem("period-type", value=row.item.period.text, period_type=meta.values["period_type"])


def counts_and_shares(draft: Draft) -> Iterator[Problem]:
    """A count is not negative; a share is between 0 and 100. A change of either (change_of: 新增, 增速) may
    be negative, and a growth rate over 100 %."""
    for row in draft.observations:
        meta, value = draft.indicators.get(row.item.indicator_id), row.item.value
        unit = meta.values["unit"] if meta is not None and not meta.values.get("change_of") else ""
        if unit in schema.COUNT_UNITS and value < 0:
            yield row.at("value").problem("negative-count", value=value)
        if unit in schema.SHARE_UNITS and not 0 <= value <= 100:
            yield row.at("value").problem("share-out-of-range", value=value)


def derived_values(draft: Draft) -> Iterator[Problem]:
    """A derived value has a note and a formula, and the formula gives the value."""
    for row in draft.observations:
        obs = row.item
        if obs.flag != "derived":
            continue
        if not obs.note or not obs.formula:
            yield row.at("formula" if "formula" in row.columns else "note").problem("derived-without-note")
            continue
        meta, result = draft.indicators.get(obs.indicator_id), evaluate(obs.formula)
        if meta is not None and result is not None:
            rounded = number(result, meta.values["decimals"])
            if Decimal(rounded) != obs.value:
                yield row.at("formula").problem("formula-mismatch", formula=obs.formula, result=rounded, value=obs.value)


def period_bases(draft: Draft) -> Iterator[Problem]:
    """A period basis is given for a year only."""
    for row in draft.observations:
        if row.item.period_basis and row.item.period.kind != "year":
            yield row.at("period_basis").problem("bad-period-basis", value=row.item.period_basis)


def derived_periods(draft: Draft) -> Iterator[Problem]:
    """A value derived from a figure whose year is the site's reading (inferred; the same indicator and
    quote) has its year read the same way: the same kind of value carries the same period label."""
    inferred = {(r.item.indicator_id, r.item.quote): r.line for r in draft.observations if r.item.flag != "derived" and r.item.period_basis == "inferred"}
    for row in draft.observations:
        line = inferred.get((row.item.indicator_id, row.item.quote))
        if row.item.flag == "derived" and line is not None and row.item.period_basis != "inferred" and row.item.period.kind == "year":
            yield row.at("period_basis" if "period_basis" in row.columns else "flag").problem("derived-period-basis", source_line=line)


def wording_notes(draft: Draft) -> Iterator[Problem]:
    """A value read from the source's wording says in its note how it was read."""
    for row in draft.observations:
        if row.item.flag == "from_wording" and not row.item.note:
            yield row.at("note").problem("wording-without-note")


def stated_decimals(draft: Draft) -> Iterator[Problem]:
    """A value has no more decimals than its indicator shows: more would be rounded away unseen."""
    for row in draft.observations:
        meta, value = draft.indicators.get(row.item.indicator_id), row.item.value
        exponent = value.as_tuple().exponent
        if meta is not None and isinstance(exponent, int) and -exponent > meta.values["decimals"]:
            yield row.at("value").problem("value-decimals", value=value, decimals=meta.values["decimals"])


def cut_off_dates(draft: Draft) -> Iterator[Problem]:
    """A cut-off date is not before the period it closes."""
    for row in draft.observations:
        as_of = row.item.as_of
        if as_of and as_of < row.item.period.start.isoformat():
            yield row.at("as_of").problem("as-of-before-period", value=as_of, period=row.item.period.label)


def rank_qualifiers(draft: Draft) -> Iterator[Problem]:
    """A rank is a place, never "about" or "at least" one (第约1名)."""
    for row in draft.observations:
        meta = draft.indicators.get(row.item.indicator_id)
        if meta is not None and meta.values["unit"] in schema.RANK_UNITS and row.item.qualifier:
            yield row.at("qualifier").problem("qualifier-on-rank", value=row.item.qualifier)


def items_per_period(draft: Draft) -> Iterator[Problem]:
    """A period has at most MAX_ITEMS breakdown items: a chart of more can't be read (or drawn)."""
    counted: dict[tuple[str, str], int] = {}
    for row in draft.observations:
        if row.item.breakdown:
            key = (row.item.indicator_id, row.item.period.text)
            counted[key] = counted.get(key, 0) + 1
            if counted[key] == schema.MAX_ITEMS + 1:
                yield row.at("breakdown").problem("too-many-items", period=row.item.period.text, limit=schema.MAX_ITEMS)
