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
