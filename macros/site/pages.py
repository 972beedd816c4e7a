"""The generated pages and the page macros, from Jinja2 templates in ``templates/`` (autoescape on).

The page macros of the hand-written pages return Markdown: raw-HTML blocks for the data, which the
page's Markdown places. The generated pages (an area, an indicator, a source) are HTML as they are
served: their headings are written as the toc extension writes them (``Headings``), and they never
pass through Markdown, which would read their tables and quotes for nothing; MkDocs gets their outline
instead (``Generated.outline``), for the contents and the links it checks. Data text
is only ever a value the templates escape; it never passes through Markdown or Jinja as a template.
``base`` is the relative path from the page to the site root. A chart is a picture of its SVG files:
a page reads its drawings' sizes and its files' sizes from the build, which waits for those drawings
alone, so pages are made while the other charts are drawn.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote as quote_url

import segno
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from macros.build import Build, Shown
from macros.cache import version_of
from macros.data import schema, statements
from macros.data.catalog import RECENT, Catalog, Indicator, Missing, Observation, Plan, Revision
from macros.data.formatting import number, period_text, value_text
from macros.data.quotes import positions, quote_anchor
from macros.data.releases import dataset_date, released_values, version_words
from macros.data.statements import change_text, headline, statement
from macros.publish import citations, formats
from macros.publish.files import BULK_ZIP


def block(html: str) -> Markup:
    """A raw-HTML block for Markdown: no blank lines inside, blank lines around (text is escaped)."""
    return Markup("\n" + re.sub(r"\n\s*\n", "\n", str(escape(html)).strip()) + "\n\n")


def base_of(url: str) -> str:
    """The relative path from a page (by its URL, e.g. ``indicators/x/``) to the site root."""
    return "../" * url.count("/")


def size_text(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def anchor_of(version: str) -> str:
    return "v" + version.replace(".", "-")


URL_SLOT = "\x00URL\x00"  # a citation's address on a page built with no site address: cite.js writes the page's
SINCE_ANCHOR = "since-latest"  # the changelog's list of the changes since the latest release


STATUS_CLASS = {"未开始": "status-todo", "推进中": "status-doing", "已完成": "status-done", "待评估": "status-review"}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def markdown_text(text: str) -> Markup:
    """Data text set where Markdown reads it (a heading, for the contents): every character Markdown or
    HTML would act on is escaped, so it shows as typed."""
    return Markup(MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", text))


def plan_targets(plan: Plan) -> str:
    """What the plan commits to in numbers, worded once for the plan page and the briefing."""
    if not plan.targets:
        return "计划没有提出量化目标。"
    listed = "；".join(c.target for c in plan.targets)
    return f"计划提出的量化目标有 {len(plan.targets)} 项：{listed}；其余承诺没有量化目标。"


TEMPLATE_DIR = Path(__file__).parent / "templates"
# what every page template may call, besides the build's values
GLOBALS: dict[str, Any] = {
    "schema": schema,
    "data_formats": formats.DATA_FORMATS,
    "chart_formats": formats.CHART_FORMATS,
    "format_link": formats.link,
    "value_text": value_text,
    "period_text": period_text,
    "number": number,
    "statement": statement,
    "caveats": statements.caveats,
    "headline": headline,
    "shown": statements.shown,
    "figure_parts": statements.figure_parts,
    "unit_parts": statements.unit_parts,
    "marks": statements.marks,
    "rank_note": statements.rank_note,
    "statement_text": statements.text,
    "english_parts": statements.english_parts,
    "row_value": statements.row_value,
    "change_text": change_text,
    "change_english": statements.change_english,
    "plan_targets": plan_targets,
    "status_class": STATUS_CLASS,
    "quote_anchor": quote_anchor,
    "anchor_of": anchor_of,
    "since_anchor": SINCE_ANCHOR,
    "version_words": version_words,
    "dataset_date": dataset_date,
    "is_missing": lambda o: isinstance(o, Missing),
    "recent": RECENT,
}


def compiled_templates(folder: Path, files: list[str], packages: list[str]) -> FileSystemBytecodeCache:
    """Jinja's own cache of compiled templates, each kept under its source's checksum: a build compiles
    only the templates that changed since the last (in `mkdocs serve`, every rebuild makes its environments
    anew). Jinja does not key them by its own version nor by the environment's options: the folder is named
    by the code that sets those options (``version_of`` the ``files`` and ``packages``)."""
    named = folder / version_of(files, packages)[:16]
    named.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(named))


def environment(overrides: Path | None = None, compiled: Path | None = None) -> Environment:
    """The page templates' Jinja environment, made for one build: a template in ``overrides`` (the
    theme's ``overrides/shanghe/``) replaces the one of the same name in ``templates/``; it may extend
    the site's own as ``default:<name>`` and change only its blocks. ``compiled``:
    a folder where Jinja keeps each template compiled, under its source's checksum (``compiled_templates``)."""
    folders = [overrides] if overrides is not None and overrides.is_dir() else []
    env = Environment(
        bytecode_cache=compiled_templates(compiled, [__file__], ["jinja2", "markupsafe"]) if compiled else None,
        # "default:indicator.html" is always the site's own: an override extends it and changes one block
        loader=ChoiceLoader(
            [*(FileSystemLoader(folder) for folder in [*folders, TEMPLATE_DIR]), PrefixLoader({"default": FileSystemLoader(TEMPLATE_DIR)}, delimiter=":")]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters |= {"block": block, "url": quote_url, "size": size_text, "markdown_text": markdown_text}
    env.globals |= GLOBALS
    return env


def render(template: str, build: Build, base: str, **values: Any) -> str:
    return build.templates.get_template(template).render(build=build, cat=build.catalog, base=base, **values)


@dataclass
class Headings:
    """A generated page's section headings, written as the toc extension writes a Markdown heading (an
    id from the site's own ``slugify``, a permanent link), and listed for the page's contents; with the
    page's other anchors, which MkDocs checks links against."""

    slugify: Callable[[str, str], str]  # the toc extension's, as mkdocs.yml configures it
    found: list[tuple[str, str]] = field(default_factory=list)  # (id, title) in page order
    anchors: set[str] = field(default_factory=set)  # every id on the page

    def __call__(self, title: str, search: bool = True) -> Markup:
        """The heading; ``search`` false keeps its section out of the search index (a section whose content
        is kept out of it too: the data table, the downloads, the marks' legend)."""
        anchor = self.slugify(title, "-")
        self.found.append((anchor, title))
        self.anchors.add(anchor)
        excluded = Markup("" if search else " data-search-exclude")
        return Markup('<h2 id="{0}"{2}>{1}<a class="headerlink" href="#{0}" title="Permanent link">&para;</a></h2>').format(anchor, title, excluded)


@dataclass(frozen=True)
class Generated:
    """A generated page as served: its HTML, its headings for the contents, and every id on it."""

    html: str
    headings: list[tuple[str, str]]
    anchors: set[str]

    @property
    def outline(self) -> str:
        """The page's headings and other anchors as Markdown, which MkDocs reads for the page's contents
        and the anchors it checks links against (the HTML itself never passes through Markdown)."""
        headings = [f"## {markdown_text(title)} {{#{anchor}}}" for anchor, title in self.headings]
        others = sorted(self.anchors - {anchor for anchor, _ in self.headings})
        return "\n\n".join([*headings, *(f'<span id="{escape(anchor)}"></span>' for anchor in others)]) + "\n"


# -- generated pages ------------------------------------------------------------------


def summary(build: Build, ind: Indicator) -> list[tuple[str, str]]:
    """A long series in a few lines: how many values over which periods, the first, the latest, the largest and smallest total."""
    totals = [o for o in ind.observations if not o.breakdown]
    lines = [("观测值", f"{len(ind.observations)} 条，{len(ind.periods)} 期（{period_text(ind.observations[0])}至{period_text(ind.observations[-1])}）")]
    if totals:
        shown = lambda o: f"{statements.text(statement(build.catalog, ind, o))}（{period_text(o)}）"  # noqa: E731
        lines += [("最早值", shown(totals[0])), ("最新值", shown(totals[-1]))]
        lines += [("最大值", shown(max(totals, key=lambda o: o.value))), ("最小值", shown(min(totals, key=lambda o: o.value)))]
    return lines


def indicator_page(build: Build, iid: str, h: Headings) -> dict[str, Any]:
    cat = build.catalog
    ind = cat.indicators[iid]
    quoted: dict[tuple[str, str], list[Observation]] = {}
    for o in ind.recent:
        quoted.setdefault((o.source, o.quote), []).append(o)
    sources = [(cat.sources[sid], quote, "、".join(dict.fromkeys(period_text(o) for o in obs))) for (sid, quote), obs in quoted.items()]
    rows = sorted([*ind.recent, *ind.recent_missing], key=lambda o: (-o.period.end.toordinal(), o.breakdown))
    return dict(
        ind=ind,
        area=cat.areas[ind.area],
        change=change_text(cat, ind),
        rows=rows,
        head=headline(cat, ind),
        single=not build.charts[ind.id].shown,  # one bar says nothing a number does not: the page shows the number
        related=cat.related(ind.id),
        summary=summary(build, ind) if ind.shown_from is not None else [],
        all_sources=[cat.sources[sid] for sid in dict.fromkeys(o.source for o in ind.observations)],
        sources=sources,
        terms=cat.indicator_terms(ind.id),
        revisions=cat.indicator_revisions(ind.id),
        registers=cat.indicator_registers(ind.id),
        cited=cited(build, f"indicators/{ind.id}/", ind),
        embed=embedded(build, ind.id),
        updated=updates(build, ind.id),
    )


def area_page(build: Build, aid: str, h: Headings) -> dict[str, Any]:
    cat = build.catalog
    inds = cat.area_indicators(aid)
    chart = build.charts.get(f"area-{aid}")
    charted = {p.indicator for p in chart.points} if chart else set()
    left_out = [i for i in inds if i.id not in charted]
    return dict(area=cat.areas[aid], inds=inds, chart=chart, left_out=left_out, embed=embedded(build, chart.name) if chart else None)


def source_page(build: Build, sid: str, h: Headings) -> dict[str, Any]:
    """The archived text, readable: paragraph anchors, quoted sentences marked and linked."""
    cat = build.catalog
    src = cat.sources[sid]
    quotes = cat.quoted(sid)
    paras = src.paragraphs
    # every quote is found in one pass over the whole text, then placed in its paragraph
    found: dict[int, list[tuple[int, str, tuple[str, ...]]]] = {}
    for quote, at in positions(src.shown_text, quotes).items():
        n = src.paragraph_at(at) - 1
        found.setdefault(n, []).append((at - src.starts[n], quote, quotes[quote]))
    shown = []
    for n, para in enumerate(paras):
        marks = [(at, at + len(quote)) for at, quote, _ in found.get(n, [])]
        anchors: dict[int, list[str]] = {}
        for at, quote, _ in found.get(n, []):
            anchors.setdefault(at, []).append(quote_anchor(quote))
        linked = dict.fromkeys(ref for _, _, refs in found.get(n, []) for ref in refs)
        indicators = sorted((r for r in linked if r in cat.indicators), key=lambda i: cat.indicators[i].title)
        shown.append((n + 1, _marked(para, marks, anchors), indicators, [r.removeprefix("plan#") for r in linked if r.startswith("plan#")]))
        h.anchors.update({f"p-{n + 1}", *(a for named in anchors.values() for a in named)})
    return dict(src=src, paragraphs=shown)


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


def indicator_description(build: Build, ind: Indicator) -> str:
    """What a shared link to an indicator page says (its card in WeChat, a search engine's snippet): the
    latest figure as every surface states it, its period, and the definition."""
    st = headline(build.catalog, ind)
    latest = f"最新值 {statements.text(st, names=True)}，{st.period_label}。" if st else ""
    return f"{ind.title}：{latest}{ind.definition}"


def source_description(build: Build, sid: str) -> str:
    src = build.catalog.sources[sid]
    return f"《{src.title}》全文（{src.publisher}，{src.year}年）：本站每个数字引用的原句在文中高亮，可以链接到每一段。"


class FirstParagraph(HTMLParser):
    """The text of a page's first paragraph of prose (a <p> with ten characters or more, not a page's subtitle)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.parts, self.found = 0, [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and not self.found and "subtitle" not in (dict(attrs).get("class") or ""):
            self.depth, self.parts = 1, []
        elif self.depth:
            self.depth += tag not in VOID_TAGS

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.depth == 0 and len(text := " ".join("".join(self.parts).split())) >= 10:
                self.found = text

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


VOID_TAGS = frozenset({"br", "img", "wbr", "input", "meta", "link", "hr", "source"})


def page_description(content: str, limit: int = 120) -> str:
    """A page's description, for a page that sets none: its first paragraph, at most ``limit`` characters."""
    parser = FirstParagraph()
    parser.feed(content)
    text = parser.found
    return text if len(text) <= limit else text[: limit - 1] + "…"


def indicator_meta(build: Build, iid: str) -> dict[str, Any]:
    """An indicator page's metadata besides its title, escaped (Material prints them unescaped)."""
    ind = build.catalog.indicators[iid]
    # the words readers use for the glossary terms its title names ("科小", "R&D", "贷款"): search finds
    # the page by them (Material shows tags in its results as HTML, so they are escaped like the title)
    terms = [t for t in build.catalog.glossary if t.named_in(ind.title)]
    return {
        # the chart picture is the page's preview image when a link is shared (WeChat, Weibo)
        "og_image": html.escape((build.site_url or "../../") + formats.chart_files(iid)["png"]),
        "description": html.escape(indicator_description(build, ind)),
        "tags": [html.escape(w) for t in terms for w in (*t.synonyms, *t.search_terms)],
    }


class PageKind(NamedTuple):
    """A kind of generated page: one at ``<folder>/<key>/`` for each of ``objects`` (each has a ``title``),
    made of ``template`` with ``values`` (and ``h``, which writes a heading and keeps it for the contents,
    ``build``, ``cat`` and ``base``); ``meta`` is the page's metadata besides its title."""

    folder: str
    objects: Callable[[Catalog], Mapping[str, Any]]
    template: str
    values: Callable[[Build, str, Headings], dict[str, Any]]
    meta: Callable[[Build, str], dict[str, Any]] = lambda build, key: {}


# in the order they are made: each indicator page waits for its own drawings only
PAGE_KINDS = (
    PageKind("indicators", lambda cat: cat.indicators, "indicator.html", indicator_page, indicator_meta),
    PageKind("areas", lambda cat: cat.areas, "area.html", area_page),
    PageKind("sources", lambda cat: cat.sources, "source.html", source_page, lambda build, sid: {"description": html.escape(source_description(build, sid))}),
)


def page_kind(folder: str) -> PageKind | None:
    return next((k for k in PAGE_KINDS if k.folder == folder), None)


def generated(build: Build, kind: PageKind, key: str, base: str, slugify: Callable[[str, str], str]) -> Generated:
    """The page of one of a kind's objects (``key``)."""
    h = Headings(slugify)
    return Generated(render(kind.template, build, base, h=h, **kind.values(build, key, h)), h.found, h.anchors)


# -- pieces shared by pages -----------------------------------------------------------


EMBED = "embed/{name}/"  # a chart's page for framing in other sites, under the site root
# an embed page's height besides its picture, in CSS pixels, at the narrowest width it is framed at (375 px):
# the title in two lines, the period, the source in two and the credit with the page's address in three, the margins
EMBED_TEXT = 260
EMBED_FIGURE = 300  # the height of an embed page that shows a figure as a number, with the same text


class Embedded(NamedTuple):
    """A chart as another site frames it (``embed.html``) or copies it as a picture with a caption; a chart
    of one bar is framed as its figure in words, as its page shows it (one bar says nothing a number does not)."""

    name: str
    title: str  # the chart's: the indicator with its unit (and the year of a chart of one year)
    period: str  # which periods it shows
    description: str  # the picture's text, as the page's chart has it (plain text)
    page: str  # the page it is from, under the site root
    source: str  # 来源：《…》
    credit: str  # the site, the version of the data and their licence
    drawings: list[Shown]  # as ``Build.picture``: the phone's layout first, the wide one last; none for a figure
    figure: str  # the figure in words, for a chart of one bar ("95 项"); "" for a chart
    picture: str  # the PNG to copy, under the site root; "" for an area's overview (drawn for the site only)

    @property
    def height(self) -> int:
        """The frame's height that shows it whole at any width (its tallest layout, and the text)."""
        return max(d.height for d in self.drawings) + EMBED_TEXT if self.drawings else EMBED_FIGURE

    @property
    def width(self) -> int:
        """The frame's widest: the wide layout at its own size and the page's margins (``embed.html``)."""
        return self.drawings[-1].width + 24 if self.drawings else 480


def embedded(build: Build, name: str) -> Embedded:
    cat, chart = build.catalog, build.charts[name]
    say = build.templates.get_template("sentences.html").module
    if chart.kind == "area":
        page, period, description, figure = f"areas/{name.removeprefix('area-')}/", "各栏的时期和单位见图", say.area_description(chart), ""
    else:
        ind = cat.indicators[name]
        head = headline(cat, ind)
        periods = list(dict.fromkeys(period_text(o) for o in ind.recent))
        period = "时期：" + ("、".join(periods) if len(periods) <= 3 else f"{periods[0]}至{periods[-1]}，共 {len(periods)} 期")
        page, description = f"indicators/{name}/", say.chart_description(cat, ind, change_text(cat, ind))
        figure = statements.text(head, names=True) if head and not chart.shown else ""
    drawings = build.picture(name) if not figure else []
    picture = formats.chart_files(name)["png"] if chart.picture else ""
    return Embedded(name, chart.title, period, Markup(description).striptags(), page, *chart.subtitle[-2:], drawings, figure, picture)


def embed_page(build: Build, name: str) -> str:
    """The page /embed/<name>/ (``embed.html``): made outside MkDocs, with no theme, script or font."""
    return render("embed.html", build, "../../", e=embedded(build, name))


class Cited(NamedTuple):
    """How to cite a page, as the page shows it: each style's text (HTML; cite.js puts the page's address
    and today's date in their slots) and the citation files, each with its path under the site root."""

    texts: list[tuple[citations.Style, Markup]]
    files: list[tuple[citations.CitationFile, str]]


def cited(build: Build, page: str, ind: Indicator | None = None) -> Cited:
    """How to cite an indicator's page or (no ``ind``) the dataset's downloads page ``page``: the texts the
    XLSX and the JSON give, with the address and the access date marked for cite.js."""
    url = build.site_url + page if build.site_url else URL_SLOT
    texts = citations.texts(citations.work(build.catalog, build.version, url, ind), build.cache)
    address = Markup('<span class="cite-url" data-path="{}">{}</span>').format(page, build.site_url + page)
    accessed = Markup('<span class="cite-date">{}</span>').format(citations.ACCESSED)
    html = {key: str(escape(text)).replace(str(escape(url)), address).replace(citations.ACCESSED, accessed) for key, text in texts.items()}
    return Cited([(style, Markup(html[style.key])) for style in citations.STYLES], citations.file_links(ind.id if ind else build.catalog.dataset.name))


def last_update(build: Build, iid: str) -> tuple[str, str]:
    """When an indicator's data last changed, and where the changelog says how: the date of that
    release, or, for a change made since the latest release, "<version>版之后"."""
    latest = build.catalog.latest_release
    if iid not in build.last_changed:
        return "—", ""
    release = build.last_changed[iid]
    return (f"{latest.version}版之后", SINCE_ANCHOR) if release is None or latest is None else (release.date, anchor_of(release.version))


class Updates(NamedTuple):
    """When data last changed and where the changelog says how; when the next figures are expected
    (dataset.yaml's next_release, "" when not given) and whether that day has passed with no release since."""

    last: str
    anchor: str
    due: str
    overdue: bool


def updates(build: Build, iid: str | None = None, today: dt.date | None = None) -> Updates:
    """An indicator's (``last_update``) or, with no ``iid``, the site's: the latest release's date while its
    files are what is published, else "<version>版之后"."""
    cat, latest = build.catalog, build.catalog.latest_release
    if iid is not None:
        last, anchor = last_update(build, iid)
    elif latest is None:
        last, anchor = "—", ""
    else:
        last, anchor = (latest.date, anchor_of(latest.version)) if build.version == latest.version else (f"{latest.version}版之后", SINCE_ANCHOR)
    due = cat.dataset.next_release if cat.dataset else ""
    if due and latest is not None and latest.date >= due:
        due = ""  # a release came on or after the day: the plan is spent (dataset.yaml not yet given the next one)
    overdue = bool(due) and (today or dt.date.today()) > dt.date.fromisoformat(due)
    return Updates(last, anchor, due, overdue)


class InlineScripts(HTMLParser):
    """The text of each script written in a piece of HTML (not those loaded from a file, nor JSON data)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.inside = tag == "script" and "src" not in named and named.get("type") != "application/json"
        if self.inside:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.scripts[-1] += data


def content_security_policy(scripts: str, serving: bool = False) -> str:
    """Only this site's scripts run: its files, and by hash the inline scripts in ``scripts``, the HTML of
    the theme's script partials as this page includes them (overrides/main.html). `mkdocs serve` adds a
    live-reload script to every page as it serves it, so a preview allows inline scripts."""
    parser = InlineScripts()
    parser.feed(scripts)
    parser.close()
    hashes = sorted({base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() for text in parser.scripts})
    allowed = "'self' 'unsafe-inline'" if serving else " ".join(["'self'", *(f"'sha256-{h}'" for h in hashes)])
    return (
        f"default-src 'self'; script-src {allowed}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


# -- page macros (the hand-written pages call these) -----------------------------------


def key_figures(build: Build, base: str) -> str:
    return render("key_figures.html", build, base, keys=key_statements(build.catalog))


def key_statements(cat: Catalog) -> list[statements.Statement]:
    """The home page's key figures, area by area."""
    order = list(cat.areas)
    keys = sorted((i for i in cat.indicators.values() if i.key_figure and i.headline), key=lambda i: (order.index(i.area), i.id))
    return [st for i in keys if (st := headline(cat, i))]


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
    return render("downloads.md", build, base, bulk_zip=BULK_ZIP, last_update=lambda iid: last_update(build, iid), cited=cited(build, "downloads/"))


def changelog(build: Build, base: str) -> str:
    cat = build.catalog
    # a revision belongs to the first release whose frozen data hold its new value
    values = [released_values(build.released[r.version].get("observations.csv")) or {} for r in cat.releases]

    def released_in(v: Revision) -> int | None:
        key = (v.indicator_id, v.period.text, v.breakdown)
        return next((i for i, vals in enumerate(values) if vals.get(key) == v.new_value and (i == 0 or values[i - 1].get(key) == v.old_value)), None)

    release_of = [released_in(v) for v in cat.revisions]
    releases = [
        (r, [line for lines in changed.values() for line in lines], [v for v, at in zip(cat.revisions, release_of, strict=True) if at == i])
        for i, (r, changed) in enumerate(build.history)
    ]
    pending_changes = [line for lines in build.pending.values() for line in lines] + build.file_changes
    pending_revisions = [v for v, at in zip(cat.revisions, release_of, strict=True) if at is None]
    return render("changelog.md", build, base, pending_changes=pending_changes, pending_revisions=pending_revisions, releases=list(reversed(releases)))


def plan_measure(cat: Catalog, iid: str, year: int) -> tuple[Indicator, str, str]:
    """A commitment's indicator with its baseline before the plan year and its result in it."""
    ind = cat.indicators[iid]
    totals = [o for o in ind.observations if not o.breakdown]
    before = [o for o in totals if o.period.end.year < year]
    actual = [o for o in totals if o.period.start.year == year]
    stated = lambda o: f"{period_text(o)} {statements.text(statement(cat, ind, o))}"  # noqa: E731
    return ind, stated(before[-1]) if before else "无基数", stated(actual[-1]) if actual else f"尚无{year}年的数字"


def plan_page(build: Build, base: str) -> str:
    plan = build.catalog.plan
    if plan is None:
        return str(block(Markup("<p>尚无工作计划数据。</p>")))
    measures = {c.id: [plan_measure(build.catalog, iid, plan.year) for iid in c.indicators] for c in plan.commitments}
    return render("plan.md", build, base, plan=plan, src=build.catalog.sources[plan.source], measures=measures)


def briefing(build: Build, base: str) -> str:
    """A brief for a 人大 session: key figures and every area in two A4 pages, each figure with its
    period and the paragraph of the report it comes from."""
    cat = build.catalog
    keys = key_statements(cat)
    others = {a.id: [st for i in cat.area_indicators(a.id) if not i.key_figure and (st := headline(cat, i))] for a in cat.areas.values()}
    listed = [*keys, *(st for sts in others.values() for st in sts)]
    years = sorted({y for st in listed for y in (st.period.start.year, st.period.end.year)})
    bases = {o.period_basis for st in listed for o in st.observations}
    return render("briefing.html", build, base, keys=keys, years=years, others=others, bases=bases, qr=address_code(build.site_url))


def address_code(url: str) -> Markup:
    """The site's address as a QR code (SVG, drawn at build time by segno), for a printed page; none
    when the address is not configured."""
    if not url:
        return Markup("")
    return Markup(segno.make(url, error="m").svg_inline(scale=2, border=2, svgclass="address-code", title=f"本站网址 {url}", dark="#1a1a1a"))


def english_home(build: Build, base: str) -> str:
    """/en/: the key figures and areas for readers of English, linking to the Chinese pages."""
    return render("english.html", build, base, keys=key_statements(build.catalog))


def contact(build: Build, base: str) -> str:
    """How to report an error or reach the bureau: the repository's issue page and the bureau's own
    contact, each only when configured (none is ever made up)."""
    return render("contact.html", build, base, dataset=build.catalog.dataset)


def plan_box(build: Build, base: str) -> str:
    """The home page's way into the 2025 plan, in the first screen: how far it has got, and a link."""
    return render("plan_box.html", build, base, plan=build.catalog.plan)


def latest_release(build: Build, base: str) -> str:
    return render("latest_release.html", build, base, updated=updates(build))


MACROS = (
    key_figures,
    areas_index,
    indicators_index,
    sources_index,
    glossary,
    about_tables,
    downloads_page,
    changelog,
    plan_page,
    plan_box,
    contact,
    briefing,
    english_home,
    latest_release,
)


def site_scope(build: Build) -> str:
    """What the site covers, in a sentence (``sentences.html``): said when a search finds nothing."""
    return build.templates.get_template("sentences.html").module.site_scope(build.catalog)  # type: ignore[attr-defined]
