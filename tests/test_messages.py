"""What the validator tells staff, word for word and at the right place: one change to the small valid
data per case, and the whole line `make validate` prints for it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from macros.data.loader import check
from tests.test_validation import TODAY

H = "period,value,flag,qualifier,as_of,breakdown,source,quote,note"
OBS = "observations/tech-contracts.csv"
IND = "indicators/tech-contracts.yaml"
ROW = "全县完成技术合同认定登记95项"


def rows(*lines: str, header: str = H) -> tuple[str, str | None, str]:
    return (OBS, None, "\n".join([header, *lines]) + "\n")


CASES: dict[str, tuple[list[tuple[str, str | None, str]], str]] = {
    "duplicate-period": ([rows(f"2024,95,,,,,test-source,{ROW},", f"2024,95,,,,,test-source,{ROW},")],
                         "data/observations/tech-contracts.csv:3:1 duplicate-period 时期 2024 重复出现（第 2 行已有） / period 2024 repeats line 2"),
    "period-type": ([rows(f"2024-01/2024-11,95,,,,,test-source,{ROW},")],
                    "data/observations/tech-contracts.csv:2:1 period-type 时期 2024-01/2024-11 与指标的时期类型 year 不符 / period 2024-01/2024-11 does not match the indicator's period type year"),
    "derived-without-note": ([rows(f"2024,95,derived,,,,test-source,{ROW},,", header=H + ",formula")],
                             "data/observations/tech-contracts.csv:2:49 derived-without-note 推算值须在 note 中说明推算依据，并在 formula 中写出算式 / a derived value needs a note and a formula"),
    "wording-without-note": ([rows(f"2024,0,from_wording,,,,test-source,{ROW},")],
                             "data/observations/tech-contracts.csv:2:52 wording-without-note 由文字推断的数值须在 note 中说明读法，如“原文为‘无……发生’，记为 0” / a value read from wording needs a note saying how it was read"),
    "value-not-in-quote": ([rows(f"2024,96,,,,,test-source,{ROW},")],
                           "data/observations/tech-contracts.csv:2:6 value-not-in-quote 数值 96 没有出现在引文中（原文用文字表述的，如“无”记为 0，flag 写 from_wording） / value 96 does not appear in its quote (a value read from words needs flag from_wording)"),
    "unknown-source": ([rows(f"2024,95,,,,,no-source,{ROW},")],
                       "data/observations/tech-contracts.csv:2:13 unknown-ref 来源 no-source 不存在 / unknown source no-source"),
    "weak-quote": ([rows("2024,95,,,,,test-source,95,")],
                   "data/observations/tech-contracts.csv:2:25 weak-quote 引文只有数字，须包含说明这个数字的原文文字 / the quote holds only the figure: quote the words around it"),
    "unknown-area": ([(IND, "area: transfer", "area: nowhere")],
                     "data/indicators/tech-contracts.yaml:4:7 unknown-ref 领域 nowhere 不存在 / unknown area nowhere"),
    "bad-change-wording": ([(IND, "chart: bar", "chart: bar\nchange_of: coverage")],
                           "data/indicators/tech-contracts.yaml:1:1 bad-change-wording change_wording 须包含 {value}，且与 change_of 一起填写 / change_wording needs {value} and change_of"),
    "unknown-change-of": ([(IND, "chart: bar", "chart: bar\nchange_of: nothing\nchange_wording: 新增{value}项")],
                          "data/indicators/tech-contracts.yaml:11:12 unknown-ref 指标 nothing 不存在 / unknown indicator nothing"),
    "unknown-related": ([(IND, "chart: bar", "chart: bar\nrelated: [nothing]")],
                        "data/indicators/tech-contracts.yaml:11:10 unknown-ref 指标 nothing 不存在 / unknown indicator nothing"),
    "unknown-register-indicator": ([("registers/contracts.yaml", "indicators: [tech-contracts]", "indicators: [tech-contracts, nothing]")],
                                   "data/registers/contracts.yaml:5:13 unknown-ref 指标 nothing 不存在 / unknown indicator nothing"),
}


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
    archive = data / "sources" / "test-source.txt"
    archive.write_text(archive.read_text(encoding="utf-8") + "2023年登记50项。\n", encoding="utf-8")
    meta = data / "sources" / "test-source.yaml"
    meta.write_text(re.sub(r"sha256: .*", f"sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}", meta.read_text(encoding="utf-8")), encoding="utf-8")
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
