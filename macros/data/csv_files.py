"""The CSV files of ``data/`` (and the registers' YAML) read into the draft, each row's fields checked.

Each function appends the problems it finds to ``problems``; a row with problems is left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from macros.data import fields, schema
from macros.data.catalog import Missing, Observation, RegisterRow, Revision
from macros.data.draft import Entry, Key, RegisterDraft, Row, shown_path
from macros.data.problems import Problem, problem
from macros.data.readers import CsvRow, read_csv, read_yaml

MISSING_FIELDS = ("period", "breakdown", "source", "quote", "note")  # what a row flagged missing keeps


def table(path: Path, wanted: tuple[schema.Field, ...], shown: str, today: dt.date, problems: list[Problem]) -> list[tuple[dict[str, Any], CsvRow]]:
    """The sound rows of a CSV file with a sound header: each row's values, and the row for places."""
    parsed = read_csv(path, shown, problems)
    if parsed is None or not fields.header(parsed[0], wanted, shown, problems):
        return []
    checked = ((fields.row(csv_row, wanted, shown, today, problems), csv_row) for csv_row in parsed[1])
    return [(cells, csv_row) for cells, csv_row in checked if cells is not None]


def observations(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[tuple[Row[Observation], ...], tuple[Row[Missing], ...], frozenset[Key]]:
    """The observations and the rows flagged missing of every observations file, and the key of every row written."""
    found: list[Row[Observation]] = []
    missing: list[Row[Missing]] = []
    written: set[Key] = set()
    for path in sorted((data_dir / "observations").glob("*.csv")):
        shown, iid = shown_path(data_dir, path), path.stem
        if not (data_dir / "indicators" / f"{iid}.yaml").exists():
            problems.append(problem(shown, 1, 1, "orphan-observations", value=iid))
            continue
        before = len(problems)
        parsed = read_csv(path, shown, problems)
        if parsed is None or not fields.header(parsed[0], schema.OBSERVATION_FIELDS, shown, problems):
            continue
        if not parsed[1] and len(problems) == before:  # rows with errors are reported already
            problems.append(problem(shown, 1, 1, "empty-file"))
        for csv_row in parsed[1]:
            written.add((iid, csv_row.cells.get("period", "").strip(), csv_row.cells.get("breakdown", "").strip()))
            cells = fields.row(csv_row, schema.OBSERVATION_FIELDS, shown, today, problems)
            if cells is None or not _value_present(cells, csv_row, shown, problems):
                continue
            if cells["flag"] == "missing":
                missing.append(Row(Missing(indicator_id=iid, **{k: cells[k] for k in MISSING_FIELDS}), shown, csv_row.line, csv_row.columns))
            else:
                found.append(Row(Observation(indicator_id=iid, **cells), shown, csv_row.line, csv_row.columns))
    return tuple(found), tuple(missing), frozenset(written)


def _value_present(cells: dict[str, Any], csv_row: CsvRow, shown: str, problems: list[Problem]) -> bool:
    """A value is given, or the row is flagged missing, never both or neither."""
    empty = cells["value"] == ""
    if empty == (cells["flag"] == "missing"):
        return True
    code = "empty-value" if empty else "value-with-missing-flag"
    problems.append(problem(shown, csv_row.line, csv_row.columns.get("value", 1), code))
    return False


def revisions(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[Row[Revision], ...]:
    path = data_dir / "revisions.csv"
    if not path.exists():
        return ()
    shown = shown_path(data_dir, path)
    return tuple(Row(Revision(**cells), shown, r.line, r.columns) for cells, r in table(path, schema.REVISION_FIELDS, shown, today, problems))


def imports(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[Row[dict[str, Any]], ...]:
    """The rows a person accepted in the review files of `make import` (never published), checked as the data
    they become. A review file never blocks the data: the other rows (proposed, candidate, new, reject) are
    not data, and only their status is checked."""
    status = schema.IMPORT_FIELDS[:1]
    rows = []
    for path in sorted((data_dir / "imports").glob("*.csv")):
        shown = shown_path(data_dir, path)
        parsed = read_csv(path, shown, problems)
        if parsed is None or not fields.header(parsed[0], schema.IMPORT_FIELDS, shown, problems):
            continue
        for csv_row in parsed[1]:
            if csv_row.cells.get("status", "").strip() != "accept":
                fields.row(csv_row, status, shown, today, problems)
            elif (cells := fields.row(csv_row, schema.IMPORT_FIELDS, shown, today, problems)) is not None:
                rows.append(Row(cells, shown, csv_row.line, csv_row.columns))
    return tuple(rows)


def registers(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[RegisterDraft, ...]:
    """Each register whose metadata is sound, with the sound rows of its table (none when it has no table)."""
    found = []
    for path in sorted((data_dir / "registers").glob("*.yaml")):
        shown = shown_path(data_dir, path)
        node = read_yaml(path, shown, problems)
        values = fields.mapping(node, schema.REGISTER_FIELDS, shown, today, problems)
        if values is None or node is None or not fields.same_id(values, path, node, shown, problems):
            continue
        csv_path, rows = path.with_suffix(".csv"), []
        if not csv_path.exists():
            problems.append(problem(shown, 1, 1, "register-table-missing", value=shown_path(data_dir, csv_path)))
        else:
            csv_shown = shown_path(data_dir, csv_path)
            rows = [
                Row(RegisterRow(**cells), csv_shown, r.line, r.columns) for cells, r in table(csv_path, schema.REGISTER_ROW_FIELDS, csv_shown, today, problems)
            ]
        found.append(RegisterDraft(Entry(values, shown, node), tuple(rows)))
    return tuple(found)
