"""Shared fixtures: the real catalog, a fixture data tree, a built site, a server and a browser.

Each test is in one tier, from the fixtures it asks for (marked at collection, registered in
pyproject.toml): `browser` drives Chromium; `site` needs a built site (the shared `site`, or its
own build through `mkdocs_build`); `unit` needs neither. `make check` runs the unit tier."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.data.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
# every text of the charts on screen, as a reader sees them: the SVG file each picture shows (the phone's or
# the wide drawing), or Vega's live drawing in its place; each with its size on screen, the font size times
# the width the drawing is shown at over its own width (for page.eval_on_selector_all("figure.chart", …))
CHART_TEXTS = """async (figures) => (await Promise.all(figures.filter(f => f.getClientRects().length).map(async (figure) => {
  const img = figure.querySelector('picture img');
  let svg = figure.querySelector('.chart-live svg'), shown = svg && svg.getBoundingClientRect().width;
  if (img) {  // wait for the drawing the screen calls for (a picture changes it when the width crosses 600 px)
    const source = Array.from(figure.querySelectorAll('picture source')).find(s => matchMedia(s.media).matches);
    const wanted = new URL(source ? source.getAttribute('srcset') : img.getAttribute('src'), location.href).href;
    while (img.currentSrc !== wanted || !img.complete) await new Promise(done => setTimeout(done, 50));
    svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml').documentElement;
    shown = img.getBoundingClientRect().width;
  }
  const scale = shown / parseFloat(svg.getAttribute('width'));
  return Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, parseFloat(t.getAttribute('font-size')) * scale]);
}))).flat()"""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUBPATH = "shanghe-stats"  # the site is served from a sub-path, as on a GitHub Pages project site


def shared(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder every worker of this test session shares (pytest-xdist runs one process per core, each
    with its own temporary folder under the session's)."""
    base = tmp_path_factory.getbasetemp()
    path = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    path.mkdir(exist_ok=True)
    return path


@contextlib.contextmanager
def only_one_at_a_time(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock: the other workers wait until this one has done what it does there."""
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# every problem code a test made, in this process; a whole run of the suite fails if one was never made
CODES = pytest.StashKey[set[str]]()


def pytest_configure(config: pytest.Config) -> None:
    """Record the code of every Problem the tests make (in this process: workers report theirs to the
    controller, ``pytest_testnodedown``)."""
    from macros.data.problems import Problem

    made = config.stash[CODES] = set()
    original = Problem.__init__

    def recording(self: Problem, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        made.add(self.code)

    Problem.__init__ = recording  # type: ignore[method-assign]


@pytest.fixture
def produced_codes(pytestconfig: pytest.Config) -> set[str]:
    """The problem codes the tests of this process have made so far."""
    return pytestconfig.stash[CODES]


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: absent when it is not loaded (-p no:xdist)
def pytest_testnodedown(node: object, error: object) -> None:  # xdist, in the controller: a worker's codes
    node.config.stash[CODES].update(getattr(node, "workeroutput", {}).get("problem_codes", ()))  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A worker hands its codes on; a whole, passing run of the suite checks that every code the validator
    can report was made by some test (a test that produces it, not one that merely names it)."""
    from macros.data.problems import MESSAGES

    config = session.config
    made = config.stash[CODES]
    if hasattr(config, "workeroutput"):
        config.workeroutput["problem_codes"] = sorted(made)
        return
    whole = not config.option.markexpr and not config.option.keyword and not config.option.deselect and config.args in (["tests"], [str(ROOT / "tests")])
    missing = sorted(set(MESSAGES) - made)
    if whole and exitstatus == 0 and missing:
        print(f"\nproblem codes no test produced: {', '.join(missing)}", file=sys.stderr)
        session.exitstatus = 1


@pytest.fixture(scope="session", autouse=True)
def test_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Builds in the tests use a cache of their own, shared by the session's workers (the cache is
    safe to share: macros/cache.py), never the developer's .cache/ (tests that need an empty cache
    give their build one)."""
    path = shared(tmp_path_factory, "shared-cache")
    before = os.environ.get("SHANGHE_CACHE")
    os.environ["SHANGHE_CACHE"] = str(path)
    yield path
    if before is None:
        del os.environ["SHANGHE_CACHE"]
    else:
        os.environ["SHANGHE_CACHE"] = before


@pytest.fixture(scope="session")
def catalog():
    from macros.data.loader import load_catalog

    return load_catalog(ROOT / "data")


@pytest.fixture
def fixture_data(tmp_path: Path):
    """A copy of the small valid data tree; the returned function applies an overlay from
    fixtures/invalid/ (bad input, each with an expected error) or fixtures/cases/ (other cases)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "data", data)

    def overlay(case: str) -> Path:
        folder = FIXTURES / "invalid" / case
        shutil.copytree(folder if folder.exists() else FIXTURES / "cases" / case, data, dirs_exist_ok=True)
        return data

    overlay.data = data  # type: ignore[attr-defined]
    return overlay


SITE_FIXTURES = ("site", "mkdocs_build")
BROWSER_FIXTURES = ("browser",)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by these marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tier of each test, from the fixtures it uses (directly or through other fixtures)."""
    for item in items:
        if any(item.get_closest_marker(name) for name in ("unit", "site", "browser")):
            continue  # marked by hand: a test that builds through make, not through a fixture
        names = set(getattr(item, "fixturenames", ()))
        tier = "browser" if names & set(BROWSER_FIXTURES) else "site" if names & set(SITE_FIXTURES) else "unit"
        item.add_marker(tier)


def build(out: Path | None, data: Path | None = None, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a local build does it (no SITE_URL or ISSUES_URL unless given), into
    ``out`` (None: the project's own site_dir), from ``data`` when given; MkDocs' log in the result."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "ISSUES_URL")}
    environment |= {"NO_MKDOCS_2_WARNING": "1", **({"SHANGHE_DATA": str(data)} if data else {}), **env}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *(["--site-dir", str(out)] if out else [])]  # not --quiet: it silences warnings
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, test_cache: Path) -> Path:
    """The real site, built once for the whole test session with --strict (the first worker to need it
    builds it, the others wait and read it); its drawings stay in the shared cache for other builds."""
    folder = shared(tmp_path_factory, "site")
    out, log = folder / SUBPATH, folder / "build.log"
    with only_one_at_a_time(folder):
        if not log.exists():
            run = build(out, SHANGHE_CACHE=str(test_cache))
            log.write_text(f"{run.returncode}\n{run.stderr[-3000:]}", encoding="utf-8")
    returncode, _, stderr = log.read_text(encoding="utf-8").partition("\n")
    assert returncode == "0", stderr
    return out


def shown_drawing(site: Path, url: str) -> str:
    """The SVG drawing a page's (first) chart shows on a desktop: the file its picture's <img> names."""
    found = re.search(r'<figure class="chart".*?<img src="([^"]+)"', (site / url / "index.html").read_text(encoding="utf-8"), re.S)
    assert found, f"{url} shows no chart"
    return (site / url / found.group(1)).resolve().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mkdocs_build():
    """The one way a test builds a site of its own (see ``build``); asking for it puts the test in the
    site tier. A test that builds the real data also asks for ``site``, so that its build comes after
    the session's and finds the real data's drawings in the shared cache."""
    return build


def sample_indicators(cat: Catalog | None = None) -> list[str]:
    """The indicators the browser tests open: one of each kind of chart (and a page with one figure and
    no chart), plus a fixed sample of pages with caveats, items and a rank; every page is also checked
    without a browser. ``cat`` is the real catalog, when the caller has it already."""
    from macros.charts import specs
    from macros.data.loader import load_catalog

    cat = cat or load_catalog(ROOT / "data")
    kinds: dict[str, str] = {}
    for ind in sorted(cat.indicators.values(), key=lambda i: i.id):
        chart = specs.indicator_chart(cat, ind)
        kinds.setdefault("single" if len(chart.points) == 1 else chart.kind, ind.id)
    fixed = ["tech-contracts", "high-tech-publicised", "rd-expenditure-reported", "major-project-grants", "violations", "rd-growth-rank"]
    return sorted(set(kinds.values()) | set(fixed))


def sample_pages() -> list[str]:
    """The pages the browser tests open (as paths under the site): each page of its own, every source, the
    areas whose overview charts have the most and the fewest figures (or no chart), and the sample of
    indicators (``sample_indicators``)."""
    from macros.charts import specs
    from macros.data.loader import load_catalog

    cat = load_catalog(ROOT / "data")
    fixed = ["", "plan/", "sources/", "glossary/", "briefing/", "downloads/", "en/", "about/", "changelog/", "indicators/"]
    figures = {a: len(chart.points) if (chart := specs.area_chart(cat, a)) else 0 for a in sorted(cat.areas)}
    areas = dict.fromkeys([max(figures, key=figures.__getitem__), min(figures, key=figures.__getitem__)])
    return [*fixed, *(f"sources/{s}/" for s in cat.sources), *(f"areas/{a}/" for a in areas), *(f"indicators/{i}/" for i in sample_indicators(cat))]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class ErrorPageHandler(_QuietHandler):
    """A plain file server that answers a missing address under a site's folder with that site's 404.html,
    as nginx's error_page does (the folder: the address's first segment, the site's sub-path)."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / self.path.split("/")[1] / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder``'s parent on 127.0.0.1 and yield the URL of ``folder`` (a sub-path)."""
    handler = functools.partial(_QuietHandler, directory=str(folder.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/{folder.name}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """Serve the built site at http://127.0.0.1:<port>/shanghe-stats/."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Debian's chromium (.ci/run installs it); GitHub's Ubuntu runners have google-chrome instead
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert chromium, "Debian's chromium is required for the browser tests: apt-get install chromium (.ci/run does this)"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()
