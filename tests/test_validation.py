"""The validator: every class of bad input gives a coded error naming file, line and column."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.loader import load_catalog
from macros.data.problems import DataError
from scripts import validate

ROOT = Path(__file__).resolve().parent.parent

TODAY = dt.date(2026, 11, 27)
OBS = "data/observations/tech-contracts.csv"
IND = "data/indicators/tech-contracts.yaml"

# case (a folder under fixtures/invalid/): (code, path, line, column or None)
CASES = {
    "quote-not-in-source": ("quote-not-in-source", OBS, 2, 25),
    "value-not-in-quote": ("value-not-in-quote", OBS, 2, 6),
    "thousands-separator": ("bad-number", OBS, 2, 6),
    "full-width-digits": ("bad-number", OBS, 2, 6),
    "percent-sign": ("bad-number", "data/observations/coverage.csv", 2, 6),
    "chinese-text-value": ("bad-number", OBS, 2, 6),
    "empty-value": ("empty-value", OBS, 2, 6),
    "value-with-missing-flag": ("value-with-missing-flag", OBS, 2, 6),
    "todo-left": ("todo-left", IND, 3, 11),
    "todo-in-caveats": ("todo-left", IND, 9, 5),
    "sha-placeholder": ("archive-hash", "data/sources/test-source.yaml", 7, 9),
    "duplicate-period": ("duplicate-period", OBS, 3, 1),
    "unknown-column": ("csv-header", OBS, 1, 63),
    "row-length": ("csv-row-length", OBS, 2, 1),
    "future-period": ("future-period", OBS, 2, 1),
    "bad-period": ("bad-period", OBS, 2, 1),
    "share-over-100": ("share-out-of-range", "data/observations/coverage.csv", 2, 6),
    "negative-count": ("negative-count", OBS, 2, 6),
    "derived-without-note": ("derived-without-note", "data/observations/commissioners.csv", 3, None),
    "unknown-flag": ("bad-choice", OBS, 2, 9),
    "unknown-source": ("unknown-ref", OBS, 2, None),
    "missing-unit": ("missing-field", IND, 1, 1),
    "unknown-unit": ("bad-choice", IND, 5, 7),
    "typo-key": ("unknown-key", IND, 6, 1),
    "unknown-area": ("unknown-ref", IND, 4, 7),
    "id-mismatch": ("id-mismatch", IND, 1, 5),
    "duplicate-key": ("duplicate-key", IND, 10, 1),
    "yaml-python-tag": ("yaml-tag", IND, 2, 8),
    "yaml-syntax": ("yaml-syntax", IND, None, None),
    "archive-hash": ("archive-hash", "data/sources/test-source.yaml", 7, 9),
    "gbk-csv": ("not-utf8", OBS, 2, 1),
    "formula-mismatch": ("formula-mismatch", "data/observations/commissioners.csv", 3, 60),
    "bad-formula": ("bad-formula", "data/observations/commissioners.csv", 3, 60),
    "register-table-missing": ("register-table-missing", "data/registers/orphan.yaml", 1, 1),
    "bad-change-wording": ("bad-change-wording", "data/indicators/commissioners-new.yaml", 1, 1),
    "rank-without-scope": ("rank-without-scope", IND, 1, 1),
    "wording-without-note": ("wording-without-note", OBS, 2, 53),
    "period-basis-month": ("bad-period-basis", OBS, 2, 53),
    "formula-title": ("formula-like-text", IND, 2, 8),
    "formula-note": ("formula-like-text", OBS, 2, 41),
    "javascript-url": ("bad-url", "data/dataset.yaml", 11, 14),
    "negative-decimals": ("out-of-range", IND, 6, 11),
    "weak-quote": ("weak-quote", OBS, 2, 25),
    "yaml-alias": ("yaml-alias", IND, 7, 13),
    "not-a-mapping": ("not-a-mapping", IND, 1, 1),
    "not-a-list": ("not-a-list", "data/areas.yaml", 1, 1),
    "bad-type": ("bad-type", IND, 6, 11),
    "duplicate-id": ("duplicate-id", "data/areas.yaml", 5, 3),
    "period-type": ("period-type", OBS, 2, 1),
    "bad-date": ("bad-date", OBS, 2, 11),
    "missing-observations": ("missing-observations", "data/indicators/tech-contracts-copy.yaml", 1, 1),
    "orphan-observations": ("orphan-observations", "data/observations/no-such-indicator.csv", 1, 1),
    "bad-version": ("bad-version", "data/releases.yaml", 1, 12),
    "release-order": ("release-order", "data/releases.yaml", 1, 1),
    "archive-missing": ("archive-missing", "data/sources/test-source.yaml", 1, 1),
    "import-accept-without-indicator": ("import-accept-without-indicator", "data/imports/test-source.csv", 2, 13),
}


def problems_of(data: Path, today: dt.date = TODAY) -> list:
    """The problems of a fixture tree, on the fixtures' day (a copy of the real data: on today's)."""
    with pytest.raises(DataError) as info:
        load_catalog(data, today=today)
    return info.value.problems


def test_fixture_tree_is_valid(fixture_data) -> None:
    cat = load_catalog(fixture_data.data, today=TODAY)
    assert set(cat.indicators) == {"tech-contracts", "commissioners", "commissioners-new", "coverage"}


def test_every_case_has_a_fixture() -> None:
    folders = {p.name for p in (Path(__file__).parent / "fixtures" / "invalid").iterdir()}
    assert folders == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_named_with_file_and_line(case: str, fixture_data) -> None:
    code, path, line, column = CASES[case]
    found = problems_of(fixture_data(case))
    matching = [p for p in found if p.code == code and p.path == path]
    assert matching, f"expected {code} in {path}, got:\n" + "\n".join(map(str, found))
    p = matching[0]
    if line is not None:
        assert p.line == line, str(p)
    if column is not None:
        assert p.column == column, str(p)
    text = str(p)
    assert text.startswith(f"{p.path}:{p.line}:{p.column} {code} ")
    assert " / " in text and p.zh and p.en, "message must be in Chinese and English"


def test_python_tag_is_never_executed(fixture_data, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    problems_of(fixture_data("yaml-python-tag"))
    assert not (tmp_path / "shanghe-yaml-tag-was-executed").exists()


def test_gbk_message_says_how_to_resave(fixture_data) -> None:
    (p,) = [p for p in problems_of(fixture_data("gbk-csv")) if p.code == "not-utf8"]
    assert "UTF-8" in p.zh and "另存为" in p.zh


def test_all_problems_are_listed_at_once(fixture_data) -> None:
    fixture_data("typo-key")
    fixture_data("share-over-100")
    fixture_data("derived-without-note")
    codes = {p.code for p in problems_of(fixture_data.data)}
    assert {"unknown-key", "share-out-of-range", "derived-without-note"} <= codes


def test_validate_command_exits_nonzero_and_prints_every_problem(fixture_data, capsys, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    fixture_data("duplicate-period")
    fixture_data("missing-unit")
    assert validate.main([str(fixture_data.data)]) == 1
    out = capsys.readouterr()
    assert f"{OBS}:3:1 duplicate-period" in out.out
    assert f"{IND}:1:1 missing-field" in out.out
    assert "数据校验未通过" in out.err


def test_validate_command_emits_github_annotations(fixture_data, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert validate.main([str(fixture_data("duplicate-period"))]) == 1
    assert f"::error file={OBS},line=3," in capsys.readouterr().out


def test_validate_command_passes_on_valid_data(fixture_data, capsys) -> None:
    assert validate.main([str(fixture_data.data)]) == 0
    assert "数据校验通过" in capsys.readouterr().out


def test_no_site_is_built_from_bad_data(fixture_data, tmp_path: Path, mkdocs_build) -> None:
    """mkdocs build stops in on_config before writing anything when the data is invalid."""
    data = fixture_data("quote-not-in-source")
    out = tmp_path / "site"
    run = mkdocs_build(out, data)
    assert run.returncode != 0
    assert "quote-not-in-source" in run.stderr
    assert "数据校验未通过" in run.stderr
    assert not out.exists()


def test_missing_flag_allows_an_empty_value(fixture_data) -> None:
    data = fixture_data("missing-value-flagged")
    cat = load_catalog(data, today=TODAY)
    ind = cat.indicators["tech-contracts"]
    assert [m.period.text for m in ind.missing] == ["2023"]
    assert [o.period.text for o in ind.observations] == ["2024"]


def test_large_change_is_a_warning_not_an_error(fixture_data) -> None:
    from macros.data.loader import Loader

    data = fixture_data("large-change")
    loader = Loader(data, TODAY)
    loader.load()
    (w,) = loader.warnings
    assert (w.code, w.path, w.line) == ("large-change", "data/observations/commissioners.csv", 2)


def test_placeholder_hash_gets_the_real_one(fixture_data) -> None:
    import hashlib

    data = fixture_data("sha-placeholder")
    actual = hashlib.sha256((data / "sources" / "test-source.txt").read_bytes()).hexdigest()
    found = problems_of(data)
    assert [p.code for p in found] == ["archive-hash"], "one clear problem, not a type error as well"
    assert actual in found[0].zh


def test_a_short_row_is_not_also_called_an_empty_file(fixture_data) -> None:
    codes = [p.code for p in problems_of(fixture_data("row-length"))]
    assert codes == ["csv-row-length"]


def test_copied_indicator_with_the_same_title_is_a_warning(fixture_data) -> None:
    from macros.data.loader import Loader

    data = fixture_data.data
    text = (data / "indicators" / "tech-contracts.yaml").read_text(encoding="utf-8").replace("id: tech-contracts", "id: tech-contracts-copy")
    (data / "indicators" / "tech-contracts-copy.yaml").write_text(text, encoding="utf-8")
    (data / "observations" / "tech-contracts-copy.csv").write_bytes((data / "observations" / "tech-contracts.csv").read_bytes())
    loader = Loader(data, TODAY)
    loader.load()
    assert [(w.code, w.path) for w in loader.warnings] == [("duplicate-title", "data/indicators/tech-contracts-copy.yaml")]


def test_zero_written_in_words_is_not_a_stated_number() -> None:
    from decimal import Decimal

    from macros.data.loader import value_in_quote

    assert not value_in_quote(Decimal(0), "今年以来，无违纪违法问题和责任事故发生")
    assert value_in_quote(Decimal("6.02"), "共计6.02亿元") and value_in_quote(Decimal(0), "增加0项")


def test_a_commitment_with_indicators_says_what_they_measure(tmp_path: Path) -> None:
    import re
    import shutil

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    plan = data / "plan.yaml"
    plan.write_text(re.sub(r"\n        measures: [^\n]*", "", plan.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    found = problems_of(data, dt.date.today())
    assert [(p.code, p.path) for p in found] == [("measures-missing", "data/plan.yaml")]


def test_a_flood_of_problems_is_listed_up_to_a_limit(fixture_data) -> None:
    """One broken file can hold a million problems: the first 200 are listed, then how many more."""
    data = fixture_data.data
    rows = "".join(f"{2000 + n % 25},9{n},,,,,test-source,x,\n" for n in range(300))
    (data / "observations" / "tech-contracts.csv").write_text("period,value,flag,qualifier,as_of,breakdown,source,quote,note\n" + rows, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "scripts.validate", str(data)], cwd=ROOT, capture_output=True, text=True)
    lines = run.stdout.splitlines()
    assert run.returncode == 1 and len(lines) == 201, len(lines)
    assert re.search(r"另有 [0-9]+ 个问题未列出", lines[-1])


def test_data_text_cannot_forge_a_github_annotation(fixture_data) -> None:
    data = fixture_data.data
    (data / "observations" / "tech-contracts.csv").write_text(
        "period,value,flag,qualifier,as_of,breakdown,source,quote,note\n2024,95,bad,,,,test-source,全县完成技术合同认定登记95项,\n"
        '2024,95,,,,"x\n::warning file=README.md,line=1::forged",test-source,全县完成技术合同认定登记95项,\n',
        encoding="utf-8",
    )
    (data / "indicators" / "tech-contracts.yaml").write_text(
        (data / "indicators" / "tech-contracts.yaml").read_text(encoding="utf-8").replace("unit: 项", "unit: '项\\n::warning file=README.md::forged'"),
        encoding="utf-8",
    )
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    run = subprocess.run([sys.executable, "-m", "scripts.validate", str(data)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert not [line for line in run.stdout.splitlines() if line.startswith("::warning file=README.md")], run.stdout
    assert any(line.startswith("::error file=data/indicators/tech-contracts.yaml") for line in run.stdout.splitlines())


HEADER = "period,value,flag,qualifier,as_of,breakdown,source,quote,note,formula\n"
ROW = "{period},{value},{flag},,,,test-source,全县完成技术合同认定登记95项,{note},{formula}\n"
HOSTILE = {
    # name: (file under data/, its text, the code expected for that file)
    "year 0": ("observations/tech-contracts.csv", HEADER + ROW.format(period="0000", value=95, flag="", note="", formula=""), "bad-period"),
    "year 9999": ("observations/tech-contracts.csv", HEADER + ROW.format(period="9999-12/9999-12", value=95, flag="", note="", formula=""), "bad-period"),
    "infinite formula": (
        "observations/tech-contracts.csv",
        HEADER + ROW.format(period="2024", value=95, flag="derived", note="推算", formula="95 + 1e309"),
        "bad-formula",
    ),
    "deep formula": (
        "observations/tech-contracts.csv",
        HEADER + ROW.format(period="2024", value=95, flag="derived", note="推算", formula="+".join(["1"] * 5000)),
        "bad-formula",
    ),
    "401 digits": ("observations/tech-contracts.csv", HEADER + ROW.format(period="2024", value="9" * 401, flag="", note="", formula=""), "bad-number"),
    "huge quote": ("observations/tech-contracts.csv", HEADER + "2024,95,,,,,test-source," + "长" * 140_000 + ",,\n", "csv-error"),
    "duplicate column": (
        "observations/tech-contracts.csv",
        "period,value,value,flag,qualifier,as_of,breakdown,source,quote,note\n2024,95,96,,,,,test-source,全县完成技术合同认定登记95项,\n",
        "csv-header",
    ),
    ".yml file": ("indicators/extra.yml", "id: extra\n", "unexpected-file"),
    ".CSV file": ("observations/extra.CSV", HEADER, "unexpected-file"),
    ".csv.txt file": ("observations/extra.csv.txt", HEADER, "unexpected-file"),
    "archive outside": ("sources/test-source.yaml", None, "bad-archive"),
    "impossible date": (
        "observations/tech-contracts.csv",
        HEADER.replace("note,formula", "note,formula") + "2024,95,,,2024-02-30,,test-source,全县完成技术合同认定登记95项,,\n",
        "no-such-date",
    ),
    "alias bomb": ("indicators/tech-contracts.yaml", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n", "yaml-alias"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_a_problem_not_a_crash(case: str, fixture_data) -> None:
    data = fixture_data.data
    name, text, code = HOSTILE[case]
    path = data / name
    if text is None:  # the source points its archive at a file outside data/sources/
        text = path.read_text(encoding="utf-8").replace("archive: test-source.txt", "archive: ../../README.md")
    path.write_text(text, encoding="utf-8")
    found = problems_of(data)
    assert any(p.code == code and p.path == f"data/{name}" for p in found), [str(p) for p in found][:5]


def test_symbolic_links_under_data_are_refused(fixture_data) -> None:
    data = fixture_data.data
    (data / "sources" / "test-source.txt").rename(data / "original.txt")
    (data / "sources" / "test-source.txt").symlink_to(data / "original.txt")
    codes = {(p.code, p.path) for p in problems_of(data)}
    assert ("symlink", "data/sources/test-source.txt") in codes


def test_an_archive_that_is_not_utf8_gets_no_checksum_hint(fixture_data) -> None:
    """The SHA-256 of bytes in the wrong encoding would only mislead: the problem is the encoding."""
    data = fixture_data.data
    path = data / "sources" / "test-source.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    codes = {p.code for p in problems_of(data) if p.path.startswith("data/sources/")}
    assert "not-utf8" in codes and "archive-hash" not in codes


def test_a_missing_or_huge_file_is_named(fixture_data) -> None:
    data = fixture_data.data
    (data / "areas.yaml").unlink()
    with (data / "observations" / "coverage.csv").open("ab") as f:
        f.truncate(21 * 1024 * 1024)  # past the 20 MB limit, without writing 21 MB
    found = {(p.code, p.path) for p in problems_of(data)}
    assert ("file-missing", "data/areas.yaml") in found and ("file-too-large", "data/observations/coverage.csv") in found, found


def test_a_missing_archive_is_the_one_named(fixture_data) -> None:
    (p,) = [p for p in problems_of(fixture_data("archive-missing")) if p.code == "archive-missing"]
    assert "test-source.docx" in p.zh, "the archive the source names, not its text"


def test_the_codes_tests_produce_are_recorded(produced_codes: set[str]) -> None:
    """A whole run of the suite fails when some code the validator can report was never produced by a
    test (tests/conftest.py records the code of every problem made): here, that the record works."""
    from macros.data.problems import problem

    problem("data/x.csv", 1, 1, "release-order", value="2023.9")
    assert "release-order" in produced_codes
