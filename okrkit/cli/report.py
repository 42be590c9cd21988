"""``okrkit report`` (a manager's planning report) and ``okrkit templates DIR`` (input templates)."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("report", help="planning report from your own files: HTML and Excel (no file: the sample company)")
    p.add_argument("--okrs", dest="okr_file", help="OKR file (.yaml, .json, .csv, .xlsx)")
    p.add_argument("--kpis", dest="kpi_file", help="department KPI table (.csv, .xlsx) or cascade file (.yaml)")
    p.add_argument("--sales", dest="sales_file",
                   help="folder of sales tables (transactions, customers, plan, …) or one .xlsx workbook")
    p.add_argument("--checkins", dest="checkins_file", help="weekly check-ins (.csv, .xlsx)")
    p.add_argument("--cascade", dest="cascade_file", help="cascade file (.yaml) for the company goal")
    p.add_argument("--period", help="sales review period: 2026-03, 2026-W10, 2026-Q1 (default: the OKR period)")
    p.add_argument("--as-of", dest="as_of", help="check-in forecast as of this day (default: the last check-in)")
    p.add_argument("--lang", choices=("en", "vi"), default=None, help="language (default: $OKRKIT_LANG or en)")
    p.add_argument("--out", default="build/report", help="folder for report.html and report.xlsx (default: build/report)")
    p.add_argument("--no-charts", action="store_true", help="leave the charts out (faster)")
    p.add_argument("--pdf", action="store_true", help="also print report.pdf (A4, for the board pack) with Chromium")
    p.add_argument("--format", choices=("text", "json"), default="text", help="what to print")
    p.add_argument("--rate", action="append", metavar="CUR=RATE",
                   help="convert amounts written in another currency at this rate in VND, e.g. USD=25400 "
                        "(without it such amounts are refused)")
    p.add_argument("--sheet", action="append", metavar="TABLE=SHEET",
                   help="read a table from this sheet of a workbook, e.g. transactions='Giao dịch' "
                        "(the only way a hidden sheet is read)")
    from . import add_sample_option

    add_sample_option(p)   # which sample company when no file is given
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("templates", help="write a template (CSV and XLSX, with an example row) for each input")
    p.add_argument("dir", help="folder to write the templates into")
    p.add_argument("--format", choices=("csv", "xlsx", "both"), default="both")
    p.set_defaults(func=cmd_templates)


def cmd_report(args) -> int:
    from ..report import build_report
    from ..tables import parse_rates, parse_sheets, reading

    with reading(rates=parse_rates(args.rate), sheets=parse_sheets(args.sheet)):
        report = build_report(okr_file=args.okr_file, kpi_file=args.kpi_file, sales_file=args.sales_file,
                              checkins_file=args.checkins_file, cascade_file=args.cascade_file, period=args.period,
                              as_of=args.as_of, lang=args.lang, charts=not args.no_charts)
    html_path, xlsx_path = report.write(args.out)
    written = [html_path, xlsx_path]
    if args.pdf:
        written.append(report.write_pdf(html_path.with_suffix(".pdf"), html_path=html_path))
    if args.format == "json":
        json.dump({**report.to_dict(), "html": str(html_path), "xlsx": str(xlsx_path),
                   "pdf": str(written[2]) if args.pdf else None}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(report.lines()))
        print()
        for path in written:
            print(f"wrote {path}")
    return 0


def cmd_templates(args) -> int:
    from pathlib import Path

    from ..files import atomic_write
    from ..report import templates_folder

    formats = ("csv", "xlsx") if args.format == "both" else (args.format,)
    src = templates_folder()
    out = Path(args.dir)
    if out.exists() and not out.is_dir():
        from ..errors import InputError

        raise InputError("this is a file, not a folder", file=str(out), hint="give a folder name for the templates")
    names = sorted(p for p in src.iterdir() if p.suffix.lstrip(".") in formats or p.name == "README.md")
    for p in names:
        target = out / p.name
        atomic_write(target, p.read_bytes())
        print(f"wrote {target}")
    return 0
