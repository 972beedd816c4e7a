"""When the data last changed and when the next figures are expected (dataset.yaml's next_release), on the
home page, every indicator page, the API and the feed; said plainly once that day has passed with no release."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.data.loader import check
from tests.test_validation import TODAY

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "valid" / "data"


def test_the_next_release_is_a_date_that_may_be_ahead(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    dataset = (data / "dataset.yaml").read_text(encoding="utf-8")
    (data / "dataset.yaml").write_text(dataset + "next_release: 2099-03-31\n", encoding="utf-8")
    assert check(data, TODAY).problems == []
    (data / "dataset.yaml").write_text(dataset + "next_release: 2027-02-30\n", encoding="utf-8")
    assert [str(p).split(" ")[:2] for p in check(data, TODAY).problems] == [["data/dataset.yaml:12:15", "no-such-date"]]


def test_the_next_release_is_expected_until_its_day_passes_with_no_release(catalog) -> None:
    from macros.site.pages import updates

    ds = dataclasses.replace(catalog.dataset, next_release="2027-03-31")
    build = SimpleNamespace(catalog=dataclasses.replace(catalog, dataset=ds), version="2024.4")
    assert updates(build, today=dt.date(2027, 3, 31)) == ("2026-12-06", "v2024-4", "2027-03-31", False)  # type: ignore[arg-type]
    assert updates(build, today=dt.date(2027, 4, 1)).overdue  # type: ignore[arg-type]
    spent = SimpleNamespace(catalog=dataclasses.replace(catalog, dataset=dataclasses.replace(ds, next_release="2026-12-01")), version="2024.4")
    assert updates(spent, today=dt.date(2027, 1, 1)).due == ""  # 2024.4 came on 2026-12-06: the plan is spent  # type: ignore[arg-type]
    build.version = "2024.4+updates"
    assert updates(build, today=dt.date(2027, 1, 1))[:2] == ("2024.4版之后", "since-latest")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def overdue(tmp_path_factory: pytest.TempPathFactory, mkdocs_build) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    with (data / "dataset.yaml").open("a", encoding="utf-8") as f:
        f.write("next_release: 2026-01-01\n")  # passed, and the fixture data have no release at all
    out = tmp_path_factory.mktemp("overdue") / "site"
    run = mkdocs_build(out, data)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


def test_a_passed_date_is_said_plainly_on_every_page_and_carried_by_the_api_and_feed(overdue: Path) -> None:
    for page in ("index.html", "indicators/tech-contracts/index.html"):
        html = (overdue / page).read_text(encoding="utf-8")
        assert "原定 2026-01-01 更新，至今尚未更新。</p>" in html and "预计" not in html, page
    api = json.loads((overdue / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))
    assert api["next_release"] == "2026-01-01" and all(i["last_updated"] is None for i in api["indicators"])  # no release yet
    assert "<subtitle>下次更新：预计 2026-01-01</subtitle>" in (overdue / "feed.xml").read_text(encoding="utf-8")


def test_without_a_next_release_the_pages_give_the_last_change_only(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="updates" data-search-exclude>最近更新：<a href="changelog/#v2024-4">2026-12-06</a>。</p>' in home
    page = (site / "indicators" / "tech-contracts" / "index.html").read_text(encoding="utf-8")
    assert '最近更新：<a href="../../changelog/#v2024-2">2026-12-03</a>。</p>' in page and "下次更新" not in page
    api = json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))
    assert api["next_release"] is None and {i["id"]: i["last_updated"] for i in api["indicators"]}["tech-contracts"] == "2026-12-03"
