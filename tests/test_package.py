"""The data package says only what its data holds: each period form it names, each example it quotes
and each code it lists is in the table it describes (issue 33)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path


def package(site: Path) -> dict:
    return json.loads((site / "downloads" / "datapackage.json").read_text(encoding="utf-8"))


def test_every_example_a_description_quotes_is_a_value_of_its_column(site: Path) -> None:
    wrong = []
    for resource in package(site)["resources"]:
        rows = list(csv.DictReader((site / "downloads" / resource["path"]).open(encoding="utf-8")))
        for field in resource["schema"]["fields"]:
            column = {row[field["name"]] for row in rows}
            wrong += [(resource["name"], field["name"], x) for x in re.findall(r"“([^”]*)”", field["description"]) if x not in column]
            codes = re.findall(r"(\w+)（[^）]*）", field["description"].partition("codes here: ")[2])
            wrong += [(resource["name"], field["name"], c) for c in codes if not any(c in cell.split() for cell in column)]
    assert not wrong


def test_the_periods_and_labels_described_are_the_ones_published(site: Path) -> None:
    """The package named a period form no period has (2024-03-10) and a label no value has (第1名（同考核单元）)."""
    resources = {r["name"]: {f["name"]: f["description"] for f in r["schema"]["fields"]} for r in package(site)["resources"]}
    observations = resources["observations"]
    assert observations["period"] == "时期的代码 / Period code；本表的写法 / forms here: 年度 year “2024”、月份区间 month range “2024-01/2024-11”"
    assert resources["indicator-high-tech-output-share"]["period"].endswith("forms here: 月份区间 month range “2024-01/2024-11”")
    assert observations["value_label"].endswith("；如 / e.g. “20+ 次（下限值）”“0 次（由文字推断）”“9 项（推算值：13 - 4）”")
    assert observations["flag"].endswith("；本表的代码 / codes here: derived（推算值）、from_wording（由文字推断）")
    assert resources["indicator-tech-smes"]["flag"] == "状态标记，原文写明的数字留空 / Status flag, empty for a figure printed in the source"
    described = json.dumps(resources, ensure_ascii=False)
    assert "2024-03-10" not in described and "第1名（同考核单元）" not in described and "来源标识.txt" not in described
