"""What was published stays as it was: released files, releases.yaml entries, archived sources.

Two checks. ``verify`` compares each release folder with its own SHA256SUMS and releases.yaml,
and each source a release used with the release's sources.csv; it always runs. ``since``
compares the same things with a git commit (``make validate BASE=<ref>``), which catches a
release rewritten together with its checksums. A difference is a problem at the file and line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from macros.data.catalog import Release
from macros.data.problems import Problem, problem
from macros.data.readers import Located, parse_yaml, plain
from macros.data.releases import frozen, release_dir

Shown = Callable[[Path], str]  # a path as problems name it
SUMS = "SHA256SUMS"
# what a released file is compared with, worded to follow "与" ("differs from"); spaces part Chinese from Latin
LOCAL = {
    SUMS: (" SHA256SUMS 清单", "its SHA256SUMS"),
    "yaml": (" releases.yaml 记录的校验值", "the checksum in releases.yaml"),
    "sources": ("该版本 sources.csv 的记录", "the release's sources.csv"),
}


class UnknownBase(Exception):
    """BASE names no commit of this repository."""


def first_difference(old: bytes, new: bytes) -> tuple[int, int]:
    """Line and column (in characters) of the first byte where ``new`` departs from ``old``."""
    at = len(os.path.commonprefix([old, new]))
    start = new.rfind(b"\n", 0, at) + 1
    return new.count(b"\n", 0, at) + 1, len(new[start:at].decode("utf-8", "ignore")) + 1


def _released_sources(sources_csv: bytes) -> dict[str, dict[str, str]]:
    """The sources a release used, by id (a row without one was changed, which its checksum reports)."""
    return {row["id"]: row for row in csv.DictReader(io.StringIO(sources_csv.decode("utf-8", "replace"))) if row.get("id")}


def verify(data_dir: Path, releases: tuple[Release, ...], shown: Shown) -> list[Problem]:
    """Each release folder as its SHA256SUMS and releases.yaml record it; each released source as the release recorded it."""
    problems: list[Problem] = []
    for release in releases:
        folder = release_dir(data_dir, release.version)
        files = frozen(data_dir, release.version)
        sums = files.pop(SUMS, None)
        if sums is None:
            problems.append(
                problem(shown(folder / SUMS), 1, 1, "release-file-missing", version=release.version, against=LOCAL["yaml"][0], against_en=LOCAL["yaml"][1])
            )
            continue
        if hashlib.sha256(sums).hexdigest() != release.sha256sums:
            problems.append(
                problem(shown(folder / SUMS), 1, 1, "release-file-changed", version=release.version, against=LOCAL["yaml"][0], against_en=LOCAL["yaml"][1])
            )
        listed = {
            name: (line, digest) for line, (digest, _, name) in enumerate((row.partition("  ") for row in sums.decode("utf-8", "replace").splitlines()), 1)
        }
        for name in sorted(set(listed) | set(files)):
            if name not in files:
                problems.append(
                    problem(
                        shown(folder / SUMS),
                        listed[name][0],
                        1,
                        "release-file-missing",
                        version=release.version,
                        against=LOCAL[SUMS][0],
                        against_en=LOCAL[SUMS][1],
                    )
                )
            elif name not in listed:
                problems.append(
                    problem(shown(folder / name), 1, 1, "release-file-added", version=release.version, against=LOCAL[SUMS][0], against_en=LOCAL[SUMS][1])
                )
            elif hashlib.sha256(files[name]).hexdigest() != listed[name][1]:
                problems.append(
                    problem(shown(folder / name), 1, 1, "release-file-changed", version=release.version, against=LOCAL[SUMS][0], against_en=LOCAL[SUMS][1])
                )
        if "sources.csv" in files:
            problems += _sources_as_released(data_dir, release.version, _released_sources(files["sources.csv"]), shown)
    return problems


def _sources_as_released(data_dir: Path, version: str, released: dict[str, dict[str, str]], shown: Shown) -> list[Problem]:
    """A source a release used keeps its archive and checksum: a replaced original is a new source."""
    problems = []
    for sid, row in released.items():
        path = data_dir / "sources" / f"{sid}.yaml"
        node = parse_yaml(path.read_bytes().decode("utf-8", "replace"), shown(path), []) if path.is_file() else None
        meta = node.value if node is not None and isinstance(node.value, dict) else {}
        for key in ("archive", "sha256"):
            item = meta.get(key)
            if item is None or str(item.value) != row.get(key):
                where = item or node or Located(None, 1, 1)
                problems.append(
                    problem(
                        shown(path),
                        where.line,
                        where.column,
                        "released-source-changed",
                        value=sid,
                        version=version,
                        against=LOCAL["sources"][0],
                        against_en=LOCAL["sources"][1],
                    )
                )
                break
    return problems


# -- against a git commit -------------------------------------------------------------


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=True).stdout


def since(base: str, data_dir: Path, shown: Shown) -> list[Problem]:
    """What commit ``base`` published under data/ and the working tree no longer holds as it was."""
    try:
        commit = _git(data_dir, "rev-parse", "--verify", "--end-of-options", f"{base}^{{commit}}").decode().strip()
        top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
    except (subprocess.CalledProcessError, FileNotFoundError) as err:
        detail = err.stderr.decode("utf-8", "replace").strip() if isinstance(err, subprocess.CalledProcessError) else str(err)
        raise UnknownBase(f"BASE={base!r} 不是本仓库中的提交 / is not a commit of this repository: {detail}") from None
    prefix = PurePosixPath(data_dir.resolve().relative_to(top.resolve()).as_posix())
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", str(prefix / "releases"), str(prefix / "releases.yaml"), str(prefix / "sources"))
    blobs = {}  # path under data/ -> blob id at the base
    for entry in filter(None, listing.split(b"\0")):
        info, _, path = entry.decode("utf-8").partition("\t")
        if info.split()[1] == "blob":
            blobs[PurePosixPath(path).relative_to(prefix).as_posix()] = info.split()[2]

    def old(name: str) -> bytes:
        return _git(top, "cat-file", "blob", blobs[name])

    against = (f"提交 {commit[:10]} ", f"commit {commit[:10]}")
    released = {name: name.split("/")[1] for name in blobs if name.startswith("releases/")}  # path -> the release it belongs to
    for name in sorted(n for n in released if n.endswith("/sources.csv")):
        for sid, row in _released_sources(old(name)).items():
            for used in (f"sources/{row['archive']}", f"sources/{sid}.txt"):
                if used in blobs:
                    released.setdefault(used, released[name])
    problems = _changed_files(data_dir, released, blobs, old, against, shown) + _files_added(data_dir, released, blobs, against, shown)
    if "releases.yaml" in blobs:
        problems += _entries_kept(data_dir / "releases.yaml", old("releases.yaml"), against, shown)
    return problems


def _files_added(data_dir: Path, released: dict[str, str], blobs: dict[str, str], against: tuple[str, str], shown: Shown) -> list[Problem]:
    """Files in a released version's folder that the base did not have."""
    problems = []
    for version in sorted({PurePosixPath(n).parts[1] for n in released if n.startswith("releases/")}):
        for path in sorted(p for p in (data_dir / "releases" / version).rglob("*") if p.is_file()):
            if path.relative_to(data_dir).as_posix() not in blobs:
                problems.append(problem(shown(path), 1, 1, "release-file-added", version=version, against=against[0], against_en=against[1]))
    return problems


def _changed_files(
    data_dir: Path, released: dict[str, str], blobs: dict[str, str], old: Callable[[str], bytes], against: tuple[str, str], shown: Shown
) -> list[Problem]:
    """Released files (path -> version) that differ from the base's blobs or are gone."""
    present = [n for n in sorted(released) if (data_dir / n).is_file() and not (data_dir / n).is_symlink()]
    hashed = _git(data_dir, "hash-object", "--no-filters", "--stdin-paths", stdin="".join(f"{data_dir / n}\n" for n in present).encode()).decode().split()
    now = dict(zip(present, hashed, strict=True))
    problems = []
    for name, version in sorted(released.items()):
        if name in now and now[name] == blobs[name]:
            continue
        line, column = first_difference(old(name), (data_dir / name).read_bytes()) if name in now else (1, 1)
        if name.startswith("sources/"):
            code, values = "released-source-changed", {"value": PurePosixPath(name).stem}
        else:
            code, values = ("release-file-changed" if name in now else "release-file-missing"), {}
        problems.append(problem(shown(data_dir / name), line, column, code, version=version, against=against[0], against_en=against[1], **values))
    return problems


def _entries_kept(path: Path, old: bytes, against: tuple[str, str], shown: Shown) -> list[Problem]:
    """Every entry releases.yaml had at the base is still there, unchanged."""
    before = parse_yaml(old.decode("utf-8", "replace"), "", [])
    after = parse_yaml(path.read_bytes().decode("utf-8", "replace"), shown(path), []) if path.is_file() else None
    entries = {str(plain(e).get("version")): e for e in (after.value if after and isinstance(after.value, list) else []) if isinstance(e.value, dict)}
    problems = []
    for entry in plain(before) or []:
        now = entries.get(str(entry.get("version")))
        if now is None or plain(now) != entry:
            where = now or after or Located(None, 1, 1)
            problems.append(
                problem(shown(path), where.line, where.column, "release-entry-changed", version=entry.get("version"), against=against[0], against_en=against[1])
            )
    return problems
