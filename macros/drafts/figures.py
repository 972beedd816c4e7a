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
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from macros.data.readers import REACH
from macros.data.schema import FORMULA_LIKE

# a decimal broken after its point by a line break (增长8.\n3%, as web pages copied line by line give it) is one
# number when a percentage follows: never a list number and the next line's (1.\n2.推进)
NUMBER = r"[0-9０-９]+(?:[.．](?:\n(?=[0-9０-９]+[%％]))?[0-9０-９]+)?"
# what may follow a number, longest first, and the unit the site records it in ("" for a unit it lacks:
# the review file shows the word as written, and no indicator can take the figure)
UNIT_WORDS: dict[str, str] = {
    "个百分点": "百分点",
    "百分点": "百分点",
    "万元": "万元",
    "亿元": "亿元",
    "元": "元",
    "万人": "万人",
    "万平方米": "",
    "平方米": "",
    "万亩": "",
    "亩": "",
    "万": "万",
    "亿": "亿",
    "家（次）": "家次",
    "家(次)": "家次",
    "家次": "家次",
    "家": "家",
    "项": "项",
    "个": "个",
    "人": "人",
    "名": "人",
    "位": "人",  # 3位专家; a rank move (上升16位) is read apart
    "次": "次",
    "篇": "篇",
    "批": "批",
    "%": "%",
    "％": "%",
    "件": "",
    "所": "",
    "张": "",
    "条": "",
    "只": "",
    "台": "",
    "套": "",
    "座": "",
    "户": "",
    "倍": "",  # a multiple: no indicator is kept in multiples
}
RANGE_TO = r"\s*[-—–~～至到]\s*"
SPACE = r"[ \t\u3000\u00a0]*"  # spaces web and PDF text put between a number and its unit or 年 (half- and full-width)
FIGURE = re.compile(
    rf"(?P<ordinal>第)?(?P<number>{NUMBER})(?:{RANGE_TO}(?P<upper>{NUMBER}))?(?P<more>多|余)?"
    rf"(?:{SPACE}\n?{SPACE}(?P<unit>{'|'.join(map(re.escape, sorted(UNIT_WORDS, key=len, reverse=True)))}))?(?P<above>以上)?"
)
DOUBLING = re.compile(r"翻(?P<number>一|两|二|三)(?P<unit>番)")  # 翻一番: twice as much, 翻两番: four times
DOUBLINGS = {"一": 2, "两": 4, "二": 4, "三": 8}
RANK_MOVE = re.compile(r"(?:上升|下降|提升|前移|后移|前进|后退|跃升)$")  # 排名上升16位: a move, not a rank, not people
LONG_CODE = 9  # digits: a run this long with no unit is a code (a credit code, an index number), not a figure
# a rank in any of the forms reports use: 第1名, 排名第2, 全市排名第2, 居绍兴第2, 位居全市第一, 全省第二
CHINESE_DIGITS = "一二三四五六七八九十"
CHINESE_NUMBER = "[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"  # 一 to 九十九, written well (not 一二)
SCOPE = r"全国|全省|全市|全区|全县|同考核单元|同类县区|一县[一二三四五六七八九十]区"
LIKELY_RANK = 50  # a rank above this is more likely several ranks run together (第2、1、2位) than one
RANK = re.compile(
    rf"(?:(?P<scope>{SCOPE})?(?P<verb>排名|位居|位列|名列|居于|居|列|排)(?P<where>[^\s，。；、：第0-9０-９]{{0,6}}?)|(?P<alone>{SCOPE}))?"
    rf"第(?P<number>[0-9０-９]+|{CHINESE_NUMBER})(?P<word>名|位)?(?![0-9０-９{CHINESE_DIGITS}批季期次个届轮类条款项章节年阶部份种])"
)
# what a figure is not: dates and times (2022-01-24 00:33, 2024年3月10日, 1—11月), numbers inside names (“83”工程,
# 《……2021》) and the numbers of list items (1.强化科技招商, （2）)
DATE = re.compile(
    rf"[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}日?|[0-9]{{1,2}}[:：][0-9]{{2}}(?:[:：][0-9]{{2}})?"
    rf"|(?:{NUMBER}{SPACE}年{SPACE})?{NUMBER}{SPACE}月{SPACE}{NUMBER}{SPACE}日|{NUMBER}{SPACE}年(?:{SPACE}{NUMBER}{SPACE}月)?"
    rf"|{NUMBER}{RANGE_TO}{NUMBER}{SPACE}月|{NUMBER}{SPACE}月"
)
# what is not a figure however a report writes it: index and document numbers, telephone and postal numbers, a
# page number, and a list number run into a heading by PDF reading (区科技局1.科技指标完成情况)
NOT_FIGURE = re.compile(
    r"索引号[:：]?\s*[0-9A-Za-z/-]+|[〔\[［][0-9０-９]{4}[〕\]］][0-9０-９]+号"
    r"|(?<![0-9])0[0-9]{2,3}[-—][0-9]{7,8}(?![0-9])|(?<![0-9])1[3-9][0-9]{9}(?![0-9])|邮编[:：]?\s*[0-9]{6}"
    r"|^\s*[-—]\s*[0-9]+\s*[-—]\s*$|第\s*[0-9]+\s*页|(?<=[\u4e00-\u9fff])[0-9０-９]{1,2}[.．](?=[\u4e00-\u9fff]|[ \t]*(?:\n(?![0-9０-９]+[%％])|\Z))",
    re.M,
)
NAME = re.compile(r"“[^”\n]{1,15}”|「[^」\n]{1,15}」|《[^》\n]{1,80}》")
ITEM_NUMBER = re.compile(r"^\s*[0-9０-９]{1,2}[.、．](?![0-9０-９])|[（(][0-9０-９]{1,2}[）)]", re.M)  # 1.强化科技招商, （2）
# markers that set the period of the text after them, up to the end of the sentence
MONTHS = re.compile(rf"(?P<first>{NUMBER})\s*[-—–~～至]\s*(?P<last>{NUMBER})月")
AS_OF = re.compile(rf"截至(?P<y>{NUMBER})年(?P<m>{NUMBER})月(?P<d>{NUMBER})日")
# 截止3月底, 截至6月中旬: a cut-off in the report's year (or the year written), on the day the words name
AS_OF_PART = re.compile(rf"截[至止]{SPACE}(?:(?P<y>{NUMBER}){SPACE}年{SPACE})?(?P<m>{NUMBER}){SPACE}月{SPACE}(?P<part>底|末|上旬|中旬|下旬)")
PART_DAYS = {"上旬": 10, "中旬": 20}  # 底, 末, 下旬: the month's last day
# parts of a year: 上半年, 前三季度, 2023年一季度 (months, first and last)
YEAR_PARTS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "一季度": (1, 3), "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12)}
PART = re.compile(rf"(?:(?P<y>[0-9０-９]{{4}}){SPACE}年(?:度)?{SPACE})?第?(?P<part>{'|'.join(YEAR_PARTS)})")
# 从2020年的52家增长至117家: the year after 从 is the first figure's; after 至/到 the figure is the report's
UNTIL = re.compile(r"(?:增长|增加|提高|提升|上升|扩大|发展)?(?:至|到)")
TO_DATE = re.compile(r"截至目前|今年以来|截至今年")
YEAR = re.compile(rf"(?<![较比于])(?P<y>[0-9０-９]{{4}}){SPACE}年(?:度)?")
COMPARED = re.compile(rf"较(?P<y>[0-9０-９]{{4}}){SPACE}年")
CHANGE = re.compile(r"(?:增长|提高|增加|下降|减少|降低|增幅为?|增幅达|增速为?|增速达|同比)$")
# words just before a number that qualify it: 约176万元, 近百, 突破1100家, 超过; 预计 anywhere before it in its clause
APPROXIMATE = re.compile(r"(?:约|大约|近|将近|接近)$")
AT_LEAST = re.compile(r"(?:突破|超过|超|逾)$")
FORECAST = re.compile(r"预计|预期|力争")
SENTENCE_END = re.compile(r"[。！？；;\n]")
CLAUSE_END = re.compile(r"[，,。！？；;：:（）()\n]")
LIST_MARK = re.compile(r"[、，,]")
SHORT = 8  # characters besides the figure: a clause this short is quoted with the one before it
WRAPPED = 20  # characters: a line this long that ends without punctuation was wrapped, and goes on on the next
LINE_ENDS = tuple("。！？；：:;”’）)】》")
NEW_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．])")


def plain_number(written: str) -> str:
    """The digits as ASCII, one number (a line break after its point dropped)."""
    return unicodedata.normalize("NFKC", written).replace("\n", "")


@dataclass(frozen=True)
class Figure:
    start: int  # where the figure (with 第, 多, its unit) stands in the text
    end: int
    written: str  # the digits as the text writes them
    value: Decimal
    unit: str  # the unit the site would record: 万元, 人, % …; "" when none follows
    word: str  # the unit as written: 名, 个, 家（次）…
    qualifier: str  # lower_bound for 500多, 20余, …以上, 突破, a range's start; approximate for 约, 近
    rank: bool  # 第1名, 全省第二
    change: bool  # a growth or change (增长20.4%, 提高10.7个百分点), not a level
    clause: str  # the clause holding it, verbatim (with the clause before it when it is short): the quote
    clause_at: int  # where the clause starts in the text
    segment: str  # the words of the clause that belong to this figure rather than to its neighbours of the same unit
    sentence: str  # the sentence holding it, verbatim
    period: str  # 2024, 2024-01/2024-11
    period_basis: str  # "", to_date or inferred
    as_of: str  # YYYY-MM-DD
    forecast: bool = False  # 预计, 力争: not what happened, never a level of the report's year
    flag: str = ""  # from_wording for a rank written in words (第二)
    note: str = ""  # what a reviewer should know: a range, a rank's scope, a rank in words


class _Ends:
    """Where one kind of boundary (a sentence's or a clause's end, one character each) falls in a text,
    found once: the span around a place is then two bisections, so finding figures stays linear."""

    def __init__(self, text: str, ends: re.Pattern[str], soft: set[int]) -> None:
        self.at = [m.start() for m in ends.finditer(text) if m.start() not in soft]
        self.length = len(text)

    def span(self, at: int) -> tuple[int, int]:
        """From after the last boundary before ``at`` to the first at or after it."""
        i = bisect.bisect_left(self.at, at)
        return (self.at[i - 1] + 1 if i else 0), (self.at[i] if i < len(self.at) else self.length)


def _markers(sentence: str) -> list[tuple[int, str, re.Match[str]]]:
    """The period markers of a sentence by position: each sets the period of the figures after it."""
    found = [(m.start(), "months", m) for m in MONTHS.finditer(sentence)]
    found += [(m.start(), "as_of", m) for m in AS_OF.finditer(sentence)]
    found += [(m.start(), "as_of_part", m) for m in AS_OF_PART.finditer(sentence)]
    found += [(m.start("part"), "part", m) for m in PART.finditer(sentence)]
    found += [(m.start(), "to_date", m) for m in TO_DATE.finditer(sentence)]
    dated = [m.span() for m in (*AS_OF.finditer(sentence), *AS_OF_PART.finditer(sentence))]
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
        elif kind == "as_of_part":
            period, as_of = _as_of_part(m, year)
        elif kind == "part":
            first, last = YEAR_PARTS[m["part"]]
            part_year = int(m["y"]) if m["y"] else year
            period = f"{part_year}-{first:02d}/{part_year}-{last:02d}"
        elif kind == "to_date":
            basis = "to_date"
        elif sentence[m.start() - 1 : m.start()] == "从" and UNTIL.search(sentence[m.end() : at]):
            pass  # 从2020年的52家增长至117家: past 至, the figure is the report's year
        else:
            period = str(int(m["y"]))  # full-width digits too
    stretch = sentence[before[-1][0] if before else 0 : after[0][0] if after else len(sentence)]
    compared = COMPARED.search(stretch)
    if compared and "-" not in period and int(compared["y"]) + 1 != int(period):
        period, basis = str(int(compared["y"]) + 1), "inferred"
    return period, basis, as_of


def _as_of_part(m: re.Match[str], year: int) -> tuple[str, str]:
    """The period and cut-off date of 截止3月底 (the month's last day), 截至6月中旬 (the 20th)."""
    cut_year, month = int(plain_number(m["y"])) if m["y"] else year, int(plain_number(m["m"]))
    day = PART_DAYS.get(m["part"]) or (dt.date(cut_year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return str(cut_year), f"{cut_year:04d}-{month:02d}-{day:02d}"


def soft_breaks(text: str) -> set[int]:
    """The line breaks of hard-wrapped text: a line at least WRAPPED long that ends without punctuation
    goes on on the next line (unless that starts a new item, 一、 or （二）), so the break ends no clause."""
    found, at = set(), 0
    for line in text.split("\n")[:-1]:
        end = at + len(line)
        following = text[end + 1 : end + 12]
        if len(line.strip()) >= WRAPPED and not line.rstrip().endswith(LINE_ENDS) and following.strip() and not NEW_ITEM.match(following):
            found.add(end)
        at = end + 1
    return found


class _Spans:
    """Stretches of text no figure is read in (dates, times, names), found once and looked up by bisection."""

    def __init__(self, *found: Iterable[re.Match[str]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(m.span() for matches in found for m in matches):
            if merged and start <= merged[-1][1]:  # overlapping (a date inside a name): one stretch
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts, self.ends = [a for a, _ in merged], [b for _, b in merged]

    def __contains__(self, at: int) -> bool:
        i = bisect.bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]


def _rank_value(written: str) -> int:
    if written[0] in CHINESE_DIGITS:
        tens, _, ones = written.partition("十")
        if "十" not in written:
            return CHINESE_DIGITS.index(written) + 1
        return (CHINESE_DIGITS.index(tens) + 1 if tens else 1) * 10 + (CHINESE_DIGITS.index(ones) + 1 if ones else 0)
    return int(plain_number(written))


def _within(span: tuple[int, int], m: re.Match[str]) -> tuple[int, int]:
    """The part of ``span`` (a sentence) no further than REACH from the figure ``m``."""
    return max(span[0], m.start() - REACH), min(span[1], m.end() + REACH)


def _quote_start(text: str, start: int, sentence_start: int, clauses: _Ends, figure_at: int) -> int:
    """Where a quote from ``start`` begins so that a spreadsheet shows it as text, not a formula (=, +, -, @):
    there, else at the clause before in the sentence, else after the characters that would start a formula."""
    if not FORMULA_LIKE.match(text[start : start + 1]):
        return start
    earlier = max(clauses.span(start - 1)[0], sentence_start)
    if start > sentence_start and not FORMULA_LIKE.match(text[earlier : earlier + 1]):
        return earlier
    while start < figure_at and (FORMULA_LIKE.match(text[start]) or text[start].isspace()):
        start += 1
    return start


Read = tuple[str, str, str, Decimal, str, str, list[str]]  # word, unit, digits, value, qualifier, flag, notes


def _rank(m: re.Match[str], clause_before: str) -> Read:
    """A rank as written (第1名, 全省第二): its scope (said before it or earlier in its clause), a rank in words,
    and a rank too large to be one."""
    written = m["number"]
    scope = "".join(filter(None, (m["scope"], m["where"], m["alone"])))
    earlier = re.findall(SCOPE, clause_before)  # 一县四区增幅排名第一: the scope earlier in the clause
    scope = scope or (earlier[-1] if earlier else "")
    notes = [f"名次范围：{scope}" if scope else "原文没有写明名次范围"]
    flag = ""
    if written[0] in CHINESE_DIGITS:
        flag = "from_wording"
        notes.append(f"原文写作“第{written}”，记为 {_rank_value(written)}")
    value = Decimal(_rank_value(written))
    if value > LIKELY_RANK:
        notes.append(f"名次 {value} 大于 {LIKELY_RANK}：请对照原文核对（可能是几个名次连在了一起）")
    return m["word"] or "", "名", written, value, "", flag, notes


def _amount(m: re.Match[str], text: str, before: str) -> Read:
    """A figure that is not a rank: its unit (10个项目 counted in 项; 上升16位 a rank move, not people), a range's
    start, and its qualifier (500多, 突破, 4倍多: lower bound; 约, 近: approximate)."""
    word, notes, qualifier = m["unit"] or "", [], ""
    unit = "项" if word == "个" and text.startswith("项目", m.end()) else UNIT_WORDS.get(word, "")
    if word == "位" and (move := RANK_MOVE.search(before)):
        unit = ""
        notes.append(f"名次变化（{move[0]}{m['number']}位），不是名次，也不是人数")
    written, value = m["number"].replace("\n", ""), Decimal(plain_number(m["number"]))
    if m["upper"]:
        notes.append(f"原文是区间“{m[0]}”：数值取区间起点 {written}")
    multiple_more = word == "倍" and text[m.end() : m.end() + 1] in ("多", "余")  # 4倍多 (3个多功能: no)
    if m["more"] or m["above"] or m["upper"] or multiple_more or AT_LEAST.search(before):
        qualifier = "lower_bound"
    elif APPROXIMATE.search(before) and unit:
        qualifier = "approximate"
    return word, unit, written, value, qualifier, "", notes


def _doubling(m: re.Match[str]) -> Read:
    """翻一番, 翻两番: a multiple read from the words."""
    times = DOUBLINGS[m["number"]]
    return "倍", "", m["number"], Decimal(times), "", "from_wording", [f"原文写作“{m[0]}”，即为原来的 {times} 倍"]


def find(text: str, year: int) -> list[Figure]:
    """Every figure of ``text`` in order, ``year`` being the year the document reports on."""
    skipped = _Spans(DATE.finditer(text), NAME.finditer(text), ITEM_NUMBER.finditer(text), NOT_FIGURE.finditer(text))
    soft = soft_breaks(text)
    sentences, clauses = _Ends(text, SENTENCE_END, soft), _Ends(text, CLAUSE_END, soft)
    ranks = [m for m in RANK.finditer(text) if (m["verb"] or m["alone"] or m["word"]) and m.start("number") not in skipped]
    taken = _Spans(ranks)
    figures = []
    found = [*ranks, *(m for m in FIGURE.finditer(text) if not m["ordinal"]), *DOUBLING.finditer(text)]
    for m in sorted(found, key=lambda m: m.start()):
        number_at = m.start("number")
        is_rank = m.re is RANK
        if number_at in skipped or (not is_rank and number_at in taken):
            continue
        if not is_rank and not m["unit"] and len(plain_number(m["number"]).partition(".")[0]) >= LONG_CODE:
            continue
        sentence_start, sentence_end = _within(sentences.span(number_at), m)
        own_start = max(clauses.span(number_at)[0], sentence_start)
        clause_start, clause_end = own_start, min(clauses.span(m.end())[1], sentence_end)
        if len(text[clause_start:clause_end]) - len(m[0]) < SHORT and clause_start > sentence_start:  # 累计达13项: with the clause before it
            clause_start = max(clauses.span(clause_start - 1)[0], sentence_start)
        clause_start = _quote_start(text, clause_start, sentence_start, clauses, m.start())
        before = text[max(own_start, m.start() - 6) : m.start()]
        read = _rank(m, text[own_start : m.start()]) if is_rank else _doubling(m) if m.re is DOUBLING else _amount(m, text, before)
        word, unit, written, value, qualifier, flag, notes = read
        forecast = bool(FORECAST.search(text[own_start:number_at]))
        if forecast:
            notes.append("原文是预计或目标（“预计”“力争”）：不是已经达到的数")
        period, basis, as_of = _period(text[sentence_start:sentence_end], number_at - sentence_start, year)
        figures.append(
            Figure(
                start=m.start(),
                end=m.end(),
                written=written,
                value=value,
                unit=unit,
                word=word,
                qualifier=qualifier,
                rank=is_rank,
                change=not is_rank and bool(CHANGE.search(before)),
                clause=text[clause_start:clause_end],
                clause_at=clause_start,
                segment="",
                sentence=text[sentence_start:sentence_end],
                period=period,
                period_basis=basis,
                as_of=as_of,
                forecast=forecast,
                flag=flag,
                note="；".join(notes),
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
