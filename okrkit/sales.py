"""Sales review analytics: the weekly/monthly meeting of a sales team, in numbers.

On a transactions table (date, customer, rep, region, product line, amount,
quantity), a customer table (stage, segment, region, account owner) and a plan
table (expected revenue per rep / customer per month) this module answers the
questions of a sales review meeting:

* plan vs actual and % achieved by rep, customer, product line or region
  (:func:`plan_vs_actual`);
* which customers ordered in the period and which did not, with last period,
  the same period last year and whether they were contacted (:func:`customer_orders`);
* which product lines fall (or rise), and in them which regions, reps and
  customers (:func:`drilldown`);
* the top 5–10% of customers and the product lines they do not buy yet
  (:func:`top_customers`, :func:`cross_sell`);
* customer-count growth from stage transitions, prospect → approaching →
  first orders → long-term partner (:func:`stage_growth`).

:func:`review` runs them all for one period and returns a :class:`SalesReview`.

Data lives in a :class:`SalesData`, read from a manager's folder of CSV files or
one Excel workbook by :func:`load_sales` (every problem listed at once), or
made by :func:`sample_sales` for the sample company.  When the data is built,
every row is coded once into a *cell* (customer, rep, product line, region) and
summed into a day × cell cube of running totals; a period's sums are then two
subtractions per cell, so a whole review of a million transactions takes a few
tens of milliseconds (``benchmarks/bench_sales.py``).

Examples
--------
>>> import okrkit as ok
>>> data = ok.sample_sales()
>>> r = ok.review(data, "2026-03")
>>> r.period.label
'2026-03'
>>> bool(r.totals["actual"] > 0)
True
"""

from __future__ import annotations

import calendar
import html
import math
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import i18n
from .errors import InputError
from .tables import Column, Problems, Schema, Table, read_frame, where

STAGES = ("prospect", "approaching", "first-orders", "partner")
STAGE_ALIASES = (
    ("tiềm năng", "prospect"), ("tiem nang", "prospect"), ("lead", "prospect"),
    ("đang tiếp cận", "approaching"), ("tiếp cận", "approaching"), ("approach", "approaching"),
    ("first orders", "first-orders"), ("first order", "first-orders"), ("new", "first-orders"),
    ("bắt đầu hợp tác", "first-orders"), ("bắt đầu mua hàng", "first-orders"),
    ("bắt đầu hợp tác mua hàng", "first-orders"),
    ("long-term partner", "partner"), ("long term partner", "partner"), ("đối tác", "partner"),
    ("đối tác lâu dài", "partner"), ("đã hợp tác tốt", "partner"), ("khách hàng lâu năm", "partner"),
)
ACTIVITY_KINDS = ("call", "meeting", "task", "email", "visit")
ACTIVITY_ALIASES = (("gọi điện", "call"), ("cuộc gọi", "call"), ("gặp", "meeting"), ("họp", "meeting"),
                    ("gặp mặt", "meeting"), ("công việc", "task"), ("việc", "task"), ("thư", "email"),
                    ("thăm", "visit"), ("ghé thăm", "visit"))

TRANSACTIONS = Schema("transactions", (
    Column("date", "date", en="day of the sale (2026-03-31 or 31/03/2026)", vi="ngày bán (2026-03-31 hoặc 31/03/2026)",
           example="2026-03-05", headers=("ngày", "ngay_ban", "ngày bán", "order_date")),
    Column("customer_id", "id", en="customer code, as in the customers table", vi="mã khách hàng (như trong bảng khách hàng)",
           example="KH0001", headers=("customer", "ma_kh", "mã khách hàng", "khách hàng")),
    Column("rep_id", "id", en="sales rep code", vi="mã nhân viên kinh doanh", example="R01",
           headers=("rep", "nhân viên", "ma_nv", "mã nhân viên", "salesperson")),
    Column("product_line", "text", en="product line", vi="dòng sản phẩm", example="Phần mềm POS",
           headers=("dòng sản phẩm", "dong_sp", "line")),
    Column("amount", "number", en="revenue in VND; a return is negative", vi="doanh số (VND); hàng trả lại ghi số âm",
           example="15.000.000", headers=("doanh số", "doanh thu", "revenue", "thành tiền")),
    Column("region", "text", required=False, en="region (default: the customer's)", vi="khu vực (mặc định: của khách hàng)",
           example="Hà Nội", headers=("khu vực", "khu_vuc", "vùng")),
    Column("product_group", "text", required=False, en="product group", vi="nhóm sản phẩm", example="Phần mềm",
           headers=("nhóm sản phẩm", "nhom_sp", "group")),
    Column("quantity", "number", required=False, en="units sold", vi="số lượng", example=1,
           headers=("số lượng", "so_luong", "qty")),
    Column("customer_name", "text", required=False, en="customer name as printed on the invoice (information only)",
           vi="tên khách hàng trên hoá đơn (chỉ để tham khảo)", example="Cửa hàng Minh Anh", headers=("tên khách hàng",)),
    Column("id", "id", required=False, en="transaction id, one per row", vi="mã giao dịch (mỗi dòng một mã)",
           example="GD000001", headers=("transaction_id", "mã giao dịch", "invoice_line")),
), key=("id",), en="one row per sale (invoice line)", vi="mỗi dòng một giao dịch bán hàng",
    sheet_names=("giao dịch", "giao_dich", "sales", "doanh số"))

CUSTOMERS = Schema("customers", (
    Column("customer_id", "id", en="customer code", vi="mã khách hàng", example="KH0001",
           headers=("customer", "ma_kh", "mã khách hàng")),
    Column("name", "text", en="customer name", vi="tên khách hàng", example="Cửa hàng Minh Anh",
           headers=("tên", "tên khách hàng", "customer_name")),
    Column("stage", "choice", en="stage now: prospect, approaching, first-orders, partner",
           vi="mức độ hiện tại: tiềm năng, đang tiếp cận, bắt đầu hợp tác, đối tác lâu dài",
           example="partner", choices=STAGES, aliases=STAGE_ALIASES, headers=("mức độ", "giai đoạn")),
    Column("previous_stage", "choice", required=False, en="stage at the start of the period (for stage growth)",
           vi="mức độ đầu kỳ (để tính tăng trưởng)", example="first-orders", choices=STAGES, aliases=STAGE_ALIASES,
           headers=("mức độ đầu kỳ", "stage_start")),
    Column("segment", "text", required=False, en="segment (e.g. small shop, chain, enterprise)",
           vi="phân khúc (cửa hàng nhỏ, chuỗi, doanh nghiệp…)", example="Chuỗi bán lẻ", headers=("phân khúc",)),
    Column("region", "text", required=False, en="region", vi="khu vực", example="Hà Nội", headers=("khu vực",)),
    Column("rep_id", "id", required=False, en="account owner (sales rep code)", vi="nhân viên phụ trách",
           example="R01", headers=("rep", "nhân viên phụ trách", "owner")),
), key=("customer_id",), en="one row per customer", vi="mỗi dòng một khách hàng",
    sheet_names=("khách hàng", "khach_hang"))

PLAN = Schema("plan", (
    Column("month", "month", en="month of the plan (2026-03 or 03/2026)", vi="tháng kế hoạch (2026-03 hoặc 03/2026)",
           example="2026-03", headers=("tháng", "thang")),
    Column("rep_id", "id", en="sales rep code", vi="mã nhân viên kinh doanh", example="R01",
           headers=("rep", "nhân viên", "mã nhân viên")),
    Column("expected", "number", en="expected revenue in VND", vi="doanh số dự kiến (VND)", example="120 triệu",
           headers=("expected_revenue", "doanh số dự kiến", "plan", "kế hoạch"), min=0),
    Column("customer_id", "id", required=False, en="customer code (empty: the rep's whole plan)",
           vi="mã khách hàng (để trống: cả kế hoạch của nhân viên)", example="KH0001",
           headers=("customer", "mã khách hàng", "khách hàng")),
    Column("product_line", "text", required=False, en="product line (optional)", vi="dòng sản phẩm (không bắt buộc)",
           example="Phần mềm POS", headers=("dòng sản phẩm",)),
), key=("month", "rep_id", "customer_id", "product_line"), en="expected revenue per rep (and customer) per month",
    vi="doanh số dự kiến theo nhân viên (và khách hàng) mỗi tháng", sheet_names=("kế hoạch", "ke_hoach"))

REPS = Schema("reps", (
    Column("rep_id", "id", en="sales rep code", vi="mã nhân viên", example="R01", headers=("rep", "mã nhân viên")),
    Column("name", "text", en="name", vi="họ tên", example="Nguyễn Thị Lan", headers=("họ tên", "tên")),
    Column("region", "text", required=False, en="region", vi="khu vực", example="Hà Nội", headers=("khu vực",)),
    Column("team", "text", required=False, en="team", vi="nhóm", example="Miền Bắc", headers=("nhóm",)),
    Column("joined_on", "date", required=False, en="first day", vi="ngày vào làm", example="2024-05-02",
           headers=("ngày vào",)),
    Column("left_on", "date", required=False, en="last day (empty if still here)", vi="ngày nghỉ việc (trống nếu còn làm)",
           example="", headers=("ngày nghỉ",)),
), key=("rep_id",), en="one row per sales rep (optional table)", vi="mỗi dòng một nhân viên kinh doanh (không bắt buộc)",
    sheet_names=("nhân viên", "nhan_vien"))

ACTIVITIES = Schema("activities", (
    Column("date", "date", en="day of the contact", vi="ngày liên hệ", example="2026-03-03", headers=("ngày",)),
    Column("customer_id", "id", en="customer code", vi="mã khách hàng", example="KH0001",
           headers=("customer", "mã khách hàng")),
    Column("rep_id", "id", required=False, en="sales rep code", vi="mã nhân viên", example="R01",
           headers=("rep", "nhân viên")),
    Column("kind", "choice", required=False, en="call, meeting, task, email or visit",
           vi="gọi điện, gặp, công việc, email, ghé thăm", example="call", choices=ACTIVITY_KINDS,
           aliases=ACTIVITY_ALIASES, headers=("loại",)),
    Column("note", "text", required=False, en="what was said or done", vi="nội dung", example="Hẹn demo POS tuần sau",
           headers=("ghi chú", "nội dung")),
), en="calls, meetings and tasks with customers (optional table)",
    vi="cuộc gọi, cuộc gặp, công việc với khách hàng (không bắt buộc)", sheet_names=("hoạt động", "hoat_dong", "contacts"))

SCHEMAS = {s.name: s for s in (TRANSACTIONS, CUSTOMERS, PLAN, REPS, ACTIVITIES)}
REQUIRED_TABLES = ("transactions", "customers")


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Period:
    """A span of days (both ends included) with a kind and a label.

    ``kind`` is ``month``, ``week``, ``quarter``, ``year`` or ``days``.

    >>> Period.parse("2026-W10").start, Period.parse("2026-03").previous().label
    (datetime.date(2026, 3, 2), '2026-02')
    """

    start: date
    end: date
    kind: str = "days"
    label: str = ""

    @classmethod
    def parse(cls, spec: Any) -> Period:
        """``2026-03``, ``03/2026``, ``2026-W10``, ``2026-Q1``, ``2026``, ``2026-01-01..2026-03-31``."""
        if isinstance(spec, Period):
            return spec
        if isinstance(spec, tuple) and len(spec) == 2:
            a, b = (_as_date(x) for x in spec)
            return cls(a, b, "days", f"{a}..{b}")
        if isinstance(spec, date):
            return cls.month(spec.year, spec.month)
        text = str(spec).strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if m:
            y, mo = (int(m.group(1)), int(m.group(2))) if len(m.group(1)) == 4 else (int(m.group(2)), int(m.group(1)))
            if 1 <= mo <= 12:
                return cls.month(y, mo)
        m = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text, re.IGNORECASE)
        if m:
            return cls.week(int(m.group(1)), int(m.group(2)))
        m = re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.IGNORECASE)
        if m:
            return cls.quarter(int(m.group(1)), int(m.group(2)))
        if re.fullmatch(r"\d{4}", text):
            y = int(text)
            return cls(date(y, 1, 1), date(y, 12, 31), "year", text)
        m = re.fullmatch(r"(.+?)\s*(?:\.\.|/|–| to )\s*(.+)", text)
        if m:
            try:
                a, b = _as_date(m.group(1)), _as_date(m.group(2))
            except InputError:
                pass
            else:
                if a <= b:
                    return cls(a, b, "days", f"{a}..{b}")
        raise InputError(f"'{text}' is not a period", where="period",
                         hint="write a month (2026-03), a week (2026-W10), a quarter (2026-Q1) or 2026-01-01..2026-03-31")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month", f"{year}-{month:02d}")

    @classmethod
    def week(cls, year: int, week: int) -> Period:
        start = date.fromisocalendar(year, week, 1)
        return cls(start, start + timedelta(days=6), "week", f"{year}-W{week:02d}")

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        start = date(year, 3 * q - 2, 1)
        end = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        return cls(start, end, "quarter", f"{year}-Q{q}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period just before: last month, last week, last quarter, or as many days before."""
        if self.kind == "month":
            y, m = (self.start.year, self.start.month - 1) if self.start.month > 1 else (self.start.year - 1, 12)
            return Period.month(y, m)
        if self.kind == "week":
            s = self.start - timedelta(days=7)
            iso = s.isocalendar()
            return Period.week(iso[0], iso[1])
        if self.kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return Period.quarter(self.start.year - (q == 1), 4 if q == 1 else q - 1)
        if self.kind == "year":
            return Period.parse(str(self.start.year - 1))
        end = self.start - timedelta(days=1)
        start = end - timedelta(days=self.days - 1)
        return Period(start, end, "days", f"{start}..{end}")

    def last_year(self) -> Period:
        """The same period one year earlier (same ISO week for a week)."""
        if self.kind == "month":
            return Period.month(self.start.year - 1, self.start.month)
        if self.kind == "week":
            y, w, _ = self.start.isocalendar()
            w = min(w, date(y - 1, 12, 28).isocalendar()[1])
            return Period.week(y - 1, w)
        if self.kind == "quarter":
            return Period.quarter(self.start.year - 1, (self.start.month - 1) // 3 + 1)
        if self.kind == "year":
            return Period.parse(str(self.start.year - 1))
        s, e = _minus_year(self.start), _minus_year(self.end)
        return Period(s, e, "days", f"{s}..{e}")

    def __str__(self) -> str:
        return self.label or f"{self.start}..{self.end}"


def _minus_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def _as_date(x: Any) -> date:
    if isinstance(x, date):
        return x
    text = str(x).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InputError(f"'{text}' is not a date", where="period", hint="write dates as 2026-03-31 or 31/03/2026")


def period(spec: Any) -> Period:
    """Read a period: ``2026-03``, ``2026-W10``, ``2026-Q1``, ``2026`` or ``2026-01-01..2026-03-31``."""
    return Period.parse(spec)


# ---------------------------------------------------------------- the data

def _epoch_day(d: date) -> int:
    return (d - date(1970, 1, 1)).days


@dataclass(frozen=True, eq=False)
class SalesData:
    """A sales team's tables, checked and joined, ready for a review.

    ``transactions`` is sorted by date, with categorical ``customer_id``,
    ``rep_id``, ``region`` and ``product_line``; ``customers`` and ``reps`` are
    indexed by id.  ``tables`` records rows in / blank / used per input table.
    """

    transactions: Any
    customers: Any
    reps: Any
    plan: Any = None
    activities: Any = None
    tables: tuple = ()
    source: str | None = None
    _arrays: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._arrays["engine"] = _Engine(self)

    # names and sizes
    @property
    def customer_ids(self):
        return self.transactions["customer_id"].cat.categories

    @property
    def rep_ids(self):
        return self.transactions["rep_id"].cat.categories

    @property
    def product_lines(self):
        return self.transactions["product_line"].cat.categories

    @property
    def regions(self):
        return self.transactions["region"].cat.categories

    @property
    def first_day(self) -> date | None:
        return None if not len(self.transactions) else self.transactions["date"].iloc[0].date()

    @property
    def last_day(self) -> date | None:
        return None if not len(self.transactions) else self.transactions["date"].iloc[-1].date()

    def latest_month(self) -> Period:
        """The last calendar month with transactions (the default review period)."""
        d = self.last_day or date.today()
        return Period.month(d.year, d.month)

    def span(self, p: Period) -> slice:
        """Rows of ``transactions`` inside period ``p`` (the table is sorted by date)."""
        import numpy as np

        day = self._arrays["engine"].day
        a = int(np.searchsorted(day, _epoch_day(p.start), side="left"))
        b = int(np.searchsorted(day, _epoch_day(p.end), side="right"))
        return slice(a, b)

    def summary(self):
        """Rows in, blank and used per input table (nothing is dropped silently)."""
        import pandas as pd

        return pd.DataFrame([t.summary() if isinstance(t, Table) else t for t in self.tables])

    def __repr__(self) -> str:
        return (f"SalesData({len(self.transactions)} transactions, {len(self.customers)} customers, "
                f"{len(self.reps)} reps, {self.first_day}..{self.last_day})")


def _categorical(values, categories):
    import pandas as pd

    return pd.Categorical(values, categories=list(categories))


def build_sales(transactions, customers, reps=None, plan=None, activities=None, *, tables=(), source=None,
                problems: Problems | None = None, files: dict | None = None) -> SalesData:
    """Join and check the tables (as DataFrames with the schema's columns) into :class:`SalesData`.

    Cross-table problems (a transaction, plan row or activity naming an unknown
    customer or rep) are added to ``problems``, or raised as a ProblemList.
    """
    import pandas as pd

    own = problems is None
    problems = Problems() if own else problems
    files = files or {}

    def problem(table: str, df, mask, column: str, what, hint):
        info = files.get(table, (table, None))
        for row, value in zip(df.index[mask], df.loc[mask, column]):
            problems.add(InputError(what(value), file=info[0], where=where(info[1], int(row), column), hint=hint),
                         group=(info[1], column, "unknown"))

    tx = transactions.copy()
    cust = customers.copy()
    cust["customer_id"] = cust["customer_id"].astype(object)
    cust = cust.set_index("customer_id", drop=False)
    cust.index.name = None
    cust_ids = list(cust.index)
    known_cust = set(cust_ids)

    bad = tx["customer_id"].notna().to_numpy() & ~tx["customer_id"].isin(known_cust).to_numpy()
    if bad.any():
        cfile = files.get('customers', ('customers',))[0]
        problem("transactions", tx, bad, "customer_id",
                lambda v: {"en": f"unknown customer '{v}'", "vi": f"không có khách hàng '{v}' trong bảng khách hàng"},
                {"en": f"add it to the customers table ({cfile}) or fix the code",
                 "vi": f"thêm khách hàng này vào bảng khách hàng ({cfile}) hoặc sửa mã"})
        tx = tx.loc[~bad]

    if reps is not None and len(reps):
        rp = reps.copy()
        rp["rep_id"] = rp["rep_id"].astype(object)
        rp = rp.set_index("rep_id", drop=False)
        rp.index.name = None
        known_reps = set(rp.index)
        rfile = files.get('reps', ('reps',))[0]
        rep_hint = {"en": f"add the rep to the reps table ({rfile}) or fix the code",
                    "vi": f"thêm nhân viên này vào bảng nhân viên ({rfile}) hoặc sửa mã"}
        for name, df in (("transactions", tx), ("customers", cust)):
            if "rep_id" in df:
                badr = df["rep_id"].notna().to_numpy() & ~df["rep_id"].isin(known_reps).to_numpy()
                if badr.any():
                    problem(name, df, badr, "rep_id",
                            lambda v: {"en": f"unknown rep '{v}'", "vi": f"không có nhân viên '{v}' trong bảng nhân viên"},
                            rep_hint)
                    if name == "transactions":
                        tx = tx.loc[~badr]
    else:
        seen = pd.unique(pd.concat([tx["rep_id"], cust["rep_id"].dropna() if "rep_id" in cust else tx["rep_id"][:0]]))
        rp = pd.DataFrame({"rep_id": sorted(str(r) for r in seen if r is not None), "name": None})
        rp = rp.set_index("rep_id", drop=False)
        rp.index.name = None
        for c in REPS.names:
            if c not in rp:
                rp[c] = None
        known_reps = set(rp.index)

    if plan is not None and len(plan):
        pl = plan.copy()
        badr = pl["rep_id"].notna().to_numpy() & ~pl["rep_id"].isin(known_reps).to_numpy()
        if badr.any():
            problem("plan", pl, badr, "rep_id",
                    lambda v: {"en": f"the plan names an unknown rep '{v}'", "vi": f"kế hoạch ghi nhân viên không có '{v}'"},
                    {"en": "use a rep code that appears in the reps table or the transactions",
                     "vi": "dùng mã nhân viên có trong bảng nhân viên hoặc bảng giao dịch"})
        badc = pl["customer_id"].notna().to_numpy() & ~pl["customer_id"].isin(known_cust).to_numpy()
        if badc.any():
            problem("plan", pl, badc, "customer_id",
                    lambda v: {"en": f"the plan names an unknown customer '{v}'",
                               "vi": f"kế hoạch ghi khách hàng không có '{v}'"},
                    {"en": "add the customer to the customers table or fix the code",
                     "vi": "thêm khách hàng vào bảng khách hàng hoặc sửa mã"})
        pl = pl.loc[~(badr | badc)]
    else:
        pl = None

    if activities is not None and len(activities):
        act = activities.copy()
        badc = act["customer_id"].notna().to_numpy() & ~act["customer_id"].isin(known_cust).to_numpy()
        if badc.any():
            problem("activities", act, badc, "customer_id",
                    lambda v: {"en": f"unknown customer '{v}'", "vi": f"không có khách hàng '{v}' trong bảng khách hàng"},
                    {"en": "add the customer to the customers table or fix the code",
                     "vi": "thêm khách hàng vào bảng khách hàng hoặc sửa mã"})
        act = act.loc[~badc]
    else:
        act = None

    problems.raise_if_any()   # nothing is built from tables with problems

    # Regions: a transaction without one takes its customer's.
    if "region" in cust:
        fill = tx["customer_id"].map(cust["region"])
        tx["region"] = tx["region"].where(tx["region"].notna(), fill) if "region" in tx else fill
    lines = sorted({str(x) for x in pd.unique(tx["product_line"].dropna())} |
                   (set() if pl is None or "product_line" not in pl else {str(x) for x in pl["product_line"].dropna()}))
    regions = sorted({str(x) for x in pd.unique(tx["region"].dropna())} |
                     ({str(x) for x in cust["region"].dropna()} if "region" in cust else set()) |
                     ({str(x) for x in rp["region"].dropna()} if "region" in rp else set()))
    tx = tx.assign(_row=tx.index.to_numpy())
    tx = tx.sort_values("date", kind="stable").reset_index(drop=True)
    tx["date"] = pd.to_datetime(tx["date"]).astype("datetime64[us]")
    tx["customer_id"] = _categorical(tx["customer_id"], cust_ids)
    tx["rep_id"] = _categorical(tx["rep_id"], list(rp.index))
    tx["product_line"] = _categorical(tx["product_line"], lines)
    tx["region"] = _categorical(tx["region"], regions)
    tx["amount"] = tx["amount"].astype("float64")
    if act is not None:
        act = act.sort_values("date", kind="stable")
        act["date"] = pd.to_datetime(act["date"]).astype("datetime64[us]")
        act["customer_id"] = _categorical(act["customer_id"], cust_ids)
    if pl is not None:
        pl["month"] = pd.to_datetime(pl["month"]).astype("datetime64[us]")
        pl["expected"] = pl["expected"].astype("float64")
    return SalesData(tx, cust, rp, pl, act, tuple(tables), source)


def _table_sources(source: Path) -> dict[str, tuple[Path, str | None]]:
    """Where each table is: ``{name: (file, sheet)}`` in a folder or a workbook."""
    found: dict[str, tuple[Path, str | None]] = {}
    if source.is_dir():
        for name, schema in SCHEMAS.items():
            for cand in (name, *schema.sheet_names):
                for suffix in (".csv", ".xlsx"):
                    p = source / f"{cand}{suffix}"
                    if p.exists() and name not in found:
                        found[name] = (p, None)
        return found
    if source.suffix.lower() == ".xlsx":
        from .tables import find_sheets  # visible sheets first; a hidden one only when named

        return {name: (source, sheet) for name, sheet in find_sheets(source, SCHEMAS).items()}
    if source.suffix.lower() == ".csv":
        return {"transactions": (source, None)}
    raise InputError(f"unsupported sales input {source.suffix or '(folder?)'!r}", file=str(source),
                     hint="give a folder of CSV/XLSX files (transactions, customers, plan, …) or one .xlsx workbook")


def load_sales(source: str | os.PathLike, *, customers: str | os.PathLike | None = None,
               plan: str | os.PathLike | None = None, reps: str | os.PathLike | None = None,
               activities: str | os.PathLike | None = None) -> SalesData:
    """Read a manager's sales tables and check them whole.

    ``source`` is a folder holding ``transactions``, ``customers`` and optionally
    ``plan``, ``reps``, ``activities`` (each ``.csv`` or ``.xlsx``), or one
    ``.xlsx`` workbook with sheets of those names, or the transactions file
    itself (then pass ``customers=`` and the others).  Every problem in every
    table is raised at once as a :class:`~okrkit.errors.ProblemList`.

    >>> import okrkit as ok
    >>> data = ok.load_sales(ok.sample_path("sales"))
    >>> len(data.reps)
    12
    """
    src = Path(source)
    if not src.exists():
        raise InputError("file or folder not found", file=str(src), hint="check the path")
    found = _table_sources(src)
    for name, given in (("customers", customers), ("plan", plan), ("reps", reps), ("activities", activities)):
        if given is not None:
            found[name] = (Path(given), None)
    problems = Problems()
    for name in REQUIRED_TABLES:
        if name not in found:
            schema = SCHEMAS[name]
            book = src.suffix.lower() == '.xlsx'
            problems.add(InputError({"en": f"no {name} table", "vi": f"không có bảng {schema.vi or name}"}, file=str(src),
                                    hint={"en": f"add {'a sheet' if book else 'a file'} named '{name}' ({schema.en}); "
                                                "see `okrkit templates DIR`",
                                          "vi": f"thêm {'một trang tính' if book else 'một tệp'} tên '{name}' "
                                                f"({schema.vi or schema.en}); xem mẫu `okrkit templates DIR`"}))
    tables: dict[str, Table] = {}
    for name, (path, sheet) in found.items():
        t = read_frame(path, SCHEMAS[name], sheet=sheet, problems=problems)
        if t is not None:
            tables[name] = t
    if not all(n in tables for n in REQUIRED_TABLES):
        problems.raise_if_any()
    files = {n: (t.file, t.sheet) for n, t in tables.items()}
    # Cross-table checks see every row (a row with a bad amount may also name an unknown customer);
    # when any problem was found nothing is built, so the rows used are exactly the good ones.
    frames = {n: (t.all_rows if problems and t.all_rows is not None else t.frame) for n, t in tables.items()}
    data = build_sales(frames["transactions"], frames["customers"], frames.get("reps"), frames.get("plan"),
                       frames.get("activities"), tables=tuple(tables.values()), source=str(src),
                       problems=problems, files=files)
    problems.raise_if_any()
    return data


def sample_sales(sample: str | None = None) -> SalesData:
    """A sample company's year of sales, 2025-04..2026-03 (Sao Mai unless ``sample`` or the class says otherwise)."""
    from . import sample_path

    return load_sales(sample_path("sales", sample))


# ---------------------------------------------------------------- what the data covers

def covers(data: SalesData, p: Period) -> bool:
    """Whether the transactions cover all of ``p`` (so a sum over it is a known figure, not a guess at 0).

    The first and last days with a sale bound what is known; a first sale a few days after the period
    starts (a holiday, a weekend) still counts as covering it.
    """
    first, last = data.first_day, data.last_day
    if first is None:
        return False
    slack = timedelta(days=min(3, p.days // 7))
    return first <= p.start + slack and last >= p.end - slack


def check_period(data: SalesData, period: Any, *, lang: str | None = None) -> Period:
    """``period`` as a :class:`Period`, refused (in ``lang``) when it lies outside the data's dates."""
    p = Period.parse(period)
    first, last = data.first_day, data.last_day
    if first is None:
        raise InputError(i18n.t("sales.no_rows", lang), where="period", hint=i18n.t("sales.no_rows.hint", lang))
    if p.end < first or p.start > last:
        raise InputError(i18n.t("sales.outside", lang, period=i18n.period(p.label, lang),
                                first=i18n.date(first, lang), last=i18n.date(last, lang)),
                         where="--period", hint=i18n.t("sales.outside.hint", lang,
                                                       example=Period.quarter(last.year, (last.month - 1) // 3 + 1).label))
    return p


def headline(data: SalesData, period: Any = None, *, lang: str | None = None) -> dict:
    """The figures of a report's first page for ``period``: revenue, plan, growth, run-rate forecast.

    ``as_of`` is the period's last day or the data's last day, whichever is first.
    Growth compares the days elapsed with the same days of the previous period and of
    the same period last year; a comparison the data does not cover is ``None`` (with
    ``*_known`` False), never 0.  ``forecast`` runs the revenue so far at its daily rate to
    the period's end.
    """
    p = check_period(data, period if period is not None else data.latest_month(), lang=lang)
    eng = _engine(data)
    as_of = min(p.end, data.last_day)
    elapsed = (as_of - p.start).days + 1
    so_far = Period(p.start, as_of, "days", f"{p.start}..{as_of}")
    actual = float(eng.sums(so_far)[0].sum())
    values_full, values_so_far = eng.plan_in(p), eng.plan_in(so_far)
    # A month of the period with no plan row at all: the plan for the period is not known (not "that
    # month's plan is 0"), so neither is the forecast's share of it.
    months = _months(p)
    no_plan = [m.label for m in months if (values_full is None or not eng.plan_in(m).sum())]
    plan = None if values_full is None or no_plan else float(values_full.sum())
    so_far_missing = [m for m in no_plan if Period.parse(m).start <= as_of]
    plan_so_far = None if values_so_far is None or so_far_missing or not values_so_far.sum() \
        else float(values_so_far.sum())

    def compared(q: Period) -> tuple[Period, float | None]:
        span = Period(q.start, min(q.end, q.start + timedelta(days=elapsed - 1)), "days", q.label)
        if not covers(data, span):
            return span, None
        return span, float(eng.sums(span)[0].sum())

    prev_span, prev = compared(p.previous())
    ly_span, ly = compared(p.last_year())
    complete = as_of >= p.end
    forecast = actual if complete else actual / elapsed * p.days
    return {
        "period": p, "as_of": as_of, "days": p.days, "elapsed": elapsed, "complete": complete,
        "actual": actual, "plan": plan, "plan_so_far": plan_so_far,
        "achieved": None if not plan_so_far else actual / plan_so_far,
        "previous_period": p.previous(), "previous": prev, "previous_known": prev is not None,
        "growth_previous": None if not prev else actual / prev - 1,
        "last_year_period": p.last_year(), "last_year": ly, "last_year_known": ly is not None,
        "growth_last_year": None if not ly else actual / ly - 1,
        "forecast": forecast, "forecast_achieved": None if not plan else forecast / plan,
        "first_day": data.first_day, "last_day": data.last_day,
        "months_without_plan": [] if values_full is None else no_plan,
    }


def _months(p: Period) -> list[Period]:
    """The calendar months that ``p`` touches."""
    out, y, m = [], p.start.year, p.start.month
    while date(y, m, 1) <= p.end:
        out.append(Period.month(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def monthly(data: SalesData, period: Any = None, *, months: int = 12):
    """Month by month up to ``period``'s last month: actual, plan and the same month last year.

    One row per month from ``months`` months back (not before the data's first month):
    ``month`` (``2026-03``), ``in_period``, ``actual`` (empty for a month after the data),
    ``plan`` (empty without a plan that month), ``achieved``, ``last_year`` (empty when the data
    does not reach back a year), ``growth_last_year``, ``complete`` (the data covers the whole month).
    """
    import numpy as np

    p = Period.parse(period) if period is not None else data.latest_month()
    eng = _engine(data)
    end_y, end_m = p.end.year, p.end.month
    first = data.first_day or p.start
    rows = []
    for k in range(months - 1, -1, -1):
        y, m = divmod(end_y * 12 + end_m - 1 - k, 12)
        mp = Period.month(y, m + 1)
        if mp.end < first.replace(day=1):
            continue
        known = data.last_day is not None and data.last_day >= mp.start and first <= mp.end
        actual = float(eng.sums(mp)[0].sum()) if known else np.nan
        values = eng.plan_in(mp)
        plan = float(values.sum()) if values is not None and values.sum() > 0 else np.nan
        lyp = mp.last_year()
        ly = float(eng.sums(lyp)[0].sum()) if covers(data, lyp) else np.nan
        complete = covers(data, mp)
        rows.append({"month": mp.label, "in_period": mp.start >= p.start and mp.end <= p.end,
                     "actual": actual, "plan": plan,
                     # a month the data covers only in part is not compared with the whole month's plan
                     "achieved": actual / plan if plan and not np.isnan(actual) and complete else np.nan,
                     "last_year": ly, "growth_last_year": actual / ly - 1 if ly and not np.isnan(actual) else np.nan,
                     "complete": complete})
    out = _frame({k: [r[k] for r in rows] for k in ("month", "in_period", "actual", "plan", "achieved", "last_year",
                                                      "growth_last_year", "complete")})
    out.attrs.update(period=p.label)
    return out


# ---------------------------------------------------------------- the engine: cells and a day cube

CUBE_LIMIT = 40_000_000   # days × cells above which period sums are taken from the rows instead


class _Engine:
    """Integer codes and pre-aggregated sums behind every question of the review.

    A *cell* is one (customer, rep, product line, region) combination that
    occurs.  Each row gets its cell number once, when the data is built; sums
    over a period are then cumulative sums of a day × cell cube (two
    subtractions per cell, whatever the number of rows), or — when the cube
    would be too large — one :func:`numpy.bincount` over the period's rows.
    Each customer's first purchase day per product line and its positive-order
    days (sorted) answer "lines bought so far" and "last order" by search.
    """

    def __init__(self, data: SalesData):
        import numpy as np

        tx = data.transactions
        day = tx["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
        cust = tx["customer_id"].cat.codes.to_numpy().astype(np.int64)
        rep = tx["rep_id"].cat.codes.to_numpy().astype(np.int64)
        line = tx["product_line"].cat.codes.to_numpy().astype(np.int64)
        region = tx["region"].cat.codes.to_numpy().astype(np.int64)
        amount = tx["amount"].to_numpy(dtype=np.float64)
        order = amount > 0
        self.n_rows = len(day)
        self.sizes = (len(tx["customer_id"].cat.categories), len(tx["rep_id"].cat.categories),
                      len(tx["product_line"].cat.categories), len(tx["region"].cat.categories))
        nc, nr, nl, ng = self.sizes
        dims = (nc + 1, nr + 1, nl + 1, ng + 1)
        key = ((cust + 1) * dims[1] + rep + 1) * dims[2] + line + 1
        key = key * dims[3] + region + 1
        size = math.prod(dims)
        if self.n_rows == 0:
            cells = np.empty(0, dtype=np.int64)
            cell = np.empty(0, dtype=np.int64)
        elif size <= 20_000_000:
            present = np.bincount(key, minlength=size) > 0
            cells = np.flatnonzero(present)
            lookup = np.cumsum(present) - 1
            cell = lookup[key]
        else:
            cells, cell = np.unique(key, return_inverse=True)
        c, r, l_, g = (x - 1 for x in np.unravel_index(cells, dims))
        self.cell_cust, self.cell_rep, self.cell_line, self.cell_region = c, r, l_, g
        self.n_cells = len(cells)
        self.day, self.cell, self.amount, self.order = day, cell, amount, order.astype(np.float64)
        self.d0 = int(day[0]) if self.n_rows else 0
        self.n_days = int(day[-1] - self.d0 + 1) if self.n_rows else 0
        self.cube = None
        if self.n_rows and self.n_days * self.n_cells <= CUBE_LIMIT:
            flat = (day - self.d0) * self.n_cells + cell
            shape = (self.n_days, self.n_cells)
            amt = np.bincount(flat, weights=amount, minlength=shape[0] * shape[1]).reshape(shape)
            ords = np.bincount(flat, weights=self.order, minlength=shape[0] * shape[1]).reshape(shape)
            rows = np.bincount(flat, minlength=shape[0] * shape[1]).reshape(shape)
            rets = np.bincount(flat, weights=np.minimum(amount, 0.0), minlength=shape[0] * shape[1]).reshape(shape)
            z = np.zeros((1, self.n_cells))
            self.cube = tuple(np.vstack([z, np.cumsum(x, axis=0)]) for x in (amt, ords, rows, rets))
        # first positive order per (customer, line); sorted positive-order keys per customer
        first = np.full(nc * max(nl, 1), np.iinfo(np.int64).max)
        if order.any():
            np.minimum.at(first, cust[order] * nl + line[order], day[order])
        self.first_cl = first.reshape(nc, max(nl, 1))
        self.first_order = self.first_cl.min(axis=1) if nl else np.full(nc, np.iinfo(np.int64).max)
        okey = np.sort(cust[order] * (1 << 32) + (day[order] - self.d0 + (1 << 20)))
        self.order_keys = okey
        # activities
        self.act_day = self.act_cust = None
        if data.activities is not None and len(data.activities):
            self.act_day = data.activities["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
            self.act_cust = data.activities["customer_id"].cat.codes.to_numpy().astype(np.int64)
        # plan rows as arrays
        self.plan = None
        if data.plan is not None and len(data.plan):
            pl = data.plan
            m0 = pl["month"].to_numpy().astype("datetime64[D]")
            m1 = (pl["month"].to_numpy().astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
            cust_codes = _codes(pl["customer_id"], tx["customer_id"].cat.categories)
            rep_codes = _codes(pl["rep_id"], tx["rep_id"].cat.categories)
            line_codes = (_codes(pl["product_line"], tx["product_line"].cat.categories)
                          if "product_line" in pl else np.full(len(pl), -1))
            cust_region = _codes(data.customers["region"], tx["region"].cat.categories) \
                if "region" in data.customers else np.full(nc, -1)
            rep_region = _codes(data.reps["region"], tx["region"].cat.categories) \
                if "region" in data.reps else np.full(nr, -1)
            reg = np.where(cust_codes >= 0, cust_region[np.maximum(cust_codes, 0)], -1)
            reg = np.where((reg < 0) & (rep_codes >= 0), rep_region[np.maximum(rep_codes, 0)], reg)
            self.plan = {"m0": m0.astype(np.int64), "m1": m1.astype(np.int64),
                         "expected": pl["expected"].to_numpy(dtype=np.float64), "customer_id": cust_codes,
                         "rep_id": rep_codes, "product_line": line_codes, "region": reg,
                         "has_line": bool((line_codes >= 0).any())}

    def sums(self, p: Period):
        """``(amount, orders, rows, returns)`` per cell over period ``p`` (returns ≤ 0)."""
        import numpy as np

        a, b = _epoch_day(p.start) - self.d0, _epoch_day(p.end) - self.d0
        a, b = min(max(a, 0), self.n_days), min(max(b + 1, 0), self.n_days)
        if self.cube is not None:
            return tuple(c[b] - c[a] for c in self.cube)
        lo = int(np.searchsorted(self.day, _epoch_day(p.start), side="left"))
        hi = int(np.searchsorted(self.day, _epoch_day(p.end), side="right"))
        cell = self.cell[lo:hi]
        return (np.bincount(cell, weights=self.amount[lo:hi], minlength=self.n_cells),
                np.bincount(cell, weights=self.order[lo:hi], minlength=self.n_cells),
                np.bincount(cell, minlength=self.n_cells).astype(np.float64),
                np.bincount(cell, weights=np.minimum(self.amount[lo:hi], 0.0), minlength=self.n_cells))

    def by(self, values, dim: str):
        """Per-cell values summed to one dimension (codes 0..n-1; missing → dropped)."""
        import numpy as np

        codes = {"customer_id": self.cell_cust, "rep_id": self.cell_rep, "product_line": self.cell_line,
                 "region": self.cell_region}[dim]
        n = self.sizes[("customer_id", "rep_id", "product_line", "region").index(dim)]
        ok = codes >= 0
        return np.bincount(codes[ok], weights=values[ok], minlength=n)

    def last_order(self, end: date):
        """Each customer's last day with a sale (not a return) on or before ``end`` (int days; min = none)."""
        import numpy as np

        nc = self.sizes[0]
        cust = np.arange(nc, dtype=np.int64)
        q = cust * (1 << 32) + (_epoch_day(end) - self.d0 + (1 << 20))
        idx = np.searchsorted(self.order_keys, q, side="right") - 1
        out = np.full(nc, np.iinfo(np.int64).min)
        ok = idx >= 0
        k = self.order_keys[np.maximum(idx, 0)]
        ok &= (k >> 32) == cust
        out[ok] = (k[ok] & ((1 << 32) - 1)) - (1 << 20) + self.d0
        return out

    def bought(self, end: date):
        """Boolean customers × lines: bought (a sale) on or before ``end``."""
        return self.first_cl <= _epoch_day(end)

    def plan_in(self, p: Period):
        """Plan values pro-rated to the days of ``p`` (one per plan row)."""
        import numpy as np

        if self.plan is None:
            return None
        pl = self.plan
        s, e = _epoch_day(p.start), _epoch_day(p.end)
        overlap = np.clip(np.minimum(pl["m1"], e) - np.maximum(pl["m0"], s) + 1, 0, None)
        return pl["expected"] * overlap / (pl["m1"] - pl["m0"] + 1)

    def plan_by(self, values, dim: str):
        import numpy as np

        codes = self.plan[dim]
        n = self.sizes[("customer_id", "rep_id", "product_line", "region").index(dim)]
        ok = codes >= 0
        return np.bincount(codes[ok], weights=values[ok], minlength=n), np.bincount(codes[ok], minlength=n) > 0

    def contacts(self, p: Period):
        """``(contacted in p, last contact day ≤ end)`` per customer, or ``None`` without activities."""
        import numpy as np

        if self.act_day is None:
            return None
        nc = self.sizes[0]
        s, e = _epoch_day(p.start), _epoch_day(p.end)
        inside = (self.act_day >= s) & (self.act_day <= e)
        contacted = np.bincount(self.act_cust[inside], minlength=nc) > 0
        last = np.full(nc, np.iinfo(np.int64).min)
        before = self.act_day <= e
        np.maximum.at(last, self.act_cust[before], self.act_day[before])
        return contacted, last


def _codes(values, categories):
    """Codes of ``values`` among ``categories`` (-1 for missing or unknown)."""
    import numpy as np
    import pandas as pd

    return pd.Categorical(pd.Series(values).astype(object), categories=categories).codes.astype(np.int64)


def _engine(data: SalesData) -> _Engine:
    eng = data._arrays.get("engine")
    if eng is None:
        eng = data._arrays["engine"] = _Engine(data)
    return eng


DIMENSIONS = {"rep": "rep_id", "customer": "customer_id", "product_line": "product_line", "region": "region"}


def _dim(by: str) -> str:
    col = DIMENSIONS.get(by, by)
    if col not in DIMENSIONS.values():
        raise InputError(f"cannot group by '{by}'", where="by", hint=f"use one of: {', '.join(DIMENSIONS)}")
    return col


def _labels(data: SalesData):
    """Object arrays of names: ids per dimension, customer and rep names."""
    import numpy as np

    lab = data._arrays.get("labels")
    if lab is None:
        tx = data.transactions
        lab = {c: np.asarray(tx[c].cat.categories, dtype=object) for c in DIMENSIONS.values()}
        lab["customer"] = data.customers["name"].to_numpy(dtype=object)
        lab["rep"] = (data.reps["name"].to_numpy(dtype=object) if "name" in data.reps
                      else np.full(len(data.reps), None, dtype=object))
        for c in ("stage", "segment", "region", "rep_id"):
            lab[f"customer_{c}"] = (data.customers[c].to_numpy(dtype=object) if c in data.customers
                                    else np.full(len(data.customers), None, dtype=object))
        owner = _codes(data.customers["rep_id"], tx["rep_id"].cat.categories) if "rep_id" in data.customers \
            else np.full(len(data.customers), -1)
        lab["customer_owner"] = owner
        data._arrays["labels"] = lab
    return lab


def _take(names, codes):
    import numpy as np

    out = np.full(len(codes), None, dtype=object)
    ok = codes >= 0
    out[ok] = names[codes[ok]]
    return out


def _frame(columns: dict):
    import pandas as pd

    return pd.DataFrame(columns)


# ---------------------------------------------------------------- plan vs actual

def plan_in_period(data: SalesData, p: Period):
    """Plan rows with ``expected`` pro-rated to the days of ``p`` inside each month.

    A week that straddles two months takes each month's share by days.
    """
    eng = _engine(data)
    values = eng.plan_in(Period.parse(p))
    if values is None:
        return None
    out = data.plan.assign(expected=values)
    return out.loc[values > 0]


def plan_vs_actual(data: SalesData, period: Any = None, *, by: str = "rep", _cut=None):
    """Expected vs actual revenue and % achieved for ``period``, by rep, customer, product line or region.

    Columns: the key (with names), ``plan``, ``actual``, ``achieved`` (actual ÷
    plan, empty without a plan), ``gap`` (actual − plan).  Returns are netted.
    Plan or revenue that has no value in this dimension (a rep-level plan row
    in the customer view, a sale without a region) is a last row with an empty
    key, so each column sums to the period's total.

    >>> import okrkit as ok
    >>> t = ok.plan_vs_actual(ok.sample_sales(), "2026-03", by="region")
    >>> list(t.columns)
    ['region', 'plan', 'actual', 'achieved', 'gap']
    """
    import numpy as np

    p = Period.parse(period) if period is not None else data.latest_month()
    col = _dim(by)
    eng = _engine(data)
    amount, _orders, rows, _returns = _cut if _cut is not None else eng.sums(p)
    actual = eng.by(amount, col)
    present = eng.by(rows, col) > 0
    n = len(actual)
    plan = np.full(n, np.nan)
    values = eng.plan_in(p)
    if values is not None and (col != "product_line" or eng.plan["has_line"]):
        psum, phas = eng.plan_by(values, col)
        has = phas & (psum > 0)
        plan[has] = psum[has]
        present |= has
    lab = _labels(data)
    keys = np.flatnonzero(present)
    names = lab[col][keys]
    order = np.argsort(np.array([str(x) for x in names], dtype=object), kind="stable")
    keys, names = keys[order], names[order]
    a, pl = actual[keys], plan[keys]
    # Revenue or plan with no value in this dimension (a sale without a region, a rep-level plan row in the
    # customer view) is one last row with an empty key, so the column totals are the period's totals.
    codes = {"customer_id": eng.cell_cust, "rep_id": eng.cell_rep, "product_line": eng.cell_line,
             "region": eng.cell_region}[col]
    miss_actual = float(amount[codes < 0].sum())
    miss_rows = float(rows[codes < 0].sum())
    miss_plan = 0.0
    if values is not None and (col != "product_line" or eng.plan["has_line"]):
        miss_plan = float(values[eng.plan[col] < 0].sum())
    placed = bool(np.isfinite(pl).any())
    if miss_plan > 0 and not placed:
        # The plan is not kept at this level at all (a per-rep plan shown by region, with no region for
        # the reps): the plan by this dimension is not known, rather than one row at 0 % and minus the plan.
        pl = np.full(len(pl), np.nan)
    if miss_rows > 0 or (miss_plan > 0 and placed):
        keys = np.append(keys, -1)
        names = np.append(names, np.array([None], dtype=object))
        a = np.append(a, miss_actual)
        pl = np.append(pl, miss_plan if miss_plan > 0 else np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        achieved = np.where(pl > 0, a / pl, np.nan)
    if len(keys) and keys[-1] == -1 and miss_plan > 0:
        achieved[-1] = np.nan   # plan not placed in this dimension: not comparable with the sales that are
    cols = {col: names}
    if col == "rep_id":
        cols["rep"] = _take(lab["rep"], keys)
    elif col == "customer_id":
        cols["customer"] = _take(lab["customer"], keys)
    gap = a - pl
    if len(keys) and keys[-1] == -1 and miss_plan > 0:
        gap[-1] = np.nan
    cols.update(plan=pl, actual=a, achieved=achieved, gap=gap)
    out = _frame(cols)
    out.attrs.update(period=p.label, by=col, plan_unplaced=miss_plan, plan_known=bool(values is not None and (
        placed or miss_plan == 0) and (col != "product_line" or eng.plan["has_line"])))
    return out


# ---------------------------------------------------------------- customers with / without orders

def customer_orders(data: SalesData, period: Any = None, *, _cuts=None):
    """Every customer: ordered in ``period`` or not, with last period, same period last year, contact.

    Columns: ``customer_id``, ``customer``, ``rep_id``, ``rep``, ``stage``,
    ``segment``, ``region``, ``ordered`` (at least one sale, not only a return),
    ``orders``, ``revenue``, ``revenue_previous``, ``revenue_last_year``,
    ``plan``, ``last_order``, ``contacted`` (a call/meeting/task in the period;
    empty when there is no activities table), ``last_contact``.
    """
    import numpy as np
    import pandas as pd

    p = Period.parse(period) if period is not None else data.latest_month()
    eng = _engine(data)
    lab = _labels(data)
    now, prev, ly = _cuts if _cuts is not None else (eng.sums(p), eng.sums(p.previous()), eng.sums(p.last_year()))
    revenue = eng.by(now[0], "customer_id")
    orders = eng.by(now[1], "customer_id")
    values = eng.plan_in(p)
    plan = np.full(len(revenue), np.nan)
    if values is not None:
        psum, phas = eng.plan_by(values, "customer_id")
        plan[phas] = psum[phas]
    owner = lab["customer_owner"]
    cols = {
        "customer_id": lab["customer_id"], "customer": lab["customer"], "rep_id": lab["customer_rep_id"],
        "rep": _take(lab["rep"], owner), "stage": lab["customer_stage"], "segment": lab["customer_segment"],
        "region": lab["customer_region"], "ordered": orders > 0, "orders": np.rint(orders).astype(np.int64),
        "revenue": revenue,
        "revenue_previous": eng.by(prev[0], "customer_id") if covers(data, p.previous()) else np.full(len(revenue), np.nan),
        "revenue_last_year": eng.by(ly[0], "customer_id") if covers(data, p.last_year()) else np.full(len(revenue), np.nan),
        "plan": plan,
        "last_order": _days_to_dates(eng.last_order(p.end)),
    }
    contact = eng.contacts(p)
    if contact is None:
        cols["contacted"] = pd.array([pd.NA] * len(revenue), dtype="boolean")
        cols["last_contact"] = pd.to_datetime(np.full(len(revenue), np.datetime64("NaT"), dtype="datetime64[D]"))
    else:
        cols["contacted"] = contact[0]
        cols["last_contact"] = _days_to_dates(contact[1])
    order = np.lexsort((np.arange(len(revenue)), -revenue, ~(orders > 0)))
    out = _frame(cols)
    return out.take(order).reset_index(drop=True)


def _days_to_dates(days):
    import numpy as np
    import pandas as pd

    valid = days > np.iinfo(np.int64).min
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[D]")
    out[valid] = days[valid].astype("datetime64[D]")
    return pd.to_datetime(out)


def customers_without_orders(data: SalesData, period: Any = None, *, stages=("first-orders", "partner")):
    """Customers in ``stages`` who did not order in ``period`` (the rep's follow-up list)."""
    t = customer_orders(data, period)
    return t.loc[~t["ordered"] & t["stage"].isin(stages)].reset_index(drop=True)


# ---------------------------------------------------------------- drill-down

LEVELS = ("product_line", "region", "rep_id", "customer_id")


def drilldown(data: SalesData, period: Any = None, *, against: str = "previous", direction: str = "decline",
              limit: int | None = None, _cuts=None):
    """Falling (or rising) revenue: product lines → regions → reps → customers, as a tidy table.

    Compares ``period`` with the period before (``against="previous"``) or the
    same period last year (``"last_year"``).  A row is kept when its change goes
    in ``direction`` (``decline``: below 0, ``growth``: above 0) and so does its
    parent's.  ``limit`` keeps the largest movers per parent.  Rows are in
    reading order (each line, then its regions, …); ``level`` and ``depth`` say
    which level a row is.
    """
    import numpy as np

    p = Period.parse(period) if period is not None else data.latest_month()
    if against not in ("previous", "last_year"):
        raise InputError(f"unknown comparison '{against}'", where="against", hint="use 'previous' or 'last_year'")
    if direction not in ("decline", "growth"):
        raise InputError(f"unknown direction '{direction}'", where="direction", hint="use 'decline' or 'growth'")
    q = p.previous() if against == "previous" else p.last_year()
    sign = -1.0 if direction == "decline" else 1.0
    eng = _engine(data)
    if not covers(data, q):
        out = _frame({c: np.array([], dtype=object) for c in ("level", "product_line", "region", "rep_id", "rep",
                                                               "customer_id", "customer")})
        for c in ("depth",):
            out[c] = np.array([], dtype=np.int64)
        for c in ("before", "now", "change", "change_pct"):
            out[c] = np.array([], dtype=np.float64)
        out = out[["level", "depth", "product_line", "region", "rep_id", "rep", "customer_id", "customer",
                   "before", "now", "change", "change_pct"]]
        out.attrs.update(period=p.label, against=q.label, direction=direction, known=False)
        return out
    now, before = _cuts if _cuts is not None else (eng.sums(p)[0], eng.sums(q)[0])
    nc, nr, nl, ng = eng.sizes
    codes = (eng.cell_line, eng.cell_region, eng.cell_rep, eng.cell_cust)
    dims = (nl + 1, ng + 1, nr + 1, nc + 1)
    # group id of every cell at every depth, and sums per group
    key = np.zeros(eng.n_cells, dtype=np.int64)
    groups = []            # per depth: (unique keys, cell → group, now, before)
    for depth in range(4):
        key = key * dims[depth] + codes[depth] + 1
        uniq, inv = np.unique(key, return_inverse=True)
        groups.append((uniq, inv, np.bincount(inv, weights=now, minlength=len(uniq)),
                       np.bincount(inv, weights=before, minlength=len(uniq))))
    parent_of = []          # per depth ≥ 1: group → parent group
    for depth in range(1, 4):
        inv_child, inv_parent = groups[depth][1], groups[depth - 1][1]
        par = np.zeros(len(groups[depth][0]), dtype=np.int64)
        par[inv_child] = inv_parent
        parent_of.append(par)
    # keep by sign, parent kept, limit per parent; emit in reading order
    kept = []
    for depth in range(4):
        uniq, _inv, n_, b_ = groups[depth]
        ch = n_ - b_
        ok = ch * sign > 0
        if depth:
            ok &= kept[depth - 1][parent_of[depth - 1]]
        kept.append(ok)
    children: dict = {}
    for depth in range(1, 4):
        for g in np.flatnonzero(kept[depth]):
            children.setdefault((depth - 1, int(parent_of[depth - 1][g])), []).append(int(g))
    asc = direction == "decline"

    def ordered(depth, ids):
        ch = groups[depth][2][ids] - groups[depth][3][ids]
        o = np.argsort(ch if asc else -ch, kind="stable")
        ids = [ids[i] for i in o]
        return ids if limit is None else ids[:limit]

    rows = []

    def walk(depth, ids):
        for g in ordered(depth, ids):
            rows.append((depth, g))
            if depth < 3:
                walk(depth + 1, children.get((depth, g), []))

    walk(0, [int(g) for g in np.flatnonzero(kept[0])])
    lab = _labels(data)
    n = len(rows)
    depth_arr = np.array([d for d, _ in rows], dtype=np.int64)
    level_codes = {c: np.full(n, -1, dtype=np.int64) for c in LEVELS}
    before_v, now_v = np.zeros(n), np.zeros(n)
    for i, (d, g) in enumerate(rows):
        k = int(groups[d][0][g])
        parts = []
        for dd in range(d, -1, -1):
            parts.append(k % dims[dd] - 1)
            k //= dims[dd]
        for dd, code in zip(range(d + 1), reversed(parts)):
            level_codes[LEVELS[dd]][i] = code
        now_v[i], before_v[i] = groups[d][2][g], groups[d][3][g]
    change = now_v - before_v
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(before_v != 0, change / np.abs(before_v), np.nan)
    out = _frame({
        "level": np.array([LEVELS[d] for d in depth_arr], dtype=object), "depth": depth_arr,
        "product_line": _take(lab["product_line"], level_codes["product_line"]),
        "region": _take(lab["region"], level_codes["region"]),
        "rep_id": _take(lab["rep_id"], level_codes["rep_id"]), "rep": _take(lab["rep"], level_codes["rep_id"]),
        "customer_id": _take(lab["customer_id"], level_codes["customer_id"]),
        "customer": _take(lab["customer"], level_codes["customer_id"]),
        "before": before_v, "now": now_v, "change": change, "change_pct": pct,
    })
    out.attrs.update(period=p.label, against=q.label, direction=direction, known=True)
    return out


# ---------------------------------------------------------------- top customers, cross-sell

def top_customers(data: SalesData, period: Any = None, *, share: float = 0.1, _cut=None):
    """The top ``share`` (5%, 10%, …) of buying customers by revenue in ``period``.

    Columns: ``rank``, ``customer_id``, ``customer``, ``rep_id``, ``rep``,
    ``revenue``, ``share_of_revenue``, ``lines_bought``, ``lines_not_bought``.
    Lines bought count everything the customer bought up to the period's end.
    """
    import numpy as np

    if not 0 < share <= 1:
        raise InputError(f"share {share} is outside (0, 1]", where="share", hint="use 0.05 for the top 5%, 0.1 for 10%")
    p = Period.parse(period) if period is not None else data.latest_month()
    eng = _engine(data)
    lab = _labels(data)
    amount = _cut[0] if _cut is not None else eng.sums(p)[0]
    revenue = eng.by(amount, "customer_id")
    buyers = np.flatnonzero(revenue > 0)
    k = max(1, math.ceil(share * len(buyers))) if len(buyers) else 0
    order = buyers[np.lexsort((buyers, -revenue[buyers]))][:k]
    bought = eng.bought(p.end)
    lines = lab["product_line"]
    total = revenue[revenue > 0].sum()
    owner = lab["customer_owner"][order]
    return _frame({
        "rank": np.arange(1, len(order) + 1), "customer_id": lab["customer_id"][order],
        "customer": lab["customer"][order], "rep_id": lab["customer_rep_id"][order], "rep": _take(lab["rep"], owner),
        "revenue": revenue[order], "share_of_revenue": revenue[order] / total if total else np.full(len(order), np.nan),
        "lines_bought": bought[order].sum(axis=1).astype(np.int64),
        "lines_not_bought": np.array([", ".join(lines[~bought[i]]) for i in order], dtype=object),
    })


def cross_sell(data: SalesData, period: Any = None, *, share: float = 0.1, _top=None):
    """Cross-sell list: for each top customer, each product line not bought yet (one row each)."""
    import numpy as np

    p = Period.parse(period) if period is not None else data.latest_month()
    top = _top if _top is not None else top_customers(data, p, share=share)
    eng = _engine(data)
    lab = _labels(data)
    idx = {c: i for i, c in enumerate(lab["customer_id"])}
    rows = [idx[c] for c in top["customer_id"]]
    bought = eng.bought(p.end)[rows] if rows else np.zeros((0, len(lab["product_line"])), dtype=bool)
    ti, li = np.nonzero(~bought)
    return _frame({
        "rank": top["rank"].to_numpy()[ti], "customer_id": top["customer_id"].to_numpy(dtype=object)[ti],
        "customer": top["customer"].to_numpy(dtype=object)[ti], "rep_id": top["rep_id"].to_numpy(dtype=object)[ti],
        "rep": top["rep"].to_numpy(dtype=object)[ti], "revenue": top["revenue"].to_numpy()[ti],
        "product_line": lab["product_line"][li],
    })


# ---------------------------------------------------------------- stage growth

def stage_growth(data: SalesData, period: Any = None):
    """Customer counts per stage at the start and end, and the transitions between them.

    Returns a tidy table with one row per (``from_stage``, ``to_stage``) pair
    that occurred, ``customers`` (count) and ``moved`` (the stage changed), plus
    ``attrs["counts"]``: a table of stage, start, end, change.  The start stage
    is the customer table's ``previous_stage``; customers with no previous
    stage count as new (``from_stage`` = ``new``).  When ``period`` is given,
    ``new_buyers`` in ``attrs`` counts customers whose first sale falls in it.
    """
    import numpy as np

    lab = _labels(data)
    names = ("new", *STAGES)
    idx = {s: i for i, s in enumerate(names)}
    cust = data.customers
    end = np.array([idx.get(s, -1) if isinstance(s, str) else -1 for s in lab["customer_stage"]])
    start_raw = cust["previous_stage"].to_numpy(dtype=object) if "previous_stage" in cust \
        else np.full(len(cust), None, dtype=object)
    known = any(isinstance(x, str) for x in start_raw)
    start = np.array([idx.get(s, 0) if isinstance(s, str) else 0 for s in start_raw])
    ok = end >= 0
    pair = np.bincount(start[ok] * len(names) + end[ok], minlength=len(names) ** 2)
    nz = np.flatnonzero(pair)
    f, t = nz // len(names), nz % len(names)
    arr_names = np.array(names, dtype=object)
    g = _frame({"from_stage": arr_names[f], "to_stage": arr_names[t], "customers": pair[nz].astype(np.int64),
                "moved": f != t})
    s_counts = np.bincount(start[ok], minlength=len(names))[1:]
    e_counts = np.bincount(end[ok], minlength=len(names))[1:]
    g.attrs["counts"] = _frame({"stage": np.array(STAGES, dtype=object), "start": s_counts.astype(np.int64),
                                "end": e_counts.astype(np.int64), "change": (e_counts - s_counts).astype(np.int64)})
    # Without a previous_stage column nobody's starting stage is known: the start counts and the moves are
    # unknown (not "everyone is new").
    g.attrs["known"] = known
    if not known:
        counts = g.attrs["counts"]
        counts["start"] = np.nan
        counts["change"] = np.nan
        g = _frame({"from_stage": np.array([], dtype=object), "to_stage": np.array([], dtype=object),
                    "customers": np.array([], dtype=np.int64), "moved": np.array([], dtype=bool)})
        g.attrs.update(counts=counts, known=False)
    if period is not None:
        p = Period.parse(period)
        first = _engine(data).first_order
        g.attrs["new_buyers"] = int(((first >= _epoch_day(p.start)) & (first <= _epoch_day(p.end))).sum())
    return g


# ---------------------------------------------------------------- the review

@dataclass(frozen=True, eq=False)
class SalesReview:
    """One period's sales review: every table of the meeting, ready to show or export."""

    period: Period
    compared_with: Period
    totals: dict
    by_rep: Any
    by_customer: Any
    by_product_line: Any
    by_region: Any
    customers: Any
    decline: Any
    growth: Any
    top: Any
    cross_sell: Any
    stages: Any
    lang: str = "en"

    def tables(self) -> dict:
        """Every table by a short name (one Excel sheet each)."""
        return {"plan_by_rep": self.by_rep, "plan_by_customer": self.by_customer,
                "plan_by_product_line": self.by_product_line, "plan_by_region": self.by_region,
                "customers": self.customers,
                "customers_no_orders": self.customers.loc[~self.customers["ordered"]].reset_index(drop=True),
                "decline": self.decline, "growth": self.growth, "top_customers": self.top,
                "cross_sell": self.cross_sell, "stage_transitions": self.stages,
                "stage_counts": self.stages.attrs.get("counts")}

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang or self.lang)
        t = self.totals
        ach = "—" if t["achieved"] is None else i18n.percent(t["achieved"], lang)
        money = {k: _money(t[k], lang) for k in ("plan", "actual")}
        return [
            i18n.t("sales.head", lang, period=i18n.period(self.period.label, lang)),
            i18n.t("sales.totals", lang, plan=money["plan"], actual=money["actual"], achieved=ach),
            (i18n.t("sales.customers", lang, ordered=t["customers_ordered"], without=t["customers_without"],
                uncontacted=t["without_not_contacted"]) if t["without_not_contacted"] is not None else
         i18n.t("sales.customers.no_activities", lang, ordered=t["customers_ordered"],
                without=t["customers_without"])),
            i18n.t("sales.decline", lang, lines=", ".join(self.decline.loc[self.decline["depth"] == 0,
                                                                             "product_line"].astype(str)) or "—",
                   against=i18n.period(self.compared_with.label, lang)),
            i18n.t("sales.growth", lang, lines=", ".join(self.growth.loc[self.growth["depth"] == 0,
                                                                           "product_line"].astype(str)) or "—"),
            i18n.t("sales.top", lang, n=len(self.top), pairs=len(self.cross_sell)),
        ]

    def to_dict(self) -> dict:
        return {"period": self.period.label, "compared_with": self.compared_with.label,
                "totals": {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in self.totals.items()}}

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in self.lines()[1:])
        return f"<div class='okrkit-sales'><b>{html.escape(self.lines()[0])}</b><ul>{items}</ul></div>"


def _money(x, lang: str = "en") -> str:
    """``27.58 billion`` (en) or ``27,58 tỷ`` (vi); millions as ``million`` / ``triệu``."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if abs(x) >= 1e9:
        return i18n.number(x / 1e9, lang, decimals=2) + " " + ("tỷ" if lang == "vi" else "billion")
    if abs(x) >= 1e6:
        return i18n.number(x / 1e6, lang, decimals=1) + " " + ("triệu" if lang == "vi" else "million")
    return i18n.number(x, lang, decimals=0)


def review(data: SalesData, period: Any = None, *, against: str = "previous", share: float = 0.1,
           limit: int | None = 5, lang: str | None = None) -> SalesReview:
    """Run the whole sales review for ``period`` (default: the latest month with sales)."""
    import numpy as np

    p = check_period(data, period, lang=lang) if period is not None else data.latest_month()
    q = p.previous() if against == "previous" else p.last_year()
    eng = _engine(data)
    now, prev, ly = eng.sums(p), eng.sums(p.previous()), eng.sums(p.last_year())
    before = prev if against == "previous" else ly
    by = {k: plan_vs_actual(data, p, by=k, _cut=now) for k in ("rep", "customer", "product_line", "region")}
    customers = customer_orders(data, p, _cuts=(now, prev, ly))
    plan_col = by["rep"]["plan"].to_numpy()
    plan_total = float(np.nansum(plan_col)) if np.isfinite(plan_col).any() else float("nan")
    actual = float(now[0].sum())
    ordered = customers["ordered"].to_numpy(dtype=bool)
    active = customers["stage"].isin(("first-orders", "partner")).to_numpy(dtype=bool)
    without = ~ordered & active
    contacted = customers["contacted"]
    # Without an activities table nobody's contacts are known: the count is unknown, not 0.
    not_contacted = None if data.activities is None else int(
        (without & ~contacted.fillna(True).to_numpy(dtype=bool)).sum())
    totals = {
        "plan": plan_total, "actual": actual,
        "achieved": actual / plan_total if plan_total and not math.isnan(plan_total) else None,
        "customers_ordered": int(ordered.sum()),
        "customers_without": int(without.sum()),
        "without_not_contacted": not_contacted,
        "transactions": round(now[2].sum()),
        "returns": float(-now[3].sum()),
    }
    top = top_customers(data, p, share=share, _cut=now)
    return SalesReview(p, q, totals, by["rep"], by["customer"], by["product_line"], by["region"], customers,
                       drilldown(data, p, against=against, direction="decline", limit=limit, _cuts=(now[0], before[0])),
                       drilldown(data, p, against=against, direction="growth", limit=limit, _cuts=(now[0], before[0])),
                       top, cross_sell(data, p, share=share, _top=top),
                       stage_growth(data, p), lang=i18n.get_lang(lang))


i18n.register({
    "sales.head": {"en": "Sales review {period}", "vi": "Họp giao ban kinh doanh {period}"},
    "sales.totals": {"en": "Plan {plan}, actual {actual}, achieved {achieved}",
                     "vi": "Kế hoạch {plan}, thực tế {actual}, đạt {achieved}"},
    "sales.customers": {"en": "{ordered} customers ordered; {without} active customers did not "
                              "({uncontacted} of them not contacted)",
                        "vi": "{ordered} khách hàng có đơn; {without} khách hàng đang hợp tác chưa có đơn "
                              "({uncontacted} khách chưa được liên hệ)"},
    "stage.prospect": {"en": "prospect", "vi": "tiềm năng"},
    "stage.approaching": {"en": "approaching", "vi": "đang tiếp cận"},
    "stage.first-orders": {"en": "first orders", "vi": "bắt đầu hợp tác"},
    "stage.partner": {"en": "long-term partner", "vi": "đối tác lâu dài"},
    "stage.new": {"en": "new", "vi": "mới"},
    "sales.customers.no_activities": {
        "en": "{ordered} customers ordered; {without} active customers did not (whether they were contacted "
              "is not known: no activities table)",
        "vi": "{ordered} khách hàng có đơn; {without} khách hàng đang hợp tác chưa có đơn (không rõ đã được "
              "liên hệ chưa: không có bảng hoạt động)"},
    "sales.outside": {"en": "the period {period} is outside the sales data, which runs from {first} to {last}",
                      "vi": "kỳ {period} nằm ngoài dữ liệu bán hàng (dữ liệu từ {first} đến {last})"},
    "sales.outside.hint": {"en": "choose a period inside those dates, e.g. --period {example}",
                           "vi": "chọn một kỳ trong khoảng đó, ví dụ --period {example}"},
    "sales.no_rows": {"en": "the transactions table has no sales", "vi": "bảng giao dịch không có dòng bán hàng nào"},
    "sales.no_rows.hint": {"en": "add the sales rows and run again", "vi": "thêm các dòng bán hàng rồi chạy lại"},
    "sales.decline": {"en": "Falling product lines (vs {against}): {lines}",
                      "vi": "Dòng sản phẩm giảm doanh số (so với {against}): {lines}"},
    "sales.growth": {"en": "Rising product lines: {lines}", "vi": "Dòng sản phẩm tăng doanh số: {lines}"},
    "sales.top": {"en": "Top customers: {n}; product lines they do not buy yet: {pairs} pairs",
                  "vi": "Khách hàng lớn: {n}; dòng sản phẩm họ chưa mua: {pairs} cặp"},
})
