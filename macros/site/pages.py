"""The generated pages and the page macros, from Jinja2 templates in ``templates/`` (autoescape on).

Every function returns Markdown: fixed Chinese headings (so a page has a table of contents and
search sections) and raw-HTML blocks for the data. Data text is only ever a value the templates
escape; it never passes through Markdown or Jinja as a template. ``base`` is the relative path from
the page to the site root. A chart and a file's size are empty slots here: ``fill`` puts the drawing,
its spec and the size into the finished page. So pages are written while the charts are drawn, and
Markdown, MkDocs' anchor check and the search parser do not each read the 20 KB of SVG and JSON a
chart takes, which hold no text to find and no anchor.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote as quote_url

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from macros.build import Build
from macros.data import schema
from macros.data.catalog import SHOWN_PERIODS, Catalog, Indicator, Missing, Observation, Revision
from macros.data.formatting import change_text, figure_text, flag_label, number, period_text, period_text_en, value_text
from macros.data.quotes import positions
from macros.data.releases import changes, dataset_date, release_changes, released_values, same_data
from macros.publish.files import BULK_ZIP, citation, size_of

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
CHART_SLOT = re.compile(r'( data-chart="([a-z0-9.-]+)")></div>')
SIZE_SLOT = re.compile(r'<span class="size" data-size-of="([^"<>]+)"></span>')


def block(html: str) -> Markup:
    """A raw-HTML block for Markdown: no blank lines inside, blank lines around (text is escaped)."""
    return Markup("\n" + re.sub(r"\n\s*\n", "\n", str(escape(html)).strip()) + "\n\n")


def base_of(url: str) -> str:
    """The relative path from a page (by its URL, e.g. ``indicators/x/``) to the site root."""
    return "../" * url.count("/")


def quote_anchor(quote: str) -> str:
    return "q-" + hashlib.sha1(quote.encode()).hexdigest()[:10]


def size_text(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def anchor_of(version: str) -> str:
    return "v" + version.replace(".", "-")


TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters |= {"block": block, "url": quote_url, "size": size_text}
TEMPLATES.globals |= {
    "schema": schema,
    "value_text": value_text,
    "figure_text": figure_text,
    "period_text": period_text,
    "period_text_en": period_text_en,
    "flag_label": flag_label,
    "number": number,
    "quote_anchor": quote_anchor,
    "anchor_of": anchor_of,
    "dataset_date": dataset_date,
    "is_missing": lambda o: isinstance(o, Missing),
}


def render(template: str, build: Build, base: str, **values: Any) -> str:
    return TEMPLATES.get_template(template).render(build=build, cat=build.catalog, base=base, **values)


# -- generated pages ------------------------------------------------------------------


def chart_description(build: Build, ind: Indicator) -> str:
    parts = [
        f"{period_text(o)}{('·' + o.breakdown) if o.breakdown else ''}为{figure_text(o, ind)}" + (f"（{flag_label(o)}）" if flag_label(o) else "")
        for o in ind.recent
    ]
    change = change_text(build.catalog, ind)
    recent = "" if ind.shown_from is None else f"最近 {SHOWN_PERIODS} 期"
    return f"{ind.title}{recent}：" + "；".join(parts) + "。" + (f"最新值{change}。" if change else "")


def summary(ind: Indicator) -> list[tuple[str, str]]:
    """A long series in a few lines: how many values over which periods, the first, the latest, the largest and smallest total."""
    totals = [o for o in ind.observations if not o.breakdown]
    lines = [("观测值", f"{len(ind.observations)} 条，{len(ind.periods)} 期（{period_text(ind.observations[0])}至{period_text(ind.observations[-1])}）")]
    if totals:
        shown = lambda o: f"{figure_text(o, ind)}（{period_text(o)}）"  # noqa: E731
        lines += [("最早值", shown(totals[0])), ("最新值", shown(totals[-1]))]
        lines += [("最大值", shown(max(totals, key=lambda o: o.value))), ("最小值", shown(min(totals, key=lambda o: o.value)))]
    return lines


def area_description(build: Build, area_id: str) -> str:
    cat = build.catalog
    shown = [i for i in cat.area_indicators(area_id) if i.headline and i.unit not in schema.RANK_UNITS]
    values = "；".join(f"{i.title}{figure_text(i.headline, i)}" for i in shown)  # type: ignore[arg-type]
    return f"{cat.areas[area_id].title}领域各指标的最新值，按计量单位分组：{values}。"


def indicator_page(build: Build, iid: str, base: str) -> str:
    cat = build.catalog
    ind = cat.indicators[iid]
    quoted: dict[tuple[str, str], list[Observation]] = {}
    for o in ind.recent:
        quoted.setdefault((o.source, o.quote), []).append(o)
    sources = [(cat.sources[sid], quote, "、".join(dict.fromkeys(period_text(o) for o in obs))) for (sid, quote), obs in quoted.items()]
    rows = sorted([*ind.recent, *ind.recent_missing], key=lambda o: (-o.period.end.toordinal(), o.breakdown))
    return render(
        "indicator.md",
        build,
        base,
        ind=ind,
        area=cat.areas[ind.area],
        change=change_text(cat, ind),
        description=chart_description(build, ind),
        rows=rows,
        summary=summary(ind) if ind.shown_from is not None else [],
        shown=SHOWN_PERIODS,
        all_sources=[cat.sources[sid] for sid in dict.fromkeys(o.source for o in ind.observations)],
        sources=sources,
        terms=cat.indicator_terms(ind.id),
        revisions=cat.indicator_revisions(ind.id),
        registers=cat.indicator_registers(ind.id),
        citations=citations(build, f"indicators/{ind.id}/", ind),
    )


def area_page(build: Build, aid: str, base: str) -> str:
    inds = build.catalog.area_indicators(aid)
    return render("area.md", build, base, area=build.catalog.areas[aid], inds=inds, description=area_description(build, aid))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an archived text as its page shows them (numbered from 1, anchors #p-1 …)."""
    return [p.strip() for p in BOOKMARK.sub("", text).splitlines() if p.strip()]


def paragraph_of(build: Build, sid: str, quote: str) -> int:
    """The number of the paragraph of source ``sid`` that holds ``quote`` (0 when none does)."""
    return next((n for n, para in enumerate(paragraphs(build.catalog.sources[sid].text), 1) if quote in para), 0)


def source_page(build: Build, sid: str, base: str) -> str:
    """The archived text, readable: paragraph anchors, quoted sentences marked and linked."""
    cat = build.catalog
    src = cat.sources[sid]
    quotes: dict[str, set[str]] = {}
    for o in cat.observations:
        if o.source == sid:
            quotes.setdefault(o.quote, set()).add(o.indicator_id)
    for reg in cat.registers.values():
        for r in reg.rows:
            if r.source == sid:
                quotes.setdefault(r.quote, set())
    paras = paragraphs(src.text)
    # every quote is found in one pass over the whole text, then placed in its paragraph
    starts = list(itertools.accumulate((len(p) + 1 for p in paras[:-1]), initial=0))
    found: dict[int, list[tuple[int, str, set[str]]]] = {}
    for quote, at in positions("\n".join(paras), quotes).items():
        n = bisect.bisect_right(starts, at) - 1
        found.setdefault(n, []).append((at - starts[n], quote, quotes[quote]))
    shown = []
    for n, para in enumerate(paras):
        marks = [(at, at + len(quote)) for at, quote, _ in found.get(n, [])]
        anchors: dict[int, list[str]] = {}
        for at, quote, _ in found.get(n, []):
            anchors.setdefault(at, []).append(quote_anchor(quote))
        linked = set().union(*(iids for _, _, iids in found.get(n, [])))
        shown.append((n + 1, _marked(para, marks, anchors), sorted(linked, key=lambda i: cat.indicators[i].title)))
    return render("source.md", build, base, src=src, paragraphs=shown)


def _marked(para: str, marks: list[tuple[int, int]], anchors: dict[int, list[str]]) -> Markup:
    """Escape a paragraph, wrapping the union of quoted ranges in <mark> with anchors at quote starts."""
    merged: list[list[int]] = []
    for start, end in sorted(m for m in marks if m[0] < m[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts, ends = {m[0] for m in merged}, {m[1] for m in merged}
    cuts = sorted({0, len(para), *starts, *ends, *(i for i in anchors if i < len(para))})
    out = []
    for a, b in itertools.pairwise(cuts):
        out += ["</mark>"] if a in ends else ["<mark>"] if a in starts else []
        out += [f'<span class="quote-anchor" id="{anchor}"></span>' for anchor in anchors.get(a, [])]
        out.append(str(escape(para[a:b])))
    return Markup("".join(out) + ("</mark>" if len(para) in ends else ""))


GENERATED: dict[str, Callable[[Build, str, str], str]] = {"areas": area_page, "indicators": indicator_page, "sources": source_page}


# -- pieces shared by pages -----------------------------------------------------------


def citations(build: Build, page: str, ind: Indicator | None = None) -> tuple[Markup, Markup]:
    """Chinese and English citations as HTML; cite.js fills in the page address and today's date."""
    url = Markup('<span class="cite-url" data-path="{}">{}</span>').format(page, build.site_url + page)
    out = []
    for text, date in zip(citation(build.catalog, build.version, "\x00URL\x00", ind, "\x00DATE\x00"), ("引用日期", "[date]"), strict=True):
        out.append(Markup(str(escape(text)).replace("\x00URL\x00", url).replace("\x00DATE\x00", f'<span class="cite-date">{date}</span>')))
    return out[0], out[1]


def last_update(build: Build, path: str) -> str:
    """Date of the release since which the data of ``path`` have not changed; '未发布' when they changed after the latest."""
    date = "未发布"
    for release in reversed(build.catalog.releases):
        if not same_data(build.data_files.get(f"downloads/releases/{release.version}/{path}"), build.data_files.get(f"downloads/{path}")):
            break
        date = release.date
    return date


def chart_html(build: Build, name: str) -> str:
    """A chart slot's contents: the drawing, and the spec Vega draws when a reader points at it."""
    drawing = build.drawings[name]
    return str(Markup(' data-spec="{}">{}</div>').format(drawing.spec, Markup(drawing.svg)))


def fill(build: Build, html: str) -> str:
    """The finished page: each chart slot holds its drawing, each file its size, and the
    Content-Security-Policy (overrides/main.html) allows exactly this page's own inline scripts."""
    html = CHART_SLOT.sub(lambda m: m.group(1) + chart_html(build, m.group(2)), html)
    html = SIZE_SLOT.sub(lambda m: f'<span class="size">{size_text(size_of(build.files[m.group(1)]))}</span>', html)
    return html.replace(CSP_SLOT, content_security_policy(html, build.serving), 1)


CSP_SLOT = "shanghe-content-security-policy"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


def content_security_policy(html: str, serving: bool = False) -> str:
    """Only this site's scripts run: its files, and its own inline scripts by hash. `mkdocs serve` adds
    a live-reload script to every page as it serves it, so a preview allows inline scripts."""
    hashes = sorted({base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() for m in INLINE_SCRIPT.finditer(html)})
    scripts = "'self' 'unsafe-inline'" if serving else " ".join(["'self'", *(f"'sha256-{h}'" for h in hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


# -- page macros (the hand-written pages call these) -----------------------------------


def key_figures(build: Build, base: str) -> str:
    order = list(build.catalog.areas)
    keys = sorted((i for i in build.catalog.indicators.values() if i.key_figure and i.headline), key=lambda i: (order.index(i.area), i.id))
    return render("key_figures.html", build, base, keys=keys, change_text=change_text, paragraph_of=lambda o: paragraph_of(build, o.source, o.quote))


def areas_index(build: Build, base: str) -> str:
    return render("areas_index.html", build, base)


def indicators_index(build: Build, base: str) -> str:
    return render("indicators_index.md", build, base)


def sources_index(build: Build, base: str) -> str:
    return render("sources_index.html", build, base)


def glossary(build: Build, base: str) -> str:
    users = {t.term: [i for i in build.catalog.indicators.values() if t in build.catalog.indicator_terms(i.id)] for t in build.catalog.glossary}
    return render("glossary.html", build, base, users=users)


def about_tables(build: Build, base: str) -> str:
    return render("about_tables.html", build, base)


def downloads_page(build: Build, base: str) -> str:
    return render("downloads.md", build, base, bulk_zip=BULK_ZIP, last_update=lambda path: last_update(build, path), citations=citations(build, "downloads/"))


def changelog(build: Build, base: str) -> str:
    cat, files = build.catalog, build.data_files
    observations = {r.version: files.get(f"downloads/releases/{r.version}/observations.csv") for r in cat.releases}
    pending_changes = []
    if cat.latest_release and build.version.endswith("+draft"):
        pending_changes = changes(observations[cat.latest_release.version], files["downloads/observations.csv"])
    # a revision belongs to the first release whose frozen data hold its new value
    values = [released_values(observations[r.version]) or {} for r in cat.releases]

    def released_in(v: Revision) -> int | None:
        key = (v.indicator_id, v.period.text, v.breakdown)
        return next((i for i, vals in enumerate(values) if vals.get(key) == v.new_value and (i == 0 or values[i - 1].get(key) == v.old_value)), None)

    release_of = [released_in(v) for v in cat.revisions]
    releases = [(r, release_changes(cat, r.version, observations), [v for v, at in zip(cat.revisions, release_of, strict=True) if at == i]) for i, r in enumerate(cat.releases)]
    pending_revisions = [v for v, at in zip(cat.revisions, release_of, strict=True) if at is None]
    return render("changelog.md", build, base, pending_changes=pending_changes, pending_revisions=pending_revisions, releases=list(reversed(releases)))


STATUS_CLASS = {"未开始": "status-todo", "推进中": "status-doing", "已完成": "status-done", "待评估": "status-review"}


def plan_measure(cat: Catalog, iid: str, year: int) -> tuple[Indicator, str, str]:
    """A commitment's indicator with its baseline before the plan year and its result in it."""
    ind = cat.indicators[iid]
    totals = [o for o in ind.observations if not o.breakdown]
    before = [o for o in totals if o.period.end.year < year]
    actual = [o for o in totals if o.period.start.year == year]
    baseline = f"{period_text(before[-1])} {figure_text(before[-1], ind)}" if before else "无基数"
    result = f"{period_text(actual[-1])} {figure_text(actual[-1], ind)}" if actual else f"{year}年数据尚未发布"
    return ind, baseline, result


def plan_page(build: Build, base: str) -> str:
    plan = build.catalog.plan
    if plan is None:
        return str(block(Markup("<p>尚无工作计划数据。</p>")))
    counts = {s: sum(c.status == s for line in plan.lines for c in line.commitments) for s in schema.PLAN_STATUSES}
    measures = {c.id: [plan_measure(build.catalog, iid, plan.year) for iid in c.indicators] for line in plan.lines for c in line.commitments}
    return render("plan.md", build, base, plan=plan, src=build.catalog.sources[plan.source], counts=counts, measures=measures, status_class=STATUS_CLASS)


def briefing(build: Build, base: str) -> str:
    """A brief for a 人大 session: key figures and every area in two A4 pages, each figure with its
    period and the paragraph of the report it comes from."""
    cat = build.catalog
    years = sorted({y for o in cat.observations for y in (o.period.start.year, o.period.end.year)})
    others = {
        a.id: [(i, [o for o in i.observations if o.period == i.headline.period]) for i in cat.area_indicators(a.id) if i.headline and not i.key_figure]  # type: ignore[union-attr]
        for a in cat.areas.values()
    }
    return render(
        "briefing.html", build, base, change_text=change_text, years=years, others=others, paragraph_of=lambda o: paragraph_of(build, o.source, o.quote)
    )


def english_home(build: Build, base: str) -> str:
    """/en/: the key figures and areas for readers of English, linking to the Chinese pages."""
    return render("english.html", build, base)


def latest_release(build: Build, base: str) -> str:
    return render("latest_release.html", build, base)


MACROS = (key_figures, areas_index, indicators_index, sources_index, glossary, about_tables, downloads_page, changelog, plan_page, briefing, english_home, latest_release)
