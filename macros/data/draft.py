"""The draft: everything read from ``data/``, each file's fields checked, before any check across files.

Each parsed item carries where it stands (file, line, column), so a rule over the draft
(``macros.data.rules``) can name the place of any problem it finds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar

from macros.data.catalog import Area, Dataset, Missing, Observation, RegisterRow, Release, Revision, Source, Term
from macros.data.problems import Problem, problem
from macros.data.readers import Located

T = TypeVar("T")
Key = tuple[str, str, str]  # an observation's indicator, period and breakdown


@dataclass(frozen=True)
class At:
    """A place in a data file: the path as problems show it, a line and a column (from 1)."""

    shown: str
    line: int
    column: int = 1

    def problem(self, code: str, **values: object) -> Problem:
        return problem(self.shown, self.line, self.column, code, **values)


@dataclass(frozen=True)
class Entry:
    """A YAML mapping whose fields are checked: the values by field name, and the parsed node for places."""

    values: dict[str, Any]
    shown: str
    node: Located

    def at(self, key: str = "") -> At:
        """Where the value of ``key`` stands ("": the mapping itself)."""
        where = self.node.value[key] if key else self.node
        return At(self.shown, where.line, where.column)


@dataclass(frozen=True)
class Row(Generic[T]):
    """What a CSV row holds, its fields checked, with where the row and each of its cells stand."""

    item: T
    shown: str
    line: int
    columns: dict[str, int]

    def at(self, column: str = "") -> At:
        """Where the cell of ``column`` stands ("" or a column the file lacks: the row's start)."""
        return At(self.shown, self.line, self.columns.get(column, 1))


@dataclass(frozen=True)
class RegisterDraft:
    entry: Entry
    rows: tuple[Row[RegisterRow], ...]  # none when its table is missing or unreadable


@dataclass(frozen=True)
class PlanLineDraft:
    entry: Entry
    commitments: tuple[Entry, ...]


@dataclass(frozen=True)
class PlanDraft:
    entry: Entry
    lines: tuple[PlanLineDraft, ...]


def shown_path(data_dir: Path, path: Path) -> str:
    """A path as problems show it: from the folder holding ``data/``."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Draft:
    """What ``data/`` holds, read and checked file by file. Items with problems of their own are left out."""

    data_dir: Path
    base: str  # a git commit whose published files must still be here unchanged ("" for none)
    problems: tuple[Problem, ...]  # found reading the files
    areas: dict[str, Area]
    sources: dict[str, Source]  # those whose file and archive are sound
    source_ids: frozenset[str]  # the id of every source file, sound or not
    indicator_entries: dict[str, Entry]  # by id, in file order
    observation_ids: frozenset[str]  # the name of every observations file
    observations: tuple[Row[Observation], ...]
    missing: tuple[Row[Missing], ...]
    written: frozenset[Key]  # the key of every row of a readable observations file, sound or not
    registers: tuple[RegisterDraft, ...]
    glossary: tuple[Term, ...]
    dataset: Dataset | None
    releases: tuple[Release, ...]
    released: tuple[dict[Key, Decimal] | None, ...]  # each release's values (None: it has no observations file)
    revisions: tuple[Row[Revision], ...]
    plan: PlanDraft | None
    imports: tuple[Row[dict[str, Any]], ...]

    def shown(self, path: Path) -> str:
        return shown_path(self.data_dir, path)

    @functools.cached_property
    def indicators(self) -> dict[str, Entry]:
        """The indicators other files may refer to: metadata sound by itself, in an area that exists."""
        return {iid: e for iid, e in self.indicator_entries.items() if e.values["area"] in self.areas}
