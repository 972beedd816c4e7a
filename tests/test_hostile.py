"""Hostile data, round three: what a careless or malicious contributor sends in a pull request. File
names that would forge CI output, formula text, ids with a newline, data that crashed the validator,
reports that would keep the importer busy for minutes, make variables that would run commands, a PDF
that runs JavaScript, symbolic links and nested folders, and characters that change what readers see.
Each is a clear `file:line:col CODE 中文 / English` problem (or a refusal), never a traceback."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from macros.data import schema
from macros.data.loader import load_catalog
from macros.data.problems import DataError
from scripts import import_source, validate
from tests.conftest import ROOT
from tests.test_validation import TODAY

OBS = "data/observations/tech-contracts.csv"
IND = "data/indicators/tech-contracts.yaml"
FORGED = "x\n::error file=README.md,line=1,title=Approved::all checks passed\ny.csv"


def problems_of(data: Path) -> list:
    with pytest.raises(DataError) as info:
        load_catalog(data, today=TODAY)
    return info.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# 1. names that forge GitHub annotations and job-summary text


@pytest.mark.parametrize("name", [FORGED, "-rf.csv", "note\u202egnp.csv", "zero\u200bwidth.csv"])
def test_a_file_name_with_a_line_break_or_invisible_character_is_refused_and_printed_escaped(fixture_data, capsys, monkeypatch, name: str) -> None:
    data = fixture_data.data
    (data / "observations" / name).write_bytes((data / "observations" / "tech-contracts.csv").read_bytes())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert validate.main([str(data)]) == 1
    out = capsys.readouterr().out
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations and all(re.match(r"::(error|warning) file=data/[^,]*,line=\d+,col=\d+::", line) for line in annotations), annotations
    assert all(line.startswith(("data/", "::error file=data/", "::warning file=data/", "……")) for line in out.splitlines() if line), out
    (found,) = [p for p in problems_of(data) if p.code == "bad-file-name"]
    assert "\n" not in str(found) and found.path.startswith("data/observations/") and "请改名" in found.zh


def test_a_folder_name_is_checked_too(fixture_data) -> None:
    (fixture_data.data / "inbox" / "a\nb").mkdir(parents=True)
    codes = {(p.code, p.path) for p in problems_of(fixture_data.data)}
    assert ("bad-file-name", "data/inbox/a\\nb") in codes and ("unexpected-file", "data/inbox/a\\nb") in codes


def test_the_inbox_preview_and_the_data_diff_show_data_text_as_typed(tmp_path: Path) -> None:
    """A report whose import fails with a message holding a code fence and a heading, and a title with
    HTML and Markdown, reach the job summary as text: no heading, image, link or fence of their own."""
    from scripts import markdown_text

    for text in ("```\n# ✅ APPROVED\n```", '<img src=x onerror="alert(1)">', "[全部通过](https://evil.example)", "| a | b |"):
        shown = markdown_text(text)
        assert "\n" not in shown and not re.search(r"(?<!\\)[<>\[\]#`|]", shown), shown
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    report = inbox / "x.txt"
    report.write_bytes(b"")
    env = {**os.environ, "SHANGHE_DATA": str(ROOT / "data")}
    run = subprocess.run([sys.executable, "-m", "scripts.inbox", "--out", str(tmp_path / "out"), str(report)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "```" not in run.stdout and "> 文件是空的" in run.stdout


# 2. formula text, however it starts


@pytest.mark.parametrize("note", ["-1+1+cmd|' /C calc'!A0", "-2*3", "=HYPERLINK(\"https://evil.example\")", "@SUM(A1)", "+1"])
def test_text_a_spreadsheet_would_run_is_refused(fixture_data, note: str) -> None:
    path = fixture_data.data / "observations" / "tech-contracts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(__import__("csv").reader([lines[1]]))
    cells[header.index("note")] = note
    buffer = io.StringIO()
    __import__("csv").writer(buffer, lineterminator="\n").writerow(cells)
    path.write_text("\n".join([lines[0], buffer.getvalue().rstrip("\n"), *lines[2:]]) + "\n", encoding="utf-8")
    found = [p for p in problems_of(fixture_data.data) if p.code == "formula-like-text"]
    assert found and found[0].path == OBS and found[0].line == 2


def test_published_files_hold_no_text_a_spreadsheet_would_run(site: Path) -> None:
    """Both machine files of every indicator, as built from the real data: no text cell of the CSV starts
    a formula, and no cell of the XLSX is one."""
    import csv

    from openpyxl import load_workbook

    numeric = {"value", "latest_value", "decimals"}
    for path in (site / "downloads").rglob("*.csv"):
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            bad = {k: v for k, v in row.items() if k not in numeric and v and schema.FORMULA_LIKE.match(v)}
            assert not bad, (path.name, bad)
    for path in [site / "downloads" / "observations.xlsx", *sorted((site / "downloads" / "indicators").glob("*.xlsx"))[:5]]:
        for sheet in load_workbook(path).worksheets:
            assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"], path.name


# 3. ids matched whole


@pytest.mark.parametrize("value", ["tech-contracts\n", "a" * (schema.MAX_ID_LENGTH + 1), "con", "com1"])
def test_an_id_is_matched_whole_short_and_not_reserved(value: str) -> None:
    assert not schema.valid_id(value)
    assert schema.valid_id("tech-contracts") and schema.valid_id("a" * schema.MAX_ID_LENGTH) and schema.valid_id("console")


def test_an_area_id_with_a_trailing_newline_is_refused(fixture_data) -> None:
    edit(fixture_data.data / "areas.yaml", "- id: transfer\n", '- id: "transfer\\n"\n')
    found = [p for p in problems_of(fixture_data.data) if p.code == "bad-id"]
    assert found and found[0].path == "data/areas.yaml" and "transfer\\n" in found[0].zh


def test_import_refuses_an_id_with_a_newline_and_writes_nothing(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("2024年新增企业12家。\n", encoding="utf-8")
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    assert import_source.run(report, "abc\n", data) == 1
    assert not list((data / "sources").iterdir())


def test_import_apply_checks_its_id(tmp_path: Path) -> None:
    outside = tmp_path / "evil" / "rev.csv"
    outside.parent.mkdir()
    outside.write_text("status\naccept\n", encoding="utf-8")
    env = {**os.environ, "SHANGHE_DATA": str(ROOT / "data"), "ID": "../../../../" + str(outside.with_suffix("")).lstrip("/")}
    run = subprocess.run([sys.executable, "-m", "scripts.import_apply"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 2 and "bad-id" not in run.stderr and "只能用小写字母" in run.stderr and "Traceback" not in run.stderr


# 4. what used to crash


def test_a_deeply_nested_glossary_is_a_problem_not_a_recursion_error(fixture_data) -> None:
    (fixture_data.data / "glossary.yaml").write_text("- term: 深\n  definition: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "yaml-too-deep"]
    assert (found.path, found.line) == ("data/glossary.yaml", 2)


def test_a_250_character_id_is_a_problem_before_any_file_is_written(fixture_data) -> None:
    data = fixture_data.data
    long = "a" * 250
    (data / "indicators" / "tech-contracts.yaml").rename(data / "indicators" / f"{long}.yaml")
    (data / "observations" / "tech-contracts.csv").rename(data / "observations" / f"{long}.csv")
    edit(data / "indicators" / f"{long}.yaml", "id: tech-contracts", f"id: {long}")
    found = [p for p in problems_of(data) if p.code == "bad-id"]
    assert found and found[0].path == f"data/indicators/{long}.yaml" and "最多 64 个字符" in found[0].zh


# 5. the importer's size and work limits


def test_import_refuses_a_30_mb_report_at_once(tmp_path: Path) -> None:
    report = tmp_path / "huge.txt"
    with report.open("wb") as f:
        f.truncate(30 * 1024 * 1024)
    started = time.perf_counter()
    assert import_source.run(report, "huge", tmp_path / "data") == 1
    assert time.perf_counter() - started < 5  # refused before anything is read, not a benchmark


def test_import_refuses_a_docx_of_millions_of_empty_paragraphs(tmp_path: Path, capsys) -> None:
    report = tmp_path / "bomb.docx"
    body = b"<w:p/>" * 5_000_000
    with zipfile.ZipFile(report, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>")
    assert report.stat().st_size < 200_000
    assert import_source.run(report, "bomb", tmp_path / "data") == 1
    assert "上限" in capsys.readouterr().err


def test_finding_figures_takes_time_in_proportion_to_the_text(tmp_path: Path) -> None:
    """Four times the lines take about four times the time, well under eight (a quadratic search takes
    sixteen times: 8,000 lines were 108 s); the wide margin keeps a busy machine from failing it."""
    import contextlib

    def seconds(lines: int) -> float:
        data = tmp_path / f"data-{lines}"
        import shutil

        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("releases"))
        report = tmp_path / f"r{lines}.txt"
        report.write_text("商河县科技局2024年工作总结\n" + "\n".join(f"全县新增高新技术企业{i % 90 + 3}家，技术合同成交额{i % 50 + 1}.5亿元，同比增长{i % 30 + 1}%。" for i in range(lines)), encoding="utf-8")
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            assert import_source.run(report, f"r{lines}", data) == 0
        return time.perf_counter() - started

    seconds(200)  # imports and caches warm
    small, large = seconds(600), seconds(2400)
    assert large < 8 * small, (small, large)


# 6. make variables reach the scripts as typed


def test_make_variables_are_never_expanded(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    command = f"$(shell touch {marker})"
    show = subprocess.run(["make", "-s", "--eval", 'show: ; @printf "[%s]" "$$SUMMARY"', "show", f"SUMMARY=费用 $5 {command}"], cwd=ROOT, capture_output=True, text=True)
    assert show.stdout == f"[费用 $5 {command}]" and not marker.exists()
    run = subprocess.run(["make", "-s", "validate", f"BASE={command}"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0 and not marker.exists() and "不是本仓库中的提交" in run.stderr
    empty = subprocess.run(["make", "-s", "validate", "BASE="], cwd=ROOT, capture_output=True, text=True)
    assert empty.returncode != 0 and "BASE 为空" in empty.stderr


# 8. PDFs that run something


def pdf(*objects: bytes) -> bytes:
    """A small PDF of the given objects (1 0 obj first: the catalog), with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PAGES = (b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
SCRIPTED = {
    "open-action": pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", *PAGES),
    "launch": pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", *PAGES, b"<< /S /Launch /F (calc.exe) >>"),
    "names": pdf(b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>", *PAGES, b"<< /Names [(x) << /S /JavaScript /JS (1) >>] >>"),
}


@pytest.mark.parametrize("case", sorted(SCRIPTED))
def test_a_pdf_that_runs_something_is_refused_at_import(tmp_path: Path, capsys, case: str) -> None:
    report = tmp_path / f"{case}.pdf"
    report.write_bytes(SCRIPTED[case])
    assert import_source.run(report, "scripted", tmp_path / "data") == 1
    assert "PDF 含有打开时会运行的内容" in capsys.readouterr().err


def test_a_plain_pdf_has_no_active_content() -> None:
    from macros.data.readers import pdf_active_content

    assert pdf_active_content(ROOT / "tests" / "fixtures" / "import" / "scanned.pdf") == []


def test_an_archived_pdf_that_runs_something_is_refused_at_validation(fixture_data, tmp_path: Path) -> None:
    import hashlib

    data = fixture_data.data
    archive = data / "sources" / "test-source.pdf"
    archive.write_bytes(SCRIPTED["open-action"])
    source = data / "sources" / "test-source.yaml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"archive: .*", "archive: test-source.pdf", text)
    text = re.sub(r"sha256: .*", f"sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}", text)
    source.write_text(text, encoding="utf-8")
    (found,) = [p for p in problems_of(data) if p.code == "pdf-active-content"]
    assert found.path == "data/sources/test-source.yaml" and "JavaScript" in found.zh


# 9. symbolic links and nested folders


def test_import_and_the_inbox_preview_do_not_follow_a_symbolic_link(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("2024年新增企业12家。机密\n", encoding="utf-8")
    link = tmp_path / "inbox" / "report.txt"
    link.parent.mkdir()
    link.symlink_to(secret)
    assert import_source.run(link, "linked", tmp_path / "data") == 1
    env = {**os.environ, "SHANGHE_DATA": str(ROOT / "data")}
    run = subprocess.run([sys.executable, "-m", "scripts.inbox", "--out", str(tmp_path / "out"), str(link)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "机密" not in run.stdout and "符号链接" in run.stdout


@pytest.mark.parametrize("folder", ["inbox", "sources", "indicators", "observations"])
def test_nested_folders_under_data_are_refused(fixture_data, folder: str) -> None:
    nested = fixture_data.data / folder / "tools"
    nested.mkdir(parents=True)
    (nested / "run.sh").write_text("rm -rf /\n", encoding="utf-8")
    assert ("unexpected-file", f"data/{folder}/tools") in {(p.code, p.path) for p in problems_of(fixture_data.data)}


# 10. characters that change what readers see


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066", "\ufeff", "\x07"])
def test_bidi_and_zero_width_characters_in_data_text_are_named(fixture_data, char: str) -> None:
    edit(fixture_data.data / "indicators" / "tech-contracts.yaml", "title: 技术合同认定登记数", f'title: "技术\\u{ord(char):04x}合同认定登记数"')
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "invisible-character"]
    assert found.path == IND and f"U+{ord(char):04X}" in found.zh and f"U+{ord(char):04X}" in found.en and "第 3 个字符" in found.zh
