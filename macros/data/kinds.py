"""Field kinds: what a schema field of each kind accepts, in one table.

The validator checks a value by its field's kind (``check``); the field reference and the JSON
Schemas for editors describe each kind from the same entry (``shown``, ``json``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from macros.data import schema
from macros.data.formula import evaluate
from macros.data.periods import looks_like_date, parse_date, parse_period

NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # matched whole
MAX_DIGITS = 15  # significant digits a value may have (what a spreadsheet keeps)
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # as JSON Schema writes a date


@dataclass(frozen=True)
class Fault:
    """Why a value is refused: a problem code and the values its message names."""

    code: str
    values: dict[str, object] = field(default_factory=dict)


Check = Callable[[schema.Field, str, dt.date], Any]  # the field, its text and today -> the value, or a Fault


@dataclass(frozen=True)
class Kind:
    shown: str  # how the field reference names the kind
    expected: str  # what a bad-type problem says a value of the kind must be, in Chinese
    scalar: type  # what a YAML value of the kind is (a list and items are lists: see fields.yaml_value)
    check: Check  # of the text of a value (a CSV cell, a YAML string)
    json: Callable[[schema.Field], dict[str, Any]]  # its JSON Schema


def fault(code: str, **values: object) -> Fault:
    return Fault(code, values)


def _as_is(f: schema.Field, text: str, today: dt.date) -> Any:
    return text


def _text(f: schema.Field, text: str, today: dt.date) -> Any:
    return fault("formula-like-text", key=f.name) if schema.FORMULA_LIKE.match(text) else text


def _line(f: schema.Field, text: str, today: dt.date) -> Any:
    """Text of one line (a title, a name, a breakdown) in one Unicode form: 金融 (U+91D1) and its
    look-alike compatibility ideograph (U+F90A) are not two breakdowns."""
    if "\n" in text or "\r" in text:
        return fault("line-break", key=f.name)
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        at = next((i for i, (a, b) in enumerate(zip(text, normal, strict=False)) if a != b), min(len(text), len(normal)) - 1)
        return fault("not-normalized", key=f.name, offset=at + 1, char=f"U+{ord(text[at]):04X}", normal=f"U+{ord(normal[at]):04X} {normal[at]}")
    return _text(f, text, today)


def _url(f: schema.Field, text: str, today: dt.date) -> Any:
    if schema.FORMULA_LIKE.match(text):
        return fault("formula-like-text", key=f.name)
    return text if schema.plain_url(text) else fault("bad-url", value=text, limit=schema.MAX_URL)


def _id(f: schema.Field, text: str, today: dt.date) -> Any:
    return text if schema.valid_id(text) else fault("bad-id", value=text, limit=schema.MAX_ID_LENGTH)


def _enum(f: schema.Field, text: str, today: dt.date) -> Any:
    if text in f.choices:
        return text
    return fault("bad-choice", key=f.name, value=text, allowed=", ".join(c or "（空）" for c in f.choices))


def _sha256(f: schema.Field, text: str, today: dt.date) -> Any:
    if schema.SHA256_PATTERN.match(text):
        return text
    return fault("bad-type", key=f.name, expected_zh=KINDS["sha256"].expected, expected_en="64 hex digits", value=text)


def _number(f: schema.Field, text: str, today: dt.date) -> Any:
    if not NUMBER.fullmatch(text) or len(text.lstrip("-").replace(".", "").lstrip("0")) > MAX_DIGITS:
        return fault("bad-number", value=text)
    value = Decimal(text)  # the pattern admits only decimals
    return fault("negative-zero", value=text) if value == 0 and text.startswith("-") else value


def _period(f: schema.Field, text: str, today: dt.date) -> Any:
    period = parse_period(text)
    if period is None:
        return fault("no-such-date" if looks_like_date(text) else "bad-period", value=text)
    return fault("future-period", value=text) if period.start > today else period


def _planned(f: schema.Field, text: str, today: dt.date) -> Any:
    """A date that may be ahead (when the next figures are expected)."""
    return text if parse_date(text) is not None else fault("no-such-date" if looks_like_date(text) else "bad-date", value=text)


def _record(f: schema.Field, text: str, today: dt.date) -> Any:
    return text if re.fullmatch(f.pattern, text) else fault("bad-record", key=f.name, value=text, example=f.example)


def _version(f: schema.Field, text: str, today: dt.date) -> Any:
    return text if schema.VERSION_PATTERN.fullmatch(text) else fault("bad-version", value=text)


def _formula(f: schema.Field, text: str, today: dt.date) -> Any:
    return text if evaluate(text) is not None else fault("bad-formula", value=text)


def _date(f: schema.Field, text: str, today: dt.date) -> Any:
    date = parse_date(text)
    if date is None:
        return fault("no-such-date" if looks_like_date(text) else "bad-date", value=text)
    return fault("future-period", value=text) if date > today else text


def _string(pattern: str = "") -> Callable[[schema.Field], dict[str, Any]]:
    """A JSON Schema string: matching ``pattern``, or any non-empty text."""
    return lambda f: {"type": "string", "pattern": pattern} if pattern else {"type": "string", "minLength": 1}


def _id_json(f: schema.Field) -> dict[str, Any]:
    return {"type": "string", "pattern": schema.ID_PATTERN.pattern, "maxLength": schema.MAX_ID_LENGTH, "not": {"enum": sorted(schema.RESERVED_IDS)}}


def _int_json(f: schema.Field) -> dict[str, Any]:
    return {"type": "integer"} | ({"minimum": f.bounds[0], "maximum": f.bounds[1]} if f.bounds else {})


# every kind a schema.Field may have
KINDS: dict[str, Kind] = {
    "id": Kind("标识", "标识", str, _id, _id_json),
    "text": Kind("文字", "文字", str, _text, _string()),
    "line": Kind("一行文字", "文字", str, _line, _string(r"^[^\n\r]+$")),
    "number": Kind("数字", "文字", str, _number, _string()),
    "int": Kind("整数", "整数", int, _as_is, _int_json),
    "bool": Kind("true/false", "true 或 false", bool, _as_is, lambda f: {"type": "boolean"}),
    "enum": Kind("取值", "文字", str, _enum, lambda f: {"enum": list(f.choices)}),
    "period": Kind("时期", "文字", str, _period, _string()),
    "date": Kind("日期", "文字", str, _date, _string(DATE_PATTERN)),
    "list": Kind("列表", "文字列表", list, _as_is, lambda f: {"type": "array", "items": {"type": "string", "minLength": 1}}),
    "items": Kind("映射列表", "文字", list, _as_is, _string()),  # a list of mappings, each checked by its own fields
    "sha256": Kind("SHA-256", "64 位十六进制", str, _sha256, _string(schema.SHA256_PATTERN.pattern)),
    "url": Kind("网址", "网址", str, _url, _string(schema.URL_PATTERN.pattern)),
    "version": Kind("版本号", "文字", str, _version, _string(schema.VERSION_PATTERN.pattern)),
    "planned": Kind("日期（可以是将来）", "文字", str, _planned, _string(DATE_PATTERN)),
    "record": Kind("备案号或标识", "文字", str, _record, lambda f: {"type": "string", "pattern": f"^(?:{f.pattern})$"}),
    "formula": Kind("算式", "文字", str, _formula, _string()),
}


def check_text(f: schema.Field, text: str, today: dt.date) -> Any:
    """A YAML string's or a CSV cell's value, or the Fault that refuses it: checks every text shares, then its kind's."""
    hidden = schema.invisible(text)
    if hidden is not None:
        char = f"U+{ord(text[hidden]):04X} {unicodedata.name(text[hidden], '')}".strip()
        return fault("invisible-character", key=f.name, offset=hidden + 1, char=char)
    if "TODO" in text:
        return fault("todo-left", key=f.name)
    return KINDS[f.kind].check(f, text, today)


def shown(f: schema.Field) -> str:
    """The field's kind as the field reference names it (an enum: its choices)."""
    if f.kind == "enum":
        return "取值：" + "、".join(f"`{c}`" if c else "（空）" for c in f.choices)
    return KINDS[f.kind].shown
