"""A class roster as trainers keep it: a CSV or Excel list of names → participants with user names.

Trainers' lists are not tidy tables: a title row ("Danh sách lớp OKR – 12/2026"), an ``STT``
column, extra columns (phòng ban, email), blank lines, the same name twice. The kit's manager
table reader (:mod:`okrkit.tables`) is strict on purpose (unknown columns are problems, every
cell is checked), which is right for a KPI workbook and wrong for a class list, so the roster
has this small reader of its own: it looks for the name column by its header within the first
rows, or takes the only text column of a plain list, and ignores everything else.

Examples
--------
>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "lop.csv"
>>> _ = p.write_text("Danh sách lớp OKR\\nSTT,Họ và tên,Phòng ban\\n1,Nguyễn Thị Lan,KD\\n\\n"
...                  "2,Trần Văn Đức,MKT\\n3,Nguyễn Thị Lan,CSKH\\n", encoding="utf-8")
>>> [(p.name, p.user) for p in read_roster(p)]
[('Nguyễn Thị Lan', 'nguyen-thi-lan'), ('Trần Văn Đức', 'tran-van-duc'), ('Nguyễn Thị Lan (2)', 'nguyen-thi-lan-2')]
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..errors import InputError
from .layout import slug, user_names

# Headers of the name column, as trainers write them (compared without diacritics, case, spaces).
NAME_HEADERS = ("ho va ten", "ho ten", "ten", "ten hoc vien", "ho va ten hoc vien", "hoc vien", "ho ten hoc vien",
                "nguoi tham gia", "name", "full name", "participant", "participant name", "student", "names")
HEADER_ROWS = 10          # the header is looked for in the first rows (a title row or two comes first)
MAX_PARTICIPANTS = 300

i18n.register({
    "roster.missing": {"en": "no roster file here", "vi": "không thấy tệp danh sách lớp ở đây"},
    "roster.missing.hint": {"en": "give the path of the class list (CSV or Excel)",
                            "vi": "ghi đúng đường dẫn tới danh sách lớp (CSV hoặc Excel)"},
    "roster.kind": {"en": "a roster must be a .csv or .xlsx file, not '{suffix}'",
                    "vi": "danh sách lớp phải là tệp .csv hoặc .xlsx, không phải '{suffix}'"},
    "roster.kind.hint": {"en": "save the list as CSV (UTF-8) or Excel workbook (.xlsx)",
                         "vi": "lưu danh sách dưới dạng CSV (UTF-8) hoặc sổ Excel (.xlsx)"},
    "roster.unreadable": {"en": "the roster cannot be read ({reason})", "vi": "không đọc được danh sách lớp ({reason})"},
    "roster.unreadable.hint": {"en": "open it in Excel and save it again as .xlsx or CSV UTF-8",
                               "vi": "mở bằng Excel rồi lưu lại dạng .xlsx hoặc CSV UTF-8"},
    "roster.no_column": {"en": "no column of names found",
                         "vi": "không tìm thấy cột họ tên"},
    "roster.no_column.hint": {"en": "give the column of names the header 'Họ và tên' or 'Name'",
                              "vi": "đặt tiêu đề 'Họ và tên' (hoặc 'Name') cho cột chứa tên học viên"},
    "roster.empty": {"en": "the roster has no names", "vi": "danh sách lớp chưa có tên nào"},
    "roster.empty.hint": {"en": "write one participant's name per row under the header 'Họ và tên'",
                          "vi": "ghi mỗi dòng một học viên dưới tiêu đề 'Họ và tên'"},
    "roster.bad_name": {"en": "'{name}' cannot be used as a participant's name (no letters or digits)",
                        "vi": "'{name}' không dùng được làm tên học viên (không có chữ hay số)"},
    "roster.bad_name.hint": {"en": "write the participant's name or delete the row",
                             "vi": "ghi tên học viên hoặc xoá dòng này"},
    "roster.too_many": {"en": "{n} names: one class holds at most {max}",
                        "vi": "{n} tên: một lớp có tối đa {max} học viên"},
    "roster.too_many.hint": {"en": "split the list into several classes (one folder each)",
                             "vi": "chia danh sách thành nhiều lớp (mỗi lớp một thư mục)"},
})


@dataclass(frozen=True)
class Participant:
    """One person of the class: ``name`` as shown on the login page and slips, ``user`` the hub's user name."""

    name: str
    user: str


def clean_name(text) -> str:
    """A name as typed, tidied: NFC, single spaces, no leading/trailing space."""
    return " ".join(unicodedata.normalize("NFC", "" if text is None else str(text)).split())


def _norm_header(text) -> str:
    return re.sub(r"[^a-z0-9]+", " ", slug(clean_name(text))).strip()


def _rows_csv(p: Path) -> list[list]:
    raw = p.read_bytes()
    for enc in ("utf-8-sig", "utf-16", "cp1258", "latin-1"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    lines = [x for x in text.splitlines() if x.strip()][:30]
    # the delimiter on most lines (a title row has none; Excel in Vietnamese locales writes ';')
    delimiter = max(",;\t", key=lambda d: (sum(d in x for x in lines), d == ","))
    dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect, delimiter=delimiter)]


def _rows_xlsx(p: Path) -> list[list]:
    import openpyxl

    wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    try:
        sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"] or wb.worksheets
        return [list(r) for r in sheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s]+", text))


def _name_column(rows: list[list]) -> tuple[int, int] | None:
    """(header row index or -1, column index) of the names."""
    for i, row in enumerate(rows[:HEADER_ROWS]):
        for j, cell in enumerate(row):
            if _norm_header(cell) in NAME_HEADERS:
                return i, j
    # no header: a plain list whose rows each hold exactly one text that is not a number
    cols = set()
    for row in rows:
        texts = [j for j, c in enumerate(row) if clean_name(c) and not _is_number(clean_name(c))]
        if len(texts) > 1:
            return None
        cols.update(texts)
    return (-1, cols.pop()) if len(cols) == 1 else None


def read_roster(path: str | os.PathLike, *, lang: str | None = None) -> list[Participant]:
    """The participants of a roster file, in order; blank rows skipped, duplicates numbered.

    Raises :class:`~okrkit.errors.InputError` (one line in ``lang``) when the file cannot be used.
    """
    p = Path(path)

    def fail(key, hint_key, **fields):
        raise InputError(i18n.t(key, lang, **fields), file=str(p), hint=i18n.t(hint_key, lang))

    if not p.is_file():
        fail("roster.missing", "roster.missing.hint")
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm", ".txt"):
        fail("roster.kind", "roster.kind.hint", suffix=p.suffix or p.name)
    try:
        rows = _rows_xlsx(p) if suffix in (".xlsx", ".xlsm") else _rows_csv(p)
    except Exception as exc:  # a damaged workbook, a file that is not what its name says
        fail("roster.unreadable", "roster.unreadable.hint", reason=type(exc).__name__)
    found = _name_column(rows)
    if found is None:
        fail("roster.no_column", "roster.no_column.hint")
    header, col = found
    names = []
    for r, row in enumerate(rows[header + 1:], start=header + 2):
        name = clean_name(row[col] if col < len(row) else "")
        if not name:
            continue
        if not slug(name):
            raise InputError(i18n.t("roster.bad_name", lang, name=name), file=str(p),
                             where=("dòng" if i18n.get_lang(lang) == "vi" else "row") + f" {r}",
                             hint=i18n.t("roster.bad_name.hint", lang))
        names.append(name)
    if not names:
        fail("roster.empty", "roster.empty.hint")
    if len(names) > MAX_PARTICIPANTS:
        fail("roster.too_many", "roster.too_many.hint", n=len(names), max=MAX_PARTICIPANTS)
    return participants(names)


def participants(names: list[str], *, reserved: tuple[str, ...] = ("trainer",),
                 known: list[Participant] = ()) -> list[Participant]:
    """Display names and user names for ``names``: the n-th "Lan" is "Lan (n)"; ``known`` keeps earlier user names.

    A class that is started again with the same (or a longer) roster keeps every earlier account:
    the k-th occurrence of a name gets the user name it had before.
    """
    seen: dict[str, int] = {}
    shown = []
    for name in names:
        n = seen.get(name, 0) + 1
        seen[name] = n
        shown.append(name if n == 1 else f"{name} ({n})")
    before = {p.name: p.user for p in known}
    taken = set(before.values()) | set(reserved)
    fresh = iter(user_names(names))
    out = []
    for name in shown:
        user = next(fresh)
        if name in before:
            out.append(Participant(name, before[name]))
            continue
        base, k = user, 1
        while user in taken:
            k += 1
            user = f"{base}-{k}"
        taken.add(user)
        out.append(Participant(name, user))
    return out
