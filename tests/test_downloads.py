"""Open data: every file a journalist downloads opens in their tools, verifies and is reproducible."""

from __future__ import annotations

import collections
import csv
import hashlib
import json
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd
from frictionless import Package
from openpyxl import load_workbook

from macros.publish.tables import OBSERVATION_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
INDICATOR_FILES = (
    "downloads/indicators/{id}.csv",
    "downloads/indicators/{id}.xlsx",
    "api/v1/indicators/{id}.json",
    "downloads/charts/{id}.png",
    "downloads/charts/{id}.svg",
    "downloads/charts/{id}.vl.json",
)


def test_observations_csv_reads_with_pandas(site: Path, catalog) -> None:
    frame = pd.read_csv(site / "downloads" / "observations.csv")
    assert len(frame) == len(catalog.observations)
    assert frame["value"].dtype.kind == "f"


def test_data_package_passes_frictionless(site: Path, catalog) -> None:
    report = Package(str(site / "downloads" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:20]
    package = json.loads((site / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"observations", "indicators", "areas", "sources", "registers"} <= names
    assert {f"indicator-{i}" for i in catalog.indicators} <= names
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["version"] and package["sources"]
    observations = next(r for r in package["resources"] if r["name"] == "observations")
    assert observations["schema"]["primaryKey"] == ["indicator_id", "period", "breakdown"]
    assert all(f.get("description") for f in observations["schema"]["fields"])


def test_xlsx_round_trip_equals_csv(site: Path, catalog) -> None:
    def check(xlsx: Path, sheet: str, csv_path: Path) -> None:
        ws = load_workbook(xlsx, read_only=True)[sheet]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == [c.zh for c in OBSERVATION_COLUMNS], "Chinese headers"
        expected = list(csv.DictReader(csv_path.open(encoding="utf-8")))
        assert len(rows) - 1 == len(expected)
        for got, want in zip(rows[1:], expected, strict=True):
            for column, cell in zip(OBSERVATION_COLUMNS, got, strict=True):
                if column.type == "number":
                    assert cell == float(want[column.name])
                else:  # codes are named in Chinese (derived: 推算值), other text is as in the CSV
                    assert (cell or "") == column.label(want[column.name]), (xlsx.name, column.name)

    check(site / "downloads" / "observations.xlsx", "全部观测值", site / "downloads" / "observations.csv")
    for iid in catalog.indicators:
        check(site / "downloads" / "indicators" / f"{iid}.xlsx", "数据", site / "downloads" / "indicators" / f"{iid}.csv")
    notes = dict(load_workbook(site / "downloads" / "indicators" / "rd-expenditure-reported.xlsx")["说明"].iter_rows(values_only=True))
    for key in ("定义", "单位", "来源", "标记说明", "许可协议", "引用格式：GB/T 7714—2015", "引用格式：APA（第 7 版，英文）", "引用格式：中文（报道用）"):
        assert notes.get(key), key
    assert "CC BY 4.0" in notes["许可协议"] and "商河县科学技术局" in notes["引用格式：GB/T 7714—2015"]


def test_checksums_cover_and_verify_every_download(site: Path) -> None:
    downloads = site / "downloads"
    listed = {}
    for line in (downloads / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
        assert hashlib.sha256((downloads / name).read_bytes()).hexdigest() == digest, name
    files = {p.relative_to(downloads).as_posix() for p in downloads.rglob("*") if p.is_file()} - {"SHA256SUMS", "index.html"}
    files |= {"../" + p.relative_to(site).as_posix() for p in (site / "api").rglob("*.json")}
    assert files == set(listed)


def test_every_indicator_page_links_its_downloads_and_they_resolve(site: Path, catalog) -> None:
    for iid in catalog.indicators:
        html = (site / "indicators" / iid / "index.html").read_text(encoding="utf-8")
        for pattern in INDICATOR_FILES:
            path = pattern.format(id=iid)
            assert f'href="../../{path}"' in html, (iid, path)
            assert (site / path).stat().st_size > 0, path
        assert "引用格式：GB/T 7714—2015" in html and "引用格式：APA（第 7 版，英文）" in html and "CC BY 4.0" in html


def test_chart_png_is_wide_enough_for_print(site: Path, catalog) -> None:
    for iid in catalog.indicators:
        png = (site / "downloads" / "charts" / f"{iid}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width >= 1200 and height > 300, (iid, width)
    svg = (site / "downloads" / "charts" / "tech-contracts.svg").read_text(encoding="utf-8")
    assert "技术合同认定登记" in svg and "来源：" in svg, "title and source line are drawn in"


def test_api_catalogue_and_indicator_files(site: Path, catalog) -> None:
    listing = json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in listing["indicators"]] == list(catalog.indicators)
    for entry in listing["indicators"]:
        assert (site / entry["api"]).is_file() and (site / entry["page"] / "index.html").is_file() and (site / entry["csv"]).is_file()
        doc = json.loads((site / entry["api"]).read_text(encoding="utf-8"))
        ind = catalog.indicators[entry["id"]]
        assert [o["value"] for o in doc["observations"]] == [float(o.value) for o in ind.observations]
        assert doc["unit"] == ind.unit and all(o["source_quote"] for o in doc["observations"])


def test_dcat_catalogue_lists_every_dataset(site: Path, catalog) -> None:
    doc = json.loads((site / "downloads" / "catalog.jsonld").read_text(encoding="utf-8"))
    assert doc["@type"] == "dcat:Catalog"
    ids = {d["dct:identifier"] for d in doc["dcat:dataset"]}
    assert set(catalog.indicators) <= ids
    for d in doc["dcat:dataset"]:
        for dist in d["dcat:distribution"]:
            assert (site / dist["dcat:downloadURL"]["@id"]).stat().st_size == dist["dcat:byteSize"]


def test_feed_announces_every_release(site: Path, catalog) -> None:
    root = ET.fromstring((site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert titles == [f"数据版本 {r.version}" for r in reversed(catalog.releases)]
    assert catalog.releases, "release 2024.1 is cut"


def test_bulk_zip_holds_every_current_download(site: Path) -> None:
    with zipfile.ZipFile(site / "downloads" / "shanghe-sci-tech-stats.zip") as z:
        names = set(z.namelist())
        assert {"observations.csv", "datapackage.json", "indicators/tech-contracts.xlsx", "charts/tech-contracts.png"} <= names
        assert len({i.date_time for i in z.infolist()}) == 1, "one fixed timestamp"
        assert z.read("observations.csv") == (site / "downloads" / "observations.csv").read_bytes()


def test_citation_names_bureau_title_version(site: Path, catalog) -> None:
    html = (site / "indicators" / "tech-contracts" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    from macros.data.releases import version_words

    version = json.loads((site / "api" / "v1" / "indicators.json").read_text(encoding="utf-8"))["version"]  # 2024.2, or 2024.2+updates after a data change
    zh, _en = version_words(version)
    assert f"商河县科学技术局. 商河县科技统计数据：技术合同认定登记（{zh}）[DS/OL]. 商河县科学技术局, 2026[引用日期]." in text
    title_en = catalog.indicators["tech-contracts"].title_en
    assert f"Shanghe County Science and Technology Bureau. (2026). Shanghe County science and technology statistics: {title_en} (Version {version})" in text


def test_chinese_font_for_chart_pictures_is_installed() -> None:
    """Chart PNGs are drawn with the system's Noto Sans CJK SC; without it the build stops with a clear message."""
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    assert "Noto Sans CJK SC" in fonts, "apt-get install fonts-noto-cjk (.ci/run does this)"


def test_spreadsheet_users_are_offered_the_file_excel_opens(site: Path, catalog) -> None:
    """Excel on Chinese Windows opens a BOM-less UTF-8 CSV as 乱码: every download box offers the XLSX
    first (Chinese headers, flags in Chinese), while the machine CSV stays plain UTF-8 with English
    names and the data package still describes it."""
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    files = re.findall(r'<a href="(?:\.\./)*downloads/([^"]+)" download>', downloads)
    assert files[0] == "observations.xlsx" and files.index("observations.xlsx") < files.index("observations.csv")
    for ind in catalog.indicators.values():
        page = (site / "indicators" / ind.id / "index.html").read_text(encoding="utf-8")
        offered = re.findall(r'<a href="\.\./\.\./downloads/indicators/[a-z0-9-]+\.(xlsx|csv)" download>', page)
        assert offered[:2] == ["xlsx", "csv"], ind.id
    assert not (site / "downloads" / "observations.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    ws = load_workbook(site / "downloads" / "observations.xlsx", read_only=True)["全部观测值"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert "标记" in header and "指标名称" in header
    flags = {row[header.index("标记")] for row in rows[1:]}
    assert {"推算值", "由文字推断"} <= flags and not flags & {"derived", "from_wording"}
    assert {row[header.index("限定")] for row in rows[1:]} >= {"下限值"}


def test_the_catalogue_dates_each_indicator_as_the_downloads_page_does(site: Path) -> None:
    """An open-data portal reads dct:modified; a reader reads 最近更新: the same date for each indicator
    (the release that last changed its data), and the release's date for the whole dataset."""
    catalogue = json.loads((site / "downloads" / "catalog.jsonld").read_text(encoding="utf-8"))
    modified = {d["dct:identifier"]: d.get("dct:modified") for d in catalogue["dcat:dataset"]}
    page = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r'<a href="../indicators/([^/]+)/">[^<]*</a></th>.*?data-label="最近更新">(?:<a [^>]*>)?([^<]*)', page))
    # changed since the latest release ("2024.4版之后"): not yet dated by a release, in either
    dated = {iid: None if date.endswith("版之后") else date for iid, date in shown.items()}
    assert shown and all(modified[iid] == date for iid, date in dated.items()), [(i, d, modified[i]) for i, d in dated.items() if modified[i] != d]
    assert sorted(collections.Counter(shown.values()).items()) == [("2026-11-27", 11), ("2026-12-03", 43), ("2026-12-06", 1)]  # 2024.4: one relabelled
    assert modified["shanghe-sci-tech-stats"] == "2026-12-06"
