"""Benchmark the site build against a plain MkDocs baseline, at growing sizes.

Usage: python -m scripts.bench [--sizes 10,100,1000] [--periods 20] [--repeat 3]

For each size N it writes synthetic data with the project's own schema (N indicators x
--periods years, one archived source per year, every value quoted) into a temporary
folder and measures, each build in a fresh process:
  cold      the site from empty caches;
  warm      the site again after one indicator's title was changed (caches kept);
  baseline  the same pages as plain Markdown with the same theme and search, without
            macros, charts or exports.
Each is run --repeat times and the median shown (timings on this machine vary by about 15 %).
Then it times `mkdocs serve` on a copy of the real data: saving an edit until the page shows it.
The last line reads: bench: indicators=N cold=…s warm=…s baseline=…s cold_ratio=… warm_ratio=… peak_rss=… MB
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = ("projects-funding", "innovation-entities", "collaboration-transfer", "talent-platforms", "accountability")
UNITS = ("项", "家", "人", "亿元", "%")
BASELINE_CONFIG = """\
site_name: 商河县科技统计数据
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；：（）《》“”]+'
markdown_extensions: [attr_list, md_in_html, tables, admonition, toc]
nav:
  - 首页: index.md
"""


def value(i: int, year: int, unit: str) -> str:
    raw = (i * 37 + year * 11) % 900 + 10
    return f"{raw / 10:.1f}" if unit in ("亿元", "%") else str(raw)


def write_data(folder: Path, n: int, periods: int) -> None:
    """Synthetic data in the project's schema: valid, every value quoted from its archived source."""
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("indicators", "observations", "registers", "sources", "releases*", "revisions.csv", "plan.yaml"))
    (folder / "releases.yaml").write_text("[]\n", encoding="utf-8")
    for sub in ("indicators", "observations", "registers", "sources"):
        (folder / sub).mkdir()
    years = range(2024 - periods + 1, 2025)
    for year in years:
        lines = [f"商河县科技统计（合成数据）{year}年"]
        lines += [f"{year}年，合成指标{i}为{value(i, year, UNITS[i % len(UNITS)])}{UNITS[i % len(UNITS)]}。" for i in range(n)]
        text = "\n".join(lines) + "\n"
        src = folder / "sources" / f"synthetic-{year}.txt"
        src.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        (folder / "sources" / f"synthetic-{year}.yaml").write_text(
            f"id: synthetic-{year}\ntitle: 合成数据{year}年\ntitle_en: Synthetic {year}\npublisher: 基准测试\nyear: {year}\narchive: synthetic-{year}.txt\nsha256: {digest}\n",
            encoding="utf-8",
        )
    for i in range(n):
        unit = UNITS[i % len(UNITS)]
        iid = f"synthetic-{i:04d}"
        (folder / "indicators" / f"{iid}.yaml").write_text(
            f"id: {iid}\ntitle: 合成指标{i}\ntitle_en: Synthetic indicator {i}\narea: {AREAS[i % len(AREAS)]}\nunit: \"{unit}\"\n"
            f"decimals: {1 if unit in ('亿元', '%') else 0}\ndefinition: 基准测试用的合成指标。\nperiod_type: year\nchart: {'line' if i % 2 else 'bar'}\n"
            + ("key_figure: true\n" if i < 10 else ""),
            encoding="utf-8",
        )
        rows = ["period,value,flag,qualifier,as_of,breakdown,source,quote,note,formula"]
        for year in years:
            v = value(i, year, unit)
            rows.append(f"{year},{v},,,,,synthetic-{year},{year}年，合成指标{i}为{v}{unit},,")
        (folder / "observations" / f"{iid}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_baseline(folder: Path, data: Path) -> None:
    """The same pages as plain Markdown: home, areas, one page per indicator with its table, one page
    per source with its text, the lists of all indicators and downloads, and the hand-written pages
    with their macros left out."""
    import csv
    import re

    import yaml

    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    macro = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
    for page in docs.rglob("*.md"):
        page.write_text(macro.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/object/apply:pymdownx.slugs.slugify", ""))
    nav = yaml.safe_dump({"nav": config["nav"], "not_in_nav": config["not_in_nav"]}, allow_unicode=True)
    (folder / "mkdocs.yml").write_text(BASELINE_CONFIG.split("nav:")[0] + nav, encoding="utf-8")
    (docs / "index.md").write_text("# 商河县科技统计数据\n\n" + "\n".join(f"- [{a}](areas/{a}.md)" for a in AREAS) + "\n", encoding="utf-8")
    by_area: dict[str, list[str]] = {a: [] for a in AREAS}
    index, downloads = ["| 指标 | 领域 | 最新值 |", "|---|---|---|"], []
    for path in sorted((data / "indicators").glob("*.yaml")):
        iid = path.stem
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = list(csv.DictReader((data / "observations" / f"{iid}.csv").open(encoding="utf-8")))
        table = "\n".join(f"| {r['period']} | {r['value']} | {r['quote']} |" for r in rows)
        latest = rows[-1]
        unit = meta["unit"]
        (docs / "indicators" / f"{iid}.md").write_text(
            f"# {meta['title']}\n\n**{latest['value']} {unit}** {latest['period']}年\n\n## 数据表\n\n| 时期 | 数值 | 来源原句 |\n|---|---|---|\n{table}\n\n"
            f"## 定义\n\n{meta['definition']}\n\n## 来源\n\n> {latest['quote']}\n",
            encoding="utf-8",
        )
        by_area[meta["area"]].append(f"- [{meta['title']}](../indicators/{iid}.md)")
        index.append(f"| [{meta['title']}]({iid}.md) | {meta['area']} | {latest['value']} {unit} |")
        downloads.append(f"- {meta['title']}：indicators/{iid}.csv · indicators/{iid}.xlsx")
    for area, links in by_area.items():
        (docs / "areas" / f"{area}.md").write_text(f"# {area}\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    with (docs / "indicators" / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n" + "\n".join(index) + "\n")
    with (docs / "downloads" / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n" + "\n".join(downloads) + "\n")
    for path in sorted((data / "sources").glob("*.yaml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (data / "sources" / meta["archive"]).read_text(encoding="utf-8")
        (docs / "sources" / f"{meta['id']}.md").write_text(f"# {meta['title']}\n\n" + "\n\n".join(line for line in text.splitlines() if line) + "\n", encoding="utf-8")


def build(cwd: Path, site: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `mkdocs build` in a fresh process."""
    os.sync()  # the previous build's files reach the disk first, so no build pays for another's writes
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, str(site)], cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"build failed in {cwd}:\n{run.stderr[-3000:]}")
    return seconds, float(run.stdout.strip().splitlines()[-1]) / 1024


# runs mkdocs in this process, then prints the peak RSS in KB (Linux ru_maxrss) of the build
# process or of its largest chart-drawing worker, whichever is larger
BUILD_AND_REPORT = """
import resource, sys
from mkdocs.__main__ import cli
try:
    cli.main(["build", "--strict", "--quiet", "--site-dir", sys.argv[1]], standalone_mode=False)
finally:
    print(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
"""


def measure(n: int, periods: int, work: Path, repeat: int) -> dict[str, float]:
    """Median seconds of ``repeat`` runs of each build (this machine's timings vary by ±15 %)."""
    data, cache, site = work / "data", work / "cache", work / "site"
    write_data(data, n, periods)
    base_dir = work / "baseline"
    write_baseline(base_dir, data)
    env = {"SHANGHE_DATA": str(data), "SHANGHE_CACHE": str(cache)}
    first = data / "indicators" / "synthetic-0000.yaml"
    runs: dict[str, list[float]] = {"cold": [], "warm": [], "baseline": [], "rss": []}
    for i in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        seconds, rss = build(ROOT, site, env)
        runs["cold"].append(seconds)
        runs["rss"].append(rss)
        first.write_text(first.read_text(encoding="utf-8").replace("title: 合成指标0", f"title: 合成指标0（改{i}）", 1), encoding="utf-8")
        seconds, rss = build(ROOT, site, env)
        runs["warm"].append(seconds)
        runs["rss"].append(rss)
        runs["baseline"].append(build(base_dir, work / "baseline-site", {})[0])
    return {"n": n, "rss": max(runs.pop("rss"))} | {name: statistics.median(values) for name, values in runs.items()}


def serve_latency(work: Path, repeat: int) -> float:
    """Median seconds from saving an edit in data/ (real data) to `mkdocs serve` serving the changed page."""
    import socket
    import urllib.request

    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    data = work / "serve-data"
    shutil.copytree(ROOT / "data", data)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHANGHE_DATA": str(data), "SHANGHE_CACHE": str(work / "serve-cache")}
    url = f"http://127.0.0.1:{port}/indicators/tech-contracts/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-w", str(data)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 300
        while "技术合同认定登记" not in page():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.2)
        time.sleep(2)  # let the first build settle
        meta = data / "indicators" / "tech-contracts.yaml"
        original, seconds = meta.read_text(encoding="utf-8"), []
        for i in range(repeat):
            title = f"技术合同认定登记（测{i}）"
            meta.write_text(original.replace("title: 技术合同认定登记", f"title: {title}"), encoding="utf-8")
            start = time.monotonic()
            while title not in page():
                if time.monotonic() - start > 120:
                    raise SystemExit("mkdocs serve did not rebuild within 120 s")
                time.sleep(0.05)
            seconds.append(time.monotonic() - start)
            time.sleep(1)
        return statistics.median(seconds)
    finally:
        server.terminate()
        server.wait()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build; the table shows medians")
    args = parser.parse_args(argv)
    results = []
    print(f"{'indicators':>10} {'cold s':>8} {'warm s':>8} {'baseline s':>10} {'cold/base':>9} {'warm/base':>9} {'peak MB':>8}", flush=True)
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            r = measure(n, args.periods, Path(tmp), args.repeat)
        results.append(r)
        print(f"{n:>10} {r['cold']:>8.1f} {r['warm']:>8.1f} {r['baseline']:>10.1f} {r['cold'] / r['baseline']:>9.2f} {r['warm'] / r['baseline']:>9.2f} {r['rss']:>8.0f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        print(f"serve: real data ({len(list((ROOT / 'data' / 'indicators').glob('*.yaml')))} indicators), edit visible after {serve_latency(Path(tmp), args.repeat):.1f}s (median of {args.repeat})", flush=True)
    r = results[-1]
    print(
        f"bench: indicators={r['n']} cold={r['cold']:.1f}s warm={r['warm']:.1f}s baseline={r['baseline']:.1f}s "
        f"cold_ratio={r['cold'] / r['baseline']:.2f} warm_ratio={r['warm'] / r['baseline']:.2f} peak_rss={r['rss']:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
