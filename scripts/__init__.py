"""Command-line entry points (the make targets); nothing in macros/ imports them."""

from __future__ import annotations

import os
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
