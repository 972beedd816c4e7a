"""Every figure a report states: its value as written, its unit, the clause it stands in and the
period that clause gives it.

A figure is a run of Arabic or full-width digits that is not part of a date or a period
(2024年, 1-11月, 截至2024年3月10日). Its quote is a verbatim slice of the text, so it holds
the figure as written. Periods follow the report: the document's year, unless a marker in the
same stretch of text says otherwise (1-11月, 2023年, 截至<date>, 截至目前/今年以来, or 较2022年,
which puts the figure in the year after the one it is compared with).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# what may follow a number, longest first, and the unit the site records it in ("" for a unit it lacks)
UNIT_WORDS: dict[str, str] = {
    "个百分点": "百分点", "百分点": "百分点", "万元": "万元", "亿元": "亿元", "元": "元", "万人": "万人", "万": "万", "亿": "亿",
    "家（次）": "家次", "家(次)": "家次", "家次": "家次", "家": "家", "项": "项", "个": "个", "人": "人", "名": "人",
    "次": "次", "篇": "篇", "批": "批", "%": "%", "％": "%",
}
FIGURE = re.compile(
    rf"(?P<rank>第)?(?P<number>{NUMBER})(?P<more>多|余)?(?P<unit>{'|'.join(map(re.escape, sorted(UNIT_WORDS, key=len, reverse=True)))})?(?P<above>以上)?"
)
DATE = re.compile(rf"(?:{NUMBER}年)?{NUMBER}月{NUMBER}日|{NUMBER}年(?:{NUMBER}月)?|{NUMBER}\s*[-—–~～至]\s*{NUMBER}月|{NUMBER}月")
# markers that set the period of the text after them, up to the end of the sentence
MONTHS = re.compile(rf"(?P<first>{NUMBER})\s*[-—–~～至]\s*(?P<last>{NUMBER})月")
AS_OF = re.compile(rf"截至(?P<y>{NUMBER})年(?P<m>{NUMBER})月(?P<d>{NUMBER})日")
TO_DATE = re.compile(r"截至目前|今年以来|截至今年")
YEAR = re.compile(r"(?<![较比于])(?P<y>[0-9]{4})年(?!度)")
COMPARED = re.compile(r"较(?P<y>[0-9]{4})年")
CHANGE = re.compile(r"(?:增长|提高|增加|下降|减少|降低|增幅为?|同比)$")
SENTENCE_END = re.compile(r"[。！？；;\n]")
CLAUSE_END = re.compile(r"[，,。！？；;：:（）()\n]")
LIST_MARK = re.compile(r"[、，,]")
SHORT = 8  # characters besides the figure: a clause this short is quoted with the one before it


def plain_number(written: str) -> str:
    return unicodedata.normalize("NFKC", written)


@dataclass(frozen=True)
class Figure:
    start: int  # where the figure (with 第, 多, its unit) stands in the text
    end: int
    written: str  # the digits as the text writes them
    value: Decimal
    unit: str  # the unit the site would record: 万元, 人, % …; "" when none follows
    word: str  # the unit as written: 名, 个, 家（次）…
    qualifier: str  # lower_bound for 500多, 20余, …以上
    rank: bool  # 第1名
    change: bool  # a growth or change (增长20.4%, 提高10.7个百分点), not a level
    clause: str  # the clause holding it, verbatim (with the clause before it when it is short): the quote
    clause_at: int  # where the clause starts in the text
    segment: str  # the words of the clause that belong to this figure rather than to its neighbours of the same unit
    sentence: str  # the sentence holding it, verbatim
    period: str  # 2024, 2024-01/2024-11
    period_basis: str  # "", to_date or inferred
    as_of: str  # YYYY-MM-DD


class _Ends:
    """Where one kind of boundary (a sentence's or a clause's end, one character each) falls in a text,
    found once: the span around a place is then two bisections, so finding figures stays linear."""

    def __init__(self, text: str, ends: re.Pattern[str]) -> None:
        self.at = [m.start() for m in ends.finditer(text)]
        self.length = len(text)

    def span(self, at: int) -> tuple[int, int]:
        """From after the last boundary before ``at`` to the first at or after it."""
        i = bisect.bisect_left(self.at, at)
        return (self.at[i - 1] + 1 if i else 0), (self.at[i] if i < len(self.at) else self.length)


def _markers(sentence: str) -> list[tuple[int, str, re.Match[str]]]:
    """The period markers of a sentence by position: each sets the period of the figures after it."""
    found = [(m.start(), "months", m) for m in MONTHS.finditer(sentence)]
    found += [(m.start(), "as_of", m) for m in AS_OF.finditer(sentence)]
    found += [(m.start(), "to_date", m) for m in TO_DATE.finditer(sentence)]
    dated = [m.span() for m in AS_OF.finditer(sentence)]
    found += [(m.start(), "year", m) for m in YEAR.finditer(sentence) if not any(a <= m.start() < b for a, b in dated)]
    return sorted(found, key=lambda item: item[0])


def _period(sentence: str, at: int, year: int) -> tuple[str, str, str]:
    """The period, its basis and its cut-off date of the figure at ``at`` in ``sentence``: set by the
    last marker before it; 较2022年 between that marker and the next puts it in 2023 (the site's reading)."""
    markers = _markers(sentence)
    before = [item for item in markers if item[0] < at]
    after = [item for item in markers if item[0] > at]
    period, basis, as_of = str(year), "", ""
    if before:
        _, kind, m = before[-1]
        if kind == "months":
            own = re.search(r"([0-9]{4})年\s*$", sentence[: m.start()])  # 2023年1-11月: that year's months
            months_year = int(own[1]) if own else year
            period = f"{months_year}-{int(plain_number(m['first'])):02d}/{months_year}-{int(plain_number(m['last'])):02d}"
        elif kind == "as_of":
            as_of = f"{int(plain_number(m['y'])):04d}-{int(plain_number(m['m'])):02d}-{int(plain_number(m['d'])):02d}"
            period = str(int(plain_number(m["y"])))
        elif kind == "to_date":
            basis = "to_date"
        else:
            period = m["y"]
    stretch = sentence[before[-1][0] if before else 0 : after[0][0] if after else len(sentence)]
    compared = COMPARED.search(stretch)
    if compared and "-" not in period and int(compared["y"]) + 1 != int(period):
        period, basis = str(int(compared["y"]) + 1), "inferred"
    return period, basis, as_of


def find(text: str, year: int) -> list[Figure]:
    """Every figure of ``text`` in order, ``year`` being the year the document reports on."""
    dates = [m.span() for m in DATE.finditer(text)]
    date_starts = [a for a, _ in dates]
    sentences, clauses = _Ends(text, SENTENCE_END), _Ends(text, CLAUSE_END)
    figures = []
    for m in FIGURE.finditer(text):
        number_at = m.start("number")
        d = bisect.bisect_right(date_starts, number_at) - 1  # the last date starting at or before the number
        if (d >= 0 and number_at < dates[d][1]) or (m["rank"] and m["unit"] != "名"):
            continue
        sentence_start, sentence_end = sentences.span(number_at)
        clause_start, _ = clauses.span(number_at)
        clause_end = clauses.span(m.end())[1]
        if len(text[clause_start:clause_end]) - len(m[0]) < SHORT and clause_start > sentence_start:  # 累计达13项: with the clause before it
            clause_start = clauses.span(clause_start - 1)[0]
        word = m["unit"] or ""
        unit = UNIT_WORDS.get(word, "")
        if word == "名" and m["rank"]:
            unit = "名"
        elif word == "个" and text.startswith("项目", m.end()):  # 10个项目: counted in 项
            unit = "项"
        written = m["number"]
        period, basis, as_of = _period(text[sentence_start:sentence_end], number_at - sentence_start, year)
        figures.append(
            Figure(
                start=m.start(),
                end=m.end(),
                written=written,
                value=Decimal(plain_number(written)),
                unit=unit,
                word=word,
                qualifier="lower_bound" if m["more"] or m["above"] else "",
                rank=bool(m["rank"]) and word == "名",
                change=bool(CHANGE.search(text[max(clause_start, number_at - 6) : number_at])),
                clause=text[clause_start:clause_end],
                clause_at=clause_start,
                segment="",
                sentence=text[sentence_start:sentence_end],
                period=period,
                period_basis=basis,
                as_of=as_of,
            )
        )
    by_unit: dict[str, list[Figure]] = {}
    for f in figures:
        by_unit.setdefault(f.unit, []).append(f)
    return [dataclasses.replace(f, segment=_segment(text, f, by_unit)) for f in figures]


def _segment(text: str, f: Figure, by_unit: dict[str, list[Figure]]) -> str:
    """The figure's own words: its clause cut at the neighbouring figures of the same unit, the text
    between two of them split at a list mark (推荐申报高新技术企业2批59家 | 、已公示43家;
    10个项目获批省级立项 | 、7个项目获批市级立项)."""
    start, end = f.clause_at, f.clause_at + len(f.clause)
    same = by_unit[f.unit]
    i = bisect.bisect_left(same, f.start, key=lambda g: g.start)
    before = same[i - 1] if i and same[i - 1].start >= start else None  # figures never overlap: the one before ends before f
    after = same[i + 1] if i + 1 < len(same) and same[i + 1].start < end else None
    if before:
        between = text[before.end : f.start]
        marks = list(LIST_MARK.finditer(between))
        start = before.end + (marks[-1].end() if marks else 0)
    if after:
        between = text[f.end : after.start]
        mark = LIST_MARK.search(between)
        end = f.end + (mark.start() if mark else len(between))
    return text[start:end]
