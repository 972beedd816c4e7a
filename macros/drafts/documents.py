"""The text of a new report: a .txt (UTF-8, or GBK which is decoded and said so), a .docx
(python-docx) or a .pdf with a text layer (pdfminer.six).

The text returned is what gets archived as ``<id>.txt`` and what every quote is checked against.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from macros.data.problems import visible
from macros.data.readers import MAX_BYTES, MAX_CHARACTERS, MAX_PAGES, MAX_PARAGRAPHS, external_links, pdf_active_content
from macros.data.schema import FORMULA_LIKE
from macros.drafts.radicals import EQUIVALENT

TYPES = ("txt", "docx", "pdf")
DOCX_PARAGRAPH = re.compile(rb"<w:p[ />]")
LINE_IN_PARAGRAPH = re.compile(r"(?<=[^\n])\n(?=[^\n])")  # a PDF breaks lines where the page did
WRAPPED = 30  # characters: a PDF line this long not ending a sentence continues on the next
ENDS = ("。", "！", "？", "；", "：", "”", "）")
MB = 1024 * 1024
# all parts of a .docx together, unpacked: python-docx holds every part it reads in memory, so this bounds
# what an import holds. It is the limit of the file itself: a report's pictures are already compressed
# (JPEG, PNG) and unpack to about their size, its text is a few MB of XML at most
MAX_UNPACKED = MAX_BYTES
CHUNK = MB  # a part is unpacked this much at a time


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


def _unpacked(path: Path) -> dict[str, bytes]:
    """Every part of a .docx, unpacked with its size checked before and while it is read: the declared
    sizes first (nothing is unpacked of a package that says it is too large), then each part read a
    megabyte at a time and never past what is left of the limit, since a declared size can lie."""
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED:
                largest = max(infos, key=lambda i: i.file_size)
                raise DocumentError(
                    f"Word 文件解压后共 {total // MB} MB，超过 {MAX_UNPACKED // MB} MB 的上限"
                    f"（其中 {visible(largest.filename)} 有 {largest.file_size // MB} MB）"
                    f" / the .docx unpacks to more than {MAX_UNPACKED // MB} MB"
                )
            odd = [i.filename for i in infos if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)]
            if odd:
                raise DocumentError(
                    f"Word 文件中的 {visible(odd[0])} 用了 Word 不用的压缩方式：请用 Word 或 WPS 另存为 .docx 再导入"
                    " / the .docx uses a compression Word does not: save it again from Word"
                )
            parts, left = {}, MAX_UNPACKED
            for info in infos:
                chunks = []
                with package.open(info) as part:
                    while left >= 0 and (chunk := part.read(min(CHUNK, left + 1))):
                        chunks.append(chunk)
                        left -= len(chunk)
                if left < 0:
                    raise DocumentError(f"Word 文件解压后超过 {MAX_UNPACKED // MB} MB 的上限 / the .docx unpacks to more than {MAX_UNPACKED // MB} MB")
                parts[info.filename] = b"".join(chunks)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, EOFError, OSError, ValueError) as err:  # RuntimeError: encrypted
        raise DocumentError(f"无法读取 Word 文件（.docx）：{visible(str(err))} / cannot read the .docx file") from None
    return parts


def _external(parts: dict[str, bytes]) -> None:
    """Refuse a .docx whose relationships reach outside it (a template or picture fetched from another
    machine when it is opened); a hyperlink may stay if it is to a web page or a mail address."""
    from lxml import etree

    try:
        links = external_links(parts.items())
    except etree.XMLSyntaxError as err:
        raise DocumentError(f"无法读取 Word 文件（.docx）：{visible(str(err))} / cannot read the .docx file") from None
    if links:
        raise DocumentError(
            f"Word 文件含有指向外部的链接（{links[0]}）：打开时会从别处取文件。请在 Word 中删去它（或把文件内容复制到新文档）后另存，再导入"
            f" / the .docx links outside itself ({links[0]}): remove the link and save it again"
        )


def _docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    parts = _unpacked(path)
    _external(parts)
    paragraphs = len(DOCX_PARAGRAPH.findall(parts.get("word/document.xml", b"")))
    if paragraphs > MAX_PARAGRAPHS:
        raise DocumentError(
            f"Word 文件有 {paragraphs} 个段落，超过 {MAX_PARAGRAPHS} 的上限：这不像一份工作总结 / the .docx has more than {MAX_PARAGRAPHS} paragraphs"
        )
    checked = io.BytesIO()  # python-docx reads the parts as checked, never the original's streams again
    with zipfile.ZipFile(checked, "w") as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    try:
        document = docx.Document(checked)
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError) as err:
        raise DocumentError(f"无法读取 Word 文件（.docx）：{visible(str(err))} / cannot read the .docx file") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["，".join(cell.text for cell in row.cells) for row in table.rows]
    return Document("\n".join(lines).translate(EQUIVALENT))


def _pdf_pages(path: Path) -> int:
    """The page count its page tree states (read before any page is)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        with path.open("rb") as f:
            count = resolve1(resolve1(PDFDocument(PDFParser(f)).catalog["Pages"]).get("Count"))
    except Exception:  # noqa: BLE001 - no readable page tree: the text extraction says what is wrong
        return 0
    return count if isinstance(count, int) else 0


def _pdf(path: Path) -> Document:
    from pdfminer.high_level import extract_text
    from pdfminer.psexceptions import PSException

    active = pdf_active_content(path)
    if active == ["unreadable"]:
        raise DocumentError("无法读取 PDF 文件（损坏、加密或结构有误）/ cannot read the PDF (damaged, encrypted or malformed)")
    if active:
        raise DocumentError(
            f"PDF 含有打开时会运行的内容（{'、'.join(active)}）：不能存档发布。请用“打印 → 另存为 PDF”得到不含脚本的文件再导入"
            f" / the PDF holds active content ({', '.join(active)}): print it to a new PDF first"
        )
    pages = _pdf_pages(path)
    if pages > MAX_PAGES:
        raise DocumentError(f"PDF 有 {pages} 页，超过 {MAX_PAGES} 页的上限 / the PDF has more than {MAX_PAGES} pages")
    try:
        text = extract_text(str(path), maxpages=MAX_PAGES)
    except (PSException, ValueError, TypeError, KeyError) as err:  # PSException: damaged, truncated or password-protected
        raise DocumentError(f"无法读取 PDF 文件：{err} / cannot read the PDF") from None
    if not text.strip():
        raise DocumentError("PDF 中没有文字（可能是扫描件）：请找原文的 Word 版或可以复制文字的 PDF / the PDF has no text layer (a scan?)")
    text = text.translate(EQUIVALENT)  # PDF fonts often map characters to look-alike radicals (增⻓ for 增长, ⽤ for 用)
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
    if path.is_symlink() or not path.is_file():
        raise DocumentError(f"找不到文件 {path}（符号链接不导入，请放入文件本身）/ no such file (a symbolic link is not followed)")
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError(
            f"文件有 {path.stat().st_size // 1024 // 1024} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限"
            f" / the file is larger than {MAX_BYTES // 1024 // 1024} MB"
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise DocumentError("文件是空的 / the file is empty")
    document = _txt(raw) if kind == "txt" else _docx(path) if kind == "docx" else _pdf(path)
    if len(document.text) > MAX_CHARACTERS:
        raise DocumentError(
            f"文件有 {len(document.text)} 个字符，超过 {MAX_CHARACTERS} 的上限：这不像一份工作总结 / the text is longer than {MAX_CHARACTERS} characters"
        )
    if kind == "txt":
        return document  # archived as it is (a GBK file as its UTF-8 text)
    text = document.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("文件中没有文字 / the file holds no text")
    return Document(text if text.endswith("\n") else text + "\n", document.notice)


TITLE_LENGTH = 40  # characters: a longer first line is a paragraph, not a title
HEADING = re.compile(r"总结|报告|计划|要点|情况|回顾")  # a title's words, when a note comes before it (a web page's)
DATE_LINE = re.compile(r"(?:发布时间|发布日期|成文日期|印发日期)[:：]\s*([12][0-9]{3})(?:[-./年])")
PLACE = re.compile(r"[\u4e00-\u9fff]+[县市区省州旗盟]")  # a publisher names its place: 科技局 or 区科技局 alone is no one's
ORGANISATION = re.compile(r"(?:局|委|委员会|政府|办公室|办|厅|院|中心|部)$")


def title_and_year(text: str) -> tuple[str, int | None]:
    """The document's title, "" when its first line is not one (a paragraph, a sentence); it is the first
    line, with the second when the first is short (“某县科技局 / 2024年工作总结和2025年工作计划”).
    The year is the first the title names (or a title-like line among the first six, after a note), else its
    date line's (发布时间：2025-10-15), else the one the text names most: a five-year review mentions the year
    before it first."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else ""
    if len(title) < 10 and len(lines) > 1 and len(lines[1]) < TITLE_LENGTH:
        title += lines[1]
    if len(title) > TITLE_LENGTH or title.endswith(("。", "，", "；", "：")) or FORMULA_LIKE.match(title):  # =… would be a formula in a table
        title = ""
    heading = next((line for line in lines[:6] if len(line) <= TITLE_LENGTH and HEADING.search(line) and re.search(r"[12][0-9]{3}年", line)), "")
    named = re.search(r"([12][0-9]{3})年", title or heading) or DATE_LINE.search(text)
    if named:
        return title, int(named[1])
    years = Counter(int(y) for y in re.findall(r"([12][0-9]{3})年", text))  # the year the body is about most (the later of a tie)
    return title, max(years, key=lambda y: (years[y], y)) if years else None


def publisher_of(title: str, year: int) -> str:
    """The publisher when the title names one, with its place, before its year (某县科技局2024年工作总结), else ""."""
    before = title.split(str(year))[0].strip()
    return before if ORGANISATION.search(before) and PLACE.match(before) else ""
