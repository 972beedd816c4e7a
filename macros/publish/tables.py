"""The published tables as pandas DataFrames, with their columns (name, type, Chinese header, description).

CSV, XLSX, the Frictionless table schemas and the JSON API all take their columns from here;
the descriptions of data fields come from ``macros.data.schema``, but where the schema speaks to staff
(a file to edit, a code to write) or names forms the published data may not hold: the data package adds
examples, period forms and codes from the values themselves (``examples``, ``labels``). Every cell is the
text the CSV holds (values with the indicator's decimals), so a value is never reformatted on the way out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from macros.data import schema
from macros.data.catalog import Catalog, Indicator, Observation
from macros.data.formatting import number, period_text
from macros.data.statements import caveats, headline, statement, text


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless type: string | number | integer | date | boolean
    zh: str
    description: str
    choices: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()  # codes and the Chinese a spreadsheet shows for them (推算值 for derived)
    # what the data package adds to the description from the column's own values, so it is true of the data:
    # "some" quotes a few of them (each of another form), "periods" names each form of period used, with one
    examples: str = ""

    def label(self, text: str) -> str:
        """A cell as a spreadsheet reader reads it: each code named in Chinese (codes the CSV keeps)."""
        names = dict(self.labels)
        return " ".join(names.get(code, code) for code in text.split()) if names else text


def _field(fields: tuple[schema.Field, ...], name: str) -> schema.Field:
    return next(f for f in fields if f.name == name)


def _col(name: str, type_: str, zh: str, fields: tuple[schema.Field, ...] | None = None, field: str | None = None, description: str = "") -> Column:
    if fields is not None:
        f = _field(fields, field or name)
        return Column(name, type_, zh, f"{f.zh} / {f.en}", f.choices)
    return Column(name, type_, zh, description)


VALUE_LABEL = "数值按本站各处的写法：含单位、名次的范围和标记"
VALUE_LABEL_EN = "The value as the site states it everywhere: with its unit, a rank's scope and its marks"
FLAG_LABELS = tuple((code, mark.zh) for code, mark in schema.FLAGS.items() if code)
QUALIFIER_LABELS = tuple((code, mark.zh) for code, mark in schema.QUALIFIERS.items() if code)
FLAG_ABOUT = "状态标记，原文写明的数字留空 / Status flag, empty for a figure printed in the source"
AREA_ABOUT = "所属领域的代码，见 areas 表 / Area id, in the areas table"
SOURCE_ABOUT = "来源文件的代码，见 sources 表 / Source id, in the sources table"
QUALIFIER_ABOUT = "限定，没有限定的留空 / Qualifier, empty if none"
OBS = schema.OBSERVATION_FIELDS
IND = schema.INDICATOR_FIELDS

OBSERVATION_COLUMNS = (
    _col("indicator_id", "string", "指标代码", IND, "id"),
    _col("indicator_name", "string", "指标名称", IND, "title"),
    _col("indicator_name_en", "string", "英文名称", IND, "title_en"),
    _col("area", "string", "领域代码", description=AREA_ABOUT),
    _col("area_name", "string", "领域", description="领域中文名称 / Area title"),
    dataclasses.replace(_col("period", "string", "时期", description="时期的代码 / Period code"), examples="periods"),
    dataclasses.replace(
        _col("period_label", "string", "时期（中文）", description="时期按原文的说法，本站的推断另作标注 / Period as the source states it, readings marked"),
        examples="some",
    ),
    _col("as_of", "date", "截止日期", OBS),
    _col("breakdown", "string", "分项", OBS),
    _col("value", "number", "数值", description="数值：不带单位、千分位或百分号的普通数字 / Plain number, without unit, thousands separator or percent sign"),
    _col("unit", "string", "单位", IND, "unit"),
    dataclasses.replace(_col("value_label", "string", "数值（本站表述）", description=f"{VALUE_LABEL} / {VALUE_LABEL_EN}"), examples="some"),
    dataclasses.replace(_col("flag", "string", "标记", description=FLAG_ABOUT), labels=FLAG_LABELS),
    dataclasses.replace(_col("qualifier", "string", "限定", description=QUALIFIER_ABOUT), labels=QUALIFIER_LABELS),
    _col("note", "string", "备注", description="备注 / Note"),
    dataclasses.replace(_col("formula", "string", "算式", description="推算值的算式 / Arithmetic of a derived value"), examples="some"),
    _col("source_id", "string", "来源代码", description=SOURCE_ABOUT),
    _col("source_title", "string", "来源文件", description="来源文件标题 / Source document title"),
    _col("source_quote", "string", "来源原句", OBS, "quote"),
)

LATEST_COLUMNS = (
    dataclasses.replace(_col("latest_period", "string", "最新时期", description="最新观测值的时期 / Period of the latest observation"), examples="periods"),
    dataclasses.replace(
        _col("latest_period_label", "string", "最新时期（中文）", description="最新时期按原文的说法，本站的推断另作标注 / Latest period as the source says"),
        examples="some",
    ),
    _col(
        "latest_value",
        "number",
        "最新值",
        description="最新值；原文只给出分项、没有合计时留空，见 latest_note / Latest value; empty when the source gives items and no total",
    ),
    dataclasses.replace(_col("latest_value_label", "string", "最新值（本站表述）", description=f"{VALUE_LABEL} / {VALUE_LABEL_EN}"), examples="some"),
    dataclasses.replace(_col("latest_flag", "string", "最新值标记", description=FLAG_ABOUT), labels=FLAG_LABELS),
    dataclasses.replace(_col("latest_qualifier", "string", "最新值限定", description=QUALIFIER_ABOUT), labels=QUALIFIER_LABELS),
    dataclasses.replace(_col("latest_note", "string", "最新值说明", description="最新值的说明 / About the latest value"), examples="some"),
)

INDICATOR_COLUMNS = (
    _col("id", "string", "指标代码", IND),
    _col("title", "string", "指标名称", IND),
    _col("title_en", "string", "英文名称", IND),
    _col("area", "string", "领域代码", description=AREA_ABOUT),
    _col("unit", "string", "单位", IND),
    _col("decimals", "integer", "小数位", IND),
    _col("definition", "string", "定义", IND),
    _col("caveats", "string", "使用须知", description="使用须知，多条以全角分号（；）分隔 / Caveats, separated by a full-width semicolon (；)"),
    _col("period_type", "string", "时期类型", IND),
    dataclasses.replace(_col("licence", "string", "许可协议", description="许可协议代码（SPDX） / Licence id (SPDX)"), examples="some"),
    *LATEST_COLUMNS,
)

AREA_COLUMNS = tuple(_col(f.name, "string", f.zh.split("，")[0], schema.AREA_FIELDS) for f in schema.AREA_FIELDS)

SOURCE_COLUMNS = (
    _col("id", "string", "来源代码", schema.SOURCE_FIELDS),
    _col("title", "string", "标题", schema.SOURCE_FIELDS),
    _col("title_en", "string", "英文标题", schema.SOURCE_FIELDS),
    _col("publisher", "string", "发布单位", schema.SOURCE_FIELDS),
    _col("year", "integer", "年度", schema.SOURCE_FIELDS),
    _col("archive", "string", "存档文件", description="存档原文的文件名，在本站 sources/<来源代码>/ 下 / Archived source file, in sources/<id>/ on the site"),
    _col("sha256", "string", "SHA-256", schema.SOURCE_FIELDS),
)

REGISTER_COLUMNS = (
    _col("register_id", "string", "名录代码", schema.REGISTER_FIELDS, "id"),
    _col("register_title", "string", "名录", schema.REGISTER_FIELDS, "title"),
    _col("indicators", "string", "相关指标", description="相关指标代码，多个以空格分隔 / Related indicator ids"),
    _col("name", "string", "名称", schema.REGISTER_ROW_FIELDS),
    _col("detail", "string", "说明", schema.REGISTER_ROW_FIELDS),
    _col("source_id", "string", "来源代码", description=SOURCE_ABOUT),
    _col("source_quote", "string", "来源原句", schema.REGISTER_ROW_FIELDS, "quote"),
)


@dataclass(frozen=True, eq=False)
class Table:
    name: str  # file stem: observations.csv
    title: str  # sheet name
    columns: tuple[Column, ...]
    frame: pd.DataFrame
    key: tuple[str, ...]  # primary key


def frame(columns: tuple[Column, ...], rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=[c.name for c in columns]).astype("string").fillna("")


def csv_bytes(table: Table | pd.DataFrame) -> bytes:
    """UTF-8 CSV without BOM, one line per row, "\\n" line ends."""
    data = table.frame if isinstance(table, Table) else table
    return data.to_csv(index=False, lineterminator="\n").encode("utf-8")


def licence_of(cat: Catalog, ind: Indicator) -> str:
    return ind.licence or (cat.dataset.licence if cat.dataset else "")


def observation_record(cat: Catalog, ind: Indicator, o: Observation) -> dict[str, str]:
    """One observation as every download gives it (CSV, XLSX, JSON): its own columns of the observations table."""
    return {
        "period": o.period.text,
        "period_label": period_text(o),
        "as_of": o.as_of,
        "breakdown": o.breakdown,
        "value": number(o.value, ind.decimals),
        "value_label": text(statement(cat, ind, o)),
        "flag": o.flag,
        "qualifier": o.qualifier,
        "note": o.note,
        "formula": o.formula,
        "source_id": o.source,
        "source_title": cat.sources[o.source].title,
        "source_quote": o.quote,
    }


def observation_rows(cat: Catalog, ind: Indicator) -> list[dict[str, str]]:
    """The indicator's observations, then its missing periods (flag ``missing``, no value)."""
    area = cat.areas[ind.area]
    about = {"indicator_id": ind.id, "indicator_name": ind.title, "indicator_name_en": ind.title_en, "area": area.id, "area_name": area.title, "unit": ind.unit}
    rows = [about | observation_record(cat, ind, o) for o in ind.observations]
    rows += [
        about
        | {"period": m.period.text, "period_label": period_text(m), "breakdown": m.breakdown, "flag": "missing", "note": m.note}
        | {"source_id": m.source, "source_title": cat.sources[m.source].title, "source_quote": m.quote}
        for m in ind.missing
    ]
    return rows


def observations(cat: Catalog) -> Table:
    rows = [row for ind in cat.indicators.values() for row in observation_rows(cat, ind)]
    return Table("observations", "全部观测值", OBSERVATION_COLUMNS, frame(OBSERVATION_COLUMNS, rows), ("indicator_id", "period", "breakdown"))


def per_indicator(observations: Table) -> dict[str, Table]:
    """Each indicator's rows of the observations table, as a table of its own."""
    groups = observations.frame.groupby("indicator_id", sort=False)
    return {str(iid): Table(f"indicators/{iid}", "数据", OBSERVATION_COLUMNS, rows.reset_index(drop=True), ("period", "breakdown")) for iid, rows in groups}


NO_TOTAL = "原文只给出各分项，没有合计；各分项见本指标的数据"


def latest(cat: Catalog, ind: Indicator) -> dict[str, str]:
    """The indicator's latest figure as the machine files give it (indicators.csv, the API): the same
    statement the pages show, its value empty when the source gives only items."""
    st = headline(cat, ind)
    if st is None:
        return {c.name: "" for c in LATEST_COLUMNS}
    return {
        "latest_period": st.period.text,
        "latest_period_label": st.period_label,
        "latest_value": "" if st.value is None else number(st.value, ind.decimals),
        "latest_value_label": text(st, names=True),
        "latest_flag": " ".join(st.flags),
        "latest_qualifier": " ".join(st.qualifiers),
        "latest_note": NO_TOTAL if st.items_only else "",
    }


def indicators(cat: Catalog) -> Table:
    rows = [
        {
            "id": ind.id,
            "title": ind.title,
            "title_en": ind.title_en,
            "area": ind.area,
            "unit": ind.unit,
            "decimals": str(ind.decimals),
            "definition": ind.definition,
            "caveats": "；".join(caveats(ind)),
            "period_type": ind.period_type,
            "licence": licence_of(cat, ind),
        }
        | latest(cat, ind)
        for ind in cat.indicators.values()
    ]
    return Table("indicators", "指标", INDICATOR_COLUMNS, frame(INDICATOR_COLUMNS, rows), ("id",))


def areas(cat: Catalog) -> Table:
    rows = [{"id": a.id, "title": a.title, "title_en": a.title_en, "description": a.description} for a in cat.areas.values()]
    return Table("areas", "领域", AREA_COLUMNS, frame(AREA_COLUMNS, rows), ("id",))


def sources(cat: Catalog) -> Table:
    rows = [
        {"id": s.id, "title": s.title, "title_en": s.title_en, "publisher": s.publisher, "year": str(s.year), "archive": s.archive, "sha256": s.sha256}
        for s in cat.sources.values()
    ]
    return Table("sources", "来源文件", SOURCE_COLUMNS, frame(SOURCE_COLUMNS, rows), ("id",))


def registers(cat: Catalog) -> Table:
    rows = [
        {
            "register_id": reg.id,
            "register_title": reg.title,
            "indicators": " ".join(reg.indicators),
            "name": r.name,
            "detail": r.detail,
            "source_id": r.source,
            "source_quote": r.quote,
        }
        for reg in cat.registers.values()
        for r in reg.rows
    ]
    return Table("registers", "名录", REGISTER_COLUMNS, frame(REGISTER_COLUMNS, rows), ("register_id", "name"))


def csv_files(tables: dict[str, Table]) -> dict[str, bytes]:
    """The tables as a release freezes them: one CSV file each, by file name."""
    return {f"{name}.csv": csv_bytes(table) for name, table in tables.items()}


def tables(cat: Catalog) -> dict[str, Table]:
    """Every whole-site table, by name."""
    return {t.name: t for t in (observations(cat), indicators(cat), areas(cat), sources(cat), registers(cat))}
