"""Registers: shown on the pages of indicators that exist (their rows' quotes: see ``quotes``)."""

from __future__ import annotations

from collections.abc import Iterator

from macros.data.draft import Draft
from macros.data.problems import Problem


def register_indicators(draft: Draft) -> Iterator[Problem]:
    """Each indicator a register names has its file."""
    for register in draft.registers:
        for iid in register.entry.values["indicators"]:
            if not (draft.data_dir / "indicators" / f"{iid}.yaml").exists():
                yield register.entry.at("indicators").problem("unknown-ref", kind="指标", kind_en="indicator", value=iid)
