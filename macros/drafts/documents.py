"""The text of a new report: a .txt (UTF-8, or GBK which is decoded and said so), a .docx
(python-docx) or a .pdf with a text layer (pdfminer.six).

The text returned is what gets archived as ``<id>.txt`` and what every quote is checked against.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

TYPES = ("txt", "docx", "pdf")
LINE_IN_PARAGRAPH = re.compile(r"(?<=[^\n])\n(?=[^\n])")  # a PDF breaks lines where the page did
WRAPPED = 30  # characters: a PDF line this long not ending a sentence continues on the next
ENDS = ("。", "！", "？", "；", "：", "”", "）")
# PDF fonts often map CJK characters to look-alike radicals (⽤ U+2F64 for 用): NFKC maps them back
RADICALS = re.compile(r"[\u2e80-\u2fdf]")


class DocumentError(Exception):
    """A file that yields no usable text, said in Chinese and English."""


@dataclass(frozen=True)
class Document:
    text: str
    notice: str = ""  # what staff should know, e.g. that a GBK file was turned into UTF-8


def _txt(raw: bytes) -> Document:
    try:
        return Document(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError("无法识别文件的编码：请用记事本打开，另存为 UTF-8 / the file is neither UTF-8 nor GBK: save it as UTF-8") from None
    return Document(text, "原文件为 GBK 编码，已转为 UTF-8 存档 / the file was GBK; it is archived as UTF-8")


def _docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError) as err:
        raise DocumentError(f"无法读取 Word 文件（.docx）：{err} / cannot read the .docx file") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["，".join(cell.text for cell in row.cells) for row in table.rows]
    return Document("\n".join(lines))


def _pdf(path: Path) -> Document:
    from pdfminer.high_level import extract_text
    from pdfminer.psexceptions import PSException

    try:
        text = extract_text(str(path))
    except (PSException, ValueError, TypeError, KeyError) as err:  # PSException: damaged, truncated or password-protected
        raise DocumentError(f"无法读取 PDF 文件：{err} / cannot read the PDF") from None
    if not text.strip():
        raise DocumentError("PDF 中没有文字（可能是扫描件）：请找原文的 Word 版或可以复制文字的 PDF / the PDF has no text layer (a scan?)")
    text = RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    lines = [LINE_IN_PARAGRAPH.sub("", p).strip() for p in re.split(r"\n\s*\n", text.replace("\f", "\n\n"))]
    joined: list[str] = []
    for line in filter(None, lines):  # a long line that ends mid-sentence was wrapped by the page
        if joined and len(joined[-1]) >= WRAPPED and not joined[-1].endswith(ENDS):
            joined[-1] += line
        else:
            joined.append(line)
    return Document("\n".join(joined))


def read(path: Path) -> Document:
    """The report's text (a .docx's or .pdf's with plain line ends); DocumentError when there is none."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in TYPES:
        raise DocumentError(f"只能导入 {'、'.join('.' + t for t in TYPES)} 文件，不能导入 {path.suffix or '无扩展名的文件'} / only .txt, .docx or .pdf")
    if not path.is_file():
        raise DocumentError(f"找不到文件 {path} / no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise DocumentError("文件是空的 / the file is empty")
    if kind == "txt":
        return _txt(raw)  # archived as it is (a GBK file as its UTF-8 text)
    document = _docx(path) if kind == "docx" else _pdf(path)
    text = document.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("文件中没有文字 / the file holds no text")
    return Document(text if text.endswith("\n") else text + "\n", document.notice)


def title_and_year(text: str) -> tuple[str, int | None]:
    """The document's title (its first line, with the second when the first is short, as in
    “商河县科技局 / 2024年工作总结和2025年工作计划”) and the first year the title names."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else ""
    if len(title) < 10 and len(lines) > 1 and len(lines[1]) < 40:
        title += lines[1]
    year = re.search(r"([12][0-9]{3})年", title) or re.search(r"([12][0-9]{3})年", text)
    return title, int(year[1]) if year else None
