"""GitHub Actions workflows: valid against their JSON schema, clean under zizmor, and hardened."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists() or shutil.which(name), f"{name} is in requirements.txt"
    return str(path) if path.exists() else name


def test_workflows_and_dependabot_match_their_json_schemas() -> None:
    run = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    run = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(ROOT / ".github" / "dependabot.yml")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run([tool("zizmor"), "--offline", "--persona", "auditor", str(ROOT / ".github" / "workflows")], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actions_are_pinned_to_commits_with_their_version() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line.strip().removeprefix("- ")), f"{path.name}: {line.strip()}"


def test_least_privilege_and_no_untrusted_text_in_run() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        flow = yaml.safe_load(text)
        triggers = flow[True]  # PyYAML reads the key `on` as True
        assert "pull_request_target" not in triggers, path.name
        assert flow["permissions"] == {"contents": "read"}, path.name
        for job in flow["jobs"].values():
            for step in job.get("steps", []):
                assert "${{ github.event" not in step.get("run", ""), (path.name, step.get("name"))


def test_deploy_publishes_to_pages_without_overlap_and_only_after_a_good_build() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("actions/deploy-pages@" in s.get("uses", "") for s in deploy["steps"])


def test_deploy_draws_the_charts_in_shards_and_the_build_merges_them() -> None:
    """The charts are drawn side by side on a matrix of machines, each its share (make charts SHARD=k/N,
    N the matrix's size, with the build's address); the build job waits for them, merges their caches
    into .cache/charts/ before it builds, and says so when it still had to draw."""
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    charts, build = flow["jobs"]["charts"], flow["jobs"]["build"]
    shards = charts["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) >= 2
    draw = next(s for s in charts["steps"] if "make charts" in s.get("run", ""))
    assert draw["run"] == 'SITE_URL="$PAGES_URL" make charts SHARD="$SHARD_NUMBER/$SHARDS"'
    assert draw["env"] == {"PAGES_URL": "${{ steps.pages.outputs.base_url }}", "SHARD_NUMBER": "${{ matrix.shard }}", "SHARDS": "${{ strategy.job-total }}"}
    upload = next(s for s in charts["steps"] if "actions/upload-artifact@" in s.get("uses", ""))
    assert (
        upload["with"]["name"] == "charts-${{ matrix.shard }}" and upload["with"]["path"] == ".cache/charts/" and upload["with"]["include-hidden-files"] is True
    )
    # the build waits for the shards, and still runs (drawing what is missing) when one failed
    assert build["needs"] == "charts" and build["if"].startswith("${{ !cancelled() &&")
    steps = [s.get("uses", "") + s.get("run", "") for s in build["steps"]]
    fetch = next(i for i, s in enumerate(steps) if "actions/download-artifact@" in s)
    assert build["steps"][fetch]["with"] == {"pattern": "charts-*", "path": ".cache/charts/", "merge-multiple": True}
    made = next(i for i, s in enumerate(steps) if "make build" in s)
    assert fetch < made and 'grep -E "charts: [0-9]+ drawn" build.log' in steps[made] and build["steps"][made]["shell"] == "bash"


def test_pull_requests_validate_build_test_and_upload_a_preview() -> None:
    text = (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    assert list(flow[True]) == ["pull_request"]
    runs = {name: " ".join(s.get("run", "") for s in job["steps"]) for name, job in flow["jobs"].items()}
    for command in ("make validate", "scripts.data_diff", "GITHUB_STEP_SUMMARY", "make check"):
        assert command in runs["check"], command
    assert "make build" in runs["preview"] and "make test" in runs["tests"] and "actions/upload-artifact@" in text
    # in stages: the data's problems first, then the preview and the slow tiers side by side
    assert flow["jobs"]["preview"]["needs"] == "check" and flow["jobs"]["tests"]["needs"] == "check"
    assert flow["jobs"]["tests"]["strategy"]["matrix"]["tier"] == ["site", "browser"]
    assert next(s for s in flow["jobs"]["tests"]["steps"] if s.get("run") == "make test")["env"]["TIER"] == "${{ matrix.tier }}"


def test_data_diff_lists_changed_values(tmp_path: Path) -> None:
    fixtures = ROOT / "tests" / "fixtures" / "valid" / "data"
    base, head = tmp_path / "base" / "data", tmp_path / "head" / "data"
    shutil.copytree(fixtures, base)
    shutil.copytree(fixtures, head)
    obs = head / "observations" / "tech-contracts.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace(",95,", ",51,").replace("全县完成技术合同认定登记95项", "总量达到51人"), encoding="utf-8")
    env = {**os.environ, "SHANGHE_DATA": str(head)}
    run = subprocess.run([sys.executable, "-m", "scripts.data_diff", str(base)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[2:] == [
        "- 修改：技术合同认定登记数 2024年 95 项 → 51 项。",
        "- 修改来源原句：技术合同认定登记数 2024年：“全县完成技术合同认定登记95项” → “总量达到51人”。",
    ]


def test_pinned_actions_are_at_least_the_known_working_releases() -> None:
    """Every action is pinned to a commit with its version, and that version is at least the minimum kept
    in .github/action-minimums.yml (actions/cache below 4.2.0 fails on GitHub since February 2025)."""
    minimums = yaml.safe_load((ROOT / ".github" / "action-minimums.yml").read_text(encoding="utf-8"))
    version = lambda text: tuple(int(part) for part in text.split("."))  # noqa: E731
    pins = []
    for path in WORKFLOWS:
        pins += re.findall(r"uses: ([\w.-]+/[\w.-]+)@[0-9a-f]{40} # v([0-9.]+)", path.read_text(encoding="utf-8"))
    assert pins
    for action, pinned in pins:
        assert action in minimums, f"{action} has no minimum version in .github/action-minimums.yml"
        assert version(pinned) >= version(str(minimums[action])), f"{action} v{pinned} is older than v{minimums[action]}"


def test_only_main_is_deployed() -> None:
    """deploy.yml also runs by hand (workflow_dispatch) from any branch: its jobs run only for main."""
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    for name, job in flow["jobs"].items():
        assert job.get("if") in ("github.ref == 'refs/heads/main'", "${{ !cancelled() && github.ref == 'refs/heads/main' }}"), name


def test_pull_requests_and_deploys_check_what_was_published_against_the_previous_commit() -> None:
    """The PR check compares with the PR's base, the deploy with the commit before it (BASE, see scripts/validate.py)."""
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    steps = check["jobs"]["check"]["steps"] + check["jobs"]["preview"]["steps"]
    for command in ("make validate", "make build"):
        (step,) = [s for s in steps if s.get("run") == command]
        assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}", command
    assert next(s for s in steps if "actions/checkout@" in s.get("uses", ""))["with"]["fetch-depth"] == 0
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = deploy["jobs"]["build"]["steps"]
    assert next(s for s in steps if "actions/checkout@" in s.get("uses", ""))["with"]["fetch-depth"] == 0
    (build,) = [s for s in steps if "make build" in s.get("run", "")]
    assert build["env"]["BEFORE"] == "${{ github.event.before }}", "every commit of a push is compared, not only the last"
    assert 'make build BASE="$base"' in build["run"] and 'base="HEAD^"' in build["run"], "a manual run compares with the previous commit"


def test_reports_uploaded_to_the_inbox_are_previewed_with_read_only_permissions() -> None:
    """A new file under data/inbox/ in a pull request: its import proposals go to the job summary and an artifact."""
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    job = flow["jobs"]["inbox"]
    assert job["permissions"] == {"contents": "read"} and flow["permissions"] == {"contents": "read"}
    (step,) = [s for s in job["steps"] if "scripts.inbox" in s.get("run", "")]
    assert "--diff-filter=A" in step["run"] and "GITHUB_STEP_SUMMARY" in step["run"]
    assert all(f"':(icase)data/inbox/*.{ext}'" in step["run"] for ext in ("txt", "docx", "pdf")), "reports only, not the folder's README"
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    upload = next(s for s in job["steps"] if "actions/upload-artifact@" in s.get("uses", ""))
    assert upload["with"]["name"] == "inbox-proposals" and upload["with"]["path"] == "inbox-proposals/"
