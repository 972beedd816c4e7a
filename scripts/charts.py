"""Draw the charts the site needs that the cache lacks, or a fixed share of them, into the cache.

Usage: make charts [SHARD=k/N]   (python -m scripts.charts)
SHANGHE_DATA and SHANGHE_CACHE as for the build (data/ and .cache/ by default); SITE_URL as the build
will have it, since each picture names its page's address. A drawing's share is fixed by its cache key:
N machines each drawing one share (SHARD=1/N … N/N) draw every missing drawing once, and a build with
their caches merged (copy each one's .cache/charts/ into one) draws nothing. The deploy workflow runs
the shards as a matrix. Exit status 0 when drawn, 1 for bad data, a missing font or a failed drawing, 2 for a bad SHARD.
"""

from __future__ import annotations

import os
import re
import sys

from macros.build import address, site_charts
from macros.cache import Cache
from macros.charts import render, specs
from macros.charts.fonts import FontMissing
from macros.data.loader import load_catalog
from macros.data.problems import DataError, listing
from macros.publish.tables import tables
from scripts import cache_dir, data_dir


def shard(text: str) -> tuple[int, int] | None:
    """``k/N`` as (k, N), with 1 <= k <= N; None when it is not that."""
    found = re.fullmatch(r"([1-9][0-9]{0,3})/([1-9][0-9]{0,3})", text)
    if not found or int(found.group(1)) > int(found.group(2)):
        return None
    return int(found.group(1)), int(found.group(2))


def main() -> int:
    given = os.environ.get("SHARD") or "1/1"
    share = shard(given)
    if share is None:
        print(f"SHARD={given!r} 不是“k/N”（1 ≤ k ≤ N，如 1/2）/ SHARD must be k/N with 1 <= k <= N, such as 1/2", file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(data_dir())
        drawn = specs.drawings(site_charts(data_dir(), catalog, tables(catalog), address(os.environ.get("SITE_URL", ""))))
        rendering = render.start(drawn, Cache(cache_dir()), share=share)
    except DataError as err:
        for line in listing(err.problems):
            print(line, file=sys.stderr)
        return 1
    except FontMissing as err:
        print(err, file=sys.stderr)
        return 1
    try:
        rendering.wait()
    except Exception as err:  # a drawing failed: the others not begun are dropped
        rendering.cancel()
        print(f"图表绘制失败 / a chart failed to draw: {err}", file=sys.stderr)
        return 1
    print(
        f"图表 {share[0]}/{share[1]}：{len(drawn)} 张中画了 {rendering.missing} 张，用时 {rendering.seconds:.1f} 秒 / "
        f"charts {share[0]}/{share[1]}: drew {rendering.missing} of {len(drawn)} in {rendering.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
