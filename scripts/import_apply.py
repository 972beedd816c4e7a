"""Append the rows a person accepted in data/imports/<ID>.csv to the observations, then validate.

Usage: python -m scripts.import_apply ID   (make import-apply ID=… passes it through the environment)
Rows left proposed, new or reject change nothing; a row already applied is skipped; a period that
already holds another value is a conflict, and with any conflict nothing is written. The rows are first
applied to a copy of the data: when that brings a problem the data did not have, nothing is written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from macros.data import schema
from macros.data.loader import check
from macros.data.problems import Problem, listing, said
from macros.drafts.review import ApplyError, plan, write
from scripts import data_dir, validate


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("id", nargs="?", default=os.environ.get("ID"))
    args = parser.parse_args(argv)
    if not args.id:
        print("用法 usage: make import-apply ID=kjj-2025-work-summary", file=sys.stderr)
        return 2
    if not schema.valid_id(args.id):  # as make import checks it: the review file is data/imports/<ID>.csv, nothing outside
        print(f"没有写入任何文件 / nothing was written: {said('bad-id', value=args.id, limit=schema.MAX_ID_LENGTH)}", file=sys.stderr)
        return 2
    data = data_dir()
    try:
        applied = plan(data, args.id)
    except ApplyError as err:
        print(f"没有写入任何文件 / nothing was written:\n{err}", file=sys.stderr)
        return 1
    brought = new_problems(data, applied.files)
    if brought:
        print("没有写入任何文件：加入这些行会带来以下问题 / nothing was written: applying the rows would bring these problems:", file=sys.stderr)
        for line in listing(brought):
            print(line, file=sys.stderr)
        return 1
    write(applied.files)
    print(
        f"加入 {len(applied.added)} 条观测值，{applied.skipped} 条已在数据中（跳过）。"
        f"/ Added {len(applied.added)} observations, skipped {applied.skipped} already there."
    )
    for iid, period in applied.added:
        print(f"  + {iid} {period}")
    return validate.main([str(data)])


def new_problems(data: Path, files: dict[Path, str]) -> list[Problem]:
    """The problems the data would have with ``files`` written that it does not have now (a copy is written
    and checked; the data's own problems are make validate's to report)."""
    before = {str(p) for p in check(data).problems}
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / data.name
        shutil.copytree(data, trial, symlinks=True)
        write({trial / path.relative_to(data): text for path, text in files.items()})
        return [p for p in check(trial).problems if str(p) not in before]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
