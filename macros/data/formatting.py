"""Numbers, flags and changes worded the way Chinese statistical bulletins word them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from macros.data import schema
from macros.data.catalog import Catalog, Indicator, Missing, Observation


def number(value: Decimal, decimals: int) -> str:
    """Fixed decimals, half-up as in Chinese statistical rounding, no thousands separator."""
    quantum = Decimal(1).scaleb(-decimals)
    return str(value.quantize(quantum, rounding=ROUND_HALF_UP))


def value_text(obs: Observation, decimals: int) -> str:
    """The value as shown: '500+' marks a lower bound ('500多')."""
    text = number(obs.value, decimals)
    return text + "+" if obs.qualifier == "lower_bound" else text


def with_unit(text: str, unit: str) -> str:
    if unit in schema.RANK_UNITS:
        return f"第{text}{unit}"
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def figure_text(obs: Observation, ind: Indicator) -> str:
    """The value with its unit, as every page shows it: '6.02 亿元', '500+ 家次', and a rank (whose
    scope is in the title) with the source's other wording: '第1名（位居全市各区县前列）'."""
    text = with_unit(value_text(obs, ind.decimals), ind.unit)
    return text + (f"（{ind.rank_context}）" if ind.unit in schema.RANK_UNITS and ind.rank_context else "")


def chart_value(obs: Observation, ind: Indicator) -> str:
    """The value as a chart labels it: '6.02', '500+', '第1名'."""
    return with_unit(value_text(obs, ind.decimals), ind.unit) if ind.unit in schema.RANK_UNITS else value_text(obs, ind.decimals)


def flag_label(obs: Observation) -> str:
    labels = [schema.FLAGS[obs.flag][0] if obs.flag else "", schema.QUALIFIERS[obs.qualifier][0]]
    return "、".join(label for label in labels if label)


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


def change_text(cat: Catalog, indicator: Indicator) -> str:
    """The headline's change: as the sources state it, else computed between two stated values.

    '比2023年增长13.3%' or '较2023年提高10.7个百分点'. A change against a derived value is not
    computed: it would be a figure no source states.
    """
    stated = [ind.change_wording.replace("{value}", number(o.value, ind.decimals)) for ind, o in cat.stated_changes(indicator.id)]
    if stated:
        return "，".join(stated)
    head, prev = indicator.headline, indicator.previous
    if head is None or prev is None or head.qualifier or prev.qualifier or prev.flag == "derived" or indicator.unit in schema.RANK_UNITS:
        return ""
    since = prev.period.label
    if indicator.unit == "%":
        diff = head.value - prev.value
        verb = "提高" if diff >= 0 else "下降"
        return f"较{since}{verb}{number(abs(diff), 1)}个百分点"
    if prev.value == 0:
        return ""
    pct = (head.value / prev.value - 1) * 100
    verb = "增长" if pct >= 0 else "下降"
    text = f"比{since}{verb}{number(abs(pct), 1)}%"
    if indicator.unit in schema.COUNT_UNITS:
        diff = head.value - prev.value
        text += f"（{'增加' if diff >= 0 else '减少'}{number(abs(diff), 0)}{indicator.unit}）"
    return text
