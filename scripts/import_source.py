"""Import a new report into draft data: archive it and write proposals for a person to review.

Usage: python -m scripts.import_source FILE ID   (make import FILE=… ID=… passes them through the environment)
Writes data/sources/<ID>.txt (the text quotes are checked against), the original .docx/.pdf beside
it, data/sources/<ID>.yaml (to confirm) and data/imports/<ID>.csv (one proposal per figure).
Bad input is one clear message and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import os
import sys
from pathlib import Path

from macros.data import schema, yaml_files
from macros.data.problems import said
from macros.data.readers import read_csv
from macros.drafts import documents
from macros.drafts.figures import find
from macros.drafts.matching import Known, known, propose
from macros.drafts.review import review_bytes, review_path, rows
from scripts import data_dir, yaml_scalar

SOURCE = """\
# 由 make import 生成：请核对标题、英文标题（title_en）、发布单位和年度，改好后删去 TODO。
id: {id}
title: {title}
title_en: TODO English title
publisher: {publisher}
year: {year}
archive: {archive}
sha256: {sha256}
{text_hash}note: {note}
"""


def known_indicators(data: Path) -> list[Known]:
    """Every indicator whose metadata is valid, with the sentences its values were quoted from
    (read leniently: the rest of the data may be mid-edit)."""
    today = dt.date.today()
    areas = yaml_files.areas(data, today, [])  # the problems are validate's to report
    metas = {iid: e.values for iid, e in yaml_files.indicators(data, today, []).items() if e.values["area"] in areas}
    out = []
    for iid, meta in sorted(metas.items()):
        parsed = read_csv(data / "observations" / f"{iid}.csv", "", [])
        quotes = tuple(dict.fromkeys(row.cells.get("quote", "") for row in parsed[1])) if parsed else ()
        years = tuple(sorted({int(row.cells["period"][:4]) for row in parsed[1] if row.cells.get("period", "")[:4].isdigit()})) if parsed else ()
        out.append(known(meta, tuple(q for q in quotes if q), years))
    return out


def fail(message: str) -> int:
    print(f"导入失败，没有写入任何文件 / import failed, nothing was written:\n{message}", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=os.environ.get("FILE"))
    parser.add_argument("id", nargs="?", default=os.environ.get("ID"))
    args = parser.parse_args(argv)
    if not (args.file and args.id):
        print("用法 usage: make import FILE=下载/2025年工作总结.docx ID=kjj-2025-work-summary", file=sys.stderr)
        return 2
    return run(Path(args.file), args.id, data_dir())


def run(path: Path, sid: str, data: Path) -> int:
    """Import ``path`` as source ``sid`` into ``data``; 0 when done, 1 (and nothing written) when not."""
    if not schema.valid_id(sid):
        return fail(said("bad-id", value=sid, limit=schema.MAX_ID_LENGTH))
    taken = sorted(p.name for p in (data / "sources").glob(f"{sid}.*")) + ([review_path(data, sid).name] if review_path(data, sid).exists() else [])
    if taken:
        return fail(f"来源 {sid} 已经存在（{'、'.join(taken)}）：请换一个标识 / source {sid} exists already")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings are not for staff
    try:
        document = documents.read(path)
    except documents.DocumentError as err:
        return fail(str(err))
    title, year = documents.title_and_year(document.text)
    if year is None:
        return fail("文件中找不到年份（如“2025年”），无法确定数据所属年度 / no year found in the document")
    figures = find(document.text, year)
    if not figures:
        return fail("文件中没有找到任何数字 / the document states no figures")
    indicators = known_indicators(data)
    proposals = propose(figures, indicators)

    kind = path.suffix.lower().lstrip(".")
    archive = f"{sid}.{kind}"
    original = path.read_bytes()
    text = original if kind == "txt" and not document.notice else document.text.encode("utf-8")  # a GBK .txt: its UTF-8 text
    if kind == "txt":
        original = text
    digest = hashlib.sha256(original).hexdigest()
    publisher = documents.publisher_of(title, year) or "TODO 发布单位"  # what the document does not state is left to staff
    title = title or "TODO 标题"
    note = f"由 make import 从 {path.name} 导入。{document.notice}".strip()
    files = {
        data / "sources" / f"{sid}.txt": text,
        data / "sources" / f"{sid}.yaml": SOURCE.format(
            id=sid,
            title=yaml_scalar(title),
            publisher=yaml_scalar(publisher),
            year=year,
            archive=archive,
            sha256=digest,
            note=yaml_scalar(note),
            text_hash="" if kind == "txt" else f"text_sha256: {hashlib.sha256(text).hexdigest()}\n",
        ).encode("utf-8"),
        review_path(data, sid): review_bytes(rows(proposals, sid, digest)),
    }
    if kind != "txt":
        files[data / "sources" / archive] = original
    written = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as out:  # never over a file that appeared meanwhile
                written.append(target)
                out.write(content)
    except OSError as err:
        for target in written:
            target.unlink(missing_ok=True)
        return fail(str(err))

    count = {status: sum(p.status == status for p in proposals) for status in ("proposed", "candidate", "new")}
    found = {p.indicator.id for p in proposals if p.indicator}
    silent = [k.title for k in indicators if year - 1 in k.years and k.id not in found]  # the previous year's report had them
    print(f"已导入 {path.name} → data/sources/{archive}" + (f"（文字：data/sources/{sid}.txt）" if kind != "txt" else "") + f"。{document.notice}")
    print(
        f"找到数字 {len(figures)} 个：建议 {count['proposed']} 条（status=proposed），"
        f"候选 {count['candidate']} 条（status=candidate，可信度低或口径不同），未匹配 {count['new']} 个（status=new）。"
    )
    if silent:
        print(f"{year - 1}年有数据、这份报告中没有找到的指标 {len(silent)} 项：{'、'.join(silent[:20])}{' 等' if len(silent) > 20 else ''}")
    print(
        f"下一步：核对 data/sources/{sid}.yaml；"
        f"在 Excel 或 WPS 中打开 data/imports/{sid}.csv，把要采用的行的 status 改为 accept，然后运行 make import-apply ID={sid}。"
    )
    print(
        f"Found {len(figures)} figures: {count['proposed']} proposed, {count['candidate']} candidates, {count['new']} unmatched; "
        f"{len(silent)} indicators of {year - 1} have no figure in it."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
