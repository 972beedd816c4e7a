"""Releases: frozen copies of the exports under data/releases/<version>/, never changed.

Each release folder holds its files and a SHA256SUMS; data/releases.yaml records the hash
of that SHA256SUMS. ``history`` checks that none of it changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from macros.data import schema
from macros.data.catalog import Catalog


def release_dir(data_dir: Path, version: str) -> Path:
    return data_dir / "releases" / version


def frozen(data_dir: Path, version: str) -> dict[str, bytes]:
    """The files of a release, by path inside its folder, SHA256SUMS included."""
    folder = release_dir(data_dir, version)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


Key = tuple[str, str, str]


def _observations(csv_bytes: bytes) -> dict[Key, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8")))
    return {(r["indicator_id"], r["period"], r["breakdown"]): r for r in rows}


def _label(key: Key, row: dict[str, str]) -> str:
    return f"{row['indicator_name']} {row['period_label']}" + (f"（{key[2]}）" if key[2] else "")


# columns of observations.csv whose change a reader is told of, with their names; the others follow from
# these (a row's value_label, the source's title) or from the indicator (its English name, its area)
WORDED = {"as_of": "截止日期", "note": "备注", "formula": "算式", "source_id": "来源文件", "source_quote": "来源原句"}


def _mark(row: dict[str, str]) -> str:
    flag = schema.FLAGS.get(row["flag"], (row["flag"],))[0]
    qualifier = schema.QUALIFIERS.get(row.get("qualifier", ""), (row.get("qualifier", ""),))[0]
    return "、".join(m for m in (flag, qualifier) if m)


def _row_changes(key: Key, old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What changed in one row, each change a line (the columns both files have)."""
    label, unit = _label(key, new), new["unit"]
    differs = [c for c in new if c in old and old[c] != new[c]]
    lines = []
    if "value" in differs:
        lines.append(f"修改：{label} {old['value']} → {new['value']}{unit}。")
    if "flag" in differs or "qualifier" in differs:
        lines.append(f"修改标记：{label} {new['value']}{unit}，{_mark(old)} → {_mark(new)}。")
    if "period_label" in differs:
        lines.append(f"修改时期的写法：{new['indicator_name']} {old['period_label']} → {new['period_label']}。")
    others = [name for column, name in WORDED.items() if column in differs]
    if others:
        lines.append(f"修改{'、'.join(others)}：{label}。")
    return lines


def indicator_changes(old: bytes, new: bytes) -> dict[str, list[str]]:
    """What changed between two observations.csv files, by indicator, in Chinese, one line each: new and
    removed indicators and rows, changed names, values, marks, period wordings and sources. The
    changelog lists these lines and the downloads page marks these indicators: the same set."""
    before, after = _observations(old), _observations(new)
    found: dict[str, list[str]] = {}
    ids_before, ids_after = {k[0] for k in before}, {k[0] for k in after}
    names = {k[0]: r["indicator_name"] for k, r in after.items()}
    for iid in sorted(ids_after - ids_before):
        found.setdefault(iid, []).append(f"新增指标：{names[iid]}。")
    old_names = {k[0]: r["indicator_name"] for k, r in before.items()}
    for iid in sorted(ids_after & ids_before):
        if old_names[iid] != names[iid]:
            found.setdefault(iid, []).append(f"修改指标名称：{old_names[iid]} → {names[iid]}。")
    for key in sorted(after.keys() - before.keys()):
        if key[0] in ids_before:
            found.setdefault(key[0], []).append(f"新增数据：{_label(key, after[key])} {after[key]['value']}{after[key]['unit']}。")
    for key in sorted(after.keys() & before.keys()):
        if lines := _row_changes(key, before[key], after[key]):
            found.setdefault(key[0], []).extend(lines)
    for key in sorted(before.keys() - after.keys()):
        found.setdefault(key[0], []).append(f"删除：{_label(key, before[key])}。")
    return found


def first_release(new: bytes) -> dict[str, list[str]]:
    """The first release: every indicator is new; one line says how many, under the key ""."""
    after = _observations(new)
    ids = {k[0] for k in after}
    return {"": [f"首次发布：{len(ids)} 项指标、{len(after)} 条观测值。"]} | {iid: [] for iid in sorted(ids)}


def changes(old: bytes | None, new: bytes) -> list[str]:
    """What changed between two observations.csv files, in Chinese, one line each."""
    found = indicator_changes(old, new) if old is not None else first_release(new)
    return [line for lines in found.values() for line in lines]


Observations = dict[str, bytes | None]  # each release's observations.csv by version, read once per build


def released_values(csv_bytes: bytes | None) -> dict[Key, Decimal] | None:
    """Values of a release's observations.csv by (indicator, period, breakdown); None without the file."""
    if csv_bytes is None:
        return None
    return {k: Decimal(r["value"]) for k, r in _observations(csv_bytes).items() if r["value"]}


UPDATED = "updates"  # the build mark of a version whose data changed after its release: "2024.2+updates"


def current_version(cat: Catalog, observations: bytes, released: Observations) -> str:
    """The latest release's version while the data are as it froze them; after a change, that version
    marked as updated since ("2024.2+updates"; "0+updates" before any release). What the site shows is
    published either way: a release freezes a citable copy, and a citation of the updated data dates
    itself by its access date. The mark does not name the data, so a change to one indicator does not
    change every other indicator's files."""
    latest = cat.latest_release
    frozen = released.get(latest.version) if latest else None
    if latest and frozen is not None and not indicator_changes(frozen, observations):
        return latest.version
    return f"{latest.version if latest else '0'}+{UPDATED}"


def version_words(version: str) -> tuple[str, str]:
    """A version as a reader reads it, in Chinese and English: '2024.2版', '2024.2版之后的更新'."""
    base, _, updated = version.partition("+")
    if not updated:
        return f"{base}版", f"version {base}"
    if base == "0":
        return "尚无冻结版本", "no release yet"
    return f"{base}版之后的更新", f"version {base} with later updates"


def dataset_date(cat: Catalog) -> dt.date:
    """The date the files carry: the latest release's, else the end of the latest source year."""
    if cat.latest_release:
        return dt.date.fromisoformat(cat.latest_release.date)
    return dt.date(max(s.year for s in cat.sources.values()), 12, 31)
