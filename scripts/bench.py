"""Benchmark the site build against a plain MkDocs baseline, at growing sizes.

Usage: python -m scripts.bench [--sizes 10,100,1000] [--periods 20] [--repeat 3] | --fonts | --import-sizes 10000,40000,400000

For each size N it writes synthetic data with the project's own schema (N indicators x
--periods years, one archived source per year, every value quoted) into a temporary
folder and measures, each build in a fresh process:
  cold      the site from empty caches;
  warm      the site again after one indicator's title was changed (caches kept);
  baseline  the same pages as plain Markdown with the same theme and search, without
            macros, charts or exports.
Each is run --repeat times and the median shown (timings on this machine vary by about 15 %).
Peak memory is the largest sum of the resident memory of the build process and its chart workers,
sampled every 50 ms. The cold build's chart phase is reported as the charts drawn and the mean
wall time per chart. On a sample of the largest size's charts it also times the same drawings made
serially in one process and by the build's worker pool. Then it times a cold build of the real data
against the plain baseline of the same pages, and `mkdocs serve` on a copy of the real data: saving an
edit until the page shows it.
Last, a cold build of the real data alone and plus one indicator of each of --rows rows (at least two
sizes; the largest must stay under 1 GB): long_per_row_ratio is the time each added row costs between
the two largest sizes over what it costs between the two sizes before (1.0 when the time is linear in
the rows, 2.0 when quadratic).
The last lines read (the first on one line, shown here in two):
bench: indicators=N cold=…s warm=…s baseline=…s cold_ratio=… warm_ratio=… peak_rss=… MB charts=… chart_ms=…
  real_cold_ratio=… long_rows=… long_peak_rss=… MB long_per_row_ratio=… serve=…s page_kb=…
floor: N indicators: the built pages as plain HTML pages with the baseline's theme and search …s, …x the baseline
drawing: N indicators cold=…s chart_phase=…s baseline=…s cold/(chart_phase+baseline)=… drawing|build; real data …
budgets: warm_ratio=…<=1.5 met|over; cold_ratio=…<=20 …; peak_rss=…<=1000 …; real_cold_ratio=…<=4 …; serve=…<=2 …; page_kb=…<=34 …; met=k/6
The floor line is the least any build of the site's pages can take: its built articles, as HTML in plain
pages, built with the baseline's theme, search and navigation (no macros, data, charts or downloads).
The drawing line says whether a cold build is its chart phase plus the baseline within 10 % ("drawing": the
rest is the chart engine's own drawing time) or not ("build").
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREAS = ("projects-funding", "innovation-entities", "collaboration-transfer", "talent-platforms", "accountability")
UNITS = ("项", "家", "人", "亿元", "%")
# the build's budgets (issues 11 and 23), against what the last lines report: ratios to the plain baseline
# at the largest size, peak memory in MB (1 GB = 1000 MB) and seconds from saving an edit to `mkdocs serve` showing it
BUDGETS = {"warm_ratio": 1.5, "cold_ratio": 20.0, "peak_rss": 1000.0, "real_cold_ratio": 4.0, "serve": 2.0, "page_kb": 34.0}
DRAWING_BOUND = 1.10  # a cold build within 10 % of its chart phase plus the baseline: the rest is the chart engine's drawing
BASELINE_CONFIG = """\
site_name: 合成县科技统计数据
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:  # as in mkdocs.yml
      lang: zh
      fields: {title: {boost: 1000}, text: {boost: 1}, tags: {boost: 500}}
      separator: '[\\s\\u3000\\-、。，．？！；：（）《》“”&;]+|(?=[\\u4e00-\\u9fff])'
markdown_extensions: [attr_list, tables, admonition, toc]
nav:
  - 首页: index.md
"""


def value(i: int, year: int, unit: str) -> str:
    raw = (i * 37 + year * 11) % 900 + 10
    return f"{raw / 10:.1f}" if unit in ("亿元", "%") else str(raw)


def write_data(folder: Path, n: int, periods: int) -> None:
    """Synthetic data in the project's schema: valid, every value quoted from its archived source."""
    shutil.copytree(
        ROOT / "data", folder, ignore=shutil.ignore_patterns("indicators", "observations", "registers", "sources", "releases*", "revisions.csv", "plan.yaml")
    )
    (folder / "releases.yaml").write_text("[]\n", encoding="utf-8")
    for sub in ("indicators", "observations", "registers", "sources"):
        (folder / sub).mkdir()
    years = range(2024 - periods + 1, 2025)
    for year in years:
        lines = [f"合成县科技统计（合成数据）{year}年"]
        lines += [f"{year}年，合成指标{i}为{value(i, year, UNITS[i % len(UNITS)])}{UNITS[i % len(UNITS)]}。" for i in range(n)]
        text = "\n".join(lines) + "\n"
        src = folder / "sources" / f"synthetic-{year}.txt"
        src.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        (folder / "sources" / f"synthetic-{year}.yaml").write_text(
            f"id: synthetic-{year}\ntitle: 合成数据{year}年\ntitle_en: Synthetic {year}\npublisher: 基准测试\n"
            f"year: {year}\narchive: synthetic-{year}.txt\nsha256: {digest}\n",
            encoding="utf-8",
        )
    for i in range(n):
        unit = UNITS[i % len(UNITS)]
        iid = f"synthetic-{i:04d}"
        (folder / "indicators" / f"{iid}.yaml").write_text(
            f'id: {iid}\ntitle: 合成指标{i}\ntitle_en: Synthetic indicator {i}\narea: {AREAS[i % len(AREAS)]}\nunit: "{unit}"\n'
            f"decimals: {1 if unit in ('亿元', '%') else 0}\ndefinition: 基准测试用的合成指标。\nperiod_type: year\nchart: {'line' if i % 2 else 'bar'}\n"
            + ("key_figure: true\n" if i < 10 else ""),
            encoding="utf-8",
        )
        rows = ["period,value,flag,qualifier,as_of,breakdown,source,quote,note,formula"]
        for year in years:
            v = value(i, year, unit)
            rows.append(f"{year},{v},,,,,synthetic-{year},{year}年，合成指标{i}为{v}{unit},,")
        (folder / "observations" / f"{iid}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_long(folder: Path, rows: int) -> None:
    """The real data plus one indicator of ``rows`` daily values from 1950 on, each quoted from its own
    sentence of one archived source (past 20,000 days the dates repeat, one breakdown item each time)."""
    import datetime as dt

    shutil.copytree(ROOT / "data", folder)
    lines, table = ["长序列测试原文"], ["period,value,flag,qualifier,as_of,breakdown,source,quote,note"]
    for i in range(rows):
        day = dt.date(1950, 1, 1) + dt.timedelta(days=i % 20000)
        item = f"分项{i // 20000 + 1}" if rows > 20000 else ""
        sentence = f"{day.year}年{day.month}月{day.day}日{item}登记技术合同{i * 37 % 900 + 10}项"
        lines.append(f"{sentence}。")
        table.append(f"{day.isoformat()},{i * 37 % 900 + 10},,,,{item},long-source,{sentence},")
    text = "\n".join(lines) + "\n"
    (folder / "sources" / "long-source.txt").write_text(text, encoding="utf-8")
    (folder / "sources" / "long-source.yaml").write_text(
        "id: long-source\ntitle: 长序列测试原文\ntitle_en: Long series test\npublisher: 基准测试\n"
        f"year: 2004\narchive: long-source.txt\nsha256: {hashlib.sha256(text.encode()).hexdigest()}\n",
        encoding="utf-8",
    )
    (folder / "observations" / "long-series.csv").write_text("\n".join(table) + "\n", encoding="utf-8")
    (folder / "indicators" / "long-series.yaml").write_text(
        "id: long-series\ntitle: 每日技术合同登记（长序列测试）\ntitle_en: Daily contracts (long series test)\narea: collaboration-transfer\nunit: 项\n"
        "decimals: 0\ndefinition: 基准测试用的长序列。\nperiod_type: date\nchart: line\n",
        encoding="utf-8",
    )


def long_series(work: Path, sizes: list[int]) -> list[tuple[int, float, float]]:
    """A cold build of the real data plus one indicator of each size of rows (0: the real data alone):
    (rows, seconds, peak MB)."""
    results = []
    for rows in sizes:
        data = work / f"long-{rows}"
        write_long(data, rows) if rows else shutil.copytree(ROOT / "data", data)
        seconds, rss, _log = build(ROOT, work / "long-site", {"SHANGHE_DATA": str(data), "SHANGHE_CACHE": str(work / f"long-cache-{rows}")})
        results.append((rows, seconds, rss))
    return results


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
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/object/apply:pymdownx.slugs.slugify", "").replace("!ENV ", ""))
    nav = yaml.safe_dump({"nav": config["nav"], "not_in_nav": config["not_in_nav"]}, allow_unicode=True)
    (folder / "mkdocs.yml").write_text(BASELINE_CONFIG.split("nav:")[0] + nav, encoding="utf-8")
    (docs / "index.md").write_text("# 合成县科技统计数据\n\n" + "\n".join(f"- [{a}](areas/{a}.md)" for a in AREAS) + "\n", encoding="utf-8")
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
        (docs / "sources" / f"{meta['id']}.md").write_text(
            f"# {meta['title']}\n\n" + "\n\n".join(line for line in text.splitlines() if line) + "\n", encoding="utf-8"
        )


def write_floor(folder: Path, site: Path) -> None:
    """The built site's pages as plain Markdown pages holding each page's built article as HTML, with the
    baseline's theme, search and navigation: what MkDocs, the theme and search alone take for this
    content, the least any build of these pages can take."""
    import yaml

    article = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
    docs = folder / "docs"
    for html in site.rglob("index.html"):
        found = article.search(html.read_text(encoding="utf-8"))
        if found:
            page = docs / html.parent.relative_to(site) / "index.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"<div>\n{found.group(1)}\n</div>\n", encoding="utf-8")
    config = yaml.safe_load(BASELINE_CONFIG)
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[1].split("\n\n")[0].join(["nav:", ""]))["nav"]

    def moved(entry: object) -> object:
        if isinstance(entry, str):
            return entry if entry.endswith("index.md") else entry.removesuffix(".md") + "/index.md"
        if isinstance(entry, list):
            return [moved(e) for e in entry]
        return {k: moved(v) for k, v in entry.items()}  # type: ignore[union-attr]

    config["nav"] = moved(nav)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    return found


def tree_rss(pid: int) -> int:
    """Resident memory (KB) of a process and all its descendants."""
    total = 0
    for p in descendants(pid):
        with contextlib.suppress(OSError, StopIteration):
            total += next(int(line.split()[1]) for line in Path(f"/proc/{p}/status").read_text().splitlines() if line.startswith("VmRSS:"))
    return total


def build(cwd: Path, site: Path, env: dict[str, str], strict: bool = True) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MB, the build and its workers together) and the log of one
    `mkdocs build` in a fresh process (strict, but for the baseline: its pages link files it lacks)."""
    os.sync()  # the previous build's files reach the disk first, so no build pays for another's writes
    start = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        *(["--strict"] if strict else []),
        "--site-dir",
        str(site),
    ]  # not --quiet: the log reports the chart phase
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _out, log = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed in {cwd}:\n{log[-3000:]}")
    return seconds, peak / 1024, log


def chart_phase(log: str) -> tuple[int, float]:
    """Charts drawn and seconds of the chart phase, from the plugin's log line."""
    found = re.search(r"charts: ([0-9]+) drawn in ([0-9.]+) s", log)
    return (int(found.group(1)), float(found.group(2))) if found else (0, 0.0)


def measure(n: int, periods: int, work: Path, repeat: int) -> dict[str, float]:
    """Median seconds of ``repeat`` runs of each build (this machine's timings vary by ±15 %)."""
    data, cache, site = work / "data", work / "cache", work / "site"
    write_data(data, n, periods)
    base_dir = work / "baseline"
    write_baseline(base_dir, data)
    env = {"SHANGHE_DATA": str(data), "SHANGHE_CACHE": str(cache)}
    first = data / "indicators" / "synthetic-0000.yaml"
    runs: dict[str, list[float]] = {"cold": [], "warm": [], "baseline": [], "rss": [], "charts": [], "chart_s": []}
    for i in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        seconds, rss, log = build(ROOT, site, env)
        runs["cold"].append(seconds)
        runs["rss"].append(rss)
        charts, chart_seconds = chart_phase(log)
        runs["charts"].append(charts)
        runs["chart_s"].append(chart_seconds)
        first.write_text(first.read_text(encoding="utf-8").replace("title: 合成指标0", f"title: 合成指标0（改{i}）", 1), encoding="utf-8")
        seconds, rss, _log = build(ROOT, site, env)
        runs["warm"].append(seconds)
        runs["rss"].append(rss)
        runs["baseline"].append(build(base_dir, work / "baseline-site", {}, strict=False)[0])
    write_floor(work / "floor", site)
    runs["floor"] = [build(work / "floor", work / "floor-site", {}, strict=False)[0] for _ in range(repeat)]
    return {"n": n, "rss": max(runs.pop("rss"))} | {name: statistics.median(values) for name, values in runs.items()}


def pool_sample(n: int, periods: int, work: Path, size: int) -> tuple[int, float, float]:
    """The same ``size`` charts of synthetic data drawn serially in one process, then by the build's
    worker pool, each from an empty cache: (charts, serial seconds, pool seconds)."""
    from macros.cache import Cache
    from macros.charts import render, specs
    from macros.data.loader import load_catalog

    data = work / "sample-data"
    write_data(data, n, periods)
    catalog = load_catalog(data)
    charts = [specs.indicator_chart(catalog, ind) for ind in list(catalog.indicators.values())[:size]]
    seconds = []
    for processes in (0, None):
        start = time.perf_counter()
        render.start(charts, Cache(work / f"sample-cache-{processes}"), processes).result()
        seconds.append(time.perf_counter() - start)
    return len(charts), seconds[0], seconds[1]


def font_sample(work: Path, periods: int, repeat: int = 7) -> list[str]:
    """One drawing's steps with the whole font and with the charts' subset, side by side in one process
    (runs interleaved, medians): a 20-period column chart of synthetic data in both layouts and the real
    data's charts of the other kinds. Each line: chart, SVG ms and PNG ms whole → subset, and whether the
    PNG is the same picture pixel for pixel."""
    import io
    import json

    import vl_convert
    from PIL import Image, ImageChops

    from macros.cache import Cache
    from macros.charts import fonts, render, specs
    from macros.data.loader import load_catalog

    write_data(work / "data", 1, periods)
    synthetic, real = load_catalog(work / "data"), load_catalog(ROOT / "data")
    sample = specs.layouts(specs.indicator_chart(synthetic, next(iter(synthetic.indicators.values()))))
    kinds = {c.kind: c for c in specs.site_charts(real).values() if c.shown}
    sample += [layout for kind in ("items", "rank", "area") if kind in kinds for layout in specs.layouts(kinds[kind])]
    faces = fonts.system_faces()
    fonts.subset(faces, fonts.characters(sample, Path(specs.__file__)), Cache(work / "cache"), work)
    render.use_font(*fonts.folders(faces), str(work))
    lines = []
    for chart in sample:
        subset = specs.spec(chart)
        whole = json.loads(json.dumps(subset))
        whole["config"]["font"] = whole["config"]["font"].replace(f"{fonts.SUBSET_FAMILY}, ", "")
        times: dict[str, list[float]] = {"whole svg": [], "whole png": [], "subset svg": [], "subset png": []}
        pngs = {}
        for _ in range(repeat):
            for name, spec in (("whole", whole), ("subset", subset)):
                start = time.perf_counter()
                svg = vl_convert.vegalite_to_svg(spec)
                drawn = time.perf_counter()
                pngs[name] = vl_convert.svg_to_png(svg, scale=render.PNG_WIDTH / render.dimensions(svg)[0])
                times[f"{name} svg"].append((drawn - start) * 1000)
                times[f"{name} png"].append((time.perf_counter() - drawn) * 1000)
        a, b = (Image.open(io.BytesIO(pngs[name])).convert("RGB") for name in ("whole", "subset"))
        same = a.size == b.size and ImageChops.difference(a, b).getbbox() is None
        m = {name: statistics.median(values) for name, values in times.items()}
        lines.append(
            f"fonts: {chart.kind} {chart.layout} ({len(chart.points)} points) svg {m['whole svg']:.0f} → {m['subset svg']:.0f} ms, "
            f"png {m['whole png']:.0f} → {m['subset png']:.0f} ms, same picture: {same}"
        )
    return lines


def real_cold(work: Path, repeat: int) -> tuple[float, float, float, float]:
    """Median seconds of a cold build of the real data (empty cache), of its chart phase and of its plain
    baseline; and the largest indicator page's HTML in KB (1 KB = 1000 bytes)."""
    write_baseline(work / "real-baseline", ROOT / "data")
    cold, phase, base = [], [], []
    for i in range(repeat):
        seconds, _rss, log = build(ROOT, work / "real-site", {"SHANGHE_CACHE": str(work / f"real-cache-{i}")})
        cold.append(seconds)
        phase.append(chart_phase(log)[1])
        base.append(build(work / "real-baseline", work / "real-baseline-site", {}, strict=False)[0])
    page = max(p.stat().st_size for p in (work / "real-site" / "indicators").glob("*/index.html")) / 1000
    return statistics.median(cold), statistics.median(phase), statistics.median(base), page


def drawing_bound(cold: float, phase: float, baseline: float) -> str:
    """Whether a cold build is its chart phase plus the baseline, within 10 %: what is over a budget then
    is the chart engine's own drawing time, not the build's."""
    ratio = cold / (phase + baseline)
    return (
        f"cold={cold:.1f}s chart_phase={phase:.1f}s baseline={baseline:.1f}s "
        f"cold/(chart_phase+baseline)={ratio:.2f} {'drawing' if ratio <= DRAWING_BOUND else 'build'}"
    )


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
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-w", str(data)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

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


# one import in a fresh process, then its peak resident memory in KB on the last line
IMPORT_RUN = (
    "import resource, sys; from pathlib import Path; from scripts import import_source; "
    "status = import_source.run(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(status)"
)


def import_times(sizes: list[int], work: Path) -> list[tuple[int, int, float, float]]:
    """For a report of each size in characters, all one sentence of figures and commas (新增2家，新增3家，…,
    no full stop): the figures found, and the seconds and peak MB of `make import` on it (a fresh process,
    a copy of the real data)."""
    results = []
    for size in sizes:
        data, report = work / f"data-{size}", work / f"report-{size}.txt"
        shutil.copytree(ROOT / "data", data)
        text, n = "某县科技局2024年工作总结\n", 0
        while len(text) < size:
            text, n = text + f"新增{n % 97 + 2}家，", n + 1
        report.write_text(text[:size], encoding="utf-8")
        os.sync()
        start = time.perf_counter()
        process = subprocess.run([sys.executable, "-c", IMPORT_RUN, str(report), f"long-{size}", str(data)], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"import of {size} characters failed:\n{process.stderr[-2000:]}")
        found = re.search(r"找到数字 ([0-9]+) 个", process.stdout)
        results.append((size, int(found.group(1)) if found else 0, seconds, int(process.stdout.split()[-1]) / 1024))
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build; the table shows medians")
    parser.add_argument("--sample", type=int, default=40, help="charts drawn serially and by the pool")
    parser.add_argument("--rows", default="5000,10000,20000", help="rows of the one long indicator added to the real data")
    parser.add_argument("--fonts", action="store_true", help="only time one drawing's steps with the whole font and with the charts' subset")
    parser.add_argument("--import-sizes", help="only time `make import` on reports of these sizes in characters, such as 10000,40000,400000")
    args = parser.parse_args(argv)
    if args.import_sizes:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            for size, figures, seconds, rss in import_times([int(x) for x in args.import_sizes.split(",")], Path(tmp)):
                print(
                    f"import: {size} characters, {figures} figures: {seconds:.1f}s ({seconds / size * 1000:.3f} ms per character), peak {rss:.0f} MB",
                    flush=True,
                )
        return 0
    if args.fonts:
        with tempfile.TemporaryDirectory(prefix="bench-fonts-") as tmp:
            print("\n".join(font_sample(Path(tmp), args.periods)))
        return 0
    results = []
    print(
        f"{'indicators':>10} {'cold s':>8} {'warm s':>8} {'baseline s':>10} {'cold/base':>9} {'warm/base':>9} {'peak MB':>8} {'charts':>7} {'chart ms':>8}",
        flush=True,
    )
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            r = measure(n, args.periods, Path(tmp), args.repeat)
        results.append(r)
        chart_ms = r["chart_s"] / r["charts"] * 1000 if r["charts"] else 0.0
        r["chart_ms"] = chart_ms
        print(
            f"{n:>10} {r['cold']:>8.1f} {r['warm']:>8.1f} {r['baseline']:>10.1f} "
            f"{r['cold'] / r['baseline']:>9.2f} {r['warm'] / r['baseline']:>9.2f} {r['rss']:>8.0f} {r['charts']:>7.0f} {chart_ms:>8.0f}",
            flush=True,
        )
    r = results[-1]
    with tempfile.TemporaryDirectory(prefix="bench-sample-") as tmp:
        size, serial, pooled = pool_sample(int(r["n"]), args.periods, Path(tmp), args.sample)
    print(
        f"pool: {size} charts serially in one process {serial:.1f}s, by {os.cpu_count()} worker processes {pooled:.1f}s, ratio {pooled / serial:.2f}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmp:
        cold, phase, base, page_kb = real_cold(Path(tmp), args.repeat)
    print(
        f"real: cold build of the real data {cold:.1f}s, plain baseline of the same pages {base:.1f}s, ratio {cold / base:.2f}; "
        f"largest indicator page {page_kb:.1f} KB",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        serve = serve_latency(Path(tmp), args.repeat)
    print(
        f"serve: real data ({len(list((ROOT / 'data' / 'indicators').glob('*.yaml')))} indicators), edit visible after {serve:.1f}s (median of {args.repeat})",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        long = long_series(Path(tmp), [0, *(int(x) for x in args.rows.split(","))])
    (r1, t1, _), (r2, t2, _), (high, t3, high_rss) = long[-3], long[-2], long[-1]
    per_row = ((t3 - t2) / (high - r2)) / ((t2 - t1) / (r2 - r1))  # seconds per added row, last step over the one before: 1.0 linear, 2.0 quadratic
    for rows, seconds, rss in long:
        print(f"long: real data + one indicator of {rows} rows: cold build {seconds:.1f}s, peak {rss:.0f} MB", flush=True)
    print(
        f"bench: indicators={r['n']} cold={r['cold']:.1f}s warm={r['warm']:.1f}s baseline={r['baseline']:.1f}s "
        f"cold_ratio={r['cold'] / r['baseline']:.2f} warm_ratio={r['warm'] / r['baseline']:.2f} peak_rss={r['rss']:.0f} MB "
        f"charts={r['charts']:.0f} chart_ms={r['chart_ms']:.0f} real_cold_ratio={cold / base:.2f} "
        f"long_rows={high} long_peak_rss={high_rss:.0f} MB long_per_row_ratio={per_row:.2f} serve={serve:.1f}s page_kb={page_kb:.1f}"
    )
    print(
        f"floor: {r['n']} indicators: the built pages as plain HTML pages with the baseline's theme and search {r['floor']:.1f}s, "
        f"{r['floor'] / r['baseline']:.2f}x the baseline (no build of this content can be warmer)"
    )
    print(f"drawing: {r['n']} indicators {drawing_bound(r['cold'], r['chart_s'], r['baseline'])}; real data {drawing_bound(cold, phase, base)}")
    measured = {
        "warm_ratio": r["warm"] / r["baseline"],
        "cold_ratio": r["cold"] / r["baseline"],
        "peak_rss": r["rss"],
        "real_cold_ratio": cold / base,
        "serve": serve,
        "page_kb": page_kb,
    }
    print(budget_line(measured))
    return 0


def budget_line(measured: dict[str, float]) -> str:
    """Each budget (at the largest size) with what was measured and whether it is met:
    'budgets: warm_ratio=4.00<=1.5 over; … met=2/6'."""
    parts = [f"{name}={measured[name]:.2f}<={limit:g} {'met' if measured[name] <= limit else 'over'}" for name, limit in BUDGETS.items()]
    return f"budgets: {'; '.join(parts)}; met={sum(measured[n] <= v for n, v in BUDGETS.items())}/{len(BUDGETS)}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
