"""Read and write OKR files: YAML, JSON, CSV and XLSX, with errors that teach.

YAML and JSON share one shape (see the README); CSV and XLSX hold the same
data as one row per key result.  Every problem with a user's file is raised as
an :class:`~okrkit.errors.InputError` naming the file, the field or row, and
what to do.  Nothing here ever writes to a file it was asked to read.

Examples
--------
>>> import okrkit as ok
>>> okrs = ok.load_okrs(ok.sample_path("company.yaml"))
>>> okrs.period
'2026-Q1'
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import KR_KINDS, OKR_TYPES, KeyResult, Objective, OKRSet
from .quantity import parse_number

TOP_FIELDS = ("period", "organization", "objectives")
OBJECTIVE_FIELDS = ("id", "text", "owner", "type", "parent", "key_results")
KR_FIELDS = ("id", "text", "kind", "baseline", "target", "current", "unit", "weight",
             "confidence", "due")
# One row per key result in CSV/XLSX.
TABLE_COLUMNS = ("period", "organization", "objective_id", "objective", "owner", "type",
                 "parent", "kr_id", "kr", "kind", "baseline", "target", "current", "unit",
                 "weight", "confidence", "due")
TABLE_REQUIRED = ("objective_id", "objective")
SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


# ---------------------------------------------------------------- raw reading

def read_text(path: str | os.PathLike) -> str:
    """A user's text file as ``str``, or one clear error (missing, folder, not UTF-8)."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=str(p), hint="check the path and the file name")
    if p.is_dir():
        raise InputError("this is a folder, not a file", file=str(p), hint="give the path of a file inside it")
    data = p.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"the file is not UTF-8 text (bad byte 0x{data[exc.start]:02x})",
                         file=str(p), where=f"line {line}",
                         hint="save it again as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: 'Save with encoding UTF-8')") from None
    if not text.strip():
        raise InputError("the file is empty", file=str(p), hint="fill it in, or start from `okrkit templates DIR`")
    return text


def read_structured(path: str | os.PathLike) -> Any:
    """Parse a YAML or JSON file into Python data, or raise one clear error."""
    p = Path(path)
    text = read_text(p)
    if p.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", file=str(p), where=f"line {exc.lineno}, column {exc.colno}",
                             hint="fix the syntax there (a missing comma or quote is the usual cause)") from None
    import yaml  # light (~20 ms), only needed here

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise InputError(f"invalid YAML: {problem}", file=str(p), where=where,
                         hint="check the indentation and quotes there (use spaces, not tabs)") from None


def _check_suffix(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"unsupported file type {suffix or '(none)'!r}", file=str(p),
                         hint="use .yaml, .json, .csv or .xlsx")
    return suffix


# ---------------------------------------------------------------- field checks

class _Checker:
    """Typed access to one mapping with errors that name the file and field."""

    def __init__(self, file: str | None):
        self.file = file

    def fail(self, where: str, what: str, hint: str | None = None):
        raise InputError(what, file=self.file, where=where, hint=hint)

    def mapping(self, value, where: str, allowed: Iterable[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping of fields, got {type(value).__name__}",
                      "write `field: value` lines (see the OKR file format in the README)")
        allowed = tuple(allowed)
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
                self.fail(f"{where}.{key}" if where else str(key), f"unknown field '{key}'", hint)
        return value

    def text(self, value, where: str, *, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(where, "is missing", "every objective and key result needs an id and a text")
            return None
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.fail(where, f"expected text, got {type(value).__name__}", "write plain text")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def number(self, value, where: str) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, (dict, list, bool)) or isinstance(value, (date, datetime)):
            self.fail(where, f"expected a number, got {value!r}", "write a number such as 800000000 or '800 triệu'")
        try:
            number, _unit = parse_number(value)
        except InputError as exc:
            self.fail(where, exc.what, exc.hint)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(where, "expected a finite number", "write a number such as 800000000")
        return number

    def choice(self, value, where: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, where)
        if text is None:
            return None
        norm = text.lower().replace("_", "-").replace(" ", "-")
        if norm not in choices:
            close = difflib.get_close_matches(norm, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
            self.fail(where, f"'{text}' is not allowed", hint)
        return norm

    def day(self, value, where: str) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        self.fail(where, f"'{text}' is not a date", "write dates as 2026-03-31 or 31/03/2026")


def _key_result(c: _Checker, raw, where: str) -> KeyResult:
    if isinstance(raw, str):  # a KR may be text only
        raw = {"text": raw}
    c.mapping(raw, where, KR_FIELDS)
    confidence = c.number(raw.get("confidence"), f"{where}.confidence")
    if confidence is not None and not 0 <= confidence <= 10:
        c.fail(f"{where}.confidence", f"confidence {confidence:g} is outside 0–10", "rate confidence from 0 (no chance) to 10 (certain)")
    weight = c.number(raw.get("weight"), f"{where}.weight")
    if weight is not None and weight < 0:
        c.fail(f"{where}.weight", f"weight {weight:g} is negative", "weights are shares such as 0.5; use 0 to leave a KR out")
    return KeyResult(
        id=c.text(raw.get("id"), f"{where}.id") or "",
        text=c.text(raw.get("text"), f"{where}.text", required=True),
        kind=c.choice(raw.get("kind"), f"{where}.kind", KR_KINDS),
        baseline=c.number(raw.get("baseline"), f"{where}.baseline"),
        target=c.number(raw.get("target"), f"{where}.target"),
        current=_current(c, raw.get("current"), f"{where}.current"),
        unit=c.text(raw.get("unit"), f"{where}.unit"),
        weight=weight,
        confidence=5.0 if confidence is None else confidence,
        due=c.day(raw.get("due"), f"{where}.due"),
    )


def _current(c: _Checker, value, where: str) -> float | None:
    if isinstance(value, bool):  # a milestone: done: true/false
        return 1.0 if value else 0.0
    if isinstance(value, str) and value.strip().lower() in ("done", "xong", "yes", "có", "true"):
        return 1.0
    if isinstance(value, str) and value.strip().lower() in ("not done", "chưa", "no", "không", "false"):
        return 0.0
    return c.number(value, where)


def okrs_from_data(data: Any, *, file: str | None = None) -> OKRSet:
    """Build an :class:`OKRSet` from parsed YAML/JSON data, checking every field."""
    c = _Checker(file)
    if data is None:
        c.fail("", "the file is empty", "fill it in, or start from `okrkit templates DIR`")
    c.mapping(data, "", TOP_FIELDS)
    objectives_raw = data.get("objectives")
    if objectives_raw is None:
        c.fail("objectives", "is missing", "list the objectives under `objectives:`")
    if not isinstance(objectives_raw, list):
        c.fail("objectives", f"expected a list, got {type(objectives_raw).__name__}", "write each objective as a `- id: ...` item")
    objectives = []
    for i, raw in enumerate(objectives_raw):
        where = f"objectives[{i}]"
        c.mapping(raw, where, OBJECTIVE_FIELDS)
        krs_raw = raw.get("key_results") or []
        if not isinstance(krs_raw, list):
            c.fail(f"{where}.key_results", f"expected a list, got {type(krs_raw).__name__}", "write each key result as a `- id: ...` item")
        objectives.append(Objective(
            id=c.text(raw.get("id"), f"{where}.id") or "",
            text=c.text(raw.get("text"), f"{where}.text", required=True),
            owner=c.text(raw.get("owner"), f"{where}.owner"),
            type=c.choice(raw.get("type"), f"{where}.type", OKR_TYPES) or "committed",
            parent=c.text(raw.get("parent"), f"{where}.parent"),
            key_results=tuple(_key_result(c, kr, f"{where}.key_results[{j}]") for j, kr in enumerate(krs_raw)),
        ))
    return OKRSet(objectives=tuple(objectives),
                  period=c.text(data.get("period"), "period"),
                  organization=c.text(data.get("organization"), "organization"),
                  source=file)


def okrs_to_data(okrs: OKRSet) -> dict:
    """The YAML/JSON shape of an :class:`OKRSet` (empty fields left out)."""
    def kr_data(kr: KeyResult) -> dict:
        out = {"id": kr.id, "text": kr.text}
        for name in KR_FIELDS[2:]:
            value = getattr(kr, name)
            if name == "confidence" and value == 5.0:
                continue
            if value is not None:
                out[name] = value.isoformat() if isinstance(value, date) else _plain(value)
        return out

    data: dict = {}
    if okrs.period:
        data["period"] = okrs.period
    if okrs.organization:
        data["organization"] = okrs.organization
    data["objectives"] = []
    for obj in okrs.objectives:
        o = {"id": obj.id, "text": obj.text}
        if obj.owner:
            o["owner"] = obj.owner
        o["type"] = obj.type
        if obj.parent:
            o["parent"] = obj.parent
        o["key_results"] = [kr_data(kr) for kr in obj.key_results]
        data["objectives"].append(o)
    return data


def _plain(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


# ---------------------------------------------------------------- tables

def read_table(path: str | os.PathLike, *, sheet: str | None = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """Read a CSV or XLSX table as ``(columns, [(row_number, {column: value})])``.

    Row numbers are those a person sees in Excel (header is row 1).  Blank
    rows are skipped; header names are trimmed and lower-cased.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        text = read_text(p)
        # Excel writes ',' or (in Vietnamese/European locales) ';'; the header line tells which.
        first = text.splitlines()[0]
        delimiter = max((",", ";", "\t"), key=first.count)
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    elif suffix == ".xlsx":
        rows = _xlsx_rows(p, sheet)
    else:
        raise InputError(f"unsupported table type {suffix or '(none)'!r}", file=str(p), hint="use .csv or .xlsx")
    if not rows:
        raise InputError("the file is empty", file=str(p), hint="the first row must name the columns")
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
    body = []
    for number, row in enumerate(rows[1:], start=2):
        values = ["" if v is None else v for v in row]
        if all(isinstance(v, str) and not v.strip() for v in values):
            continue
        body.append((number, {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}))
    return header, body


def _xlsx_rows(p: Path, sheet: str | None) -> list[list]:
    if not p.exists():
        raise InputError("file not found", file=str(p), hint="check the path and the file name")
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"not a readable Excel .xlsx file ({type(exc).__name__})", file=str(p),
                         hint="open it in Excel and save it again as .xlsx") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise InputError(f"no sheet named '{sheet}'", file=str(p), hint=f"sheets in this file: {', '.join(wb.sheetnames)}")
        ws = wb[sheet] if sheet else wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def okrs_from_table(path: str | os.PathLike, *, sheet: str | None = None) -> OKRSet:
    """Read the one-row-per-key-result CSV/XLSX layout."""
    p = Path(path)
    header, rows = read_table(p, sheet=sheet)
    missing = [c for c in TABLE_REQUIRED if c not in header]
    if missing:
        raise InputError(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}", file=str(p), where="row 1",
                         hint=f"the header row needs: {', '.join(TABLE_COLUMNS)} (see `okrkit templates DIR`)")
    unknown = [h for h in header if h and h not in TABLE_COLUMNS]
    if unknown:
        close = difflib.get_close_matches(unknown[0], TABLE_COLUMNS, n=1)
        raise InputError(f"unknown column '{unknown[0]}'", file=str(p), where="row 1",
                         hint=f"did you mean '{close[0]}'?" if close else f"allowed columns: {', '.join(TABLE_COLUMNS)}")
    data: dict = {"objectives": []}
    by_id: dict[str, dict] = {}
    c = _Checker(str(p))
    for number, row in rows:
        where = f"row {number}"
        for col in ("period", "organization"):
            v = c.text(row.get(col), f"{where}, column {col}")
            if v:
                data.setdefault(col, v)
        oid = c.text(row.get("objective_id"), f"{where}, column objective_id")
        otext = c.text(row.get("objective"), f"{where}, column objective")
        if not oid:
            c.fail(f"{where}, column objective_id", "is empty", "give every row the id of its objective, e.g. O1")
        obj = by_id.get(oid)
        if obj is None:
            if not otext:
                c.fail(f"{where}, column objective", "is empty", "write the objective's text on its first row")
            obj = {"id": oid, "text": otext, "key_results": []}
            for col in ("owner", "type", "parent"):
                v = row.get(col)
                if v not in (None, ""):
                    obj[col] = v
            by_id[oid] = obj
            data["objectives"].append(obj)
        kr_text = c.text(row.get("kr"), f"{where}, column kr")
        if kr_text or c.text(row.get("kr_id"), f"{where}, column kr_id"):
            kr = {"id": row.get("kr_id"), "text": kr_text}
            for col in KR_FIELDS[2:]:
                v = row.get(col)
                if v not in (None, ""):
                    kr[col] = v
            obj["key_results"].append((number, kr))
    # Check fields with row numbers in the messages.
    objectives = []
    for obj in data["objectives"]:
        krs = []
        for number, kr in obj.pop("key_results"):
            try:
                krs.append(_key_result(c, kr, f"row {number}"))
            except InputError as exc:
                where = (exc.where or "").replace(".", ", column ", 1)
                raise InputError(exc.what, file=exc.file, where=where, hint=exc.hint) from None
        o = okrs_from_data({"objectives": [dict(obj, key_results=[])]}, file=str(p)).objectives[0]
        objectives.append(Objective(o.id, o.text, o.owner, o.type, o.parent, tuple(krs)))
    if not objectives:
        raise InputError("no objectives in the table", file=str(p), hint="add one row per key result below the header")
    return OKRSet(tuple(objectives), data.get("period"), data.get("organization"), source=str(p))


def okrs_to_rows(okrs: OKRSet) -> list[dict]:
    rows = []
    for obj in okrs.objectives:
        base = {"period": okrs.period, "organization": okrs.organization, "objective_id": obj.id,
                "objective": obj.text, "owner": obj.owner, "type": obj.type, "parent": obj.parent}
        for kr in obj.key_results or (None,):
            row = dict(base)
            if kr is not None:
                row.update(kr_id=kr.id, kr=kr.text, kind=kr.kind, baseline=kr.baseline, target=kr.target,
                           current=kr.current, unit=kr.unit, weight=kr.weight, confidence=kr.confidence,
                           due=kr.due.isoformat() if kr.due else None)
            rows.append({k: _plain(v) for k, v in row.items()})
    return rows


# ---------------------------------------------------------------- public API

def load_okrs(path: str | os.PathLike, *, sheet: str | None = None) -> OKRSet:
    """Load an OKR file (.yaml, .yml, .json, .csv or .xlsx).

    Raises :class:`~okrkit.errors.InputError` with the file, the field or row,
    and what to do, for every problem found.
    """
    p = Path(path)
    suffix = _check_suffix(p)
    if suffix in (".csv", ".xlsx"):
        return okrs_from_table(p, sheet=sheet)
    return okrs_from_data(read_structured(p), file=str(p))


def save_okrs(okrs: OKRSet, path: str | os.PathLike) -> Path:
    """Write an :class:`OKRSet` in the format its suffix names (atomic write)."""
    p = Path(path)
    suffix = _check_suffix(p)
    if suffix in (".yaml", ".yml"):
        import yaml
        payload = yaml.safe_dump(okrs_to_data(okrs), allow_unicode=True, sort_keys=False).encode()
    elif suffix == ".json":
        payload = json.dumps(okrs_to_data(okrs), ensure_ascii=False, indent=2).encode()
    elif suffix == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, TABLE_COLUMNS)
        writer.writeheader()
        writer.writerows(okrs_to_rows(okrs))
        payload = buf.getvalue().encode("utf-8")
    else:
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.title = "okrs"
        ws.append(list(TABLE_COLUMNS))
        for row in okrs_to_rows(okrs):
            ws.append([row.get(col) for col in TABLE_COLUMNS])
        buf = io.BytesIO()
        wb.save(buf)
        payload = buf.getvalue()
    return atomic_write(p, payload)


def atomic_write(path: str | os.PathLike, payload: bytes | str) -> Path:
    """Write ``payload`` to ``path`` via a temporary file and a rename.

    A crash mid-write leaves either the old file or the new one, never half.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, p)
    return p
