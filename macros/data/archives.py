"""The sources of ``data/sources/`` read into the draft, each with its archived original and text.

A source is kept only when its YAML is sound and its archive is named after it, present, recorded
with its real SHA-256 and, for a PDF or a .docx, runs or fetches nothing when opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from macros.data import fields, schema
from macros.data.catalog import Source
from macros.data.draft import shown_path
from macros.data.problems import Problem, problem
from macros.data.readers import Located, docx_external_links, pdf_active_content, read_text, read_yaml


def sources(data_dir: Path, today: dt.date, problems: list[Problem]) -> tuple[dict[str, Source], frozenset[str]]:
    """The sound sources by id, and the id of every source file, sound or not."""
    paths = sorted((data_dir / "sources").glob("*.yaml"))
    found = {}
    for path in paths:
        source = _source(data_dir, path, today, problems)
        if source is not None:
            found[source.id] = source
    return found, frozenset(p.stem for p in paths)


def _source(data_dir: Path, path: Path, today: dt.date, problems: list[Problem]) -> Source | None:
    shown = shown_path(data_dir, path)
    node = read_yaml(path, shown, problems)
    if node is None or not isinstance(node.value, dict) or not _archive_named(node, path, shown, problems):
        fields.mapping(node, schema.SOURCE_FIELDS, shown, today, problems)
        return None
    text_file = path.with_suffix(".txt")  # the archive itself, or the text of a .docx or .pdf
    text = read_text(text_file, shown_path(data_dir, text_file), problems) if text_file.is_file() and not text_file.is_symlink() else None
    if text is not None or not text_file.is_file():  # a hash hint from bytes that are not even UTF-8 would mislead
        node = _archive_hash(node, path, shown, problems)
    values = fields.mapping(node, schema.SOURCE_FIELDS, shown, today, problems)
    if values is None or not fields.same_id(values, path, node, shown, problems):
        return None
    archive = path.parent / values["archive"]
    if not archive.is_file() or archive.is_symlink() or not text_file.is_file():
        problems.append(problem(shown, node.line, node.column, "archive-missing", value=text_file.name if archive.is_file() else values["archive"]))
        return None
    if archive.suffix == ".pdf" and (active := pdf_active_content(archive)):
        where = node.value["archive"]
        problems.append(problem(shown, where.line, where.column, "pdf-active-content", names="、".join(active)))
        return None
    if archive.suffix == ".docx" and (links := docx_external_links(archive)):
        where = node.value["archive"]
        problems.append(problem(shown, where.line, where.column, "docx-external-link", links="；".join(links[:5])))
        return None
    return Source(**values, text=text) if text is not None else None


def _archive_named(node: Located, path: Path, shown: str, problems: list[Problem]) -> bool:
    """The archive is a file beside the source's YAML named after its id: nothing else is read or published."""
    item = node.value.get("archive")
    names = [f"{path.stem}.{ext}" for ext in schema.ARCHIVE_TYPES]
    if item is None or item.value in names:
        return True
    problems.append(
        problem(shown, item.line, item.column, "bad-archive", expected=names[0], types="、".join(schema.ARCHIVE_TYPES), value=fields.show(item.value))
    )
    return False


def _archive_hash(node: Located, path: Path, shown: str, problems: list[Problem]) -> Located:
    """Report the archive's real SHA-256 whenever the recorded one is wrong, even if it is no hash at all;
    the node returned holds the real one, so that this is one clear problem, not two."""
    archive, recorded = node.value.get("archive"), node.value.get("sha256")
    if archive is None or not isinstance(archive.value, str) or not (path.parent / archive.value).is_file():
        return node
    values = dict(node.value)
    actual = hashlib.sha256((path.parent / archive.value).read_bytes()).hexdigest()
    if recorded is None or str(recorded.value) != actual:
        where = recorded or node
        problems.append(problem(shown, where.line, where.column, "archive-hash", actual=actual, expected=recorded.value if recorded else "（空）"))
        values["sha256"] = Located(actual, where.line, where.column)
    text_hash = node.value.get("text_sha256")
    if text_hash is not None and path.with_suffix(".txt").is_file():
        actual = hashlib.sha256(path.with_suffix(".txt").read_bytes()).hexdigest()
        if str(text_hash.value) != actual:
            problems.append(problem(shown, text_hash.line, text_hash.column, "archive-hash", actual=actual, expected=text_hash.value))
            values["text_sha256"] = Located(actual, text_hash.line, text_hash.column)
    return Located(values, node.line, node.column)
