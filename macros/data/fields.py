"""Parsed YAML mappings and CSV rows checked against the schema's fields, each value by its kind.

Each function appends the problems it finds to ``problems`` and returns the checked values, or
None when any is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from macros.data import schema
from macros.data.kinds import KINDS, Fault, check_text
from macros.data.problems import Problem, clipped, problem
from macros.data.readers import CsvRow, Located


def text_value(f: schema.Field, text: str, where: tuple[str, int, int], today: dt.date, problems: list[Problem]) -> Any:
    """The value of a YAML string or a CSV cell at ``where`` (shown path, line, column), or None when refused."""
    value = check_text(f, text, today)
    if isinstance(value, Fault):
        problems.append(problem(*where, value.code, **value.values))
        return None
    return value


def yaml_value(f: schema.Field, item: Located, shown: str, today: dt.date, problems: list[Problem]) -> Any:
    value, kind = item.value, KINDS[f.kind]
    if f.kind == "items":  # a list of mappings, checked by the caller
        if not isinstance(value, list):
            problems.append(problem(shown, item.line, item.column, "not-a-list"))
            return None
        return value
    if f.kind == "list":
        if not isinstance(value, list) or not all(isinstance(v.value, str) for v in value):
            problems.append(
                problem(shown, item.line, item.column, "bad-type", key=f.name, expected_zh=kind.expected, expected_en="a list of text", value=show(value))
            )
            return None
        each = schema.Field(f.name, f.item, False, "", "")  # each item is checked by the list's item kind
        checked = [
            text_value(each, v.value, (shown, v.line, v.column), today, problems) if v.value.strip() else _empty_item(f, v, shown, problems) for v in value
        ]
        return None if None in checked else tuple(checked)
    if f.kind == "record" and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a code of digits (网站标识码) unquoted reads as a number in YAML: its digits are the code
    if not isinstance(value, kind.scalar) or (kind.scalar is int and isinstance(value, bool)):
        problems.append(problem(shown, item.line, item.column, "bad-type", key=f.name, expected_zh=kind.expected, expected_en=f.kind, value=show(value)))
        return None
    if isinstance(value, int) and f.bounds and not f.bounds[0] <= value <= f.bounds[1]:
        problems.append(problem(shown, item.line, item.column, "out-of-range", key=f.name, low=f.bounds[0], high=f.bounds[1], value=value))
        return None
    return text_value(f, value, (shown, item.line, item.column), today, problems) if isinstance(value, str) else value


def _empty_item(f: schema.Field, item: Located, shown: str, problems: list[Problem]) -> None:
    """An empty item ("" in a glossary's aliases would name every indicator) is refused."""
    problems.append(problem(shown, item.line, item.column, "empty-item", key=f.name))


def mapping(node: Located | None, fields: tuple[schema.Field, ...], shown: str, today: dt.date, problems: list[Problem]) -> dict[str, Any] | None:
    """A YAML mapping's values by field name: no unknown key, every required field, each value of its kind."""
    if node is None:
        return None
    if not isinstance(node.value, dict):
        problems.append(problem(shown, node.line, node.column, "not-a-mapping"))
        return None
    known = {f.name for f in fields}
    for key, item in node.value.items():
        if key not in known:
            problems.append(problem(shown, item.line, max(1, item.column - len(key) - 2), "unknown-key", key=key, allowed=", ".join(sorted(known))))
    out: dict[str, Any] = {}
    ok = True
    for f in fields:
        item = node.value.get(f.name)
        if item is None or item.value in (None, ""):
            if f.required:
                problems.append(problem(shown, node.line, node.column, "missing-field", key=f.name))
                ok = False
            continue
        value = yaml_value(f, item, shown, today, problems)
        ok = ok and value is not None
        out[f.name] = value
    return out if ok else None


def row(csv_row: CsvRow, fields: tuple[schema.Field, ...], shown: str, today: dt.date, problems: list[Problem]) -> dict[str, Any] | None:
    """A CSV row's values by column: every required one given, each of its kind ("" for an empty cell)."""
    out: dict[str, Any] = {}
    ok = True
    for f in fields:
        text = csv_row.cells.get(f.name, "").strip()
        column = csv_row.columns.get(f.name, 1)
        if not text:
            if f.required:
                problems.append(problem(shown, csv_row.line, column, "missing-field", key=f.name))
                ok = False
            out[f.name] = ""
            continue
        value = text_value(f, text, (shown, csv_row.line, column), today, problems)
        ok = ok and value is not None
        out[f.name] = value
    return out if ok else None


def header(names: list[str], fields: tuple[schema.Field, ...], shown: str, problems: list[Problem]) -> bool:
    """A CSV header names each column once, every required one and no other."""
    known = [f.name for f in fields]
    for name in sorted({h for h in names if names.count(h) > 1}):
        problems.append(problem(shown, 1, _header_column(names, name), "csv-header", detail=f"重复的列 duplicate column {name}"))
    if len(set(names)) != len(names):
        return False
    unknown = [h for h in names if h not in known]
    missing = [f.name for f in fields if f.required and f.name not in names]
    for name in unknown:
        problems.append(
            problem(shown, 1, _header_column(names, name), "csv-header", detail=f"未知列 unknown column {name}（允许 allowed: {', '.join(known)}）")
        )
    for name in missing:
        problems.append(problem(shown, 1, 1, "csv-header", detail=f"缺少列 missing column {name}"))
    return not unknown and not missing


def same_id(values: dict[str, Any], path: Path, node: Located, shown: str, problems: list[Problem]) -> bool:
    """The id a file gives is its file name."""
    if values["id"] == path.stem:
        return True
    where = node.value["id"]
    problems.append(problem(shown, where.line, where.column, "id-mismatch", value=values["id"], stem=path.stem))
    return False


def _header_column(names: list[str], name: str) -> int:
    return sum(len(h) + 1 for h in names[: names.index(name)]) + 1


def show(value: object) -> str:
    """A YAML value as a message names it: a list or mapping abbreviated."""
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return repr(value) if len(repr(value)) <= 42 else clipped(repr(value))
