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
    run = subprocess.run([sys.executable, "-m", "scripts.new_indicator", "rural-contracts", "--area", "transfer", "--unit", "项", "--title", "农村技术合同"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = (data / "indicators" / "rural-contracts.yaml").read_text(encoding="utf-8")
    assert "# 指标代码" in text and "TODO" in text
    check = subprocess.run([sys.executable, "-m", "scripts.validate", str(data)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 1
    assert "todo-left" in check.stdout and "empty-file" in check.stdout
    again = subprocess.run([sys.executable, "-m", "scripts.new_indicator", "rural-contracts", "--area", "transfer", "--unit", "项", "--title", "x"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "已存在" in again.stderr


def test_every_example_in_the_staff_guide_says_it_is_not_real_data() -> None:
    """A staff member copying an example must not mistake it for data: each code example that holds a
    data row, a revision or a new indicator is introduced as a made-up example."""
    lines = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8").splitlines()
    assert any("不是真实数据" in line for line in lines[:15]), "the guide says up front that its examples are made up"
    fences = [n for n, line in enumerate(lines) if line.strip().startswith("```")]
    blocks = [(start, lines[start + 1 : end]) for start, end in zip(fences[::2], fences[1::2], strict=False)]
    examples = [(start, body) for start, body in blocks if any(line.count(",") >= 5 and re.search(r"[0-9]", line) or "make new-indicator" in line for line in body)]
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
    run = subprocess.run(["make", "--no-print-directory", "new-indicator", "ID=new-one", "AREA=transfer", "UNIT=项", f"TITLE={title}"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "INJECTED" not in run.stdout + run.stderr
    meta = yaml.safe_load((data / "indicators" / "new-one.yaml").read_text(encoding="utf-8"))
    assert meta["title"] == title and meta["unit"] == "项"
