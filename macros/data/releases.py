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


def changes(old: bytes | None, new: bytes) -> list[str]:
    """What changed between two observations.csv files, in Chinese, one line each."""
    after = _observations(new)
    if old is None:
        return [f"首次发布：{len({k[0] for k in after})} 项指标、{len(after)} 条观测值。"]
    before = _observations(old)
    lines = []
    new_indicators = sorted({k[0] for k in after} - {k[0] for k in before})
    if new_indicators:
        names = "、".join(next(r["indicator_name"] for k, r in after.items() if k[0] == i) for i in new_indicators)
        lines.append(f"新增指标 {len(new_indicators)} 项：{names}。")
    for key in sorted(after.keys() - before.keys()):
        if key[0] not in new_indicators:
            lines.append(f"新增数据：{_label(key, after[key])} {after[key]['value']}{after[key]['unit']}。")
    for key in sorted(after.keys() & before.keys()):
        old_row, new_row = before[key], after[key]
        if old_row["value"] != new_row["value"]:
            lines.append(f"修改：{_label(key, new_row)} {old_row['value']} → {new_row['value']}{new_row['unit']}。")
        elif old_row["flag"] != new_row["flag"]:
            flags = [schema.FLAGS.get(row["flag"], (row["flag"],))[0] for row in (old_row, new_row)]
            lines.append(f"修改标记：{_label(key, new_row)} {new_row['value']}{new_row['unit']}，{flags[0]} → {flags[1]}。")
    for key in sorted(before.keys() - after.keys()):
        lines.append(f"删除：{_label(key, before[key])}。")
    return lines


Observations = dict[str, bytes | None]  # each release's observations.csv by version, read once per build


def release_changes(cat: Catalog, version: str, observations: Observations) -> list[str]:
    versions = [r.version for r in cat.releases]
    i = versions.index(version)
    new = observations[version]
    assert new is not None, f"release {version} has no observations.csv"  # verify() reports that before a build
    return changes(observations[versions[i - 1]] if i else None, new)


def released_values(csv_bytes: bytes | None) -> dict[Key, Decimal] | None:
    """Values of a release's observations.csv by (indicator, period, breakdown); None without the file."""
    if csv_bytes is None:
        return None
    return {k: Decimal(r["value"]) for k, r in _observations(csv_bytes).items() if r["value"]}


def same_data(a: bytes | None, b: bytes | None) -> bool:
    """Two CSV files hold the same rows, whatever wrote them (quoting, line ends)."""
    if a is None or b is None:
        return a is b
    return list(csv.reader(io.StringIO(a.decode("utf-8")))) == list(csv.reader(io.StringIO(b.decode("utf-8"))))


def current_version(cat: Catalog, observations: bytes, released: Observations) -> str:
    """The latest release's version while the data equal it; '<latest>+draft' after a change."""
    latest = cat.latest_release
    if latest is None:
        return "draft"
    return latest.version if same_data(released[latest.version], observations) else f"{latest.version}+draft"


def dataset_date(cat: Catalog) -> dt.date:
    """The date the files carry: the latest release's, else the end of the latest source year."""
    if cat.latest_release:
        return dt.date.fromisoformat(cat.latest_release.date)
    return dt.date(max(s.year for s in cat.sources.values()), 12, 31)
