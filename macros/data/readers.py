"""Safe readers for the data files: UTF-8 text, YAML with positions, CSV with positions.

YAML is composed, never constructed by PyYAML, so tags such as ``!!python/object`` are
rejected before anything could run. Every value keeps its 1-based line and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.data.problems import Problem, clipped, problem, visible

GBK_HINT_ZH = "如用 Excel 保存，请选择“另存为 → CSV UTF-8（逗号分隔）”；WPS 请选择 UTF-8 编码"
ALLOWED_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:timestamp",
    }
)


@dataclass(frozen=True)
class Located:
    """A parsed value with the place it came from."""

    value: Any
    line: int
    column: int


MAX_BYTES = 20 * 1024 * 1024  # a data file or archived text larger than this is refused, not read
MAX_FIELD = 131_072  # characters in one CSV field: the csv module's default limit
# data rows in one CSV file: `make bench --rows` builds the real data plus a 20,000-row series in 744 MB
# (2026-12-06), inside the 1 GB budget and linear in the rows; a 200,000-row file took 108 s and 1.54 GB
MAX_ROWS = 20_000
# a report to import: a county's work report is 5,000-50,000 characters on a few dozen pages; far larger
# files are refused before they are parsed, so an import ends within seconds whatever it is given
MAX_CHARACTERS = 500_000  # of text, after reading
MAX_PARAGRAPHS = 20_000  # in a .docx (counted in its XML, before python-docx parses it)
MAX_PAGES = 300  # of a .pdf (from its page tree, before any page is read)
# characters either side of a figure the importer finds: its sentence and its clause (the quote) are cut to this, so
# the work per figure is bounded however long the text runs without 。 or ， (the longest sentence in the reports so far is 176)
REACH = 200


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    if not path.is_file():
        problems.append(problem(shown, 1, 1, "file-missing"))
        return None
    if path.stat().st_size > MAX_BYTES:
        problems.append(problem(shown, 1, 1, "file-too-large", size=path.stat().st_size // 1024 // 1024, limit=MAX_BYTES // 1024 // 1024))
        return None
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        if shown.endswith(".txt"):
            hint_zh, hint_en = "用记事本打开，另存为时“编码”选 UTF-8", "re-save as UTF-8"
        else:
            hint_zh, hint_en = GBK_HINT_ZH, "re-save as 'CSV UTF-8'"
        problems.append(problem(shown, line, 1, "not-utf8", hint_zh=hint_zh, hint_en=hint_en))
        return None


# libyaml's parser when PyYAML has it (same nodes, lines, columns and errors; about ten times faster)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 20  # lists and mappings inside one another: the data files need 4
OPENING = yaml.BlockMappingStartToken | yaml.BlockSequenceStartToken | yaml.FlowMappingStartToken | yaml.FlowSequenceStartToken
CLOSING = yaml.BlockEndToken | yaml.FlowMappingEndToken | yaml.FlowSequenceEndToken


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> Located | None:
    text = read_text(path, shown, problems)
    return None if text is None else parse_yaml(text, shown, problems)


def parse_yaml(text: str, shown: str, problems: list[Problem]) -> Located | None:
    try:
        # anchors and aliases are refused before anything is composed: an alias bomb would expand forever;
        # so is nesting deeper than any data file needs: composing it would exhaust Python's stack
        depth = 0
        for token in yaml.scan(text, Loader=LOADER):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                problems.append(problem(shown, token.start_mark.line + 1, token.start_mark.column + 1, "yaml-alias"))
                return None
            depth += isinstance(token, OPENING) - isinstance(token, CLOSING)
            if depth > MAX_DEPTH:
                problems.append(problem(shown, token.start_mark.line + 1, token.start_mark.column + 1, "yaml-too-deep", limit=MAX_DEPTH))
                return None
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = getattr(err, "problem", None) or str(err)
        problems.append(problem(shown, line, col, "yaml-syntax", detail=detail))
        return None
    if node is None:
        return Located(None, 1, 1)
    return _convert(node, shown, problems)


def _convert(node: yaml.Node, shown: str, problems: list[Problem]) -> Located:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if node.tag not in ALLOWED_TAGS:
        problems.append(problem(shown, line, col, "yaml-tag", tag=node.tag))
        return Located(None, line, col)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                problems.append(problem(shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1, "duplicate-key", key=key))
                continue
            out[key] = _convert(value_node, shown, problems)
        return Located(out, line, col)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(item, shown, problems) for item in node.value], line, col)
    if node.tag == "tag:yaml.org,2002:int" and node.value.isascii() and node.value.isdigit():
        return Located(node.value if len(node.value) > MAX_INT_DIGITS else int(node.value), line, col)  # 64 zeros: a placeholder hash
    if not _plain_form(node):
        problems.append(problem(shown, line, col, "yaml-scalar-form", value=clipped(node.value), reading=READINGS[node.tag]))
        return Located(None, line, col)
    return Located(_scalar(node), line, col)


MAX_INT_DIGITS = 15  # a longer run of digits stays text (a SHA-256 placeholder of 64 zeros), never an int of 5000 digits
# what YAML 1.1 reads as a number or true/false in the forms a reader would read the same way: plain
# decimals of at most 15 digits, true and false. Others (1:59:59 base 60, 0x10, 0o17, 1_000, .inf,
# yes, off, a 5000-digit integer) are refused before they are constructed, which could take minutes
PLAIN_FORMS = {
    "tag:yaml.org,2002:int": re.compile(r"[-+]?[0-9]{1,15}"),
    "tag:yaml.org,2002:float": re.compile(r"[-+]?[0-9]{1,15}\.[0-9]{1,15}"),
    "tag:yaml.org,2002:bool": re.compile(r"true|false|True|False|TRUE|FALSE"),
}
READINGS = {"tag:yaml.org,2002:int": "整数 an integer", "tag:yaml.org,2002:float": "小数 a decimal", "tag:yaml.org,2002:bool": "真假值 true/false"}


def _plain_form(node: yaml.ScalarNode) -> bool:
    form = PLAIN_FORMS.get(node.tag)
    return form is None or bool(form.fullmatch(node.value))


def plain(node: Located | None) -> Any:
    """The value without its places."""
    if node is None:
        return None
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value


def _scalar(node: yaml.ScalarNode) -> object:
    """Resolve a plain scalar; dates stay text so that the data means what it says."""
    if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return str(node.value)
    return yaml.constructor.SafeConstructor().construct_object(node)  # a constructor per value: it keeps every node it made


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: dict[str, str]
    columns: dict[str, int]  # 1-based character column of each field


_COMMA = re.compile(",")


def _field_starts(raw: str) -> list[int]:
    if '"' not in raw:  # most lines: every comma starts a field
        return [0, *(m.end() for m in _COMMA.finditer(raw))]
    starts, quoted = [0], False
    for i, ch in enumerate(raw):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 1)
    return starts


def record_lines(record: list[str]) -> int:
    """The lines a CSV record takes in its file (a quoted field may hold line breaks)."""
    return 1 + sum(cell.count("\n") for cell in record)


def read_csv(path: Path, shown: str, problems: list[Problem]) -> tuple[list[str], list[CsvRow]] | None:
    text = read_text(path, shown, problems)
    if text is None:
        return None
    text = text.removeprefix("\ufeff")
    lines = [line.removesuffix("\r") for line in text.split("\n")]  # as csv counts lines
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows: list[CsvRow] = []
    start = 1
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) > MAX_ROWS + 1:  # the header, then the rows
                problems.append(problem(shown, reader.line_num, 1, "too-many-rows", limit=MAX_ROWS))
                return None
    except csv.Error as err:  # a field longer than the csv module allows, a NUL, a line ended by CR alone …
        code = "csv-line-endings" if "new-line character" in str(err) else "csv-error"
        problems.append(problem(shown, reader.line_num, 1, code, detail=str(err)))
        return None
    for record in records:
        raw = lines[start - 1] if start - 1 < len(lines) else ""
        first_line, start = start, start + record_lines(record)
        if header is None:
            header = [h.strip() for h in record]
            continue
        if not any(cell.strip() for cell in record):
            continue
        if max(map(len, record)) > MAX_FIELD:  # the csv module's own limit may have been raised by another library
            problems.append(problem(shown, first_line, 1, "csv-error", detail=f"field larger than field limit ({MAX_FIELD})"))
            continue
        if len(record) != len(header):
            problems.append(problem(shown, first_line, 1, "csv-row-length", got=len(record), expected=len(header)))
            continue
        starts = _field_starts(raw)
        columns = {name: (starts[i] + 1 if i < len(starts) else 1) for i, name in enumerate(header)}
        rows.append(CsvRow(first_line, dict(zip(header, record, strict=True)), columns))
    return header or [], rows


# PDF names that run or fetch something when the file is opened or read: as keys (/JS, /OpenAction, /AA
# additional actions, /XFA forms with scripts, /EmbeddedFiles), as an action's /S, or as an object's /Type
ACTIVE = frozenset(
    {"JS", "JavaScript", "Launch", "ImportData", "SubmitForm", "RichMedia", "EmbeddedFile", "EmbeddedFiles", "OpenAction", "AA", "XFA", "GoToE", "GoToR"}
)


def pdf_active_content(path: Path) -> list[str]:
    """The names of what a PDF would run or fetch when opened (JavaScript, launch and open actions,
    forms with scripts, embedded files), read from every object, compressed object streams included,
    whether named directly or through an indirect object; ["unreadable"] when its structure can't be
    read; [] for a plain document."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, PDFStream
    from pdfminer.psparser import PSLiteral

    found: set[str] = set()
    try:
        with path.open("rb") as f:
            document = PDFDocument(PDFParser(f))
            objects = [document.getobj(objid) for xref in document.xrefs for objid in xref.get_objids()]

            def named(value: object) -> str:
                """The name a value is, followed through indirect objects ("" when it is no name)."""
                for _ in range(MAX_DEPTH):  # a chain of references, never a loop
                    if not isinstance(value, PDFObjRef):
                        break
                    value = value.resolve()
                return str(value.name) if isinstance(value, PSLiteral) else ""

            stack: list[object] = objects
            while stack:  # direct objects nested in each object (indirect ones are in the list already)
                obj = stack.pop()
                if isinstance(obj, PDFStream):
                    obj = obj.attrs
                if isinstance(obj, dict):
                    found |= ACTIVE & {str(k) for k in obj}
                    found |= ACTIVE & {named(obj.get("S")), named(obj.get("Type"))}
                    stack += [v for v in obj.values() if not isinstance(v, PDFObjRef)]
                elif isinstance(obj, list):
                    stack += [v for v in obj if not isinstance(v, PDFObjRef)]
    except Exception:  # noqa: BLE001 - pdfminer raises many kinds for a damaged, encrypted or hostile file
        return ["unreadable"]
    return sorted(found)


MAX_RELS_BYTES = 1024 * 1024  # one .rels part of a .docx: a list of links, a few KB in a real report
WEB_OR_MAIL = re.compile(r"(?:https?://|mailto:)", re.I)  # the only targets a report's hyperlink may have


def external_links(parts: Iterable[tuple[str, bytes]]) -> list[str]:
    """What a .docx would fetch or open from outside itself when opened (an attached template, a linked
    image or frame, a UNC path), as "type → target", from its relationship parts (name, bytes; part names
    in any case); hyperlinks to http(s) or mailto addresses are a report's own and are left."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    found = []
    for name, xml in parts:
        if not name.lower().endswith(".rels"):
            continue
        for rel in etree.fromstring(xml, parser).iter("{*}Relationship"):  # XMLSyntaxError for a broken part
            kind, target = str(rel.get("Type") or "").rsplit("/", 1)[-1], str(rel.get("Target") or "")
            if rel.get("TargetMode", "Internal") != "Internal" and not (kind == "hyperlink" and WEB_OR_MAIL.match(target)):
                found.append(str(visible(f"{kind} → {target[:200]}")))
    return found


def docx_external_links(path: Path) -> list[str]:
    """``external_links`` of an archived .docx, its relationship parts read with a bounded size;
    ["unreadable"] when it can't be read."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(path) as docx:
            rels = [(i.filename, docx.open(i).read(MAX_RELS_BYTES + 1)) for i in docx.infolist() if i.filename.lower().endswith(".rels")]
        if any(len(raw) > MAX_RELS_BYTES for _, raw in rels):
            return ["unreadable"]
        return external_links(rels)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError, RuntimeError, EOFError):
        return ["unreadable"]
