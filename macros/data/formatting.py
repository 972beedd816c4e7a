"""Numbers and periods worded the way Chinese statistical bulletins word them (``statements`` words whole figures)."""

from __future__ import annotations

from decimal import Decimal

from macros.data import schema
from macros.data.catalog import Missing, Observation
from macros.data.formula import ARITHMETIC


def number(value: Decimal, decimals: int) -> str:
    """Fixed decimals, half-up as in Chinese statistical rounding (ARITHMETIC's), no thousands separator."""
    quantum = Decimal(1).scaleb(-decimals)
    return str(value.quantize(quantum, context=ARITHMETIC))


def value_text(obs: Observation, decimals: int, english: bool = False) -> str:
    """The value as shown: '500+' marks a lower bound ('500多'), '约176' an approximate figure ('about 176'
    in English)."""
    mark = schema.QUALIFIERS[obs.qualifier]
    return (mark.form_en if english else mark.form).format(number(obs.value, decimals))


def period_text(obs: Observation | Missing) -> str:
    """The period as the source states it, the site's own reading marked as such: '2024年1—11月',
    '2024年（截至报告成文）', '2023年度（截至2024年3月10日，年度为本站推断）'."""
    basis, as_of = getattr(obs, "period_basis", ""), getattr(obs, "as_of", "")
    cutoff = ""
    if as_of:
        y, m, d = (int(p) for p in as_of.split("-"))
        cutoff = f"截至{y}年{m}月{d}日"
    if basis == "inferred":
        return f"{obs.period.label.removesuffix('年')}年度（{cutoff + '，' if cutoff else ''}年度为本站推断）"
    if basis == "to_date":
        return f"{obs.period.label}（截至报告成文）"
    return obs.period.label + (f"（{cutoff}）" if cutoff else "")


def period_text_en(obs: Observation) -> str:
    """The period in English, with the same marks: '2024 (to the date of the report)'."""
    notes = {"to_date": ["to the date of the report"], "inferred": ["year inferred by this site"]}.get(obs.period_basis, [])
    if obs.as_of:
        notes.insert(0, f"as of {obs.as_of}")
    return obs.period.label_en + (f" ({'; '.join(notes)})" if notes else "")
