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
from macros.data.catalog import Catalog, Release


def release_dir(data_dir: Path, version: str) -> Path:
    return data_dir / "releases" / version


def frozen(data_dir: Path, version: str) -> dict[str, bytes]:
    """The files of a release, by path inside its folder, SHA256SUMS included."""
    folder = release_dir(data_dir, version)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


Key = tuple[str, str, str]
Files = dict[str, bytes]  # a release's data files by name: observations.csv and indicators.csv among them


def _observations(csv_bytes: bytes) -> dict[Key, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8")))
    return {(r["indicator_id"], r["period"], r["breakdown"]): r for r in rows}


def _indicators(csv_bytes: bytes | None) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(csv_bytes.decode("utf-8")))} if csv_bytes else {}


def _label(key: Key, row: dict[str, str]) -> str:
    return f"{row['indicator_name']} {row['period_label']}" + (f"（{key[2]}）" if key[2] else "")


def _value(row: dict[str, str]) -> str:
    """A row's value as the site words it (files before the value_label column: the number and unit)."""
    return row.get("value_label") or f"{row['value']}{row['unit']}"


def _mark(row: dict[str, str]) -> str:
    flag, qualifier = row["flag"], row.get("qualifier", "")
    names = [schema.FLAGS[flag].zh if flag in schema.FLAGS else flag, schema.QUALIFIERS[qualifier].zh if qualifier in schema.QUALIFIERS else qualifier]
    return "、".join(m for m in names if m)


# what changes of a row or an indicator are called; a row's other columns follow from its indicator (names,
# area, unit) or its source (title), whose changes are told once, as the indicator's
ROW_COLUMNS = {"as_of": "截止日期", "note": "备注", "formula": "算式", "source_id": "来源文件", "source_quote": "来源原句"}
INDICATOR_COLUMNS = {
    "unit": "单位",
    "decimals": "小数位",
    "definition": "定义",
    "caveats": "使用须知",
    "area": "领域",
    "period_type": "时期类型",
    "licence": "许可协议",
}


SHOWN = 30  # characters of a changed text a changelog line shows, on each side of the arrow


def difference(old: str, new: str) -> str:
    """'old → new' for a changed text, as much of each as a reader needs: the part that differs, with a
    few characters around it, "…" where a text is cut ('（无）' for an empty one)."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(0, start - 6)

    def shown(text: str) -> str:
        if not text:
            return "（无）"
        part = text[begin : len(text) - max(0, end - 6)]
        part = part if len(part) <= SHOWN else part[:SHOWN] + "…"
        return ("…" if begin else "") + part + ("…" if end > 6 and not part.endswith("…") else "")

    return f"“{shown(old)}” → “{shown(new)}”"


def _row_changes(key: Key, old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What changed in one row, a line each (the columns both files have)."""
    label = _label(key, new)
    differs = {c for c in new if c in old and old[c] != new[c]}
    lines = []
    if "value" in differs:
        lines.append(f"修改：{label} {_value(old)} → {_value(new)}。")
    if {"flag", "qualifier"} & differs:
        lines.append(f"修改标记：{label}：{_mark(old) or '（无）'} → {_mark(new) or '（无）'}。")
    if "period_label" in differs:
        lines.append(f"修改时期的写法：{new['indicator_name']} {old['period_label']} → {new['period_label']}。")
    lines += [f"修改{name}：{label}：{difference(old[column], new[column])}。" for column, name in ROW_COLUMNS.items() if column in differs]
    if not lines and "value_label" in differs:  # the figure is worded otherwise, its row unchanged
        lines.append(f"修改写法：{label} {old['value_label']} → {new['value_label']}。")
    return lines


def _indicator_changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What changed in an indicator's description (indicators.csv), a line each."""
    lines = [f"修改{name}：{old[c]} → {new[c]}。" for c, name in (("title", "指标名称"), ("title_en", "英文名称")) if old[c] != new[c]]
    changed = [(column, name) for column, name in INDICATOR_COLUMNS.items() if column in old and column in new and old[column] != new[column]]
    return lines + [f"修改{name}：{new['title']}：{difference(old[column], new[column])}。" for column, name in changed]


def indicator_changes(old: Files, new: Files) -> dict[str, list[str]]:
    """What changed between the data files of two releases (or a release and the site), by indicator,
    in Chinese, a line each: new and removed indicators and rows, changed names and descriptions,
    values, marks, period wordings and sources. The changelog lists these lines and the downloads
    page marks these indicators: the same set; the site keeps a release's version only while it is empty."""
    before, after = _observations(old["observations.csv"]), _observations(new["observations.csv"])
    described_before, described = _indicators(old.get("indicators.csv")), _indicators(new.get("indicators.csv"))
    ids_before, ids_after = {k[0] for k in before} | described_before.keys(), {k[0] for k in after} | described.keys()
    found: dict[str, list[str]] = {}
    for iid in sorted(ids_after - ids_before):
        found[iid] = [f"新增指标：{described[iid]['title'] if iid in described else iid}。"]
    for iid in sorted(ids_before - ids_after):
        found[iid] = [f"删除指标：{described_before[iid]['title'] if iid in described_before else iid}。"]
    for iid in sorted(described_before.keys() & described.keys()):
        if lines := _indicator_changes(described_before[iid], described[iid]):
            found.setdefault(iid, []).extend(lines)
    for key in sorted(after.keys() - before.keys()):
        if key[0] in ids_before:
            found.setdefault(key[0], []).append(f"新增数据：{_label(key, after[key])} {_value(after[key])}。")
    for key in sorted(after.keys() & before.keys()):
        if lines := _row_changes(key, before[key], after[key]):
            found.setdefault(key[0], []).extend(lines)
    for key in sorted(before.keys() - after.keys()):
        if key[0] in ids_after:
            found.setdefault(key[0], []).append(f"删除：{_label(key, before[key])}。")
    return dict(sorted(found.items()))


def first_release(new: Files) -> dict[str, list[str]]:
    """The first release: every indicator is new; one line says how many, under the key ""."""
    after = _observations(new["observations.csv"])
    ids = {k[0] for k in after}
    return {"": [f"首次发布：{len(ids)} 项指标、{len(after)} 条观测值。"]} | {iid: [] for iid in sorted(ids)}


def _by_indicator(old: Files | None, new: Files) -> dict[str, list[str]]:
    return indicator_changes(old, new) if old is not None else first_release(new)


def changes(old: Files | None, new: Files) -> list[str]:
    """What changed between the data files of two releases, in Chinese, one line each."""
    return [line for lines in _by_indicator(old, new).values() for line in lines]


def history(releases: tuple[Release, ...], released: dict[str, Files]) -> list[tuple[Release, dict[str, list[str]]]]:
    """Each release, oldest first, with what it changed from the one before, by indicator."""
    out: list[tuple[Release, dict[str, list[str]]]] = []
    before: Files | None = None
    for release in releases:
        files = released[release.version]
        data = _by_indicator(before, files)
        # a release of changed data writes its own version into every workbook and JSON file: only a release
        # of unchanged data lists the files whose wording changed
        wording = file_changes(changed_files(before, files), data) if before is not None and not data else []
        out.append((release, {"": wording, **data} if wording else data))
        before = files
    return out


def released_values(csv_bytes: bytes | None) -> dict[Key, Decimal] | None:
    """Values of a release's observations.csv by (indicator, period, breakdown); None without the file."""
    if csv_bytes is None:
        return None
    return {k: Decimal(r["value"]) for k, r in _observations(csv_bytes).items() if r["value"]}


UPDATED = "updates"  # the build mark of a version whose data changed after its release: "2024.2+updates"


def changed_files(frozen_files: Files, now: Files) -> list[str]:
    """The files that differ between a release's frozen copies and ``now`` (SHA256SUMS aside), by name."""
    return sorted(name for name in frozen_files.keys() | now.keys() if name != "SHA256SUMS" and frozen_files.get(name) != now.get(name))


def file_indicator(name: str) -> str:
    """The indicator a release file belongs to ("indicators/tech-contracts.xlsx"), "" for a whole-dataset file."""
    folder, _, file = name.rpartition("/")
    return file.partition(".")[0] if folder == "indicators" else ""


def file_changes(names: list[str], data: dict[str, list[str]]) -> list[str]:
    """Changed files the data changes (``indicator_changes``) do not account for, a line each kind of file:
    a change of their wording or layout. Those of an indicator whose data changed, and the whole-dataset
    files when any data changed, are left out: the data lines say what changed in them."""
    kinds: dict[str, list[str]] = {}
    for name in names:
        folder, _, file = name.rpartition("/")
        if (folder and file_indicator(name) in data) or (not folder and data):
            continue
        kinds.setdefault(f"{folder}/*.{file.partition('.')[2]}" if folder else file, []).append(name)
    return [f"文件的写法变了，数据不变：{kind}" + (f"（{len(found)} 个文件）" if len(found) > 1 else "") + "。" for kind, found in kinds.items()]


def current_version(cat: Catalog, current: Files, released: dict[str, Files]) -> str:
    """The latest release's version while every file is as it froze them (``current``: the files a release
    of today's data would freeze, under that release's version); after any change, of the data or of a
    file's wording, that version marked as updated since ("2024.2+updates"; "0+updates" before any release). What the site shows is
    published either way: a release freezes a citable copy, and a citation of the updated data dates
    itself by its access date. The mark does not name the data, so a change to one indicator does not
    change every other indicator's files."""
    latest = cat.latest_release
    if latest and not changed_files(released[latest.version], current):
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
