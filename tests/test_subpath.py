"""Published under a sub-path of a county portal: built with SITE_URL=http://…/kjtj/ and served by a plain file
server under /kjtj/ (missing addresses answered with the 404 page, as nginx's error_page does), every link of a
sample of pages and of the 404 page leads to a page that exists, the search finds pages, and the printed
briefing's QR code scans to the site's address."""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
import zxingcpp
from PIL import Image

from tests.conftest import ErrorPageHandler

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "valid" / "data"
PAGES = ["", "indicators/", "indicators/tech-contracts/", "areas/", "downloads/", "briefing/", "about/", "changelog/", "no/such/page/"]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Iterator[str]:
    """The site at http://127.0.0.1:<port>/kjtj/, built with that address."""
    folder = tmp_path_factory.mktemp("portal")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ErrorPageHandler, directory=str(folder)))
    address = f"http://127.0.0.1:{httpd.server_address[1]}/kjtj/"
    data = folder.parent / "portal-data"
    shutil.copytree(FIXTURE_DATA, data)
    run = mkdocs_build(folder / "kjtj", data, SITE_URL=address)
    assert run.returncode == 0, run.stderr[-2000:]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield address
    httpd.shutdown()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_every_link_of_the_sample_pages_and_the_404_page_leads_to_a_page(browser, portal: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    broken: list[tuple[str, str]] = []
    checked: dict[str, int] = {}
    for path in PAGES:
        page.goto(portal + path, wait_until="load")
        links = page.eval_on_selector_all("a[href], link[href], script[src], img[src], source[srcset]", "els => els.map(e => e.href || e.src || e.srcset)")
        assert links, path
        for link in links:
            url = urldefrag(urljoin(page.url, link)).url
            if urlparse(url).netloc != urlparse(portal).netloc:
                continue  # another site (a licence, a record's verification page): not followed
            assert url.startswith(portal), (path, link)  # never above the sub-path
            if url not in checked:
                checked[url] = status(url)
            if checked[url] != 200:
                broken.append((path, url))
    page.close()
    assert len(checked) > 60 and not broken, broken


def test_the_search_finds_a_page_under_the_sub_path(browser, portal: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(portal + "?q=技术合同", wait_until="load")  # the theme opens its search for ?q=, as the 404 page's form does
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15_000)
    href = first.get_attribute("href") or ""
    assert urljoin(page.url, href).startswith(portal + "indicators/tech-contracts/")
    page.close()


def test_the_briefings_code_scans_to_the_sites_address(browser, portal: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    page.goto(portal + "briefing/", wait_until="load")
    page.emulate_media(media="print")
    shot = page.locator(".address-code").screenshot()
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)).convert("L"))
    assert code.text == portal and status(code.text) == 200
    page.close()
