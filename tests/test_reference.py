"""Files derived from the schema are current, and the data files match the editor schemas."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.data.readers import read_yaml
from macros.data.reference import YAML_FILES, derived_files

ROOT = Path(__file__).resolve().parent.parent


def test_derived_files_are_up_to_date() -> None:
    stale = [path for path, text in derived_files().items() if not (ROOT / path).is_file() or (ROOT / path).read_text(encoding="utf-8") != text]
    assert not stale, f"run `make schemas`: stale {stale}"


def test_every_problem_code_is_listed_for_staff_and_every_listed_code_exists() -> None:
    """docs/fields.md lists every code the validator reports (it is generated from problems.MESSAGES);
    every code the code reports has a message, every message is reported somewhere, and the guide's
    table of common errors names only real codes."""
    import ast

    from macros.data.problems import MESSAGES

    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", (ROOT / "docs" / "fields.md").read_text(encoding="utf-8"), re.M))
    assert set(MESSAGES) <= listed, set(MESSAGES) - listed
    used: set[str] = set()
    for path in (ROOT / "macros").rglob("*.py"):
        if path.name == "problems.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("add", "warn", "problem") and len(node.args) >= 4:
                code = node.args[3]
                if isinstance(code, ast.Constant):
                    assert code.value in MESSAGES, f"{path.name}: {code.value} has no message"
            if isinstance(node, ast.Constant) and node.value in MESSAGES:
                used.add(node.value)
    assert set(MESSAGES) <= used, f"messages no code reports: {set(MESSAGES) - used}"
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `([a-z0-9-]+)`", guide.split("## 常见错误", 1)[1], re.M))
    assert table and table <= set(MESSAGES), table - set(MESSAGES)


def plain(node):  # Located tree -> plain Python, as an editor's YAML 1.2 parser sees it (dates stay text)
    value = node.value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def test_every_data_file_matches_its_editor_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert set(settings["yaml.schemas"]) == {f"./schemas/{name}.schema.json" for name in YAML_FILES}
    checked = 0
    for schema_path, pattern in settings["yaml.schemas"].items():
        schema = json.loads((ROOT / schema_path).read_text(encoding="utf-8"))
        for path in ROOT.glob(pattern):
            jsonschema.validate(plain(read_yaml(path, str(path), [])), schema)
            checked += 1
    assert checked > 55


def test_editor_schema_catches_a_typo() -> None:
    schema = json.loads((ROOT / "schemas" / "indicator.schema.json").read_text(encoding="utf-8"))
    good = plain(read_yaml(ROOT / "data" / "indicators" / "tech-contracts.yaml", "x", []))
    bad = {**good, "unti": good["unit"]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert errors and "unti" in errors[0].message


def test_new_indicator_scaffold_guides_to_a_valid_file(fixture_data) -> None:
    data = fixture_data.data
    env = {**os.environ, "SHANGHE_DATA": str(data)}
    scaffold = [sys.executable, "-m", "scripts.new_indicator", "rural-contracts", "--area", "transfer", "--unit", "项", "--title"]
    run = subprocess.run([*scaffold, "农村技术合同"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = (data / "indicators" / "rural-contracts.yaml").read_text(encoding="utf-8")
    assert "# 指标代码" in text and "TODO" in text
    check = subprocess.run([sys.executable, "-m", "scripts.validate", str(data)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 1
    assert "todo-left" in check.stdout and "empty-file" in check.stdout
    again = subprocess.run([*scaffold, "x"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "已存在" in again.stderr


def test_every_example_in_the_staff_guide_says_it_is_not_real_data() -> None:
    """A staff member copying an example must not mistake it for data: each code example that holds a
    data row, a revision or a new indicator is introduced as a made-up example."""
    lines = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8").splitlines()
    assert any("不是真实数据" in line for line in lines[:15]), "the guide says up front that its examples are made up"
    fences = [n for n, line in enumerate(lines) if line.strip().startswith("```")]
    blocks = [(start, lines[start + 1 : end]) for start, end in zip(fences[::2], fences[1::2], strict=False)]
    examples = [
        (start, body) for start, body in blocks if any(line.count(",") >= 5 and re.search(r"[0-9]", line) or "make new-indicator" in line for line in body)
    ]
    assert len(examples) >= 3
    for start, body in examples:
        before = " ".join(lines[max(0, start - 4) : start])
        assert "虚构" in before or "示例" in before, body


@pytest.mark.parametrize("title", ["技术合同 #2", "研发投入: 合计", "[试点]技术合同", "yes", 'x"; echo INJECTED >&2; echo "'])
def test_make_new_indicator_keeps_any_title_as_typed(title: str, fixture_data) -> None:
    """What staff type reaches the script through the environment and is written by the YAML library:
    '#', ': ', brackets and 'yes' stay text, and a quote cannot run a command."""
    data = fixture_data.data
    env = {**os.environ, "SHANGHE_DATA": str(data)}
    run = subprocess.run(
        ["make", "--no-print-directory", "new-indicator", "ID=new-one", "AREA=transfer", "UNIT=项", f"TITLE={title}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "INJECTED" not in run.stdout + run.stderr
    meta = yaml.safe_load((data / "indicators" / "new-one.yaml").read_text(encoding="utf-8"))
    assert meta["title"] == title and meta["unit"] == "项"


def test_the_guides_revision_example_is_what_the_validator_asks_for(tmp_path: Path) -> None:
    """The guide's made-up correction (51 → 52 with the derived 2023 row) applied to a copy of the
    real data passes, and leaving out the derived row's own line fails: every changed value has its line."""
    import hashlib
    import shutil

    from macros.data.loader import load_catalog
    from macros.data.problems import DataError

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    block = guide.split("```\n   indicator_id,period,breakdown,old_value", 1)[1].split("```", 1)[0]
    lines = ["indicator_id,period,breakdown,old_value" + block.splitlines()[0]] + [line.strip() for line in block.splitlines()[1:] if line.strip()]
    assert len(lines) == 3 and all(",修订," in line for line in lines[1:]), "the source office's own correction is a 修订, one line per changed value"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = "商河县科学技术局更正说明（测试用，虚构）：2024年省科技特派员备案总量为52人。\n"
    (data / "sources" / "kjj-correction.txt").write_text(text, encoding="utf-8")
    (data / "sources" / "kjj-correction.yaml").write_text(
        "id: kjj-correction\ntitle: 更正说明（虚构）\ntitle_en: Correction (made up)\npublisher: 测试\n"
        f"year: 2026\narchive: kjj-correction.txt\nsha256: {hashlib.sha256(text.encode()).hexdigest()}\n",
        encoding="utf-8",
    )
    obs = data / "observations" / "sci-tech-commissioners-total.csv"
    rows = obs.read_text(encoding="utf-8").splitlines()
    rows = [
        "2024,52,,,,,kjj-correction,2024年省科技特派员备案总量为52人,,,to_date"
        if row.startswith("2024,51,")
        else row.replace("2023,45,", "2023,46,").replace("51人减去", "52人减去").replace(",51 - 6,", ",52 - 6,")
        for row in rows
    ]
    obs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (data / "revisions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cat = load_catalog(data)
    assert [(r.period.text, r.old_value, r.new_value) for r in cat.indicator_revisions("sci-tech-commissioners-total")] == [("2023", 45, 46), ("2024", 51, 52)]
    (data / "revisions.csv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_catalog(data)
    assert [(p.path, p.code) for p in err.value.problems] == [("data/observations/sci-tech-commissioners-total.csv", "unrecorded-revision")]
