"""The review file of an import (data/imports/<source id>.csv) and applying what a person accepted.

The file is UTF-8 with a byte-order mark, so that Excel and WPS show its Chinese; its columns are
``schema.IMPORT_FIELDS``. Applying appends each accepted row to its indicator's observations,
once: a row already there is skipped, a different value for the same period is a conflict, and
with any conflict nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from macros.data import schema
from macros.data.kinds import NUMBER
from macros.drafts.matching import Proposal

COLUMNS = tuple(f.name for f in schema.IMPORT_FIELDS)
OBSERVATION_COLUMNS = tuple(f.name for f in schema.OBSERVATION_FIELDS)


def review_path(data_dir: Path, source_id: str) -> Path:
    return data_dir / "imports" / f"{source_id}.csv"


def as_text(cell: str) -> str:
    """A cell as a spreadsheet shows it, never runs it: text that would start a formula (=, +, -, @) gets the
    apostrophe that marks a cell as text. Quotes never need it (figures.find starts each at a safe character:
    a quote must stay verbatim), the other cells are the site's own words or checked data: this is the last guard."""
    return "'" + cell if schema.FORMULA_LIKE.match(cell) and not NUMBER.fullmatch(cell) else cell  # -3.5 is a number to a spreadsheet


def rows(proposals: list[Proposal], source_id: str, source_sha256: str) -> list[dict[str, str]]:
    """One review row per figure, in the order of the text."""
    out = []
    for p in proposals:
        f, ind = p.figure, p.indicator
        row = {
            "status": p.status,
            "score": f"{p.score:.2f}",
            "indicator_id": ind.id if ind else "",
            "indicator_title": ind.title if ind else "",
            "period": f.period,
            "period_basis": f.period_basis,
            "as_of": f.as_of,
            "breakdown": "",
            "value": str(f.value),
            "unit": f.unit or f.word,
            "qualifier": f.qualifier,
            "flag": f.flag,
            "formula": "",
            "note": "；".join(filter(None, (p.differs, f.note, p.note))),
            "quote": f.clause,
            "source": source_id,
            "source_sha256": source_sha256,
        }
        out.append({name: as_text(cell) for name, cell in row.items()})
    return out


def csv_text(table: list[dict[str, str]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()


def review_bytes(table: list[dict[str, str]]) -> bytes:
    return ("\ufeff" + csv_text(table, COLUMNS)).encode("utf-8")


class ApplyError(Exception):
    """Accepted rows that can't be applied, one line each; nothing was written."""


@dataclass(frozen=True)
class Applied:
    files: dict[Path, str]  # observation files and their new text (only those that change)
    added: list[tuple[str, str]]  # (indicator, period) appended
    skipped: int  # accepted rows already in the data


def _archive_hash(data_dir: Path, source_id: str) -> str:
    """The SHA-256 of a source's archive (its .docx or .pdf, else its .txt); "" when there is none."""
    for ext in ("docx", "pdf", "txt"):
        path = data_dir / "sources" / f"{source_id}.{ext}"
        if schema.valid_id(source_id) and path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()
    return ""


def write(files: dict[Path, str]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are renamed into place."""
    temporary = {target: target.with_name(f".{target.name}.new") for target in files}
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)  # a new county's first import: no observations/ yet
            temporary[target].write_text(text, encoding="utf-8")
    except OSError:
        for path in temporary.values():
            path.unlink(missing_ok=True)
        raise
    for target, path in temporary.items():
        os.replace(path, target)


def _row_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


Tables = dict[Path, tuple[list[str], list[dict[str, str]], int]]  # each observation file: header, rows, rows in the file before


def _review_rows(path: Path, source_id: str) -> list[tuple[int, dict[str, str]]]:
    """The review file's rows with their line numbers (ApplyError when it is missing or unreadable)."""
    if not path.is_file():
        raise ApplyError(f"没有审核表 {path}：先运行 make import FILE=… ID={source_id} / no review file: run make import first")
    try:
        return list(enumerate(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))), 2))
    except (UnicodeDecodeError, csv.Error) as err:
        raise ApplyError(f"{path}: 无法读取（用 Excel 保存时请选“CSV UTF-8（逗号分隔）”）：{err} / cannot read the review file") from None


def _status_problems(data_dir: Path, path: Path, rows: list[tuple[int, dict[str, str]]]) -> list[str]:
    """Rows whose status is unknown, and accepted rows whose source changed since the import."""
    problems = []
    for line, row in rows:
        status = (row.get("status") or "").strip()
        if status not in schema.IMPORT_STATUSES:
            problems.append(f"{path}:{line}: status 只能是 {'、'.join(schema.IMPORT_STATUSES)}，不能是 {row.get('status')!r} / unknown status")
        elif status == "accept" and _archive_hash(data_dir, row.get("source") or "") != row.get("source_sha256"):
            problems.append(
                f"{path}:{line}: 审核表过期：来源 {row.get('source')} 的存档原文在导入后改动过，请重新 make import / the source changed since the import"
            )
    return problems


def _table(tables: Tables, originals: dict[Path, str], target: Path) -> tuple[list[str], list[dict[str, str]], int]:
    """An observation file as read once (its text kept in ``originals``, a byte-order mark as it was)."""
    if target not in tables:
        originals[target] = target.read_text(encoding="utf-8") if target.is_file() else ""
        existing = csv.DictReader(io.StringIO(originals[target].removeprefix("\ufeff")))
        current = list(existing)
        tables[target] = (list(existing.fieldnames or OBSERVATION_COLUMNS), current, len(current))
    return tables[target]


def _add(data_dir: Path, path: Path, line: int, row: dict[str, str], tables: Tables, originals: dict[Path, str]) -> str | tuple[str, str] | None:
    """Add one accepted row to its observation file's table: (indicator, period) when added, None when the
    file holds it already, else the problem."""
    iid = (row.get("indicator_id") or "").strip()
    if not schema.valid_id(iid) or not (data_dir / "indicators" / f"{iid}.yaml").is_file():
        return f"{path}:{line}: 指标 {iid or '（空）'} 不存在 / no such indicator"
    target = data_dir / "observations" / f"{iid}.csv"
    header, table, _ = _table(tables, originals, target)
    new = {name: row.get(name, "") for name in OBSERVATION_COLUMNS}
    same = [r for r in table if r.get("period") == new["period"] and (r.get("breakdown") or "") == new["breakdown"]]
    if same and all((same[0].get(k) or "") == new[k] for k in ("value", "source", "quote")):
        return None
    if same:
        return (
            f"{path}:{line}: {target.name} 的 {new['period']} 已有数值 {same[0].get('value')}，审核表为 {new['value']}；"
            "修改已有数值请按修订流程 / the period already holds another value"
        )
    header += [name for name in OBSERVATION_COLUMNS if new[name] and name not in header]
    table.append(new)
    return (iid, new["period"])


def _texts(tables: Tables, originals: dict[Path, str]) -> dict[Path, str]:
    """The observation files that gain rows, as written: rows appended to the text as it was, or the whole
    file rewritten when it needs a new column."""
    texts = {}
    for target, (header, table, before) in tables.items():
        if len(table) == before:
            continue
        original = originals[target]
        if original and header == next(csv.reader(io.StringIO(original.removeprefix("\ufeff")))):
            texts[target] = original + ("" if original.endswith("\n") else "\n") + "".join(_row_line([r.get(k) or "" for k in header]) for r in table[before:])
        else:
            mark = "\ufeff" if original.startswith("\ufeff") else ""
            texts[target] = mark + csv_text([{k: r.get(k) or "" for k in header} for r in table], header)
    return texts


def plan(data_dir: Path, source_id: str) -> Applied:
    """What applying the review file of ``source_id`` writes: accepted rows appended to their
    observation files (a file is rewritten only when it needs a new column). ApplyError lists every conflict."""
    path = review_path(data_dir, source_id)
    rows = _review_rows(path, source_id)
    problems = _status_problems(data_dir, path, rows)
    added: list[tuple[str, str]] = []
    skipped = 0
    originals: dict[Path, str] = {}
    tables: Tables = {}
    for line, row in rows:
        if (row.get("status") or "").strip() != "accept":
            continue
        result = _add(data_dir, path, line, row, tables, originals)
        if isinstance(result, str):
            problems.append(result)
        elif result is None:
            skipped += 1
        else:
            added.append(result)
    if problems:
        raise ApplyError("\n".join(problems))
    return Applied(_texts(tables, originals), added, skipped)
