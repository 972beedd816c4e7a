"""Site configuration that protects readers: undefined template variables fail the build."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_undefined_variable_in_a_page_fails_the_build(tmp_path: Path, mkdocs_build, site: Path) -> None:
    for name in ("mkdocs.yml", "docs", "macros", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / "docs" / "about.md").write_text("# 关于\n\n{{ no_such_variable }}\n", encoding="utf-8")
    run = mkdocs_build(None, cwd=tmp_path)
    assert run.returncode != 0
    assert "no_such_variable" in run.stderr
    assert not (tmp_path / "site" / "about" / "index.html").exists()


@pytest.mark.site
def test_make_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    """`make build` is strict: a link to a missing page stops it (MkDocs' --quiet would silence the
    warning, and with it the strict check)."""
    recipe = re.search(r"^build:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe, "no build recipe in the Makefile"
    command = shlex.split(recipe.group(1).replace("$(BIN)/python", shlex.quote(sys.executable)))
    for name in ("mkdocs.yml", "docs", "macros", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "data", tmp_path / "data")  # the small data: the link is what matters
    with (tmp_path / "docs" / "about.md").open("a", encoding="utf-8") as f:
        f.write("\n[坏链接](no-such-page.md)\n")
    run = subprocess.run(command, cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)  # the session's cache
    assert run.returncode != 0
    assert "no-such-page.md" in run.stderr


def test_links_to_anchors_are_checked(tmp_path: Path, mkdocs_build, site: Path) -> None:
    """mkdocs.yml checks anchors: links to ids in the pages' HTML (a release, a glossary term, a generated
    page's heading, a source's paragraph) pass, and a link to an anchor no page has fails the build."""
    assert re.search(r"^validation:\n(?:  .*\n)*  anchors: warn", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    for name in ("mkdocs.yml", "docs", "macros", "data", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    about = tmp_path / "docs" / "about.md"
    good = ["changelog.md#v2024-1", "glossary.md#高新技术企业", "indicators/tech-contracts.md#数据表", "sources/kjj-2024-work-summary.md#p-9"]
    links = " ".join(f"[{n}]({link})" for n, link in enumerate([*good, "changelog.md#v1999-1"]))
    about.write_text(about.read_text(encoding="utf-8") + f"\n{links}\n", encoding="utf-8")
    run = mkdocs_build(tmp_path / "site", cwd=tmp_path)  # strict: every warning is listed, then the build stops
    assert run.returncode != 0 and "v1999-1" in run.stderr
    assert not [link for link in good if link.split("#")[1] in run.stderr], run.stderr[-2000:]


def test_the_site_builds_without_the_toc_settings(tmp_path: Path, mkdocs_build, site: Path) -> None:
    """A county portal's mkdocs.yml may drop the toc extension's settings: the generated pages keep their
    Chinese anchors (#数据表, a stable address), and the only warnings left are the hand-written guide's links
    to Chinese anchors, which need the toc's Unicode slugify (strict mode stops on them)."""
    for name in ("mkdocs.yml", "docs", "macros", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "data", tmp_path / "data")
    config = tmp_path / "mkdocs.yml"
    toc = "  - toc:\n      permalink: true\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n"
    assert toc in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(toc, ""), encoding="utf-8")
    run = mkdocs_build(tmp_path / "site", cwd=tmp_path)
    assert "Traceback" not in run.stderr and [line for line in run.stderr.splitlines() if line.startswith("WARNING")] == [
        "WARNING -  Doc file 'guide.md' contains a link 'fields.md#校验问题代码', but the doc 'fields.md' does not contain an anchor '#校验问题代码'.",
        "WARNING -  Doc file 'guide.md' contains a link 'fields.md#限制', but the doc 'fields.md' does not contain an anchor '#限制'.",
    ]
    page = (tmp_path / "site" / "indicators" / "tech-contracts" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="数据表" data-search-exclude>' in page


def test_make_bench_measures_every_size_by_default() -> None:
    """`make bench` runs 10, 100 and 1000 indicators and long series of 5000, 10000 and 20000 rows
    (a comma in make's $(or …) once cut the sizes to 10)."""

    def command(*args: str) -> str:
        run = subprocess.run(["make", "--no-print-directory", "-n", "bench", *args], cwd=ROOT, capture_output=True, text=True, check=True)
        return next(line for line in run.stdout.splitlines() if "scripts.bench" in line)

    assert command().endswith("--sizes 10,100,1000 --rows 5000,10000,20000")
    assert command("SIZES=10,100", "ROWS=100,200").endswith("--sizes 10,100 --rows 100,200")


def test_a_preview_lets_the_live_reload_script_run() -> None:
    """`mkdocs serve` adds an inline live-reload script to every page it serves: the preview's policy
    allows it, while a built site allows only its own scripts, by hash."""
    from macros.site.pages import content_security_policy

    page = "<script>var x = 1;</script>"
    assert "script-src 'self' 'unsafe-inline';" in content_security_policy(page, serving=True)
    built = content_security_policy(page)
    assert "unsafe-inline" not in built.split("style-src")[0] and "'sha256-" in built


def test_bench_reports_each_budget_as_met_or_over() -> None:
    """`make bench` ends with the budgets: each measured figure beside its limit, met or over."""
    from scripts.bench import BUDGETS, budget_line

    assert set(BUDGETS) == {"warm_ratio", "cold_ratio", "peak_rss", "real_cold_ratio", "serve", "page_kb"}
    line = budget_line({"warm_ratio": 1.2, "cold_ratio": 22.26, "peak_rss": 1000.0, "real_cold_ratio": 3.9, "serve": 2.5, "page_kb": 28.6})
    assert line.startswith("budgets: warm_ratio=1.20<=1.5 met;")
    assert "cold_ratio=22.26<=20 over" in line and "peak_rss=1000.00<=1000 met" in line and "serve=2.50<=2 over" in line
    assert "page_kb=28.60<=34 met" in line and line.endswith("met=4/6")


def test_bench_says_whether_a_cold_build_is_its_drawing() -> None:
    """Over a budget, the bench says whether the rest is the chart engine's drawing: the cold build within
    10 % of its chart phase plus the plain baseline."""
    from scripts.bench import drawing_bound

    assert drawing_bound(110.0, 95.0, 9.0).endswith("cold/(chart_phase+baseline)=1.06 drawing")
    assert drawing_bound(150.0, 95.0, 9.0).endswith("cold/(chart_phase+baseline)=1.44 build")


def test_the_bench_floor_holds_each_built_article_under_its_own_address(tmp_path: Path) -> None:
    """The floor build has the site's built articles, each at the address it has on the site, and the
    site's navigation: only macros, data, charts and downloads are left out."""
    import yaml

    from scripts.bench import write_floor

    site = tmp_path / "site"
    for page, text in {"": "首页正文", "about": "关于本站", "indicators/tech-contracts": "技术合同成交额 <b>6.02</b> 亿元"}.items():
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").write_text(f'<nav>菜单</nav><article class="md-content__inner md-typeset">{text}</article>', encoding="utf-8")
    write_floor(tmp_path / "floor", site)
    docs = tmp_path / "floor" / "docs"
    assert "技术合同成交额 <b>6.02</b> 亿元" in (docs / "indicators" / "tech-contracts" / "index.md").read_text(encoding="utf-8")
    assert "菜单" not in (docs / "index.md").read_text(encoding="utf-8")
    config = yaml.safe_load((tmp_path / "floor" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {
        "关于": ["about/index.md", {"数据更新指南（工作人员）": "guide/index.md"}, {"数据字段说明（工作人员）": "fields/index.md"}, {"English": "en/index.md"}]
    } in config["nav"]
    assert config["theme"] == {"name": "material", "language": "zh", "font": False}


def test_the_build_sets_no_environment_variable() -> None:
    """Settings go to the build object: no module under macros/ writes the process's environment
    (which would outlive one build in `mkdocs serve`, and reach every library in the process)."""
    import ast

    for path in sorted((ROOT / "macros").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = (
                node.value
                if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store)
                else node.func.value
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                else None
            )
            named = ast.unparse(target) if target is not None else ""
            assert named != "os.environ" or (isinstance(node, ast.Call) and node.func.attr == "get"), (
                f"{path.relative_to(ROOT)}:{node.lineno} writes os.environ"
            )
            assert not (isinstance(node, ast.Call) and ast.unparse(node.func) in ("os.putenv", "os.unsetenv")), f"{path.relative_to(ROOT)}:{node.lineno}"


def test_a_template_in_overrides_replaces_the_page_template(tmp_path: Path) -> None:
    """The page templates' environment is made per build and looks in the theme's overrides/shanghe/
    first: a template there replaces the one of the same name; the others are still found."""
    from macros.site.pages import TEMPLATE_DIR, environment

    (tmp_path / "plan_box.html").write_text("本县自己的计划框 {{ 1 + 1 }}", encoding="utf-8")
    env = environment(tmp_path)
    assert env.get_template("plan_box.html").render() == "本县自己的计划框 2"
    assert env.get_template("contact.html").filename == str(TEMPLATE_DIR / "contact.html")
    assert environment(tmp_path / "absent").get_template("plan_box.html").filename == str(TEMPLATE_DIR / "plan_box.html")
    assert environment(tmp_path) is not env, "a new environment for each build"


def test_an_equivalent_mutant_is_listed_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """make mutate counts a mutant as equivalent only with a reason after '#'."""
    from scripts import mutate

    listed = tmp_path / "mutants-equivalent.txt"
    listed.write_text("macros.a.x_f__mutmut_1  # index and rindex agree: each digit once\n\n", encoding="utf-8")
    monkeypatch.setattr(mutate, "EQUIVALENT", listed)
    assert mutate.equivalent() == {"macros.a.x_f__mutmut_1": "index and rindex agree: each digit once"}
    listed.write_text("macros.a.x_f__mutmut_2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="macros.a.x_f__mutmut_2 needs a reason"):
        mutate.equivalent()
    monkeypatch.setattr(mutate, "EQUIVALENT", ROOT / "tests" / "mutants-equivalent.txt")
    assert all(mutate.equivalent().values())
