"""Load ``data/`` into a Catalog, checking everything against the schema.

Every problem in every file is collected; if there is any, one DataError lists them all
and no catalog is returned, so nothing is built from bad data.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from macros.data import history, schema
from macros.data.catalog import (
    Area,
    Catalog,
    Commitment,
    Dataset,
    Indicator,
    Missing,
    Observation,
    Plan,
    PlanLine,
    Register,
    RegisterRow,
    Release,
    Revision,
    Source,
    Term,
)
from macros.data.formatting import number
from macros.data.formula import evaluate
from macros.data.periods import looks_like_date, parse_date, parse_period
from macros.data.problems import WARNINGS, DataError, Problem, problem
from macros.data.quotes import positions
from macros.data.readers import CsvRow, Located, pdf_active_content, read_csv, read_text, read_yaml
from macros.data.releases import release_dir, released_values

NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
MAX_DIGITS = 15  # significant digits a value may have (what a spreadsheet keeps)
NUMBER_IN_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
WORDS = re.compile(r"[^\W\d_]{2,}")  # two letters or Chinese characters in a row
OPTIONAL_LISTS = ("glossary.yaml", "releases.yaml")
KIND_ZH = {"id": "标识", "text": "文字", "int": "整数", "bool": "true 或 false", "list": "列表", "sha256": "64 位十六进制", "url": "网址"}


class Loader:
    def __init__(self, data_dir: Path, today: dt.date | None = None, base: str = "") -> None:
        self.data_dir = data_dir
        self.base = base  # a git commit whose published files must still be here unchanged ("" for none)
        self.today = today or dt.date.today()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.missing: dict[str, list[Missing]] = {}
        self.rows: dict[tuple[str, str, str], tuple[str, int, int]] = {}  # observation key -> (file, line, value column)
        self.revision_rows: dict[int, tuple[str, int]] = {}
        self.source_files: set[str] = set()  # sources present, valid or not
        self.keys_in_files: set[tuple[str, str, str]] = set()  # (indicator, period, breakdown) written, valid or not
        self.quoted: dict[str, dict[str, int]] = {}  # quotes found in each source, by source id (see find_quotes)

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.data_dir.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, shown: str, line: int, column: int, code: str, **values: object) -> None:
        assert code not in WARNINGS, code
        self.problems.append(problem(shown, line, column, code, **values))

    def warn(self, shown: str, line: int, column: int, code: str, **values: object) -> None:
        assert code in WARNINGS, code
        self.warnings.append(problem(shown, line, column, code, **values))

    # -- generic field checks -------------------------------------------------------

    def check_mapping(self, node: Located | None, fields: tuple[schema.Field, ...], shown: str) -> dict[str, Any] | None:
        if node is None:
            return None
        if not isinstance(node.value, dict):
            self.add(shown, node.line, node.column, "not-a-mapping")
            return None
        known = {f.name for f in fields}
        for key, item in node.value.items():
            if key not in known:
                self.add(shown, item.line, max(1, item.column - len(key) - 2), "unknown-key", key=key, allowed=", ".join(sorted(known)))
        out: dict[str, Any] = {}
        ok = True
        for f in fields:
            item = node.value.get(f.name)
            if item is None or item.value in (None, ""):
                if f.required:
                    self.add(shown, node.line, node.column, "missing-field", key=f.name)
                    ok = False
                continue
            value = self.check_yaml_value(f, item, shown)
            ok = ok and value is not None
            out[f.name] = value
        return out if ok else None

    def check_yaml_value(self, f: schema.Field, item: Located, shown: str) -> Any:
        value = item.value
        if f.kind == "items":  # a list of mappings, checked by the caller
            if not isinstance(value, list):
                self.add(shown, item.line, item.column, "not-a-list")
                return None
            return value
        if f.kind == "list":
            if not isinstance(value, list) or not all(isinstance(v.value, str) for v in value):
                self.add(shown, item.line, item.column, "bad-type", key=f.name, expected_zh="文字列表", expected_en="a list of text", value=_show(value))
                return None
            item_field = schema.Field(f.name, "text", False, "", "")  # each item is checked as text
            checked = [self.check_text_value(item_field, v.value, shown, v.line, v.column) for v in value]
            return None if None in checked else tuple(checked)
        expected = {"int": int, "bool": bool}.get(f.kind, str)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            self.add(shown, item.line, item.column, "bad-type", key=f.name, expected_zh=KIND_ZH.get(f.kind, "文字"), expected_en=f.kind, value=_show(value))
            return None
        if isinstance(value, int) and f.bounds and not f.bounds[0] <= value <= f.bounds[1]:
            self.add(shown, item.line, item.column, "out-of-range", key=f.name, low=f.bounds[0], high=f.bounds[1], value=value)
            return None
        return self.check_text_value(f, value, shown, item.line, item.column) if isinstance(value, str) else value

    def check_text_value(self, f: schema.Field, value: str, shown: str, line: int, column: int) -> Any:
        """Checks shared by YAML scalars and CSV cells. Returns None when invalid."""
        hidden = schema.invisible(value)
        if hidden is not None:
            self.add(shown, line, column, "invisible-character", key=f.name, offset=hidden + 1, char=f"U+{ord(value[hidden]):04X} {unicodedata.name(value[hidden], '')}".strip())
            return None
        if "TODO" in value:
            self.add(shown, line, column, "todo-left", key=f.name)
            return None
        if f.kind in ("text", "url") and schema.FORMULA_LIKE.match(value):
            self.add(shown, line, column, "formula-like-text", key=f.name)
            return None
        if f.kind == "url" and not schema.URL_PATTERN.match(value):
            self.add(shown, line, column, "bad-url", value=value)
            return None
        if f.kind == "id" and not schema.valid_id(value):
            self.add(shown, line, column, "bad-id", value=value, limit=schema.MAX_ID_LENGTH)
            return None
        if f.kind == "enum" and value not in f.choices:
            allowed = ", ".join(c or "（空）" for c in f.choices)
            self.add(shown, line, column, "bad-choice", key=f.name, value=value, allowed=allowed)
            return None
        if f.kind == "sha256" and not schema.SHA256_PATTERN.match(value):
            self.add(shown, line, column, "bad-type", key=f.name, expected_zh=KIND_ZH["sha256"], expected_en="64 hex digits", value=value)
            return None
        if f.kind == "number":
            if not NUMBER.match(value) or len(value.lstrip("-").replace(".", "").lstrip("0")) > MAX_DIGITS:
                self.add(shown, line, column, "bad-number", value=value)
                return None
            try:
                return Decimal(value)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                self.add(shown, line, column, "bad-number", value=value)
                return None
        if f.kind == "period":
            period = parse_period(value)
            if period is None:
                self.add(shown, line, column, "no-such-date" if looks_like_date(value) else "bad-period", value=value)
            elif period.start > self.today:
                self.add(shown, line, column, "future-period", value=value)
                return None
            return period
        if f.kind == "version" and not schema.VERSION_PATTERN.match(value):
            self.add(shown, line, column, "bad-version", value=value)
            return None
        if f.kind == "formula" and evaluate(value) is None:
            self.add(shown, line, column, "bad-formula", value=value)
            return None
        if f.kind == "date":
            date = parse_date(value)
            if date is None:
                self.add(shown, line, column, "no-such-date" if looks_like_date(value) else "bad-date", value=value)
                return None
            if date > self.today:
                self.add(shown, line, column, "future-period", value=value)
                return None
        return value

    def check_row(self, row: CsvRow, fields: tuple[schema.Field, ...], shown: str) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        ok = True
        for f in fields:
            text = row.cells.get(f.name, "").strip()
            column = row.columns.get(f.name, 1)
            if not text:
                if f.required:
                    self.add(shown, row.line, column, "missing-field", key=f.name)
                    ok = False
                out[f.name] = ""
                continue
            value = self.check_text_value(f, text, shown, row.line, column)
            ok = ok and value is not None
            out[f.name] = value
        return out if ok else None

    def check_header(self, header: list[str], fields: tuple[schema.Field, ...], shown: str) -> bool:
        known = [f.name for f in fields]
        for name in sorted({h for h in header if header.count(h) > 1}):
            self.add(shown, 1, _header_column(header, name), "csv-header", detail=f"重复的列 duplicate column {name}")
        if len(set(header)) != len(header):
            return False
        unknown = [h for h in header if h not in known]
        missing = [f.name for f in fields if f.required and f.name not in header]
        for name in unknown:
            self.add(shown, 1, _header_column(header, name), "csv-header", detail=f"未知列 unknown column {name}（允许 allowed: {', '.join(known)}）")
        for name in missing:
            self.add(shown, 1, 1, "csv-header", detail=f"缺少列 missing column {name}")
        return not unknown and not missing

    # -- files ----------------------------------------------------------------------

    def check_files(self) -> None:
        """Every file under data/ is one the loader reads (or a release's), in a folder it reads, named
        with no control or invisible character and no leading "-", and none is a symbolic link."""
        for folder, dirs, names in os.walk(self.data_dir):
            here = Path(folder)
            for name in sorted(dirs + names):
                if (here / name).is_symlink():
                    self.add(self.shown(here / name), 1, 1, "symlink")
                if not schema.safe_name(name):
                    self.add(self.shown(here / name), 1, 1, "bad-file-name")
            dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
            relative = here.relative_to(self.data_dir).as_posix()
            if relative.startswith("releases"):
                continue
            allowed = schema.DATA_FILES.get("" if relative == "." else relative)
            if allowed is None:
                continue  # a folder the loader knows nothing of is reported by its parent
            for name in names:
                if not any(fnmatch.fnmatchcase(name, pattern) for pattern in allowed):
                    self.add(self.shown(here / name), 1, 1, "unexpected-file", allowed="、".join(allowed))
            known = [d for d in schema.DATA_FILES if d] + ["releases"] if relative == "." else []
            for name in dirs:  # data/ holds the known folders; they hold no folders
                if name not in known:
                    self.add(self.shown(here / name), 1, 1, "unexpected-file", allowed="、".join(known) if known else "、".join(allowed))

    def load(self) -> Catalog:
        self.check_files()
        areas = self.load_areas()
        sources = self.load_sources()
        indicators = self.load_indicators(areas)
        observations = self.load_observations(indicators, sources)
        registers = self.load_registers(sources)
        glossary = self.load_glossary()
        dataset = self.load_dataset()
        releases = self.load_releases()
        self.problems += history.verify(self.data_dir, releases, self.shown)
        if self.base:
            self.problems += history.since(self.base, self.data_dir, self.shown)
        revisions = self.load_revisions(indicators)
        plan = self.load_plan(indicators, sources)
        self.check_imports(sources, indicators)
        built = {
            iid: Indicator(
                **meta,
                observations=tuple(sorted(observations.get(iid, []), key=lambda o: (o.period, o.breakdown))),
                missing=tuple(sorted(self.missing.get(iid, []), key=lambda m: (m.period, m.breakdown))),
            )
            for iid, meta in sorted(indicators.items())
        }
        released = [self.released_values(release) for release in releases]  # each release's values, read once
        if releases:
            self.check_against_release(releases[-1], released[-1], built, revisions)
        self.check_revisions([values or {} for values in released], revisions)
        self.collect_warnings(built)
        if self.problems:
            raise DataError(self.problems)
        return Catalog(areas=areas, sources=sources, indicators=built, registers=registers, glossary=glossary, dataset=dataset, releases=releases, revisions=revisions, plan=plan)

    def load_list(self, name: str, fields: tuple[schema.Field, ...], key: str) -> list[dict[str, Any]]:
        """A YAML file holding a list of mappings, each checked against ``fields``; ``key`` must be unique."""
        path = self.data_dir / name
        if not path.exists() and name in OPTIONAL_LISTS:
            return []
        shown = self.shown(path)
        node = read_yaml(path, shown, self.problems)
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.add(shown, node.line, node.column, "not-a-list")
            return []
        items: dict[str, dict[str, Any]] = {}
        for item in node.value:
            meta = self.check_mapping(item, fields, shown)
            if meta is None:
                continue
            if meta[key] in items:
                self.add(shown, item.line, item.column, "duplicate-id", value=meta[key])
            items[meta[key]] = meta
        return list(items.values())

    def load_areas(self) -> dict[str, Area]:
        return {meta["id"]: Area(**meta) for meta in self.load_list("areas.yaml", schema.AREA_FIELDS, "id")}

    def load_dataset(self) -> Dataset | None:
        path = self.data_dir / "dataset.yaml"
        meta = self.check_mapping(read_yaml(path, self.shown(path), self.problems), schema.DATASET_FIELDS, self.shown(path))
        return Dataset(**meta) if meta else None

    def load_releases(self) -> tuple[Release, ...]:
        releases = tuple(Release(**meta) for meta in self.load_list("releases.yaml", schema.RELEASE_FIELDS, "version"))
        for before, after in zip(releases, releases[1:], strict=False):
            if (after.date, _version_key(after.version)) <= (before.date, _version_key(before.version)):
                self.add(self.shown(self.data_dir / "releases.yaml"), 1, 1, "release-order", value=after.version)
        return releases

    def load_glossary(self) -> tuple[Term, ...]:
        return tuple(Term(**meta) for meta in self.load_list("glossary.yaml", schema.GLOSSARY_FIELDS, "term"))

    def load_sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        for path in sorted((self.data_dir / "sources").glob("*.yaml")):
            self.source_files.add(path.stem)
            shown = self.shown(path)
            node = read_yaml(path, shown, self.problems)
            if node is None or not isinstance(node.value, dict) or not self.archive_named(node, path, shown):
                self.check_mapping(node, schema.SOURCE_FIELDS, shown)
                continue
            text_file = path.with_suffix(".txt")  # the archive itself, or the text of a .docx or .pdf
            text = read_text(text_file, self.shown(text_file), self.problems) if text_file.is_file() and not text_file.is_symlink() else None
            if text is not None or not text_file.is_file():  # a hash hint from bytes that are not even UTF-8 would mislead
                self.check_archive_hash(node, path, shown)
            meta = self.check_mapping(node, schema.SOURCE_FIELDS, shown)
            if meta is None or not self.same_id(meta, path, node, shown):
                continue
            archive = path.parent / meta["archive"]
            if not archive.is_file() or archive.is_symlink() or not text_file.is_file():
                self.add(shown, node.line, node.column, "archive-missing", value=text_file.name if archive.is_file() else meta["archive"])
                continue
            if archive.suffix == ".pdf" and (active := pdf_active_content(archive)):
                self.add(shown, node.value["archive"].line, node.value["archive"].column, "pdf-active-content", names="、".join(active))
                continue
            if text is not None:
                sources[meta["id"]] = Source(**meta, text=text)
        return sources

    def archive_named(self, node: Located, path: Path, shown: str) -> bool:
        """The archive is a file beside the source's YAML named after its id: nothing else is read or published."""
        item = node.value.get("archive")
        names = [f"{path.stem}.{ext}" for ext in schema.ARCHIVE_TYPES]
        if item is None or item.value in names:
            return True
        self.add(shown, item.line, item.column, "bad-archive", expected=names[0], types="、".join(schema.ARCHIVE_TYPES), value=_show(item.value))
        return False

    def check_archive_hash(self, node: Located, path: Path, shown: str) -> None:
        """Report the archive's real SHA-256 whenever the recorded one is wrong, even if it is no hash at all."""
        archive, recorded = node.value.get("archive"), node.value.get("sha256")
        if archive is None or not isinstance(archive.value, str) or not (path.parent / archive.value).is_file():
            return
        actual = hashlib.sha256((path.parent / archive.value).read_bytes()).hexdigest()
        if recorded is None or str(recorded.value) != actual:
            where = recorded or node
            self.add(shown, where.line, where.column, "archive-hash", actual=actual, expected=recorded.value if recorded else "（空）")
            node.value["sha256"] = Located(actual, where.line, where.column)  # one clear problem, not two
        text_hash = node.value.get("text_sha256")
        if text_hash is not None and path.with_suffix(".txt").is_file():
            actual = hashlib.sha256(path.with_suffix(".txt").read_bytes()).hexdigest()
            if str(text_hash.value) != actual:
                self.add(shown, text_hash.line, text_hash.column, "archive-hash", actual=actual, expected=text_hash.value)
                node.value["text_sha256"] = Located(actual, text_hash.line, text_hash.column)

    def same_id(self, meta: dict[str, Any], path: Path, node: Located, shown: str) -> bool:
        if meta["id"] == path.stem:
            return True
        where = node.value["id"]
        self.add(shown, where.line, where.column, "id-mismatch", value=meta["id"], stem=path.stem)
        return False

    def load_indicators(self, areas: dict[str, Area]) -> dict[str, dict[str, Any]]:
        indicators: dict[str, dict[str, Any]] = {}
        for path in sorted((self.data_dir / "indicators").glob("*.yaml")):
            shown = self.shown(path)
            node = read_yaml(path, shown, self.problems)
            meta = self.check_mapping(node, schema.INDICATOR_FIELDS, shown)
            if meta is None or node is None or not self.same_id(meta, path, node, shown):
                continue
            if meta["area"] not in areas:
                where = node.value["area"]
                self.add(shown, where.line, where.column, "unknown-ref", kind="领域", kind_en="area", value=meta["area"])
                continue
            indicators[meta["id"]] = meta
        for meta in indicators.values():
            if meta["unit"] in schema.RANK_UNITS and not (meta.get("rank_scope") and meta["rank_scope"] in meta["title"]):
                self.add(self.shown(self.data_dir / "indicators" / f"{meta['id']}.yaml"), 1, 1, "rank-without-scope")
            wording, target = meta.get("change_wording", ""), meta.get("change_of", "")
            if bool(wording) != bool(target) or (wording and "{value}" not in wording):
                self.add(self.shown(self.data_dir / "indicators" / f"{meta['id']}.yaml"), 1, 1, "bad-change-wording")
            elif target and target not in indicators:
                self.add(self.shown(self.data_dir / "indicators" / f"{meta['id']}.yaml"), 1, 1, "unknown-ref", kind="指标", kind_en="indicator", value=target)
            for other in meta.get("related", ()):
                if other not in indicators or other == meta["id"]:
                    self.add(self.shown(self.data_dir / "indicators" / f"{meta['id']}.yaml"), 1, 1, "unknown-ref", kind="指标", kind_en="indicator", value=other)
        return indicators

    def load_observations(self, indicators: dict[str, dict[str, Any]], sources: dict[str, Source]) -> dict[str, list[Observation]]:
        folder = self.data_dir / "observations"
        found: dict[str, list[Observation]] = {}
        stems = {p.stem for p in folder.glob("*.csv")}
        for iid in sorted(set(indicators) - stems):
            self.add(self.shown(self.data_dir / "indicators" / f"{iid}.yaml"), 1, 1, "missing-observations", value=iid)
        files: list[tuple[str, str, list[CsvRow]]] = []
        for path in sorted(folder.glob("*.csv")):
            shown, iid = self.shown(path), path.stem
            if iid not in indicators and not (self.data_dir / "indicators" / f"{iid}.yaml").exists():
                self.add(shown, 1, 1, "orphan-observations", value=iid)
                continue
            parsed = read_csv(path, shown, self.problems)
            if parsed is not None and self.check_header(parsed[0], schema.OBSERVATION_FIELDS, shown):
                files.append((shown, iid, parsed[1]))
        self.find_quotes(sources, ((row.cells["source"].strip(), row.cells["quote"].strip()) for _, _, rows in files for row in rows))
        for shown, iid, rows in files:
            meta = indicators.get(iid)  # None when the metadata itself has problems
            if not rows and not any(p.path == shown for p in self.problems):  # rows with errors are reported already
                self.add(shown, 1, 1, "empty-file")
            seen: dict[tuple[str, str], int] = {}
            for row in rows:
                self.keys_in_files.add((iid, row.cells.get("period", "").strip(), row.cells.get("breakdown", "").strip()))
                cells = self.check_row(row, schema.OBSERVATION_FIELDS, shown)
                if cells is None or not self.value_present(cells, row, shown):
                    continue
                if cells["flag"] == "missing":
                    self.check_quote(cells["source"], cells["quote"], sources, shown, row)
                    kept = {k: cells[k] for k in ("period", "breakdown", "source", "quote", "note")}
                    self.missing.setdefault(iid, []).append(Missing(indicator_id=iid, **kept))
                    continue
                self.rows[(iid, cells["period"].text, cells["breakdown"])] = (shown, row.line, row.columns["value"])
                obs = Observation(indicator_id=iid, **cells)
                if self.check_observation(obs, meta, sources, row, shown, seen):
                    found.setdefault(iid, []).append(obs)
        return found

    def check_observation(
        self, obs: Observation, meta: dict[str, Any] | None, sources: dict[str, Source], row: CsvRow, shown: str, seen: dict[tuple[str, str], int]
    ) -> bool:
        before = len(self.problems)
        col = row.columns
        key = (obs.period.text, obs.breakdown)
        if key in seen:
            self.add(shown, row.line, col["period"], "duplicate-period", value=" ".join(filter(None, key)), first=seen[key])
        seen.setdefault(key, row.line)
        if meta is not None:
            if obs.period.kind != meta["period_type"]:
                self.add(shown, row.line, col["period"], "period-type", value=obs.period.text, period_type=meta["period_type"])
            if meta["unit"] in schema.COUNT_UNITS and obs.value < 0:
                self.add(shown, row.line, col["value"], "negative-count", value=obs.value)
            if meta["unit"] in schema.SHARE_UNITS and not 0 <= obs.value <= 100:
                self.add(shown, row.line, col["value"], "share-out-of-range", value=obs.value)
        if obs.flag == "derived":
            self.check_derived(obs, meta, row, shown)
        if obs.period_basis and obs.period.kind != "year":
            self.add(shown, row.line, col.get("period_basis", 1), "bad-period-basis", value=obs.period_basis)
        if obs.flag == "from_wording" and not obs.note:
            self.add(shown, row.line, col.get("note", 1), "wording-without-note")
        quoted = self.check_quote(obs.source, obs.quote, sources, shown, row)
        if quoted and obs.flag not in ("derived", "from_wording") and not value_in_quote(obs.value, obs.quote):
            self.add(shown, row.line, col["value"], "value-not-in-quote", value=obs.value)
        return len(self.problems) == before

    def value_present(self, cells: dict[str, Any], row: CsvRow, shown: str) -> bool:
        """A value is given, or the row is flagged missing, never both or neither."""
        empty = cells["value"] == ""
        if empty and cells["flag"] != "missing":
            self.add(shown, row.line, row.columns["value"], "empty-value")
            return False
        if not empty and cells["flag"] == "missing":
            self.add(shown, row.line, row.columns["value"], "value-with-missing-flag")
            return False
        return True

    def collect_warnings(self, indicators: dict[str, Indicator]) -> None:
        """Warnings do not fail: a copied title, a change above the indicator's max_change."""
        first: dict[str, str] = {}
        for ind in indicators.values():
            for title in (ind.title, ind.title_en):
                if title in first:
                    path = self.shown(self.data_dir / "indicators" / f"{ind.id}.yaml")
                    self.warn(path, 1, 1, "duplicate-title", other=first[title])
                    break
            first.setdefault(ind.title, ind.id)
            first.setdefault(ind.title_en, ind.id)
            totals = [o for o in ind.observations if not o.breakdown]
            for before, after in zip(totals, totals[1:], strict=False):
                if ind.max_change is None or before.value == 0:
                    continue
                change = abs(after.value / before.value - 1) * 100
                if change > ind.max_change:
                    shown, line, column = self.rows[(ind.id, after.period.text, "")]
                    self.warn(shown, line, column, "large-change", previous=before.period.label, change=number(change, 1), limit=ind.max_change)

    def load_plan(self, indicators: dict[str, dict[str, Any]], sources: dict[str, Source]) -> Plan | None:
        path = self.data_dir / "plan.yaml"
        if not path.exists():
            return None
        shown = self.shown(path)
        node = read_yaml(path, shown, self.problems)
        meta = self.check_mapping(node, schema.PLAN_FIELDS, shown)
        if meta is None or node is None:
            return None
        source = sources.get(meta["source"])
        if source is None and meta["source"] not in self.source_files:
            where = node.value["source"]
            self.add(shown, where.line, where.column, "unknown-ref", kind="来源", kind_en="source", value=meta["source"])

        def quoted(item: Located, key: str = "quote") -> None:
            where = item.value[key]
            if source is not None and where.value not in source.text:
                self.add(shown, where.line, where.column, "quote-not-in-source", source=meta["source"])

        quoted(node, "chains_quote")
        lines, ids = [], set()
        for line_node in meta["lines"]:
            line = self.check_mapping(line_node, schema.PLAN_LINE_FIELDS, shown)
            if line is None:
                continue
            quoted(line_node)
            commitments = []
            for item in line["commitments"]:
                c = self.check_mapping(item, schema.COMMITMENT_FIELDS, shown)
                if c is None:
                    continue
                quoted(item)
                if c["id"] in ids:
                    self.add(shown, item.line, item.column, "duplicate-id", value=c["id"])
                ids.add(c["id"])
                if c.get("target") and c["target"] not in c["quote"]:
                    where = item.value["target"]
                    self.add(shown, where.line, where.column, "target-not-in-quote")
                if c.get("indicators") and not c.get("measures"):
                    self.add(shown, item.line, item.column, "measures-missing")
                for iid in c.get("indicators", ()):
                    if iid not in indicators:
                        where = item.value["indicators"]
                        self.add(shown, where.line, where.column, "unknown-ref", kind="指标", kind_en="indicator", value=iid)
                commitments.append(Commitment(**c))
            lines.append(PlanLine(**{**line, "commitments": tuple(commitments)}))
        return Plan(**{**meta, "lines": tuple(lines)})

    def load_revisions(self, indicators: dict[str, dict[str, Any]]) -> tuple[Revision, ...]:
        path = self.data_dir / "revisions.csv"
        if not path.exists():
            return ()
        shown = self.shown(path)
        parsed = read_csv(path, shown, self.problems)
        if parsed is None or not self.check_header(parsed[0], schema.REVISION_FIELDS, shown):
            return ()
        revisions = []
        for row in parsed[1]:
            cells = self.check_row(row, schema.REVISION_FIELDS, shown)
            if cells is None:
                continue
            if cells["indicator_id"] not in indicators:
                self.add(shown, row.line, row.columns["indicator_id"], "unknown-ref", kind="指标", kind_en="indicator", value=cells["indicator_id"])
                continue
            revisions.append((row, Revision(**cells)))
        self.revision_rows = {id(r): (shown, row.line) for row, r in revisions}
        return tuple(sorted((r for _row, r in revisions), key=lambda r: (r.date, r.indicator_id, r.period)))

    def released_values(self, release: Release) -> dict[tuple[str, str, str], Decimal] | None:
        path = release_dir(self.data_dir, release.version) / "observations.csv"
        return released_values(path.read_bytes() if path.is_file() else None)

    def check_against_release(self, release: Release, released: dict[tuple[str, str, str], Decimal] | None, indicators: dict[str, Indicator], revisions: tuple[Revision, ...]) -> None:
        """Every change to a released value needs a revision record that matches it."""
        if released is None:
            return
        current = {(i.id, o.period.text, o.breakdown): o.value for i in indicators.values() for o in i.observations}
        missing = {(i.id, m.period.text, m.breakdown) for i in indicators.values() for m in i.missing}
        recorded = {(r.indicator_id, r.period.text, r.breakdown): r for r in revisions}  # the latest record per key
        for key, old in released.items():
            if key in missing:
                continue
            if key not in current:
                if key[0] in indicators and key not in self.keys_in_files:
                    self.add(self.shown(self.data_dir / "observations" / f"{key[0]}.csv"), 1, 1, "removed-released", version=release.version, key=" ".join(filter(None, key)))
                continue
            new = current[key]
            if new == old:
                if key in recorded and recorded[key].new_value != new:  # a record for a change that is not in the data
                    where, row_line = self.revision_rows[id(recorded[key])]
                    self.add(where, row_line, 1, "revision-mismatch", rec_old=recorded[key].old_value, rec_new=recorded[key].new_value, old=old, new=new)
                continue
            shown, line, column = self.rows[key]
            revision = recorded.get(key)
            if revision is None:
                self.add(shown, line, column, "unrecorded-revision", version=release.version, old=old, new=new)
            elif revision.old_value != old or revision.new_value != new:
                where, row_line = self.revision_rows[id(revision)]
                self.add(where, row_line, 1, "revision-mismatch", rec_old=revision.old_value, rec_new=revision.new_value, old=old, new=new)

    def check_revisions(self, values: list[dict[tuple[str, str, str], Decimal]], revisions: tuple[Revision, ...]) -> None:
        """A revision changes a value that was released (``values``: each release's), from the value a release holds, to another one."""
        for r in revisions:
            where, row_line = self.revision_rows[id(r)]
            key = (r.indicator_id, r.period.text, r.breakdown)
            if r.old_value == r.new_value:
                self.add(where, row_line, 1, "revision-no-change", value=r.old_value)
            elif not any(key in v for v in values):
                self.add(where, row_line, 1, "revision-unreleased", key=" ".join(filter(None, key)))
            elif not any(v.get(key) == r.old_value for v in values):
                self.add(where, row_line, 1, "revision-old-value", old=r.old_value, released="、".join(str(v[key]) for v in values if key in v))

    def check_derived(self, obs: Observation, meta: dict[str, Any] | None, row: CsvRow, shown: str) -> None:
        """A derived value needs a note and a formula, and the formula must give the value."""
        if not obs.note or not obs.formula:
            self.add(shown, row.line, row.columns.get("formula", row.columns.get("note", 1)), "derived-without-note")
            return
        result = evaluate(obs.formula)
        if meta is not None and result is not None:
            rounded = number(result, meta["decimals"])
            if Decimal(rounded) != obs.value:
                self.add(shown, row.line, row.columns["formula"], "formula-mismatch", formula=obs.formula, result=rounded, value=obs.value)

    def find_quotes(self, sources: dict[str, Source], quotes: Iterable[tuple[str, str]]) -> None:
        """Find the observations' quotes in their sources, each source's all at once (``check_quote`` then looks them up)."""
        wanted: dict[str, set[str]] = {}
        for source_id, quote in quotes:
            wanted.setdefault(source_id, set()).add(quote)
        self.quoted = {sid: positions(sources[sid].text, found) for sid, found in wanted.items() if sid in sources}

    def check_quote(self, source_id: str, quote: str, sources: dict[str, Source], shown: str, row: CsvRow) -> bool:
        """The source exists and holds the quote verbatim."""
        source = sources.get(source_id)
        if source is None:
            if source_id not in self.source_files:  # a source with problems of its own is reported there
                self.add(shown, row.line, row.columns["source"], "unknown-ref", kind="来源", kind_en="source", value=source_id)
            return False
        if quote not in self.quoted.get(source_id, {}) and quote not in source.text:
            self.add(shown, row.line, row.columns["quote"], "quote-not-in-source", source=source_id)
            return False
        if not WORDS.search(NUMBER_IN_TEXT.sub("", quote)):
            self.add(shown, row.line, row.columns["quote"], "weak-quote")
            return False
        return True

    def check_imports(self, sources: dict[str, Source], indicators: dict[str, dict[str, Any]]) -> None:
        """Review files of `make import` (never published): their format, and that their source is unchanged."""
        for path in sorted((self.data_dir / "imports").glob("*.csv")):
            shown = self.shown(path)
            parsed = read_csv(path, shown, self.problems)
            if parsed is None or not self.check_header(parsed[0], schema.IMPORT_FIELDS, shown):
                continue
            for row in parsed[1]:
                cells = self.check_row(row, schema.IMPORT_FIELDS, shown)
                if cells is None:
                    continue
                source = sources.get(cells["source"])
                if source is None:
                    if cells["source"] not in self.source_files:
                        self.add(shown, row.line, row.columns["source"], "unknown-ref", kind="来源", kind_en="source", value=cells["source"])
                elif cells["source_sha256"] != source.sha256:
                    self.add(shown, row.line, row.columns["source_sha256"], "import-stale", value=cells["source"])
                elif cells["quote"] not in source.text:
                    self.add(shown, row.line, row.columns["quote"], "quote-not-in-source", source=cells["source"])
                if cells["status"] == "accept" and not cells["indicator_id"]:
                    self.add(shown, row.line, row.columns["indicator_id"], "import-accept-without-indicator")
                elif cells["indicator_id"] and cells["indicator_id"] not in indicators:
                    self.add(shown, row.line, row.columns["indicator_id"], "unknown-ref", kind="指标", kind_en="indicator", value=cells["indicator_id"])

    def load_registers(self, sources: dict[str, Source]) -> dict[str, Register]:
        registers: dict[str, Register] = {}
        for path in sorted((self.data_dir / "registers").glob("*.yaml")):
            shown = self.shown(path)
            node = read_yaml(path, shown, self.problems)
            meta = self.check_mapping(node, schema.REGISTER_FIELDS, shown)
            if meta is None or node is None or not self.same_id(meta, path, node, shown):
                continue
            for iid in meta["indicators"]:
                if not (self.data_dir / "indicators" / f"{iid}.yaml").exists():
                    where = node.value["indicators"]
                    self.add(shown, where.line, where.column, "unknown-ref", kind="指标", kind_en="indicator", value=iid)
            table = path.with_suffix(".csv")
            if not table.exists():
                self.add(shown, 1, 1, "register-table-missing", value=self.shown(table))
                continue
            parsed = read_csv(table, self.shown(table), self.problems)
            if parsed is None or not self.check_header(parsed[0], schema.REGISTER_ROW_FIELDS, self.shown(table)):
                continue
            rows = []
            for row in parsed[1]:
                cells = self.check_row(row, schema.REGISTER_ROW_FIELDS, self.shown(table))
                if cells is not None and self.check_quote(cells["source"], cells["quote"], sources, self.shown(table), row):
                    rows.append(RegisterRow(**cells))
            registers[meta["id"]] = Register(**meta, rows=tuple(rows))
        return registers


def _version_key(version: str) -> tuple[int, int]:
    year, _, number = version.partition(".")
    return int(year), int(number)


def value_in_quote(value: Decimal, quote: str) -> bool:
    """A value the source states must be printed in its quote, as a number (one read from words is
    flagged ``from_wording``)."""
    return any(Decimal(token) == value for token in NUMBER_IN_TEXT.findall(quote))


def _header_column(header: list[str], name: str) -> int:
    return sum(len(h) + 1 for h in header[: header.index(name)]) + 1


def _show(value: object) -> str:
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return repr(value)


def load_catalog(data_dir: Path, today: dt.date | None = None) -> Catalog:
    """Load and validate ``data_dir``; raise DataError listing every problem."""
    return Loader(data_dir, today).load()
