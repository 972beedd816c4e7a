"""The catalog: typed, immutable objects built once from ``data/`` by ``macros.data.loader``."""

from __future__ import annotations

import bisect
import functools
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from macros.data import quotes
from macros.data.periods import Period


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    title_en: str
    publisher: str
    year: int
    archive: str
    sha256: str
    text: str
    note: str = ""
    text_sha256: str = ""  # of <id>.txt when the archive is a .docx or .pdf

    @functools.cached_property
    def paragraphs(self) -> list[str]:
        return quotes.paragraphs(self.text)

    @functools.cached_property
    def shown_text(self) -> str:
        """The paragraphs joined by line ends: the text the source page shows."""
        return "\n".join(self.paragraphs)

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where each paragraph starts in ``shown_text``."""
        return list(itertools.accumulate((len(p) + 1 for p in self.paragraphs[:-1]), initial=0))

    def paragraph_at(self, at: int) -> int:
        """The number (from 1) of the paragraph holding position ``at`` of ``shown_text``."""
        return bisect.bisect_right(self.starts, at)

    def paragraph_of(self, quote: str) -> int:
        """The number (from 1) of the paragraph holding ``quote``; 0 when none does."""
        at = self.shown_text.find(quote) if quote else -1
        return self.paragraph_at(at) if at >= 0 else 0


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    title_en: str
    description: str


@dataclass(frozen=True)
class Observation:
    indicator_id: str
    period: Period
    value: Decimal
    source: str
    quote: str
    flag: str = ""
    qualifier: str = ""
    as_of: str = ""
    period_basis: str = ""  # schema.PERIOD_BASES
    breakdown: str = ""
    note: str = ""
    formula: str = ""


@dataclass(frozen=True)
class Missing:
    """A period the data file marks as having no value (flag ``missing``)."""

    indicator_id: str
    period: Period
    source: str
    quote: str
    breakdown: str = ""
    note: str = ""


@dataclass(frozen=True)
class Revision:
    indicator_id: str
    period: Period
    old_value: Decimal
    new_value: Decimal
    date: str
    type: str  # 更新 | 修订 | 更正
    reason: str
    breakdown: str = ""


SHOWN_PERIODS = 30  # periods an indicator's page and chart show at most: a longer series shows its latest
RECENT = f"最近 {SHOWN_PERIODS} 期"  # how every surface words them: the page, its table, the chart and the field reference


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    title_en: str
    area: str
    unit: str
    decimals: int
    definition: str
    period_type: str
    chart: str
    caveats: tuple[str, ...] = ()
    key_figure: bool = False
    licence: str = ""
    max_change: int | None = None
    change_of: str = ""
    change_wording: str = ""
    change_wording_en: str = ""
    rank_scope: str = ""
    rank_context: str = ""
    related: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()  # sorted by period, then breakdown
    missing: tuple[Missing, ...] = ()

    @functools.cached_property
    def periods(self) -> tuple[Period, ...]:
        """Every period with a value or a missing row, oldest first."""
        return tuple(sorted({o.period for o in self.observations} | {m.period for m in self.missing}))

    @functools.cached_property
    def shown_from(self) -> Period | None:
        """The first period the page and the chart show: the latest SHOWN_PERIODS (None: all of them)."""
        return self.periods[-SHOWN_PERIODS] if len(self.periods) > SHOWN_PERIODS else None

    @functools.cached_property
    def recent(self) -> tuple[Observation, ...]:
        """The observations the page and the chart show; the downloads hold all."""
        first = self.shown_from
        return self.observations if first is None else tuple(o for o in self.observations if o.period >= first)

    @functools.cached_property
    def recent_missing(self) -> tuple[Missing, ...]:
        """The periods without data among those the page shows."""
        first = self.shown_from
        return self.missing if first is None else tuple(m for m in self.missing if m.period >= first)

    @functools.cached_property
    def latest_period(self) -> Period | None:
        return self.observations[-1].period if self.observations else None

    @functools.cached_property  # asked for many times per build; the data never change
    def headline(self) -> Observation | None:
        """The latest total, or the first breakdown row when there is no total."""
        latest = [o for o in self.observations if o.period == self.latest_period]
        totals = [o for o in latest if not o.breakdown]
        return (totals or latest or [None])[0]

    @functools.cached_property
    def previous(self) -> Observation | None:
        """The total of the period before the headline's, for the change."""
        head = self.headline
        if head is None or head.breakdown:
            return None
        earlier = [o for o in self.observations if not o.breakdown and o.period < head.period]
        return earlier[-1] if earlier else None


@dataclass(frozen=True)
class RegisterRow:
    name: str
    detail: str
    source: str
    quote: str


@dataclass(frozen=True)
class Register:
    id: str
    title: str
    title_en: str
    description: str
    indicators: tuple[str, ...]
    rows: tuple[RegisterRow, ...]


@dataclass(frozen=True)
class Term:
    term: str
    term_en: str
    definition: str
    aliases: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()  # its other names ("高新企业", "R&D"): shown as 又称, and found by search
    search_terms: tuple[str, ...] = ()  # words readers look for it with that are not its names ("贷款" for 授信): search only

    def named_in(self, text: str) -> bool:
        """The text uses the term, in its own words or the sources' (aliases)."""
        return any(w in text for w in (self.term, *self.aliases))


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    title_en: str
    description: str
    description_en: str
    publisher: str
    publisher_en: str
    licence: str
    licence_title: str
    licence_url: str
    contact: str = ""
    next_release: str = ""  # when the next figures are expected, YYYY-MM-DD
    operator: str = ""  # 承办单位
    site_code: str = ""  # 网站标识码
    icp: str = ""
    police_record: str = ""  # 公安机关备案号
    conac_url: str = ""  # the 党政机关网站标识's verification page
    error_report_url: str = ""  # 找错

    @property
    def police_code(self) -> str:
        """The 公安机关备案号's number, which its verification page is queried by."""
        return "".join(c for c in self.police_record if c.isascii() and c.isdigit())


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    summary: str
    sha256sums: str


@dataclass(frozen=True)
class Commitment:
    id: str
    title: str
    quote: str
    status: str
    target: str = ""  # the quantified target, as the quote words it
    indicators: tuple[str, ...] = ()
    measures: str = ""
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class PlanLine:
    id: str
    title: str
    quote: str
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class Plan:
    source: str
    year: int
    chains_quote: str
    chains: tuple[str, ...]
    lines: tuple[PlanLine, ...]

    @property
    def commitments(self) -> list[Commitment]:
        return [c for line in self.lines for c in line.commitments]

    def measured_by(self, indicator_id: str) -> list[Commitment]:
        """The commitments whose progress the indicator is listed as measuring."""
        return [c for c in self.commitments if indicator_id in c.indicators]

    @property
    def targets(self) -> list[Commitment]:
        """The commitments with a quantified target."""
        return [c for c in self.commitments if c.target]


@dataclass(frozen=True)
class Catalog:
    areas: dict[str, Area]
    sources: dict[str, Source]
    indicators: dict[str, Indicator]
    registers: dict[str, Register] = field(default_factory=dict)
    glossary: tuple[Term, ...] = ()
    dataset: Dataset | None = None
    releases: tuple[Release, ...] = ()  # oldest first
    revisions: tuple[Revision, ...] = ()  # by date
    plan: Plan | None = None

    @property
    def site_name(self) -> str:
        """The site's name: the dataset's title (dataset.yaml), which pictures, workbooks and pages carry."""
        return self.dataset.title if self.dataset else ""

    def indicator_revisions(self, indicator_id: str) -> list[Revision]:
        return [r for r in self.revisions if r.indicator_id == indicator_id]

    @property
    def latest_release(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    def area_indicators(self, area_id: str) -> list[Indicator]:
        """The area's indicators in the report's order (where each is first stated), as lists show them."""
        return [i for i in self.in_report_order if i.area == area_id]

    @functools.cached_property
    def in_report_order(self) -> list[Indicator]:
        """Every indicator in the order its sources state it: the oldest source first, then where in the
        source its first figure stands (indicators without data last, by id)."""
        order = {sid: n for n, sid in enumerate(sorted(self.sources, key=lambda s: (self.sources[s].year, s)))}

        def place(ind: Indicator) -> tuple[int, int, int, str]:
            # the sentence's place in its source, then the figure's place in the sentence ("2批59家、已公示43家")
            found = [
                (order[o.source], self.sources[o.source].shown_text.find(o.quote), o.quote.find(format(o.value.normalize(), "f")))
                for o in ind.observations
                if o.source in self.sources
            ]
            return (*min(found, default=(len(order), 0, 0)), ind.id)

        return sorted(self.indicators.values(), key=place)

    def indicator_registers(self, indicator_id: str) -> list[Register]:
        return [r for r in self.registers.values() if indicator_id in r.indicators]

    @functools.cached_property
    def _changes_of(self) -> dict[str, list[Indicator]]:
        out: dict[str, list[Indicator]] = {}
        for ind in self.indicators.values():
            if ind.change_of:
                out.setdefault(ind.change_of, []).append(ind)
        return out

    def stated_changes(self, indicator_id: str) -> list[tuple[Indicator, Observation]]:
        """Changes of the indicator's headline that the sources state, from indicators with ``change_of``."""
        head = self.indicators[indicator_id].headline
        return [
            (ind, o)
            for ind in self._changes_of.get(indicator_id, [])
            if head is not None
            for o in ind.observations
            if o.period == head.period and not o.breakdown
        ]

    def related(self, indicator_id: str) -> list[tuple[Indicator, str]]:
        """The indicators a reader of this one should also see, each with why: named as related (both
        ways), its total or its change (``change_of``), or stated in the same sentence of a source."""
        ind = self.indicators[indicator_id]
        found: dict[str, str] = {}
        for other in self.indicators.values():
            if other.id == indicator_id:
                continue
            if other.id in ind.related or indicator_id in other.related:
                found[other.id] = "另一口径"
            elif other.id == ind.change_of:
                found[other.id] = "总量"
            elif other.change_of == indicator_id:
                found[other.id] = "增量或增速"
        sharing = {iid for o in ind.observations for iid in self._stating[o.quote]}
        for iid in self.indicators:
            if iid in sharing and iid != indicator_id:
                found.setdefault(iid, "同一句原文")
        return [(self.indicators[iid], why) for iid, why in found.items()]

    @functools.cached_property
    def _stating(self) -> dict[str, set[str]]:
        """The indicators each quoted sentence gives a value of."""
        out: dict[str, set[str]] = {}
        for ind in self.indicators.values():
            for o in ind.observations:
                out.setdefault(o.quote, set()).add(ind.id)
        return out

    def indicator_terms(self, indicator_id: str) -> list[Term]:
        """Glossary terms the indicator's title, definition or quotes use."""
        return self._terms[indicator_id]

    @functools.cached_property
    def _terms(self) -> dict[str, list[Term]]:
        def used(ind: Indicator) -> list[Term]:
            text = " ".join([ind.title, ind.definition, *(o.quote for o in ind.observations)])
            return [t for t in self.glossary if t.named_in(text)]

        return {iid: used(ind) for iid, ind in self.indicators.items()}

    def quoted(self, source_id: str) -> dict[str, tuple[str, ...]]:
        """Every sentence of the source that the site quotes and links to (its anchor must exist), with
        what quotes it: indicator ids, and ``plan#<id>`` for the plan's lines and commitments."""
        found: dict[str, dict[str, None]] = {}
        for o in self.observations:
            if o.source == source_id:
                found.setdefault(o.quote, {})[o.indicator_id] = None
        for reg in self.registers.values():
            for r in reg.rows:
                if r.source == source_id:
                    found.setdefault(r.quote, {})
        if self.plan and self.plan.source == source_id:
            found.setdefault(self.plan.chains_quote, {})["plan#chains"] = None
            for line in self.plan.lines:
                found.setdefault(line.quote, {})[f"plan#{line.id}"] = None
                for c in line.commitments:
                    found.setdefault(c.quote, {})[f"plan#{c.id}"] = None
        return {quote: tuple(refs) for quote, refs in found.items()}

    @property
    def observations(self) -> list[Observation]:
        return [o for i in self.indicators.values() for o in i.observations]
