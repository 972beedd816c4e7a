"""Releases: in order, their files unchanged, and every change to a released value recorded as a revision."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from macros.data import history, schema
from macros.data.catalog import Missing, Observation, Revision
from macros.data.draft import At, Draft, Key, Row
from macros.data.problems import Problem


def _key(item: Observation | Missing | Revision) -> Key:
    return item.indicator_id, item.period.text, item.breakdown


def release_order(draft: Draft) -> Iterator[Problem]:
    """Each release has a higher version number than the one before it, and is not dated earlier."""
    for before, after in pairwise(draft.releases):
        if schema.version_key(after.version) <= schema.version_key(before.version) or after.date < before.date:
            yield At(draft.shown(draft.data_dir / "releases.yaml"), 1).problem("release-order", value=after.version)


def released_files(draft: Draft) -> Iterator[Problem]:
    """Each release's files are as its SHA256SUMS and releases.yaml record them (see ``history.verify``)."""
    yield from history.verify(draft.data_dir, draft.releases, draft.shown)


def files_since_base(draft: Draft) -> Iterator[Problem]:
    """What the BASE commit published is here unchanged (see ``history.since``); raises UnknownBase."""
    if draft.base:
        yield from history.since(draft.base, draft.data_dir, draft.shown)


def revision_indicators(draft: Draft) -> Iterator[Problem]:
    """A revision is of an indicator that exists (one that is not is left out of the other checks)."""
    for row in draft.revisions:
        if row.item.indicator_id not in draft.indicators:
            yield row.at("indicator_id").problem("unknown-ref", kind="指标", kind_en="indicator", value=row.item.indicator_id)


def _revisions(draft: Draft) -> list[Row[Revision]]:
    """The revisions of indicators that exist, by date."""
    known = (row for row in draft.revisions if row.item.indicator_id in draft.indicators)
    return sorted(known, key=lambda row: (row.item.date, row.item.indicator_id, row.item.period))


def released_values(draft: Draft) -> Iterator[Problem]:
    """Every change to a value of the latest release needs a revision record that matches it."""
    if not draft.releases or draft.released[-1] is None:
        return
    version, released = draft.releases[-1].version, draft.released[-1]
    current = {_key(row.item): row for row in draft.observations if row.item.indicator_id in draft.indicators}
    recorded = {_key(row.item): row for row in _revisions(draft)}  # the latest record per key
    for key, old in released.items():
        if key not in current:  # a row still written (marked missing, say) is no removal
            if key[0] in draft.indicators and key not in draft.written:
                shown = draft.shown(draft.data_dir / "observations" / f"{key[0]}.csv")
                yield At(shown, 1).problem("removed-released", version=version, key=" ".join(filter(None, key)))
            continue
        new, revision = current[key].item.value, recorded.get(key)
        if revision is None:
            if new != old:
                yield current[key].at("value").problem("unrecorded-revision", version=version, old=old, new=new)
        elif revision.item.new_value != new or (new != old and revision.item.old_value != old):
            # a record for a change that is not in the data, or one that differs from it
            yield revision.at().problem("revision-mismatch", rec_old=revision.item.old_value, rec_new=revision.item.new_value, old=old, new=new)


def revisions_released(draft: Draft) -> Iterator[Problem]:
    """A revision changes a value that was released, from the value a release holds, to another one."""
    values = [v or {} for v in draft.released]
    for row in _revisions(draft):
        r, key = row.item, _key(row.item)
        if r.old_value == r.new_value:
            yield row.at().problem("revision-no-change", value=r.old_value)
        elif not any(key in v for v in values):
            yield row.at().problem("revision-unreleased", key=" ".join(filter(None, key)))
        elif not any(v.get(key) == r.old_value for v in values):
            yield row.at().problem("revision-old-value", old=r.old_value, released="、".join(str(v[key]) for v in values if key in v))
