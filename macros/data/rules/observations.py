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
    """A count is not negative; a share is between 0 and 100."""
    for row in draft.observations:
        meta, value = draft.indicators.get(row.item.indicator_id), row.item.value
        unit = meta.values["unit"] if meta is not None else ""
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


def wording_notes(draft: Draft) -> Iterator[Problem]:
    """A value read from the source's wording says in its note how it was read."""
    for row in draft.observations:
        if row.item.flag == "from_wording" and not row.item.note:
            yield row.at("note").problem("wording-without-note")
