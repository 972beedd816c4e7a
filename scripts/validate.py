"""Validate everything under data/ and print every problem at once.

Usage: python -m scripts.validate [DATA_DIR]
With BASE=<git ref> in the environment, the files that commit published (data/releases/**,
its releases.yaml entries, the archives its releases used) must also be here unchanged.
Each line reads `path:line:column CODE 中文说明 / English`. Warnings (such as a large
change from the previous period) are printed but do not fail. In GitHub Actions each
problem is also an ::error / ::warning annotation on its file and line.
Exit status 0 when the data is valid, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from macros.data.history import UnknownBase
from macros.data.loader import Loader
from macros.data.problems import SHOWN, DataError, Problem, listing
from scripts import data_dir


def escape(text: str, properties: bool = False) -> str:
    """GitHub's workflow-command escaping: data can't end an annotation or start another."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def annotate(kind: str, p: Problem) -> None:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::{kind} file={escape(p.path, True)},line={p.line},col={p.column}::{escape(f'{p.code} {p.zh} / {p.en}')}")


def main(argv: list[str]) -> int:
    base = os.environ.get("BASE")
    if base is not None and not base.strip():  # given, yet empty: comparing with nothing would pass what a release froze
        print("BASE 为空：请给出要比对的提交，或不设置 BASE / BASE is empty: give a commit, or leave BASE unset", file=sys.stderr)
        return 2
    loader = Loader(Path(argv[0]) if argv else data_dir(), base=base or "")
    try:
        cat, problems = loader.load(), []
    except DataError as err:
        cat, problems = None, err.problems
    except UnknownBase as err:
        print(err, file=sys.stderr)
        return 2
    for line in listing(problems):
        print(line)
    for p in problems[:SHOWN]:
        annotate("error", p)
    for p in sorted(loader.warnings):
        print(f"警告 warning: {p}")
        annotate("warning", p)
    if cat is None:
        print(f"\n数据校验未通过：{len(problems)} 个问题。/ Data validation failed: {len(problems)} problem(s).", file=sys.stderr)
        return 1
    print(
        f"数据校验通过：{len(cat.indicators)} 项指标，{len(cat.observations)} 条观测值。"
        f"/ Data valid: {len(cat.indicators)} indicators, {len(cat.observations)} observations."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
