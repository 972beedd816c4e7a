"""What readers and journalists read, written out in the test: the change line, marks, ranks and ranked
items in Chinese and English, derived values that round, and the checks behind them. Each expectation is a
literal string, never a value computed by the code under test (issue 30's mutation audit)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from macros.data import statements
from macros.data.catalog import Catalog, Indicator, Observation, Source
from macros.data.periods import parse_period
from macros.data.statements import change_english, change_text, headline
from tests.test_hostile import edit, problems_of, with_observations, with_source_lines

SOURCE = Source("s", "报告", "Report", "某局", 2024, "s.txt", "0" * 64, "某局2024年工作总结")
Y2023, Y2024 = parse_period("2023"), parse_period("2024")


def indicator(iid: str, unit: str, decimals: int, *rows: tuple, **more: object) -> Indicator:
    """An indicator of ``rows`` (period, value, and Observation's other fields by name)."""
    observations = tuple(Observation(iid, period, Decimal(value), "s", "原句", **fields) for period, value, fields in rows)
    return Indicator(iid, "标题", "Title", "a", unit, decimals, "定义", "year", "bar", observations=observations, **more)  # type: ignore[arg-type]


def catalog(*indicators: Indicator) -> Catalog:
    return Catalog({}, {"s": SOURCE}, {i.id: i for i in indicators})


# the change line: growth over the earlier value, decreases, a share's change in points, stated changes


@pytest.mark.parametrize(
    ("unit", "decimals", "before", "after", "zh", "en"),
    [
        ("家", 0, "45", "51", "比2023年增长13.3%（增加6家）", "up 13.3% on 2023"),
        ("家", 0, "51", "45", "比2023年下降11.8%（减少6家）", "down 11.8% on 2023"),
        ("%", 1, "34.5", "45.2", "较2023年提高10.7个百分点", "up 10.7 percentage points on 2023"),
        ("%", 1, "45.2", "44.9", "较2023年下降0.3个百分点", "down 0.3 percentage points on 2023"),
        ("亿元", 2, "5.00", "6.02", "比2023年增长20.4%", "up 20.4% on 2023"),
    ],
)
def test_the_change_line(unit: str, decimals: int, before: str, after: str, zh: str, en: str) -> None:
    ind = indicator("x", unit, decimals, (Y2023, before, {}), (Y2024, after, {}))
    assert (change_text(catalog(ind), ind), change_english(catalog(ind), ind)) == (zh, en)


def test_a_change_the_source_states_keeps_its_decimals() -> None:
    total = indicator("t", "亿元", 2, (Y2024, "6.02", {}))
    added = indicator("c", "亿元", 2, (Y2024, "0.68", {}), change_of="t", change_wording="同比增加{value}亿元")
    assert change_text(catalog(total, added), total) == "同比增加0.68亿元"


def test_no_change_is_computed_from_a_lower_bound_or_a_rank() -> None:
    bound = indicator("b", "家", 0, (Y2023, "20", {}), (Y2024, "500", {"qualifier": "lower_bound"}))
    rank = indicator("r", "名", 0, (Y2023, "3", {}), (Y2024, "1", {}), rank_scope="全市")
    assert change_text(catalog(bound), bound) == "" and change_text(catalog(rank), rank) == ""


# marks, ranks and ranked items


@pytest.mark.parametrize(
    ("ind", "zh", "en", "label"),
    [
        (indicator("l", "家次", 0, (Y2024, "500", {"qualifier": "lower_bound"})), "500+ 家次（下限值）", "500+ enterprise-visits (lower bound)", "500+"),
        (indicator("a", "项", 0, (Y2024, "176", {"qualifier": "approximate"})), "约176 项（约数）", "about 176 items (approximate)", "约176"),
        (indicator("w", "次", 0, (Y2024, "0", {"flag": "from_wording", "note": "原文为“无”"})), "0 次（由文字推断）", "0 times (read from wording)", "0"),
        (
            indicator("d", "亿元", 2, (Y2024, "5", {"flag": "derived", "formula": "6.02 / (1 + 20.4%)"})),
            "5.00 亿元（推算值：6.02 / (1 + 20.4%)）",
            "500 million yuan (derived: 6.02 / (1 + 20.4%))",
            "5.00",
        ),
        (indicator("r", "名", 0, (Y2024, "2", {}), rank_scope="全市"), "第2名（全市）", "rank 2 (scope: 全市)", "第2名"),
        (
            indicator("r", "名", 0, (Y2024, "1", {}), rank_scope="同考核单元", rank_context="位居全市各区县前列"),
            "第1名（同考核单元，位居全市各区县前列）",
            "rank 1 (scope: 同考核单元)",
            "第1名",
        ),
        (
            indicator("i", "名", 0, (Y2024, "1", {"breakdown": "甲"}), (Y2024, "3", {"breakdown": "乙"}), rank_scope="全市"),
            "2 项：甲 第1名（全市）、乙 第3名（全市）",
            "2 items: rank 1; rank 3 (scope: 全市)",
            "第1名",
        ),
        (
            indicator("e", "万元", 0, (Y2024, "200", {"breakdown": "甲"}), (Y2024, "200", {"breakdown": "乙"})),
            "2 项，各 200 万元",
            "2 items, 2 million yuan each",
            "200",
        ),
        (
            indicator("m", "万元", 0, (Y2024, "100", {"breakdown": "甲", "qualifier": "approximate"}), (Y2024, "300", {"breakdown": "乙"})),
            "2 项：甲 约100 万元、乙 300 万元（约数）",
            "2 items: about 1 million yuan; 3 million yuan (approximate)",
            "约100",
        ),
    ],
)
def test_a_figure_as_readers_see_it(ind: Indicator, zh: str, en: str, label: str) -> None:
    st = headline(catalog(ind), ind)
    assert st is not None
    assert (statements.text(st), statements.english(st), statements.chart_label(ind.observations[0], ind)) == (zh, en, label)


# the checks behind them, on the small valid data


def test_a_derived_value_is_its_formula_rounded_to_the_indicators_decimals(fixture_data) -> None:
    """45.2 / 3 = 15.0666…: 15.1 at one decimal is right, 15.0 and 15.07 are not."""
    data = fixture_data.data
    edit(data / "indicators" / "tech-contracts.yaml", "decimals: 0", "decimals: 1")
    with_observations(data, "2024,15.1,derived,,,,test-source,全县完成技术合同认定登记95项,推算：测试,45.2 / 3")
    assert [p.code for p in problems_of_or_none(data)] == []
    with_observations(data, "2024,15.0,derived,,,,test-source,全县完成技术合同认定登记95项,推算：测试,45.2 / 3")
    (found,) = problems_of(data)
    assert (found.code, found.zh) == ("formula-mismatch", "算式 45.2 / 3 的结果是 15.1，与数值 15.0 不符")


def problems_of_or_none(data: Path) -> list:
    from macros.data.loader import check
    from tests.test_validation import TODAY

    return check(data, today=TODAY).problems


@pytest.mark.parametrize("quote", ["全县 完成技术合同认定登记95项", "全县完成技术合同认定登记95项。", "全县完成技术合同，认定登记95项"])
def test_a_quote_is_the_source_verbatim_spaces_and_punctuation_included(fixture_data, quote: str) -> None:
    with_observations(fixture_data.data, f"2024,95,,,,,test-source,{quote},", header="period,value,flag,qualifier,as_of,breakdown,source,quote,note")
    assert [p.code for p in problems_of(fixture_data.data)] == ["quote-not-in-source"]


def test_a_rank_names_its_scope_in_its_title(fixture_data) -> None:
    data = fixture_data.data
    ind = data / "indicators" / "tech-contracts.yaml"
    edit(ind, "unit: 项", "unit: 名\nrank_scope: 全市")
    with_source_lines(data, "技术合同登记数位列全市第1名。")
    with_observations(data, "2024,1,,,,,test-source,技术合同登记数位列全市第1名。,", header="period,value,flag,qualifier,as_of,breakdown,source,quote,note")
    assert [(p.code, p.path) for p in problems_of(data)] == [("rank-without-scope", "data/indicators/tech-contracts.yaml")]
    edit(ind, "title: 技术合同认定登记数", "title: 技术合同认定登记数全市排名")
    assert problems_of_or_none(data) == []


@pytest.mark.parametrize(
    ("key", "written"), [("title", '"\\t=HYPERLINK(\\"https://evil.example\\")"'), ("definition", '"\\r=1+1"'), ("definition", '"\\t@SUM(A1)"')]
)
def test_text_starting_with_a_tab_or_cr_before_a_formula_is_refused(fixture_data, key: str, written: str) -> None:
    path = fixture_data.data / "indicators" / "tech-contracts.yaml"
    old = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(f"{key}:"))
    edit(path, old, f"{key}: {written}")
    assert [p.code for p in problems_of(fixture_data.data)] == ["formula-like-text"]


def test_every_release_stays_frozen_not_only_the_latest(tmp_path: Path) -> None:
    """The real data has two releases; a changed file of the older one is found."""
    import shutil

    from macros.data.loader import check
    from tests.conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    areas = data / "releases" / "2024.1" / "areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8").replace("项目与资金", "项目和资金", 1), encoding="utf-8")
    found = [(p.code, p.path) for p in check(data).problems]
    assert ("release-file-changed", "data/releases/2024.1/areas.csv") in found


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("今年3月，全县新增高新技术企业12家。", ["12"]),
        ("3月10日召开推进会，新增科技型中小企业25家。", ["25"]),
        ("1-11月，技术合同成交额6.02亿元。", ["6.02"]),
        ("截至2024年3月10日，全县研发费用填报8.5亿元。", ["8.5"]),
    ],
)
def test_the_importer_takes_no_month_or_day_for_a_figure(text: str, figures: list[str]) -> None:
    from macros.drafts.figures import find

    assert [f.written for f in find("某局2024年工作总结\n" + text, 2024)] == figures


@pytest.mark.parametrize(
    ("ind", "zh"),
    [
        (indicator("r", "名", 0, (Y2024, "2", {})), "第2名"),
        (indicator("p", "百分点", 1, (Y2024, "10.7", {})), "10.7个百分点"),
        (indicator("s", "%", 1, (Y2024, "45.2", {})), "45.2%"),
        (indicator("m", "亿元", 2, (Y2024, "6.02", {})), "6.02 亿元"),
    ],
)
def test_a_value_with_its_unit(ind: Indicator, zh: str) -> None:
    assert statements.row_value(ind.observations[0], ind) == zh


def test_items_of_one_value_are_named_where_names_are_asked_for() -> None:
    ind = indicator("e", "万元", 0, (Y2024, "200", {"breakdown": "甲"}), (Y2024, "200", {"breakdown": "乙"}))
    st = headline(catalog(ind), ind)
    assert st is not None and statements.text(st, names=True) == "2 项，各 200 万元：甲、乙" and statements.text(st) == "2 项，各 200 万元"


@pytest.mark.parametrize(
    ("period", "fields", "zh", "en"),
    [
        ("2024", {}, "2024年", "2024"),
        ("2024", {"period_basis": "to_date"}, "2024年（截至报告成文）", "2024 (to the date of the report)"),
        (
            "2023",
            {"period_basis": "inferred", "as_of": "2024-03-10"},
            "2023年度（截至2024年3月10日，年度为本站推断）",
            "2023 (as of 2024-03-10; year inferred by this site)",
        ),
        ("2023", {"period_basis": "inferred"}, "2023年度（年度为本站推断）", "2023 (year inferred by this site)"),
        ("2024", {"as_of": "2024-03-10"}, "2024年（截至2024年3月10日）", "2024 (as of 2024-03-10)"),
        ("2024-01/2024-11", {"as_of": "2024-11-30"}, "2024年1—11月（截至2024年11月30日）", "Jan 2024–Nov 2024 (as of 2024-11-30)"),
        ("2024-03-10", {}, "2024年3月10日", "10 Mar 2024"),
    ],
)
def test_a_period_as_readers_see_it(period: str, fields: dict, zh: str, en: str) -> None:
    from macros.data.formatting import period_text, period_text_en

    row = Observation("x", parse_period(period), Decimal(1), "s", "原句", **fields)  # type: ignore[arg-type]
    assert (period_text(row), period_text_en(row)) == (zh, en)


def test_the_to_date_caveat_names_the_years_it_is_about_then_the_indicators_own() -> None:
    ind = indicator("c", "项", 0, (Y2023, "1", {"period_basis": "to_date"}), (Y2024, "2", {"period_basis": "to_date"}), caveats=("口径说明。",))
    assert statements.caveats(ind) == (
        "原文用“截至目前”“今年以来”等说法，报告又未注明成文日期：2023年、2024年的数字只统计到报告成文时，不一定是全年数。",
        "口径说明。",
    )
    plain = indicator("p", "项", 0, (Y2024, "2", {}), caveats=("口径说明。",))
    assert statements.caveats(plain) == ("口径说明。",)


def test_a_stated_change_with_marks_and_in_english() -> None:
    total = indicator("t", "家", 0, (Y2024, "51", {}))
    added = indicator("n", "家", 0, (Y2024, "6", {"qualifier": "lower_bound"}), change_of="t", change_wording="新增{value}家")
    added = Indicator(**{**added.__dict__, "title_en": "New enterprises"})
    cat = catalog(total, added)
    assert change_text(cat, total) == "新增6+家（下限值）"
    assert change_english(cat, total) == "New enterprises: 6+ enterprises / institutions (lower bound)"


def test_a_change_is_computed_only_between_figures_whose_marks_allow_it() -> None:
    """No change across a break in the series (the latest value is the first of the new method), nor
    against an approximate or a read-from-words figure; a provisional or revised figure is still compared,
    its marks said where it is shown, and so is a value after a break against the break's first value."""
    for flag, qualifier in (("break", ""), ("", "approximate"), ("from_wording", "")):
        ind = indicator("x", "家", 0, (Y2023, "40", {}), (Y2024, "50", {"flag": flag, "qualifier": qualifier}))
        assert change_text(catalog(ind), ind) == "", (flag, qualifier)
    for older, latest in (("", "provisional"), ("", "revised"), ("", "estimated"), ("break", "")):
        ind = indicator("x", "家", 0, (Y2023, "40", {"flag": older}), (Y2024, "50", {"flag": latest}))
        assert change_text(catalog(ind), ind) == "比2023年增长25.0%（增加10家）", (older, latest)


def test_no_change_is_computed_from_a_derived_value_or_a_zero() -> None:
    derived = indicator("d", "家", 0, (Y2023, "45", {"flag": "derived", "formula": "51 - 6"}), (Y2024, "51", {}))
    zero = indicator("z", "家", 0, (Y2023, "0", {}), (Y2024, "5", {}))
    assert change_text(catalog(derived), derived) == "" and change_text(catalog(zero), zero) == "" and change_english(catalog(zero), zero) == ""


def test_the_share_of_a_change_is_computed_in_full_precision() -> None:
    from macros.data.formula import percent_change

    assert str(percent_change(Decimal("51"), Decimal("45"))).startswith("13." + "3" * 60)  # beyond the default context's 28 digits
    assert percent_change(Decimal("6.02"), Decimal("5")) == Decimal("20.4")


def test_marks_without_the_formula_and_with_two_marks() -> None:
    ind = indicator("d", "家", 0, (Y2024, "500", {"flag": "derived", "formula": "400 + 100", "qualifier": "lower_bound"}))
    st = headline(catalog(ind), ind)
    assert st is not None
    assert statements.marks(st) == ["推算值", "下限值"] and statements.marks(st, formula=True) == ["推算值：400 + 100", "下限值"]
    assert statements.english(st) == "500+ enterprises / institutions (derived: 400 + 100; lower bound)"
    stated = indicator("s", "家", 0, (Y2024, "500", {"formula": "400 + 100"}))
    assert statements.marks(headline(catalog(stated), stated), formula=True) == []  # a formula shows only on a derived value


def test_one_item_is_one_item_and_a_scope_belongs_to_ranks() -> None:
    one = indicator("o", "万元", 0, (Y2024, "300", {"breakdown": "乙"}))
    st = headline(catalog(one), one)
    assert st is not None and statements.english(st) == "1 item: 3 million yuan"
    scoped = indicator("n", "家", 0, (Y2024, "5", {}), rank_scope="全市")
    assert statements.english(headline(catalog(scoped), scoped)) == "5 enterprises / institutions"


def test_a_change_needs_two_periods_and_counts_from_one() -> None:
    single = indicator("s", "家", 0, (Y2024, "5", {}))
    assert change_text(catalog(single), single) == ""
    doubled = indicator("d", "家", 0, (Y2023, "1", {}), (Y2024, "2", {}))
    assert change_text(catalog(doubled), doubled) == "比2023年增长100.0%（增加1家）"


@pytest.mark.parametrize(
    ("before", "after", "zh", "en"),
    [
        ("100", "100", "比2023年增长0.0%（增加0家）", "up 0.0% on 2023"),
        ("200", "201", "比2023年增长0.5%（增加1家）", "up 0.5% on 2023"),
    ],
)
def test_no_change_and_a_small_one_read_as_growth(before: str, after: str, zh: str, en: str) -> None:
    ind = indicator("x", "家", 0, (Y2023, before, {}), (Y2024, after, {}))
    assert (change_text(catalog(ind), ind), change_english(catalog(ind), ind)) == (zh, en)


def test_a_share_in_english_and_marks_joined() -> None:
    share = indicator("s", "%", 1, (Y2024, "45.2", {}))
    st = headline(catalog(share), share)
    assert st is not None and statements.english(st) == "45.2%" and statements.text(st) == "45.2%"
    marked = indicator("d", "家", 0, (Y2024, "500", {"flag": "derived", "formula": "400 + 100", "qualifier": "lower_bound"}))
    assert statements.text(headline(catalog(marked), marked)) == "500+ 家（推算值：400 + 100，下限值）"


def test_items_of_an_indicator_that_is_no_rank_carry_no_scope() -> None:
    items = indicator("i", "万元", 0, (Y2024, "100", {"breakdown": "甲"}), (Y2024, "300", {"breakdown": "乙"}), rank_scope="全市")
    assert statements.english(headline(catalog(items), items)) == "2 items: 1 million yuan; 3 million yuan"


def test_two_stated_changes_of_one_total_are_joined() -> None:
    total = indicator("t", "家", 0, (Y2024, "51", {}))
    added = indicator(
        "a", "家", 0, (Y2024, "6", {"flag": "derived", "formula": "51 - 45", "qualifier": "lower_bound"}), change_of="t", change_wording="新增{value}家"
    )
    grown = indicator("g", "%", 1, (Y2024, "13.3", {}), change_of="t", change_wording="增长{value}%")
    added = Indicator(**{**added.__dict__, "title_en": "New"})
    grown = Indicator(**{**grown.__dict__, "title_en": "Growth"})
    cat = catalog(total, added, grown)
    assert change_text(cat, total) == "新增6+家（推算值）（下限值），增长13.3%"
    assert change_english(cat, total) == "New: 6+ enterprises / institutions (derived: 51 - 45; lower bound); Growth: 13.3%"


@pytest.mark.parametrize(("value", "code"), [("0", None), ("100", None), ("100.1", "share-out-of-range"), ("-0.1", "share-out-of-range")])
def test_a_share_is_between_0_and_100_both_included(fixture_data, value: str, code: str | None) -> None:
    data = fixture_data.data
    with_source_lines(data, f"覆盖率为{value}%。")
    (data / "observations" / "coverage.csv").write_text(
        f"period,value,flag,qualifier,as_of,breakdown,source,quote,note\n2024,{value},,,,,test-source,覆盖率为{value}%。,\n", encoding="utf-8"
    )
    found = [(p.code, p.line, p.column) for p in problems_of_or_none(data) if p.code != "value-not-in-quote"]  # "-0.1%" prints 0.1
    assert found == ([(code, 2, 6)] if code else [])


@pytest.mark.parametrize(("value", "code"), [("0", None), ("-1", "negative-count")])
def test_a_count_is_zero_or_more(fixture_data, value: str, code: str | None) -> None:
    data = fixture_data.data
    with_source_lines(data, f"登记{value}项。")
    with_observations(data, f"2024,{value},,,,,test-source,登记{value}项。,", header="period,value,flag,qualifier,as_of,breakdown,source,quote,note")
    found = [(p.code, p.line, p.column) for p in problems_of_or_none(data) if p.code != "value-not-in-quote"]  # "-1项" prints 1
    assert found == ([(code, 2, 6)] if code else [])


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({}, "原文数"),
        ({"qualifier": "lower_bound"}, "下限值"),
        ({"flag": "derived", "formula": "51 - 6"}, "推算值"),
        ({"flag": "derived", "formula": "51 - 6", "qualifier": "lower_bound"}, "推算值、下限值"),
    ],
)
def test_a_bars_colour_is_named_by_its_marks(fields: dict, kind: str) -> None:
    """The chart's legend: what each bar's colour means."""
    ind = indicator("k", "家", 0, (Y2024, "45", fields))
    assert statements.chart_kind(ind.observations[0]) == kind


def test_only_a_rank_names_its_scope() -> None:
    ranked, counted = indicator("r", "名", 0, (Y2024, "2", {}), rank_scope="全市"), indicator("c", "家", 0, (Y2024, "2", {}), rank_scope="全市")
    assert [statements.rank_note(headline(catalog(i), i)) for i in (ranked, counted)] == ["（全市）", ""]
    assert statements.text(headline(catalog(counted), counted)) == "2 家"


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("0.125", 2, "0.13"),
        ("1.05", 1, "1.1"),  # 四舍五入: a half goes up, never to even
        ("1" * 30, 0, "1" * 30),  # thirty digits, past the 28 of Python's default arithmetic
    ],
)
def test_values_are_rounded_half_up(value: str, decimals: int, shown: str) -> None:
    from macros.data.formatting import number

    assert number(Decimal(value), decimals) == shown


def test_a_formula_at_its_limits() -> None:
    """At most 200 characters, a result below 10^15, and only the arithmetic a report writes (no unary plus)."""
    from macros.data.formula import evaluate

    assert (evaluate("1+" * 99 + "10"), evaluate("1+" * 99 + "100")) == (Decimal("109"), None)
    assert (evaluate("999999999999999"), evaluate("1000000000000000")) == (Decimal("999999999999999"), None)
    assert (evaluate("+5"), evaluate("-5")) == (None, Decimal("-5"))


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of an sRGB colour against white."""

    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_mark_has_its_own_colour_wording_and_explanation() -> None:
    """A bar of each mark is told apart from a stated one (and from every other mark) and can be seen (3:1)."""
    from macros.data import schema

    marks = [m for m in (*schema.FLAGS.values(), *schema.QUALIFIERS.values()) if m.zh]
    assert len({m.colour for m in marks}) == len({m.zh for m in marks}) == len({m.en for m in marks}) == len(marks) == 10
    assert all(contrast_on_white(m.colour) >= 3 and m.explain for m in marks)
    assert [(m.zh, m.written) for m in schema.QUALIFIERS.values() if m.zh] == [("下限值", "500+"), ("约数", "约176")]


def test_a_figure_is_worded_in_the_parts_a_page_styles() -> None:
    """The headline shows the statement's words, each part in its class: the number (value), the unit, a
    space only where the text has one, and a rank's scope and context as a part of their own."""
    money = indicator("m", "亿元", 2, (Y2024, "6.02", {}))
    share = indicator("s", "%", 1, (Y2024, "45.2", {}))
    points = indicator("p", "百分点", 1, (Y2024, "10.7", {}))
    rank = indicator("r", "名", 0, (Y2024, "1", {}), rank_scope="同考核单元", rank_context="位居全市前列")
    bound = indicator("b", "家次", 0, (Y2024, "500", {"qualifier": "lower_bound"}))
    parts = {ind.id: statements.figure_parts(headline(catalog(ind), ind)) for ind in (money, share, points, rank, bound)}
    assert parts == {
        "m": [("6.02", "value"), (" ", ""), ("亿元", "unit")],
        "s": [("45.2", "value"), ("%", "unit")],
        "p": [("10.7", "value"), ("个百分点", "unit")],
        "r": [("第", "unit"), ("1", "value"), ("名", "unit"), ("（同考核单元，位居全市前列）", "rank-context")],
        "b": [("500+", "value"), (" ", ""), ("家次", "unit")],
    }
    assert statements.unit_parts("3", rank) == [("第", "unit"), ("3", "value"), ("名", "unit")]


@pytest.mark.parametrize(
    ("unit", "decimals", "value", "fields", "en"),
    [
        ("万元", 1, "2781.5", {}, "27.815 million yuan"),
        ("亿元", 1, "125.9", {}, "12.59 billion yuan"),
        ("亿元", 2, "6.02", {}, "602 million yuan"),
        ("万元", 0, "50", {}, "500,000 yuan"),
        ("万元", 0, "0", {}, "0 yuan"),
        ("万元", 0, "500", {"qualifier": "lower_bound"}, "5+ million yuan (lower bound)"),
        ("万元", 0, "176", {"qualifier": "approximate"}, "about 1.76 million yuan (approximate)"),
        ("家", 0, "500", {"qualifier": "lower_bound"}, "500+ enterprises / institutions (lower bound)"),
    ],
)
def test_english_writes_money_in_yuan_millions_and_billions(unit: str, decimals: int, value: str, fields: dict, en: str) -> None:
    """An English reader reads 2781.5 万元 as 27.815 million yuan, not '2781.5 ten thousand yuan'; the
    number keeps exactly the digits the source gave."""
    ind = indicator("m", unit, decimals, (Y2024, value, fields))
    assert statements.english(headline(catalog(ind), ind)) == en


# a change the source states, in English with the base the Chinese names (issue 33)


@pytest.mark.parametrize(
    ("unit", "decimals", "value", "wording", "wording_en", "zh", "en"),
    [
        ("%", 1, "20.4", "较2022年增长{value}%", "up {value} on 2022", "较2022年增长20.4%", "up 20.4% on 2022"),
        ("亿元", 2, "0.68", "同比增加{value}亿元", "up {value} year on year", "同比增加0.68亿元", "up 68 million yuan year on year"),
        ("百分点", 1, "10.7", "较年初提高{value}个百分点", "up {value} since January", "较年初提高10.7个百分点", "up 10.7 percentage points since January"),
        ("人", 0, "6", "新增备案{value}人", "{value} newly on record", "新增备案6人", "6 persons newly on record"),
    ],
)
def test_a_stated_change_names_in_english_the_base_the_chinese_names(
    unit: str, decimals: int, value: str, wording: str, wording_en: str, zh: str, en: str
) -> None:
    total = indicator("t", "亿元", 2, (Y2024, "6.02", {}))
    stated = indicator("c", unit, decimals, (Y2024, value, {}), change_of="t", change_wording=wording, change_wording_en=wording_en)
    assert (change_text(catalog(total, stated), total), change_english(catalog(total, stated), total)) == (zh, en)


def test_a_stated_change_in_english_gives_its_marks_after_its_wording() -> None:
    total = indicator("t", "家", 0, (Y2024, "51", {}))
    added = indicator(
        "a",
        "家",
        0,
        (Y2024, "6", {"flag": "derived", "formula": "51 - 45", "qualifier": "lower_bound"}),
        change_of="t",
        change_wording="新增{value}家",
        change_wording_en="{value} added",
    )
    assert change_english(catalog(total, added), total) == "6+ enterprises / institutions added (derived; lower bound)"


def test_the_english_page_names_the_base_year_the_chinese_page_names(site: Path) -> None:
    """/en/ said 'Growth of reported R&D expenditure: 20.4%' where the home page says 较2022年增长20.4%."""
    assert '<span class="key-change">较2022年增长20.4%</span>' in (site / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<span class="key-change">up 20.4% on 2022</span>' in english
    assert '<span class="key-change">6 persons newly on record</span>' in english


# one label for the same kind of value (issue 33)


def test_derived_values_of_a_year_the_site_reads_carry_one_label(site: Path) -> None:
    """The 2022 values derived from the 2023 R&D figures (whose year is the site's reading) were labelled
    2022年 (reported) and 2022年度（年度为本站推断） (recognised): the same kind of value, one label."""
    rows = list(csv.DictReader((site / "downloads" / "observations.csv").open(encoding="utf-8")))
    labels = {r["indicator_id"]: (r["period_label"], r["value_label"]) for r in rows if r["period"] == "2022" and r["flag"] == "derived"}
    assert labels == {
        "rd-expenditure-recognised": ("2022年度（年度为本站推断）", "2.80 亿元（推算值：3.48 - 0.68）"),
        "rd-expenditure-reported": ("2022年度（年度为本站推断）", "5.00 亿元（推算值：6.02 / (1 + 20.4%)）"),
    }
    page = (site / "indicators" / "rd-expenditure-reported" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">2022年度（年度为本站推断）</th>' in page and '<th scope="row">2022年</th>' not in page
