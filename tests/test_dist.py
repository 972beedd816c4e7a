"""`make dist`: the built site as one archive with its SHA-256, for an administrator to upload."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

from scripts.dist import archive


def test_the_archive_holds_the_site_as_it_is_with_a_checksum_sha256sum_reads(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "indicators" / "甲").mkdir(parents=True)
    (site / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (site / "indicators" / "甲" / "index.html").write_text("<p>指标</p>", encoding="utf-8")
    dest = archive(site, tmp_path / "dist" / "county-2026-12-06.zip", dt.date(2026, 12, 6))
    with zipfile.ZipFile(dest) as z:
        assert z.namelist() == ["index.html", "indicators/甲/index.html"]  # served from the archive's root
        assert z.read("indicators/甲/index.html").decode("utf-8") == "<p>指标</p>"
        assert {i.date_time for i in z.infolist()} == {(2026, 12, 6, 0, 0, 0)}
    line = (tmp_path / "dist" / "county-2026-12-06.zip.sha256").read_text(encoding="utf-8")
    assert line == f"{hashlib.sha256(dest.read_bytes()).hexdigest()}  county-2026-12-06.zip\n"
    again = archive(site, tmp_path / "again" / "county-2026-12-06.zip", dt.date(2026, 12, 6))
    assert again.read_bytes() == dest.read_bytes()  # the same site on the same day: the same bytes
