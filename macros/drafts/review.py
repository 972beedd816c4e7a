"""The review file of an import (data/imports/<source id>.csv) and applying what a person accepted.

The file is UTF-8 with a byte-order mark, so that Excel and WPS show its Chinese; its columns are
``schema.IMPORT_FIELDS``. Applying appends each accepted row to its indicator's observations,
once: a row already there is skipped, a different value for the same period is a conflict, and
with any conflict nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from macros.data import schema
from macros.drafts.matching import Proposal

COLUMNS = [f.name for f in schema.IMPORT_FIELDS]
OBSERVATION_COLUMNS = [f.name for f in schema.OBSERVATION_FIELDS]


def review_path(data_dir: Path, source_id: str) -> Path:
    return data_dir / "imports" / f"{source_id}.csv"


def rows(proposals: list[Proposal], source_id: str, source_sha256: str) -> list[dict[str, str]]:
    """One review row per figure, in the order of the text."""
    out = []
    for p in proposals:
        f, ind = p.figure, p.indicator
        out.append({
            "status": "proposed" if ind else "new",
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
            "flag": "",
            "formula": "",
            "note": p.note,
            "quote": f.clause,
            "source": source_id,
            "source_sha256": source_sha256,
        })
    return out


def csv_text(table: list[dict[str, str]], columns: list[str]) -> str:
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


def _row_line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


def plan(data_dir: Path, source_id: str) -> Applied:
    """What applying the review file of ``source_id`` writes: accepted rows appended to their
    observation files (a file is rewritten only when it needs a new column). ApplyError lists every conflict."""
    path = review_path(data_dir, source_id)
    if not path.is_file():
        raise ApplyError(f"没有审核表 {path}：先运行 make import FILE=… ID={source_id} / no review file: run make import first")
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    accepted = [(line, r) for line, r in enumerate(reader, 2) if r.get("status") == "accept"]
    originals: dict[Path, str] = {}
    tables: dict[Path, tuple[list[str], list[dict[str, str]], int]] = {}  # header, rows, rows in the file before
    problems, added, skipped = [], [], 0
    for line, row in accepted:
        iid = row.get("indicator_id", "")
        target = data_dir / "observations" / f"{iid}.csv"
        if not iid or not (data_dir / "indicators" / f"{iid}.yaml").is_file():
            problems.append(f"{path}:{line}: 指标 {iid or '（空）'} 不存在 / no such indicator")
            continue
        if target not in tables:
            originals[target] = target.read_text(encoding="utf-8") if target.is_file() else ""
            existing = csv.DictReader(io.StringIO(originals[target]))
            current = list(existing)
            tables[target] = (list(existing.fieldnames or OBSERVATION_COLUMNS), current, len(current))
        header, table, _ = tables[target]
        new = {name: row.get(name, "") for name in OBSERVATION_COLUMNS}
        same = [r for r in table if r.get("period") == new["period"] and (r.get("breakdown") or "") == new["breakdown"]]
        if same and all((same[0].get(k) or "") == new[k] for k in ("value", "source", "quote")):
            skipped += 1
            continue
        if same:
            problems.append(f"{path}:{line}: {target.name} 的 {new['period']} 已有数值 {same[0].get('value')}，审核表为 {new['value']}；修改已有数值请按修订流程 / the period already holds another value")
            continue
        header += [name for name in OBSERVATION_COLUMNS if new[name] and name not in header]
        table.append(new)
        added.append((iid, new["period"]))
    if problems:
        raise ApplyError("\n".join(problems))
    texts = {}
    for target, (header, table, before) in tables.items():
        if len(table) == before:
            continue
        original = originals[target]
        if original and header == next(csv.reader(io.StringIO(original))):
            texts[target] = original + ("" if original.endswith("\n") else "\n") + "".join(_row_line([r.get(k) or "" for k in header]) for r in table[before:])
        else:
            texts[target] = csv_text([{k: r.get(k) or "" for k in header} for r in table], header)
    return Applied(texts, added, skipped)
