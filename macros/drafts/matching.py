"""Which indicator each figure of a new report is a value of.

An indicator can take a figure only if the units agree (a 万元 figure never matches a 项
indicator), the period kinds agree, and a change (增长20.4%) goes to an indicator of a change
and a level to one of a level. Among those, the score weighs how closely the indicator's
title, definition and earlier quotes resemble the figure's clause and sentence (rapidfuzz's
partial ratio, which finds the best-matching stretch of the longer text). Each figure goes to
at most one indicator and each indicator gets at most one figure per period, best scores first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from macros.data.schema import SHARE_UNITS
from macros.drafts.figures import Figure

THRESHOLD = 0.35  # below this a figure is listed as new: no indicator is offered
CONFIDENT = 0.60  # from this score up a match is proposed; below it, a candidate (precision measured in tests/test_import.py, stated in the README)
COMPLETION = re.compile(r"完成率|完成")  # 年度任务完成率107%: how much of a plan was done, never a share
FLOW_WORDS = re.compile(r"新增|新认定|新")  # an addition (新增备案6人), against the total it adds to
STOCK_WORDS = re.compile(r"总量|累计|总数|全县共")
BONUS = 0.2
# the steps a count of enterprises or projects goes through: a figure naming one is not a value of an indicator naming another
PROCESS = ("参评", "申报", "推荐", "入库", "认定", "备案", "公示", "获批", "立项", "评价")
CHANGE_TITLE = re.compile(r"增长|增加额|变化|提高|增幅|下降|减少")
CONVERTIBLE = ({"元", "万元", "亿元", "万", "亿"}, {"人", "万人"})  # units one figure could be converted between: never silently


@dataclass(frozen=True)
class Known:
    """What the site already knows of an indicator."""

    id: str
    title: str
    unit: str
    definition: str
    period_type: str
    change: bool  # the indicator is a change of another (增长率, 增加额, 较年初变化)
    of: str = ""  # the indicator it is a change or an addition of (change_of)
    quotes: tuple[str, ...] = ()  # the sentences its earlier values were quoted from
    years: tuple[int, ...] = ()  # the years it has values for


@dataclass(frozen=True)
class Proposal:
    figure: Figure
    indicator: Known | None
    score: float
    note: str = ""
    differs: str = ""  # how the figure differs from the indicator it is offered for (a full year for 1—11月, 个 for 家)

    @property
    def status(self) -> str:
        """proposed (a confident match), candidate (a weak one, or one that differs), new (none)."""
        if self.indicator is None:
            return "new"
        return "proposed" if self.score >= CONFIDENT and not self.differs else "candidate"


def known(meta: dict[str, object], quotes: tuple[str, ...], years: tuple[int, ...] = ()) -> Known:
    title = str(meta["title"])
    return Known(
        str(meta["id"]),
        title,
        str(meta["unit"]),
        str(meta["definition"]),
        str(meta["period_type"]),
        bool(meta.get("change_of")) and bool(CHANGE_TITLE.search(title)),
        str(meta.get("change_of") or ""),
        quotes,
        years,
    )


def _kind(period: str) -> str:
    """A figure's period is a month range or a year (a cut-off date goes to its as_of)."""
    return "month_range" if "/" in period else "year"


def score(figure: Figure, ind: Known, stocks: frozenset[str] = frozenset(), level: str = "") -> float:
    """How well ``ind`` fits ``figure``'s words, from 0 to 1 (units and kinds are checked apart).
    An addition (an indicator with change_of that is no change) wants 新增-like words, a total that
    others add to wants 总量-like words, and a change wants the level figure before it in the sentence
    (``level``: the indicator that figure went to) to be the one it is a change of."""
    parts = [(0.45, fuzz.partial_ratio(ind.title, figure.segment)), (0.25, fuzz.partial_ratio(ind.title, figure.clause))]
    parts += [(0.15, fuzz.partial_ratio(ind.title, figure.sentence)), (0.15, fuzz.partial_ratio(figure.segment, ind.definition))]
    if ind.quotes:
        parts = [(w * 0.6, r) for w, r in parts] + [(0.4, max(fuzz.partial_ratio(q, figure.sentence) for q in ind.quotes))]
    value = sum(w * r for w, r in parts) / 100
    if ind.of and not ind.change:
        value += BONUS if FLOW_WORDS.search(figure.segment) else -BONUS
    if ind.id in stocks:
        value += BONUS if STOCK_WORDS.search(figure.segment) else 0
    if ind.change and level:
        value += BONUS if ind.of == level else -BONUS
    return round(value, 3)


def fits(figure: Figure, ind: Known) -> bool:
    return figure.unit == ind.unit and _same_kind(figure, ind) and _kind(figure.period) == ind.period_type


def _same_kind(figure: Figure, ind: Known) -> bool:
    """A change for a change, a level for a level, a rank for a rank; a forecast for nothing, a completion rate never
    for a share, a figure of one step (参评) never for an indicator of another (入库)."""
    share = ind.unit in SHARE_UNITS and not ind.change
    kind = figure.change == ind.change and figure.rank == (ind.unit == "名") and not figure.forecast
    return kind and not (share and COMPLETION.search(figure.segment)) and _same_step(figure, ind)


def _same_step(figure: Figure, ind: Known) -> bool:
    """The step the figure's words name (组织参评30家, 入库186家), when they name one, is one the indicator's name or
    definition names too."""
    said = {w for w in PROCESS if w in figure.segment}
    named = {w for w in PROCESS if w in ind.title + ind.definition}
    return not said or not named or bool(said & named)


def difference(figure: Figure, ind: Known) -> str:
    """How a figure nearly fits an indicator: the same kind of measure, but a full year's figure for an
    indicator of months, or 个 where the indicator counts institutions in 家; "" when it does not."""
    if not _same_kind(figure, ind):
        return ""
    unit = figure.unit == ind.unit or (figure.unit == "个" and ind.unit == "家")
    kind = _kind(figure.period) == ind.period_type or (_kind(figure.period) == "year" and ind.period_type == "month_range")
    if not (unit and kind) or fits(figure, ind):
        return ""
    differs = []
    if figure.unit != ind.unit:
        differs.append(f"原文单位为“个”，指标以“{ind.unit}”计：请确认数的是同一类机构")
    if _kind(figure.period) != ind.period_type:
        differs.append("原文是全年数，指标是月份区间（如1—11月）的数：口径不同，采用前请确认")
    return "；".join(differs)


def propose(figures: list[Figure], indicators: list[Known]) -> list[Proposal]:
    """One proposal per figure, in the order of the text: the indicator it best fits, or none.
    Levels are placed first, then changes, each by the level figure before it in its sentence."""
    stocks = frozenset(i.of for i in indicators if i.of and not i.change)
    chosen: dict[int, tuple[float, Known]] = {}
    taken: set[tuple[str, str]] = set()
    for change in (False, True):
        pairs = []
        level_before: dict[str, str] = {}  # sentence: the indicator of the last level figure placed in it so far
        for n, f in enumerate(figures):
            if f.change == change:
                pairs += [(score(f, i, stocks, level_before.get(f.sentence, "")), n, i) for i in indicators if fits(f, i)]
            if n in chosen and not f.change:
                level_before[f.sentence] = chosen[n][1].id
        for value, n, ind in sorted(pairs, key=lambda p: (-p[0], p[1], p[2].id)):
            if value < THRESHOLD or n in chosen or (ind.id, figures[n].period) in taken:
                continue
            chosen[n] = (min(value, 1.0), ind)
            taken.add((ind.id, figures[n].period))
    for n, f in enumerate(figures):  # what is left, offered where it nearly fits, as a candidate saying what differs
        if n in chosen:
            continue
        near = [(score(f, i, stocks), i) for i in indicators if difference(f, i) and (i.id, f.period) not in taken]
        value, best = max(near, key=lambda pair: pair[0], default=(0.0, None))
        if best is not None and value >= THRESHOLD:
            chosen[n] = (min(value, 1.0), best)
            taken.add((best.id, f.period))
    proposals = []
    for n, f in enumerate(figures):
        if n in chosen:
            ind = chosen[n][1]
            proposals.append(Proposal(f, ind, chosen[n][0], differs=difference(f, ind)))
            continue
        convertible = [i for i in indicators if i.unit != f.unit and any({i.unit, f.unit} <= family for family in CONVERTIBLE)]
        value, best = max(((score(f, i), i) for i in convertible), key=lambda pair: pair[0], default=(0.0, None))
        note = f"单位为{f.unit}，指标“{best.title}”的单位为{best.unit}：需要换算，未自动换算" if best is not None and value >= THRESHOLD else ""
        proposals.append(Proposal(f, None, 0.0, note))
    return proposals
