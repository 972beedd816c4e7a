"""Scaffold a new indicator: data/indicators/<id>.yaml (with Chinese comments) and data/observations/<id>.csv.

Usage: python -m scripts.new_indicator ID --area AREA --unit UNIT --title 中文名称
(or with ID, AREA, UNIT and TITLE in the environment, as `make new-indicator` passes them: make never
pastes them into a shell command). Existing files are never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from macros.data import schema, yaml_files
from macros.data.problems import said
from scripts import data_dir, yaml_scalar

TEMPLATE = """\
# 新指标：请逐项填写，写完后运行 make validate 检查。字段说明见 docs/fields.md。
id: {id}                       # 指标代码：与文件名相同，只用小写字母、数字和连字符
title: {title}   # 中文名称，简短明确
title_en: TODO English title   # 英文名称
area: {area}                   # 所属领域，见 data/areas.yaml：{areas}
unit: {unit}                   # 计量单位，沿用原文：{units}
decimals: 0                    # 显示几位小数，如 6.02亿元 写 2
definition: TODO 用一两句通俗的话说明这个数字是什么。
caveats:                       # 使用须知：口径、时间范围、原文没说清楚的地方；没有就写 []
  - TODO
period_type: year              # 时期类型：year（年度）、month_range（如1-11月）、date（截止某日）
chart: bar                     # 图表：bar（柱状图）或 line（折线图）
# key_figure: true             # 需要在首页显示时去掉行首的 #
# max_change: 50               # 相邻两期变化超过 50% 时提醒核对
#
# 数据写在 data/observations/{id}.csv，每行一个时期，列依次为：
#   period    时期：2024、2024-01/2024-11 或 2024-03-10
#   value     数值：普通数字，不带单位和千分位；没有数据时留空并在 flag 写 missing
#   flag      标记：原文数留空；推算值写 derived；缺失写 missing
#   qualifier 原文为“500多”“20余”时写 lower_bound
#   as_of     统计截止日期（可空）
#   breakdown 分项名称（合计留空）
#   source    来源文件代码（data/sources/ 下的文件名，不含扩展名）
#   quote     原文句子，须与存档原文逐字一致，并包含这个数字
#   note      备注；推算值写明推算依据
#   formula   推算值的算式，如 51 - 6
"""

HEADER = ",".join(f.name for f in schema.OBSERVATION_FIELDS) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("id", nargs="?", default=os.environ.get("ID"))
    parser.add_argument("--area", default=os.environ.get("AREA"))
    parser.add_argument("--unit", default=os.environ.get("UNIT"))
    parser.add_argument("--title", default=os.environ.get("TITLE"))
    args = parser.parse_args(argv)
    if not (args.id and args.area and args.unit and args.title):
        print("用法 usage: make new-indicator ID=tech-contracts-2 AREA=collaboration-transfer UNIT=项 TITLE=中文名称", file=sys.stderr)
        return 2
    data = data_dir()
    areas = yaml_files.areas(data, dt.date.today(), [])  # only the areas: the rest of the data may be mid-edit
    errors = []
    if not schema.valid_id(args.id):
        errors.append(said("bad-id", value=args.id, limit=schema.MAX_ID_LENGTH))
    if args.area not in areas:
        errors.append(f"领域 {args.area} 不存在，可选：{', '.join(areas)} / unknown area")
    if args.unit not in schema.UNITS:
        errors.append(f"单位 {args.unit} 不在允许范围：{' '.join(schema.UNITS)} / unknown unit")
    yaml_path = data / "indicators" / f"{args.id}.yaml"
    csv_path = data / "observations" / f"{args.id}.csv"
    if yaml_path.exists() or csv_path.exists():
        errors.append(f"指标 {args.id} 已存在 / indicator exists")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    yaml_path.write_text(
        TEMPLATE.format(
            id=args.id, title=yaml_scalar(args.title), area=args.area, unit=yaml_scalar(args.unit), areas=" ".join(areas), units=" ".join(schema.UNITS)
        ),
        encoding="utf-8",
    )
    csv_path.write_text(HEADER, encoding="utf-8")
    print(
        f"已创建 {yaml_path.relative_to(data.parent)} 和 {csv_path.relative_to(data.parent)}："
        "请把 TODO 改为实际内容，在 CSV 中加入数据行，然后运行 make validate。"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
