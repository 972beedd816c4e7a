"""Files derived from the schema and committed: JSON Schemas for editors and the field reference.

`make schemas` writes them; a test fails when a committed copy is stale.
"""

from __future__ import annotations

import json
import string
from typing import Any

from macros.data import kinds, schema
from macros.data.catalog import RECENT
from macros.data.formula import MAX_LENGTH
from macros.data.kinds import KINDS, MAX_DIGITS
from macros.data.periods import YEARS
from macros.data.problems import MESSAGES, SHOWN, WARNINGS
from macros.data.readers import ACTIVE, MAX_BYTES, MAX_CHARACTERS, MAX_DEPTH, MAX_FIELD, MAX_PAGES, MAX_PARAGRAPHS, MAX_ROWS, REACH

# file name of the schema: (title, fields, YAML is a list of such mappings?, files it applies to)
YAML_FILES: dict[str, tuple[str, tuple[schema.Field, ...], bool, str]] = {
    "indicator": ("指标说明 data/indicators/<id>.yaml", schema.INDICATOR_FIELDS, False, "data/indicators/*.yaml"),
    "areas": ("指标领域 data/areas.yaml", schema.AREA_FIELDS, True, "data/areas.yaml"),
    "source": ("来源文件说明 data/sources/<id>.yaml", schema.SOURCE_FIELDS, False, "data/sources/*.yaml"),
    "register": ("名录说明 data/registers/<id>.yaml", schema.REGISTER_FIELDS, False, "data/registers/*.yaml"),
    "glossary": ("术语表 data/glossary.yaml", schema.GLOSSARY_FIELDS, True, "data/glossary.yaml"),
    "dataset": ("数据集信息 data/dataset.yaml", schema.DATASET_FIELDS, False, "data/dataset.yaml"),
    "releases": ("数据版本 data/releases.yaml", schema.RELEASE_FIELDS, True, "data/releases.yaml"),
}
CSV_FILES: dict[str, tuple[str, tuple[schema.Field, ...]]] = {
    "data/observations/<id>.csv": ("观测值", schema.OBSERVATION_FIELDS),
    "data/registers/<id>.csv": ("名录条目", schema.REGISTER_ROW_FIELDS),
    "data/revisions.csv": ("修订记录", schema.REVISION_FIELDS),
    "data/imports/<来源id>.csv": ("导入审核表（make import 生成，不发布）", schema.IMPORT_FIELDS),
}


def _property(f: schema.Field) -> dict[str, Any]:
    return {"description": f"{f.zh} / {f.en}"} | KINDS[f.kind].json(f)


def json_schema(name: str) -> dict[str, Any]:
    title, fields, is_list, _files = YAML_FILES[name]
    mapping = {
        "type": "object",
        "properties": {f.name: _property(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    body: dict[str, Any] = {"type": "array", "items": mapping} if is_list else mapping
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **body}


def vscode_settings() -> dict[str, Any]:
    return {
        "files.encoding": "utf8",
        "yaml.schemas": {f"./schemas/{name}.schema.json": files for name, (_t, _f, _l, files) in YAML_FILES.items()},
    }


def _table(fields: tuple[schema.Field, ...]) -> list[str]:
    lines = ["| 字段 | 必填 | 类型 | 说明 |", "|---|---|---|---|"]
    for f in fields:
        text = f"{f.zh}（{f.en}）".replace("<", "&lt;").replace("|", "\\|")
        lines.append(f"| `{f.name}` | {'是' if f.required else '否'} | {kinds.shown(f)} | {text} |")
    return lines


def field_reference() -> str:
    """The contributor field reference, in Chinese, generated from the schema."""
    lines = [
        "---",
        "search:",
        "  exclude: true  # staff documentation: kept out of the public search",
        "---",
        "",
        "# 数据字段说明",
        "",
        "<!-- 本文件由 make schemas 根据 macros/data/schema.py 自动生成，请勿手工修改。 -->",
        "",
        '!!! info "工作人员文档"',
        "    本页写给科技局负责数据的工作人员，不是统计数据，也不在本站搜索结果中。",
        "",
        "本页列出 `data/` 下每种文件的全部字段。字段的唯一定义在 `macros/data/schema.py`：校验器、编辑器提示（`schemas/*.schema.json`）和本页都由它生成。",
        "",
    ]
    for title, fields, is_list, files in YAML_FILES.values():
        name = title.split(" ")[0]
        lines += [f"## {name}", "", f"文件：`{files}`" + ("（列表，每项包含下列字段）" if is_list else ""), "", *_table(fields), ""]
    for path, (title, fields) in CSV_FILES.items():
        lines += [
            f"## {title}",
            "",
            f"文件：`{path}`",
            "",
            "CSV，UTF-8 编码，第一行为列名：`" + ",".join(f.name for f in fields) + "`",
            "",
            *_table(fields),
            "",
        ]
    flags = [f"- `{code or '（空）'}` {mark.zh}（{mark.en}）：{mark.explain}" for code, mark in schema.FLAGS.items()]
    units = "、".join(f"`{u}`" for u in schema.UNITS)
    revision_types = [f"- `{t}`（{en}）：{explain}" for t, (en, explain) in schema.REVISION_TYPES.items()]
    lines += ["## 标记 flag", "", *flags, "", "## 计量单位 unit", "", units, "", "## 修订类型 type", "", *revision_types, ""]
    lines += ["## 限制", "", *limits(), "", "## 校验问题代码", "", *problem_codes(), ""]
    return "\n".join(lines)


def limits() -> list[str]:
    """What the validator refuses however the rest of a file looks, with the numbers the code uses."""
    decimals = next(f.bounds for f in schema.INDICATOR_FIELDS if f.name == "decimals")
    assert decimals is not None
    return [
        f"- 时期和日期的年份：{YEARS.start}—{YEARS.stop - 1} 年。",
        f"- 数值：普通数字，最多 {MAX_DIGITS} 位有效数字，小数位不多于指标的 `decimals`（{decimals[0]}—{decimals[1]}）；不能写负零 `-0`。",
        f"- 算式 `formula`：最多 {MAX_LENGTH} 个字符，只用普通十进制数字（不用 `1e30`、`0x10`、`1_000`）、"
        f"`+ - * / ( )` 和 `%`，结果小于 10 的 {MAX_DIGITS} 次方。"
        "全部校验和文字表述在同一个 100 位精度的十进制环境中计算。",
        f"- 每个数据文件和存档原文最大 {MAX_BYTES // 1024 // 1024} MB；"
        f"一个 CSV 文件最多 {MAX_ROWS} 行数据（`make bench` 测得 20000 行的构建在内存预算内），一格最多 {MAX_FIELD} 个字符；"
        f"一个时期最多 {schema.MAX_ITEMS} 个分项；文件须用 LF 或 CRLF 换行。",
        "- YAML 文件中不能用锚点和别名（`&`、`*`），也不能用标签（如 `!!python/object`）；"
        f"列表和映射最多嵌套 {MAX_DEPTH} 层；"
        f"数字只能是最多 {MAX_DIGITS} 位的普通十进制（`1:30`、`0x10`、`0o17`、`1_000`、`.inf` 会被 YAML 读成数，须加引号），"
        "真假值只写 `true`、`false`（不写 `yes`、`on`）。",
        "- 名称、标题、分项等“一行文字”字段不能换行，且须是 Unicode 标准形式（NFC：兼容汉字如 U+F90A“金”须写成 U+91D1）；"
        "列表中不能有空项，指标列表只能写指标 id。",
        f"- 标识（`id`）：小写字母、数字和连字符，最多 {schema.MAX_ID_LENGTH} 个字符，不能是 Windows 保留名（{'、'.join(sorted(schema.RESERVED_IDS))}）。",
        "- 网址（数据中的，以及构建时的环境变量 `SITE_URL`、`ISSUES_URL`）只能是 `https://` 或 `http://` 加网站地址，"
        f"只用网址中的字符（不能有空格、引号、尖括号、反斜杠），最多 {schema.MAX_URL} 个字符；构建前检查。",
        "- 文字不能以 `=`、`+`、`@`、`-`、制表符或回车开头（Excel、WPS 会把它当作公式，`-1+1` 也会）；数值列不受此限。",
        "- 文字中不能有看不见的控制字符：文字方向控制符（如 U+202E）、零宽字符（如 U+200B）和换行、制表符以外的控制字符。",
        f"- 存档原文只能是 `data/sources/` 中与来源同名的 {'、'.join(f'`.{t}`' for t in schema.ARCHIVE_TYPES)} 文件；"
        "存档的 PDF 不能含有打开时会运行或取用的内容"
        f"（{'、'.join(f'`/{n}`' for n in sorted(ACTIVE))}，无论直接写出还是经由间接对象），"
        "这些名称作为键、动作 `/S` 或对象类型 `/Type` 出现都算。",
        "- `data/` 中不能有符号链接，也不能有校验器不读的文件或文件夹（`data/` 下各文件夹里不能再有文件夹）；"
        "文件名和文件夹名不能含换行等控制字符、不可见字符，也不能以 `-` 开头。",
        f"- `make import`：文件最大 {MAX_BYTES // 1024 // 1024} MB，文字最多 {MAX_CHARACTERS} 个字符，Word 文件最多 {MAX_PARAGRAPHS} 个段落、"
        f"各部分解压后合计最多 {MAX_BYTES // 1024 // 1024} MB，PDF 最多 {MAX_PAGES} 页；超过的在解析之前就拒绝。"
        "Word 文件不能链接外部的模板、图片等（指向 http(s) 网页或邮箱的超链接除外），存档的 Word 文件也一样。"
        f"每个数字只与它前后各 {REACH} 个字符比对，导入时间与文字长度成正比；审核表中没有一格会被 Excel、WPS 当作公式。",
        "- 版本号为“年度.序号”（如 `2024.1`，序号不以 0 开头），每个新版本的版本号大于上一版本、日期不早于上一版本；版本说明是一行文字，按数据文字检查。",
        "- 已发布的版本（`data/releases/`、`data/releases.yaml` 中已有的条目、这些版本用过的存档原文）不能修改；"
        "`make validate BASE=<提交>` 还会与那个提交比对（拉取请求的检查与目标分支比对，发布时与这次推送之前 main 所在的提交比对）。",
        f"- 一次校验最多列出前 {SHOWN} 个问题，并给出问题总数。",
        f"- 指标页面的数据表和图表最多显示{RECENT}，并给出全部数据的摘要；下载的 CSV、XLSX、JSON 包含全部数据。",
    ]


def problem_codes() -> list[str]:
    """Every problem the validator can report, with its message ("…" stands for what the message fills in)."""

    def shown(template: str) -> str:
        text = "".join(literal + ("…" if field is not None else "") for literal, field, _, _ in string.Formatter().parse(template))
        return text.replace("<", "&lt;").replace("|", "\\|")

    lines = ["每个问题以“文件:行:列 代码 中文说明 / English”的形式列出。下表是全部代码，由 `macros/data/problems.py` 生成；“…”处是具体的值。", ""]
    lines += ["| 代码 | 说明 | English |", "|---|---|---|"]
    lines += [f"| `{code}` | {'（警告，不影响通过）' if code in WARNINGS else ''}{shown(zh)} | {shown(en)} |" for code, (zh, en) in MESSAGES.items()]
    return lines


def derived_files() -> dict[str, str]:
    """Every derived file, by path from the repository root."""
    files = {f"schemas/{name}.schema.json": json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n" for name in YAML_FILES}
    files[".vscode/settings.json"] = json.dumps(vscode_settings(), ensure_ascii=False, indent=2) + "\n"
    files["docs/fields.md"] = field_reference()
    return files
