"""The marks of a government website in the footer, and the dates of the last and next update (政府网站与政务新媒体检查指标): 主办 and 承办单位, 网站标识码,
the ICP and 公安 records with their verification pages, the 党政机关网站标识 and the 找错 entry, each from
data/dataset.yaml, checked in form by the validator and shown only when given."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.data.loader import check
from tests.conftest import serve
from tests.test_validation import TODAY

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "valid" / "data"
# written for these tests: forms of real records, no real site's numbers
MARKS = """operator: 测试承办科室
site_code: 3799990001
icp: 鲁ICP备00000000号-1
police_record: 鲁公网安备37999902000001号
conac_url: https://bszs.conac.cn/sitename?method=show&id=0000000000000000
error_report_url: https://example.org/zhaocuo/3799990001
next_release: 2099-03-31
"""


def test_each_mark_is_checked_in_its_form_and_all_are_listed_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    wrong = "site_code: 37999\nicp: ICP备123号\npolice_record: 鲁公网安备123号\nconac_url: https://example.org/conac\n"
    (data / "dataset.yaml").write_text((data / "dataset.yaml").read_text(encoding="utf-8") + wrong, encoding="utf-8")
    lines = [str(p) for p in check(data, TODAY).problems]
    assert [line.split(" ")[1] for line in lines] == ["bad-record"] * 4, lines
    assert lines[1] == (
        "data/dataset.yaml:13:6 bad-record icp 写的是 ICP备123号，格式不对：应照证书或系统给出的原样填写，形如 鲁ICP备12345678号-1"
        " / icp ICP备123号 is not in the form its record takes, such as 鲁ICP备12345678号-1"
    )
    assert [line.split(" ")[0] for line in lines] == ["data/dataset.yaml:12:12", "data/dataset.yaml:13:6", "data/dataset.yaml:14:16", "data/dataset.yaml:15:12"]


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "dataset.yaml").write_text((data / "dataset.yaml").read_text(encoding="utf-8") + MARKS, encoding="utf-8")
    out = tmp_path_factory.mktemp("marked") / "site"
    run = mkdocs_build(out, data)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def marked_server(marked: Path) -> Iterator[str]:
    with serve(marked) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
def test_the_footer_gives_each_mark_centred_in_order_with_its_link(browser, marked_server: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(marked_server, wait_until="load")
    footer = page.locator(".site-marks")
    lines = [line.strip() for line in footer.locator("p").all_inner_texts()]
    assert lines[:3] == [
        "主办单位：商河县科学技术局 · 承办单位：测试承办科室",
        "网站标识码：3799990001 · 鲁ICP备00000000号-1 · 鲁公网安备37999902000001号",
        "党政机关网站标识 · 我为政府网站找错",
    ]
    links = dict(zip(footer.locator("a").all_inner_texts(), [a.get_attribute("href") for a in footer.locator("a").all()], strict=True))
    assert links == {
        "鲁ICP备00000000号-1": "https://beian.miit.gov.cn/",
        "鲁公网安备37999902000001号": "https://beian.mps.gov.cn/#/query/webSearch?code=37999902000001",
        "党政机关网站标识": "https://bszs.conac.cn/sitename?method=show&id=0000000000000000",
        "我为政府网站找错": "https://example.org/zhaocuo/3799990001",
    }
    box, viewport = footer.bounding_box(), page.viewport_size
    assert box and viewport
    words_of = "p => { const r = document.createRange(); r.selectNodeContents(p); const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    for line in footer.locator("p").all():  # each line's text is centred in the page
        words = line.evaluate(words_of)
        assert abs((words[0] + words[1]) / 2 - viewport["width"] / 2) < 24, (width, words)
    assert footer.evaluate("f => f.scrollWidth <= f.clientWidth")  # nothing runs off a phone's screen
    updates = page.locator("p.updates")
    assert updates.inner_text() == "最近更新：—。下次更新：预计 2099-03-31。" and updates.is_visible()  # no release yet
    page.goto(marked_server + "indicators/tech-contracts/", wait_until="load")
    assert page.locator("p.updates").inner_text() == "最近更新：—。下次更新：预计 2099-03-31。"
    page.close()
    later = browser.new_page(viewport={"width": width, "height": 900})
    later.clock.set_fixed_time("2099-04-01T09:00:00")  # a page built before the day, read after it
    later.goto(marked_server, wait_until="load")
    assert later.locator("p.updates").inner_text() == "最近更新：—。原定 2099-03-31 更新，至今尚未更新。"
    later.close()


def test_without_marks_the_footer_names_only_the_publisher(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('<div class="md-copyright site-marks">') :]
    assert "主办单位：商河县科学技术局" in footer and "承办单位" not in footer and "网站标识码" not in footer and "公网安备" not in footer
    assert "党政机关网站标识" not in footer and "找错" not in footer
