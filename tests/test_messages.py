"""What the validator tells staff, word for word and at the right place: one change to the small valid
data per case, and the whole line `make validate` prints for it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from macros.data.loader import check
from tests.test_hostile import with_source_lines
from tests.test_validation import TODAY

H = "period,value,flag,qualifier,as_of,breakdown,source,quote,note"
OBS = "observations/tech-contracts.csv"
IND = "indicators/tech-contracts.yaml"
ROW = "全县完成技术合同认定登记95项"


def rows(*lines: str, header: str = H) -> tuple[str, str | None, str]:
    return (OBS, None, "\n".join([header, *lines]) + "\n")


CASES: dict[str, tuple[list[tuple[str, str | None, str]], str]] = {
    "duplicate-period": (
        [rows(f"2024,95,,,,,test-source,{ROW},", f"2024,95,,,,,test-source,{ROW},")],
        "data/observations/tech-contracts.csv:3:1 duplicate-period 时期 2024 重复出现（第 2 行已有） / period 2024 repeats line 2",
    ),
    "period-type": (
        [rows(f"2024-01/2024-11,95,,,,,test-source,{ROW},")],
        "data/observations/tech-contracts.csv:2:1 period-type 时期 2024-01/2024-11 与指标的时期类型 year 不符 / period 2024-01/2024-11 does not match the indicator's period type year",
    ),
    "derived-without-note": (
        [rows(f"2024,95,derived,,,,test-source,{ROW},,", header=H + ",formula")],
        "data/observations/tech-contracts.csv:2:49 derived-without-note 推算值须在 note 中说明推算依据，并在 formula 中写出算式 / a derived value needs a note and a formula",
    ),
    "wording-without-note": (
        [rows(f"2024,0,from_wording,,,,test-source,{ROW},")],
        "data/observations/tech-contracts.csv:2:52 wording-without-note 由文字推断的数值须在 note 中说明读法，如“原文为‘无……发生’，记为 0” / a value read from wording needs a note saying how it was read",
    ),
    "value-not-in-quote": (
        [rows(f"2024,96,,,,,test-source,{ROW},")],
        "data/observations/tech-contracts.csv:2:6 value-not-in-quote 数值 96 没有出现在引文中（原文用文字表述的，如“无”记为 0，flag 写 from_wording） / value 96 does not appear in its quote (a value read from words needs flag from_wording)",
    ),
    "derived-period-basis": (
        [rows(f"2024,95,,,,,test-source,{ROW},,,inferred", f"2023,90,derived,,,,test-source,{ROW},推算：测试,95 - 5,", header=H + ",formula,period_basis")],
        "data/observations/tech-contracts.csv:3:61 derived-period-basis 这个推算值由第 2 行推算而来，那一行的年度是本站推断（inferred）："
        "推算值的年度同样是本站的读法，period_basis 也须写 inferred / this value is derived from line 2, whose year is inferred: its year is the site's reading too; "
        "set period_basis inferred",
    ),
    "unknown-source": (
        [rows(f"2024,95,,,,,no-source,{ROW},")],
        "data/observations/tech-contracts.csv:2:13 unknown-ref 来源 no-source 不存在 / unknown source no-source",
    ),
    "weak-quote": (
        [rows("2024,95,,,,,test-source,95,")],
        "data/observations/tech-contracts.csv:2:25 weak-quote 引文只有数字，须包含说明这个数字的原文文字 / the quote holds only the figure: quote the words around it",
    ),
    "unknown-area": (
        [(IND, "area: transfer", "area: nowhere")],
        "data/indicators/tech-contracts.yaml:4:7 unknown-ref 领域 nowhere 不存在 / unknown area nowhere",
    ),
    "bad-change-wording": (
        [(IND, "chart: bar", "chart: bar\nchange_of: coverage")],
        "data/indicators/tech-contracts.yaml:1:1 bad-change-wording change_wording 和 change_wording_en 须包含 {value}，且与 change_of 一起填写 "
        "/ change_wording and change_wording_en need {value} and change_of",
    ),
    "change-wording-without-english": (
        [(IND, "chart: bar", "chart: bar\nchange_of: coverage\nchange_wording: 新增{value}项")],
        "data/indicators/tech-contracts.yaml:1:1 bad-change-wording change_wording 和 change_wording_en 须包含 {value}，且与 change_of 一起填写 "
        "/ change_wording and change_wording_en need {value} and change_of",
    ),
    "unknown-change-of": (
        [(IND, "chart: bar", "chart: bar\nchange_of: nothing\nchange_wording: 新增{value}项\nchange_wording_en: '{value} added'")],
        "data/indicators/tech-contracts.yaml:11:12 unknown-ref 指标 nothing 不存在 / unknown indicator nothing",
    ),
    "unknown-related": (
        [(IND, "chart: bar", "chart: bar\nrelated: [nothing]")],
        "data/indicators/tech-contracts.yaml:11:10 unknown-ref 指标 nothing 不存在 / unknown indicator nothing",
    ),
    "unknown-register-indicator": (
        [("registers/contracts.yaml", "indicators: [tech-contracts]", "indicators: [tech-contracts, nothing]")],
        "data/registers/contracts.yaml:5:13 unknown-ref 指标 nothing 不存在 / unknown indicator nothing",
    ),
}


CASES_OF_TWO = {
    "bad-period-basis": (
        [rows(f"2024-01/2024-11,95,,,,,test-source,{ROW},,to_date", header=H + ",period_basis")],
        [
            "data/observations/tech-contracts.csv:2:1 period-type 时期 2024-01/2024-11 与指标的时期类型 year 不符 / period 2024-01/2024-11 does not match the indicator's period type year",
            "data/observations/tech-contracts.csv:2:53 bad-period-basis 时期依据 to_date 只能用于年度时期（如 2024） / period basis to_date applies to a year only",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES_OF_TWO))
def test_the_lines_staff_read(fixture_data, case: str) -> None:
    edits, lines = CASES_OF_TWO[case]
    for path, _old, new in edits:
        (fixture_data.data / path).write_text(new, encoding="utf-8")
    assert [str(p) for p in check(fixture_data.data, today=TODAY).problems] == lines


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_line_staff_read(fixture_data, case: str) -> None:
    edits, line = CASES[case]
    for path, old, new in edits:
        target = fixture_data.data / path
        text = target.read_text(encoding="utf-8")
        assert old is None or old in text, old
        target.write_text(new if old is None else text.replace(old, new, 1), encoding="utf-8")
    assert [str(p) for p in check(fixture_data.data, today=TODAY).problems] == [line]


def test_an_indicator_without_its_observations_file(fixture_data) -> None:
    (fixture_data.data / OBS).unlink()
    assert [str(p) for p in check(fixture_data.data, today=TODAY).problems] == [
        "data/indicators/tech-contracts.yaml:1:1 missing-observations 指标 tech-contracts 没有观测值文件 data/observations/tech-contracts.csv / indicator tech-contracts has no data/observations/tech-contracts.csv"
    ]


def test_the_warnings_staff_read(fixture_data) -> None:
    data: Path = fixture_data.data
    with_source_lines(data, "2023年登记50项。")
    ind = data / IND
    ind.write_text(ind.read_text(encoding="utf-8").replace("chart: bar", "chart: bar\nmax_change: 10"), encoding="utf-8")
    with (data / OBS).open("a", encoding="utf-8") as f:
        f.write("2023,50,,,,,test-source,2023年登记50项。,\n")
    coverage = data / "indicators" / "coverage.yaml"
    coverage.write_text(re.sub(r"title: .*", "title: 技术合同认定登记数", coverage.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    checked = check(data, today=TODAY)
    assert checked.problems == [] and [str(w) for w in checked.warnings] == [
        "data/indicators/tech-contracts.yaml:1:1 duplicate-title 标题与指标 coverage 相同（复制文件后忘了修改？） / same title as indicator coverage (copied and not changed?)",
        "data/observations/tech-contracts.csv:2:6 large-change 与上一期（2023年）相比变化 90.0%，超过该指标设定的 10%，请核对 / changed 90.0% from the previous period (2023年), above this indicator's 10%: please check",
    ]


def test_the_review_tables_lines(fixture_data) -> None:
    data: Path = fixture_data.data
    sha = re.search(r"sha256: (\w+)", (data / "sources" / "test-source.yaml").read_text(encoding="utf-8"))[1]  # type: ignore[index]
    header = "status,score,indicator_id,indicator_title,period,period_basis,as_of,breakdown,value,unit,qualifier,flag,formula,note,quote,source,source_sha256"
    table = [
        f"accept,0.9,,,2024,,,,95,项,,,,,{ROW},test-source,{sha}",
        f"accept,0.9,nothing,,2024,,,,95,项,,,,,{ROW},test-source,{sha}",
        f"accept,0.9,tech-contracts,,2024,,,,95,项,,,,,{ROW},test-source,{'0' * 64}",
        f"accept,0.9,tech-contracts,,2024,,,,95,项,,,,,全县完成登记95项,test-source,{sha}",
        f"accept,0.9,tech-contracts,,2024,,,,95,项,,,,,{ROW},no-source,{sha}",
        # rows not accepted are not data: an index number read as a figure, left proposed or rejected, blocks nothing
        f"proposed,0.8,tech-contracts,,2024,,,,1134072200312560,,,,,,索引号：1134072200312560X5/202405-00001,test-source,{sha}",
        f"reject,0.8,,,202405,,,,1134072200312560,,,,,,索引号,test-source,{'0' * 64}",
        f"new,0,,,2024,,,,0562-3210968,,,,,,电话,test-source,{sha}",
        f"采用,0.8,,,2024,,,,95,项,,,,,{ROW},test-source,{sha}",
    ]
    (data / "imports").mkdir()
    (data / "imports" / "test-source.csv").write_text("\n".join([header, *table]) + "\n", encoding="utf-8")
    assert sorted(str(p) for p in check(data, today=TODAY).problems) == [
        "data/imports/test-source.csv:10:1 bad-choice 字段 status 的值 采用 不在允许范围内：proposed, candidate, new, accept, reject / field status: 采用 is not one of proposed, candidate, new, accept, reject",
        "data/imports/test-source.csv:2:12 import-accept-without-indicator 采用（accept）的行须填写 indicator_id：把它填为已有指标的 id（见 data/indicators/），或把 status 改为 reject / an accepted row needs an indicator_id: give an existing indicator's id, or set status reject",
        "data/imports/test-source.csv:3:12 import-unknown-indicator 指标 nothing 不存在：把 indicator_id 改为已有指标的 id（见 data/indicators/），或把 status 改为 reject / indicator nothing does not exist: give an existing indicator's id, or set status reject",
        "data/imports/test-source.csv:4:73 import-stale 审核表过期：来源 test-source 的存档原文在导入后改动过。请删除这个审核表，重新运行 make import / the review file is stale: source test-source changed since the import; run make import again",
        "data/imports/test-source.csv:5:45 quote-not-in-source 引文在来源 test-source 的存档原文中找不到（须逐字一致） / quote not found verbatim in source test-source",
        "data/imports/test-source.csv:6:61 unknown-ref 来源 no-source 不存在 / unknown source no-source",
    ]


PLAN = {
    "source: kjj-2024-work-summary": ("source: nothing", "data/plan.yaml:3:9 unknown-ref 来源 nothing 不存在 / unknown source nothing"),
    "chains_quote: 紧盯医药化工": (
        "chains_quote: 紧盯医药",
        "data/plan.yaml:5:15 quote-not-in-source 引文在来源 kjj-2024-work-summary 的存档原文中找不到（须逐字一致） / quote not found verbatim in source kjj-2024-work-summary",
    ),
    "    quote: 一是推动创新平台提质增效，引领产业能级跃升。": (
        "    quote: 一是推动创新平台提质增效。",
        "data/plan.yaml:10:12 quote-not-in-source 引文在来源 kjj-2024-work-summary 的存档原文中找不到（须逐字一致） / quote not found verbatim in source kjj-2024-work-summary",
    ),
    "        quote: 加强对上争取，再建一批市级以上重点实验室和研发机构。": (
        "        quote: 加强对上争取，再建一批重点实验室。",
        "data/plan.yaml:18:16 quote-not-in-source 引文在来源 kjj-2024-work-summary 的存档原文中找不到（须逐字一致） / quote not found verbatim in source kjj-2024-work-summary",
    ),
    "      - id: more-key-labs": (
        "      - id: new-rd-institutions",
        "data/plan.yaml:16:9 duplicate-id 标识 new-rd-institutions 重复 / duplicate id new-rd-institutions",
    ),
    "        target: “八个产业链条”领域营业收入5000万元以上的规上工业企业无研发活动清零": (
        "        target: 营业收入一亿元以上",
        "data/plan.yaml:30:17 target-not-in-quote target 须照抄这项承诺的 quote 中的文字 / target must be text copied from the commitment's quote",
    ),
    "        indicators: [tech-smes]\n        measures: 入库数量反映科技型中小企业的数量，不衡量它们的“创新能力”是否提升。": (
        "        indicators: [tech-smes]",
        "data/plan.yaml:33:9 measures-missing 承诺列出了相关指标，须在 measures 中说明这些指标衡量什么、不衡量什么 / a commitment with indicators needs measures: what they do and do not measure",
    ),
    "        target: “八个产业链条”领域营业收入5000万元以上的规上工业企业无研发活动清零\n": (
        "        target: 规上工业企业无研发活动清零\n",
        "data/plan.yaml:30:17 target-without-figure target 是量化目标，须包含数字（如“5000万元以上”“八个”）；没有数字的承诺不写 target / a target is quantified: it must name a figure; leave target out when the commitment has none",
    ),
    "        indicators: [tech-smes]\n": (
        "        indicators: [tech-smes, nothing]\n",
        "data/plan.yaml:37:21 unknown-ref 指标 nothing 不存在 / unknown indicator nothing",
    ),
}


@pytest.mark.parametrize("old", list(PLAN))
def test_the_plans_lines(tmp_path: Path, old: str) -> None:
    data = real_data(tmp_path)
    new, line = PLAN[old]
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [str(p) for p in check(data).problems] == [line]


REVISION = "indicator_id,period,breakdown,old_value,new_value,date,type,reason\n"
RELEASED = {
    "unrecorded": (
        "96",
        None,
        [
            "data/observations/tech-contracts.csv:2:6 unrecorded-revision 已发布版本 2024.4 中为 95，现为 96：修改已发布的数值须在 data/revisions.csv 登记（旧值、新值、日期、类型、原因） / released as 95 in 2024.4, now 96: record the change in data/revisions.csv"
        ],
    ),
    "mismatch": (
        "96",
        "tech-contracts,2024,,95,97,2026-12-01,更正,测试",
        ["data/revisions.csv:2:1 revision-mismatch 修订记录与数据不符：记录为 95 → 97，实际为 95 → 96 / revision record says 95 → 97, the data say 95 → 96"],
    ),
    "old-value": (
        "96",
        "tech-contracts,2024,,94,96,2026-12-01,更正,测试",
        [
            "data/revisions.csv:2:1 revision-mismatch 修订记录与数据不符：记录为 94 → 96，实际为 95 → 96 / revision record says 94 → 96, the data say 95 → 96",
            "data/revisions.csv:2:1 revision-old-value 旧值 94 不是任何已发布版本中的值（已发布：95、95、95、95） / old value 94 is not a released value (released: 95、95、95、95)",
        ],
    ),
    "no-change": (
        None,
        "tech-contracts,2024,,95,95,2026-12-01,更正,测试",
        ["data/revisions.csv:2:1 revision-no-change 修订记录的旧值和新值都是 95：没有修改的不用登记 / the revision changes nothing (95 to 95)"],
    ),
    "unreleased": (
        None,
        "tech-contracts,2023,,95,96,2026-12-01,更正,测试",
        [
            "data/revisions.csv:2:1 revision-unreleased tech-contracts 2023 不在任何冻结的版本中：只有版本中的数值修改时才须登记修订 / tech-contracts 2023 was never released: only changes to released values are recorded"
        ],
    ),
    "unknown": (None, "nothing,2024,,95,96,2026-12-01,更正,测试", ["data/revisions.csv:2:1 unknown-ref 指标 nothing 不存在 / unknown indicator nothing"]),
    "removed": (
        "",
        None,
        [
            "data/observations/tech-contracts.csv:1:1 empty-file 文件没有数据行 / file has no data rows",
            "data/observations/tech-contracts.csv:1:1 removed-released 已发布版本 2024.4 中的观测值 tech-contracts 2024 被删除；已发布的数值不能删除，没有数据时请用 missing 标记 / observation tech-contracts 2024 of release 2024.4 was removed; mark it missing instead",
        ],
    ),
}


@pytest.mark.parametrize("case", list(RELEASED))
def test_the_lines_about_released_values(tmp_path: Path, case: str) -> None:
    """The real data's tech-contracts 2024 (95) was released in 2024.1 and 2024.2; it is changed to 96 as a
    derived value (no quote to hold it), removed, or left, and data/revisions.csv says what it says."""
    data = real_data(tmp_path)
    value, revision, lines = RELEASED[case]
    path = data / "observations" / "tech-contracts.csv"
    header, row = path.read_text(encoding="utf-8").splitlines()[:2]
    if value == "":
        path.write_text(header + "\n", encoding="utf-8")
    elif value:
        cells = row.split(",")
        cells[1], cells[2], cells[8], cells[9] = value, "derived", "推算：测试", "95 + 1"
        path.write_text(header + "\n" + ",".join(cells) + "\n", encoding="utf-8")
    if revision:
        (data / "revisions.csv").write_text(REVISION + revision + "\n", encoding="utf-8")
    assert [str(p) for p in check(data).problems] == lines


@pytest.mark.parametrize(
    ("made", "line"),
    [
        (
            "indicators/notes.txt",
            "data/indicators/notes.txt:1:1 unexpected-file 这个文件不会被读取：这里只能放 *.yaml（注意扩展名的大小写，.yml 应为 .yaml） / this file would be ignored: only *.yaml belong here",
        ),
        (
            "indicators/tech-contracts.yml",
            "data/indicators/tech-contracts.yml:1:1 unexpected-file 这个文件不会被读取：这里只能放 *.yaml（注意扩展名的大小写，.yml 应为 .yaml） / this file would be ignored: only *.yaml belong here",
        ),
        (
            "README.md",
            "data/README.md:1:1 unexpected-file 这个文件不会被读取：这里只能放 areas.yaml、dataset.yaml、glossary.yaml、plan.yaml、releases.yaml、revisions.csv（注意扩展名的大小写，.yml 应为 .yaml） / this file would be ignored: only areas.yaml、dataset.yaml、glossary.yaml、plan.yaml、releases.yaml、revisions.csv belong here",
        ),
        (
            "extra/",
            "data/extra:1:1 unexpected-file 这个文件不会被读取：这里只能放 indicators、observations、registers、sources、imports、inbox、releases（注意扩展名的大小写，.yml 应为 .yaml） / this file would be ignored: only indicators、observations、registers、sources、imports、inbox、releases belong here",
        ),
        (
            "indicators/sub/",
            "data/indicators/sub:1:1 unexpected-file 这个文件不会被读取：这里只能放 *.yaml（注意扩展名的大小写，.yml 应为 .yaml） / this file would be ignored: only *.yaml belong here",
        ),
        (
            "registers/sub/",
            "data/registers/sub:1:1 unexpected-file 这个文件不会被读取：这里只能放 *.yaml、*.csv（注意扩展名的大小写，.yml 应为 .yaml） / this file would be ignored: only *.yaml、*.csv belong here",
        ),
    ],
)
def test_the_lines_about_files_that_would_be_ignored(fixture_data, made: str, line: str) -> None:
    target = fixture_data.data / made
    target.mkdir() if made.endswith("/") else target.write_text("x\n", encoding="utf-8")
    assert [str(p) for p in check(fixture_data.data, today=TODAY).problems] == [line]


def test_the_line_about_a_symbolic_link(fixture_data) -> None:
    link = fixture_data.data / "sources" / "copy.txt"
    link.symlink_to(fixture_data.data / "sources" / "test-source.txt")
    assert [str(p) for p in check(fixture_data.data, today=TODAY).problems] == [
        "data/sources/copy.txt:1:1 symlink data/ 中不允许符号链接（快捷方式），请放入文件本身 / symbolic links are not allowed under data/: put the file itself"
    ]


RANK = [("unit: 项", "unit: 名\nrank_scope: 全市"), ("title: 技术合同认定登记数", "title: 技术合同认定登记数全市排名")]
ROW_LINES = {
    "duplicate-period, period not first": (
        ["value,period,flag,qualifier,as_of,breakdown,source,quote,note", f"95,2024,,,,,test-source,{ROW},", f"95,2024,,,,,test-source,{ROW},"],
        [],
        "",
        ["data/observations/tech-contracts.csv:3:4 duplicate-period 时期 2024 重复出现（第 2 行已有） / period 2024 repeats line 2"],
    ),
    "negative-count": (
        [H, f"2024,-1,,,,,test-source,{ROW},"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:6 negative-count 计数不能为负数：-1 / a count cannot be negative: -1",
            "data/observations/tech-contracts.csv:2:6 value-not-in-quote 数值 -1 没有出现在引文中（原文用文字表述的，如“无”记为 0，flag 写 from_wording） / value -1 does not appear in its quote (a value read from words needs flag from_wording)",
        ],
    ),
    "value-decimals": (
        [H, "2024,95.5,,,,,test-source,全县完成技术合同认定登记95.5项,"],
        [],
        "全县完成技术合同认定登记95.5项",
        [
            "data/observations/tech-contracts.csv:2:6 value-decimals 数值 95.5 的小数位多于指标显示的 0 位：多出的位数会被四舍五入掉。请按原文写，或修改指标的 decimals / value 95.5 has more decimals than the indicator's 0: they would be rounded away unseen; write it as the source does or change decimals"
        ],
    ),
    "as-of-before-period": (
        [H, f"2024,95,,,2023-12-31,,test-source,{ROW},"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:11 as-of-before-period 截止日期 2023-12-31 早于时期 2024年 的开始 / cut-off date 2023-12-31 is before the period 2024年 begins"
        ],
    ),
    "qualifier-on-rank": (
        [H, "2024,1,,approximate,,,test-source,技术合同登记数位列全市第1名。,"],
        RANK,
        "技术合同登记数位列全市第1名。",
        [
            "data/observations/tech-contracts.csv:2:9 qualifier-on-rank 名次不能标为 approximate（会显示成“第约1名”）：名次照原文写，不用 qualifier / a rank can't be marked approximate (it would read 'about 1st'): leave qualifier empty"
        ],
    ),
    "derived-without-note, no formula column": (
        [H, f"2024,95,derived,,,,test-source,{ROW},"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:48 derived-without-note 推算值须在 note 中说明推算依据，并在 formula 中写出算式 / a derived value needs a note and a formula"
        ],
    ),
    "too-many-items": (
        [H] + [f"2024,95,,,,项{i},test-source,{ROW}," for i in range(51)],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:52:12 too-many-items 时期 2024 的分项超过 50 个：图表无法阅读，请合并为较大的类别 / period 2024 has more than 50 breakdown items: a chart of them can't be read; group them"
        ],
    ),
    "quote-unicode-form": (
        [H, "2024,95,,,,,test-source,\uf90a融机构新增95项,"],
        [],
        "金融机构新增95项",
        [
            "data/observations/tech-contracts.csv:2:25 quote-unicode-form 引文与来源 test-source 的原文看起来一样，但有字符的编码不同（如兼容汉字“金”U+F90A 与“金”U+91D1、全角与半角、组合符号）："
            "请从存档原文中直接复制这句话 / the quote looks like a sentence of source test-source but some characters are encoded differently (compatibility ideographs, full-width forms, combining marks): copy it from the archived text"
        ],
    ),
    "quote-not-in-source": (
        [H, "2024,95,,,,,test-source,金融机构新增95项,"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:25 quote-not-in-source 引文在来源 test-source 的存档原文中找不到（须逐字一致） / quote not found verbatim in source test-source"
        ],
    ),
    "quote-not-in-source of a period without a value": (
        [H, "2024,,missing,,,,test-source,金融机构新增项目未统计,未统计"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:30 quote-not-in-source 引文在来源 test-source 的存档原文中找不到（须逐字一致） / quote not found verbatim in source test-source"
        ],
    ),
    "items of two periods, 30 each": ([H] + [f"{y},95,,,,项{i},test-source,{ROW}," for y in (2023, 2024) for i in range(30)], [], "", []),
    "duplicate-period of an item": (
        [H, f"2024,95,,,,甲,test-source,{ROW},", f"2024,95,,,,甲,test-source,{ROW},"],
        [],
        "",
        ["data/observations/tech-contracts.csv:3:1 duplicate-period 时期 2024 甲 重复出现（第 2 行已有） / period 2024 甲 repeats line 2"],
    ),
    "period-type, period not first": (
        ["value,period,flag,qualifier,as_of,breakdown,source,quote,note", f"95,2024-01/2024-11,,,,,test-source,{ROW},"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:4 period-type 时期 2024-01/2024-11 与指标的时期类型 year 不符 / period 2024-01/2024-11 does not match the indicator's period type year"
        ],
    ),
    "share-out-of-range": (
        [H, "2024,120,,,,,test-source,技术合同认定登记占比120%,"],
        [("unit: 项", 'unit: "%"')],
        "技术合同认定登记占比120%",
        ["data/observations/tech-contracts.csv:2:6 share-out-of-range 比重 120% 超出 0–100 / share 120% is outside 0-100"],
    ),
    "a cut-off date on the period's first day": ([H, f"2024,95,,,2024-01-01,,test-source,{ROW},"], [], "", []),
    "derived values, each checked": (
        [H + ",formula", f"2023,95,derived,,,,test-source,{ROW},,", f"2024,95,derived,,,,test-source,{ROW},推算：测试,90 + 6"],
        [],
        "",
        [
            "data/observations/tech-contracts.csv:2:49 derived-without-note 推算值须在 note 中说明推算依据，并在 formula 中写出算式 / a derived value needs a note and a formula",
            "data/observations/tech-contracts.csv:3:54 formula-mismatch 算式 90 + 6 的结果是 96，与数值 95 不符 / formula 90 + 6 gives 96, not 95",
        ],
    ),
}


@pytest.mark.parametrize("case", list(ROW_LINES))
def test_the_lines_about_one_row(fixture_data, case: str) -> None:
    data: Path = fixture_data.data
    lines, edits, source_line, expected = ROW_LINES[case]
    if source_line:
        archive = data / "sources" / "test-source.txt"
        archive.write_text(archive.read_text(encoding="utf-8") + source_line + "\n", encoding="utf-8")
        meta = data / "sources" / "test-source.yaml"
        meta.write_text(
            re.sub(r"sha256: .*", f"sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}", meta.read_text(encoding="utf-8")), encoding="utf-8"
        )
    ind = data / IND
    text = ind.read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new, 1)
    ind.write_text(text, encoding="utf-8")
    (data / OBS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [str(p) for p in check(data, today=TODAY).problems] == expected


def released_source(version: str, line: int, column: int) -> str:
    return (
        f"data/sources/kjj-2024-work-summary.yaml:{line}:{column} released-source-changed 来源 kjj-2024-work-summary 的存档原文已随版本 {version} 发布，"
        "不能替换、删除或改写校验值（与该版本 sources.csv 的记录不符）：原件有新版本时，请作为新来源添加 / source kjj-2024-work-summary was published "
        f"with release {version}: its archive can't be replaced or removed, nor its checksum rewritten (differs from the release's sources.csv); add a new source instead"
    )


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("sha256: a9318f60484f1b7bb72b73854aa4f978d62879223d0632a5f48d168c4364dbef", "sha256: " + "ab" * 32, (7, 9)),
        ("archive: kjj-2024-work-summary.txt", "archive: kjj-2024-work-summary.pdf", (6, 10)),
        ("", "", (1, 1)),  # the source's file removed
    ],
)
def test_a_released_source_keeps_its_archive_and_checksum(tmp_path: Path, old: str, new: str, place: tuple[int, int]) -> None:
    data = real_data(tmp_path)
    meta = data / "sources" / "kjj-2024-work-summary.yaml"
    if old:
        text = meta.read_text(encoding="utf-8")
        assert old in text
        meta.write_text(text.replace(old, new, 1), encoding="utf-8")
    else:
        meta.unlink()
    found = [str(p) for p in check(data).problems if p.code == "released-source-changed"]
    assert found == [released_source("2024.1", *place), released_source("2024.2", *place), released_source("2024.3", *place), released_source("2024.4", *place)]


def test_bytes_that_are_not_utf8_in_a_released_source_or_its_record_are_found_not_a_crash(tmp_path: Path) -> None:
    """The release's sources.csv and a released source's YAML, each with one byte that is not UTF-8."""
    data = real_data(tmp_path)
    meta = data / "sources" / "kjj-2024-work-summary.yaml"
    meta.write_bytes(meta.read_bytes().replace("商河县".encode(), b"\xff", 1))
    listed = data / "releases" / "2024.1" / "sources.csv"
    listed.write_bytes(listed.read_bytes().replace("商河县".encode(), b"\xff", 1))
    assert sorted({(p.path, p.code) for p in check(data).problems}) == [
        ("data/releases/2024.1/sources.csv", "release-file-changed"),
        ("data/sources/kjj-2024-work-summary.yaml", "not-utf8"),
    ]


def test_a_released_sources_record_that_no_longer_parses_is_found_not_a_crash(tmp_path: Path) -> None:
    data = real_data(tmp_path)
    (data / "sources" / "kjj-2024-work-summary.yaml").write_text("title: [\n", encoding="utf-8")
    found = [(p.path, p.line, p.column, p.code) for p in check(data).problems]
    assert (
        found
        == [("data/sources/kjj-2024-work-summary.yaml", 2, 1, "yaml-syntax")]
        + [("data/sources/kjj-2024-work-summary.yaml", 1, 1, "released-source-changed")] * 4  # one for each release
    )


def test_a_row_of_a_releases_sources_csv_without_an_id_is_a_changed_file(tmp_path: Path) -> None:
    data = real_data(tmp_path)
    listed = data / "releases" / "2024.1" / "sources.csv"
    listed.write_text(listed.read_text(encoding="utf-8").replace("\nkjj-2024-work-summary,", "\n,", 1), encoding="utf-8")
    assert [(p.path, p.code) for p in check(data).problems] == [("data/releases/2024.1/sources.csv", "release-file-changed")]


CHANGED_TAIL = "。已发布的文件永远不改：请恢复原文件；更正数据请改 data/observations/ 并在 data/revisions.csv 登记，再发布新版本"
CHANGED_TAIL_EN = "; released files never change: restore it, and correct the data with a recorded revision instead"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "one release's checksum list removed, a file of the next changed",
            [
                "data/releases/2024.1/SHA256SUMS:1:1 release-file-missing 已发布版本 2024.1 的文件缺失（与 releases.yaml 记录的校验值不符）：请恢复 / "
                "a file of release 2024.1 is missing (differs from the checksum in releases.yaml): restore it",
                f"data/releases/2024.2/areas.csv:1:1 release-file-changed 已发布版本 2024.2 的文件被改动（与 SHA256SUMS 清单不符）{CHANGED_TAIL} / "
                f"a file of release 2024.2 changed (differs from its SHA256SUMS){CHANGED_TAIL_EN}",
            ],
        ),
        (
            "a byte that is not UTF-8 in the checksum list's last line",
            [
                f"data/releases/2024.1/SHA256SUMS:1:1 release-file-changed 已发布版本 2024.1 的文件被改动（与 releases.yaml 记录的校验值不符）{CHANGED_TAIL} / "
                f"a file of release 2024.1 changed (differs from the checksum in releases.yaml){CHANGED_TAIL_EN}",
                "data/releases/2024.1/sources.csv:1:1 release-file-added 这个文件不属于已发布版本 2024.1（与 SHA256SUMS 清单不符）：已发布的版本不能增加文件，请删除 / "
                "this file is not part of release 2024.1 (differs from its SHA256SUMS): remove it",
                "data/releases/2024.1/SHA256SUMS:172:1 release-file-missing 已发布版本 2024.1 的文件缺失（与 SHA256SUMS 清单不符）：请恢复 / "
                "a file of release 2024.1 is missing (differs from its SHA256SUMS): restore it",
            ],
        ),
    ],
)
def test_the_lines_about_a_releases_checksum_list(tmp_path: Path, case: str, expected: list[str]) -> None:
    """Every release is checked, each against its own list; the list's line names a file it lists that is gone."""
    data = real_data(tmp_path)
    sums = data / "releases" / "2024.1" / "SHA256SUMS"
    if case.startswith("one release"):
        sums.unlink()
        areas = data / "releases" / "2024.2" / "areas.csv"
        areas.write_bytes(areas.read_bytes() + b"x\n")
    else:
        assert sums.read_bytes().endswith(b"  sources.csv\n")
        sums.write_bytes(sums.read_bytes().replace(b"  sources.csv", b"  sources\xff.csv"))
    assert [str(p) for p in check(data).problems] == expected


def test_a_period_without_a_value_is_named_plainly() -> None:
    from macros.data.catalog import Missing
    from macros.data.formatting import period_text
    from macros.data.periods import parse_period

    assert period_text(Missing("x", parse_period("2023"), "s", "原句")) == "2023年"


@pytest.mark.parametrize(
    ("limit", "warnings"),
    [
        ("90", []),  # exactly the limit is within it
        (
            "89",
            [
                "data/observations/tech-contracts.csv:2:6 large-change 与上一期（2023年）相比变化 90.0%，超过该指标设定的 89%，请核对 / changed 90.0% from the previous period (2023年), above this indicator's 89%: please check"
            ],
        ),
    ],
)
def test_a_change_from_zero_is_not_measured_and_one_at_the_limit_is_within_it(fixture_data, limit: str, warnings: list[str]) -> None:
    data: Path = fixture_data.data
    with_source_lines(data, "2022年登记0项。", "2023年登记50项。")
    ind = data / IND
    ind.write_text(ind.read_text(encoding="utf-8").replace("chart: bar", f"chart: bar\nmax_change: {limit}"), encoding="utf-8")
    with (data / OBS).open("a", encoding="utf-8") as f:
        f.write("2022,0,,,,,test-source,2022年登记0项。,\n2023,50,,,,,test-source,2023年登记50项。,\n")
    checked = check(data, today=TODAY)
    assert checked.problems == [] and [str(w) for w in checked.warnings] == warnings


def test_every_folder_is_checked_after_one_the_loader_does_not_know(fixture_data) -> None:
    made = ["extra/", "indicators/sub/", "indicators/notes.txt", "observations/notes.txt", "registers/sub/", "sources/notes.md"]
    for name in made:
        target = fixture_data.data / name
        target.mkdir() if name.endswith("/") else target.write_text("x\n", encoding="utf-8")
    assert sorted(p.path for p in check(fixture_data.data, today=TODAY).problems) == sorted(f"data/{name.rstrip('/')}" for name in made)


def test_the_line_about_a_file_name_that_starts_an_option(fixture_data) -> None:
    (fixture_data.data / "indicators" / "-x.yaml").write_text("x\n", encoding="utf-8")
    assert [str(p) for p in check(fixture_data.data, today=TODAY).problems if p.code == "bad-file-name"] == [
        "data/indicators/-x.yaml:1:1 bad-file-name 文件名或文件夹名含有换行等控制字符、不可见字符（如零宽空格、文字方向控制符），或以“-”开头：请改名 / "
        "the file or folder name holds a control or invisible character (line break, zero-width space, bidi control) or starts with '-': rename it"
    ]


def real_data(tmp_path: Path) -> Path:
    """A copy of the real data to change."""
    import shutil

    from tests.conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_lines_about_the_order_of_releases(tmp_path: Path) -> None:
    """A lower version after a higher one is refused; two releases on one day are fine."""
    data = real_data(tmp_path)
    replace_in(data / "releases.yaml", "date: 2026-12-03", "date: 2026-11-27")
    assert check(data).problems == []
    replace_in(data / "releases.yaml", 'version: "2024.2"', 'version: "2023.9"')
    assert [str(p) for p in check(data).problems if p.code == "release-order"] == [
        "data/releases.yaml:1:1 release-order 版本 2023.9 的版本号须大于上一版本，日期不早于上一版本 / release 2023.9 must have a higher version number than the previous one and not an earlier date"
    ]


def test_the_line_about_a_revision_of_an_unknown_indicator_names_its_column(tmp_path: Path) -> None:
    data = real_data(tmp_path)
    (data / "revisions.csv").write_text(
        "period,indicator_id,breakdown,old_value,new_value,date,type,reason\n2024,nothing,,1,2,2026-12-01,更正,测试\n", encoding="utf-8"
    )
    assert [str(p) for p in check(data).problems] == ["data/revisions.csv:2:6 unknown-ref 指标 nothing 不存在 / unknown indicator nothing"]


def test_a_released_value_now_marked_missing_is_no_removal_and_later_values_are_still_checked(tmp_path: Path) -> None:
    data = real_data(tmp_path)
    replace_in(
        data / "observations" / "achievements-registered-new.csv",
        "2024,4,,,,,kjj-2024-work-summary,新增山东省科技成果登记4项，累计达13项,,,to_date",
        "2024,,missing,,,,kjj-2024-work-summary,新增山东省科技成果登记4项，累计达13项,暂缺,,",
    )
    replace_in(data / "observations" / "violations.csv", "2024,0,from_wording", "2024,1,from_wording")
    assert [str(p) for p in check(data).problems] == [
        "data/observations/violations.csv:2:6 unrecorded-revision 已发布版本 2024.4 中为 0，现为 1：修改已发布的数值须在 data/revisions.csv 登记（旧值、新值、日期、类型、原因） / released as 0 in 2024.4, now 1: record the change in data/revisions.csv"
    ]


def test_the_released_rows_of_an_indicator_that_does_not_load_are_not_also_called_removed(tmp_path: Path) -> None:
    data = real_data(tmp_path)
    (data / "indicators" / "violations.yaml").write_text("title: [\n", encoding="utf-8")
    (data / "observations" / "violations.csv").unlink()
    assert [(p.path, p.code) for p in check(data).problems] == [("data/indicators/violations.yaml", "yaml-syntax")]


def test_the_warnings_about_slips_of_the_unit_or_the_point(fixture_data) -> None:
    """A level ten times the year before's, a growth rate over 1000 %: warnings for a person to check, never
    errors; a growth rate may be over 100 % (a share may not)."""
    data: Path = fixture_data.data
    with_source_lines(data, "2023年登记5项。", "2023年覆盖率提高1250.5%。", "2022年覆盖率提高112.5%。")
    with (data / OBS).open("a", encoding="utf-8") as f:
        f.write("2023,5,,,,,test-source,2023年登记5项。,\n")
    coverage = data / "indicators" / "coverage.yaml"
    wording = 'change_of: commissioners\nchange_wording: "提高{value}"\nchange_wording_en: "up {value}"\n'
    coverage.write_text(coverage.read_text(encoding="utf-8") + wording, encoding="utf-8")
    with (data / "observations" / "coverage.csv").open("a", encoding="utf-8") as f:
        f.write("2023,1250.5,,,,,test-source,2023年覆盖率提高1250.5%。,\n2022,112.5,,,,,test-source,2022年覆盖率提高112.5%。,\n")
    checked = check(data, today=TODAY)
    assert checked.problems == [] and [str(w) for w in checked.warnings] == [
        "data/observations/coverage.csv:3:6 growth-over-1000 增速 1250.5% 超过 1000%：请核对数值和单位 / a growth rate of 1250.5% is over 1000%: check the value and its unit",
        "data/observations/tech-contracts.csv:2:6 implausible-jump 数值 95 是上一期（2023年）5 的 19.0 倍：请核对单位（万元、亿元）和小数点 / value 95 is 19.0 times the previous period's (2023年) 5: check the unit and the decimal point",
    ]


@pytest.mark.parametrize(
    ("rows", "warned"),
    [
        ([("2022", "0"), ("2023", "1")], []),  # from nothing: no ratio
        ([("2023", "1"), ("2024", "10")], []),  # ten times: within
        ([("2023", "1"), ("2024", "11")], ["2024 数值 11 是上一期（2023年）1 的 11.0 倍"]),
        ([("2023", "100"), ("2024", "10")], []),  # a tenth: within
        ([("2023", "100"), ("2024", "5")], ["2024 数值 5 是上一期（2023年）100 的 5.0%"]),
        ([("2023", "100"), ("2024", "1")], ["2024 数值 1 是上一期（2023年）100 的 1.0%"]),
        ([("2023", "100"), ("2024", "0")], []),  # to nothing: 无 is read as 0, and is no slip
    ],
)
def test_a_jump_is_warned_of_beyond_ten_times_either_way(fixture_data, rows: list[tuple[str, str]], warned: list[str]) -> None:
    data: Path = fixture_data.data
    with_source_lines(data, *(f"{period}年登记{value}项。" for period, value in rows))
    lines = [f"{period},{value},,,,,test-source,{period}年登记{value}项。," for period, value in rows]
    (data / OBS).write_text("\n".join([H, *lines]) + "\n", encoding="utf-8")
    checked = check(data, today=TODAY)
    assert checked.problems == []
    shown = [f"{rows[w.line - 2][0]} {w.zh.split('：')[0]}" for w in checked.warnings if w.code == "implausible-jump"]
    assert shown == warned


@pytest.mark.parametrize(("growth", "warned"), [("1000", False), ("1000.5", True)])
def test_a_growth_rate_is_warned_of_over_1000_percent(fixture_data, growth: str, warned: bool) -> None:
    data: Path = fixture_data.data
    with_source_lines(data, f"2023年覆盖率提高{growth}%。")
    coverage = data / "indicators" / "coverage.yaml"
    wording = 'change_of: commissioners\nchange_wording: "提高{value}"\nchange_wording_en: "up {value}"\n'
    coverage.write_text(coverage.read_text(encoding="utf-8") + wording, encoding="utf-8")
    with (data / "observations" / "coverage.csv").open("a", encoding="utf-8") as f:
        f.write(f"2023,{growth},,,,,test-source,2023年覆盖率提高{growth}%。,\n")
    checked = check(data, today=TODAY)
    assert checked.problems == [] and ("growth-over-1000" in [w.code for w in checked.warnings]) == warned
