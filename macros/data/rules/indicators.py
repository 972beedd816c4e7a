"""Indicators: in an area that exists, referring to indicators that exist, each with its observations file."""

from __future__ import annotations

from collections.abc import Iterator

from macros.data import schema
from macros.data.draft import At, Draft
from macros.data.problems import Problem


def known_areas(draft: Draft) -> Iterator[Problem]:
    """An indicator's area is in data/areas.yaml (an indicator in none is unknown to the other files)."""
    for entry in draft.indicator_entries.values():
        if entry.values["area"] not in draft.areas:
            yield entry.at("area").problem("unknown-ref", kind="领域", kind_en="area", value=entry.values["area"])


def rank_scopes(draft: Draft) -> Iterator[Problem]:
    """A rank says what it is among, in its title too."""
    for entry in draft.indicators.values():
        meta = entry.values
        if meta["unit"] in schema.RANK_UNITS and not (meta.get("rank_scope") and meta["rank_scope"] in meta["title"]):
            yield At(entry.shown, 1).problem("rank-without-scope")


def changes(draft: Draft) -> Iterator[Problem]:
    """An indicator that is another's change words it with {value}, in Chinese and in English, and the other exists."""
    for entry in draft.indicators.values():
        target = entry.values.get("change_of", "")
        wordings = [entry.values.get(key, "") for key in ("change_wording", "change_wording_en")]
        if any(bool(w) != bool(target) or (w and "{value}" not in w) for w in wordings):
            yield At(entry.shown, 1).problem("bad-change-wording")
        elif target == entry.values["id"]:
            yield entry.at("change_of").problem("self-reference", key="change_of")
        elif target and target not in draft.indicators:
            yield entry.at("change_of").problem("unknown-ref", kind="指标", kind_en="indicator", value=target)


def related(draft: Draft) -> Iterator[Problem]:
    """Related indicators exist, and are others."""
    for iid, entry in draft.indicators.items():
        for other in entry.values.get("related", ()):
            if other == iid:
                yield entry.at("related").problem("self-reference", key="related")
            elif other not in draft.indicators:
                yield entry.at("related").problem("unknown-ref", kind="指标", kind_en="indicator", value=other)


def observation_files(draft: Draft) -> Iterator[Problem]:
    """Every indicator has its observations file (a file without an indicator is refused as it is read)."""
    for iid in sorted(set(draft.indicators) - draft.observation_ids):
        yield At(draft.indicators[iid].shown, 1).problem("missing-observations", value=iid)
