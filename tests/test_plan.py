"""The 2025 plan tracker: every commitment quoted, with a status, and plan against actual."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from macros.data.catalog import Observation
from macros.data.periods import parse_period
from macros.site import pages


def test_plan_page_lists_chains_lines_and_commitments(site: Path, catalog) -> None:
    html = (site / "plan" / "index.html").read_text(encoding="utf-8")
    plan = catalog.plan
    assert len(plan.chains) == 8 and len(plan.lines) == 4
    for chain in ("医药化工", "低空经济", "地热", "电梯", "电镀", "食品加工", "新能源汽车零部件", "激光智能制造"):
        assert f"<li>{chain}</li>" in html
    for line in plan.lines:
        assert line.title in html
        for c in line.commitments:
            assert f'id="{c.id}"' in html and c.quote in html and c.status in html
            for iid in c.indicators:
                assert f'href="../indicators/{iid}/"' in html
    assert "再建一批市级以上重点实验室" in html and "研发“清零”" in html


def test_plan_shows_actual_once_the_year_is_published(catalog) -> None:
    ind = catalog.indicators["key-labs-total"]
    new = Observation(indicator_id=ind.id, period=parse_period("2025"), value=Decimal(12), source="kjj-2024-work-summary", quote="x")
    cat = dataclasses.replace(catalog, indicators={**catalog.indicators, ind.id: dataclasses.replace(ind, observations=(*ind.observations, new))})
    assert pages.plan_measure(cat, ind.id, 2025)[1:] == ("2024年 10 家", "2025年 12 家")
    assert pages.plan_measure(catalog, ind.id, 2025)[2] == "2025年数据尚未发布"


def test_plan_figures_are_related_baselines_not_targets(site: Path, catalog) -> None:
    """The 2025 plan sets no numeric targets: the page says the figures are related baselines, and for
    each commitment what they do and do not measure (研发“清零” is about firms of the eight chains with
    revenue of 50 million yuan or more; 登记率 is a rate, the figures are counts)."""
    html = (site / "plan" / "index.html").read_text(encoding="utf-8")
    assert "计划与实际" not in html and "没有设定任何数量目标" in html
    commitments = {c.id: c for line in catalog.plan.lines for c in line.commitments}
    for c in commitments.values():
        if c.indicators:
            assert c.measures and f"这些数字衡量什么：{c.measures}" in html, c.id
    assert "5000万元" in commitments["rd-zero"].measures and "范围不同" in commitments["rd-zero"].measures
    assert "不是登记率" in commitments["tech-contract-rate"].measures
