"""Preview the import of reports uploaded to data/inbox/: proposals as a Markdown table, review files in a folder.

Usage: python -m scripts.inbox --out DIR FILE...
Each report is imported into a throw-away copy of the data (nothing in the repository changes);
its review file is copied to DIR and its proposals are printed as a Markdown table (the
pull-request check appends them to the job summary). Exit status 1 if a report can't be imported.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

from scripts import data_dir, import_source
from scripts import markdown_text as cell

COLUMNS = [("status", "状态"), ("score", "可信度"), ("indicator_title", "指标"), ("period", "时期"), ("value", "数值"), ("unit", "单位"), ("quote", "原文")]


def source_id(path: Path, n: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return f"inbox-{n}-{slug}".rstrip("-")  # numbered: two reports of one year get two review files


def preview(path: Path, n: int, out: Path) -> tuple[bool, str]:
    """(imported?, Markdown) for one report."""
    sid = source_id(path, n)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(data_dir(), data, ignore=shutil.ignore_patterns("releases", "inbox"))
        log, errors = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(errors):
            status = import_source.run(path, sid, data)
        if status != 0:
            failure = "\n".join(f"> {cell(line)}" for line in errors.getvalue().strip().splitlines())
            return False, f"### {cell(path.name)}\n\n导入失败 / import failed:\n\n{failure}\n"
        review = data / "imports" / f"{sid}.csv"
        shutil.copyfile(review, out / f"{sid}.csv")
        rows = list(csv.DictReader(io.StringIO(review.read_text(encoding="utf-8-sig"))))
    lines = [f"### {cell(path.name)}", "", *(f"> {cell(line)}" for line in log.getvalue().splitlines()[:3]), ""]
    lines += ["| " + " | ".join(zh for _, zh in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(r[name]) for name, _ in COLUMNS) + " |" for r in rows]
    return True, "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print("## 导入预览 Import preview\n")
    if not args.files:
        print("data/inbox/ 中没有新报告。/ No new report in data/inbox/.")
        return 0
    print("以下是 data/inbox/ 中新报告的导入建议，审核表（CSV）在本次检查的 Artifacts `inbox-proposals` 中。正式导入请运行 `make import FILE=… ID=…`。\n")
    ok = True
    for n, path in enumerate(args.files, 1):
        imported, text = preview(path.absolute(), n, args.out.resolve())  # absolute, not resolved: a symbolic link stays one, and is refused
        ok &= imported
        print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
