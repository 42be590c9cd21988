"""The planning report: a manager's quarter, from their own files to one HTML page and one workbook.

:func:`build_report` reads a manager's OKR file, KPI file (a table of
department KPIs, or a cascade YAML), sales tables and weekly check-ins —
checking every file whole and raising one :class:`~okrkit.errors.ProblemList`
with every problem of every file — then lints the OKRs, scores them, cascades
the company goal and scores departments, reviews sales and summarises the
check-ins.  The :class:`PlanningReport` it returns writes a self-contained
HTML page whose first page gives the headline figures and the three things to
act on (:mod:`okrkit.report_html`: charts as inline SVG, no script, no CDN; every
user text escaped) and a formatted Excel workbook with one sheet per table
(:mod:`okrkit.report_xlsx`).  Every title, column name and value is in the
report's language; what the inputs cannot tell is said in words, never shown as 0.

With no file given at all, the report is the sample company's
(Công ty Phần mềm Sao Mai, 2026-Q1).  With some files given, the sections
whose file is missing say so instead of showing the sample.

Examples
--------
>>> from okrkit.report import build_report
>>> r = build_report(charts=False)
>>> [s.key for s in r.sections]
['summary', 'monthly', 'breakdown', 'drilldown', 'customers', 'top', 'checkins', 'okrs', 'cascade', 'inputs']
"""

from __future__ import annotations

import html
import io
import math
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import i18n
from .errors import InputError, OkrkitError, ProblemList
from .tables import Column, Problems, Schema, read_frame

KPIS = Schema("kpis", (
    Column("department", "text", en="department (as in the OKR owners)", vi="bộ phận", example="Kinh doanh",
           headers=("bộ phận", "phòng ban")),
    Column("kpi_id", "id", en="KPI id", vi="mã KPI", example="revenue", headers=("kpi", "mã kpi")),
    Column("target", "number", en="target", vi="chỉ tiêu", example="12 tỷ", headers=("chỉ tiêu", "mục tiêu")),
    Column("actual", "number", en="actual (empty if not known yet)", vi="thực tế (để trống nếu chưa có)",
           example="10,2 tỷ", headers=("thực tế", "kết quả"), optional_value=True),
    Column("weight", "number", en="weight of the KPI in the department's score (a department's weights sum to 1)",
           vi="trọng số trong điểm của bộ phận (tổng trọng số mỗi bộ phận bằng 1)", example=0.7, min=0, max=1,
           headers=("trọng số",)),
    Column("name", "text", required=False, en="KPI name", vi="tên KPI", example="Doanh thu", headers=("tên", "tên kpi")),
    Column("unit", "text", required=False, en="unit", vi="đơn vị", example="VND", headers=("đơn vị",)),
    Column("baseline", "number", required=False, en="starting level (optional)", vi="mức xuất phát (không bắt buộc)",
           example="", headers=("mức đầu kỳ",)),
    Column("direction", "choice", required=False, en="increase (more is better) or decrease",
           vi="increase (càng cao càng tốt) hoặc decrease (càng thấp càng tốt)", example="increase",
           choices=("increase", "decrease"), aliases=(("tăng", "increase"), ("giảm", "decrease")),
           headers=("chiều",)),
), key=("department", "kpi_id"), en="one row per department KPI with its weight",
    vi="mỗi dòng một KPI của một bộ phận, kèm trọng số", sheet_names=("kpi",),
    more_examples=({"department": "Kinh doanh", "kpi_id": "new_customers", "target": 600, "actual": 430,
                    "weight": 0.3, "name": "Khách hàng trả phí mới", "unit": "khách hàng", "direction": "increase"},))


# ---------------------------------------------------------------- department KPIs from a table

def load_kpis(path: str | os.PathLike, *, problems: Problems | None = None):
    """Read a department KPI table (CSV/XLSX); weights of each department must sum to 1."""
    own = problems is None
    problems = Problems() if own else problems
    t = read_frame(path, KPIS, problems=problems)
    frame = None
    if t is not None:
        frame = t.frame
        sums = frame.groupby("department", sort=False)["weight"].sum()
        for dept, total in sums.items():
            if abs(total - 1.0) > 0.005:
                first = frame.index[frame["department"] == dept][0]
                problems.add(t.problem({"en": f"weights for '{dept}' sum to {total:.2f}, not 1.00",
                                        "vi": f"tổng trọng số của '{dept}' là {i18n.number(total, 'vi', decimals=2)}, "
                                              "không phải 1"}, row=int(first), column="weight",
                                       hint={"en": "change one weight so the department's weights add up to 1",
                                             "vi": "sửa một trọng số để tổng trọng số của bộ phận bằng 1"}))
    if own:
        problems.raise_if_any()
    return frame, t


def department_scores(kpis, *, cap: float = 1.0):
    """Each department's score: Σ weight × KPI score (KPI score = progress to target, 0 … ``cap``)."""
    import pandas as pd

    from .scoring import band, raw_progress

    rows = []
    for r in kpis.itertuples():
        kind = r.direction if isinstance(r.direction, str) else "increase"
        base = None if r.baseline is None or (isinstance(r.baseline, float) and math.isnan(r.baseline)) else r.baseline
        actual = None if r.actual is None or (isinstance(r.actual, float) and math.isnan(r.actual)) else r.actual
        raw = raw_progress(kind, baseline=base, target=r.target, current=actual)
        s = None if raw is None else min(max(raw, 0.0), cap)
        rows.append({"department": r.department, "kpi_id": r.kpi_id, "kpi": r.name, "target": r.target,
                     "actual": actual, "weight": r.weight, "kpi_score": s,
                     "contribution": None if s is None else s * r.weight})
    detail = pd.DataFrame(rows)
    out = []
    for dept, g in detail.groupby("department", sort=False):
        scored = g.dropna(subset=["kpi_score"])
        w = scored["weight"].sum()
        score = float((scored["kpi_score"] * scored["weight"]).sum() / w) if w > 0 else None
        out.append({"department": dept, "score": score, "band": band(score), "kpis": len(g),
                    "scored": len(scored)})
    summary = pd.DataFrame(out)
    if len(summary):
        summary["rank"] = summary["score"].rank(ascending=False, method="min").astype("Int64")
    return summary, detail


# ---------------------------------------------------------------- the report's parts

@dataclass(frozen=True)
class Sheet:
    """One table of the report: a title in the report's language, the data, and its columns.

    ``columns`` holds ``(column, header, kind)``: the header in the report's language and the
    kind that decides how a value is written (``money``, ``pct``, ``date``, ``stage``…).  The
    HTML page shows the first ``show`` rows and says how many more the workbook holds.
    """

    key: str
    title: str
    frame: Any
    columns: tuple[tuple[str, str, str], ...]
    show: int = 15
    note: str | None = None
    html: bool = True


@dataclass(frozen=True)
class Section:
    """One part of the report: a title, a few lines, tables and charts (``cards``/``actions`` on page one)."""

    key: str
    title: str
    lines: tuple[str, ...] = ()
    tables: tuple[Sheet, ...] = ()
    charts: tuple[Any, ...] = ()
    note: str | None = None
    cards: tuple[dict, ...] = ()
    actions: tuple[dict, ...] = ()


@dataclass(frozen=True, eq=False)
class PlanningReport:
    """The manager's planning report; ``write(folder)`` gives ``report.html`` and ``report.xlsx``."""

    title: str
    lang: str
    sections: tuple[Section, ...]
    inputs: tuple[tuple[str, str], ...] = ()
    created: str = field(default_factory=lambda: datetime.now().strftime("%Y-%m-%d %H:%M"))
    subtitle: str = ""
    figures: dict = field(default_factory=dict)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def sheets(self) -> list[Sheet]:
        return [sh for s in self.sections for sh in s.tables if sh.frame is not None]

    def frames(self) -> dict:
        """Every table's data by its key (``by_rep``, ``customers_no_orders``…), for programs."""
        return {sh.key: sh.frame for sh in self.sheets()}

    def tables(self) -> dict:
        """Every table as the workbook holds it: by sheet name, with the headers in the report's language."""
        from .report_html import value_text
        from .report_xlsx import sheet_name

        taken = {i18n.t("report.summary_sheet", self.lang).lower()}
        out = {}
        for sh in self.sheets():
            import pandas as pd

            data = {}
            for col, header, kind in sh.columns:
                series = sh.frame[col] if col in sh.frame else pd.Series([None] * len(sh.frame), index=sh.frame.index)
                data[header] = series if kind in ("money", "signed_money", "int", "number", "pct", "signed_pct",
                                                  "ratio", "date") else series.map(lambda v, k=kind: value_text(v, k, self.lang))
            out[sheet_name(sh.title, taken)] = pd.DataFrame(data)
        return out

    def lines(self) -> list[str]:
        out = [self.title]
        if self.subtitle:
            out.append(self.subtitle)
        for s in self.sections:
            out.append("")
            out.append(s.title)
            out += [f"  {c['label']}: {c['value']}" + (f" ({c['sub']})" if c.get("sub") else "") for c in s.cards]
            out += [f"  {i}. {a['title']} — {a['text']}" for i, a in enumerate(s.actions, 1)]
            out += [f"  {x}" for x in s.lines]
            if s.note:
                out.append(f"  ({s.note})")
        return out

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def part(self, *keys: str) -> ReportPart:
        """Some sections (by key: ``summary``, ``monthly``, ``okrs``…) as a notebook shows them: the report's own
        tables, charts and words in the report's language; a key the report lacks is left out."""
        return ReportPart(self, keys)

    def _repr_html_(self) -> str:
        parts = [f"<h3>{html.escape(self.title)}</h3>"]
        for s in self.sections:
            items = [f"{c['label']}: {c['value']}" for c in s.cards] + [f"{a['title']} — {a['text']}" for a in s.actions]
            items += list(s.lines)
            parts.append(f"<b>{html.escape(s.title)}</b><ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in items)
                         + (f"<li><i>{html.escape(s.note)}</i></li>" if s.note else "") + "</ul>")
        return "<div class='okrkit-report'>" + "".join(parts) + "</div>"

    def to_dict(self) -> dict:
        return {"title": self.title, "lang": self.lang, "created": self.created,
                "inputs": [{"input": k, "file": Path(v).name} for k, v in self.inputs],
                "figures": {k: (v.label if hasattr(v, "label") else str(v) if isinstance(v, date) else v)
                            for k, v in self.figures.items()},
                "sections": [{"key": s.key, "title": s.title, "lines": list(s.lines), "note": s.note,
                              "cards": list(s.cards), "actions": list(s.actions),
                              "tables": [sh.key for sh in s.tables if sh.frame is not None]} for s in self.sections]}

    # -- output
    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS and SVG; no script, no link)."""
        from .report_html import render

        return render(self)

    def write_html(self, path: str | os.PathLike) -> Path:
        from .files import atomic_write

        return atomic_write(path, self.to_html())

    def write_excel(self, path: str | os.PathLike) -> Path:
        """The workbook: a summary sheet (the report's lines) first, then one formatted sheet per table."""
        from .files import atomic_write
        from .report_html import value_text
        from .report_xlsx import write_workbook

        data = write_workbook([(sh.title, sh.frame, sh.columns) for sh in self.sheets()], self.lang,
                              lambda v, k: value_text(v, k, self.lang), summary=self.lines(),
                              summary_title=i18n.t("report.summary_sheet", self.lang))
        return atomic_write(path, data)

    def write_pdf(self, path: str | os.PathLike, *, html_path: str | os.PathLike | None = None) -> Path:
        """The report printed to A4 PDF by Chromium (headless, offline), for the board pack."""
        from .report_html import print_pdf

        return print_pdf(self, path, html_path=html_path)

    def write(self, folder: str | os.PathLike, *, name: str = "report") -> tuple[Path, Path]:
        """Write ``<name>.html`` and ``<name>.xlsx`` into ``folder``."""
        folder = Path(folder)
        return self.write_html(folder / f"{name}.html"), self.write_excel(folder / f"{name}.xlsx")


# ---------------------------------------------------------------- building

class ReportPart:
    """Sections of a :class:`PlanningReport` for a notebook output (HTML with a scoped style; text otherwise)."""

    def __init__(self, report: PlanningReport, keys):
        self.report, self.keys = report, tuple(keys)

    def _repr_html_(self) -> str:
        from .report_html import section_html

        return section_html(self.report, self.keys)

    def __repr__(self) -> str:
        lines = []
        for s in self.report.sections:
            if s.key in self.keys:
                lines += [s.title, *(f"  {x}" for x in s.lines)] + ([f"  ({s.note})"] if s.note else [])
        return "\n".join(lines)


@dataclass
class _Inputs:
    okrs: Any = None
    okr_table: Any = None      # how the OKR table was read (CSV/XLSX), for the Inputs section
    kpis: Any = None
    kpi_table: Any = None
    cascade: Any = None
    sales: Any = None
    checkins: Any = None
    files: list = field(default_factory=list)


def load_inputs(*, okr_file=None, kpi_file=None, sales_file=None, checkins_file=None, cascade_file=None) -> _Inputs:
    """Read every input; every problem in every file is raised together as one ProblemList."""
    sample = all(x in (None, "") for x in (okr_file, kpi_file, sales_file, checkins_file, cascade_file))
    problems: list[OkrkitError] = []
    got = _Inputs()

    def attempt(fn):
        try:
            return fn()
        except ProblemList as exc:
            problems.extend(exc.problems)
        except OkrkitError as exc:
            problems.append(exc)
        return None

    from . import sample_path
    from .files import load_okrs

    okr_path = sample_path("company.yaml") if sample else okr_file
    if okr_path:
        def load_okr():
            if Path(str(okr_path)).suffix.lower() in (".csv", ".xlsx"):
                from .files import read_okr_table

                okrs, got.okr_table = read_okr_table(okr_path)
                return okrs
            return load_okrs(okr_path)
        got.okrs = attempt(load_okr)
        got.files.append(("okr_file", str(okr_path)))
    kpi_suffix = Path(str(kpi_file)).suffix.lower() if kpi_file else ""
    if kpi_file and kpi_suffix in (".yaml", ".yml", ".json") and not cascade_file:
        cascade_file, kpi_file = kpi_file, None
    casc_path = sample_path("cascade.yaml") if sample else cascade_file
    if casc_path:
        def load_casc():
            try:
                from .cascade import load_cascade
            except ImportError:  # the cascade section is optional
                return None
            return load_cascade(casc_path)
        got.cascade = attempt(load_casc)
        got.files.append(("cascade_file", str(casc_path)))
    if kpi_file:
        def load_kpi_table():
            return load_kpis(kpi_file)
        res = attempt(load_kpi_table)
        if res is not None:
            got.kpis, got.kpi_table = res
        got.files.append(("kpi_file", str(kpi_file)))
    sales_path = sample_path("sales") if sample else sales_file
    if sales_path:
        def load_sales_():
            from .sales import load_sales

            return load_sales(sales_path)
        got.sales = attempt(load_sales_)
        got.files.append(("sales_file", str(sales_path)))
    check_path = sample_path("sales/checkins.csv") if sample else checkins_file
    if check_path:
        def load_check():
            from .checkin import load_checkins

            if got.okrs is None:
                raise InputError({"en": "check-ins need the OKR file they report on",
                                  "vi": "check-in cần file OKR mà chúng báo cáo"}, file=str(check_path),
                                 hint={"en": "give okr_file too (the key result ids come from it)",
                                       "vi": "cho cả okr_file (mã kết quả then chốt lấy từ đó)"})
            return load_checkins(check_path, got.okrs)
        got.checkins = attempt(load_check)
        got.files.append(("checkins_file", str(check_path)))
    if problems:
        raise ProblemList(problems)
    return got


def build_report(*, okr_file=None, kpi_file=None, sales_file=None, checkins_file=None, cascade_file=None,
                 period: Any = None, as_of: Any = None, lang: str | None = None, charts: bool = True,
                 top_share: float = 0.1, inputs: _Inputs | None = None) -> PlanningReport:
    """Build the planning report from a manager's files (all ``None``: the sample company).

    Raises :class:`~okrkit.errors.ProblemList` listing every problem of every input file, and
    :class:`~okrkit.errors.InputError` (in ``lang``) for a ``period`` outside the sales data.
    ``inputs`` (from :func:`load_inputs`) skips reading the files again.
    """
    lang = i18n.get_lang(lang)
    inp = inputs if inputs is not None else load_inputs(
        okr_file=okr_file, kpi_file=kpi_file, sales_file=sales_file, checkins_file=checkins_file,
        cascade_file=cascade_file)

    def t(key, **kw):
        return i18n.t(key, lang, **kw)

    org = inp.okrs.organization if inp.okrs is not None and inp.okrs.organization else ""
    per = inp.okrs.period if inp.okrs is not None and inp.okrs.period else ""
    sales = _sales_parts(inp, t, lang, charts, period, top_share)
    checkins, kr_action = _checkin_section(inp, t, lang, charts, as_of)
    okrs = _okr_section(inp, t, lang)
    sections = [_summary_section(sales, kr_action, t, lang)]
    if sales is not None:
        sections += sales["sections"]
    else:
        sections.append(Section("sales", t("report.sales"), note=t("report.not_given", name=t("input.sales_file"))))
    sections += [checkins, okrs, _cascade_section(inp, t, lang, charts), _inputs_section(inp, t, lang)]
    shown_period = sales["review"].period.label if sales is not None else per
    title = " — ".join(x for x in (t("report.title"), org, i18n.period(shown_period, lang) if shown_period else "") if x)
    sub = []
    if sales is not None:
        h = sales["headline"]
        sub.append(t("report.as_of", day=i18n.date(h["as_of"], lang)))
    sub.append(t("report.created", when=_created_text(lang)))
    figures = dict(sales["headline"]) if sales is not None else {}
    return PlanningReport(title, lang, tuple(sections), tuple(inp.files), subtitle=" · ".join(sub), figures=figures)


def _created_text(lang: str) -> str:
    now = datetime.now()
    return f"{i18n.date(now.date(), lang)} {now:%H:%M}"


def _cols(lang: str, *specs) -> tuple:
    """Column specs ``(column, label key, kind)`` → ``(column, header in lang, kind)``."""
    return tuple((c, i18n.t(f"col.{k}", lang), kind) for c, k, kind in specs)


def _money(x, lang) -> str:
    return i18n.amount(x, lang)


def _signed_pct(x, lang) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return ("+" if x > 0 else "") + i18n.percent(x, lang, decimals=1)


def _name(row, by: str, t) -> str:
    """A person's label for a key of a breakdown row (rep: name; a row without key: said in words)."""
    key = {"rep": "rep_id", "customer": "customer_id"}.get(by, by)
    val = row.get(key)
    if val is None or (isinstance(val, float) and math.isnan(val)):
        return t(f"report.unplaced.{by}")
    if by == "rep":
        return str(row.get("rep") or val)
    if by == "customer":
        return str(row.get("customer") or val)
    return str(val)


def _sales_parts(inp: _Inputs, t, lang, charts, period, share):
    """Headline figures, the review and the sales sections (None without sales tables)."""

    from .sales import Period, check_period, headline, monthly, review

    if inp.sales is None:
        return None
    data = inp.sales
    if period is not None:
        period = check_period(data, period, lang=lang)
    elif inp.okrs is not None and inp.okrs.period:
        try:
            p = Period.parse(inp.okrs.period)
            if data.first_day and data.first_day <= p.end and data.last_day and data.last_day >= p.start:
                period = p
        except InputError:
            pass
    if period is None:
        last = data.last_day
        period = Period.quarter(last.year, (last.month - 1) // 3 + 1) if last else None
    r = review(data, period, share=share, lang=lang)
    h = headline(data, r.period, lang=lang)
    months = monthly(data, r.period)
    plabel = i18n.period(r.period.label, lang)
    sc = None
    if charts:
        from .ui import sales_charts as sc
    sections = []

    # month by month
    m_cols = _cols(lang, ("month", "month", "month"), ("actual", "revenue", "money"), ("plan", "plan", "money"),
                   ("achieved", "achieved", "pct"), ("last_year", "last_year", "money"),
                   ("growth_last_year", "vs_last_year", "signed_pct"))
    notes = []
    if not months["last_year"].notna().any():
        notes.append(t("report.no_last_year", first=i18n.date(data.first_day, lang)))
    partial = months.loc[~months["complete"] & months["actual"].notna(), "month"]
    if len(partial):
        notes.append(t("report.partial_month", months=", ".join(i18n.period(m, lang) for m in partial),
                       day=i18n.date(data.last_day, lang)))
    m_note = " ".join(notes) or None
    chs = (sc.monthly_chart(months, lang=lang),) if sc else ()
    sections.append(Section("monthly", t("report.monthly"), charts=chs, note=m_note,
                            tables=(Sheet("monthly", t("sheet.monthly"), months, m_cols, show=12),)))

    # by product line, region, rep
    tables, chs, lines = [], [], []
    for by, key in (("product_line", "by_product_line"), ("region", "by_region"), ("rep", "by_rep")):
        df = getattr(r, key).copy()
        df["label"] = [_name(row, by, t) for row in df.to_dict("records")]
        total = df["actual"].sum()
        df["share"] = df["actual"] / total if total else float("nan")
        df = df.sort_values("actual", ascending=False, kind="stable")
        spec = [("label", by, "text")]
        if by == "rep":
            spec.append(("rep_id", "rep_code", "text"))
        spec += [("actual", "revenue", "money"), ("share", "share", "pct"), ("plan", "plan", "money"),
                 ("achieved", "achieved", "pct"), ("gap", "gap", "signed_money")]
        note = None
        if not df["plan"].notna().any():
            note = t("report.no_plan_by", by=t(f"report.by.{by}")) if data.plan is not None else t("report.no_plan")
        elif getattr(r, key).attrs.get("plan_unplaced"):
            note = t("report.plan_unplaced", by=t(f"report.by.{by}"),
                     amount=_money(getattr(r, key).attrs["plan_unplaced"], lang))
        tables.append(Sheet(key, t(f"sheet.{key}"), df.reset_index(drop=True), _cols(lang, *spec), show=12, note=note))
        if sc:
            chs.append(sc.breakdown_chart(df, title=t(f"report.chart.{key}", period=plabel), lang=lang, limit=12))
    sections.append(Section("breakdown", t("report.breakdown", period=plabel), tuple(lines), tuple(tables), tuple(chs)))

    # drill-down
    against = i18n.period(r.compared_with.label, lang)
    d_cols = _cols(lang, ("path", "path", "text"), ("level", "level", "level"), ("before", "before", "money"),
                   ("now", "now", "money"), ("change", "change", "signed_money"), ("change_pct", "change_pct", "signed_pct"))
    dtables, chs, note = [], [], None
    if not r.decline.attrs.get("known", True):
        note = t("report.no_compare", against=against, first=i18n.date(data.first_day, lang))
    else:
        for key, df in (("decline", r.decline), ("growth", r.growth)):
            df = df.assign(path=[_path(row, t) for row in df.to_dict("records")])
            dtables.append(Sheet(key, t(f"sheet.{key}"), df, d_cols, show=20))
            if sc and len(df):
                chs.append(sc.drilldown_chart(df, lang=lang, max_depth=1, title=t(f"report.chart.{key}", period=plabel,
                                                                        against=against)))
    sections.append(Section("drilldown", t("report.drilldown", against=against), tables=tuple(dtables),
                            charts=tuple(chs), note=note))

    # customers
    cust = r.customers
    active = cust["stage"].isin(("first-orders", "partner")) & ~cust["ordered"]
    without = cust.loc[active].sort_values("revenue_previous", ascending=False, kind="stable").reset_index(drop=True)
    c_cols = _cols(lang, ("customer", "customer", "text"), ("customer_id", "customer_code", "text"),
                   ("rep", "rep", "text"), ("stage", "stage", "stage"), ("region", "region", "text"),
                   ("revenue_previous", "revenue_previous", "money"), ("revenue_last_year", "revenue_last_year", "money"),
                   ("last_order", "last_order", "date"), ("contacted", "contacted", "known_bool"),
                   ("last_contact", "last_contact", "date"))
    all_cols = _cols(lang, ("customer", "customer", "text"), ("customer_id", "customer_code", "text"),
                     ("rep", "rep", "text"), ("stage", "stage", "stage"), ("segment", "segment", "text"),
                     ("region", "region", "text"), ("ordered", "ordered", "bool"), ("orders", "orders", "int"),
                     ("revenue", "revenue", "money"), ("plan", "plan", "money"),
                     ("revenue_previous", "revenue_previous", "money"), ("revenue_last_year", "revenue_last_year", "money"),
                     ("last_order", "last_order", "date"), ("contacted", "contacted", "known_bool"),
                     ("last_contact", "last_contact", "date"))
    c_lines = [t("report.customers.count", ordered=int(cust["ordered"].sum()), total=len(cust), without=len(without),
                 period=plabel)]
    tot = r.totals
    if tot["without_not_contacted"] is None:
        c_lines.append(t("report.customers.no_activities"))
    else:
        c_lines.append(t("report.customers.not_contacted", n=tot["without_not_contacted"]))
    chs = []
    if sc:
        chs.append(sc.customers_chart(cust, lang=lang))
    stages = r.stages
    st_tables = []
    if stages.attrs.get("known", True):
        counts = stages.attrs["counts"]
        st_tables.append(Sheet("stage_counts", t("sheet.stage_counts"), counts,
                               _cols(lang, ("stage", "stage", "stage"), ("start", "start", "int"), ("end", "end", "int"),
                                     ("change", "change", "signed_int")), show=4))
        if sc:
            chs.append(sc.stage_chart(stages, lang=lang))
    else:
        c_lines.append(t("report.no_previous_stage"))
    sections.append(Section("customers", t("report.customers", period=plabel), tuple(c_lines),
                            (Sheet("customers_no_orders", t("sheet.customers_no_orders"), without, c_cols, show=15),
                             *st_tables,
                             Sheet("customers", t("sheet.customers"), cust, all_cols, html=False)), tuple(chs)))

    # top customers
    top = r.top
    tops = (Sheet("top_customers", t("sheet.top_customers", share=i18n.percent(share, lang)), top,
                  _cols(lang, ("rank", "rank", "int"), ("customer", "customer", "text"), ("customer_id", "customer_code", "text"),
                        ("rep", "rep", "text"), ("revenue", "revenue", "money"), ("share_of_revenue", "share", "pct"),
                        ("lines_not_bought", "lines_not_bought", "text")), show=15),
            Sheet("cross_sell", t("sheet.cross_sell"), r.cross_sell,
                  _cols(lang, ("rank", "rank", "int"), ("customer", "customer", "text"),
                        ("customer_id", "customer_code", "text"), ("rep", "rep", "text"),
                        ("revenue", "revenue", "money"), ("product_line", "product_line", "text")), html=False),
            Sheet("by_customer", t("sheet.by_customer"),
                  r.by_customer.assign(label=[_name(row, "customer", t) for row in r.by_customer.to_dict("records")]),
                  _cols(lang, ("label", "customer", "text"), ("customer_id", "customer_code", "text"),
                        ("plan", "plan", "money"), ("actual", "revenue", "money"), ("achieved", "achieved", "pct"),
                        ("gap", "gap", "signed_money")), html=False))
    top_lines = [t("report.top.line", n=len(top), share=i18n.percent(top["share_of_revenue"].sum(), lang),
                   pairs=len(r.cross_sell))] if len(top) else []
    chs = (sc.top_customers_chart(top, lang=lang),) if sc and len(top) else ()
    sections.append(Section("top", t("report.top", period=plabel), tuple(top_lines), tops, chs))
    return {"review": r, "headline": h, "monthly": months, "sections": sections, "without": without}


def _path(row, t) -> str:
    parts = [row.get("product_line"), row.get("region"), row.get("rep") or row.get("rep_id"),
             row.get("customer") or row.get("customer_id")][: int(row["depth"]) + 1]
    return " › ".join(str(p) if p is not None and p == p else "–" for p in parts)


def _summary_section(sales, kr_action: dict | None, t, lang) -> Section:
    """Page one: the headline figures and the three things to act on."""
    cards, actions, lines = [], [], []
    if sales is None:
        return Section("summary", t("report.summary"), note=t("report.not_given", name=t("input.sales_file")))
    h = sales["headline"]
    p = h["period"]
    plabel = i18n.period(p.label, lang)
    cards.append({"key": "revenue", "label": t("card.revenue"), "value": _money(h["actual"], lang),
                  "sub": t("card.revenue.sub", first=i18n.date(p.start, lang), last=i18n.date(h["as_of"], lang))})
    if h["achieved"] is None:
        missing = [i18n.period(m, lang) for m in h["months_without_plan"]]
        cards.append({"key": "achieved", "label": t("card.achieved"), "value": t("unknown"),
                      "sub": t("card.plan_missing", months=", ".join(missing)) if missing else t("card.no_plan"),
                      "tone": "unknown"})
    else:
        cards.append({"key": "achieved", "label": t("card.achieved"), "value": i18n.percent(h["achieved"], lang),
                      "sub": t("card.achieved.sub", plan=_money(h["plan_so_far"], lang)),
                      "tone": "good" if h["achieved"] >= 1 else "bad" if h["achieved"] < 0.9 else "warn"})
    for key, period_key, known in (("previous", "previous_period", "previous_known"),
                                   ("last_year", "last_year_period", "last_year_known")):
        other = i18n.period(h[period_key].label, lang)
        if not h[known]:
            cards.append({"key": f"growth_{key}", "label": t(f"card.growth_{key}"), "value": t("unknown"),
                          "sub": t("card.growth.unknown", other=other, first=i18n.date(h["first_day"], lang)),
                          "tone": "unknown"})
        else:
            g = h[f"growth_{key}"]
            same = "" if h["complete"] else t("card.same_days", n=h["elapsed"])
            cards.append({"key": f"growth_{key}", "label": t(f"card.growth_{key}"), "value": _signed_pct(g, lang),
                          "sub": t("card.growth.sub", other=other, amount=_money(h[key], lang)) + same,
                          "tone": "unknown" if g is None else "good" if g > 0 else "bad"})
    if h["complete"]:
        fsub = t("card.forecast.done")
    else:
        fsub = t("card.forecast.sub", elapsed=h["elapsed"], days=h["days"])
    if h["forecast_achieved"] is not None:
        fsub += " · " + t("card.forecast.plan", pct=i18n.percent(h["forecast_achieved"], lang))
    elif h["months_without_plan"]:
        fsub += " · " + t("card.plan_missing", months=", ".join(i18n.period(m, lang) for m in h["months_without_plan"]))
    cards.append({"key": "forecast", "label": t("card.forecast"), "value": _money(h["forecast"], lang), "sub": fsub,
                  "tone": "unknown" if h["forecast_achieved"] is None else
                  "good" if h["forecast_achieved"] >= 1 else "bad" if h["forecast_achieved"] < 0.9 else "warn"})
    actions = _actions(sales, kr_action, t, lang)
    if h["forecast_achieved"] is not None:
        verdict = "report.verdict.on" if h["forecast_achieved"] >= 1 else "report.verdict.off"
        lines.append(t(verdict, period=plabel, pct=i18n.percent(h["forecast_achieved"], lang)))
    elif h["achieved"] is not None:
        verdict = "report.verdict.so_far_on" if h["achieved"] >= 1 else "report.verdict.so_far_off"
        lines.append(t(verdict, pct=i18n.percent(h["achieved"], lang), day=i18n.date(h["as_of"], lang)))
    else:
        lines.append(t("report.verdict.no_plan", period=plabel))
    return Section("summary", t("report.summary"), tuple(lines), cards=tuple(cards), actions=tuple(actions))


def _actions(sales, kr_action: dict | None, t, lang) -> list[dict]:
    """The three things to act on, from the data: the largest sums at stake first, off-track KRs kept."""
    import pandas as pd

    r, h = sales["review"], sales["headline"]
    plabel = i18n.period(r.period.label, lang)
    money = []
    # the falling product line, and where in it
    dec = r.decline
    if dec.attrs.get("known", True) and len(dec):
        top = dec.iloc[0]
        where = dec[(dec["depth"] == 1) & (dec["product_line"] == top["product_line"])]
        reps = dec[(dec["depth"] == 2) & (dec["product_line"] == top["product_line"])]
        detail = ""
        if len(where):
            w = where.iloc[0]
            detail = t("action.decline.where", region=w["region"], change=_money(-w["change"], lang))
            rr = reps[reps["region"] == w["region"]]
            if len(rr):
                detail += t("action.decline.rep", rep=rr.iloc[0]["rep"] or rr.iloc[0]["rep_id"],
                            change=_money(-rr.iloc[0]["change"], lang))
        money.append((-float(top["change"]), {
            "key": "decline", "title": t("action.decline.title", line=top["product_line"]),
            "text": t("action.decline", line=top["product_line"], change=_money(-top["change"], lang),
                      pct=i18n.percent(-top["change_pct"], lang) if pd.notna(top["change_pct"]) else "–",
                      against=i18n.period(r.compared_with.label, lang)) + detail + t("action.decline.do")}))
    # reps furthest below plan
    reps = r.by_rep.dropna(subset=["achieved"])
    behind = reps[(reps["achieved"] < 0.9) & reps["rep_id"].notna()].sort_values("gap", kind="stable")
    if len(behind):
        worst = behind.head(3)
        names = ", ".join(f"{row.rep or row.rep_id} ({i18n.percent(row.achieved, lang)})" for row in worst.itertuples())
        gap = -float(behind["gap"].sum())
        money.append((gap, {"key": "reps", "title": t("action.reps.title", n=len(behind)),
                            "text": t("action.reps", n=len(behind), names=names, gap=_money(gap, lang))}))
    # active customers without orders
    without = sales["without"]
    if len(without):
        prev = without["revenue_previous"]
        at_stake = float(prev.sum()) if prev.notna().any() else 0.0
        text = t("action.customers", n=len(without), period=plabel)
        if prev.notna().any():
            text += t("action.customers.prev", amount=_money(at_stake, lang))
        if r.totals["without_not_contacted"] is None:
            text += t("action.customers.no_activities")
        elif r.totals["without_not_contacted"]:
            text += t("action.customers.not_contacted", n=r.totals["without_not_contacted"])
        names = ", ".join(str(x) for x in without["customer"].head(3))
        text += t("action.customers.do", names=names)
        money.append((at_stake, {"key": "customers", "title": t("action.customers.title", n=len(without)),
                                 "text": text}))
    # run-rate short of plan
    if not h["complete"] and h["plan"] and h["forecast"] < h["plan"]:
        left = h["days"] - h["elapsed"]
        need = (h["plan"] - h["actual"]) / max(left, 1)
        money.append((h["plan"] - h["forecast"], {
            "key": "run_rate", "title": t("action.run_rate.title"),
            "text": t("action.run_rate", forecast=_money(h["forecast"], lang), plan=_money(h["plan"], lang),
                      need=_money(need, lang), now=_money(h["actual"] / h["elapsed"], lang))}))
    money.sort(key=lambda x: -x[0])
    out = [a for _, a in money]
    if kr_action is not None:
        out = out[:2] + [kr_action] + out[2:]
    return out[:3]


def _inputs_section(inp: _Inputs, t, lang) -> Section:
    import pandas as pd

    rows = []
    if inp.okr_table is not None:
        rows.append(inp.okr_table.summary())
    if inp.sales is not None:
        rows += [s for s in inp.sales.summary().to_dict("records")]
    if inp.checkins is not None and inp.checkins.table is not None:
        rows.append(inp.checkins.table.summary())
    if inp.kpi_table is not None:
        rows.append(inp.kpi_table.summary())
    for r in rows:
        r["file"] = Path(str(r.get("file") or "")).name
        r["name"] = t(f"input.table.{r['table']}") if f"input.table.{r['table']}" in i18n.keys() else str(r["table"])
        extra = r.get("extra_columns") or r.get("ignored_columns") or ()
        r["extra"] = ", ".join(str(x) for x in extra) if not isinstance(extra, str) else extra
    files = [{"name": t(f"input.{k}"), "file": Path(str(v)).name} for k, v in inp.files]
    table = pd.DataFrame(rows, columns=["table", "name", "file", "sheet", "header_row", "rows_in", "rows_used",
                                        "blank_rows", "extra"] if not rows else None)
    for c in ("sheet", "header_row", "extra"):
        if c not in table:
            table[c] = None
    lines = [t("report.inputs.file", name=f["name"], file=f["file"]) for f in files]
    lines += [t("report.inputs.line", table=r["name"], rows_in=r["rows_in"], used=r["rows_used"], blank=r["blank_rows"])
              for r in rows]
    cols = _cols(lang, ("name", "table", "text"), ("file", "file", "text"), ("sheet", "sheet", "text"),
                 ("header_row", "header_row", "int"), ("rows_in", "rows_in", "int"), ("rows_used", "rows_used", "int"),
                 ("blank_rows", "blank_rows", "int"), ("extra", "extra_columns", "text"))
    return Section("inputs", t("report.inputs"), tuple(lines), (Sheet("inputs", t("sheet.inputs"), table, cols, show=20),))


def _okr_section(inp: _Inputs, t, lang) -> Section:
    import pandas as pd

    from .scoring import score

    if inp.okrs is None:
        return Section("okrs", t("report.okrs"), note=t("report.not_given", name=t("input.okr_file")))
    okrs = inp.okrs
    lines, tables = [], []
    card = score(okrs, lang=lang)
    objs = pd.DataFrame([{k: v for k, v in o.items() if k != "key_results"} for o in card.to_dict()["objectives"]])
    krs = pd.DataFrame([{"objective_id": o["id"], **k} for o in card.to_dict()["objectives"] for k in o["key_results"]])
    owners = pd.DataFrame([{"owner": k, "score": v} for k, v in card.by_owner().items()])
    meets = int(objs["meets_expectation"].fillna(False).astype(bool).sum()) if len(objs) else 0
    lines.append(t("report.scores", n=len(objs), meets=meets))
    for r in owners.itertuples():
        lines.append(f"{r.owner or '—'}: {i18n.number(r.score, lang, decimals=2)}")
    tables += [Sheet("okr_scores", t("sheet.okr_scores"), objs,
                     _cols(lang, ("id", "code", "text"), ("text", "objective", "text"), ("owner", "owner", "text"),
                           ("type", "type", "type"), ("score", "score", "ratio"), ("band", "band", "band"),
                           ("expected", "expected", "ratio"), ("meets_expectation", "meets", "bool")), show=20),
               Sheet("kr_progress", t("sheet.kr_progress"), krs,
                     _cols(lang, ("objective_id", "objective_code", "text"), ("id", "code", "text"),
                           ("text", "key_result", "text"), ("kind", "kind", "kind"), ("progress", "progress", "ratio"),
                           ("weight", "weight", "pct")), show=12),
               Sheet("owner_scores", t("sheet.owner_scores"), owners,
                     _cols(lang, ("owner", "owner", "text"), ("score", "score", "ratio")), html=False)]
    try:
        from .lint import lint
    except ImportError:  # lint is optional for the report
        lint = None
    if lint is not None:
        rep = lint(okrs, lang=lang)
        counts = rep.counts()
        lines.append(t("report.lint", errors=counts.get("error", 0), warnings=counts.get("warning", 0),
                       infos=counts.get("info", 0)))
        findings = pd.DataFrame([{"where": f.where, "severity": f.severity, "message": f.text(lang)}
                                 for f in rep.findings], columns=["where", "severity", "message"])
        tables.append(Sheet("okr_lint", t("sheet.okr_lint"), findings,
                            _cols(lang, ("where", "where", "text"), ("severity", "severity", "severity"),
                                  ("message", "message", "text")), show=10))
    return Section("okrs", t("report.okrs"), tuple(lines), tuple(tables))


def _cascade_section(inp: _Inputs, t, lang, charts) -> Section:
    import pandas as pd

    lines, tables, chs = [], [], []
    if inp.cascade is not None:
        from .cascade import cascade

        result = cascade(inp.cascade)
        names = {k.id: k.name or k.id for k in inp.cascade.kpis}
        lines += [tg.explain(lang) for tg in result.funnel]
        for d in result.departments:
            lines.append(t("report.dept", name=d.name,
                           score="–" if d.score is None else i18n.number(d.score, lang, decimals=2),
                           band=i18n.t(f"band.{d.band}", lang) if d.band else "–"))
        funnel = pd.DataFrame([{**{k: v for k, v in tg.to_dict().items() if k in ("value", "unit", "owner")},
                                "name": tg.explain(lang).split(" = ")[0]} for tg in result.funnel])
        tables.append(Sheet("funnel", t("sheet.funnel"), funnel,
                            _cols(lang, ("name", "stage_name", "text"), ("value", "value", "number"),
                                  ("unit", "unit", "text"), ("owner", "owner", "text")), show=10))
        dk = result.to_frame()
        dk["kpi_name"] = dk["kpi"].map(lambda k: names.get(k, k))
        tables.append(Sheet("department_kpis", t("sheet.department_kpis"), dk,
                            _cols(lang, ("department", "department", "text"), ("kpi_name", "kpi", "text"),
                                  ("weight", "weight", "pct"), ("kpi_score", "kpi_score", "ratio"),
                                  ("contribution", "contribution", "ratio"),
                                  ("department_score", "department_score", "ratio")), show=20))
        if charts:
            from .ui import charts as ch

            chs.append(ch.funnel_chart(result, lang=lang))   # the weight table below names the KPIs
    if inp.kpis is not None:
        summary, detail = department_scores(inp.kpis)
        for r in summary.itertuples():
            lines.append(t("report.dept", name=r.department,
                           score="–" if r.score is None else i18n.number(r.score, lang, decimals=2),
                           band=i18n.t(f"band.{r.band}", lang) if r.band else "–"))
        detail["kpi_name"] = [k if isinstance(k, str) and k else i for k, i in zip(detail["kpi"], detail["kpi_id"])]
        tables += [Sheet("department_scores", t("sheet.department_scores"), summary,
                         _cols(lang, ("department", "department", "text"), ("score", "score", "ratio"),
                               ("band", "band", "band"), ("kpis", "kpis", "int"), ("scored", "kpis_scored", "int"),
                               ("rank", "rank", "int")), show=20),
                   Sheet("kpi_scores", t("sheet.kpi_scores"), detail,
                         _cols(lang, ("department", "department", "text"), ("kpi_name", "kpi", "text"),
                               ("target", "target", "number"), ("actual", "actual_value", "number"),
                               ("weight", "weight", "pct"), ("kpi_score", "kpi_score", "ratio"),
                               ("contribution", "contribution", "ratio")), show=20)]
    note = None if (inp.cascade is not None or inp.kpis is not None) else t("report.not_given", name=t("input.kpi_file"))
    return Section("cascade", t("report.cascade"), tuple(lines), tuple(tables), tuple(chs), note)


def _checkin_section(inp: _Inputs, t, lang, charts, as_of) -> tuple[Section, dict | None]:
    from .checkin import summarize

    if inp.checkins is None:
        return Section("checkins", t("report.checkins"), note=t("report.not_given", name=t("input.checkins_file"))), None
    s = summarize(inp.checkins, as_of=as_of, lang=lang)
    f = s.forecast
    off = s.off_track()
    worst = off.assign(_gap=off["forecast"] - off["expected"]).sort_values("_gap", kind="stable")
    lines = [t("report.checkins.count", day=i18n.date(s.as_of, lang), krs=int(f["forecast"].notna().sum()), off=len(off))]
    cal = s.calibration
    if cal is not None and cal.brier is not None:
        lines.append(i18n.t("checkin.calib.brier", lang, brier=i18n.number(cal.brier, lang, decimals=2)))
        if cal.overconfident is not None:
            key = "checkin.calib.over" if cal.overconfident > 0.05 else (
                "checkin.calib.under" if cal.overconfident < -0.05 else "checkin.calib.fair")
            lines.append(i18n.t(key, lang, gap=i18n.percent(abs(cal.overconfident), lang)))
    action = None
    if len(off):
        names = "; ".join(f"{r.kr} ({t('action.krs.forecast', score=i18n.number(r.forecast, lang, decimals=2))})"
                          for r in worst.head(2).itertuples())
        action = {"key": "krs", "title": t("action.krs.title", n=len(off)),
                  "text": t("action.krs", n=len(off), total=int(f["forecast"].notna().sum()), names=names)}
    chs = ()
    if charts:
        from .ui import sales_charts as sc

        ids = list(worst["kr_id"])[:8] or None
        gap = f["forecast"] - f["expected"]
        chs = (sc.forecast_chart(f.loc[gap.sort_values(kind="stable").index[:20]], lang=lang),)
        if ids:
            chs += (sc.progress_chart(s.curve, kr_ids=ids, lang=lang),)
    f_cols = _cols(lang, ("kr_id", "code", "text"), ("kr", "key_result", "text"), ("owner", "owner", "text"),
                   ("type", "type", "type"), ("progress_now", "progress", "ratio"), ("forecast", "forecast", "ratio"),
                   ("expected", "expected", "ratio"), ("off_track", "off_track", "bool"),
                   ("confidence", "confidence", "number"), ("last_check_in", "last_check_in", "date"),
                   ("problems", "problems", "text"))
    tables = [Sheet("checkin_off_track", t("sheet.checkin_off_track"), worst.drop(columns="_gap"), f_cols, show=12),
              Sheet("checkin_forecast", t("sheet.checkin_forecast"), f, f_cols, html=False)]
    if s.calibration is not None:
        tables.append(Sheet("calibration_by_kr", t("sheet.calibration_by_kr"), s.calibration.by_kr,
                            _cols(lang, ("kr_id", "code", "text"), ("checkins", "checkins", "int"),
                                  ("mean_confidence", "mean_confidence", "ratio"), ("final_score", "final_score", "ratio"),
                                  ("met", "met", "bool"), ("brier", "brier", "ratio")), html=False))
    return Section("checkins", t("report.checkins"), tuple(lines), tuple(tables), chs), action


def problems_frame(error: OkrkitError):
    """The problems of an input error as a table (file, where, what, what to do) for a notebook."""
    import pandas as pd

    items = error.problems if isinstance(error, ProblemList) else [error]
    return pd.DataFrame([{"file": e.file or "", "where": e.where or "", "what": e.what, "what to do": e.hint or ""}
                         for e in items])


# ---------------------------------------------------------------- templates

TEMPLATE_NAMES = ("okrs", "kpis", "transactions", "customers", "plan", "reps", "activities", "checkins")


def template_schemas() -> dict:
    """The schema of every input table, by template name (``okrs`` is the OKR file's table layout)."""
    from .checkin import CHECKINS
    from .files import TABLE_COLUMNS
    from .sales import SCHEMAS

    okr_example = {"period": "2026-Q1", "organization": "Công ty Phần mềm Sao Mai", "objective_id": "S1",
                   "objective": "Doanh thu vượt mức đỉnh cao", "owner": "Kinh doanh", "type": "aspirational",
                   "parent": "C1", "kr_id": "S1.KR1", "kr": "Đạt doanh thu 8,4 tỷ đồng từ khách hàng mới",
                   "kind": "increase", "baseline": "6 tỷ", "target": "8,4 tỷ", "current": "7,1 tỷ", "unit": "VND",
                   "weight": 0.5, "confidence": 7, "due": "31/03/2026"}
    okr_doc = {"objective_id": "objective id (one per objective, repeated on each of its KR rows)",
               "objective": "objective text (on its first row)", "type": "committed or aspirational",
               "parent": "id of the objective this one aligns to", "kr_id": "key result id", "kr": "key result text",
               "kind": "increase, decrease, stay-above, stay-below or milestone",
               "current": "current value (milestone: done / not done)", "weight": "share of the objective's score",
               "confidence": "0 to 10", "due": "due date"}
    okrs = Schema("okrs", tuple(Column(c, "text", required=c in ("objective_id", "objective"), en=okr_doc.get(c, c),
                                       example=okr_example.get(c, "")) for c in TABLE_COLUMNS),
                  en="one row per key result (the OKR file as a table)")
    return {"okrs": okrs, "kpis": KPIS, **SCHEMAS, "checkins": CHECKINS}


def write_templates(folder: str | os.PathLike, *, formats=("csv", "xlsx")) -> list[Path]:
    """Write one template per input (header, one example row) as CSV and/or XLSX, plus ``README.md``.

    Each XLSX template has a second sheet ``columns`` documenting every column.
    """
    import csv

    from openpyxl import Workbook

    from .files import atomic_write
    from .tables import columns_doc

    folder = Path(folder)
    written = []
    schemas = template_schemas()
    for name in TEMPLATE_NAMES:
        schema = schemas[name]
        examples = schema.example_rows()
        if "csv" in formats:
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(schema.names)
            for example in examples:
                w.writerow(["" if example[c] is None else example[c] for c in schema.names])
            written.append(atomic_write(folder / f"{name}.csv", buf.getvalue()))
        if "xlsx" in formats:
            wb = Workbook()
            ws = wb.active
            ws.title = name
            ws.append(list(schema.names))
            for example in examples:
                ws.append([None if example[c] in ("", None) else example[c] for c in schema.names])
            doc = wb.create_sheet("columns")
            doc.append(["column", "required", "kind", "description", "mô tả", "choices", "example"])
            for c, row_vi in zip(schema.columns, columns_doc(schema, "vi")):
                doc.append([c.name, "yes" if c.required else "no", c.kind, c.en, row_vi["description"],
                            ", ".join(c.choices), str(c.example)])
            buf = io.BytesIO()
            wb.properties.created = datetime(2026, 1, 1)
            wb.properties.modified = datetime(2026, 1, 1)
            wb.save(buf)
            written.append(atomic_write(folder / f"{name}.xlsx", buf.getvalue()))
    written.append(atomic_write(folder / "README.md", templates_readme(schemas)))
    return written


def templates_readme(schemas: dict | None = None) -> str:
    """The documented column list of every template (Markdown)."""
    from .tables import columns_doc

    schemas = schemas or template_schemas()
    out = ["# okrkit input templates", "",
           "One file per input, each with its header row and one example row; write them out with",
           "`okrkit templates DIR`. CSV (UTF-8, `,` or `;`) or Excel (.xlsx). Numbers may be written",
           "the Vietnamese way (`1.500.000`, `2,5 tỷ`, `800 triệu`), dates as `2026-03-31` or `31/03/2026`.",
           "Header names may also be the Vietnamese ones listed in the code (`doanh số`, `ngày`, …).",
           "The sales tables go in one folder (`transactions.csv`, `customers.csv`, …) or as sheets of one",
           "workbook with those names.", ""]
    for name in TEMPLATE_NAMES:
        s = schemas[name]
        out += [f"## {name}", "", s.en + ("" if not s.vi else f" — {s.vi}"), "",
                "| column | required | kind | description | example |", "| --- | --- | --- | --- | --- |"]
        for c, row in zip(s.columns, columns_doc(s, "en")):
            desc = row["description"] + (f" ({', '.join(c.choices)})" if c.choices and c.kind == "choice" else "")
            out.append(f"| `{c.name}` | {row['required']} | {c.kind} | {desc} | {c.example} |")
        out.append("")
    return "\n".join(out)


def templates_folder() -> Path:
    """The templates shipped in the package (``okrkit/templates``)."""
    return Path(__file__).parent / "templates"


_COLUMNS = {
    "month": ("Month", "Tháng"), "revenue": ("Revenue (VND)", "Doanh số (đồng)"), "plan": ("Plan (VND)", "Kế hoạch (đồng)"),
    "achieved": ("% of plan", "% kế hoạch"), "last_year": ("Same month last year", "Cùng tháng năm trước"),
    "vs_last_year": ("vs last year", "So với năm trước"), "product_line": ("Product line", "Dòng sản phẩm"),
    "region": ("Region", "Khu vực"), "rep": ("Sales rep", "Nhân viên kinh doanh"), "rep_code": ("Rep code", "Mã nhân viên"),
    "share": ("Share of revenue", "Tỷ trọng doanh số"), "gap": ("Gap to plan", "Chênh lệch so với kế hoạch"),
    "path": ("Where", "Ở đâu"), "level": ("Level", "Cấp"), "before": ("Before", "Kỳ trước"), "now": ("Now", "Kỳ này"),
    "change": ("Change", "Thay đổi"), "change_pct": ("Change %", "Thay đổi %"),
    "customer": ("Customer", "Khách hàng"), "customer_code": ("Customer code", "Mã khách hàng"),
    "stage": ("Stage", "Mức độ"), "segment": ("Segment", "Phân khúc"),
    "revenue_previous": ("Revenue last period", "Doanh số kỳ trước"),
    "revenue_last_year": ("Revenue same period last year", "Doanh số cùng kỳ năm trước"),
    "last_order": ("Last order", "Đơn gần nhất"), "contacted": ("Contacted this period", "Đã liên hệ trong kỳ"),
    "last_contact": ("Last contact", "Lần liên hệ gần nhất"), "ordered": ("Ordered", "Có đơn"), "orders": ("Orders", "Số đơn"),
    "start": ("At the start", "Đầu kỳ"), "end": ("At the end", "Cuối kỳ"), "rank": ("Rank", "Hạng"),
    "lines_not_bought": ("Product lines not bought yet", "Dòng sản phẩm chưa mua"),
    "table": ("Table", "Bảng"), "file": ("File", "Tệp"), "sheet": ("Sheet", "Trang tính"),
    "header_row": ("Header row", "Dòng tiêu đề"), "rows_in": ("Rows read", "Số dòng đọc"),
    "rows_used": ("Rows used", "Số dòng dùng"), "blank_rows": ("Blank rows skipped", "Dòng trống bỏ qua"),
    "extra_columns": ("Columns not used", "Cột không dùng"), "code": ("Code", "Mã"), "objective": ("Objective", "Mục tiêu"),
    "objective_code": ("Objective code", "Mã mục tiêu"), "owner": ("Owner", "Phụ trách"), "type": ("Type", "Loại"),
    "score": ("Score", "Điểm"), "band": ("Colour", "Màu"), "expected": ("Expected", "Kỳ vọng"),
    "meets": ("Meets expectation", "Đạt kỳ vọng"), "key_result": ("Key result", "Kết quả then chốt"),
    "kind": ("Kind", "Kiểu"), "progress": ("Progress", "Tiến độ"), "weight": ("Weight", "Trọng số"),
    "where": ("Where", "Vị trí"), "severity": ("Severity", "Mức"), "message": ("Finding", "Nhận xét"),
    "stage_name": ("Stage", "Bước"), "value": ("Value", "Giá trị"), "unit": ("Unit", "Đơn vị"),
    "department": ("Department", "Bộ phận"), "kpi": ("KPI", "KPI"), "kpi_score": ("KPI score", "Điểm KPI"),
    "contribution": ("Contribution", "Đóng góp"), "department_score": ("Department score", "Điểm bộ phận"),
    "kpis": ("KPIs", "Số KPI"), "kpis_scored": ("KPIs scored", "Số KPI đã chấm"), "target": ("Target", "Chỉ tiêu"),
    "actual_value": ("Actual", "Thực tế"), "forecast": ("Forecast at quarter end", "Dự báo cuối quý"),
    "off_track": ("Off track", "Chệch hướng"), "confidence": ("Confidence (0–10)", "Độ tự tin (0–10)"),
    "last_check_in": ("Last check-in", "Check-in gần nhất"), "problems": ("Problems", "Vấn đề"),
    "checkins": ("Check-ins", "Số check-in"), "mean_confidence": ("Mean confidence", "Độ tự tin trung bình"),
    "final_score": ("Final score", "Điểm cuối kỳ"), "met": ("Met", "Đạt"), "brier": ("Brier score", "Điểm Brier"),
}
_ENUMS = {
    "severity.error": ("error", "lỗi"), "severity.warning": ("warning", "cảnh báo"), "severity.info": ("note", "ghi chú"),
    "level.product_line": ("product line", "dòng sản phẩm"), "level.region": ("region", "khu vực"),
    "level.rep_id": ("rep", "nhân viên"), "level.customer_id": ("customer", "khách hàng"),
    "kind.increase": ("increase", "tăng"), "kind.decrease": ("decrease", "giảm"), "kind.stay-above": ("stay above", "giữ trên"),
    "kind.stay-below": ("stay below", "giữ dưới"), "kind.milestone": ("milestone", "mốc hoàn thành"),
    "yes": ("yes", "có"), "no": ("no", "không"), "unknown": ("not known", "chưa biết"),
}
i18n.register({f"col.{k}": {"en": en, "vi": vi} for k, (en, vi) in _COLUMNS.items()})
i18n.register({k: {"en": en, "vi": vi} for k, (en, vi) in _ENUMS.items()})
i18n.register({
    "report.title": {"en": "Sales and OKR report", "vi": "Báo cáo kinh doanh và OKR"},
    "report.created": {"en": "made by okrkit on {when}", "vi": "tạo bởi okrkit ngày {when}"},
    "report.as_of": {"en": "Sales data up to {day}", "vi": "Số liệu bán hàng đến ngày {day}"},
    "report.summary": {"en": "At a glance", "vi": "Tóm tắt"},
    "report.summary_sheet": {"en": "Summary", "vi": "Tóm tắt"},
    "report.contents": {"en": "In this report:", "vi": "Trong báo cáo:"},
    "report.part_absent": {"en": "Nothing here: the files given hold no data for this part.",
                           "vi": "Phần này trống: các file đã đưa vào không có dữ liệu cho phần này."},
    "report.written": {"en": "Report written: {html} (opens with no network) and {xlsx} (one sheet per table).",
                       "vi": "Đã ghi báo cáo: {html} (mở được khi không có mạng) và {xlsx} (mỗi bảng một sheet)."},
    "report.actions": {"en": "The {n} things to act on", "vi": "{n} việc cần làm ngay"},
    "report.verdict.on": {"en": "On plan: {period} is heading for {pct} of plan.",
                          "vi": "Đúng kế hoạch: {period} đang hướng tới {pct} kế hoạch."},
    "report.verdict.off": {"en": "Behind plan: {period} is heading for {pct} of plan.",
                           "vi": "Chưa đạt kế hoạch: {period} đang hướng tới {pct} kế hoạch."},
    "card.revenue": {"en": "Revenue", "vi": "Doanh số"},
    "card.revenue.sub": {"en": "{first} – {last}", "vi": "{first} – {last}"},
    "card.achieved": {"en": "% of plan", "vi": "% kế hoạch"},
    "card.achieved.sub": {"en": "plan {plan}", "vi": "kế hoạch {plan}"},
    "card.no_plan": {"en": "no plan table given", "vi": "chưa có bảng kế hoạch"},
    "card.plan_missing": {"en": "no plan for {months}", "vi": "chưa có kế hoạch {months}"},
    "report.verdict.so_far_on": {"en": "On plan so far: {pct} of the plan up to {day}; the plan for the rest of the "
                                       "period is not known.",
                                 "vi": "Đến {day} đạt {pct} kế hoạch; chưa có kế hoạch cho phần còn lại của kỳ."},
    "report.verdict.so_far_off": {"en": "Behind plan so far: {pct} of the plan up to {day}; the plan for the rest of "
                                        "the period is not known.",
                                  "vi": "Đến {day} mới đạt {pct} kế hoạch; chưa có kế hoạch cho phần còn lại của kỳ."},
    "report.verdict.no_plan": {"en": "Whether {period} is on plan is not known: no plan was given.",
                               "vi": "Chưa biết {period} có đúng kế hoạch không: chưa có bảng kế hoạch."},
    "card.growth_previous": {"en": "vs previous period", "vi": "So với kỳ trước"},
    "card.growth_last_year": {"en": "vs last year", "vi": "So với cùng kỳ năm trước"},
    "card.growth.sub": {"en": "{other}: {amount}", "vi": "{other}: {amount}"},
    "card.same_days": {"en": " (same {n} days)", "vi": " (cùng {n} ngày đầu)"},
    "card.growth.unknown": {"en": "no sales data for {other}: the data starts on {first}",
                            "vi": "chưa có số liệu {other}: dữ liệu bắt đầu từ {first}"},
    "card.forecast": {"en": "Forecast to period end", "vi": "Dự báo cuối kỳ"},
    "card.forecast.sub": {"en": "run-rate of the first {elapsed} of {days} days",
                          "vi": "theo nhịp {elapsed}/{days} ngày đã qua"},
    "card.forecast.done": {"en": "the period is over: final figure", "vi": "kỳ đã kết thúc: số cuối cùng"},
    "card.forecast.plan": {"en": "{pct} of plan", "vi": "{pct} kế hoạch"},
    "action.decline.title": {"en": "Stop the fall of {line}", "vi": "Chặn đà giảm của {line}"},
    "action.decline": {"en": "{line} fell by {change} ({pct}) against {against}",
                       "vi": "{line} giảm {change} ({pct}) so với {against}"},
    "action.decline.where": {"en": ", most in {region} (−{change})", "vi": ", giảm nhiều nhất ở {region} (−{change})"},
    "action.decline.rep": {"en": ", with {rep} (−{change})", "vi": ", chủ yếu ở nhân viên {rep} (−{change})"},
    "action.decline.do": {"en": ". Review that region's customers and offers for this line.",
                          "vi": ". Rà soát khách hàng và chính sách bán dòng này ở khu vực đó."},
    "action.reps.title": {"en": "{n} reps below 90% of plan", "vi": "{n} nhân viên dưới 90% kế hoạch"},
    "action.reps": {"en": "Furthest behind: {names}; together {gap} short of plan. Coach them and review their pipeline.",
                    "vi": "Thấp nhất: {names}; tổng cộng thiếu {gap} so với kế hoạch. Kèm cặp và rà soát danh sách "
                          "khách hàng của họ."},
    "action.customers.title": {"en": "{n} active customers without an order", "vi": "{n} khách hàng đang hợp tác chưa có đơn"},
    "action.customers": {"en": "{n} customers in first orders or long-term partnership bought nothing in {period}",
                         "vi": "{n} khách hàng đang hợp tác hoặc đối tác lâu dài không mua gì trong {period}"},
    "action.customers.prev": {"en": " (they bought {amount} the period before)", "vi": " (kỳ trước họ mua {amount})"},
    "action.customers.not_contacted": {"en": "; {n} of them were not contacted", "vi": "; {n} khách chưa được liên hệ"},
    "action.customers.no_activities": {"en": "; whether they were contacted is not known (no activities table)",
                                       "vi": "; chưa biết đã liên hệ hay chưa (không có bảng hoạt động)"},
    "action.customers.do": {"en": ". Have their reps call them this week, starting with {names}.",
                            "vi": ". Giao nhân viên phụ trách gọi lại trong tuần, trước hết: {names}."},
    "action.run_rate.title": {"en": "Raise the daily pace", "vi": "Tăng nhịp bán mỗi ngày"},
    "action.run_rate": {"en": "At today's pace the period ends at {forecast} against a plan of {plan}: sell {need} a day "
                              "from now on instead of {now}.",
                        "vi": "Theo nhịp hiện tại kỳ này đạt {forecast} so với kế hoạch {plan}: từ nay cần bán {need} "
                              "mỗi ngày thay vì {now}."},
    "action.krs.forecast": {"en": "forecast {score}", "vi": "dự báo {score}"},
    "action.krs.title": {"en": "{n} key results off track", "vi": "{n} kết quả then chốt chệch hướng"},
    "action.krs": {"en": "{n} of {total} key results will miss their expectation at the present trend, furthest: {names}. "
                         "Agree a recovery plan with each owner at the next check-in.",
                   "vi": "{n}/{total} kết quả then chốt sẽ không đạt kỳ vọng nếu giữ xu hướng hiện tại, xa nhất: {names}. "
                         "Thống nhất kế hoạch khắc phục với từng người phụ trách ở buổi check-in tới."},
    "report.monthly": {"en": "Month by month: actual, plan and last year", "vi": "Theo tháng: thực tế, kế hoạch và năm trước"},
    "sheet.monthly": {"en": "By month", "vi": "Theo tháng"},
    "report.no_last_year": {"en": "Last year is not known: the sales data starts on {first}, so no month has a year before it.",
                            "vi": "Chưa biết số năm trước: dữ liệu bán hàng bắt đầu từ {first}, chưa tháng nào có số "
                                  "cùng kỳ năm trước."},
    "report.partial_month": {"en": "{months}: the data runs only to {day}, so that month is not compared with its "
                                   "whole plan (marked * in the chart).",
                             "vi": "{months}: số liệu mới đến {day}, nên tháng đó chưa so với cả kế hoạch tháng "
                                   "(đánh dấu * trên biểu đồ)."},
    "report.breakdown": {"en": "Revenue by product line, region and rep — {period}",
                         "vi": "Doanh số theo dòng sản phẩm, khu vực và nhân viên — {period}"},
    "report.by.product_line": {"en": "product line", "vi": "dòng sản phẩm"},
    "report.by.region": {"en": "region", "vi": "khu vực"}, "report.by.rep": {"en": "rep", "vi": "nhân viên"},
    "report.no_plan": {"en": "No plan table was given: plan and % of plan are not known.",
                       "vi": "Chưa có bảng kế hoạch: chưa biết kế hoạch và % kế hoạch."},
    "report.no_plan_by": {"en": "The plan is not kept by {by}: plan and % of plan by {by} are not known.",
                          "vi": "Kế hoạch không lập theo {by}: chưa biết kế hoạch và % kế hoạch theo {by}."},
    "report.plan_unplaced": {"en": "{amount} of the plan is not tied to any {by}; it is shown on its own row.",
                             "vi": "{amount} kế hoạch không gắn với {by} nào; được ghi ở một dòng riêng."},
    "report.unplaced.product_line": {"en": "(no product line)", "vi": "(không gắn dòng sản phẩm)"},
    "report.unplaced.region": {"en": "(no region)", "vi": "(không gắn khu vực)"},
    "report.unplaced.rep": {"en": "(no rep)", "vi": "(không gắn nhân viên)"},
    "report.unplaced.customer": {"en": "(plan not per customer)", "vi": "(kế hoạch chung, không theo khách hàng)"},
    "sheet.by_product_line": {"en": "By product line", "vi": "Theo dòng sản phẩm"},
    "sheet.by_region": {"en": "By region", "vi": "Theo khu vực"}, "sheet.by_rep": {"en": "By rep", "vi": "Theo nhân viên"},
    "sheet.by_customer": {"en": "By customer", "vi": "Theo khách hàng"},
    "report.chart.by_product_line": {"en": "Revenue by product line, {period}", "vi": "Doanh số theo dòng sản phẩm, {period}"},
    "report.chart.by_region": {"en": "Revenue by region, {period}", "vi": "Doanh số theo khu vực, {period}"},
    "report.chart.by_rep": {"en": "Revenue by rep, {period}", "vi": "Doanh số theo nhân viên, {period}"},
    "report.drilldown": {"en": "What fell and what rose against {against}", "vi": "Giảm và tăng so với {against}"},
    "report.no_compare": {"en": "No comparison: the sales data starts on {first}, after the start of {against}.",
                          "vi": "Chưa so sánh được: dữ liệu bán hàng bắt đầu từ {first}, sau ngày đầu {against}."},
    "sheet.decline": {"en": "Falling vs the period before", "vi": "Giảm so với kỳ trước"},
    "sheet.growth": {"en": "Rising vs the period before", "vi": "Tăng so với kỳ trước"},
    "report.chart.decline": {"en": "Falling revenue, {period} vs {against}", "vi": "Doanh số giảm, {period} so với {against}"},
    "report.chart.growth": {"en": "Rising revenue, {period} vs {against}", "vi": "Doanh số tăng, {period} so với {against}"},
    "report.customers": {"en": "Customers with and without orders — {period}", "vi": "Khách hàng có và chưa có đơn — {period}"},
    "report.customers.count": {"en": "{ordered} of {total} customers ordered in {period}; {without} active customers did not.",
                               "vi": "{ordered}/{total} khách hàng có đơn trong {period}; {without} khách hàng đang hợp "
                                     "tác chưa có đơn."},
    "report.customers.not_contacted": {"en": "{n} of the active customers without an order were not contacted.",
                                       "vi": "{n} khách hàng đang hợp tác chưa có đơn cũng chưa được liên hệ."},
    "report.customers.no_activities": {"en": "Contacts are not known: no activities table (calls, meetings) was given.",
                                       "vi": "Chưa biết việc liên hệ khách hàng: không có bảng hoạt động (gọi điện, gặp mặt)."},
    "report.no_previous_stage": {"en": "Stage growth is not known: the customers table has no previous stage column.",
                                 "vi": "Chưa biết tăng trưởng theo mức độ: bảng khách hàng không có cột mức độ đầu kỳ."},
    "sheet.customers_no_orders": {"en": "Active customers without orders", "vi": "Khách đang hợp tác chưa có đơn"},
    "sheet.customers": {"en": "All customers", "vi": "Tất cả khách hàng"},
    "sheet.stage_counts": {"en": "Customers per stage", "vi": "Khách hàng theo mức độ"},
    "report.top": {"en": "Top customers — {period}", "vi": "Khách hàng lớn — {period}"},
    "report.top.line": {"en": "The top {n} customers bring {share} of revenue; {pairs} product lines they do not buy yet.",
                        "vi": "{n} khách hàng lớn nhất mang lại {share} doanh số; còn {pairs} cặp khách hàng – dòng sản "
                              "phẩm chưa mua để bán chéo."},
    "sheet.top_customers": {"en": "Top {share} customers", "vi": "Top {share} khách hàng"},
    "sheet.cross_sell": {"en": "Cross-sell", "vi": "Bán chéo"},
    "report.inputs": {"en": "Inputs", "vi": "Dữ liệu đầu vào"},
    "sheet.inputs": {"en": "Inputs", "vi": "Dữ liệu đầu vào"},
    "report.inputs.file": {"en": "{name}: {file}", "vi": "{name}: {file}"},
    "report.inputs.line": {"en": "{table}: {rows_in} rows read, {used} used, {blank} blank rows skipped",
                           "vi": "{table}: đọc {rows_in} dòng, dùng {used} dòng, bỏ qua {blank} dòng trống"},
    "input.okr_file": {"en": "OKR file", "vi": "Tệp OKR"}, "input.kpi_file": {"en": "KPI file", "vi": "Tệp KPI"},
    "input.sales_file": {"en": "sales data", "vi": "dữ liệu bán hàng"},
    "input.checkins_file": {"en": "check-ins", "vi": "tệp check-in"},
    "input.cascade_file": {"en": "cascade file", "vi": "tệp phân rã mục tiêu"},
    "input.table.transactions": {"en": "Transactions", "vi": "Giao dịch"},
    "input.table.customers": {"en": "Customers", "vi": "Khách hàng"}, "input.table.plan": {"en": "Plan", "vi": "Kế hoạch"},
    "input.table.reps": {"en": "Sales reps", "vi": "Nhân viên"},
    "input.table.activities": {"en": "Activities (calls, meetings)", "vi": "Hoạt động (gọi, gặp)"},
    "input.table.checkins": {"en": "Check-ins", "vi": "Check-in"}, "input.table.kpis": {"en": "Department KPIs", "vi": "KPI bộ phận"},
    "input.table.okrs": {"en": "OKRs", "vi": "OKR"},
    "report.okrs": {"en": "OKRs: quality and scores", "vi": "OKR: chất lượng và điểm"},
    "report.lint": {"en": "Quality check: {errors} errors, {warnings} warnings, {infos} notes",
                    "vi": "Kiểm tra chất lượng: {errors} lỗi, {warnings} cảnh báo, {infos} ghi chú"},
    "report.scores": {"en": "{n} objectives scored; {meets} meet their expectation",
                      "vi": "Chấm {n} mục tiêu; {meets} mục tiêu đạt kỳ vọng"},
    "sheet.okr_scores": {"en": "Objective scores", "vi": "Điểm mục tiêu"},
    "sheet.kr_progress": {"en": "Key result progress", "vi": "Tiến độ KR"},
    "sheet.owner_scores": {"en": "OKR scores by owner", "vi": "Điểm OKR theo bộ phận"},   # mean of the objectives
    "sheet.okr_lint": {"en": "OKR quality findings", "vi": "Nhận xét chất lượng OKR"},
    "report.cascade": {"en": "Company goal cascaded and departments scored",
                       "vi": "Chia mục tiêu công ty và chấm điểm bộ phận"},
    "report.dept": {"en": "{name}: score {score} ({band})", "vi": "{name}: điểm {score} ({band})"},
    "sheet.funnel": {"en": "Funnel", "vi": "Phễu"},
    "sheet.department_kpis": {"en": "Department KPIs", "vi": "KPI bộ phận"},
    "sheet.department_scores": {"en": "Department scores", "vi": "Điểm bộ phận"},
    "sheet.kpi_scores": {"en": "KPI scores", "vi": "Điểm KPI"},
    "report.sales": {"en": "Sales review", "vi": "Giao ban kinh doanh"},
    "report.checkins": {"en": "Weekly check-ins and forecast", "vi": "Check-in hằng tuần và dự báo"},
    "report.checkins.count": {"en": "As of {day}: {krs} key results forecast, {off} off track.",
                              "vi": "Tính đến {day}: dự báo {krs} kết quả then chốt, {off} KR chệch hướng."},
    "sheet.checkin_off_track": {"en": "Key results off track", "vi": "KR chệch hướng"},
    "sheet.checkin_forecast": {"en": "Check-in forecast", "vi": "Dự báo check-in"},
    "sheet.calibration_by_kr": {"en": "Confidence vs results", "vi": "Độ tự tin và kết quả"},
    "report.not_given": {"en": "Not in this report: no {name} was given.", "vi": "Không có trong báo cáo: chưa có {name}."},
    "report.more_rows": {"en": "… the first {shown} of {n} rows; all of them are in the Excel workbook",
                         "vi": "… {shown} trên {n} dòng; đủ cả trong tệp Excel"},
    "report.no_rows": {"en": "none", "vi": "không có"},
    "report.pdf.no_browser": {"en": "no Chromium to print the PDF with", "vi": "không có Chromium để in PDF"},
    "report.pdf.hint": {"en": "install Chromium (make setup) or leave out --pdf; the HTML page prints the same from a browser",
                        "vi": "cài Chromium (make setup) hoặc bỏ --pdf; có thể in trang HTML từ trình duyệt"},
})
