"""Charts other sites show: each chart has /embed/<name>/, a small page with no script made to be framed,
and the indicator page gives the <iframe> code and a picture-and-caption code. A browser pastes both into a
page of another origin, as a journalist would, at a phone's width and a desktop's."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMED = "rd-expenditure-reported"  # two periods: the phone's layout and the wide one


def test_every_chart_has_a_small_embed_page_with_its_source_and_way_back(site: Path, catalog) -> None:
    from macros.charts import specs

    names = [*catalog.indicators, *(f"area-{a}" for a in catalog.areas if specs.area_chart(catalog, a))]
    assert any(n.startswith("area-") for n in names)
    assert sorted(p.name for p in (site / "embed").iterdir()) == sorted(names)
    for name in names:
        page = site / "embed" / name / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "http://" not in html and 'rel="stylesheet"' not in html, name
        assert re.search(r'<h1><a href="\.\./\.\./(indicators|areas)/[a-z0-9-]+/" target="_blank" rel="noopener">', html), name
        assert "<p>来源：《" in html and "商河县科技统计数据 · 2024.4版" in html and "许可协议 CC-BY-4.0" in html, name
        pictures = re.findall(r'(?:src|srcset)="\.\./\.\./([^"]+)"', html)
        assert all((site / src).is_file() for src in pictures), (name, pictures)
        # what a reader's phone loads, served with gzip as the README's nginx configuration serves it: the page
        # and the largest picture its width may show
        loaded = len(gzip.compress(page.read_bytes())) + max([len(gzip.compress((site / src).read_bytes())) for src in pictures] or [0])
        assert page.stat().st_size <= 30_000 and loaded <= 30_000, (name, loaded)
    html = (site / "embed" / "major-project-grants" / "index.html").read_text(encoding="utf-8")
    assert "<h1><a" in html and "重大项目资助资金（2024年，万元）</a></h1>" in html and "<p>时期：2024年</p>" in html
    # one bar says nothing a number does not: a chart of one figure is framed as the figure, as its page shows it
    card = (site / "embed" / "tech-contracts" / "index.html").read_text(encoding="utf-8")
    assert '<p class="figure">95 项</p>' in card and "<img" not in card and "<p>时期：2024年（截至报告成文）</p>" in card


def test_the_codes_escape_what_they_quote_once_as_code_and_once_to_be_shown() -> None:
    from types import SimpleNamespace

    from macros.site import pages

    e = pages.Embedded("x", 'A&B "甲"', "时期：2024年", 'A&B "甲"：2024年为1 项。', "indicators/x/", "来源：《<乙>》", "站 · 2024.4版", [], "1 项", "x.png")
    html = pages.environment().from_string('{% import "_parts.html" as parts with context %}{{ parts.embed_codes(e) }}')
    shown = html.render(build=SimpleNamespace(site_url="https://example.org/kjtj/"), base="../../", e=e)
    assert 'title="A&amp;amp;B &amp;#34;甲&amp;#34;"' in shown  # the code says title="A&amp;B &#34;甲&#34;"
    assert 'alt="A&amp;amp;B &amp;#34;甲&amp;#34;：2024年为1 项。"' in shown
    assert "来源：《&amp;lt;乙&amp;gt;》" in shown  # the code's caption: 来源：《&lt;乙&gt;》
    assert '&lt;img src="https://example.org/kjtj/x.png"' in shown and "data-href" not in shown
    plain = "A&amp;B &#34;甲&#34;。时期：2024年。来源：《&lt;乙&gt;》。站 · 2024.4版：https://example.org/kjtj/indicators/x/</code>"
    assert plain in shown  # the caption to copy as text


def test_the_server_configuration_lets_only_embed_pages_be_framed() -> None:
    """frame-ancestors works only as a header (DESIGN.md): the README's nginx configuration sends it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "add_header Content-Security-Policy \"frame-ancestors 'self'\" always;" in readme
    assert "location ^~ /kjtj/embed/ {" in readme and 'add_header Content-Security-Policy "frame-ancestors *" always;' in readme


class _Headers(http.server.SimpleHTTPRequestHandler):
    """The site as the README's nginx configuration serves it: framed from anywhere under /embed/ only."""

    def end_headers(self) -> None:
        framed = "/embed/" in self.path
        self.send_header("Content-Security-Policy", "frame-ancestors *" if framed else "frame-ancestors 'self'")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler], host: str) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def origins(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """The site at 127.0.0.1, and a folder served at localhost: another origin, where a newspaper's page is."""
    other = tmp_path_factory.mktemp("newspaper")
    with _serve(site.parent, _Headers, "127.0.0.1") as root, _serve(other, http.server.SimpleHTTPRequestHandler, "localhost") as paper:
        yield f"{root}{site.name}/", paper, other


@pytest.mark.parametrize("width", [375, 1280])
def test_the_codes_show_the_chart_with_its_source_on_another_origin(browser, origins: tuple[str, str, Path], width: int) -> None:
    site, paper, folder = origins
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site}indicators/{FRAMED}/", wait_until="load")
    iframe_code, img_code, caption_text = page.locator("pre.embed-code code").all_inner_texts()
    assert caption_text.endswith(f"：{site}indicators/{FRAMED}/")
    assert iframe_code.startswith(f'<iframe src="{site}embed/{FRAMED}/"')
    folder.joinpath("story.html").write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><p>报道正文</p>{iframe_code}<p>报道正文</p>{img_code}'
        f'<iframe id="whole" src="{site}indicators/{FRAMED}/"></iframe>',
        encoding="utf-8",
    )
    page.goto(f"{paper}story.html", wait_until="load")
    frame = page.frame_locator(f'iframe[src="{site}embed/{FRAMED}/"]')
    picture = frame.locator("img")
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0 && img.currentSrc.endsWith('.svg')")
    assert ("phone.svg" in picture.evaluate("img => img.currentSrc")) == (width == 375)
    assert "来源：《商河县科技局2024年工作总结和2025年工作计划》" in frame.locator("figcaption").inner_text()
    assert frame.locator("h1 a").get_attribute("href") == "../../indicators/rd-expenditure-reported/"
    fits = frame.locator("html").evaluate("html => [html.scrollHeight, window.innerHeight, html.scrollWidth, window.innerWidth]")
    assert fits[0] <= fits[1] and fits[2] <= fits[3], fits  # the code's height shows it whole, with no scroll bar
    copied = page.locator("figure img")
    assert copied.evaluate("img => img.complete && img.naturalWidth === 1280 && img.width <= 450")  # the PNG offered for download, at the page chart's size
    caption = page.locator("figure figcaption").inner_text()
    assert "规上企业填报研发费用" in caption and "来源：《" in caption and "许可协议 CC-BY-4.0" in caption
    assert caption.endswith(f"：{site}indicators/{FRAMED}/")  # the way back, printed with the picture
    assert page.locator("figure figcaption a").get_attribute("href") == f"{site}indicators/{FRAMED}/"
    # any other page of the site refuses to be framed by another site
    refused = [f.url for f in page.frames if f.parent_frame and "embed" not in f.url]
    assert refused == ["chrome-error://chromewebdata/"], refused  # Chromium's page for a frame it may not show
    page.close()
