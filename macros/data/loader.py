"""Load ``data/`` into a Catalog, checking everything against the schema.

Reading each file (its syntax and fields, see ``fields`` and ``kinds``) gives a draft; the rules
(``macros.data.rules``) check it across files. Every problem is collected; if there is any, one
DataError lists them all and no catalog is returned, so nothing is built from bad data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from macros.data import archives, csv_files, yaml_files
from macros.data.catalog import Catalog, Commitment, Indicator, Plan, PlanLine, Register
from macros.data.draft import Draft, Key, PlanDraft, Row
from macros.data.problems import WARNINGS, DataError, Problem, visible
from macros.data.releases import release_dir, released_values
from macros.data.rules import files, imports, indicators, observations, plan, quotes, registers, releases, warnings
from macros.data.rules.quotes import NUMBER_IN_TEXT as NUMBER_IN_TEXT  # imported from here by the importer's tests
from macros.data.rules.quotes import WORDS as WORDS
from macros.data.rules.quotes import value_in_quote as value_in_quote

Rule = Callable[[Draft], Iterable[Problem]]

# an observation these find a problem in is left out of what the other rules see
ROW_RULES: tuple[Rule, ...] = (
    observations.duplicate_periods,
    observations.period_types,
    observations.counts_and_shares,
    observations.derived_values,
    observations.period_bases,
    observations.derived_periods,
    observations.wording_notes,
    observations.stated_decimals,
    observations.cut_off_dates,
    observations.rank_qualifiers,
    observations.items_per_period,
    quotes.observation_quotes,
)
RULES: tuple[Rule, ...] = (
    files.unexpected_files,
    indicators.known_areas,
    indicators.rank_scopes,
    indicators.changes,
    indicators.related,
    indicators.observation_files,
    registers.register_indicators,
    quotes.register_quotes,
    releases.release_order,
    releases.released_files,
    releases.files_since_base,
    releases.revision_indicators,
    releases.released_values,
    releases.revisions_released,
    plan.plan_source,
    plan.plan_quotes,
    plan.commitment_ids,
    plan.targets,
    plan.commitment_indicators,
    imports.import_sources,
    imports.import_indicators,
)
WARNING_RULES: tuple[Rule, ...] = (warnings.duplicate_titles, warnings.large_changes, warnings.implausible_values)


def read(data_dir: Path, today: dt.date, base: str = "") -> Draft:
    """Every file under ``data_dir``, each checked by itself."""
    problems: list[Problem] = []
    sources, source_ids = archives.sources(data_dir, today, problems)
    found, missing, written = csv_files.observations(data_dir, today, problems)
    published = yaml_files.releases(data_dir, today, problems)
    return Draft(
        data_dir=data_dir,
        base=base,
        areas=yaml_files.areas(data_dir, today, problems),
        sources=sources,
        source_ids=source_ids,
        indicator_entries=yaml_files.indicators(data_dir, today, problems),
        observation_ids=frozenset(p.stem for p in (data_dir / "observations").glob("*.csv")),
        observations=found,
        missing=missing,
        written=written,
        registers=csv_files.registers(data_dir, today, problems),
        glossary=yaml_files.glossary(data_dir, today, problems),
        dataset=yaml_files.dataset(data_dir, today, problems),
        releases=published,
        released=tuple(_released(data_dir, release.version) for release in published),
        revisions=csv_files.revisions(data_dir, today, problems),
        plan=yaml_files.plan(data_dir, today, problems),
        imports=csv_files.imports(data_dir, today, problems),
        problems=tuple(problems),  # last: every reader above has added its own
    )


def _released(data_dir: Path, version: str) -> dict[Key, Decimal] | None:
    """A release's values, read from its observations file."""
    path = release_dir(data_dir, version) / "observations.csv"
    return released_values(path.read_bytes() if path.is_file() else None)


def run(rules: tuple[Rule, ...], draft: Draft) -> list[Problem]:
    return [p for rule in rules for p in rule(draft)]


def without_problem_rows(draft: Draft, problems: list[Problem]) -> Draft:
    """The draft without the observations a problem is on."""
    if not problems:
        return draft
    flagged = {(p.path, p.line) for p in problems}
    paths = {shown: str(visible(shown)) for shown in {row.shown for row in draft.observations}}  # as a problem shows it
    kept = tuple(row for row in draft.observations if (paths[row.shown], row.line) not in flagged)
    return dataclasses.replace(draft, observations=kept)


@dataclass(frozen=True)
class Checked:
    catalog: Catalog | None  # None when there is any problem
    problems: list[Problem]
    warnings: list[Problem]


def check(data_dir: Path, today: dt.date | None = None, base: str = "") -> Checked:
    """Read ``data_dir``, run every rule, and build the catalog when nothing is wrong."""
    draft = read(data_dir, today or dt.date.today(), base)
    found = run(ROW_RULES, draft)
    draft = without_problem_rows(draft, found)
    problems = [*draft.problems, *found, *run(RULES, draft)]
    warned = sorted(run(WARNING_RULES, draft))
    assert not any(p.code in WARNINGS for p in problems) and all(w.code in WARNINGS for w in warned)
    return Checked(None if problems else catalog(draft), problems, warned)


def catalog(draft: Draft) -> Catalog:
    """The catalog of a draft without problems."""
    found, missing = _by_indicator(draft.observations), _by_indicator(draft.missing)
    return Catalog(
        areas=draft.areas,
        sources=draft.sources,
        indicators={
            iid: Indicator(**e.values, observations=_in_order(found.get(iid, [])), missing=_in_order(missing.get(iid, [])))
            for iid, e in sorted(draft.indicators.items())
        },
        registers={r.entry.values["id"]: Register(**r.entry.values, rows=tuple(row.item for row in r.rows)) for r in draft.registers},
        glossary=draft.glossary,
        dataset=draft.dataset,
        releases=draft.releases,
        revisions=tuple(sorted((r.item for r in draft.revisions), key=lambda r: (r.date, r.indicator_id, r.period))),
        plan=_plan(draft.plan),
    )


def _by_indicator(rows: Iterable[Row[Any]]) -> dict[str, list[Any]]:
    """Observations (or rows flagged missing) by indicator."""
    out: dict[str, list[Any]] = {}
    for row in rows:
        out.setdefault(row.item.indicator_id, []).append(row.item)
    return out


def _in_order(items: list[Any]) -> tuple[Any, ...]:
    return tuple(sorted(items, key=lambda o: (o.period, o.breakdown)))


def _plan(draft: PlanDraft | None) -> Plan | None:
    if draft is None:
        return None
    lines = tuple(PlanLine(**{**line.entry.values, "commitments": tuple(Commitment(**c.values) for c in line.commitments)}) for line in draft.lines)
    return Plan(**{**draft.entry.values, "lines": lines})


class Loader:
    """``load()`` the catalog, or raise DataError with every problem; the warnings are kept in ``warnings``."""

    def __init__(self, data_dir: Path, today: dt.date | None = None, base: str = "") -> None:
        self.data_dir = data_dir
        self.today = today
        self.base = base  # a git commit whose published files must still be here unchanged ("" for none)
        self.warnings: list[Problem] = []

    def load(self) -> Catalog:
        checked = check(self.data_dir, self.today, self.base)
        self.warnings = checked.warnings
        if checked.catalog is None:
            raise DataError(checked.problems)
        return checked.catalog


def load_catalog(data_dir: Path, today: dt.date | None = None) -> Catalog:
    """Load and validate ``data_dir``; raise DataError listing every problem."""
    return Loader(data_dir, today).load()
