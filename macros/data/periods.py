"""Periods as the report states them: a year, a month range, or a cut-off date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_YEAR = re.compile(r"([0-9]{4})")  # each matched whole (fullmatch): "2024\n" is no period
_RANGE = re.compile(r"([0-9]{4})-([0-9]{2})/([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass(frozen=True, order=True)
class Period:
    end: dt.date  # last day covered; sorts periods in time
    start: dt.date
    kind: str  # year | month_range | date
    text: str

    @property
    def label(self) -> str:
        """Chinese label: 2024年, 2024年1—11月, 2024年3月10日."""
        if self.kind == "year":
            return f"{self.start.year}年"
        if self.kind == "month_range":
            if self.start.year == self.end.year:
                if self.start.month == self.end.month:
                    return f"{self.start.year}年{self.start.month}月"
                return f"{self.start.year}年{self.start.month}—{self.end.month}月"
            return f"{self.start.year}年{self.start.month}月—{self.end.year}年{self.end.month}月"
        return f"{self.end.year}年{self.end.month}月{self.end.day}日"

    @property
    def label_en(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "month_range":
            return f"{self.start:%b %Y}–{self.end:%b %Y}"
        return f"{self.end:%d %b %Y}"


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


YEARS = range(1900, 2101)  # the years a period or date may name


def looks_like_date(text: str) -> bool:
    """Written as YYYY-MM-DD, whether or not the day exists."""
    return bool(_DATE.fullmatch(text))


def parse_date(text: str) -> dt.date | None:
    m = _DATE.fullmatch(text)
    if not m or int(m[1]) not in YEARS:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_period(text: str) -> Period | None:
    """Return the period, or None when the text is not one of the three forms."""
    if (m := _YEAR.fullmatch(text)) and int(m[1]) in YEARS:
        year = int(m[1])
        return Period(dt.date(year, 12, 31), dt.date(year, 1, 1), "year", text)
    if m := _RANGE.fullmatch(text):
        y1, m1, y2, m2 = (int(g) for g in m.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) > (y2, m2) or y1 not in YEARS or y2 not in YEARS:
            return None
        return Period(_month_end(y2, m2), dt.date(y1, m1, 1), "month_range", text)
    if date := parse_date(text):
        return Period(date, date, "date", text)
    return None
