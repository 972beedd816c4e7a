"""Shared fixtures: the real catalog, a fixture data tree, a built site, a server and a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUBPATH = "shanghe-stats"  # the site is served from a sub-path, as on a GitHub Pages project site


@pytest.fixture(scope="session", autouse=True)
def test_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Builds in the tests use a cache of their own, never the developer's .cache/ (tests that need an
    empty cache give their build one)."""
    path = tmp_path_factory.mktemp("shared-cache")
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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once for the whole test session with --strict, from an empty cache."""
    out = tmp_path_factory.mktemp("build") / SUBPATH
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "ISSUES_URL")}  # as a local build: relative links, no issue page
    env |= {"NO_MKDOCS_2_WARNING": "1", "SHANGHE_CACHE": str(tmp_path_factory.mktemp("cache"))}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, check=True, env=env, capture_output=True)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


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
