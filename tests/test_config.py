"""Site configuration that protects readers: undefined template variables fail the build."""

from __future__ import annotations

import os
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


def test_remembered_word_splits_are_jiebas_own(monkeypatch) -> None:
    """The search splits each run of Chinese once per build; the splits must be exactly jieba's."""
    import jieba

    from macros.mkdocs_hooks import remember_word_splits

    monkeypatch.setattr(jieba, "cut", jieba.cut)  # put jieba back afterwards
    texts = ["规上企业填报研发费用", "省科技特派员备案总量", "高新技术产业产值占比", "科技型中小企业"]
    expected = [list(jieba.cut(t.encode("utf-8"))) for t in texts]
    remember_word_splits()
    assert hasattr(jieba.cut, "cache_info")
    for _ in range(2):  # first made, then remembered
        assert [list(jieba.cut(t.encode("utf-8"))) for t in texts] == expected
    assert jieba.cut.cache_info().hits >= len(texts)
