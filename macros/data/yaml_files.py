"""The YAML files of ``data/`` read into the draft, each file's fields checked (see ``fields``).

Each function appends the problems it finds to ``problems``; an item with problems is left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from macros.data import fields, schema
from macros.data.catalog import Area, Dataset, Release, Term
from macros.data.draft import Entry, PlanDraft, PlanLineDraft, shown_path
from macros.data.problems import Problem, problem
from macros.data.readers import read_yaml

OPTIONAL_LISTS = ("glossary.yaml", "releases.yaml")


def listed(data_dir: Path, name: str, wanted: tuple[schema.Field, ...], key: str, today: dt.date, problems: list[Problem]) -> list[dict[str, Any]]:
    """A YAML file holding a list of mappings, each checked against ``wanted``; ``key`` must be unique."""
    path = data_dir / name
    if not path.exists() and name in OPTIONAL_LISTS:
        return []
    shown = shown_path(data_dir, path)
    node = read_yaml(path, shown, problems)
    if node is None:
        return []
    if not isinstance(node.value, list):
        problems.append(problem(shown, node.line, node.column, "not-a-list"))
        return []
    items: dict[str, dict[str, Any]] = {}
    for item in node.value:
        values = fields.mapping(item, wanted, shown, today, problems)
        if values is None:
            continue
        if values[key] in items:
            problems.append(problem(shown, item.line, item.column, "duplicate-id", value=values[key]))
        items[values[key]] = values
    return list(items.values())


def areas(data_dir: Path, today: dt.date, problems: list[Problem]) -> dict[str, Area]:
    return {values["id"]: Area(**values) for values in listed(data_dir, "areas.yaml", schema.AREA_FIELDS, "id", today, problems)}


def glossary(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[Term, ...]:
    return tuple(Term(**values) for values in listed(data_dir, "glossary.yaml", schema.GLOSSARY_FIELDS, "term", today, problems))


def releases(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[Release, ...]:
    return tuple(Release(**values) for values in listed(data_dir, "releases.yaml", schema.RELEASE_FIELDS, "version", today, problems))


def dataset(data_dir: Path, today: dt.date, problems: list[Problem]) -> Dataset | None:
    path = data_dir / "dataset.yaml"
    shown = shown_path(data_dir, path)
    values = fields.mapping(read_yaml(path, shown, problems), schema.DATASET_FIELDS, shown, today, problems)
    return Dataset(**values) if values else None


def indicators(data_dir: Path, today: dt.date, problems: list[Problem]) -> dict[str, Entry]:
    """Each indicator whose metadata is sound by itself (whether its area exists is a rule's to check)."""
    found: dict[str, Entry] = {}
    for path in sorted((data_dir / "indicators").glob("*.yaml")):
        shown = shown_path(data_dir, path)
        node = read_yaml(path, shown, problems)
        values = fields.mapping(node, schema.INDICATOR_FIELDS, shown, today, problems)
        if values is not None and node is not None and fields.same_id(values, path, node, shown, problems):
            found[values["id"]] = Entry(values, shown, node)
    return found


def plan(data_dir: Path, today: dt.date, problems: list[Problem]) -> PlanDraft | None:
    """The plan, its lines of work and their commitments (a line or commitment with problems is left out)."""
    path = data_dir / "plan.yaml"
    if not path.exists():
        return None
    shown = shown_path(data_dir, path)
    node = read_yaml(path, shown, problems)
    values = fields.mapping(node, schema.PLAN_FIELDS, shown, today, problems)
    if values is None or node is None:
        return None
    lines = []
    for line_node in values["lines"]:
        line = fields.mapping(line_node, schema.PLAN_LINE_FIELDS, shown, today, problems)
        if line is None:
            continue
        commitments = []
        for item in line["commitments"]:
            commitment = fields.mapping(item, schema.COMMITMENT_FIELDS, shown, today, problems)
            if commitment is not None:
                commitments.append(Entry(commitment, shown, item))
        lines.append(PlanLineDraft(Entry(line, shown, line_node), tuple(commitments)))
    return PlanDraft(Entry(values, shown, node), tuple(lines))
