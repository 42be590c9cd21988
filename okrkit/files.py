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

from .errors import InputError, ProblemList
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
        raise InputError({"en": "file not found", "vi": "không tìm thấy tệp"}, file=str(p),
                         hint={"en": "check the path and the file name", "vi": "kiểm tra đường dẫn và tên tệp"})
    if p.is_dir():
        raise InputError({"en": "this is a folder, not a file", "vi": "đây là thư mục, không phải tệp"}, file=str(p),
                         hint={"en": "give the path of a file inside it", "vi": "hãy chỉ đến một tệp trong thư mục"})
    data = p.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError({"en": f"the file is not UTF-8 text (bad byte 0x{data[exc.start]:02x})",
                          "vi": f"tệp không phải văn bản UTF-8 (byte lạ 0x{data[exc.start]:02x})"},
                         file=str(p), where=f"line {line}",
                         hint={"en": "save it again as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: 'Save with encoding UTF-8')",
                               "vi": "lưu lại dạng UTF-8 (trong Excel: 'CSV UTF-8'; trong trình soạn thảo: 'Save with encoding UTF-8')"}
                         ) from None
    if not text.strip():
        raise InputError({"en": "the file is empty", "vi": "tệp trống"}, file=str(p),
                         hint={"en": "fill it in, or start from `okrkit templates DIR`",
                               "vi": "điền nội dung, hoặc bắt đầu từ mẫu `okrkit templates DIR`"})
    return text


def read_structured(path: str | os.PathLike) -> Any:
    """Parse a YAML or JSON file into Python data, or raise one clear error."""
    p = Path(path)
    text = read_text(p)
    if p.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError({"en": f"invalid JSON: {exc.msg}", "vi": f"JSON sai cú pháp: {exc.msg}"}, file=str(p),
                             where=f"line {exc.lineno}, column {exc.colno}",
                             hint={"en": "fix the syntax there (a missing comma or quote is the usual cause)",
                                   "vi": "sửa cú pháp ở chỗ đó (thường do thiếu dấu phẩy hoặc dấu nháy)"}) from None
    import yaml  # light (~20 ms), only needed here

    try:
        # libyaml's parser when PyYAML has it (the wheels do): the same safe loader, ~10× faster
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise InputError({"en": f"invalid YAML: {problem}", "vi": f"YAML sai cú pháp: {problem}"}, file=str(p), where=where,
                         hint={"en": "check the indentation and quotes there (use spaces, not tabs)",
                               "vi": "kiểm tra thụt lề và dấu nháy ở chỗ đó (dùng dấu cách, không dùng tab)"}) from None


def _check_suffix(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError({"en": f"unsupported file type {suffix or '(none)'!r}",
                          "vi": f"không đọc được loại tệp {suffix or '(không có)'!r}"}, file=str(p),
                         hint={"en": "use .yaml, .json, .csv or .xlsx", "vi": "dùng tệp .yaml, .json, .csv hoặc .xlsx"})
    return suffix


# ---------------------------------------------------------------- field checks

class _Stop(Exception):
    """One field or item cannot be read; its problem is already recorded (see :class:`_Checker`)."""


def _soft(method):
    """A field reader that records its problem and gives ``None``, so that the other fields are still checked."""
    import functools

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _Stop:
            return None
    return read


class _Checker:
    """Typed access to one mapping with errors that name the file and field.

    With ``collect=True`` every problem is recorded in :attr:`problems` and the reading goes on (a field that
    cannot be read is ``None``; an item that is not a mapping is skipped), so that a
    manager sees every problem of the file at once; :meth:`done` raises them together.
    """

    def __init__(self, file: str | None, *, collect: bool = False):
        self.file = file
        self.collect = collect    # False: the first problem is raised at once (the cascade file's reader)
        self.problems: list[InputError] = []
        self._misspelt: set[str] = set()   # fields reported as "did you mean …?": not also "missing"

    def note(self, where: str, what, hint=None) -> None:
        problem = InputError(what, file=self.file, where=where, hint=hint)
        if not self.collect:
            raise problem
        self.problems.append(problem)

    def fail(self, where: str, what, hint=None):
        self.note(where, what, hint)
        raise _Stop(where)

    def done(self) -> None:
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise ProblemList(self.problems)

    def mapping(self, value, where: str, allowed: Iterable[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(where, {"en": f"expected a mapping of fields, got {type(value).__name__}",
                              "vi": f"cần các dòng `trường: giá trị`, không phải {type(value).__name__}"},
                      {"en": "write `field: value` lines (see the OKR file format in the README)",
                       "vi": "viết mỗi trường một dòng `trường: giá trị` (xem định dạng tệp OKR trong README)"})
        allowed = tuple(allowed)
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                if close:
                    self._misspelt.add(f"{where}.{close[0]}" if where else close[0])
                hint = ({"en": f"did you mean '{close[0]}'?", "vi": f"có phải ý bạn là '{close[0]}'?"} if close else
                        {"en": f"allowed fields: {', '.join(allowed)}", "vi": f"các trường dùng được: {', '.join(allowed)}"})
                self.note(f"{where}.{key}" if where else str(key),
                          {"en": f"unknown field '{key}'", "vi": f"không rõ trường '{key}'"}, hint)
        return value

    @_soft
    def text(self, value, where: str, *, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and where not in self._misspelt:
                self.fail(where, {"en": "is missing", "vi": "đang thiếu"},
                          {"en": "every objective and key result needs an id and a text",
                           "vi": "mỗi mục tiêu và kết quả then chốt cần có mã và nội dung"})
            return None
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.fail(where, {"en": f"expected text, got {type(value).__name__}",
                              "vi": f"cần chữ, không phải {type(value).__name__}"},
                      {"en": "write plain text", "vi": "hãy viết chữ thường"})
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    @_soft
    def number(self, value, where: str) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, (dict, list, bool)) or isinstance(value, (date, datetime)):
            self.fail(where, {"en": f"expected a number, got {value!r}", "vi": f"cần một số, không phải {value!r}"},
                      {"en": "write a number such as 800000000 or '800 triệu'",
                       "vi": "hãy viết một số như 800000000 hoặc '800 triệu'"})
        try:
            number, _unit = parse_number(value)
        except InputError as exc:
            self.fail(where, exc.texts or exc.what, exc.hints or exc.hint)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(where, {"en": "expected a finite number", "vi": "cần một số hữu hạn"},
                      {"en": "write a number such as 800000000", "vi": "hãy viết một số như 800000000"})
        return number

    @_soft
    def choice(self, value, where: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, where)
        if text is None:
            return None
        norm = text.lower().replace("_", "-").replace(" ", "-")
        if norm not in choices:
            close = difflib.get_close_matches(norm, choices, n=1)
            hint = ({"en": f"did you mean '{close[0]}'?", "vi": f"có phải ý bạn là '{close[0]}'?"} if close else
                    {"en": f"use one of: {', '.join(choices)}", "vi": f"hãy dùng một trong: {', '.join(choices)}"})
            self.fail(where, {"en": f"'{text}' is not allowed", "vi": f"không dùng được giá trị '{text}'"}, hint)
        return norm

    @_soft
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
        self.fail(where, {"en": f"'{text}' is not a date", "vi": f"'{text}' không phải ngày"},
                  {"en": "write dates as 2026-03-31 or 31/03/2026", "vi": "ghi ngày dạng 31/03/2026 hoặc 2026-03-31"})


def _key_result(c: _Checker, raw, where: str) -> KeyResult:
    if isinstance(raw, str):  # a KR may be text only
        raw = {"text": raw}
    c.mapping(raw, where, KR_FIELDS)
    confidence = c.number(raw.get("confidence"), f"{where}.confidence")
    if confidence is not None and not 0 <= confidence <= 10:
        c.note(f"{where}.confidence", {"en": f"confidence {confidence:g} is outside 0–10",
                                        "vi": f"độ tự tin {confidence:g} nằm ngoài 0–10"},
               {"en": "rate confidence from 0 (no chance) to 10 (certain)",
                "vi": "chấm độ tự tin từ 0 (không có khả năng) đến 10 (chắc chắn)"})
    weight = c.number(raw.get("weight"), f"{where}.weight")
    if weight is not None and weight < 0:
        c.note(f"{where}.weight", {"en": f"weight {weight:g} is negative", "vi": f"trọng số {weight:g} là số âm"},
               {"en": "weights are shares such as 0.5; use 0 to leave a KR out",
                "vi": "trọng số là tỷ lệ như 0,5; ghi 0 để bỏ một kết quả then chốt ra"})
    return KeyResult(
        id=c.text(raw.get("id"), f"{where}.id") or "",
        text=c.text(raw.get("text"), f"{where}.text", required=True) or "",
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
    """Build an :class:`OKRSet` from parsed YAML/JSON data, checking every field; every problem is raised at once."""
    c = _Checker(file, collect=True)
    try:
        if data is None:
            c.fail("", {"en": "the file is empty", "vi": "tệp trống"},
                   {"en": "fill it in, or start from `okrkit templates DIR`",
                    "vi": "hãy điền nội dung, hoặc bắt đầu từ `okrkit templates THƯ_MỤC`"})
        c.mapping(data, "", TOP_FIELDS)
        objectives_raw = data.get("objectives")
        if objectives_raw is None:
            c.fail("objectives", {"en": "is missing", "vi": "đang thiếu"},
                   {"en": "list the objectives under `objectives:`", "vi": "liệt kê các mục tiêu dưới `objectives:`"})
        if not isinstance(objectives_raw, list):
            c.fail("objectives", f"expected a list, got {type(objectives_raw).__name__}",
                   "write each objective as a `- id: ...` item")
    except _Stop:
        c.done()
    objectives = []
    for i, raw in enumerate(objectives_raw):
        where = f"objectives[{i}]"
        try:
            c.mapping(raw, where, OBJECTIVE_FIELDS)
        except _Stop:
            continue
        krs_raw = raw.get("key_results") or []
        if not isinstance(krs_raw, list):
            c.note(f"{where}.key_results", f"expected a list, got {type(krs_raw).__name__}",
                   "write each key result as a `- id: ...` item")
            krs_raw = []
        krs = []
        for j, kr in enumerate(krs_raw):
            try:
                krs.append(_key_result(c, kr, f"{where}.key_results[{j}]"))
            except _Stop:
                continue
        objectives.append(Objective(
            id=c.text(raw.get("id"), f"{where}.id") or "",
            text=c.text(raw.get("text"), f"{where}.text", required=True) or "",
            owner=c.text(raw.get("owner"), f"{where}.owner"),
            type=c.choice(raw.get("type"), f"{where}.type", OKR_TYPES) or "committed",
            parent=c.text(raw.get("parent"), f"{where}.parent"),
            key_results=tuple(krs),
        ))
    period = c.text(data.get("period"), "period")
    organization = c.text(data.get("organization"), "organization")
    c.done()
    return OKRSet(objectives=tuple(objectives), period=period, organization=organization, source=file)


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

def _okr_table_schema():
    from .tables import Column, Schema

    kinds = (("tăng", "increase"), ("giảm", "decrease"), ("càng cao càng tốt", "increase"),
             ("càng thấp càng tốt", "decrease"), ("giữ trên", "stay-above"), ("duy trì trên", "stay-above"),
             ("giữ dưới", "stay-below"), ("duy trì dưới", "stay-below"), ("cột mốc", "milestone"),
             ("mốc", "milestone"), ("stay above", "stay-above"), ("stay below", "stay-below"))
    types = (("cam kết", "committed"), ("bắt buộc", "committed"), ("mở rộng", "aspirational"), ("tham vọng", "aspirational"),
             ("thách thức", "aspirational"), ("stretch", "aspirational"), ("moonshot", "aspirational"))
    done = (("done", 1.0), ("xong", 1.0), ("đã xong", 1.0), ("hoàn thành", 1.0), ("đã hoàn thành", 1.0),
            ("yes", 1.0), ("có", 1.0), ("true", 1.0), ("not done", 0.0), ("chưa", 0.0), ("chưa xong", 0.0),
            ("no", 0.0), ("không", 0.0), ("false", 0.0))
    return Schema("okrs", (
        Column("period", "text", required=False, en="period", vi="kỳ", example="2026-Q1", headers=("kỳ", "quý", "kỳ okr")),
        Column("organization", "text", required=False, en="organization", vi="tổ chức", example="Công ty Phần mềm Sao Mai",
               headers=("tổ chức", "công ty", "đơn vị")),
        Column("objective_id", "id", required=False, en="objective id", vi="mã mục tiêu", example="S1",
               headers=("mã mục tiêu", "mã mt", "id mục tiêu", "objective id", "mã o")),
        Column("objective", "text", en="objective", vi="mục tiêu", example="Doanh thu vượt mức đỉnh cao",
               optional_value=True, headers=("mục tiêu", "tên mục tiêu", "nội dung mục tiêu", "objective text", "o")),
        Column("owner", "text", required=False, en="owner", vi="người/bộ phận phụ trách", example="Kinh doanh",
               headers=("phụ trách", "người phụ trách", "bộ phận", "phòng ban", "chủ sở hữu")),
        Column("type", "choice", required=False, en="committed or aspirational", vi="cam kết hoặc mở rộng",
               example="aspirational", choices=OKR_TYPES, aliases=types, headers=("loại", "loại okr", "kiểu okr")),
        Column("parent", "id", required=False, en="objective it aligns to", vi="gắn với mục tiêu", example="C1",
               headers=("mục tiêu cha", "gắn với", "gắn với mục tiêu", "cấp trên")),
        Column("kr_id", "id", required=False, en="key result id", vi="mã kết quả then chốt", example="S1.KR1",
               headers=("mã kr", "mã kết quả", "mã kết quả then chốt", "kr id", "id kr")),
        Column("kr", "text", required=False, en="key result", vi="kết quả then chốt", example="Đạt doanh thu 8,4 tỷ đồng",
               headers=("key result", "kết quả then chốt", "kết quả chính", "kqtc", "nội dung kr", "tên kr")),
        Column("kind", "choice", required=False, en="increase, decrease, stay-above, stay-below or milestone",
               vi="tăng, giảm, giữ trên, giữ dưới hoặc cột mốc", example="increase", choices=KR_KINDS, aliases=kinds,
               headers=("chiều", "kiểu", "loại kr", "hướng")),
        Column("baseline", "number", required=False, en="starting level", vi="mức đầu kỳ", example="6 tỷ",
               headers=("mức đầu kỳ", "ban đầu", "đầu kỳ", "mức xuất phát"), any_unit=True),
        Column("target", "number", required=False, en="target", vi="chỉ tiêu", example="8,4 tỷ",
               headers=("chỉ tiêu", "mục tiêu số", "đích"), any_unit=True),
        Column("current", "number", required=False, en="current value (milestone: done / not done)",
               vi="hiện tại (cột mốc: xong / chưa)", example="7,1 tỷ", words=done, any_unit=True,
               headers=("hiện tại", "thực tế", "đạt được", "kết quả hiện tại", "giá trị hiện tại")),
        Column("unit", "text", required=False, en="unit", vi="đơn vị", example="VND", headers=("đơn vị", "đơn vị tính", "đvt")),
        Column("weight", "number", required=False, en="share of the objective's score", vi="trọng số trong mục tiêu",
               example=0.5, min=0, share=True, headers=("trọng số", "tỷ trọng", "tỉ trọng")),
        Column("confidence", "number", required=False, en="confidence 0 to 10", vi="độ tự tin từ 0 đến 10", example=7,
               min=0, max=10, headers=("độ tự tin", "độ tin cậy", "tự tin")),
        Column("due", "date", required=False, en="due date", vi="hạn", example="31/03/2026",
               headers=("hạn", "hạn chót", "ngày đến hạn", "thời hạn", "deadline")),
    ), en="one row per key result (the OKR file as a table)", vi="mỗi dòng một kết quả then chốt",
        sheet_names=("okr", "okrs", "mục tiêu", "muc_tieu", "okr hiện tại"))


_KR_DATA = ("kind", "baseline", "target", "current", "unit", "weight", "due")


def read_okr_table(path: str | os.PathLike, *, sheet: str | None = None, problems=None):
    """Read the one-row-per-key-result CSV/XLSX layout: ``(OKRSet or None, Table or None)``.

    Every problem goes to ``problems`` (a :class:`~okrkit.tables.Problems`), or
    all are raised together as one :class:`~okrkit.errors.ProblemList`.
    Vietnamese or English headers, title rows, merged cells and Excel dates are
    read as for every table (see :mod:`okrkit.tables`); objectives without an
    id are numbered O1, O2… in the order they come.  A row with key-result
    numbers but neither a key-result text nor an id is refused, never dropped.
    """
    import pandas as pd

    from .tables import Problems, T, read_frame

    own = problems is None
    problems = Problems() if own else problems
    p = Path(path)
    before = len(problems)
    table = read_frame(p, OKR_TABLE, sheet=sheet, problems=problems)
    if table is None:
        if own:
            problems.raise_if_any()
        return None, None
    rows = table.all_rows
    bad_rows = set(rows.index) - set(table.frame.index)
    file = str(p)
    if "objective_id" not in table.headers and "objective" not in table.headers:
        if own:                 # the reader has said the objective column is missing
            problems.raise_if_any()
        return None, table

    def val(r, col):
        v = r[col]
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return None
        return float(v) if isinstance(v, float) else v

    def problem(row, col, what, hint):
        problems.add(table.problem(what, row=int(row), column=col, hint=hint))

    meta: dict = {}
    objectives: dict[str, dict] = {}
    text_ids: dict[str, str] = {}
    for number, r in rows.iterrows():
        for col in ("period", "organization"):
            if val(r, col) and col not in meta:
                meta[col] = val(r, col)
        oid, otext = val(r, "objective_id"), val(r, "objective")
        if oid is None and otext is not None:
            oid = text_ids.setdefault(otext, f"O{len(text_ids) + 1}")
        kr_id, kr_text = val(r, "kr_id"), val(r, "kr")
        has_kr_data = any(val(r, c) is not None for c in _KR_DATA)
        if oid is None:
            if kr_id or kr_text or has_kr_data:
                problem(number, "objective_id" if "objective_id" in table.headers else "objective",
                        T("this key result belongs to no objective (objective id and text are empty)",
                          "kết quả then chốt này không thuộc mục tiêu nào (mã và nội dung mục tiêu đều trống)"),
                        T("write the objective's id (or its text) on every row of its key results",
                          "ghi mã (hoặc nội dung) mục tiêu trên mỗi dòng kết quả then chốt của nó"))
            continue
        obj = objectives.get(oid)
        if obj is None:
            obj = objectives[oid] = {"id": oid, "text": otext, "row": int(number), "owner": val(r, "owner"),
                                      "type": val(r, "type"), "parent": val(r, "parent"), "krs": []}
        elif obj["text"] is None and otext is not None:
            obj["text"] = otext
        if not (kr_id or kr_text):
            if has_kr_data:
                problem(number, "kr", T("a key result with numbers but no text and no id",
                                        "một kết quả then chốt có số liệu nhưng không có nội dung và mã"),
                        T("write the key result's text (and id) on this row, or delete the row",
                          "ghi nội dung (và mã) của kết quả then chốt ở dòng này, hoặc xoá dòng"))
            continue
        if not kr_text:
            problem(number, "kr", T(f"key result '{kr_id}' has no text", f"kết quả then chốt '{kr_id}' chưa có nội dung"),
                    T("write what will be measured, e.g. 'Đạt doanh thu 8,4 tỷ đồng'",
                      "ghi điều sẽ đo được, ví dụ 'Đạt doanh thu 8,4 tỷ đồng'"))
            continue
        if number in bad_rows:
            continue
        due = val(r, "due")
        obj["krs"].append(KeyResult(
            id=str(kr_id or ""), text=str(kr_text), kind=val(r, "kind"), baseline=val(r, "baseline"),
            target=val(r, "target"), current=val(r, "current"), unit=val(r, "unit"), weight=val(r, "weight"),
            confidence=5.0 if val(r, "confidence") is None else float(val(r, "confidence")),
            due=None if due is None else _as_day(due)))
    for obj in objectives.values():
        if obj["text"] is None:
            problem(obj["row"], "objective", T(f"objective '{obj['id']}' has no text", f"mục tiêu '{obj['id']}' chưa có nội dung"),
                    T("write the objective's text on its first row", "ghi nội dung mục tiêu ở dòng đầu của nó"))
    if not objectives and len(problems) == before:
        problems.add(InputError(T("no objectives in the table", "bảng không có mục tiêu nào"), file=file,
                                sheet=table.sheet,
                                hint=T("add one row per key result below the header",
                                       "thêm mỗi kết quả then chốt một dòng dưới dòng tiêu đề")))
    if own:
        problems.raise_if_any()
    if len(problems) > before:
        return None, table
    okrs = OKRSet(tuple(Objective(o["id"], o["text"], o["owner"], o["type"] or "committed", o["parent"], tuple(o["krs"]))
                        for o in objectives.values()),
                  None if meta.get("period") is None else str(meta["period"]),
                  None if meta.get("organization") is None else str(meta["organization"]), source=file)
    return okrs, table


def _as_day(v) -> date:
    import pandas as pd

    return pd.Timestamp(v).date()


def okrs_from_table(path: str | os.PathLike, *, sheet: str | None = None) -> OKRSet:
    """Read the one-row-per-key-result CSV/XLSX layout (every problem raised at once)."""
    okrs, _table = read_okr_table(path, sheet=sheet)
    return okrs


OKR_TABLE = _okr_table_schema()


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
