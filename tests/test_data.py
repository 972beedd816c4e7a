"""The real data: it validates, the archive is the original, and every figure of the report is published."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = "kjj-2024-work-summary"
# SHA-256 of 《商河县科技局2024年工作总结和2025年工作计划》 as received from the bureau.
REPORT_SHA256 = "a9318f60484f1b7bb72b73854aa4f978d62879223d0632a5f48d168c4364dbef"

# Numbers in the report that are not statistics, each with the reason it is not published.
NOT_FIGURES = {
    r"[0-9]{4}(?=年)": "a year",
    r"[0-9]+(?=月|日)": "part of a date or month range",
    r"[0-9]+(?=-[0-9]+月)": "start of the month range 1-11月",
    r"1\.3(?=丙二醇)": "part of a chemical name, 1,3-丙二醇",
    r"5000(?=万元以上)": "a threshold in the 2025 plan, not an observation",
}


def test_real_data_validates(catalog) -> None:
    assert len(catalog.indicators) >= 50
    assert all(ind.observations for ind in catalog.indicators.values())


def test_archive_is_the_original_byte_for_byte(catalog) -> None:
    src = catalog.sources[REPORT]
    raw = (ROOT / "data" / "sources" / src.archive).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == src.sha256 == REPORT_SHA256


def test_every_figure_of_the_report_is_published_with_its_quote(catalog) -> None:
    text = catalog.sources[REPORT].text
    skip = set()
    for pattern in NOT_FIGURES:
        for m in re.finditer(pattern, text):
            skip.update(range(m.start(), m.end()))
    stated = [o for o in catalog.observations if o.source == REPORT and o.flag != "derived"]
    superseded = {float(r.old_value) for r in catalog.revisions}  # a figure later corrected from another source
    missing = []
    for m in re.finditer(r"[0-9]+(?:\.[0-9]+)?", text):
        if m.start() in skip:
            continue
        covered = any(float(o.value) == float(m.group()) and (at := text.find(o.quote)) <= m.start() and m.end() <= at + len(o.quote) for o in stated)
        if not covered and float(m.group()) not in superseded:
            missing.append(f"{m.group()} in …{text[max(0, m.start() - 15) : m.end() + 10]}…")
    assert not missing, "figures of the report without an observation:\n" + "\n".join(missing)


def test_derived_values_say_how_they_were_derived(catalog) -> None:
    derived = [o for o in catalog.observations if o.flag == "derived"]
    assert derived
    for o in derived:
        assert o.note.startswith("推算") and o.formula, (o.indicator_id, o.period.text)


def test_no_quote_contains_layout_markers(catalog) -> None:
    assert not [o for o in catalog.observations if "[bookmark" in o.quote]


def test_stated_values_are_printed_in_their_quote_and_words_are_flagged(catalog, site) -> None:
    """ "原文数" means a number printed in the report: a value read from words ("无违纪违法问题" -> 0)
    carries the flag from_wording (由文字推断), explained wherever flags are."""
    for o in catalog.observations:
        if o.flag == "":
            assert any(float(t) == float(o.value) for t in re.findall(r"[0-9]+(?:\.[0-9]+)?", o.quote)), (o.indicator_id, o.quote)
    (violations,) = catalog.indicators["violations"].observations
    assert violations.flag == "from_wording" and violations.value == 0 and violations.note
    page = (site / "indicators" / "violations" / "index.html").read_text(encoding="utf-8")
    assert "由文字推断" in page and "原文数" not in page.split('id="标记说明"')[0]
    assert "from_wording" in (site / "about" / "index.html").read_text(encoding="utf-8")
    row = next(line for line in (site / "downloads" / "observations.csv").read_text(encoding="utf-8").splitlines() if line.startswith("violations,"))
    assert ",from_wording," in row


def clause_before(text: str, quote: str) -> str:
    """The sentence of the report up to the quote (what governs its time)."""
    at = text.find(quote)
    return text[max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1 : at + len(quote)]


def test_periods_are_shown_as_the_report_states_them(catalog, site) -> None:
    """Figures the report gives "截至目前" or "今年以来" (it is undated) are not shown as a plain year, and
    the R&D block, for which the report names no year, is labelled with the site's reading marked as such,
    on pages, cards, charts and in the downloads' period_label."""
    text = catalog.sources[REPORT].text
    rd = [o for o in catalog.observations if "截至2024年3月10日关网" in clause_before(text, o.quote) or "认定数为3.48亿元" in o.quote]
    to_date = [o for o in catalog.observations if o.flag != "derived" and o not in rd and re.search("截至目前|今年以来", clause_before(text, o.quote))]
    assert len(to_date) >= 15
    for o in to_date:
        assert o.period_basis == "to_date", (o.indicator_id, o.period.text)
    assert {o.indicator_id for o in rd} >= {"rd-expenditure-reported", "rd-expenditure-recognised", "rd-growth-rank"}
    for o in rd:
        assert o.period_basis == "inferred" or o.period.text == "2022" and o.flag == "derived" and "2022年" in o.quote, (o.indicator_id, o.period.text)
    labels = {(r["indicator_id"], r["period"]): r["period_label"] for r in csv.DictReader((site / "downloads" / "observations.csv").open(encoding="utf-8"))}
    assert labels[("tech-contracts", "2024")] == "2024年（截至报告成文）"
    assert labels[("rd-expenditure-reported", "2023")] == "2023年度（截至2024年3月10日，年度为本站推断）"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "2024年（截至报告成文）" in home and "年度为本站推断" in home
    picture = (site / "downloads" / "charts" / "rd-expenditure-reported.svg").read_text(encoding="utf-8")
    assert "2023年度（截至2024年3月10日，年度为本站推断）" in re.sub(r"<[^>]+>", "", picture)  # a label's lines joined
    assert "2023年度填报数" not in " ".join(catalog.indicators["rd-expenditure-recognised"].caveats)
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "截至报告成文" in about and "年度为本站推断" in about


def test_definitions_claim_no_more_than_the_report(catalog) -> None:
    """A definition says what the report says; what the site adds to explain a term is marked 本站解释,
    and what the report leaves open is said to be open."""
    funding = catalog.indicators["project-funding"].definition
    assert "国家" not in funding and "争取各级各类项目资金" in funding and "没有说明" in funding
    for iid in ("municipal-projects", "provincial-projects"):
        assert "县内单位" not in catalog.indicators[iid].definition
    for ind in catalog.indicators.values():
        for phrase in ("通常指", "一般指", "一般包括", "是指", "制度指"):
            if phrase in ind.definition:
                assert "本站解释：" in ind.definition.split(phrase)[0], (ind.id, phrase)
