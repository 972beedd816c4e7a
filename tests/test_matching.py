"""Which indicator `make import` offers each figure of a report, and the score and note a reviewer reads in
the review table: written out here for a short report, figure by figure."""

from __future__ import annotations

import pytest

from macros.drafts.figures import Figure, find
from macros.drafts.matching import Known, difference, fits, known, propose, score

REPORT = (
    "某局2025年工作总结\n2025年，全县新增研发机构3个，研发机构总数达到20家。1-11月，技术合同成交额6.02亿元，同比增长20.4%。"
    "预计全年新增企业15家。研发机构覆盖率达45.2%，完成率110%。2025年技术合同成交额7.5亿元。"
)


def indicator(iid: str, title: str, unit: str, period_type: str = "year", quotes: tuple[str, ...] = (), **more: str) -> Known:
    return known({"id": iid, "title": title, "unit": unit, "definition": title, "period_type": period_type, **more}, quotes)


LABS_NEW = indicator("labs-new", "新增研发机构数", "家", change_of="labs")
LABS = indicator("labs", "研发机构总数", "家")
CONTRACTS = indicator("contracts", "技术合同成交额", "亿元", "month_range")
GROWTH = indicator("contracts-growth", "技术合同成交额增长", "%", "month_range", change_of="contracts")
COVERAGE = indicator("coverage", "研发机构覆盖率", "%")
FIRMS = indicator("firms", "新增企业", "家")
INDICATORS = [LABS_NEW, LABS, CONTRACTS, GROWTH, COVERAGE, FIRMS]


@pytest.fixture(scope="module")
def figures() -> dict[str, Figure]:
    return {f.written: f for f in find(REPORT, 2025)}


def test_each_figure_is_offered_where_a_reviewer_expects_it(figures: dict[str, Figure]) -> None:
    shown = [(p.figure.written, p.indicator.id if p.indicator else "", p.score, p.status, p.differs) for p in propose(list(figures.values()), INDICATORS)]
    assert shown == [
        ("3", "labs-new", 1.0, "candidate", "原文单位为“个”，指标以“家”计：请确认数的是同一类机构"),
        ("20", "labs", 1.0, "proposed", ""),
        ("6.02", "contracts", 1.0, "proposed", ""),
        ("20.4", "contracts-growth", 1.0, "proposed", ""),  # the change of the level figure before it
        ("15", "", 0.0, "new", ""),  # 预计: a forecast goes nowhere
        ("45.2", "coverage", 1.0, "proposed", ""),
        ("110", "", 0.0, "new", ""),  # 完成率: never a share
        ("7.5", "contracts", 1.0, "candidate", "原文是全年数，指标是月份区间（如1—11月）的数：口径不同，采用前请确认"),
    ]


def test_scores_as_the_review_table_shows_them(figures: dict[str, Figure]) -> None:
    """Words alike, then 0.2 for an addition's 新增 or a total's 总数, and for a change following its level."""
    assert score(figures["20"], LABS) == 1.0 and score(figures["20"], LABS, frozenset({"labs"})) == 1.2
    assert score(figures["20"], LABS_NEW) == 0.582  # an addition without 新增 loses its bonus
    assert score(figures["3"], LABS_NEW) == 1.057
    assert score(figures["20"], FIRMS) == 0.075
    assert (score(figures["20.4"], GROWTH), score(figures["20.4"], GROWTH, frozenset(), "contracts"), score(figures["20.4"], GROWTH, frozenset(), "other")) == (
        0.86,
        1.06,
        0.66,
    )
    earlier = indicator("labs", "研发机构总数", "家", quotes=("研发机构总数达到18家。",))
    assert score(figures["20"], earlier) == 0.913


def test_what_fits_and_what_nearly_fits(figures: dict[str, Figure]) -> None:
    assert [i.id for i in INDICATORS if fits(figures["20"], i)] == ["labs-new", "labs", "firms"]
    assert [i.id for i in INDICATORS if fits(figures["3"], i)] == []
    assert difference(figures["20"], LABS) == ""  # it fits: nothing differs
    assert difference(figures["20.4"], LABS) == ""  # a change for a level: not even near
    assert difference(figures["6.02"], LABS) == ""  # 亿元 for 家: not near
    both = indicator("labs-months", "研发机构总数", "家", "month_range")
    annual = find("某局2025年工作总结\n2025年全县研发机构总数达到21个。", 2025)[0]
    assert (
        difference(annual, both) == "原文单位为“个”，指标以“家”计：请确认数的是同一类机构；原文是全年数，指标是月份区间（如1—11月）的数：口径不同，采用前请确认"
    )
    months = find("某局2025年工作总结\n1-11月，全县研发机构总数达到21个。", 2025)[0]
    assert difference(months, indicator("labs-year", "研发机构总数", "家")) == ""  # months never stand for a year


def test_a_weak_match_is_no_match(figures: dict[str, Figure]) -> None:
    """0.35 and over is offered; 0.075 (新增企业 for 研发机构总数) is not."""
    (proposal,) = propose([figures["20"]], [FIRMS])
    assert (proposal.indicator, proposal.status) == (None, "new")


def report(sentence: str) -> list[Figure]:
    return find("某局2024年工作总结\n" + sentence, 2024)


def test_a_completion_rate_is_never_a_share() -> None:
    (proposal,) = propose(report("年度任务完成率110%。"), [COVERAGE])
    assert (proposal.indicator, proposal.status) == (None, "new")


def test_a_year_is_not_near_a_date() -> None:
    (annual,) = report("2024年全县研发机构总数达到21个。")
    assert difference(annual, indicator("d", "研发机构总数", "家", "date")) == ""


def test_a_change_with_no_level_before_it_has_no_bonus_either_way() -> None:
    growth = indicator("g", "技术合同成交额增长", "%", change_of="contracts")
    (proposal,) = propose(report("同比增长20.4%。"), [growth])
    assert (proposal.indicator, proposal.score, proposal.status) == (growth, 0.462, "candidate")


def test_a_unit_to_convert_is_named_only_for_a_likely_indicator() -> None:
    (near,) = propose(report("全县争取项目资金31206000元。"), [indicator("f", "争取各级各类项目资金", "万元")])
    assert (near.indicator, near.note) == (None, "单位为元，指标“争取各级各类项目资金”的单位为万元：需要换算，未自动换算")
    (far,) = propose(report("全县争取资金31206000元。"), [indicator("f", "新增高新技术企业", "万元")])
    assert (far.indicator, far.note) == (None, "")


def offered(text: str, indicators: list[Known]) -> list[tuple[str, str, float, str, str]]:
    """(figure, indicator offered, score, status, note) of each figure of ``text`` in a 2025 report."""
    figures = find("某局2025年工作总结\n" + text, 2025)
    return [(p.figure.written, p.indicator.id if p.indicator else "", p.score, p.status, p.note) for p in propose(figures, indicators)]


TWIN = indicator("labs-twin", "研发机构总数", "家")
PEOPLE = indicator("people", "科技人员数", "人")
INTENSITY = indicator("rd-intensity", "研发投入强度", "%")
FUNDS, FUNDS_TWIN = indicator("funds", "研发经费", "亿元"), indicator("funds-twin", "研发经费", "亿元")


@pytest.mark.parametrize(
    ("text", "indicators", "expected"),
    [
        # a total others add to gets 0.2 for 累计 (0.667 + 0.2), whether it fits or nearly fits; a changed level gets none
        ("全县研发机构累计达到20家。", [LABS_NEW, LABS], [("20", "labs", 0.867, "proposed", "")]),
        ("全县研发机构累计达到20个。", [LABS_NEW, LABS], [("20", "labs", 0.867, "candidate", "")]),
        ("1-11月，技术合同累计成交额6.02亿元。", [CONTRACTS, GROWTH], [("6.02", "contracts", 0.725, "proposed", "")]),
        # two indicators alike: the first is offered
        ("研发机构总数达到20个。", [LABS, TWIN], [("20", "labs", 1.0, "candidate", "")]),
        ("研发经费3000万元。", [FUNDS, FUNDS_TWIN], [("3000", "", 0.0, "new", "单位为万元，指标“研发经费”的单位为亿元：需要换算，未自动换算")]),
        # nearly fitting in unit but not in words: nothing is offered
        ("新增仪器设备20个。", [LABS], [("20", "", 0.0, "new", "")]),
        # an indicator takes one figure a period, also as a candidate
        ("研发机构总数达到20个。另有研发机构总数21个。", [LABS], [("20", "labs", 1.0, "candidate", ""), ("21", "", 0.0, "new", "")]),
        # a forecast of the indicator's own unit needs no conversion; 万人 for 人 does
        ("预计全年新增企业15家。", [FIRMS], [("15", "", 0.0, "new", "")]),
        ("全县科技人员1.2万人。", [PEOPLE], [("1.2", "", 0.0, "new", "单位为万人，指标“科技人员数”的单位为人：需要换算，未自动换算")]),
        # a completion rate is never a share, even when no other figure could take the share
        ("年度任务完成率107%。", [COVERAGE], [("107", "", 0.0, "new", "")]),
        ("研发投入强度目标完成率107%。", [INTENSITY], [("107", "", 0.0, "new", "")]),
        ("研发投入强度2.1%。", [INTENSITY], [("2.1", "rd-intensity", 1.0, "proposed", "")]),
    ],
)
def test_what_a_reviewer_is_offered(text: str, indicators: list[Known], expected: list) -> None:
    assert offered(text, indicators) == expected


def far(unit: str, quote: str) -> Known:
    """An indicator whose title and definition share no character with the report, and whose one earlier quote
    matches the figure's sentence at 7 of 8 characters: its score is 0.4 × 87.5 % = 0.35, the threshold itself."""
    return known({"id": "far", "title": "戊己庚", "unit": unit, "definition": "戊己庚", "period_type": "year"}, (quote,))


@pytest.mark.parametrize(
    ("text", "ind", "expected"),
    [
        ("新增机构共20家。", far("家", "甲新增机乙共20家甲"), ("20", "far", 0.35, "candidate", "")),  # fits
        ("新增机构共20个。", far("家", "甲新增机乙共20个甲"), ("20", "far", 0.35, "candidate", "")),  # nearly fits: 个 for 家
        ("新增机构20万元。", far("亿元", "甲新增机乙20万元甲"), ("20", "", 0.0, "new", "单位为万元，指标“戊己庚”的单位为亿元：需要换算，未自动换算")),
    ],
)
def test_a_score_of_exactly_the_threshold_is_offered(text: str, ind: Known, expected: tuple) -> None:
    assert offered(text, [ind]) == [expected]


def test_a_figure_of_another_measure_is_not_offered() -> None:
    """Sentences of real county reports: 参评 is not 入库, and a growth rate (增速) is no share."""
    smes = indicator("tech-smes", "国家科技型中小企业入库", "家")
    (took_part,) = find("某局2024年工作总结\n组织参评国家科技型中小企业30家。", 2024)
    assert not fits(took_part, smes) and propose([took_part], [smes])[0].status == "new"
    (registered,) = find("某局2024年工作总结\n国家科技型中小企业入库186家。", 2024)
    assert propose([registered], [smes])[0].indicator == smes
    share = indicator("high-tech-output-share", "高新技术产业产值占规上工业产值比重", "%", "month_range")
    (growth,) = find("某局2024年工作总结\n1-11月，高新技术产业产值增速达10.5%。", 2024)
    assert growth.change and not fits(growth, share) and not difference(growth, share)
