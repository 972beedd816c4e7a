"""The files under data/: only those the loader reads, named safely, none a symbolic link."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path

from macros.data import schema
from macros.data.draft import At, Draft
from macros.data.problems import Problem


def unexpected_files(draft: Draft) -> Iterator[Problem]:
    """Every file under data/ is one the loader reads (or a release's), in a folder it reads, named
    with no control or invisible character and no leading "-", and none is a symbolic link."""
    for folder, dirs, names in os.walk(draft.data_dir):
        here = Path(folder)
        for name in sorted(dirs + names):
            if (here / name).is_symlink():
                yield At(draft.shown(here / name), 1).problem("symlink")
            if not schema.safe_name(name):
                yield At(draft.shown(here / name), 1).problem("bad-file-name")
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        relative = here.relative_to(draft.data_dir).as_posix()
        allowed = schema.DATA_FILES.get("" if relative == "." else relative)
        if allowed is None:
            continue  # releases (checked against their SHA256SUMS), or a folder the loader knows nothing of (reported by its parent)
        for name in names:
            if not any(fnmatch.fnmatchcase(name, pattern) for pattern in allowed):
                yield At(draft.shown(here / name), 1).problem("unexpected-file", allowed="、".join(allowed))
        known = [d for d in schema.DATA_FILES if d] + ["releases"] if relative == "." else []
        for name in dirs:  # data/ holds the known folders; they hold no folders
            if name not in known:
                yield At(draft.shown(here / name), 1).problem("unexpected-file", allowed="、".join(known) if known else "、".join(allowed))
