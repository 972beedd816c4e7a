"""A figure as the site states it, and its wording in each medium.

A ``Statement`` is one indicator's figure for one period: a value (or, where the source gives no
total, its items), with the unit, the lower-bound qualifier, the flag (a derived value with its
formula, a number read from words), the period as the report states it (the site's readings
marked), a rank's scope, and the sentence it comes from with its place in the source. Every surface
words a figure through one of the functions below, so none can drop a qualifier, a flag or a scope:

- ``text``: plain Chinese, for CSV, XLSX, JSON, descriptions of charts and the briefing;
- ``shown`` and ``marks``: the figure and its marks, which the page templates set in HTML;
- ``chart_label``: the label on a bar or a point;
- ``english`` and ``english_parts``: plain English, for /en/.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from macros.data import schema
from macros.data.catalog import Catalog, Indicator, Observation, Source
from macros.data.formatting import number, period_text, period_text_en, value_text
from macros.data.formula import percent_change
from macros.data.periods import Period
from macros.data.quotes import quote_anchor

ITEM_WORD = "项"  # the measure word of a count of items ("2 项，各 200 万元")
# the caveat a figure "截至目前" or "今年以来" in an undated report calls for (period_basis to_date), stated
# once here for every indicator whose rows say so, and for no other
TO_DATE_CAVEAT = "原文用“截至目前”“今年以来”等说法，报告又未注明成文日期：{years}的数字只统计到报告成文时，不一定是全年数。"


@dataclass(frozen=True)
class Statement:
    """One indicator's figure for one period: one row (a total, or one item), or the items of a period
    the source gives no total for."""

    ind: Indicator
    observations: tuple[Observation, ...]
    document: Source | None  # the source document of the sentence
    items_only: bool = False  # the observations are a period's items: the source gives no total, so no surface shows one as "the" value

    @property
    def paragraph(self) -> int:
        """The paragraph of the source holding the sentence, numbered from 1 as the source page shows it (0 if none)."""
        return self.document.paragraph_of(self.quote) if self.document else 0

    @property
    def first(self) -> Observation:
        return self.observations[0]

    @property
    def period(self) -> Period:
        return self.first.period

    @property
    def period_label(self) -> str:
        return period_text(self.first)

    @property
    def period_label_en(self) -> str:
        return period_text_en(self.first)

    @property
    def value(self) -> Decimal | None:
        """The figure's one value; None for items without a total (the machine files leave it empty)."""
        return None if self.items_only else self.first.value

    @property
    def rank(self) -> bool:
        return self.ind.unit in schema.RANK_UNITS

    @property
    def source(self) -> str:
        return self.first.source

    @property
    def quote(self) -> str:
        return self.first.quote

    @property
    def anchor(self) -> str:
        return quote_anchor(self.quote)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.flag for o in self.observations if o.flag))

    @property
    def qualifiers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.qualifier for o in self.observations if o.qualifier))


def statement(cat: Catalog, ind: Indicator, row: Observation) -> Statement:
    """One row's figure: a total, or one item (its name is the row's breakdown)."""
    return Statement(ind, (row,), cat.sources.get(row.source))


def headline(cat: Catalog, ind: Indicator) -> Statement | None:
    """The latest period's figure: its total, or its items when the source gives no total."""
    head = ind.headline
    if head is None:
        return None
    if not head.breakdown:
        return statement(cat, ind, head)
    return Statement(ind, tuple(o for o in ind.observations if o.period == head.period), cat.sources.get(head.source), items_only=True)


# -- Chinese --------------------------------------------------------------------------


def unit_parts(text: str, ind: Indicator) -> list[tuple[str, str]]:
    """A value with its unit in the parts a page styles, (text, part): 6.02| |亿元, 45.2|%, 10.7|个百分点,
    第|1|名; part is value or unit, "" for the space between them."""
    if ind.unit in schema.RANK_UNITS:
        return [("第", "unit"), (text, "value"), (ind.unit, "unit")]
    unit = "个百分点" if ind.unit == "百分点" else ind.unit
    return [(text, "value"), *([] if ind.unit in ("%", "百分点") else [(" ", "")]), (unit, "unit")]


def with_unit(text: str, ind: Indicator) -> str:
    """'6.02 亿元', '45.2%', '10.7个百分点', and a rank with its scope: '第1名（同考核单元）'."""
    scope = f"（{ind.rank_scope}）" if ind.unit in schema.RANK_UNITS and ind.rank_scope else ""
    return "".join(t for t, _ in unit_parts(text, ind)) + scope


def rank_note(st: Statement) -> str:
    """What a rank is among, and the source's other wording of it: '（同考核单元，位居全市各区县前列）'."""
    words = [w for w in (st.ind.rank_scope, st.ind.rank_context) if w] if st.rank else []
    return f"（{'，'.join(words)}）" if words else ""


def row_value(o: Observation, ind: Indicator) -> str:
    """One row's value with its unit: '500+ 家次', '第1名（同考核单元）'."""
    return with_unit(value_text(o, ind.decimals), ind)


def each(st: Statement) -> bool:
    """Items without a total that all have the same value: '2 项，各 200 万元'."""
    return st.items_only and len(st.observations) > 1 and len({o.value for o in st.observations}) == 1


def figure_parts(st: Statement) -> list[tuple[str, str]]:
    """A figure (not items without a total) as ``shown`` words it, in the parts a page styles
    (``unit_parts``), a rank with what it is among as a part of its own (rank-context)."""
    parts = unit_parts(value_text(st.first, st.ind.decimals), st.ind)
    return [*parts, (rank_note(st), "rank-context")] if st.rank else parts


def shown(st: Statement) -> str:
    """The figure without its marks: '6.02 亿元', '500+ 家次', '第1名（同考核单元，位居全市各区县前列）',
    and items without a total: '2 项，各 200 万元' (or each item's value when they differ)."""
    ind = st.ind
    if not st.items_only:
        return "".join(t for t, _ in figure_parts(st))
    count = f"{len(st.observations)} {ITEM_WORD}"
    if each(st):
        return f"{count}，各 {row_value(st.first, ind)}"
    return f"{count}：" + "、".join(f"{o.breakdown} {row_value(o, ind)}" for o in st.observations)


def labels(flags: tuple[str, ...], qualifiers: tuple[str, ...], english: bool = False) -> list[str]:
    """The names of flags and qualifiers: '推算值', '下限值' (English: 'derived', 'lower bound')."""
    found = [schema.FLAGS[f] for f in flags] + [schema.QUALIFIERS[q] for q in qualifiers]
    return [m.en.lower() for m in found] if english else [m.zh for m in found]


def marks(st: Statement, formula: bool = False, english: bool = False) -> list[str]:
    """The figure's marks: '推算值', '由文字推断', '下限值' (a stated figure has none); with ``formula``
    a derived value's arithmetic: '推算值：51 - 6'."""
    found = labels(st.flags, st.qualifiers, english)
    if formula and "derived" in st.flags and not st.items_only and st.first.formula:
        found[st.flags.index("derived")] += f"{': ' if english else '：'}{st.first.formula}"
    return found


def text(st: Statement, names: bool = False) -> str:
    """The figure in plain Chinese with its marks: '500+ 家次（下限值）', '0 次（由文字推断）',
    '5.00 亿元（推算值：6.02 / (1 + 20.4%)）'; with ``names``, items of the same value are named:
    '2 项，各 200 万元：甲、乙'."""
    words = shown(st)
    if names and each(st):
        words += "：" + "、".join(o.breakdown for o in st.observations)
    found = marks(st, formula=True)
    return words + (f"（{'，'.join(found)}）" if found else "")


def chart_label(o: Observation, ind: Indicator) -> str:
    """The label on a bar or a point: '6.02', '500+', '第1名'."""
    value = value_text(o, ind.decimals)
    return f"第{value}{ind.unit}" if ind.unit in schema.RANK_UNITS else value


def chart_kind(o: Observation) -> str:
    """What a bar's colour says: '原文数', or the row's marks ('推算值', '下限值' …)."""
    return "、".join(labels((o.flag,) if o.flag else (), (o.qualifier,) if o.qualifier else ())) or schema.FLAGS[""].zh


# -- English --------------------------------------------------------------------------


def english_amount(o: Observation, ind: Indicator) -> tuple[str, str]:
    """A value and its unit as English readers write them, the qualifier's form kept: money in yuan,
    millions or billions (2781.5 万元: ('27.815', 'million yuan'); 500多万元: ('5+', 'million yuan')), any
    other unit by its English name (('500+', 'enterprise-visits')). The number is exact: no digit added."""
    per = schema.YUAN.get(ind.unit)
    if per is None:
        return value_text(o, ind.decimals, english=True), schema.UNITS[ind.unit]
    yuan = o.value * per
    scale, words = next((s, w) for s, w in schema.ENGLISH_MONEY if yuan >= s or s == 1)
    return schema.QUALIFIERS[o.qualifier].form_en.format(format((yuan / scale).normalize(), ",f")), words


def english_parts(st: Statement, marked: bool = True) -> tuple[str, str]:
    """The figure in plain English, as its lead (the number a card sets large) and the rest (unit,
    scope, marks unless not ``marked``): ('500+', 'enterprise-visits (lower bound)'), ('rank 1', '(scope: 同考核单元)'),
    ('2 items', '2 million yuan each')."""
    ind = st.ind
    scope = f"(scope: {ind.rank_scope})" if st.rank and ind.rank_scope else ""
    if st.items_only:
        values = [f"rank {v}" if st.rank else f"{v} {unit}" for v, unit in (english_amount(o, ind) for o in st.observations)]
        lead = f"{len(values)} item{'s' if len(values) > 1 else ''}"
        rest = " ".join(w for w in (f"{values[0]} each" if each(st) else "; ".join(values), scope) if w)
    elif st.rank:
        lead, rest = f"rank {value_text(st.first, ind.decimals)}", scope
    else:
        value, unit = english_amount(st.first, ind)
        lead, rest = value + ("%" if ind.unit == "%" else ""), "" if ind.unit == "%" else unit
    found = marks(st, formula=True, english=True) if marked else []
    return lead, " ".join(w for w in (rest, f"({'; '.join(found)})" if found else "") if w)


def english(st: Statement, marked: bool = True) -> str:
    """The figure in plain English with its marks (unless not ``marked``): '500+ enterprise-visits (lower bound)'."""
    lead, rest = english_parts(st, marked)
    if st.items_only:
        return f"{lead}{', ' if each(st) else ': '}{rest}"
    return f"{lead} {rest}".strip()


@dataclass(frozen=True)
class Change:
    """The headline's change: as the sources state it (other indicators' figures), or computed between two stated values."""

    stated: tuple[Statement, ...] = ()
    since: Period | None = None  # the earlier period of a computed change
    amount: Decimal = Decimal(0)  # percent, or percentage points for a share
    count: Decimal | None = None  # the difference of a count


def comparable(o: Observation) -> bool:
    """Whether a change against this value may be computed: its flag and qualifier both allow it."""
    return schema.FLAGS[o.flag].comparable and schema.QUALIFIERS[o.qualifier].comparable


def change(cat: Catalog, ind: Indicator) -> Change | None:
    """A change against a value whose mark is not ``comparable`` (derived, read from words, a lower bound,
    an approximate figure), across a break in the series (the latest value ``breaks``), or of a rank, is not
    computed: it would be a figure no source states."""
    stated = tuple(statement(cat, i, o) for i, o in cat.stated_changes(ind.id))
    if stated:
        return Change(stated=stated)
    head, prev = ind.headline, ind.previous
    if head is None or prev is None or not (comparable(head) and comparable(prev)) or schema.FLAGS[head.flag].breaks or ind.unit in schema.RANK_UNITS:
        return None
    if ind.unit == "%":
        return Change(since=prev.period, amount=head.value - prev.value)
    if prev.value == 0:
        return None
    count = head.value - prev.value if ind.unit in schema.COUNT_UNITS else None
    return Change(since=prev.period, amount=percent_change(head.value, prev.value), count=count)


def change_text(cat: Catalog, ind: Indicator) -> str:
    """'新增备案6人' as the source words it (``change_wording``), or '比2023年增长13.3%（增加6家）',
    '较2023年提高10.7个百分点' in the 统计公报 style."""
    found = change(cat, ind)
    if found is None:
        return ""
    if found.stated:
        return "，".join(
            s.ind.change_wording.replace("{value}", value_text(s.first, s.ind.decimals)) + "".join(f"（{m}）" for m in marks(s)) for s in found.stated
        )
    assert found.since is not None
    up = found.amount >= 0
    if ind.unit == "%":
        return f"较{found.since.label}{'提高' if up else '下降'}{number(abs(found.amount), 1)}个百分点"
    text = f"比{found.since.label}{'增长' if up else '下降'}{number(abs(found.amount), 1)}%"
    if found.count is not None:
        text += f"（{'增加' if found.count >= 0 else '减少'}{number(abs(found.count), 0)}{ind.unit}）"
    return text


def change_english(cat: Catalog, ind: Indicator) -> str:
    """The same change in English, with the base the Chinese names: 'up 20.4% on 2022' as the source words it
    (``change_wording_en``; without one, 'Growth: 20.4%'), or 'up 13.3% on 2023'."""
    found = change(cat, ind)
    if found is None:
        return ""
    if found.stated:
        return "; ".join(stated_english(s) for s in found.stated)
    assert found.since is not None
    direction = "up" if found.amount >= 0 else "down"
    if ind.unit == "%":
        return f"{direction} {number(abs(found.amount), 1)} percentage points on {found.since.label_en}"
    return f"{direction} {number(abs(found.amount), 1)}% on {found.since.label_en}"


def stated_english(st: Statement) -> str:
    """A change a source states, in English as the indicator words it, its marks after it:
    '6+ enterprises / institutions added (derived; lower bound)'."""
    if not st.ind.change_wording_en:
        return f"{st.ind.title_en}: {english(st)}"
    found = marks(st, english=True)
    return st.ind.change_wording_en.replace("{value}", english(st, marked=False)) + (f" ({'; '.join(found)})" if found else "")


def caveats(ind: Indicator) -> tuple[str, ...]:
    """What a reader should know: the caveat the periods of the indicator's rows call for, then its own."""
    years = sorted({o.period.start.year for o in ind.observations if o.period_basis == "to_date"})
    period = (TO_DATE_CAVEAT.format(years="、".join(f"{y}年" for y in years)),) if years else ()
    return (*period, *ind.caveats)
