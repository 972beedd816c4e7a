"""Site configuration that protects readers: undefined template variables fail the build."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_undefined_variable_in_a_page_fails_the_build(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "docs", "macros", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / "docs" / "about.md").write_text("# 关于\n\n{{ no_such_variable }}\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHANGHE_CACHE": str(ROOT / ".cache")}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "no_such_variable" in run.stderr
    assert not (tmp_path / "site" / "about" / "index.html").exists()


def test_make_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    """`make build` is strict: a link to a missing page stops it (MkDocs' --quiet would silence the
    warning, and with it the strict check)."""
    recipe = re.search(r"^build:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe, "no build recipe in the Makefile"
    command = shlex.split(recipe.group(1).replace("$(BIN)/python", shlex.quote(sys.executable)))
    for name in ("mkdocs.yml", "docs", "macros", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    with (tmp_path / "docs" / "about.md").open("a", encoding="utf-8") as f:
        f.write("\n[坏链接](no-such-page.md)\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHANGHE_CACHE": str(tmp_path / "cache")}
    run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "no-such-page.md" in run.stderr


def test_word_splits_are_jiebas_own_and_remembered_between_builds(monkeypatch, tmp_path: Path) -> None:
    """The search splits each run of Chinese once; the splits must be exactly jieba's, and the
    next build takes them from the cache without asking jieba (loading it alone takes 0.5 s)."""
    import jieba

    from macros import word_splits

    monkeypatch.setattr(jieba, "cut", jieba.cut)  # put jieba back afterwards
    monkeypatch.setattr(word_splits, "CACHE_ROOT", tmp_path)
    texts = ["规上企业填报研发费用", "省科技特派员备案总量", "高新技术产业产值占比", "科技型中小企业"]
    expected = [list(jieba.cut(t.encode("utf-8"))) for t in texts]
    asked: list[object] = []
    split = jieba.cut

    def spy(sentence: object, *args: object) -> object:
        asked.append(sentence)
        return split(sentence, *args)

    monkeypatch.setattr(jieba, "cut", spy)
    word_splits.remember()  # the first build
    for _ in range(2):  # first made, then remembered
        assert [list(jieba.cut(t.encode("utf-8"))) for t in texts] == expected
    assert len(asked) == len(texts)
    word_splits.keep()

    word_splits.remember()  # the next build
    assert [list(jieba.cut(t.encode("utf-8"))) for t in texts] == expected
    assert len(asked) == len(texts), "a remembered run was split again"
    assert [list(jieba.cut(t)) for t in ["数据更新指南"]] == [list(split("数据更新指南"))]
