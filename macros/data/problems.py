"""Data problems: a stable code, a place (path:line:column) and a message in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass

# code: (Chinese template, English template). Codes are stable: tests and docs use them.
MESSAGES: dict[str, tuple[str, str]] = {
    "file-missing": ("缺少文件", "file is missing"),
    "file-too-large": ("文件有 {size} MB，超过 {limit} MB 的上限", "file is {size} MB, above the {limit} MB limit"),
    "not-utf8": ("文件不是 UTF-8 编码。{hint_zh}", "file is not UTF-8. {hint_en}"),
    "yaml-syntax": (
        "YAML 格式错误（常见原因：用了全角冒号“：”、用 Tab 缩进（须用空格）、引号没有配对；出错位置可能在前一行）：{detail}",
        "YAML syntax error: {detail}",
    ),
    "yaml-too-deep": (
        "列表和映射嵌套超过 {limit} 层：数据文件不需要这么深，请检查缩进和括号",
        "lists and mappings nest deeper than {limit} levels: check the indentation and brackets",
    ),
    "yaml-tag": ("不允许使用 YAML 标签 {tag}", "YAML tag {tag} is not allowed"),
    "yaml-scalar-form": (
        "{value} 会被 YAML 读成{reading}，但不是普通写法："
        "数字请用普通十进制（最多 15 位，不用 1:30、0x10、1_000、1e5），真假请写 true 或 false；要写文字请加引号",
        "{value} reads as {reading} in YAML but is not written plainly: write numbers as plain decimals (at most 15 digits), true or false, and quote text",
    ),
    "duplicate-key": ("键 {key} 重复出现", "duplicate key {key}"),
    "not-a-mapping": ("这里应是“键: 值”的映射", "expected a mapping of keys to values"),
    "not-a-list": ("这里应是列表", "expected a list"),
    "unknown-key": ("未知字段 {key}（拼写错误？可用字段：{allowed}）", "unknown key {key} (typo? allowed: {allowed})"),
    "missing-field": ("缺少必填字段 {key}", "missing required field {key}"),
    "bad-type": ("字段 {key} 应为{expected_zh}，实际为 {value}", "field {key} must be {expected_en}, got {value}"),
    "bad-choice": ("字段 {key} 的值 {value} 不在允许范围内：{allowed}", "field {key}: {value} is not one of {allowed}"),
    "out-of-range": ("字段 {key} 应在 {low} 到 {high} 之间，实际为 {value}", "field {key} must be between {low} and {high}, got {value}"),
    "bad-url": (
        "网址 {value} 须以 https:// 或 http:// 开头，后面是网站地址，只用网址中的字符（不能有空格、引号、尖括号；中文请先编码），最多 {limit} 个字符",
        "URL {value} must be https:// or http://, a host, and only the characters of an address (no space, quote or angle bracket), at most {limit} characters",
    ),
    "line-break": ("字段 {key} 只能写一行：请删去换行", "field {key} must be one line: remove the line break"),
    "not-normalized": (
        "字段 {key} 的第 {offset} 个字符 {char} 另有标准写法 {normal}（两者看起来一样，计算机却当作不同的字，如兼容汉字）：请改用标准写法",
        "field {key}: character {offset} ({char}) has a standard form {normal} that looks the same (a compatibility ideograph): use the standard form",
    ),
    "empty-item": ("字段 {key} 的列表中有空项：请删去", "field {key} lists an empty item: remove it"),
    "negative-zero": ("数值 {value} 是负零：请写 0", "value {value} is a negative zero: write 0"),
    "formula-like-text": (
        "文字不能以 = + @ - 或制表符、回车开头：在 Excel、WPS 中会被当作公式执行。请改写开头，如在前面加上说明文字",
        "text must not start with = + @ - or a tab or CR: spreadsheets run it as a formula",
    ),
    "invisible-character": (
        "字段 {key} 的第 {offset} 个字符 {char} 是看不见的控制字符（文字方向控制符、零宽空格等会改变读者看到的内容）：请删去",
        "field {key}: character {offset} is {char}, an invisible control character (bidi controls and zero-width spaces change what readers see): delete it",
    ),
    "weak-quote": ("引文只有数字，须包含说明这个数字的原文文字", "the quote holds only the figure: quote the words around it"),
    "yaml-alias": ("数据文件中不能使用 YAML 锚点或别名（& 和 *）", "YAML anchors and aliases (& and *) are not allowed in data files"),
    "bad-id": (
        "标识 {value} 只能用小写字母、数字和连字符，最多 {limit} 个字符，且不能是 con、nul、aux、com1 等 Windows 保留名",
        "id {value} may hold only a-z, 0-9 and hyphens, at most {limit} characters, and not a name Windows reserves (con, nul, aux, com1…)",
    ),
    "id-mismatch": ("标识 {value} 与文件名 {stem} 不一致", "id {value} differs from the file name {stem}"),
    "duplicate-id": ("标识 {value} 重复", "duplicate id {value}"),
    "csv-header": ("CSV 表头有误：{detail}", "CSV header: {detail}"),
    "csv-error": ("CSV 无法读取：{detail}", "CSV cannot be read: {detail}"),
    "csv-line-endings": (
        "文件的换行只用了回车符（CR，旧式 Mac 格式），无法按行读取：请用 Excel “另存为 → CSV UTF-8（逗号分隔）”，或在编辑器中把换行改为 LF 或 CRLF",
        "lines end in a bare CR (old Mac format) and can't be read as rows: re-save as 'CSV UTF-8' or use LF or CRLF line endings",
    ),
    "too-many-rows": ("文件超过 {limit} 行数据：请拆分，或与网站维护者商量", "the file has more than {limit} data rows: split it"),
    "too-many-items": (
        "时期 {period} 的分项超过 {limit} 个：图表无法阅读，请合并为较大的类别",
        "period {period} has more than {limit} breakdown items: a chart of them can't be read; group them",
    ),
    "value-decimals": (
        "数值 {value} 的小数位多于指标显示的 {decimals} 位：多出的位数会被四舍五入掉。请按原文写，或修改指标的 decimals",
        "value {value} has more decimals than the indicator's {decimals}: they would be rounded away unseen; write it as the source does or change decimals",
    ),
    "as-of-before-period": ("截止日期 {value} 早于时期 {period} 的开始", "cut-off date {value} is before the period {period} begins"),
    "qualifier-on-rank": (
        "名次不能标为 {value}（会显示成“第约1名”）：名次照原文写，不用 qualifier",
        "a rank can't be marked {value} (it would read 'about 1st'): leave qualifier empty",
    ),
    "csv-row-length": (
        "这一行有 {got} 列，表头有 {expected} 列。常见原因：数值里有千分位逗号（请删去），或句子里有半角逗号（请用英文双引号把整句括起来），或行末少了逗号",
        "row has {got} fields, the header has {expected}",
    ),
    "empty-file": ("文件没有数据行", "file has no data rows"),
    "bad-number": (
        "数值 {value} 不是普通数字（去掉单位、千分位、百分号，使用半角数字，最多 15 位有效数字）",
        "value {value} is not a plain number (no unit, separators, % or full-width digits; at most 15 significant digits)",
    ),
    "bad-period": (
        "时期 {value} 格式有误，应为 2024、2024-01/2024-11 或 2024-03-10（年份在 1900—2100 之间）",
        "period {value} must look like 2024, 2024-01/2024-11 or 2024-03-10 (years 1900-2100)",
    ),
    "period-type": ("时期 {value} 与指标的时期类型 {period_type} 不符", "period {value} does not match the indicator's period type {period_type}"),
    "future-period": ("时期 {value} 尚未到来", "period {value} is in the future"),
    "no-such-date": ("没有 {value} 这一天（或这个月）", "there is no such date as {value}"),
    "bad-date": ("日期 {value} 格式有误，应为 YYYY-MM-DD", "date {value} must be YYYY-MM-DD"),
    "duplicate-period": ("时期 {value} 重复出现（第 {first} 行已有）", "period {value} repeats line {first}"),
    "negative-count": ("计数不能为负数：{value}", "a count cannot be negative: {value}"),
    "share-out-of-range": ("比重 {value}% 超出 0–100", "share {value}% is outside 0-100"),
    "unknown-ref": ("{kind} {value} 不存在", "unknown {kind_en} {value}"),
    "self-reference": ("{key} 填的是本指标自己：请填另一个指标的 id，或删去这一项", "{key} names this indicator itself: name another one or remove it"),
    "missing-observations": ("指标 {value} 没有观测值文件 data/observations/{value}.csv", "indicator {value} has no data/observations/{value}.csv"),
    "orphan-observations": ("没有与之对应的指标文件 data/indicators/{value}.yaml", "no indicator file data/indicators/{value}.yaml"),
    "quote-not-in-source": ("引文在来源 {source} 的存档原文中找不到（须逐字一致）", "quote not found verbatim in source {source}"),
    "quote-unicode-form": (
        "引文与来源 {source} 的原文看起来一样，但有字符的编码不同（如兼容汉字“金”U+F90A 与“金”U+91D1、全角与半角、组合符号）：请从存档原文中直接复制这句话",
        "the quote looks like a sentence of source {source} but some characters are encoded differently "
        "(compatibility ideographs, full-width forms, combining marks): copy it from the archived text",
    ),
    "value-not-in-quote": (
        "数值 {value} 没有出现在引文中（原文用文字表述的，如“无”记为 0，flag 写 from_wording）",
        "value {value} does not appear in its quote (a value read from words needs flag from_wording)",
    ),
    "derived-period-basis": (
        "这个推算值由第 {source_line} 行推算而来，那一行的年度是本站推断（inferred）：推算值的年度同样是本站的读法，period_basis 也须写 inferred",
        "this value is derived from line {source_line}, whose year is inferred: its year is the site's reading too; set period_basis inferred",
    ),
    "bad-period-basis": ("时期依据 {value} 只能用于年度时期（如 2024）", "period basis {value} applies to a year only"),
    "target-not-in-quote": ("target 须照抄这项承诺的 quote 中的文字", "target must be text copied from the commitment's quote"),
    "target-without-figure": (
        "target 是量化目标，须包含数字（如“5000万元以上”“八个”）；没有数字的承诺不写 target",
        "a target is quantified: it must name a figure; leave target out when the commitment has none",
    ),
    "measures-missing": (
        "承诺列出了相关指标，须在 measures 中说明这些指标衡量什么、不衡量什么",
        "a commitment with indicators needs measures: what they do and do not measure",
    ),
    "derived-without-note": ("推算值须在 note 中说明推算依据，并在 formula 中写出算式", "a derived value needs a note and a formula"),
    "wording-without-note": (
        "由文字推断的数值须在 note 中说明读法，如“原文为‘无……发生’，记为 0”",
        "a value read from wording needs a note saying how it was read",
    ),
    "bad-formula": (
        "算式 {value} 无法计算：只能用普通十进制数字（不用 1e30、0x10、1_000 这类写法）、+ - * / ( ) 和 %，不超过 200 个字符，结果小于 10 的 15 次方",
        "formula {value} cannot be computed: use plain decimal numbers (no 1e30, 0x10, 1_000), + - * / ( ) and %, at most 200 characters, a result below 10^15",
    ),
    "formula-mismatch": ("算式 {formula} 的结果是 {result}，与数值 {value} 不符", "formula {formula} gives {result}, not {value}"),
    "rank-without-scope": (
        "名次须写明排名范围：填写 rank_scope（如“同考核单元”），并写进指标名称 title",
        "a rank needs its scope: fill in rank_scope and put it in the title",
    ),
    "bad-change-wording": (
        "change_wording 和 change_wording_en 须包含 {{value}}，且与 change_of 一起填写",
        "change_wording and change_wording_en need {{value}} and change_of",
    ),
    "bad-record": (
        "{key} 写的是 {value}，格式不对：应照证书或系统给出的原样填写，形如 {example}",
        "{key} {value} is not in the form its record takes, such as {example}",
    ),
    "bad-version": (
        "版本号 {value} 格式有误，应为 年度.序号，如 2024.1（序号不以 0 开头，末尾没有空格和换行）",
        "version {value} must look like 2024.1 (no leading zero, nothing after it)",
    ),
    "release-order": (
        "版本 {value} 的版本号须大于上一版本，日期不早于上一版本",
        "release {value} must have a higher version number than the previous one and not an earlier date",
    ),
    "empty-value": ("数值为空：没有数据时请在 flag 列写 missing 并在 note 说明原因", "empty value: write flag missing (and why in note) when there is no data"),
    "value-with-missing-flag": ("标记为 missing 的行数值应为空", "a row flagged missing must have an empty value"),
    "large-change": (
        "与上一期（{previous}）相比变化 {change}%，超过该指标设定的 {limit}%，请核对",
        "changed {change}% from the previous period ({previous}), above this indicator's {limit}%: please check",
    ),
    "implausible-jump": (
        "数值 {value} 是上一期（{previous}）{before} 的 {ratio}：请核对单位（万元、亿元）和小数点",
        "value {value} is {ratio_en} the previous period's ({previous}) {before}: check the unit and the decimal point",
    ),
    "growth-over-1000": ("增速 {value}% 超过 1000%：请核对数值和单位", "a growth rate of {value}% is over 1000%: check the value and its unit"),
    "unrecorded-revision": (
        "已发布版本 {version} 中为 {old}，现为 {new}：修改已发布的数值须在 data/revisions.csv 登记（旧值、新值、日期、类型、原因）",
        "released as {old} in {version}, now {new}: record the change in data/revisions.csv",
    ),
    "removed-released": (
        "已发布版本 {version} 中的观测值 {key} 被删除；已发布的数值不能删除，没有数据时请用 missing 标记",
        "observation {key} of release {version} was removed; mark it missing instead",
    ),
    "revision-mismatch": (
        "修订记录与数据不符：记录为 {rec_old} → {rec_new}，实际为 {old} → {new}",
        "revision record says {rec_old} → {rec_new}, the data say {old} → {new}",
    ),
    "revision-no-change": ("修订记录的旧值和新值都是 {value}：没有修改的不用登记", "the revision changes nothing ({value} to {value})"),
    "revision-unreleased": (
        "{key} 不在任何冻结的版本中：只有版本中的数值修改时才须登记修订",
        "{key} was never released: only changes to released values are recorded",
    ),
    "revision-old-value": ("旧值 {old} 不是任何已发布版本中的值（已发布：{released}）", "old value {old} is not a released value (released: {released})"),
    "release-file-changed": (
        "已发布版本 {version} 的文件被改动（与{against}不符）。已发布的文件永远不改："
        "请恢复原文件；更正数据请改 data/observations/ 并在 data/revisions.csv 登记，再发布新版本",
        "a file of release {version} changed (differs from {against_en}); released files never change: "
        "restore it, and correct the data with a recorded revision instead",
    ),
    "release-file-missing": (
        "已发布版本 {version} 的文件缺失（与{against}不符）：请恢复",
        "a file of release {version} is missing (differs from {against_en}): restore it",
    ),
    "release-file-added": (
        "这个文件不属于已发布版本 {version}（与{against}不符）：已发布的版本不能增加文件，请删除",
        "this file is not part of release {version} (differs from {against_en}): remove it",
    ),
    "release-entry-changed": (
        "releases.yaml 中版本 {version} 的条目被改动或删除（与{against}不符）：已有条目不能修改，新版本只能由 make release 追加",
        "the releases.yaml entry of release {version} changed or was removed (differs from {against_en}); only make release adds entries",
    ),
    "released-source-changed": (
        "来源 {value} 的存档原文已随版本 {version} 发布，不能替换、删除或改写校验值（与{against}不符）：原件有新版本时，请作为新来源添加",
        "source {value} was published with release {version}: its archive can't be replaced or removed, nor its checksum rewritten "
        "(differs from {against_en}); add a new source instead",
    ),
    "import-stale": (
        "审核表过期：来源 {value} 的存档原文在导入后改动过。请删除这个审核表，重新运行 make import",
        "the review file is stale: source {value} changed since the import; run make import again",
    ),
    "import-accept-without-indicator": (
        "采用（accept）的行须填写 indicator_id：把它填为已有指标的 id（见 data/indicators/），或把 status 改为 reject",
        "an accepted row needs an indicator_id: give an existing indicator's id, or set status reject",
    ),
    "import-unknown-indicator": (
        "指标 {value} 不存在：把 indicator_id 改为已有指标的 id（见 data/indicators/），或把 status 改为 reject",
        "indicator {value} does not exist: give an existing indicator's id, or set status reject",
    ),
    "duplicate-title": ("标题与指标 {other} 相同（复制文件后忘了修改？）", "same title as indicator {other} (copied and not changed?)"),
    "todo-left": ("字段 {key} 还有未填写的 TODO", "field {key} still says TODO"),
    "register-table-missing": ("名录缺少数据表 {value}", "register table {value} is missing"),
    "bad-archive": (
        "存档原文的文件名须为 {expected}（与来源标识同名，放在 data/sources/ 中，扩展名为 {types}），不能是 {value}",
        "the archive must be named {expected} (extension {types}) in data/sources/, not {value}",
    ),
    "symlink": ("data/ 中不允许符号链接（快捷方式），请放入文件本身", "symbolic links are not allowed under data/: put the file itself"),
    "bad-file-name": (
        "文件名或文件夹名含有换行等控制字符、不可见字符（如零宽空格、文字方向控制符），或以“-”开头：请改名",
        "the file or folder name holds a control or invisible character (line break, zero-width space, bidi control) or starts with '-': rename it",
    ),
    "unexpected-file": (
        "这个文件不会被读取：这里只能放 {allowed}（注意扩展名的大小写，.yml 应为 .yaml）",
        "this file would be ignored: only {allowed} belong here",
    ),
    "pdf-active-content": (
        "存档的 PDF 含有打开时会运行的内容（{names}）：不能发布。请用“打印 → 另存为 PDF”得到不含脚本的文件，换上它并更新 sha256",
        "the archived PDF holds active content ({names}): print it to a new PDF, archive that and update sha256",
    ),
    "docx-external-link": (
        "存档的 Word 文件打开时会从外部取用内容（{links}）：不能发布。"
        "请在 Word 中“另存为”一份不链接模板和外部图片的文件（把链接的图片嵌入），换上它并更新 sha256",
        "the archived .docx fetches content from outside when opened ({links}): save a copy "
        "without the attached template or linked images, archive that and update sha256",
    ),
    "archive-missing": ("存档原文 {value} 不存在", "archived file {value} is missing"),
    "archive-hash": (
        "存档原文的 SHA-256 为 {actual}，与记录的 {expected} 不符。新上传的原文请把 sha256 改为 {actual}；已有的原文被改动过，请恢复原件",
        "archive SHA-256 is {actual}, recorded {expected}: for a new archive write {actual}; an old archive must not change",
    ),
}

WARNINGS = frozenset({"duplicate-title", "large-change", "implausible-jump", "growth-over-1000"})  # printed for a person to check, never failing the data


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column} {self.code} {self.zh} / {self.en}"


def visible(value: object) -> object:
    """Text from the data as a message shows it: control characters written out, not obeyed."""
    if not isinstance(value, str):
        return value
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in value)


def clipped(text: str, limit: int = 40) -> str:
    """A long value as a message names it: its first ``limit`` characters and "…"."""
    return text if len(text) <= limit else text[:limit] + "…"


def problem(path: str, line: int, column: int, code: str, **values: object) -> Problem:
    zh, en = MESSAGES[code]
    shown = {k: visible(v) for k, v in values.items()}
    return Problem(str(visible(path)), line, column, code, zh.format(**shown), en.format(**shown))


def said(code: str, **values: object) -> str:
    """A problem's message without a place, for a command's own argument: '中文 / English'."""
    p = problem("", 0, 0, code, **values)
    return f"{p.zh} / {p.en}"


SHOWN = 200  # problems printed at most: one broken file can hold a million


def listing(problems: list[Problem]) -> list[str]:
    """The problems as lines, at most SHOWN of them and then how many more there are."""
    lines = [str(p) for p in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(f"……另有 {len(problems) - SHOWN} 个问题未列出，先改正以上问题 / … and {len(problems) - SHOWN} more problems not listed")
    return lines


class DataError(Exception):
    """Raised once, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(listing(self.problems)))
