"""The data schema: the single source of truth for every file under ``data/``.

The validator, the contributor field reference and the export column lists are all
derived from the tables below. Change a field here and everything follows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as JSON Schema writes it; Python checks use valid_id
MAX_ID_LENGTH = 64  # an id names files and folders: well inside every file system's limit
RESERVED_IDS = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))})  # names Windows keeps
# an address as a reader types it: http(s), a host, then only the characters an address is made of (no
# space, quote, angle bracket or backslash: nothing that could end an HTML attribute or start markup)
URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~:/?#\[\]@!$&()*+,;=%-]*)?$")
MAX_URL = 300  # characters in an address: a QR code on the printed brief holds it with room to spare
# text a spreadsheet would run as a formula (Excel, WPS; "-1+1+cmd|..." too): published text is never altered, so it is refused
FORMULA_LIKE = re.compile(r"^[=+\-@\t\r]")
VERSION_PATTERN = re.compile(r"^[0-9]{4}\.[1-9][0-9]{0,3}$")  # 2024.1, no leading zero: 2024.02 would be a twin of 2024.2
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})  # control, format (bidi, zero-width), line and paragraph separators


def safe_name(name: str) -> bool:
    """A file or folder name that can't forge a line of output or pass for an option: no control or
    invisible character (line breaks, bidi overrides, zero-width spaces) and no leading "-"."""
    return not name.startswith("-") and not any(unicodedata.category(ch) in INVISIBLE for ch in name)


def invisible(text: str) -> int | None:
    """Where ``text`` holds a character a reader can't see that changes what they read (a bidi override,
    a zero-width space, a control character other than a line break or tab), or None."""
    return next((i for i, ch in enumerate(text) if unicodedata.category(ch) in INVISIBLE and ch not in "\n\t\r"), None)


def version_key(version: str) -> tuple[int, int]:
    """A version's order: 2024.10 comes after 2024.9."""
    year, _, number = version.partition(".")
    return int(year), int(number)


def plain_url(value: str) -> bool:
    """An address matched whole (no trailing newline) and short enough for the brief's QR code."""
    return len(value) <= MAX_URL and bool(URL_PATTERN.fullmatch(value))


def valid_id(value: str) -> bool:
    """An id as a whole (no trailing newline), short enough for a file name, and not a name Windows keeps."""
    return bool(ID_PATTERN.fullmatch(value)) and len(value) <= MAX_ID_LENGTH and value not in RESERVED_IDS


# Units as the report writes them. Machine files carry value and unit separately.
UNITS: dict[str, str] = {
    "万元": "ten thousand yuan",
    "亿元": "hundred million yuan",
    "家": "enterprises / institutions",
    "家次": "enterprise-visits",
    "项": "items",
    "个": "units",
    "人": "persons",
    "名": "rank",
    "次": "times",
    "篇": "documents",
    "批": "batches",
    "%": "percent",
    "百分点": "percentage points",
}
# money units in yuan: English readers read 2781.5 万元 as 27.815 million yuan, 125.9 亿元 as 12.59 billion yuan
YUAN: dict[str, int] = {"万元": 10**4, "亿元": 10**8}
ENGLISH_MONEY = ((10**9, "billion yuan"), (10**6, "million yuan"), (1, "yuan"))  # the largest scale the amount reaches
# breakdown items of one period: a chart of more can't be read on a phone (Altair refuses 5000 rows outright)
MAX_ITEMS = 50
SHARE_UNITS = frozenset({"%"})
COUNT_UNITS = frozenset({"家", "家次", "项", "个", "人", "次", "篇", "批"})
RANK_UNITS = frozenset({"名"})  # shown as 第1名


class Mark(NamedTuple):
    """A flag or a qualifier as readers see it, everywhere: its names, what it means, the colour of its bars
    (each its own, at least 3:1 on white) and, for a qualifier, how a value with it is written."""

    zh: str
    en: str
    explain: str
    colour: str
    printed: bool = True  # the source prints the value as such, so it must stand in its quote (not a derived one)
    comparable: bool = True  # a change against a value with this mark is computed (not against a figure no source prints as such)
    breaks: bool = False  # the first value of a new series (a change of method): not compared with the values before it
    form: str = "{}"  # a value with this mark as the site writes it, {} its number: "{}+" (500+), "约{}" (约176)
    form_en: str = "{}"  # the same in English: "about {}"
    example: str = ""  # a number the marks' explanation (/about/) writes in the form

    @property
    def written(self) -> str:
        """The example as the site writes it: "500+", "约176"."""
        return self.form.format(self.example)


# Observation status flags (SDMX OBS_STATUS style). "" is a figure stated in the source.
FLAGS: dict[str, Mark] = {
    "": Mark("原文数", "As stated", "来源文件中直接写明的数字。", "#1f4e79"),
    "derived": Mark("推算值", "Derived", "由原文给出的增量或增速推算，计算公式见备注。", "#6b8fb5", printed=False, comparable=False),
    "from_wording": Mark(
        "由文字推断",
        "Read from wording",
        "原文没有写数字，而是用文字表述（如“无违纪违法问题”记为 0）；数值是本站的读法，依据见备注。",
        "#8a6d3b",
        printed=False,
        comparable=False,
    ),
    "provisional": Mark("初步数", "Provisional", "初步统计结果，今后可能修订。", "#7b5ea7"),
    "estimated": Mark("估计数", "Estimated", "根据不完整资料估计。", "#b03a48"),
    "revised": Mark("修订值", "Revised", "已对先前发布的数值作出修订。", "#5a6b2f"),
    "break": Mark("口径变化", "Break in series", "统计口径或方法变化，与此前数据不完全可比。", "#b5541c", breaks=True),
    "missing": Mark("缺失", "Missing", "该时期没有数据，数值留空。", "#767676"),
}
QUALIFIERS: dict[str, Mark] = {
    "": Mark("", "", "", ""),
    "lower_bound": Mark(
        "下限值",
        "Lower bound",
        "原文为“500多”“20余”等，实际值不低于所示数字，以“+”标示。",
        "#2e7d6b",
        comparable=False,
        form="{}+",
        form_en="{}+",
        example="500",
    ),
    "approximate": Mark(
        "约数", "Approximate", "原文为“约”“近”等，数值是近似数，以“约”标示。", "#a33c8f", comparable=False, form="约{}", form_en="about {}", example="176"
    ),
}
ARCHIVE_TYPES = ("txt", "docx", "pdf")  # what an archived source may be; its text is always <id>.txt
# where each kind of data file lives, by folder under data/ ("" is data/ itself); anything else is an error
DATA_FILES: dict[str, tuple[str, ...]] = {
    "": ("areas.yaml", "dataset.yaml", "glossary.yaml", "plan.yaml", "releases.yaml", "revisions.csv"),
    "indicators": ("*.yaml",),
    "observations": ("*.csv",),
    "registers": ("*.yaml", "*.csv"),
    "sources": ("*.yaml", *(f"*.{ext}" for ext in ARCHIVE_TYPES)),
    "imports": ("*.csv",),
    "inbox": ("README.md", *(f"*.{ext}" for ext in ARCHIVE_TYPES)),  # reports uploaded for the pull-request check to preview
}
PERIOD_TYPES = ("year", "month_range", "date")
# how the period follows from the source: "" as it states it; or the site's reading, marked as such
PERIOD_BASES: dict[str, tuple[str, str]] = {
    "": ("原文写明", "原文写明了年度、月份区间或日期。"),
    "to_date": ("截至报告成文", "原文只说“截至目前”“今年以来”，报告又未注明成文日期：年度是报告所属的年度，数字截至报告成文时，不一定是全年数。"),
    "inferred": ("年度为本站推断", "原文没有写明这个数字属于哪一年，年度是本站根据上下文的推断（如截至2024年3月10日填报的研发费用按2023年度理解）。"),
}
CHART_KINDS = ("bar", "line")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of kinds.KINDS: id | text | line (one line) | number | int | bool | enum | period | date | list | …
    required: bool
    zh: str
    en: str
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None  # an int's least and greatest value
    item: str = "line"  # the kind of each item of a list
    pattern: str = ""  # a record's form (kind "record"), matched whole
    example: str = ""  # a record written in that form, which a problem shows


def _choices(values: object) -> tuple[str, ...]:
    return tuple(values)  # type: ignore[arg-type]


AREA_FIELDS = (
    Field("id", "id", True, "领域标识，用于网址 /areas/<id>/", "Area id, used in /areas/<id>/"),
    Field("title", "line", True, "中文名称", "Chinese title"),
    Field("title_en", "line", True, "英文名称", "English title"),
    Field("description", "text", True, "一句话说明本领域包含什么", "What the area covers"),
)

SOURCE_FIELDS = (
    Field("id", "id", True, "来源标识，须与文件名相同", "Source id, equals the file name"),
    Field("title", "line", True, "文件标题", "Document title"),
    Field("title_en", "line", True, "英文标题", "English title"),
    Field("publisher", "line", True, "发布单位", "Publisher"),
    Field("year", "int", True, "文件所属年度", "Year the document covers"),
    Field(
        "archive",
        "text",
        True,
        "存档原文的文件名：与本文件同目录，名为“来源标识.txt”（或 .docx、.pdf，再附同名 .txt 文本）",
        "Archived file beside this one, named <id>.txt (or .docx/.pdf with a <id>.txt of its text)",
    ),
    Field("sha256", "sha256", True, "存档原文的 SHA-256 校验值", "SHA-256 of the archived file"),
    Field(
        "text_sha256",
        "sha256",
        False,
        "存档原文为 .docx 或 .pdf 时，其文字（同名 .txt）的 SHA-256 校验值",
        "SHA-256 of the text (<id>.txt) of a .docx or .pdf archive",
    ),
    Field("note", "text", False, "说明", "Note"),
)

INDICATOR_FIELDS = (
    Field("id", "id", True, "指标标识，须与文件名相同，用于网址 /indicators/<id>/", "Indicator id, equals the file name"),
    Field("title", "line", True, "中文指标名称", "Chinese title"),
    Field("title_en", "line", True, "英文指标名称", "English title"),
    Field("area", "id", True, "所属领域（data/areas.yaml 中的 id）", "Area id from data/areas.yaml"),
    Field("unit", "enum", True, "计量单位，沿用原文", "Unit, as in the source", _choices(UNITS)),
    Field("decimals", "int", True, "显示的小数位数，0—6", "Decimals shown, 0-6", bounds=(0, 6)),
    Field("definition", "text", True, "通俗的中文定义", "Plain-Chinese definition"),
    Field("caveats", "list", False, "使用须知（口径、局限）", "Caveats", item="text"),
    Field("period_type", "enum", True, "时期类型", "Period type", PERIOD_TYPES),
    Field("chart", "enum", True, "图表类型", "Chart kind", CHART_KINDS),
    Field("key_figure", "bool", False, "是否为首页重点数据", "Shown as a key figure on the home page"),
    Field("licence", "text", False, "许可协议，不填则用 data/dataset.yaml 中的（CC-BY-4.0）", "Licence id if not the dataset's"),
    Field("max_change", "int", False, "相邻两期变化超过此百分比时校验给出警告（如 50）", "Warn when consecutive values change by more than this percent"),
    Field("change_of", "id", False, "本指标是另一指标的变化量时，填那个指标的 id", "Id of the indicator whose change this one states"),
    Field("change_wording", "text", False, "变化的说法，{value} 处填入数值，如“较年初提高{value}个百分点”", "Wording of the change, with {value}"),
    Field(
        "change_wording_en",
        "text",
        False,
        "变化的英文说法，与 change_wording 一起填写，原文写的比较基期也要写上；{value} 处填入带单位的英文数值，如“up {value} on 2022”“up {value} year on year”",
        "English wording of the change, with {value} (the figure with its unit) and the base the Chinese names; required with change_wording",
    ),
    Field(
        "rank_scope",
        "line",
        False,
        "排名的范围，单位为“名”时必填，按原文写，如“同考核单元”；须写进中文名称，英文名称也要说明",
        "What a rank is among, as the source says; required for unit 名, and part of the title",
    ),
    Field(
        "related",
        "list",
        False,
        "相关指标的 id（如填报数与认定数），两个指标的页面互相链接；新增数与总量（change_of）、同一句原文的指标会自动链接，不用写",
        "Ids of related indicators, linked both ways (change_of and a shared sentence are linked anyway)",
        item="id",
    ),
    Field(
        "rank_context",
        "text",
        False,
        "原文对名次的其他说法，显示在名次旁，如“位居全市各区县前列”",
        "The source's other wording of the standing, shown beside the rank",
    ),
)

OBSERVATION_FIELDS = (
    Field("period", "period", True, "时期：2024、2024-01/2024-11 或 2024-03-10", "Period: year, month range or date"),
    Field(
        "value", "number", False, "数值：不带单位、千分位或百分号的普通数字；没有数据时留空并在 flag 写 missing", "Plain number; empty only with flag missing"
    ),
    Field(
        "flag",
        "enum",
        False,
        "状态标记：原文写明的数字留空；由文字推断的（如“无”记为 0）写 from_wording",
        "Status flag, empty if printed in the source",
        _choices(FLAGS),
    ),
    Field("qualifier", "enum", False, "“多”“余”等下限写 lower_bound", "lower_bound for '500多'", _choices(QUALIFIERS)),
    Field("as_of", "date", False, "统计截止日期 YYYY-MM-DD", "Cut-off date"),
    Field("breakdown", "line", False, "分项名称，合计留空", "Breakdown label, empty for a total"),
    Field("source", "id", True, "来源文件 id（data/sources/）", "Source id"),
    Field("quote", "text", True, "原文句子，须与存档原文逐字一致", "Verbatim sentence from the source"),
    Field("note", "text", False, "备注；推算值须用文字说明推算依据；缺失值说明原因", "Note; how a derived value was derived, why a value is missing"),
    Field(
        "formula",
        "formula",
        False,
        "推算值的算式，如 51 - 6 或 6.02 / (1 + 20.4%)，校验时会重新计算",
        "Arithmetic of a derived value, recomputed by the validator",
    ),
    Field(
        "period_basis",
        "enum",
        False,
        "时期的依据：原文写明的留空；原文只说“截至目前”“今年以来”而报告未注明日期的写 to_date；年度是本站推断的写 inferred",
        "How the period follows from the source: empty if stated; to_date; inferred",
        tuple(PERIOD_BASES),
    ),
)

REGISTER_FIELDS = (
    Field("id", "id", True, "名录标识，须与文件名相同", "Register id, equals the file name"),
    Field("title", "line", True, "中文名称", "Chinese title"),
    Field("title_en", "line", True, "英文名称", "English title"),
    Field("description", "text", True, "说明", "Description"),
    Field("indicators", "list", True, "在哪些指标页面显示", "Indicator ids whose pages show it", item="id"),
)

REGISTER_ROW_FIELDS = (
    Field("name", "line", True, "名称", "Name"),
    Field("detail", "text", True, "说明", "Detail"),
    Field("source", "id", True, "来源文件 id", "Source id"),
    Field("quote", "text", True, "原文句子", "Verbatim sentence"),
)

GLOSSARY_FIELDS = (
    Field("term", "line", True, "术语（搜索时可整词查到）", "Term, found whole by search"),
    Field("term_en", "line", True, "英文", "English term"),
    Field("definition", "text", True, "通俗的中文解释", "Plain-Chinese explanation"),
    Field("aliases", "list", False, "原文中的其他说法，用于把指标关联到术语", "Other wordings in the sources"),
    Field(
        "synonyms",
        "list",
        False,
        "同一个意思的其他叫法、简称（如“高新企业”“科小”“R&D”）：显示为“又称”，搜索这些词也能找到",
        "Other names and abbreviations of the term; shown as 又称 and found by search",
    ),
    Field(
        "search_terms",
        "list",
        False,
        "不是同义词、但读者会用来找这个术语的词（如找“授信”的人搜“贷款”）：只用于搜索，不显示",
        "Words readers search for this term with that are not its synonyms; search only",
    ),
)

DATASET_FIELDS = (
    Field("name", "id", True, "数据包名称（小写字母、数字、连字符）", "Package name"),
    Field("title", "line", True, "中文名称", "Chinese title"),
    Field("title_en", "line", True, "英文名称", "English title"),
    Field("description", "text", True, "中文简介", "Chinese description"),
    Field("description_en", "text", True, "英文简介", "English description"),
    Field("publisher", "line", True, "发布单位", "Publisher"),
    Field("publisher_en", "line", True, "发布单位英文名", "Publisher in English"),
    Field("licence", "text", True, "默认许可协议代码", "Default licence id (SPDX)"),
    Field("licence_title", "line", True, "许可协议名称", "Licence title"),
    Field("licence_url", "url", True, "许可协议网址，以 https:// 或 http:// 开头", "Licence URL (https: or http:)"),
    Field(
        "contact",
        "text",
        False,
        "读者联系科技局、报告数据错误的方式（电话、邮箱或地址），照公开的写；没有就不写",
        "How readers reach the bureau to report an error, as it publishes it",
    ),
    Field(
        "next_release",
        "planned",
        False,
        "预计下次更新数据的日期 YYYY-MM-DD（如下一份年度工作总结发布后）：首页和各指标页显示，过期未更新时如实说明",
        "When the next figures are expected (YYYY-MM-DD): shown on the pages, and said plainly once passed",
    ),
    # the marks of a government website (政府网站与政务新媒体检查指标): each shown in the footer only when given
    Field("operator", "line", False, "承办单位（具体承办网站的部门），页脚在主办单位之后显示；没有就不写", "Operating unit, shown in the footer"),
    Field(
        "site_code",
        "record",
        False,
        "政府网站标识码（10 位数字或字母），页脚显示；没有就不写",
        "Government website code (10 letters or digits), shown in the footer",
        pattern="[0-9A-Za-z]{10}",
        example="3701260001",
    ),
    Field(
        "icp",
        "record",
        False,
        "网站的 ICP 备案号，在境内服务器发布时填写，页脚显示并链接到备案查询网站",
        "ICP record number, shown in the footer",
        pattern="[\u4e00-\u9fff]ICP备[0-9]{8,10}号(-[0-9]{1,3})?",
        example="鲁ICP备12345678号-1",
    ),
    Field(
        "police_record",
        "record",
        False,
        "公安机关备案号，页脚显示并链接到全国互联网安全管理服务平台的查询页",
        "Public security record number, shown in the footer with its verification link",
        pattern="[\u4e00-\u9fff]公网安备 ?[0-9]{14}号",
        example="鲁公网安备37012602000123号",
    ),
    Field(
        "conac_url",
        "record",
        False,
        "党政机关网站标识的查证网址（开办标识后由 bszs.conac.cn 给出），页脚显示“党政机关”标识链接",
        "Verification page of the party and government website mark (bszs.conac.cn), linked from the footer",
        pattern="https://bszs\\.conac\\.cn/[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+",
        example="https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF",
    ),
    Field(
        "error_report_url",
        "url",
        False,
        "“我为政府网站找错”中本站的网址，页脚显示“找错”链接",
        "This site's page on the government website error reporting platform",
    ),
)

RELEASE_FIELDS = (
    Field("version", "version", True, "版本号，如 2024.1（年度.序号）", "Version, e.g. 2024.1"),
    Field("date", "date", True, "发布日期 YYYY-MM-DD", "Release date"),
    Field("summary", "line", True, "本版本的中文说明（一段，不换行）", "What the release holds, in Chinese (one paragraph)"),
    Field("sha256sums", "sha256", True, "该版本 SHA256SUMS 文件的 SHA-256，发布后不得改动", "SHA-256 of the release's SHA256SUMS"),
)

REVISION_TYPES = {
    "更新": ("Update", "计划内的更新，如初步数被正式数取代。"),
    "修订": ("Revision", "来源方对已发布数字的修订。"),
    "更正": ("Correction", "本站录入或转录错误的更正。"),
}

REVISION_FIELDS = (
    Field("indicator_id", "id", True, "指标 id", "Indicator id"),
    Field("period", "period", True, "时期，与观测值文件中相同", "Period, as in the observations file"),
    Field("breakdown", "line", False, "分项，合计留空", "Breakdown, empty for a total"),
    Field("old_value", "number", True, "已发布的旧值", "Value as released"),
    Field("new_value", "number", True, "新值（删除观测值时留空不允许，请用 missing 标记）", "New value"),
    Field("date", "date", True, "修改日期 YYYY-MM-DD", "Date of the change"),
    Field("type", "enum", True, "类型：更新、修订或更正", "Type: 更新 update, 修订 revision, 更正 correction", tuple(REVISION_TYPES)),
    Field("reason", "text", True, "修改原因，含新的来源", "Reason, with the new source"),
)

IMPORT_STATUSES: dict[str, str] = {
    "proposed": "建议：与已有指标匹配，可信度较高，请核对",
    "candidate": "候选：可信度较低，或与指标的口径、单位不完全相同（见 note），多半需要改正或不用",
    "new": "没有匹配的指标（或单位需要换算）",
    "accept": "采用：make import-apply 把这一行加入数据",
    "reject": "不用",
}

# the review file of `make import` (data/imports/<source id>.csv): proposals a person accepts or rejects; never published
IMPORT_FIELDS = (
    Field(
        "status",
        "enum",
        True,
        "处理状态：proposed（建议）、candidate（候选，可信度低）、new（未匹配）；核对后改为 accept（采用）或 reject（不用）",
        "proposed, candidate, new; a person sets accept or reject",
        tuple(IMPORT_STATUSES),
    ),
    Field("score", "number", True, "匹配可信度，0—1", "Match confidence, 0-1"),
    Field("indicator_id", "id", False, "建议的指标 id；采用 new 行时须填写", "Proposed indicator id; required to accept a new row"),
    Field("indicator_title", "line", False, "指标名称，仅供核对", "Indicator title, for the reviewer"),
    Field("period", "period", True, "时期", "Period"),
    Field("period_basis", "enum", False, "时期的依据，同观测值文件", "How the period follows from the source", tuple(PERIOD_BASES)),
    Field("as_of", "date", False, "统计截止日期", "Cut-off date"),
    Field("breakdown", "line", False, "分项，合计留空", "Breakdown, empty for a total"),
    Field("value", "number", True, "数值，与原文写法相同", "Value as the source writes it"),
    Field("unit", "text", False, "原文的单位", "Unit as in the source"),
    Field("qualifier", "enum", False, "“多”“余”“以上”为 lower_bound", "lower_bound for 500多", _choices(QUALIFIERS)),
    Field("flag", "enum", False, "状态标记，同观测值文件", "Status flag", _choices(FLAGS)),
    Field("formula", "formula", False, "推算值的算式", "Arithmetic of a derived value"),
    Field("note", "text", False, "说明，如单位需要换算", "Note, e.g. a unit to convert"),
    Field("quote", "text", True, "原文句子，从存档原文中截取，包含这个数字", "Verbatim slice of the archived text holding the figure"),
    Field("source", "id", True, "来源文件 id", "Source id"),
    Field(
        "source_sha256",
        "sha256",
        True,
        "导入时存档原文的 SHA-256：原文改了，审核表就过期了",
        "SHA-256 of the archive when imported: a changed source makes the file stale",
    ),
)

PLAN_STATUSES = ("未开始", "推进中", "已完成", "待评估")

PLAN_FIELDS = (
    Field("source", "id", True, "计划所在的来源文件 id", "Source holding the plan"),
    Field("year", "int", True, "计划年度", "Plan year"),
    Field("chains_quote", "text", True, "原文中列出产业链条的句子", "Sentence listing the industrial chains"),
    Field("chains", "list", True, "产业链条名称", "Industrial chains"),
    Field("lines", "items", True, "工作方向（每项含 id、title、quote、commitments）", "Lines of work"),
)

PLAN_LINE_FIELDS = (
    Field("id", "id", True, "工作方向 id", "Line id"),
    Field("title", "line", True, "标题", "Title"),
    Field("quote", "text", True, "原文句子", "Verbatim sentence"),
    Field("commitments", "items", True, "承诺事项", "Commitments"),
)

COMMITMENT_FIELDS = (
    Field("id", "id", True, "承诺 id", "Commitment id"),
    Field("title", "line", True, "简短标题", "Short title"),
    Field("quote", "text", True, "计划原文，须与来源逐字一致", "Verbatim text of the plan"),
    Field("status", "enum", True, "进展状态", "Status", PLAN_STATUSES),
    Field(
        "target",
        "text",
        False,
        "计划提出的量化目标，照抄承诺原文中的那部分（如“营业收入5000万元以上的规上工业企业无研发活动清零”）；没有就不写",
        "The commitment's quantified target, copied from its quote; omit if it has none",
    ),
    Field("indicators", "list", False, "与这项承诺相关的指标 id", "Indicators related to it", item="id"),
    Field(
        "measures",
        "text",
        False,
        "所列指标衡量什么、不衡量什么；有 indicators 时必填（指标与承诺的范围不同时，指标只是参考）",
        "What the related indicators do and do not measure; required with indicators",
    ),
    Field("evidence", "text", False, "进展和依据（来源文件、原文）", "Progress and its evidence"),
    Field("note", "text", False, "说明", "Note"),
)
