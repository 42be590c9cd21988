"""report.xlsx on 70,000 transactions: the kit's writer (xlsxturbo, and its XlsxWriter fallback) against the pandas + openpyxl writer.

Both write the same workbook — the same sheets, rows and headers of one planning report built
on a generated sales table of 70,000 transactions and 20,000 customers (about the size of a
year of a retailer's sales) — side by side in one run; the script prints each time and the
ratio (CPU seconds of this process, so that other work on the machine does not skew it).  The old writer is kept here as it was in okrkit.report (pandas ``ExcelWriter`` with
the openpyxl engine, one ``to_excel`` per table, then column widths set cell by cell).

    PYTHONPATH=. .venv/bin/python benchmarks/bench_report_xlsx.py [--rows 70000] [--customers 20000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import io
import time


def old_writer(report) -> bytes:
    """The writer okrkit.report used before XlsxWriter: pandas + openpyxl, summary sheet first."""
    import pandas as pd

    def excel_ready(df):
        out = df.copy()
        out.attrs = {}
        for c in out.columns:
            dt = str(out[c].dtype)
            if dt in ("boolean", "Int64") or dt.startswith("str") or dt == "string":
                out[c] = out[c].astype(object).where(out[c].notna(), None)
        return out

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        pd.DataFrame({"report": report.lines()}).to_excel(xw, sheet_name="summary", index=False)
        for sheet, df in report.tables().items():
            excel_ready(df).to_excel(xw, sheet_name=sheet, index=False)
            ws = xw.sheets[sheet]
            for i, col in enumerate(df.columns, start=1):
                width = min(60, max(10, len(str(col)) + 2))
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
    return buf.getvalue()


def kit_writer(report, engine: str) -> bytes:
    """The kit's writer (okrkit.report_xlsx, as PlanningReport.write_excel calls it) with one engine, to bytes."""
    from okrkit import i18n
    from okrkit.report_html import value_text
    from okrkit.report_xlsx import write_workbook

    return write_workbook([(sh.title, sh.frame, sh.columns) for sh in report.sheets()], report.lang,
                          lambda v, k: value_text(v, k, report.lang), summary=report.lines(),
                          summary_title=i18n.t("report.summary_sheet", report.lang), engine=engine)


def new_writer(report) -> bytes:
    """The kit's default writer: xlsxturbo (rust_xlsxwriter)."""
    return kit_writer(report, "xlsxturbo")


def xlsxwriter_writer(report) -> bytes:
    """The kit's fallback writer: XlsxWriter, pure Python (where xlsxturbo is not installed)."""
    return kit_writer(report, "xlsxwriter")


def main(argv=None) -> int:
    import pandas as pd

    from okrkit.report import _Inputs, build_report
    from okrkit.sample_data import sales_data

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=70_000)
    ap.add_argument("--customers", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--lang", default="vi")
    args = ap.parse_args(argv)

    data = sales_data(2026, n_transactions=args.rows, n_customers=args.customers)
    report = build_report(inputs=_Inputs(sales=data), period="2026-Q1", lang=args.lang, charts=False)
    cells = sum(len(sh.frame) * len(sh.columns) for sh in report.sheets())
    print(f"{len(data.transactions):,} transactions, {len(data.customers):,} customers: "
          f"{len(report.sheets())} sheets, {cells:,} cells")

    def best(fn):
        times, out = [], None
        for _ in range(args.repeat):
            t0 = time.process_time()   # CPU time of this process: fair on a shared, busy machine
            out = fn(report)
            times.append(time.process_time() - t0)
        return min(times), out

    t_old, old = best(old_writer)
    t_xw, xw = best(xlsxwriter_writer)
    t_new, new = best(new_writer)
    # the same workbook: same sheet names, shapes and headers (the kit's writers also format them),
    # and the kit's two engines write the same values
    a = pd.read_excel(io.BytesIO(old), sheet_name=None)
    b = pd.read_excel(io.BytesIO(new), sheet_name=None)
    c = pd.read_excel(io.BytesIO(xw), sheet_name=None)
    assert list(a)[1:] == list(b)[1:] == list(c)[1:], (list(a), list(b))
    for name in list(a)[1:]:
        assert a[name].shape == b[name].shape and list(a[name].columns) == list(b[name].columns), name
        pd.testing.assert_frame_equal(b[name], c[name], check_dtype=False)
    print(f"pandas + openpyxl (the writer of issue 12's report): {t_old:7.2f} s  ({len(old) / 1e6:.1f} MB)")
    print(f"okrkit, XlsxWriter engine (fallback):                {t_xw:7.2f} s  ({len(xw) / 1e6:.1f} MB)")
    print(f"okrkit, xlsxturbo engine (default):                  {t_new:7.2f} s  ({len(new) / 1e6:.1f} MB)")
    print(f"ratio: {t_old / t_new:.1f}x faster than pandas + openpyxl (target 5x); "
          f"XlsxWriter engine {t_old / t_xw:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
