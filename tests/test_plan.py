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
    assert pages.plan_measure(catalog, ind.id, 2025)[2] == "尚无2025年的数字"


def test_plan_figures_are_related_baselines_and_the_one_target_is_stated(site: Path, catalog) -> None:
    """The 2025 plan has one quantified target, 研发“清零” (clearing R&D gaps in firms of the eight chains
    with revenue of 50 million yuan or more): the plan page and the briefing state it, and neither says the
    plan has no targets; each commitment's figures say what they do and do not measure (登记率 is a rate,
    the figures are counts; the plan's 市级以上 labs against indicators that count 济南市 labs only)."""
    plan_html = (site / "plan" / "index.html").read_text(encoding="utf-8")
    briefing = (site / "briefing" / "index.html").read_text(encoding="utf-8")
    (target,) = catalog.plan.targets
    assert target.id == "rd-zero" and target.target in target.quote and "清零" in target.target
    for html in (plan_html, briefing):
        assert "计划与实际" not in html and "没有设定任何数量目标" not in html and "计划没有提出量化目标" not in html
        assert f"计划提出的量化目标有 1 项：{target.target}" in html
    assert f"量化目标：{target.target}" in plan_html
    commitments = {c.id: c for c in catalog.plan.commitments}
    for c in commitments.values():
        if c.indicators:
            assert c.measures and f"这些数字衡量什么：{c.measures}" in plan_html, c.id
    assert "5000万元" in commitments["rd-zero"].measures and "范围不同" in commitments["rd-zero"].measures
    assert "不是登记率" in commitments["tech-contract-rate"].measures
    labs = commitments["more-key-labs"]
    assert "市级以上" in labs.quote and {"key-labs-total", "key-labs-new"} <= set(labs.indicators)
    assert all("济南市" in catalog.indicators[i].title for i in ("key-labs-total", "key-labs-new"))
    assert "只统计济南市重点实验室" in labs.measures and f"这些数字衡量什么：{labs.measures}" in plan_html


def test_a_target_must_be_copied_from_its_commitment(tmp_path: Path) -> None:
    import shutil

    from macros.data.loader import Loader
    from macros.data.problems import DataError

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    plan = data / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "        target: “八个产业链条”领域营业收入5000万元以上", "        target: 全部规上工业企业营业收入5000万元以上"
        ),
        encoding="utf-8",
    )
    try:
        Loader(data).load()
    except DataError as err:
        found = [(p.code, p.path) for p in err.problems]
    else:
        found = []
    assert found == [("target-not-in-quote", "data/plan.yaml")]
