"""The address on everything shared: a build with the site's public address (the deploy passes GitHub
Pages' as SITE_URL) puts it in every citation, og:image, the feed, the workbooks, the API, the chart
pictures' source line and the printed briefing, whose QR code decodes to it."""

from __future__ import annotations

import io
import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import vl_convert
import zxingcpp
from openpyxl import load_workbook
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "https://bureau.example.org/shanghe-stats/"


CONTACT = "测试用联系方式 0000-0000000"  # written for this test: no real contact is ever made up
ICP = "鲁ICP备00000000号-0"
ISSUES = "https://example.org/bureau/shanghe-stats/issues"


FIXTURE_DATA = ROOT / "tests" / "fixtures" / "valid" / "data"  # small: every address-bearing file is made the same way for any data


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Path:
    """The site as the deploy builds it: its public address and issue page from the workflow, and a
    dataset.yaml that gives the bureau's contact and an ICP record."""
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    with (data / "dataset.yaml").open("a", encoding="utf-8") as f:
        f.write(f"contact: {CONTACT}\nicp: {ICP}\n")
    out = tmp_path_factory.mktemp("addressed") / "site"
    run = mkdocs_build(out, data, SITE_URL=ADDRESS, ISSUES_URL=ISSUES)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


def test_pages_cite_and_preview_with_the_full_address(addressed: Path) -> None:
    from macros.data.loader import load_catalog

    for ind in load_catalog(FIXTURE_DATA).indicators.values():
        html = (addressed / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")
        page = f"{ADDRESS}indicators/{ind.id}/"
        assert html.count(f'data-path="indicators/{ind.id}/">{page}</span>') == 3, ind.id  # GB/T 7714, APA and 数据来源
        assert f'<meta property="og:image" content="{ADDRESS}downloads/charts/{ind.id}.png">' in html, ind.id
        svg = (addressed / "downloads" / "charts" / f"{ind.id}.svg").read_text(encoding="utf-8")
        assert page in svg, f"{ind.id}: the picture's source line names its page"
        notes = dict(load_workbook(addressed / "downloads" / "indicators" / f"{ind.id}.xlsx", read_only=True)["说明"].iter_rows(values_only=True))
        assert f"[DS/OL]. 商河县科学技术局, 2024[引用日期]. {page}." in notes["引用格式：GB/T 7714—2015"] and notes["网址"] == page, ind.id
        document = json.loads((addressed / "api" / "v1" / "indicators" / f"{ind.id}.json").read_text(encoding="utf-8"))
        assert document["url"] == page and all(page in document["citation"][style] for style in ("zh", "en", "attribution")), ind.id
    catalogue = json.loads((addressed / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))
    assert all(i["url"] == f"{ADDRESS}{i['page']}" for i in catalogue["indicators"])
    feed = (addressed / "feed.xml").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', feed)
    assert links and all(link.startswith(ADDRESS) for link in links), links


def test_every_surface_cites_an_indicator_with_the_same_text_version_and_address(addressed: Path) -> None:
    """The page, the XLSX 说明 sheet, the JSON download, the API file, the .bib and the .ris name the same
    version and page; the three styles read the same on the page (before cite.js dates them) as in the files."""
    import bibtexparser
    import rispy

    iid = "tech-contracts"
    page = f"{ADDRESS}indicators/{iid}/"
    document = json.loads((addressed / "api" / "v1" / "indicators" / f"{iid}.json").read_text(encoding="utf-8"))
    assert json.loads((addressed / "downloads" / "indicators" / f"{iid}.json").read_text(encoding="utf-8"))["citation"] == document["citation"]
    assert document["version"] == "0+updates"  # the fixture data have no release yet
    assert document["citation"]["attribution"].startswith("数据来源：商河县科学技术局《") and document["citation"]["attribution"].endswith(f"，{page}。")
    assert document["citation"]["en"].endswith(f"statistics: Registered technology contracts [Data set]. {page}")  # no version number before a release
    assert document["citation"]["zh"].endswith(f"技术合同认定登记数（尚无冻结版本）[DS/OL]. 商河县科学技术局, 2024[引用日期]. {page}.")
    html = (addressed / "indicators" / iid / "index.html").read_text(encoding="utf-8")
    shown = [unescape(re.sub(r"<[^>]+>", "", text)) for text in re.findall(r'<pre class="citation" lang="[^"]+"><code>(.*?)</code></pre>', html)]
    assert shown == [document["citation"][style] for style in ("zh", "en", "attribution")]
    notes = dict(load_workbook(addressed / "downloads" / "indicators" / f"{iid}.xlsx", read_only=True)["说明"].iter_rows(values_only=True))
    assert [notes["引用格式：GB/T 7714—2015"], notes["引用格式：APA（第 7 版，英文）"], notes["引用格式：中文（报道用）"]] == shown
    assert f'href="../../downloads/cite/{iid}.bib"' in html and f'href="../../downloads/cite/{iid}.ris"' in html
    (entry,) = bibtexparser.parse_string((addressed / "downloads" / "cite" / f"{iid}.bib").read_text(encoding="utf-8")).entries
    assert entry.fields_dict["url"].value == page and entry.fields_dict["note"].value == "数据集，尚无冻结版本"
    (record,) = rispy.loads((addressed / "downloads" / "cite" / f"{iid}.ris").read_text(encoding="utf-8"))
    assert record["urls"] == [page] and "edition" not in record
    dataset = bibtexparser.parse_string((addressed / "downloads" / "cite" / "shanghe-sci-tech-stats.bib").read_text(encoding="utf-8")).entries[0]
    assert dataset.fields_dict["url"].value == f"{ADDRESS}downloads/" and dataset.fields_dict["title"].value == "商河县科技统计数据"


def test_the_feed_links_each_release_at_the_address(catalog) -> None:
    """The real releases' feed, made as the build makes it with the address: every link is under it."""
    from xml.etree import ElementTree

    from macros.publish.package import feed

    atom = ElementTree.fromstring(feed(catalog, ADDRESS, [(release, []) for release in catalog.releases]))  # well-formed Atom, an entry per release
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed" and len(entries) == len(catalog.releases) >= 2
    links = [link.get("href") for link in atom.iter("{http://www.w3.org/2005/Atom}link")]
    assert len(links) > len(entries) and all(link.startswith(ADDRESS) for link in links), links


def test_the_printed_briefing_carries_the_address_and_a_code_for_it(addressed: Path) -> None:
    html = (addressed / "briefing" / "index.html").read_text(encoding="utf-8")
    assert f"本站网址：{ADDRESS}" in html
    svg = re.search(r'<svg[^>]*class="address-code".*?</svg>', html, re.S).group(0)  # type: ignore[union-attr]
    if "xmlns" not in svg:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    image = Image.open(io.BytesIO(vl_convert.svg_to_png(svg, scale=4))).convert("L")
    (code,) = zxingcpp.read_barcodes(image)
    assert code.text == ADDRESS


def test_without_an_address_nothing_names_an_empty_one(site: Path) -> None:
    """A build with no address configured (a preview, a test) keeps links relative, names no address,
    and prints no code."""
    html = (site / "briefing" / "index.html").read_text(encoding="utf-8")
    assert "address-code" not in html and "本站网址" not in html
    assert '<meta property="og:image" content="../../downloads/charts/' in (site / "indicators" / "tech-smes" / "index.html").read_text(encoding="utf-8")
    assert "url" not in json.loads((site / "api" / "v1" / "indicators" / "tech-smes.json").read_text(encoding="utf-8"))


def test_readers_can_reach_the_bureau_and_see_who_publishes(addressed: Path, site: Path) -> None:
    """With a contact, an ICP record and the issue page configured, the about page offers both ways to
    report an error and every page's footer names the publisher and the record; unconfigured, the site
    says it has published no channel yet and shows no record."""
    about = (addressed / "about" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{ISSUES}" rel="noopener">{ISSUES}</a>' in about and f"联系商河县科学技术局：{CONTACT}" in about
    for page in ("index.html", "indicators/tech-contracts/index.html", "404.html"):
        html = (addressed / page).read_text(encoding="utf-8")
        assert "主办单位：商河县科学技术局" in html and f'<a href="https://beian.miit.gov.cn/" rel="noopener">{ICP}</a>' in html, page
    missing = (addressed / "404.html").read_text(encoding="utf-8")
    assert f'<a data-path="indicators/" href="{ADDRESS}indicators/">全部指标</a>' in missing  # the site's address: works at any missing one
    assert "<script" not in missing  # the address is known: no script looks for the site's root
    local = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "本站暂未公布纠错渠道" in local and "beian.miit.gov.cn" not in local and "主办单位：商河县科学技术局" in local


def test_the_deploy_builds_with_the_pages_address() -> None:
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    build = flow["jobs"]["build"]
    steps = {s.get("id"): s for s in build["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@") and build["permissions"]["pages"] == "read"
    run = next(s for s in build["steps"] if "make build" in s.get("run", ""))
    assert run["env"]["PAGES_URL"] == "${{ steps.pages.outputs.base_url }}" and 'SITE_URL="$PAGES_URL" make build' in run["run"]
