"""Citations in the reader's style: GB/T 7714-2015 with the data set's type code [DS], APA 7 and the
plain Chinese attribution, and the BibTeX and RIS files a reference manager imports, all naming the
same version and address. The files are read back with a BibTeX and an RIS parser."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import rispy

from macros.cache import Cache
from macros.publish import citations

PAGE = "https://example.org/stats/indicators/tech-contracts/"


def test_an_indicator_is_cited_in_each_style_with_its_version_and_page(catalog, tmp_path: Path) -> None:
    texts = citations.texts(citations.work(catalog, "2024.3", PAGE, catalog.indicators["tech-contracts"]), Cache(tmp_path))
    assert texts == {
        "zh": "商河县科学技术局. 商河县科技统计数据：技术合同认定登记（2024.3版）[DS/OL]. 商河县科学技术局, 2026[引用日期]. "
        "https://example.org/stats/indicators/tech-contracts/.",
        "en": "Shanghe County Science and Technology Bureau. (2026). Shanghe County science and technology statistics: "
        "Technology contracts registered (Version 2024.3) [Data set]. https://example.org/stats/indicators/tech-contracts/",
        "attribution": "数据来源：商河县科学技术局《商河县科技统计数据：技术合同认定登记》（2024.3版，2026年12月6日发布），https://example.org/stats/indicators/tech-contracts/。",
    }


def test_updates_since_a_release_are_cited_as_such_and_undated(catalog, tmp_path: Path) -> None:
    """Data changed after the release are not that release: each style says so, and the Chinese
    attribution gives no release date but a slot for the reader's access date."""
    texts = citations.texts(citations.work(catalog, "2024.3+updates", "https://example.org/stats/downloads/"), Cache(tmp_path))
    assert texts["zh"].startswith("商河县科学技术局. 商河县科技统计数据（2024.3版之后的更新）[DS/OL].")
    assert "(Version 2024.3+updates) [Data set]. https://example.org/stats/downloads/" in texts["en"]
    assert (
        texts["attribution"] == "数据来源：商河县科学技术局《商河县科技统计数据》（2024.3版之后的更新，引用日期访问），https://example.org/stats/downloads/。"
    )


def test_without_the_sites_address_no_citation_has_an_address_or_an_access_date(catalog, tmp_path: Path) -> None:
    texts = citations.texts(citations.work(catalog, "2024.3", "", catalog.indicators["tech-contracts"]), Cache(tmp_path))
    assert texts["zh"] == "商河县科学技术局. 商河县科技统计数据：技术合同认定登记（2024.3版）[DS/OL]. 商河县科学技术局, 2026."
    assert texts["en"].endswith("(Version 2024.3) [Data set].")


def test_the_bibtex_file_parses_with_the_bureau_as_one_name(catalog) -> None:
    work = citations.work(catalog, "2024.3", PAGE, catalog.indicators["tech-contracts"])
    library = bibtexparser.parse_string(citations.bibtex(work))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "misc" and entry.key == "tech-contracts"
    fields = {f.key: f.value for f in entry.fields}
    assert fields == {
        "author": "{商河县科学技术局}",  # braced: BibTeX would otherwise read a surname and initials
        "title": "商河县科技统计数据：技术合同认定登记",
        "year": "2026",
        "version": "2024.3",
        "publisher": "商河县科学技术局",
        "url": PAGE,
        "note": "数据集，2024.3版",
    }


def test_the_ris_file_parses_as_one_data_set_record(catalog) -> None:
    work = citations.work(catalog, "2024.3", PAGE, catalog.indicators["tech-contracts"])
    text = citations.ris(work)
    assert text.startswith("TY  - DATA\n") and text.endswith("ER  - \n")  # no numbered header line before the record
    (record,) = rispy.loads(text)
    assert record == {
        "type_of_reference": "DATA",
        "id": "tech-contracts",
        "authors": ["商河县科学技术局"],
        "title": "商河县科技统计数据：技术合同认定登记",
        "translated_title": "Shanghe County science and technology statistics: Technology contracts registered",
        "year": "2026",
        "date": "2026/12/06",
        "publisher": "商河县科学技术局",
        "edition": "2024.3",
        "language": "zh",
        "urls": [PAGE],
    }


def test_each_work_reads_as_its_style_lays_it_out_on_its_own(catalog, tmp_path: Path) -> None:
    """The styles lay out one work of a kind and the others fill in its title and address: every real
    indicator, and the dataset, read exactly as citeproc lays each out on its own, with and without an address."""
    cache = Cache(tmp_path)
    for url in ("", "https://example.org/stats/"):
        for ind in [*catalog.indicators.values(), None]:
            work = citations.work(catalog, "2024.4+updates", url + (f"indicators/{ind.id}/" if ind else "downloads/") if url else "", ind)
            assert citations.texts(work, cache) == {style.key: style.text(work) for style in citations.STYLES}, work.key
