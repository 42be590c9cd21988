"""The planning report: a manager's quarter, from their own files to one HTML page and one workbook.

:func:`build_report` reads a manager's OKR file, KPI file (a table of
department KPIs, or a cascade YAML), sales tables and weekly check-ins —
checking every file whole and raising one :class:`~okrkit.errors.ProblemList`
with every problem of every file — then lints the OKRs, scores them, cascades
the company goal and scores departments, reviews sales and summarises the
check-ins.  The :class:`PlanningReport` it returns writes a self-contained
HTML page (charts as inline SVG, no script, no CDN; every user text escaped)
and an Excel workbook with one sheet per table.

With no file given at all, the report is the sample company's
(Công ty Phần mềm Sao Mai, 2026-Q1).  With some files given, the sections
whose file is missing say so instead of showing the sample.

Examples
--------
>>> from okrkit.report import build_report
>>> r = build_report(charts=False)
>>> [s.key for s in r.sections]
['inputs', 'okrs', 'cascade', 'sales', 'checkins']
"""

from __future__ import annotations

import html
import io
import math
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import i18n
from .errors import InputError, OkrkitError, ProblemList
from .tables import Column, Problems, Schema, read_frame, where

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
                problems.add(InputError(f"weights for '{dept}' sum to {total:.2f}, not 1.00", file=t.file,
                                        where=where(t.sheet, int(first), "weight"),
                                        hint="change one weight so the department's weights add up to 1"))
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
class Section:
    """One part of the report: a title, a few lines, tables and charts."""

    key: str
    title: str
    lines: tuple[str, ...] = ()
    tables: tuple[tuple[str, Any], ...] = ()
    charts: tuple[Any, ...] = ()
    note: str | None = None


@dataclass(frozen=True, eq=False)
class PlanningReport:
    """The manager's planning report; ``write(folder)`` gives ``report.html`` and ``report.xlsx``."""

    title: str
    lang: str
    sections: tuple[Section, ...]
    inputs: tuple[tuple[str, str], ...] = ()
    created: str = field(default_factory=lambda: datetime.now().strftime("%Y-%m-%d %H:%M"))

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def tables(self) -> dict:
        """Every table of every section by sheet name (≤ 31 characters, unique)."""
        out: dict = {}
        for s in self.sections:
            for name, df in s.tables:
                if df is None:
                    continue
                sheet = name[:31]
                n = 2
                while sheet in out:
                    sheet = f"{name[:28]}_{n}"
                    n += 1
                out[sheet] = df
        return out

    def lines(self) -> list[str]:
        out = [self.title]
        for s in self.sections:
            out.append("")
            out.append(s.title)
            out += [f"  {x}" for x in s.lines]
            if s.note:
                out.append(f"  ({s.note})")
        return out

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        parts = [f"<h3>{html.escape(self.title)}</h3>"]
        for s in self.sections:
            parts.append(f"<b>{html.escape(s.title)}</b><ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in s.lines)
                         + (f"<li><i>{html.escape(s.note)}</i></li>" if s.note else "") + "</ul>")
        return "<div class='okrkit-report'>" + "".join(parts) + "</div>"

    def to_dict(self) -> dict:
        return {"title": self.title, "lang": self.lang, "created": self.created,
                "inputs": [{"input": k, "file": v} for k, v in self.inputs],
                "sections": [{"key": s.key, "title": s.title, "lines": list(s.lines), "note": s.note,
                              "tables": [name for name, df in s.tables if df is not None]} for s in self.sections]}

    # -- output
    def to_html(self, *, max_rows: int = 60) -> str:
        """The report as one self-contained HTML page (inline CSS and SVG; no script, no link)."""
        from .ui.charts import to_svg

        lang = self.lang
        nav = " · ".join(f"<a href='#{s.key}'>{html.escape(s.title)}</a>" for s in self.sections)
        body = []
        for s in self.sections:
            body.append(f"<section id='{s.key}'><h2>{html.escape(s.title)}</h2>")
            if s.lines:
                body.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in s.lines) + "</ul>")
            if s.note:
                body.append(f"<p class='note'>{html.escape(s.note)}</p>")
            for chart in s.charts:
                svg = chart if isinstance(chart, str) else to_svg(chart)
                body.append(f"<figure>{svg}</figure>")
            for name, df in s.tables:
                if df is None:
                    continue
                body.append(f"<h3>{html.escape(name)}</h3>")
                shown = df.head(max_rows)
                body.append(_table_html(shown, lang))
                if len(df) > max_rows:
                    body.append(f"<p class='note'>{html.escape(i18n.t('report.more_rows', lang, shown=max_rows, n=len(df)))}</p>")
            body.append("</section>")
        inputs = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in self.inputs)
        return (
            "<!DOCTYPE html>\n<html lang='" + lang + "'><head><meta charset='utf-8'>"
            f"<title>{html.escape(self.title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{html.escape(self.title)}</h1>"
            f"<p class='meta'>{html.escape(i18n.t('report.created', lang, when=self.created))}</p>"
            f"<table class='inputs'>{inputs}</table><nav>{nav}</nav>" + "".join(body) + "</body></html>\n")

    def write_html(self, path: str | os.PathLike) -> Path:
        from .files import atomic_write

        return atomic_write(path, self.to_html())

    def write_excel(self, path: str | os.PathLike) -> Path:
        """One sheet per table, plus ``summary`` (the report's lines) first."""
        import pandas as pd

        from .files import atomic_write

        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xw:
            pd.DataFrame({"report": self.lines()}).to_excel(xw, sheet_name="summary", index=False)
            for sheet, df in self.tables().items():
                _excel_ready(df).to_excel(xw, sheet_name=sheet, index=False)
                ws = xw.sheets[sheet]
                for i, col in enumerate(df.columns, start=1):
                    width = min(60, max(10, len(str(col)) + 2))
                    ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
        return atomic_write(path, buf.getvalue())

    def write(self, folder: str | os.PathLike, *, name: str = "report") -> tuple[Path, Path]:
        """Write ``<name>.html`` and ``<name>.xlsx`` into ``folder``."""
        folder = Path(folder)
        return self.write_html(folder / f"{name}.html"), self.write_excel(folder / f"{name}.xlsx")


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2em auto;max-width:1100px;
color:#222;padding:0 1em}h1{font-size:1.6em}h2{border-bottom:2px solid #4c78a8;padding-bottom:.2em;margin-top:2em}
h3{font-size:1em;margin:1.5em 0 .3em;color:#4c78a8}table{border-collapse:collapse;font-size:.85em;margin:.3em 0}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f6fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}.note,.meta{color:#666;font-size:.85em}
figure{margin:1em 0}nav{margin:1em 0;font-size:.9em}table.inputs td{border:none;padding:1px 8px 1px 0}
"""

PCT_COLUMNS = {"achieved", "share_of_revenue", "change_pct"}
RATIO_COLUMNS = {"forecast", "progress_now", "progress_score", "trend_per_week", "score", "expected", "mean_confidence",
                 "final_score", "brier", "predicted", "met_share", "weight", "kpi_score", "contribution",
                 "department_score", "confidence"}


def _fmt_number(x: float, lang: str, decimals: int = 0) -> str:
    return i18n.digits(f"{x:,.{decimals}f}", lang)


def _table_html(df, lang: str) -> str:
    import pandas as pd

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    kinds = {c: str(df[c].dtype) for c in df.columns}
    for rec in df.itertuples(index=False, name=None):
        cells = []
        for col, v in zip(df.columns, rec):
            num = False
            if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT or (
                    not isinstance(v, (str, bytes, list, tuple)) and pd.isna(v) is True):
                text = ""
            elif isinstance(v, bool) or kinds[col] == "bool":
                text = "✓" if v else "✗"
            elif isinstance(v, (pd.Timestamp, datetime)):
                text = v.strftime("%Y-%m-%d")
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                num = True
                if col in PCT_COLUMNS:
                    text = f"{v:.0%}" if abs(v) < 100 else ""
                elif col in RATIO_COLUMNS:
                    text = _fmt_number(v, lang, 2)
                else:
                    text = _fmt_number(v, lang, 0 if abs(v) >= 100 or float(v).is_integer() else 2)
            else:
                text = str(v)
            cls = " class='num'" if num else ""
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _excel_ready(df):
    """A copy Excel can hold: plain object/number/datetime columns, no nullable extension types."""
    out = df.copy()
    out.attrs = {}
    for c in out.columns:
        dt = str(out[c].dtype)
        if dt in ("boolean", "Int64") or dt.startswith("str") or dt == "string":
            out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


# ---------------------------------------------------------------- building

@dataclass
class _Inputs:
    okrs: Any = None
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
        got.okrs = attempt(lambda: load_okrs(okr_path))
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
                raise InputError("check-ins need the OKR file they report on", file=str(check_path),
                                 hint="give okr_file too (the key result ids come from it)")
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

    Raises :class:`~okrkit.errors.ProblemList` listing every problem of every input file.
    ``inputs`` (from :func:`load_inputs`) skips reading the files again.
    """
    lang = i18n.get_lang(lang)
    inp = inputs if inputs is not None else load_inputs(
        okr_file=okr_file, kpi_file=kpi_file, sales_file=sales_file, checkins_file=checkins_file,
        cascade_file=cascade_file)
    def t(key, **kw):
        return i18n.t(key, lang, **kw)

    sections = [_inputs_section(inp, t)]
    sections.append(_okr_section(inp, t, lang, charts))
    sections.append(_cascade_section(inp, t, lang, charts))
    sections.append(_sales_section(inp, t, lang, charts, period, top_share))
    sections.append(_checkin_section(inp, t, lang, charts, as_of))
    org = inp.okrs.organization if inp.okrs is not None and inp.okrs.organization else ""
    per = inp.okrs.period if inp.okrs is not None and inp.okrs.period else ""
    title = t("report.title", org=org, period=per).strip(" —")
    return PlanningReport(title, lang, tuple(sections), tuple(inp.files))


def _inputs_section(inp: _Inputs, t) -> Section:
    import pandas as pd

    rows = []
    if inp.sales is not None:
        rows += [s for s in inp.sales.summary().to_dict("records")]
    if inp.checkins is not None and inp.checkins.table is not None:
        rows.append(inp.checkins.table.summary())
    if inp.kpi_table is not None:
        rows.append(inp.kpi_table.summary())
    table = pd.DataFrame(rows)
    lines = [t("report.inputs.line", table=r["table"], rows_in=r["rows_in"], used=r["rows_used"], blank=r["blank_rows"])
             for r in rows]
    return Section("inputs", t("report.inputs"), tuple(lines), (("inputs", table),))


def _okr_section(inp: _Inputs, t, lang, charts) -> Section:
    import pandas as pd

    from .scoring import score

    if inp.okrs is None:
        return Section("okrs", t("report.okrs"), note=t("report.not_given", name="okr_file"))
    okrs = inp.okrs
    lines, tables = [], []
    try:
        from .lint import lint
    except ImportError:  # lint is optional for the report
        lint = None
    if lint is not None:
        rep = lint(okrs, lang=lang)
        counts = rep.counts()
        lines.append(t("report.lint", errors=counts.get("error", 0), warnings=counts.get("warning", 0),
                       infos=counts.get("info", 0)))
        tables.append(("okr_lint", pd.DataFrame([{"where": f.where, "severity": f.severity, "rule": f.rule,
                                                  "message": f.text(lang)} for f in rep.findings],
                                                columns=["where", "severity", "rule", "message"])))
    card = score(okrs, lang=lang)
    objs = pd.DataFrame([{k: v for k, v in o.items() if k != "key_results"} for o in card.to_dict()["objectives"]])
    krs = pd.DataFrame([{"objective_id": o["id"], **k} for o in card.to_dict()["objectives"] for k in o["key_results"]])
    owners = pd.DataFrame([{"owner": k, "score": v} for k, v in card.by_owner().items()])
    meets = int(objs["meets_expectation"].fillna(False).astype(bool).sum()) if len(objs) else 0
    lines.append(t("report.scores", n=len(objs), meets=meets))
    for r in owners.itertuples():
        lines.append(f"{r.owner or '—'}: {r.score:.2f}")
    tables += [("okr_scores", objs), ("kr_progress", krs), ("owner_scores", owners)]
    return Section("okrs", t("report.okrs"), tuple(lines), tuple(tables))


def _cascade_section(inp: _Inputs, t, lang, charts) -> Section:
    import pandas as pd

    lines, tables, chs = [], [], []
    if inp.cascade is not None:
        from .cascade import cascade

        result = cascade(inp.cascade)
        lines += [x for x in result.lines(lang) if x.strip()][:1]
        lines += [tg.explain(lang) for tg in result.funnel]
        for d in result.departments:
            lines.append(t("report.dept", name=d.name, score="—" if d.score is None else f"{d.score:.2f}",
                           band=i18n.t(f"band.{d.band}", lang) if d.band else "—"))
        tables.append(("funnel", pd.DataFrame([tg.to_dict() for tg in result.funnel])))
        tables.append(("department_kpis", result.to_frame()))
        if charts:
            from .ui import charts as ch

            chs += [ch.funnel_chart(result, lang=lang), ch.weight_heatmap(result, lang=lang)]
    if inp.kpis is not None:
        summary, detail = department_scores(inp.kpis)
        for r in summary.itertuples():
            lines.append(t("report.dept", name=r.department, score="—" if r.score is None else f"{r.score:.2f}",
                           band=i18n.t(f"band.{r.band}", lang) if r.band else "—"))
        tables += [("department_scores", summary), ("kpi_scores", detail)]
    note = None if (inp.cascade is not None or inp.kpis is not None) else t("report.not_given", name="kpi_file")
    return Section("cascade", t("report.cascade"), tuple(lines), tuple(tables), tuple(chs), note)


def _sales_section(inp: _Inputs, t, lang, charts, period, share) -> Section:
    from .sales import Period, review

    if inp.sales is None:
        return Section("sales", t("report.sales"), note=t("report.not_given", name="sales_file"))
    data = inp.sales
    if period is None and inp.okrs is not None and inp.okrs.period:
        try:
            p = Period.parse(inp.okrs.period)
            if data.first_day and data.first_day <= p.start and data.last_day and data.last_day >= p.start:
                period = p
        except InputError:
            pass
    r = review(data, period, share=share, lang=lang)
    tables = tuple((k, v) for k, v in r.tables().items())
    chs = ()
    if charts:
        from .ui import sales_charts as sc

        chs = (sc.plan_actual_chart(r.by_rep, by="rep", period=r.period.label, lang=lang),
               sc.plan_actual_chart(r.by_product_line if r.by_product_line["plan"].notna().any() else r.by_region,
                                    by="product_line" if r.by_product_line["plan"].notna().any() else "region",
                                    period=r.period.label, lang=lang),
               sc.customers_chart(r.customers, lang=lang),
               sc.drilldown_chart(r.decline, lang=lang), sc.drilldown_chart(r.growth, lang=lang),
               sc.top_customers_chart(r.top, lang=lang), sc.stage_chart(r.stages, lang=lang))
    return Section("sales", t("report.sales_period", period=r.period.label), tuple(r.lines(lang)), tables, chs)


def _checkin_section(inp: _Inputs, t, lang, charts, as_of) -> Section:
    from .checkin import summarize

    if inp.checkins is None:
        return Section("checkins", t("report.checkins"), note=t("report.not_given", name="checkins_file"))
    s = summarize(inp.checkins, as_of=as_of, lang=lang)
    chs = ()
    if charts:
        from .ui import sales_charts as sc

        off = list(s.off_track()["kr_id"])[:8] or None
        chs = (sc.forecast_chart(s.forecast, lang=lang), sc.progress_chart(s.curve, kr_ids=off, lang=lang))
        if s.calibration is not None and s.calibration.brier is not None:
            chs += (sc.calibration_chart(s.calibration, lang=lang),)
    return Section("checkins", t("report.checkins"), tuple(s.lines(lang)), tuple(s.tables().items()), chs)


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


i18n.register({
    "report.title": {"en": "Planning report — {org} — {period}", "vi": "Báo cáo kế hoạch — {org} — {period}"},
    "report.created": {"en": "Made by okrkit on {when}", "vi": "Tạo bởi okrkit lúc {when}"},
    "report.inputs": {"en": "Inputs", "vi": "Dữ liệu đầu vào"},
    "report.inputs.line": {"en": "{table}: {rows_in} rows read, {used} used, {blank} blank rows skipped",
                           "vi": "{table}: đọc {rows_in} dòng, dùng {used} dòng, bỏ qua {blank} dòng trống"},
    "report.okrs": {"en": "OKRs: quality and scores", "vi": "OKR: chất lượng và điểm"},
    "report.lint": {"en": "Lint: {errors} errors, {warnings} warnings, {infos} notes",
                    "vi": "Kiểm tra: {errors} lỗi, {warnings} cảnh báo, {infos} ghi chú"},
    "report.scores": {"en": "{n} objectives scored; {meets} meet their expectation",
                      "vi": "Chấm {n} mục tiêu; {meets} mục tiêu đạt kỳ vọng"},
    "report.cascade": {"en": "Company goal cascaded and departments scored",
                       "vi": "Chia mục tiêu công ty và chấm điểm bộ phận"},
    "report.dept": {"en": "{name}: score {score} ({band})", "vi": "{name}: điểm {score} ({band})"},
    "report.sales": {"en": "Sales review", "vi": "Giao ban kinh doanh"},
    "report.sales_period": {"en": "Sales review {period}", "vi": "Giao ban kinh doanh {period}"},
    "report.checkins": {"en": "Weekly check-ins and forecast", "vi": "Check-in hằng tuần và dự báo"},
    "report.not_given": {"en": "no {name} given", "vi": "chưa có {name}"},
    "report.more_rows": {"en": "first {shown} of {n} rows shown; all of them are in the Excel workbook",
                         "vi": "hiện {shown} trên {n} dòng; đủ cả trong file Excel"},
})
