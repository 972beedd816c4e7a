"""Freeze the current exports as a release: data/releases/<version>/ plus an entry in data/releases.yaml.

Usage: python -m scripts.release VERSION --summary "中文说明" [--date YYYY-MM-DD]
A release is append-only: an existing version is refused, and its files are never rewritten.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import os
import sys

from macros.cache import Cache
from macros.data import schema
from macros.data.catalog import Release
from macros.data.kinds import Fault, check_text
from macros.data.loader import load_catalog
from macros.data.problems import DataError, said
from macros.data.releases import changes, frozen, release_dir
from macros.publish.files import release_files, sha256sums
from macros.publish.tables import tables
from scripts import cache_dir, data_dir, yaml_scalar

HEADER = "# 数据版本：由 make release 追加，已发布的条目和 data/releases/<版本>/ 下的文件不得修改。\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("version", nargs="?", default=os.environ.get("VERSION"))
    parser.add_argument("--summary", default=os.environ.get("SUMMARY"))
    parser.add_argument("--date", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    if not (args.version and args.summary):
        print('用法 usage: make release VERSION=2025.1 SUMMARY="本版本说明"', file=sys.stderr)
        return 2
    data = data_dir()
    try:
        cat = load_catalog(data)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    version = args.version
    fields = {f.name: f for f in schema.RELEASE_FIELDS}
    faults = [
        (name, checked)
        for name, text in (("version", version), ("summary", args.summary), ("date", args.date))
        if isinstance(checked := check_text(fields[name], text, dt.date.today()), Fault)
    ]
    for name, fault in faults:
        print(f"{name.upper()}: {said(fault.code, **fault.values)}", file=sys.stderr)
    if faults:
        return 1
    if any(r.version == version for r in cat.releases) or release_dir(data, version).exists():
        print(f"版本 {version} 已经发布，不能覆盖 / release {version} exists and is never rewritten", file=sys.stderr)
        return 1
    if cat.latest_release and schema.version_key(version) <= schema.version_key(cat.latest_release.version):
        print(f"{said('release-order', value=version)}（上一版本 previous: {cat.latest_release.version}）", file=sys.stderr)
        return 1
    if cat.latest_release and args.date < cat.latest_release.date:
        print(f"发布日期 {args.date} 早于上一版本 / date is before the previous release", file=sys.stderr)
        return 1
    draft = dataclasses.replace(cat, releases=(*cat.releases, Release(version, args.date, args.summary, "")))
    files = release_files(draft, tables(draft), version, Cache(cache_dir()))
    files["SHA256SUMS"] = sha256sums(files)
    folder = release_dir(data, version)
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    digest = hashlib.sha256(files["SHA256SUMS"]).hexdigest()
    path = data / "releases.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if not cat.releases:
        text = HEADER
    entry = f"- version: {yaml_scalar(version)}\n  date: {args.date}\n  summary: {yaml_scalar(args.summary)}\n  sha256sums: {digest}\n"
    path.write_text(text.rstrip("\n") + "\n" + entry if cat.releases else text + entry, encoding="utf-8")
    print(f"已发布 {version}：{len(files)} 个文件，位于 {folder.relative_to(data.parent)}/ / released {version}: {len(files)} files")
    found = changes(frozen(data, cat.releases[-1].version) if cat.releases else None, files)
    print(f"与上一版本相比（更新记录页将逐条列出）/ changes since the previous release: {len(found)}")
    for line in found:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
