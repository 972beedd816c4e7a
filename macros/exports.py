"""Download files written next to the site: plain Python, callable without MkDocs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from macros.catalog import Catalog
from macros.formatting import number

OBSERVATION_COLUMNS = (
    "indicator_id",
    "indicator_name",
    "indicator_name_en",
    "area",
    "area_name",
    "period",
    "period_label",
    "as_of",
    "breakdown",
    "value",
    "unit",
    "flag",
    "qualifier",
    "note",
    "formula",
    "source_id",
    "source_title",
    "source_quote",
)


def observation_rows(cat: Catalog) -> list[dict[str, str]]:
    rows = []
    for ind in cat.indicators.values():
        area = cat.areas[ind.area]
        for o in ind.observations:
            rows.append(
                {
                    "indicator_id": ind.id,
                    "indicator_name": ind.title,
                    "indicator_name_en": ind.title_en,
                    "area": area.id,
                    "area_name": area.title,
                    "period": o.period.text,
                    "period_label": o.period.label,
                    "as_of": o.as_of,
                    "breakdown": o.breakdown,
                    "value": number(o.value, ind.decimals),
                    "unit": ind.unit,
                    "flag": o.flag,
                    "qualifier": o.qualifier,
                    "note": o.note,
                    "formula": o.formula,
                    "source_id": o.source,
                    "source_title": cat.sources[o.source].title,
                    "source_quote": o.quote,
                }
            )
    return rows


def observations_csv(cat: Catalog) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=OBSERVATION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(observation_rows(cat))
    return out.getvalue()


def downloads(cat: Catalog) -> dict[str, str]:
    """Every site-wide download file, by name under /downloads/."""
    return {"observations.csv": observations_csv(cat)}


def write_downloads(cat: Catalog, folder: Path) -> list[Path]:
    """Write the download files into ``folder`` without MkDocs; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in downloads(cat).items():
        (folder / name).write_text(content, encoding="utf-8")
        written.append(folder / name)
    return written
