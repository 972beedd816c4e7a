"""Command-line entry points (the make targets); nothing in macros/ imports them."""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: SHANGHE_DATA (the tests point it at other data), else data/."""
    return Path(os.environ.get("SHANGHE_DATA") or ROOT / "data")


def cache_dir() -> Path:
    """The build cache: SHANGHE_CACHE, else .cache/ (as in mkdocs.yml)."""
    return Path(os.environ.get("SHANGHE_CACHE") or ROOT / ".cache")


def yaml_scalar(value: str) -> str:
    """``value`` as one YAML scalar, written by the YAML library: '#', ': ', 'yes' or quotes stay text."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10_000).strip()


MARKDOWN_ACTIVE = re.compile(f"([{re.escape(string.punctuation)}])")


def markdown_text(text: str) -> str:
    """Data text in a Markdown job summary or table cell, shown as typed: every ASCII punctuation mark
    backslash-escaped (no heading, link, HTML, code fence or table cell can start), line breaks as spaces."""
    return MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(text.splitlines()))
