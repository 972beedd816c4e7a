"""`make dist`: the built site as one dated archive for an administrator to upload to the county portal's
server, with its SHA-256 beside it (`sha256sum -c` checks it after the upload).

dist/<dataset name>-<date>.zip holds site/ as it is, every file under the folder it is served from; the same
files on the same day make the same bytes (entries sorted, their times the day's start).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import zipfile
from pathlib import Path

import yaml

from scripts import ROOT, data_dir

SITE, DIST = ROOT / "site", ROOT / "dist"


def archive(site: Path, dest: Path, day: dt.date) -> Path:
    """Zip every file under ``site`` into ``dest`` and write ``dest``.sha256 in sha256sum's form."""
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            z.writestr(zipfile.ZipInfo(path.relative_to(site).as_posix(), stamp), path.read_bytes(), zipfile.ZIP_DEFLATED)
    digest = hashlib.sha256(dest.read_bytes()).hexdigest()
    dest.with_name(dest.name + ".sha256").write_text(f"{digest}  {dest.name}\n", encoding="utf-8")
    return dest


def main() -> int:
    if not (SITE / "index.html").is_file():
        print("没有找到构建好的网站：请先运行 make build / no built site: run make build first", file=sys.stderr)
        return 1
    name = yaml.safe_load((data_dir() / "dataset.yaml").read_text(encoding="utf-8"))["name"]
    dest = archive(SITE, DIST / f"{name}-{dt.date.today().isoformat()}.zip", dt.date.today())
    files, shown = len(zipfile.ZipFile(dest).namelist()), dest.relative_to(ROOT)
    print(f"已写出 {shown}（{files} 个文件，{dest.stat().st_size / 1e6:.1f} MB）和它的 SHA-256 / wrote {shown} and its SHA-256")
    return 0


if __name__ == "__main__":
    sys.exit(main())
