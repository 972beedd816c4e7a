"""Properties of the rules with a clean statement, checked on generated input (Hypothesis): formulas
against Python's own decimal arithmetic, periods against the calendar, rounding against integer
arithmetic. The oracles are written here, not taken from the code under test."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data.formatting import number
from macros.data.formula import evaluate
from macros.data.periods import parse_period

settings.register_profile("unit", max_examples=200, deadline=None)
settings.load_profile("unit")

# values as the data writes them: at most 15 significant digits, at most 6 decimals
values = st.decimals(min_value=Decimal("-999999999"), max_value=Decimal("999999999"), places=6, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("999999999"), places=6)


def written(value: Decimal) -> str:
    """A decimal as a person writes it in a formula: plain digits, no exponent."""
    return f"{value:f}"


@given(values, values)
def test_sums_and_differences_are_exact(a: Decimal, b: Decimal) -> None:
    assert evaluate(f"{written(a)} + {written(b)}") == a + b
    assert evaluate(f"{written(a)} - ({written(b)})") == a - b


@given(values, positive)
def test_products_and_quotients_agree_with_decimal_at_100_digits(a: Decimal, b: Decimal) -> None:
    with localcontext(prec=100):
        product, quotient = a * b, a / b
    in_range = {r: r if abs(r) < 10**15 else None for r in (product, quotient)}  # no value is 10^15 or more
    assert evaluate(f"{written(a)} * {written(b)}") == in_range[product]
    assert evaluate(f"{written(a)} / {written(b)}") == in_range[quotient]
    assert evaluate(f"{written(a)} × {written(b)}") == in_range[product]  # as the report writes it


@given(positive, st.decimals(min_value=Decimal("-99.9"), max_value=Decimal("999.9"), places=1))
def test_a_percent_is_a_hundredth(base: Decimal, rate: Decimal) -> None:
    """6.02 / (1 + 20.4%): the growth formulas of the data, with any rate."""
    if rate <= -100 or rate < 0:
        return
    with localcontext(prec=100):
        expected = base / (1 + rate / 100)
    assert evaluate(f"{written(base)} / (1 + {written(rate)}%)") == expected


@given(st.text(alphabet="0123456789.+-*/()% exXob_", max_size=20))
def test_only_plain_decimal_arithmetic_is_evaluated(text: str) -> None:
    """Anything with an exponent, a base prefix or an underscore is refused, whatever Python makes of it."""
    if re.search(r"[exXob_]", text):
        assert evaluate(text) is None


@given(values, st.integers(min_value=0, max_value=6))
def test_rounding_is_half_up_to_the_decimals_shown(value: Decimal, decimals: int) -> None:
    """Chinese statistical rounding (四舍五入): half away from zero, with exactly ``decimals`` places."""
    text = number(value, decimals)
    scaled = abs(value) * 10**decimals
    whole = int(scaled)
    if scaled - whole >= Decimal("0.5"):
        whole += 1
    digits = str(whole).rjust(decimals + 1, "0")
    expected = (digits[:-decimals] + "." + digits[-decimals:]) if decimals else digits
    if whole and value < 0:
        expected = "-" + expected
    assert text.lstrip("-") == expected.lstrip("-") and (text.startswith("-") == expected.startswith("-") or expected.strip("0.-") == "")


years = st.integers(min_value=1900, max_value=2100)


@given(years)
def test_a_year_reads_back_as_itself(year: int) -> None:
    period = parse_period(str(year))
    assert period is not None and (period.start, period.end, period.label, period.label_en) == (
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        f"{year}年",
        str(year),
    )


@given(years, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12))
def test_a_month_range_of_one_year_covers_its_months(year: int, first: int, last: int) -> None:
    period = parse_period(f"{year}-{first:02d}/{year}-{last:02d}")
    if first > last:
        assert period is None
        return
    assert period is not None and period.start == dt.date(year, first, 1) and period.end == dt.date(year, last, calendar.monthrange(year, last)[1])
    assert period.label == (f"{year}年{first}月" if first == last else f"{year}年{first}—{last}月")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_reads_back_as_itself(day: dt.date) -> None:
    period = parse_period(day.isoformat())
    assert period is not None and period.start == period.end == day and period.label == f"{day.year}年{day.month}月{day.day}日"


@given(st.one_of(st.text(max_size=12), years.map(lambda y: f"{y}\n"), st.dates().map(lambda d: f"{d.isoformat()} ")))
def test_nothing_else_is_a_period(text: str) -> None:
    """A period is exactly one of the three forms: no trailing newline, no other digits."""
    forms = r"[0-9]{4}|[0-9]{4}-[0-9]{2}/[0-9]{4}-[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}"
    if not re.fullmatch(forms, text):
        assert parse_period(text) is None
