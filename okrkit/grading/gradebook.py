"""The grader's tables: ``gradebook.csv``/``.xlsx`` (participant × exercise), ``checks.csv`` and the summary.

Reports (feedback pages, class report) are rebuilt only when the rows or the
language changed, so re-grading an unchanged class costs little more than
hashing its files.

No cell can start a formula, whatever a participant named their folder or typed:
in the CSV files a text starting with ``= + - @``, a tab or a carriage return is
written after a single quote (OWASP's advice for CSV injection); in the XLSX every
text is a text cell (never a formula) and characters a workbook cannot hold are
replaced.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from pathlib import Path

from .. import __version__
from ..files import atomic_write
from .collect import STATUSES

COLUMNS = ("participant", "exercise", "status", "score", "max", "reason", "note", "answer_source", "seconds")
# ``check`` is the check's title and ``feedback`` its feedback, both in the grading language.
CHECK_COLUMNS = ("participant", "exercise", "check", "passed", "earned", "points", "feedback")
# A text starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets (full-width forms
# included: some input methods type them, and spreadsheets may fold them to the ASCII ones).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def summary(rows, *, exercises, started, seconds, submissions, out, workers, timeout, lang, executed, reused,
            stats, changed, rubric_changed) -> dict:
    """The machine-readable account of the run (``summary.json``)."""
    counts = {s: 0 for s in STATUSES}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return {
        "okrkit": __version__,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(seconds, 3),
        "submissions": str(submissions), "out": str(out),
        "workers": workers, "timeout": timeout, "lang": lang,
        "exercises": list(exercises),
        "participants": sorted({r["participant"] for r in rows}),
        "rows": len(rows), "statuses": counts,
        "executed": executed, "reused": reused, "retried": stats.get("retried", 0),
        "worker_restarts": stats.get("worker_restarts", 0),
        "submissions_unchanged": not changed, "changed_files": changed,
        "okrkit_files_unchanged": not rubric_changed,
        "results": [{k: r.get(k) for k in ("participant", "slug", "exercise", "status", "score", "max", "reason",
                                           "note")} for r in rows],
        "files": {"gradebook_csv": "gradebook.csv", "gradebook_xlsx": "gradebook.xlsx", "checks": "checks.csv",
                  "feedback": "feedback/", "class_report": "class_report.html"},
    }


def csv_cell(value):
    """``value`` as a CSV cell that no spreadsheet reads as a formula.

    >>> csv_cell("=SUM(A1:A9)"), csv_cell("-1"), csv_cell(-1.0), csv_cell("Nguyễn Văn An")
    ("'=SUM(A1:A9)", "'-1", -1.0, 'Nguyễn Văn An')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows: list[dict], columns) -> str:
    buf = io.StringIO()
    # CRLF (RFC 4180) also makes the writer quote a text holding a bare CR, which would otherwise end the row.
    w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: csv_cell(r.get(k)) for k in columns})
    return buf.getvalue()


def check_rows(rows: list[dict], lang: str = "en") -> list[dict]:
    """One row per participant × check, the check named by its title in ``lang`` (never its id)."""
    from .report import check_title

    out = []
    for r in rows:
        for c in r.get("checks") or []:
            out.append({"participant": r["participant"], "exercise": r["exercise"],
                        "check": check_title(r["exercise"], c, lang),
                        "passed": c["passed"], "earned": c["earned"], "points": c["points"],
                        "feedback": (c.get("feedback") or {}).get(lang, "")})
    return out


def write(rows: list[dict], out: Path, *, state: Path, summary: dict, lang: str, reports: bool = True) -> None:
    """Write the gradebook, check detail and (when their inputs changed) the reports."""
    digest = hashlib.sha256(json.dumps([rows, lang, __version__], sort_keys=True, ensure_ascii=False,
                                       default=str).encode()).hexdigest()
    stamp = state / "outputs.sha256"
    wanted = [out / "gradebook.csv", out / "gradebook.xlsx", out / "checks.csv"]
    from ..evaluation import SURVEY_COLUMNS, survey_rows

    survey = survey_rows(rows)   # the survey's answers, without names, for the trainer pack's summary
    if survey:
        wanted.append(out / "survey.csv")
    elif (out / "survey.csv").exists():
        (out / "survey.csv").unlink()
    if reports:
        wanted.append(out / "class_report.html")
    if stamp.exists() and stamp.read_text().strip() == digest and all(p.exists() for p in wanted):
        return  # nothing changed since these files were written
    atomic_write(out / "gradebook.csv", "\ufeff" + _csv(rows, COLUMNS))  # BOM: Excel reads Vietnamese right
    details = check_rows(rows, lang)
    atomic_write(out / "checks.csv", "\ufeff" + _csv(details, CHECK_COLUMNS))
    if survey:
        atomic_write(out / "survey.csv", "\ufeff" + _csv(survey, SURVEY_COLUMNS))
    _xlsx(rows, details, out / "gradebook.xlsx")
    if reports:
        from . import report

        report.write_feedback(rows, out / "feedback", lang=lang)
        report.write_class_report(rows, out / "class_report.html", lang=lang, summary=summary)
    atomic_write(stamp, digest)


_ILLEGAL_XML = None


def _xlsx_cell(value):
    """``value`` as a workbook can store it: control characters a workbook cannot hold become \ufffd."""
    global _ILLEGAL_XML
    if isinstance(value, str):
        if _ILLEGAL_XML is None:
            import re

            _ILLEGAL_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
        return _ILLEGAL_XML.sub("\ufffd", value)
    return value


def _xlsx(rows: list[dict], details: list[dict], path: Path) -> None:
    """The gradebook as a workbook (XlsxWriter): sheets ``gradebook``, ``checks`` and ``scores``.

    Every text is written as a text cell (``strings_to_formulas`` off), and one that Excel would take for
    a formula once edited (``=``, ``+``, ``-``, ``@`` …) carries the quote prefix, so it stays text.
    """
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False, "nan_inf_to_errors": True})
    head = book.add_format({"bold": True})
    quoted = book.add_format({"quote_prefix": True})

    def sheet(name: str, columns, records) -> None:
        ws = book.add_worksheet(name)
        ws.write_row(0, 0, list(columns), head)
        for r, record in enumerate(records, start=1):
            for c, key in enumerate(columns):
                value = _xlsx_cell(record.get(key))
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value, quoted if value.startswith(FORMULA_STARTS) else None)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, str(value))
        ws.freeze_panes(1, 0)

    sheet("gradebook", COLUMNS, rows)
    sheet("checks", CHECK_COLUMNS, details)
    exercises = sorted({r["exercise"] for r in rows})
    totals: dict[str, dict[str, float]] = {}
    for r in rows:
        cell = totals.setdefault(r["participant"], {})
        cell[r["exercise"]] = cell.get(r["exercise"], 0.0) + float(r.get("score") or 0)
    if rows:
        wide = [{"participant": name, **scores} for name, scores in sorted(totals.items())]
        sheet("scores", ("participant", *exercises), wide)
    book.close()
    atomic_write(path, buf.getvalue())


