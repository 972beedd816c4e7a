"""HTML for the generated pages. Every piece of data text is escaped here, once.

Functions return Markdown with fixed Chinese headings and raw-HTML blocks for the data,
so the page gets a table of contents and search sections while data never passes
through Markdown or Jinja. ``base`` is the relative path from the page to the site root.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import re
from html import escape
from urllib.parse import quote as quote_url

from macros import charts, exports, schema, state
from macros.catalog import Catalog, Indicator, Missing, Observation, Revision, Source
from macros.formatting import change_text, flag_label, number, period_text, value_text, with_unit

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def e(text: object) -> str:
    return escape(str(text), quote=True)


def block(html: str) -> str:
    """A raw-HTML block: no blank lines inside, blank lines around; Markdown sees only a marker."""
    return "\n" + state.stash(re.sub(r"\n\s*\n", "\n", html.strip()), state.RAW) + "\n\n"


def base_of(url: str) -> str:
    """The relative path from a page (by its URL, e.g. ``indicators/x/``) to the site root."""
    return "../" * url.count("/")


def unindexed(html: str) -> str:
    """Finished HTML that skips Markdown and the search index: charts, tables and the boilerplate
    every indicator page repeats (downloads, citation, flag legend), so a search for 下载 or 引用
    does not return every indicator, and a build does not parse the same HTML twice."""
    return block(state.stash(html.strip(), state.UNINDEXED))


def quote_anchor(quote: str) -> str:
    return "q-" + hashlib.sha1(quote.encode()).hexdigest()[:10]


def indicator_url(base: str, iid: str) -> str:
    return f"{base}indicators/{iid}/"


def area_url(base: str, aid: str) -> str:
    return f"{base}areas/{aid}/"


def source_url(base: str, sid: str, quote: str | None = None) -> str:
    return f"{base}sources/{sid}/" + (f"#{quote_anchor(quote)}" if quote else "")


def big_value(obs: Observation, ind: Indicator) -> str:
    """Value and unit for a headline or card: '6.02 亿元', '第1名'."""
    value = f'<span class="value">{e(value_text(obs, ind.decimals))}</span>'
    if ind.unit in schema.RANK_UNITS:
        return f'<span class="unit">第</span>{value}<span class="unit">{e(ind.unit)}</span>'
    return f'{value} <span class="unit">{e(ind.unit)}</span>'


def flag_badge(obs: Observation) -> str:
    label = flag_label(obs)
    return f'<span class="flag" title="{e(label)}">{e(label)}</span>' if label else ""


# -- pieces ---------------------------------------------------------------------------


def headline(cat: Catalog, ind: Indicator) -> str:
    head = ind.headline
    if head is None:
        return ""
    if head.breakdown:  # no total was published: show every item of the latest period
        items = "".join(
            f'<li><span class="value">{e(value_text(o, ind.decimals))}</span> {e(ind.unit)} · {e(o.breakdown)} {flag_badge(o)}</li>'
            for o in ind.observations
            if o.period == head.period
        )
        return block(
            f"""<div class="headline headline-items">
<p class="headline-meta">{e(period_text(head))}，分项（原文未给合计）：</p>
<ul>{items}</ul>
</div>"""
        )
    change = change_text(cat, ind)
    return block(
        f"""<div class="headline">
<p class="headline-value">{big_value(head, ind)}</p>
<p class="headline-meta">{e(period_text(head))} {flag_badge(head)}</p>
{f'<p class="headline-change">{e(change)}</p>' if change else ""}
</div>"""
    )


def chart_description(cat: Catalog, ind: Indicator) -> str:
    parts = [f"{period_text(o)}{('·' + o.breakdown) if o.breakdown else ''}为{with_unit(value_text(o, ind.decimals), ind.unit)}" + (f"（{flag_label(o)}）" if flag_label(o) else "") for o in ind.observations]
    text = f"{ind.title}：" + "；".join(parts) + "。"
    change = change_text(cat, ind)
    return text + (f"最新值{change}。" if change else "")


def chart_figure(spec: dict, svg: str, description: str, name: str) -> str:
    data_spec = e(json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return unindexed(
        f"""<figure class="chart" data-spec="{data_spec}" data-name="{e(name)}" tabindex="0">
<div class="chart-static">{svg}</div>
<figcaption>{e(description)}</figcaption>
</figure>"""
    )


def num_class(column: str) -> str:
    return ' class="num"' if column.startswith("数值") else ""


def data_table(ind: Indicator) -> str:
    has_breakdown = any(o.breakdown for o in ind.observations)
    has_note = any(o.note for o in [*ind.observations, *ind.missing])
    columns = ["时期", *(["分项"] if has_breakdown else []), f"数值（{ind.unit}）", "标记", *(["备注"] if has_note else [])]
    head = "".join(f'<th scope="col"{num_class(c)}>{e(c)}</th>' for c in columns)
    rows = []
    latest_first = sorted([*ind.observations, *ind.missing], key=lambda o: (-o.period.end.toordinal(), o.breakdown))
    for o in latest_first:
        cells = [e(o.breakdown)] if has_breakdown else []
        if isinstance(o, Missing):
            cells += ["—", e(schema.FLAGS["missing"][0])]
        else:
            cells += [e(value_text(o, ind.decimals)), e(flag_label(o))]
        if has_note:
            formula = getattr(o, "formula", "")
            cells.append(e(o.note) + (f"<br><code>{e(formula)}</code>" if formula else ""))
        tds = "".join(
            f'<td data-label="{e(label)}"{num_class(label)}>{cell}</td>' for label, cell in zip(columns[1:], cells, strict=True)
        )
        rows.append(f'<tr><th scope="row">{e(period_text(o))}</th>{tds}</tr>')
    return block(
        f"""<div class="table-wrap stack" tabindex="0" role="region" aria-label="{e(ind.title)}数据表">
<table><caption>{e(ind.title)}（单位：{e(ind.unit)}）</caption>
<thead><tr>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</div>"""
    )


def sources_block(cat: Catalog, ind: Indicator, base: str) -> str:
    seen: dict[tuple[str, str], list[Observation]] = {}
    for o in ind.observations:
        seen.setdefault((o.source, o.quote), []).append(o)
    items = []
    for (sid, quote), obs in seen.items():
        src: Source = cat.sources[sid]
        periods = "、".join(dict.fromkeys(period_text(o) for o in obs))
        # the quote is what a search should find; the attribution repeats on every page
        meta = f"""<p class="source-meta">{e(periods)}数据来源：《{e(src.title)}》，{e(src.publisher)}。<a href="{e(source_url(base, sid, quote))}">在原文中查看这句话</a></p>"""
        items.append(
            f"""<div class="source-item">
<blockquote class="source-quote" lang="zh-CN">“{e(quote)}”</blockquote>
{state.stash(meta, state.UNINDEXED)}
</div>"""
        )
    return block("\n".join(items))


def revisions_table(revisions: list[Revision], ind: Indicator | None = None, cat: Catalog | None = None) -> str:
    """Revisions as a table: date, (indicator,) period, old → new, type, reason."""
    show_indicator = ind is None
    head = "".join(f'<th scope="col">{c}</th>' for c in ["日期", *(["指标"] if show_indicator else []), "时期", "旧值 → 新值", "类型", "原因"])
    rows = []
    for r in reversed(revisions):
        target = ind or (cat.indicators[r.indicator_id] if cat else None)
        assert target is not None
        cells = [("指标", e(target.title))] if show_indicator else []
        cells += [
            ("时期", e(r.period.label + (f"·{r.breakdown}" if r.breakdown else ""))),
            ("旧值 → 新值", f"{e(number(r.old_value, target.decimals))} → {e(number(r.new_value, target.decimals))} {e(target.unit)}"),
            ("类型", f'{e(r.type)} <span lang="en">{e(schema.REVISION_TYPES[r.type][0])}</span>'),
            ("原因", e(r.reason)),
        ]
        tds = "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in cells)
        rows.append(f'<tr><th scope="row">{e(r.date)}</th>{tds}</tr>')
    return block(
        f"""<div class="table-wrap stack" tabindex="0" role="region" aria-label="修订记录"><table><caption>修订记录</caption>
<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>
<p class="revision-types">更新：计划内的更新（如初步数被正式数取代）；修订：来源方修订已发布的数字；更正：本站录入错误的更正。</p>"""
    )


def registers_block(cat: Catalog, ind: Indicator, base: str) -> str:
    out = []
    for reg in cat.indicator_registers(ind.id):
        rows = "".join(
            f'<tr><th scope="row">{e(r.name)}</th><td>{e(r.detail)}</td><td><a href="{e(source_url(base, r.source, r.quote))}">原文</a></td></tr>'
            for r in reg.rows
        )
        out.append(
            f"""<div class="table-wrap" tabindex="0" role="region" aria-label="{e(reg.title)}">
<table><caption>{e(reg.title)}</caption>
<thead><tr><th scope="col">名称</th><th scope="col">说明</th><th scope="col">出处</th></tr></thead>
<tbody>{rows}</tbody></table></div>
<p class="register-note">{e(reg.description)}</p>"""
        )
    return block("\n".join(out)) if out else ""


def flags_legend(observations: tuple[Observation, ...] | None = None, base: str = "") -> str:
    """The flags used by ``observations`` (all flags when None), explained."""
    flags = {o.flag for o in observations} if observations is not None else set(schema.FLAGS)
    qualifiers = {o.qualifier for o in observations} if observations is not None else set(schema.QUALIFIERS)
    entries = [(zh, code or "（空）", en, explain) for code, (zh, en, explain) in schema.FLAGS.items() if code in flags]
    entries += [(f"{zh}（+）", code, en, explain) for code, (zh, en, explain) in schema.QUALIFIERS.items() if code and code in qualifiers]
    rows = "".join(
        f'<tr><th scope="row">{e(zh)}</th><td data-label="含义">{e(explain)}</td><td data-label="代码"><code>{e(code)}</code> <span lang="en">{e(en)}</span></td></tr>'
        for zh, code, en, explain in entries
    )
    more = f'<p><a href="{e(base)}about/#{quote_url("计量单位和标记")}">全部标记的说明</a></p>' if observations is not None else ""
    return block(
        f"""<div class="table-wrap stack" tabindex="0" role="region" aria-label="标记说明">
<table><caption>标记说明</caption><thead><tr><th scope="col">标记</th><th scope="col">含义</th><th scope="col">代码 / English</th></tr></thead>
<tbody>{rows}</tbody></table></div>{more}"""
    )


# -- pages ----------------------------------------------------------------------------


def indicator_page(cat: Catalog, iid: str, base: str) -> str:
    ind = cat.indicators[iid]
    area = cat.areas[ind.area]
    caveats = "".join(f"<li>{e(c)}</li>" for c in ind.caveats)
    description = chart_description(cat, ind)
    parts = [
        block(
            f"""<h1>{e(ind.title)}</h1>
<p class="subtitle"><span lang="en">{e(ind.title_en)}</span> · 领域：<a href="{e(area_url(base, area.id))}">{e(area.title)}</a></p>"""
        ),
        headline(cat, ind),
        "## 图表\n",
        chart_figure(charts.indicator_spec(ind), charts.indicator_svg(ind, description), description, ind.id),
        "## 数据表\n",
        unindexed(data_table(ind)),
        "## 定义\n",
        block(f"<p>{e(ind.definition)}</p><p>计量单位：{e(ind.unit)}。</p>"),
    ]
    if caveats:
        parts += ["## 使用须知\n", block(f'<ul class="caveats">{caveats}</ul>')]
    terms = cat.indicator_terms(ind.id)
    if terms:
        links = "".join(f'<li><a href="{e(base)}glossary/#{e(quote_url(t.term))}">{e(t.term)}</a>：{e(t.definition)}</li>' for t in terms)
        parts += ["## 相关术语\n", block(f'<ul class="terms">{links}</ul>')]
    parts += ["## 来源\n", sources_block(cat, ind, base)]
    revisions = cat.indicator_revisions(ind.id)
    if revisions:
        parts += ["## 修订记录\n", revisions_table(revisions, ind)]
    registers = registers_block(cat, ind, base)
    if registers:
        parts += ["## 名录\n", registers]
    parts += [
        "## 下载和引用\n",
        unindexed(download_box(cat, ind, base)),
        "## 标记说明\n",
        unindexed(flags_legend(ind.observations, base)),
    ]
    return "".join(parts)


def size_text(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def file_link(base: str, path: str, label: str, files: dict[str, bytes]) -> str:
    return f'<a href="{e(base)}{e(path)}" download>{e(label)}</a> <span class="size">{size_text(len(files[path]))}</span>'


def citation_block(cat: Catalog, version: str, page: str, ind: Indicator | None = None) -> str:
    """Chinese and English citations; cite.js fills in the page address and today's date."""
    url = f'<span class="cite-url" data-path="{e(page)}">{e(state.site_url + page)}</span>'
    date = '<span class="cite-date">{}</span>'
    zh, en = exports.citation(cat, version, "\x00URL\x00", ind, "\x00DATE\x00")
    zh_html = e(zh).replace("\x00URL\x00", url).replace("\x00DATE\x00", date.format("引用日期"))
    en_html = e(en).replace("\x00URL\x00", url).replace("\x00DATE\x00", date.format("[date]"))
    ds = cat.dataset
    assert ds is not None
    licence = ind.licence if ind is not None and ind.licence else ""
    licence_html = (
        f"本数据采用 {e(licence)} 许可。" if licence else f'本数据采用<a href="{e(ds.licence_url)}" rel="license">{e(ds.licence_title)}</a>：可自由使用、转载和改编，须注明出处。'
    )
    return block(
        f"""<p>引用格式（中文）：</p>
<pre class="citation" lang="zh-CN"><code>{zh_html}</code></pre>
<p>Citation (English):</p>
<pre class="citation" lang="en"><code>{en_html}</code></pre>
<p class="licence">{licence_html}</p>"""
    )


def download_box(cat: Catalog, ind: Indicator, base: str) -> str:
    version, files = state.built_files()
    rows = [
        ("表格（CSV，UTF-8）", f"downloads/indicators/{ind.id}.csv", "CSV"),
        ("Excel 表格（XLSX，含“说明”工作表）", f"downloads/indicators/{ind.id}.xlsx", "XLSX"),
        ("数据和说明（JSON）", f"api/v1/indicators/{ind.id}.json", "JSON"),
        ("图表图片（PNG，1280 像素宽，适合微信文章和打印）", f"downloads/charts/{ind.id}.png", "PNG"),
        ("图表矢量图（SVG）", f"downloads/charts/{ind.id}.svg", "SVG"),
        ("图表规格（Vega-Lite JSON）", f"downloads/charts/{ind.id}.vl.json", "Vega-Lite"),
    ]
    items = "".join(f"<li>{e(label)}：{file_link(base, path, name, files)}</li>" for label, path, name in rows)
    return block(
        f"""<ul class="downloads">{items}</ul>
<p>数据版本 {e(version)}。全部指标见<a href="{e(base)}downloads/">数据下载</a>页。</p>"""
    ) + citation_block(cat, version, f"indicators/{ind.id}/", ind)


def last_updates(cat: Catalog, files: dict[str, bytes], path: str) -> str:
    """Date of the release since which ``path`` has not changed; '未发布' when it changed after the latest.

    Past releases are among the built files (downloads/releases/<version>/…), so this reads no disk.
    """
    date = "未发布"
    for release in reversed(cat.releases):
        if files.get(f"downloads/releases/{release.version}/{path}") != files.get(f"downloads/{path}"):
            break
        date = release.date
    return date


def downloads_page(cat: Catalog, base: str) -> str:
    version, files = state.built_files()
    whole = [
        ("observations.csv", "全部观测值，每行一条，含来源原句（UTF-8 CSV，适合程序和数据工具）"),
        ("observations.xlsx", "全部表格的 Excel 版，中文表头，含“说明”工作表（适合 Excel、WPS）"),
        ("indicators.csv", "指标说明表：名称、单位、定义、使用须知、最新值"),
        ("areas.csv", "领域表"),
        ("sources.csv", "来源文件表，含 SHA-256"),
        ("registers.csv", "报告点名的项目、企业、平台名录"),
        ("datapackage.json", "Frictionless 数据包：全部表格的字段类型、说明、主键、许可和来源"),
        (exports.BULK_ZIP, "打包下载：以上全部文件、每个指标的文件和图表"),
        ("catalog.jsonld", "DCAT 数据目录（JSON-LD），供开放数据平台采集"),
        ("SHA256SUMS", "全部下载文件的 SHA-256 校验值"),
    ]
    rows = "".join(
        f'<tr><th scope="row">{file_link(base, "downloads/" + name, name, files)}</th><td data-label="内容">{e(text)}</td></tr>' for name, text in whole
    )
    per = "".join(
        f'<tr><th scope="row"><a href="{e(indicator_url(base, ind.id))}">{e(ind.title)}</a></th>'
        f'<td data-label="下载">{file_link(base, f"downloads/indicators/{ind.id}.csv", "CSV", files)} · '
        f'{file_link(base, f"downloads/indicators/{ind.id}.xlsx", "XLSX", files)} · {file_link(base, f"api/v1/indicators/{ind.id}.json", "JSON", files)}</td>'
        f'<td data-label="最近更新">{e(last_updates(cat, files, f"indicators/{ind.id}.csv"))}</td></tr>'
        for ind in cat.indicators.values()
    )
    releases = "".join(
        f'<li><a href="{e(base)}downloads/releases/{e(r.version)}/observations.csv">{e(r.version)}</a>（{e(r.date)}）：{e(r.summary)} '
        f'<a href="{e(base)}changelog/#v{e(r.version.replace(".", "-"))}">变化说明</a></li>'
        for r in reversed(cat.releases)
    ) or "<li>尚未发布版本。</li>"
    return (
        block(f'<p class="version">当前数据版本：<strong>{e(version)}</strong>。文件的网址长期不变；每个已发布版本的文件另存于 <code>downloads/releases/&lt;版本&gt;/</code>，永不改动。</p>')
        + "## 全部数据\n"
        + block(f"""<div class="table-wrap stack" tabindex="0" role="region" aria-label="全部数据"><table><caption>全部数据</caption>
<thead><tr><th scope="col">文件</th><th scope="col">内容</th></tr></thead><tbody>{rows}</tbody></table></div>""")
        + "## 各指标数据\n"
        + unindexed(f"""<div class="table-wrap stack" tabindex="0" role="region" aria-label="各指标数据"><table><caption>各指标数据（{len(cat.indicators)}项）</caption>
<thead><tr><th scope="col">指标</th><th scope="col">下载</th><th scope="col">最近更新</th></tr></thead><tbody>{per}</tbody></table></div>""")
        + "## 历史版本\n"
        + block(f'<ul class="releases">{releases}</ul><p>版本发布通知：<a href="{e(base)}feed.xml">Atom 订阅</a>。</p>')
        + "## 引用和许可\n"
        + citation_block(cat, version, "downloads/")
    )


def changelog(cat: Catalog, base: str) -> str:
    from macros.releases import changes, release_changes, released_values

    version, files = state.built_files()
    observations = {r.version: files.get(f"downloads/releases/{r.version}/observations.csv") for r in cat.releases}
    parts = []
    if cat.latest_release and version.endswith("+draft"):
        pending = changes(observations[cat.latest_release.version], files["downloads/observations.csv"])
        items = "".join(f"<li>{e(line)}</li>" for line in pending)
        parts.append(block(f'<h2 id="draft">尚未发布的修改</h2><ul>{items}</ul>'))
    # a revision belongs to the first release whose frozen data hold its new value
    values = [released_values(observations[r.version]) or {} for r in cat.releases]

    def released_in(v: Revision) -> int | None:
        key = (v.indicator_id, v.period.text, v.breakdown)
        return next((i for i, vals in enumerate(values) if vals.get(key) == v.new_value and (i == 0 or values[i - 1].get(key) == v.old_value)), None)

    release_of = {id(v): released_in(v) for v in cat.revisions}
    pending = [v for v in cat.revisions if release_of[id(v)] is None]
    if pending:
        parts.append(block("<h3>尚未发布的修订</h3>") + revisions_table(pending, cat=cat))
    for i, r in reversed(list(enumerate(cat.releases))):
        items = "".join(f"<li>{e(line)}</li>" for line in release_changes(cat, r.version, observations))
        revised = [v for v in cat.revisions if release_of[id(v)] == i]
        parts.append(
            block(
                f"""<h2 id="v{e(r.version.replace(".", "-"))}">{e(r.version)}（{e(r.date)}）</h2>
<p>{e(r.summary)}</p><ul>{items}</ul>
<p><a href="{e(base)}downloads/releases/{e(r.version)}/observations.csv">本版本的 observations.csv</a> ·
<a href="{e(base)}downloads/releases/{e(r.version)}/datapackage.json">datapackage.json</a> ·
<a href="{e(base)}downloads/releases/{e(r.version)}/SHA256SUMS">SHA256SUMS</a></p>"""
            )
        )
        if revised:
            parts.append(block(f"<h3>{e(r.version)} 的修订</h3>") + revisions_table(revised, cat=cat))
    return "".join(parts) or block("<p>尚未发布版本。</p>")


def indicator_list(cat: Catalog, indicators: list[Indicator], base: str, caption: str) -> str:
    rows = []
    for ind in indicators:
        head = ind.headline
        value = with_unit(value_text(head, ind.decimals), ind.unit) if head else "—"
        rows.append(
            f'<tr><th scope="row"><a href="{e(indicator_url(base, ind.id))}">{e(ind.title)}</a></th>'
            f'<td class="num" data-label="最新值">{e(value)}</td><td data-label="时期">{e(period_text(head)) if head else ""}</td>'
            f'<td data-label="标记">{flag_badge(head) if head else ""}</td></tr>'
        )
    return unindexed(
        f"""<div class="table-wrap stack" tabindex="0" role="region" aria-label="{e(caption)}">
<table><caption>{e(caption)}</caption>
<thead><tr><th scope="col">指标</th><th scope="col" class="num">最新值</th><th scope="col">时期</th><th scope="col">标记</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>"""
    )


def area_page(cat: Catalog, aid: str, base: str) -> str:
    area = cat.areas[aid]
    inds = cat.area_indicators(aid)
    desc = f"{area.title}领域各指标的最新值，按计量单位分组：" + "；".join(
        f"{i.title}{with_unit(value_text(i.headline, i.decimals), i.unit)}" for i in inds if i.headline and i.unit not in schema.RANK_UNITS
    ) + "。"
    return "".join(
        [
            block(f'<h1>{e(area.title)}</h1>\n<p class="subtitle"><span lang="en">{e(area.title_en)}</span></p>\n<p>{e(area.description)}</p>'),
            "## 本领域指标\n",
            indicator_list(cat, inds, base, f"{area.title}：{len(inds)}项指标"),
            "## 概览图\n",
            chart_figure(charts.area_spec(area.title, inds), charts.area_svg(area.title, inds, desc), desc, f"area-{aid}"),
        ]
    )


def areas_index(cat: Catalog, base: str) -> str:
    cards = "".join(
        f'<li class="area-card"><a href="{e(area_url(base, a.id))}"><strong>{e(a.title)}</strong></a>'
        f"<span>{len(cat.area_indicators(a.id))}项指标</span><p>{e(a.description)}</p></li>"
        for a in cat.areas.values()
    )
    return block(f'<ul class="area-cards">{cards}</ul>')


def indicators_index(cat: Catalog, base: str) -> str:
    parts = []
    for a in cat.areas.values():
        parts.append(block(f'<h2 id="{e(a.id)}">{e(a.title)}</h2>'))
        parts.append(indicator_list(cat, cat.area_indicators(a.id), base, a.title))
    return "".join(parts)


def key_figures(cat: Catalog, base: str) -> str:
    cards = []
    order = list(cat.areas)
    for ind in sorted(cat.indicators.values(), key=lambda i: (order.index(i.area), i.id)):
        head = ind.headline
        if not ind.key_figure or head is None:
            continue
        change = change_text(cat, ind)
        cards.append(
            f'<li class="key-card"><a href="{e(indicator_url(base, ind.id))}">'
            f'<span class="key-title">{e(ind.title)}</span>'
            f'<span class="key-value">{big_value(head, ind)}</span>'
            f'<span class="key-period">{e(period_text(head))}</span>'
            + (f'<span class="key-change">{e(change)}</span>' if change else "")
            + "</a></li>"
        )
    return block(f'<ul class="key-cards">{"".join(cards)}</ul>')


def source_page(cat: Catalog, sid: str, base: str) -> str:
    """The archived text, readable: paragraph anchors, quoted sentences marked and linked."""
    src = cat.sources[sid]
    quotes: dict[str, set[str]] = {}
    for o in cat.observations:
        if o.source == sid:
            quotes.setdefault(o.quote, set()).add(o.indicator_id)
    for reg in cat.registers.values():
        for r in reg.rows:
            if r.source == sid:
                quotes.setdefault(r.quote, set())
    paragraphs = [p.strip() for p in BOOKMARK.sub("", src.text).splitlines() if p.strip()]
    # each quote is found once in the whole text, then placed in its paragraph (linear in quotes)
    starts, offset = [], 0
    joined = "\n".join(paragraphs)
    for para in paragraphs:
        starts.append(offset)
        offset += len(para) + 1
    found: dict[int, list[tuple[int, str, set[str]]]] = {}
    for quote, iids in quotes.items():
        at = joined.find(quote)
        if at >= 0:
            n = bisect.bisect_right(starts, at) - 1
            found.setdefault(n, []).append((at - starts[n], quote, iids))
    html = []
    for n, para in enumerate(paragraphs):
        marks: list[tuple[int, int]] = []
        anchors: dict[int, list[str]] = {}
        linked: set[str] = set()
        for at, quote, iids in found.get(n, []):
            marks.append((at, at + len(quote)))
            anchors.setdefault(at, []).append(quote_anchor(quote))
            linked |= iids
        html.append(f'<p id="p-{n + 1}" class="source-para">{_marked(para, marks, anchors)}</p>')
        if linked:
            links = "、".join(
                f'<a href="{e(indicator_url(base, i))}">{e(cat.indicators[i].title)}</a>' for i in sorted(linked, key=lambda i: cat.indicators[i].title)
            )
            # links to the indicators: the text is the report, and the search finds the indicators themselves
            html.append(state.stash(f'<p class="para-links">本段数据：{links}</p>', state.UNINDEXED))
    note = f"<p class=\"source-note\">{e(src.note)}</p>" if src.note else ""
    return block(
        f"""<h1>{e(src.title)}</h1>
<p class="subtitle">{e(src.publisher)} · {e(src.year)}年 · SHA-256 <code>{e(src.sha256)}</code></p>
{note}
<p><a href="{e(base)}sources/{e(src.id)}/{e(src.archive)}" download>下载存档原文（TXT，逐字节原件）</a></p>
<div class="source-text" lang="zh-CN">{"".join(html)}</div>"""
    )


def _marked(para: str, marks: list[tuple[int, int]], anchors: dict[int, list[str]]) -> str:
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
        out.append(e(para[a:b]))
    return "".join(out) + ("</mark>" if len(para) in ends else "")


def sources_index(cat: Catalog, base: str) -> str:
    items = "".join(
        f'<li><a href="{e(base)}sources/{e(s.id)}/">《{e(s.title)}》</a>，{e(s.publisher)}，{e(s.year)}年</li>' for s in cat.sources.values()
    )
    return block(f"<ul>{items}</ul>")


def glossary(cat: Catalog, base: str) -> str:
    items = []
    for t in cat.glossary:
        users = [i for i in cat.indicators.values() if t in cat.indicator_terms(i.id)]
        links = "、".join(f'<a href="{e(indicator_url(base, i.id))}">{e(i.title)}</a>' for i in users)
        items.append(
            f'<h2 id="{e(t.term)}">{e(t.term)} <small lang="en">{e(t.term_en)}</small></h2>\n<p>{e(t.definition)}</p>'
            + (f'\n<p class="term-users">相关指标：{links}</p>' if links else "")
        )
    return block("\n".join(items))


STATUS_CLASS = {"未开始": "status-todo", "推进中": "status-doing", "已完成": "status-done", "待评估": "status-review"}


def plan_vs_actual(cat: Catalog, iid: str, year: int, base: str) -> str:
    """'省科技特派员备案总量：2024年 51 人 → 2025年 尚未发布' for a commitment's indicator."""
    ind = cat.indicators[iid]
    totals = [o for o in ind.observations if not o.breakdown]
    before = [o for o in totals if o.period.end.year < year]
    actual = [o for o in totals if o.period.start.year == year]
    baseline = f"{period_text(before[-1])} {with_unit(value_text(before[-1], ind.decimals), ind.unit)}" if before else "无基数"
    result = f"{period_text(actual[-1])} {with_unit(value_text(actual[-1], ind.decimals), ind.unit)}" if actual else f"{year}年数据尚未发布"
    return f'<li><a href="{e(indicator_url(base, iid))}">{e(ind.title)}</a>：{e(baseline)} → <strong>{e(result)}</strong></li>'


def plan_page(cat: Catalog, base: str) -> str:
    plan = cat.plan
    if plan is None:
        return block("<p>尚无工作计划数据。</p>")
    src = cat.sources[plan.source]
    counts = {s: sum(c.status == s for line in plan.lines for c in line.commitments) for s in schema.PLAN_STATUSES}
    summary = "，".join(f"{s} {n} 项" for s, n in counts.items() if n)
    chains = "".join(f"<li>{e(c)}</li>" for c in plan.chains)
    parts = [
        block(
            f"""<p>《{e(src.title)}》提出的{e(plan.year)}年工作计划，按原文分为“八个产业链条”和四个方面的工作。每项承诺注明原文、进展状态和依据；能用数字衡量的，列出相关指标的{e(plan.year - 1)}年基数和{e(plan.year)}年实际数。</p>
<p class="plan-summary">共 {sum(counts.values())} 项承诺：{e(summary)}。状态由科技局根据{e(plan.year)}年工作总结等文件更新；“待评估”表示尚无可核实的依据。</p>"""
        ),
        "## 八个产业链条\n",
        block(
            f"""<ul class="chains">{chains}</ul>
<blockquote class="source-quote">“{e(plan.chains_quote)}”</blockquote>
<p class="source-meta"><a href="{e(source_url(base, plan.source, plan.chains_quote))}">在原文中查看</a></p>"""
        ),
    ]
    for n, line in enumerate(plan.lines, 1):
        parts.append(block(f'<h2 id="{e(line.id)}">{"一二三四五六七八九十"[n - 1]}、{e(line.title)}</h2>'))
        items = []
        for c in line.commitments:
            measures = "".join(plan_vs_actual(cat, iid, plan.year, base) for iid in c.indicators)
            items.append(
                f"""<div class="commitment" id="{e(c.id)}">
<h3>{e(c.title)} <span class="status {STATUS_CLASS[c.status]}">{e(c.status)}</span></h3>
<blockquote class="source-quote">“{e(c.quote)}” <a href="{e(source_url(base, plan.source, c.quote))}">原文</a></blockquote>
{f'<p class="measures-title">计划与实际：</p><ul class="measures">{measures}</ul>' if measures else '<p class="measures-title">这项承诺暂无可用数字衡量的指标。</p>'}
{f'<p class="note">{e(c.note)}</p>' if c.note else ""}
<p class="evidence">进展和依据：{e(c.evidence) if c.evidence else "暂无。"}</p>
</div>"""
            )
        parts.append(block("\n".join(items)))
    return "".join(parts)


def briefing(cat: Catalog, base: str) -> str:
    """A brief for a 人大 session: key figures and every area in two A4 pages."""
    version, _files = state.built_files()
    sources = "、".join(f"《{s.title}》（{s.publisher}）" for s in cat.sources.values())
    keys = [i for i in cat.indicators.values() if i.key_figure and i.headline]
    rows = "".join(
        f'<tr><th scope="row">{e(i.title)}</th><td class="num" data-label="数值">{e(with_unit(value_text(i.headline, i.decimals), i.unit))}</td>'
        f'<td data-label="时期">{e(period_text(i.headline))}</td><td data-label="变化">{e(change_text(cat, i)) or "—"}</td></tr>'
        for i in keys
    )
    areas = []
    for a in cat.areas.values():
        facts = "；".join(
            f"{i.title}{with_unit(value_text(i.headline, i.decimals), i.unit)}"
            for i in cat.area_indicators(a.id)
            if i.headline and not i.headline.breakdown and not i.key_figure
        )
        areas.append(f"<p><strong>{e(a.title)}</strong>：{e(facts)}。</p>")
    plan = cat.plan
    plan_html = ""
    if plan:
        lines = "；".join(line.title for line in plan.lines)
        plan_html = f"<h2>{e(plan.year)}年工作计划</h2><p>围绕“八个产业链条”（{e('、'.join(plan.chains))}），{e(lines)}。各项承诺的进展见本站“{e(plan.year)}年计划”页。</p>"
    date = exports.dataset_date(cat).isoformat()
    return block(
        f"""<div class="briefing">
<p class="briefing-meta">数据版本 {e(version)} · 数据日期 {e(date)} · 来源：{e(sources)} · 商河县科技统计数据</p>
<h2>重点数据</h2>
<div class="table-wrap stack"><table><caption>重点数据</caption>
<thead><tr><th scope="col">指标</th><th scope="col" class="num">数值</th><th scope="col">时期</th><th scope="col">变化</th></tr></thead>
<tbody>{rows}</tbody></table></div>
<h2>各领域其他数据</h2>
{"".join(areas)}
{plan_html}
<p class="briefing-foot">说明：数字均出自来源文件原文，推算值和“500多”“20余”等下限值另有标记，详见各指标页面。标“+”的为下限值。打印日期以浏览器为准。</p>
</div>"""
    )


def english_home(cat: Catalog, base: str) -> str:
    """/en/: the key figures and areas for readers of English, linking to the Chinese pages."""
    version, _files = state.built_files()
    cards = "".join(
        f'<li class="key-card"><a href="{e(indicator_url(base, i.id))}"><span class="key-title">{e(i.title_en)}</span>'
        f'<span class="key-value"><span class="value">{e(value_text(i.headline, i.decimals))}</span> <span class="unit">{e(schema.UNITS[i.unit])}</span></span>'
        f'<span class="key-period">{e(i.headline.period.label_en)}{" (as of " + e(i.headline.as_of) + ")" if i.headline.as_of else ""}</span></a></li>'
        for i in cat.indicators.values()
        if i.key_figure and i.headline
    )
    areas = "".join(
        f'<li><a href="{e(area_url(base, a.id))}">{e(a.title_en)}</a> ({e(a.title)}): '
        + ", ".join(f'<a href="{e(indicator_url(base, i.id))}">{e(i.title_en)}</a>' for i in cat.area_indicators(a.id))
        + "</li>"
        for a in cat.areas.values()
    )
    ds = cat.dataset
    assert ds is not None
    return block(
        f"""<div lang="en">
<p>{e(ds.description_en)} Data version {e(version)}. Licence: <a href="{e(ds.licence_url)}" rel="license">CC BY 4.0</a>.</p>
<h2 id="key-figures">Key figures</h2>
<ul class="key-cards">{cards}</ul>
<h2 id="areas">All indicators by area</h2>
<p>Indicator pages are in Chinese; each shows the value, a chart, a data table, the definition and the verbatim source sentence.</p>
<ul>{areas}</ul>
<h2 id="data">Data</h2>
<p>Every observation with its source sentence: <a href="{e(base)}downloads/observations.csv">observations.csv</a> (UTF-8) and <a href="{e(base)}downloads/observations.xlsx">observations.xlsx</a>;
a Frictionless <a href="{e(base)}downloads/datapackage.json">data package</a>; a static JSON API at <a href="{e(base)}api/v1/indicators.json">api/v1/indicators.json</a>;
all files on the <a href="{e(base)}downloads/">downloads page</a>. Units keep the source's Chinese units (万元 = 10,000 yuan, 亿元 = 100 million yuan).</p>
</div>"""
    )


def latest_release(cat: Catalog, base: str) -> str:
    r = cat.latest_release
    if r is None:
        return ""
    return block(
        f'<p class="latest-release">最新数据版本：<a href="{e(base)}changelog/#v{e(r.version.replace(".", "-"))}">{e(r.version)}</a>（{e(r.date)}发布）：{e(r.summary)}</p>'
    )


def about_tables(cat: Catalog, base: str) -> str:
    units = "".join(f"<tr><th scope=\"row\">{e(u)}</th><td lang=\"en\">{e(en)}</td></tr>" for u, en in schema.UNITS.items())
    return block(
        f"""<div class="table-wrap" tabindex="0" role="region" aria-label="计量单位">
<table><caption>计量单位</caption><thead><tr><th scope="col">单位</th><th scope="col">英文</th></tr></thead><tbody>{units}</tbody></table></div>"""
    ) + flags_legend(base=base)

