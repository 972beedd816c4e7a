"""Print, as Markdown for a GitHub job summary, the data that a change alters.

Usage: python -m scripts.data_diff BASE_DATA_DIR
Compares the observations and indicator descriptions of BASE_DATA_DIR (e.g. main's data/) with this checkout's data/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.data.loader import load_catalog
from macros.data.problems import DataError
from macros.data.releases import changes
from macros.publish.tables import csv_files, tables
from scripts import data_dir, markdown_text


def main(argv: list[str]) -> int:
    head = load_catalog(data_dir())
    lines = ["## 数据变化 / Data changes", ""]
    try:
        base_catalog = load_catalog(Path(argv[0]))
    except (DataError, OSError, IndexError) as err:
        lines.append(f"无法读取基准分支的数据，未能比较。/ Could not read the base data: {type(err).__name__}")
        print("\n".join(lines))
        return 0
    found = changes(csv_files(tables(base_catalog)), csv_files(tables(head)))
    lines += [f"- {markdown_text(line)}" for line in found] if found else ["本次修改没有改变任何数据或指标说明。/ No data or indicator description changed."]
    new_revisions = len(head.revisions) - len(base_catalog.revisions)
    if new_revisions > 0:
        lines += ["", f"新增修订记录 {new_revisions} 条，见 data/revisions.csv。"]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
