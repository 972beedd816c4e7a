"""Data text never runs: markup and template syntax in any text field show as plain text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "data", data)
    shutil.copytree(FIXTURES / "hostile", data, dirs_exist_ok=True)
    out = tmp_path / "site"
    env = {**os.environ, "SHANGHE_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    for path, html in pages.items():
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    page = pages[out / "indicators" / "tech-contracts" / "index.html"]
    assert "<title>技术合同&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;{{ config }}{% raw %}\\1&amp;amp;" in page
    for text in ("{{ 7*7 }}", "&lt;script&gt;alert(&#x27;definition&#x27;)", "&lt;script&gt;alert(&#x27;caveat&#x27;)", "{% if true %}", "&lt;script&gt;alert(&#x27;note&#x27;)", "\\1"):
        assert text in page, text
    assert "&lt;script&gt;alert(&#x27;name&#x27;)" in page
