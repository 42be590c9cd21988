"""Feedback pages (one per participant) and the class report, as self-contained HTML.

Everything a participant typed is escaped with :func:`html.escape` before it
reaches a page (an objective holding ``<script>`` shows as text).  Pages carry
their CSS inline and their charts as inline SVG drawn here — no script, no CDN,
no altair import (which keeps re-grading an unchanged class fast).
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from pathlib import Path

from .. import i18n
from ..files import atomic_write

i18n.register({
    "grade.feedback_title": {"en": "Feedback for {name}", "vi": "Nhận xét cho {name}"},
    "grade.total": {"en": "Total: {score} / {max} points", "vi": "Tổng: {score} / {max} điểm"},
    "grade.status.graded": {"en": "graded", "vi": "đã chấm"},
    "grade.status.error": {"en": "error", "vi": "lỗi"},
    "grade.status.timeout": {"en": "timed out", "vi": "quá thời gian"},
    "grade.status.missing": {"en": "missing", "vi": "chưa nộp"},
    "grade.status.invalid-answers": {"en": "invalid answers", "vi": "câu trả lời không hợp lệ"},
    "grade.checks": {"en": "Checks", "vi": "Các tiêu chí"},
    "grade.your_answer": {"en": "Your answer", "vi": "Câu trả lời của bạn"},
    "grade.lint": {"en": "OKR writing feedback", "vi": "Nhận xét cách viết OKR"},
    "grade.no_findings": {"en": "No findings: well written.", "vi": "Không có nhận xét: viết tốt."},
    "grade.note": {"en": "Note", "vi": "Ghi chú"},
    "grade.why": {"en": "Why not graded", "vi": "Lý do chưa chấm"},
    "grade.class_title": {"en": "Class report", "vi": "Báo cáo cả lớp"},
    "grade.distribution": {"en": "Score distribution (% of the maximum)", "vi": "Phân bố điểm (% điểm tối đa)"},
    "grade.pass_rate": {"en": "Pass rate per check", "vi": "Tỉ lệ đạt theo tiêu chí"},
    "grade.mistakes": {"en": "Most common OKR-writing mistakes", "vi": "Lỗi viết OKR thường gặp nhất"},
    "grade.weights": {"en": "Weight choices across participants (ex04)", "vi": "So sánh lựa chọn trọng số (ex04)"},
    "grade.statuses": {"en": "Status per exercise", "vi": "Tình trạng theo bài tập"},
    "grade.scores": {"en": "Scores", "vi": "Điểm"},
    "grade.participants": {"en": "{n} participants", "vi": "{n} học viên"},
    "grade.participant": {"en": "Participant", "vi": "Học viên"},
    "grade.exercise": {"en": "Exercise", "vi": "Bài tập"},
    "grade.rule": {"en": "Rule", "vi": "Quy tắc"},
    "grade.count": {"en": "Times", "vi": "Số lần"},
    "grade.example": {"en": "Example", "vi": "Ví dụ"},
    "grade.failed_checks": {"en": "Checks failed most often", "vi": "Tiêu chí trượt nhiều nhất"},
    "grade.none": {"en": "Nothing to show yet.", "vi": "Chưa có dữ liệu."},
})

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:60em;color:#222;
line-height:1.45;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .5em;text-align:left;
vertical-align:top}th{background:#f4f4f4}.passed{color:#17663a}.failed{color:#a4161a}.status{font-weight:bold}
.status-graded{color:#17663a}.status-error,.status-timeout,.status-invalid-answers{color:#a4161a}
.status-missing{color:#777}pre{white-space:pre-wrap;background:#f7f7f7;padding:.5em;font-size:.9em}
.note{color:#555;font-style:italic}.sev-error{color:#a4161a}.sev-warning{color:#9a6700}.sev-info{color:#555}
"""

E = html.escape
# Rules about a whole quarter's set, which an exercise answer (one or two objectives linked to the
# company's objectives, which are not part of the answer) cannot satisfy.
EXERCISE_CONTEXT_RULES = ("parent-missing", "objective-count")


def _page(title: str, body: str, lang: str) -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; "
            f"img-src data:\"><title>{E(title)}</title><style>{CSS}</style></head><body>{body}</body></html>")


def hbar_svg(items: list[tuple[str, float]], *, maximum: float = 1.0, percent: bool = True, width: int = 520,
             label_width: int = 220) -> str:
    """A horizontal bar chart as inline SVG; labels are escaped."""
    if not items:
        return ""
    bar_h, gap = 18, 6
    height = len(items) * (bar_h + gap) + gap
    span = width - label_width - 60
    parts = [(f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' role='img' "
              f"font-family='sans-serif' font-size='12'>")]
    for i, (label, value) in enumerate(items):
        y = gap + i * (bar_h + gap)
        frac = 0.0 if not maximum else max(0.0, min(1.0, float(value) / maximum))
        color = "#2a9d8f" if frac >= 0.7 else ("#e9c46a" if frac >= 0.4 else "#e76f51")
        shown = f"{frac * 100:.0f}%" if percent else f"{value:g}"
        text = label if len(label) <= 34 else label[:33] + "…"
        parts.append(f"<text x='{label_width - 6}' y='{y + 13}' text-anchor='end'>{E(text)}</text>"
                     f"<rect x='{label_width}' y='{y}' width='{span * frac:.1f}' height='{bar_h}' fill='{color}'/>"
                     f"<text x='{label_width + span * frac + 4:.1f}' y='{y + 13}'>{E(shown)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _title(exercise: str, lang: str) -> str:
    try:
        from ..rubrics import title

        return f"{exercise} — {title(exercise, lang)}"
    except Exception:  # noqa: BLE001 - a title is a nicety
        return exercise


def _status(status: str, lang: str) -> str:
    return f"<span class='status status-{E(status)}'>{E(i18n.t('grade.status.' + status, lang))}</span>"


def okr_findings(answer) -> tuple[list[dict], str | None]:
    """Lint findings (as dicts) of an OKR-shaped answer, or the reason it cannot be read."""
    if not isinstance(answer, dict) or not isinstance(answer.get("objectives"), list):
        return [], None
    try:
        from ..files import okrs_from_data
        from ..lint import lint

        okrs = okrs_from_data({"objectives": answer["objectives"]})
        found = lint(okrs, disable=EXERCISE_CONTEXT_RULES).findings
        return [{"rule": f.rule, "severity": f.severity, "where": f.where, "message": dict(f.message)}
                for f in found], None
    except Exception as exc:  # noqa: BLE001 - shown, never fatal
        return [], " ".join(str(exc).split())[:300]


def _okrs_html(answer: dict, lang: str) -> str:
    findings, problem = okr_findings(answer)
    by_id = defaultdict(list)
    for f in findings:
        by_id[f.get("where")].append(f)
    rows = []
    for o in answer.get("objectives") or []:
        if not isinstance(o, dict):
            continue
        oid = str(o.get("id") or "")
        rows.append(f"<tr><th>{E(oid)}</th><td><b>{E(str(o.get('text') or ''))}</b> "
                    f"<small>({E(str(o.get('type') or ''))})</small>{_finding_list(by_id.get(oid), lang)}</td></tr>")
        for kr in o.get("key_results") or []:
            kr = kr if isinstance(kr, dict) else {"text": kr}
            kid = str(kr.get("id") or "")
            rows.append(f"<tr><td>{E(kid)}</td><td>{E(str(kr.get('text') or ''))}"
                        f"{_finding_list(by_id.get(kid), lang)}</td></tr>")
    general = _finding_list(by_id.get(None), lang)
    head = f"<h4>{E(i18n.t('grade.lint', lang))}</h4>"
    if problem:
        head += f"<p class='note'>{E(problem)}</p>"
    elif not findings:
        head += f"<p class='passed'>{E(i18n.t('grade.no_findings', lang))}</p>"
    return f"{head}{general}<table>{''.join(rows)}</table>"


def _finding_list(findings, lang: str) -> str:
    if not findings:
        return ""
    items = "".join(f"<li class='sev-{E(f['severity'])}'>[{E(f['rule'])}] {E(f['message'].get(lang, ''))}</li>"
                    for f in findings)
    return f"<ul>{items}</ul>"


def _weights_html(answer: dict) -> str:
    weights = answer.get("weights")
    if not isinstance(weights, dict):
        return ""
    out = []
    for dept, row in weights.items():
        if not isinstance(row, dict):
            continue
        items = []
        for k, v in row.items():
            try:
                items.append((str(k), float(v)))
            except (TypeError, ValueError):
                continue
        out.append(f"<h4>{E(str(dept))}</h4>{hbar_svg(items, maximum=1.0)}")
    return "".join(out)


def _answer_html(row: dict, lang: str) -> str:
    answer = row.get("answer")
    if not isinstance(answer, dict):
        return ""
    parts = [f"<h3>{E(i18n.t('grade.your_answer', lang))}</h3>"]
    if isinstance(answer.get("objectives"), list):
        parts.append(_okrs_html(answer, lang))
    if isinstance(answer.get("weights"), dict):
        parts.append(_weights_html(answer))
    rest = {k: v for k, v in answer.items() if k not in ("objectives", "weights")}
    if rest:
        parts.append(f"<pre>{E(json.dumps(rest, ensure_ascii=False, indent=2, default=str)[:20000])}</pre>")
    return "".join(parts)


def feedback_html(name: str, rows: list[dict], *, lang: str) -> str:
    """One participant's feedback page."""
    total = sum(r["score"] for r in rows)
    maximum = sum(r["max"] for r in rows)
    body = [f"<h1>{E(i18n.t('grade.feedback_title', lang, name=name))}</h1>",
            f"<p>{E(i18n.t('grade.total', lang, score=f'{total:g}', max=f'{maximum:g}'))}</p>",
            hbar_svg([(r["exercise"], (r["score"] / r["max"]) if r["max"] else 0.0) for r in rows])]
    for r in rows:
        body.append(f"<h2>{E(_title(r['exercise'], lang))}</h2>"
                    f"<p>{_status(r['status'], lang)} — {r['score']:g} / {r['max']:g}</p>")
        if r.get("reason"):
            body.append(f"<p><b>{E(i18n.t('grade.why', lang))}:</b> {E(r['reason'])}</p>")
        if r.get("note"):
            body.append(f"<p class='note'>{E(i18n.t('grade.note', lang))}: {E(r['note'])}</p>")
        if r["status"] == "graded" and r.get("checks"):
            items = "".join(
                f"<li class='{'passed' if c['passed'] else 'failed'}'>{'✔' if c['passed'] else '✘'} "
                f"<b>{E(c['id'])}</b> ({c['earned']:g}/{c['points']:g}) {E(c['feedback'].get(lang, ''))}</li>"
                for c in r["checks"])
            body.append(f"<h3>{E(i18n.t('grade.checks', lang))}</h3><ul>{items}</ul>")
        body.append(_answer_html(r, lang))
    return _page(i18n.t("grade.feedback_title", lang, name=name), "".join(body), lang)


def write_feedback(rows: list[dict], folder: Path, *, lang: str) -> list[Path]:
    """``feedback/<slug>.html`` for every participant (slugs are safe file names)."""
    folder.mkdir(parents=True, exist_ok=True)
    by_slug: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_slug[r["slug"]].append(r)
    written = []
    root = folder.resolve()
    for slug, prows in by_slug.items():
        path = (folder / f"{slug}.html").resolve()
        if path.parent != root:  # slugs never hold separators; this is a second lock on the door
            continue
        atomic_write(path, feedback_html(prows[0]["participant"], prows, lang=lang))
        written.append(path)
    return written


def class_report_html(rows: list[dict], *, lang: str, summary: dict | None = None) -> str:
    """The trainer's debrief page."""
    t = lambda key, **kw: E(i18n.t(key, lang, **kw))
    exercises = sorted({r["exercise"] for r in rows})
    people = sorted({(r["participant"], r["slug"]) for r in rows}, key=lambda p: p[0].lower())
    body = [f"<h1>{t('grade.class_title')}</h1>"]
    if summary:
        body.append(f"<p>{t('grade.participants', n=len(people))} · {E(summary.get('started', ''))} · "
                    f"okrkit {E(summary.get('okrkit', ''))}</p>")

    # Scores per participant.
    table = [f"<tr><th>{t('grade.participant')}</th>" + "".join(f"<th>{E(ex.split('_')[0])}</th>" for ex in exercises)
             + "<th>%</th></tr>"]
    totals = []
    for name, slug in people:
        mine = {r["exercise"]: r for r in rows if r["slug"] == slug}
        cells = []
        for ex in exercises:
            r = mine.get(ex)
            if r is None:
                cells.append("<td></td>")
            elif r["status"] == "graded":
                cells.append(f"<td>{r['score']:g}/{r['max']:g}</td>")
            else:
                cells.append(f"<td title='{E(r.get('reason') or '')}'>{_status(r['status'], lang)}</td>")
        score = sum(r["score"] for r in mine.values())
        maximum = sum(r["max"] for r in mine.values()) or 1.0
        totals.append(score / maximum)
        table.append(f"<tr><td><a href='feedback/{E(slug)}.html'>{E(name)}</a></td>{''.join(cells)}"
                     f"<td>{100 * score / maximum:.0f}</td></tr>")
    body.append(f"<h2>{t('grade.scores')}</h2><table>{''.join(table)}</table>")

    # Distribution of total scores.
    bins = Counter(min(9, int(x * 10)) for x in totals)
    dist = [(f"{b * 10}–{b * 10 + 10}%", bins.get(b, 0)) for b in range(10)]
    body.append(f"<h2>{t('grade.distribution')}</h2>"
                + hbar_svg(dist, maximum=max(1, max((v for _, v in dist), default=1)), percent=False))

    # Statuses per exercise.
    from .collect import STATUSES

    st = [f"<tr><th>{t('grade.exercise')}</th>" + "".join(f"<th>{_status(s, lang)}</th>" for s in STATUSES) + "</tr>"]
    for ex in exercises:
        c = Counter(r["status"] for r in rows if r["exercise"] == ex)
        st.append(f"<tr><td>{E(_title(ex, lang))}</td>" + "".join(f"<td>{c.get(s, 0)}</td>" for s in STATUSES)
                  + "</tr>")
    body.append(f"<h2>{t('grade.statuses')}</h2><table>{''.join(st)}</table>")

    # Pass rate per check (graded rows only).
    body.append(f"<h2>{t('grade.pass_rate')}</h2>")
    failed = Counter()
    for ex in exercises:
        graded = [r for r in rows if r["exercise"] == ex and r["status"] == "graded"]
        if not graded:
            continue
        rates = []
        for c0 in graded[0]["checks"]:
            passed = sum(1 for r in graded for c in r["checks"] if c["id"] == c0["id"] and c["passed"])
            rates.append((c0["id"], passed / len(graded)))
            failed[(ex, c0["id"])] += len(graded) - passed
        body.append(f"<h3>{E(_title(ex, lang))} (n={len(graded)})</h3>" + hbar_svg(rates))

    # Most common OKR-writing mistakes.
    rules = Counter()
    example: dict[str, str] = {}
    for r in rows:
        if r["status"] != "graded":
            continue
        findings, _ = okr_findings(r.get("answer"))
        for f in {(f["rule"], f["message"].get(lang, "")) for f in findings if f["severity"] != "info"}:
            rules[f[0]] += 1
            example.setdefault(f[0], f[1])
    body.append(f"<h2>{t('grade.mistakes')}</h2>")
    if rules:
        body.append(f"<table><tr><th>{t('grade.rule')}</th><th>{t('grade.count')}</th><th>{t('grade.example')}"
                    "</th></tr>" + "".join(f"<tr><td>{E(rule)}</td><td>{n}</td><td>{E(example[rule])}</td></tr>"
                                           for rule, n in rules.most_common(10)) + "</table>")
    else:
        body.append(f"<p>{t('grade.none')}</p>")
    top = [(f"{ex.split('_')[0]} · {cid}", n) for (ex, cid), n in failed.most_common(10) if n]
    if top:
        body.append(f"<h3>{t('grade.failed_checks')}</h3>"
                    + hbar_svg(top, maximum=max(n for _, n in top), percent=False))

    # Weight choices (ex04).
    body.append(f"<h2>{t('grade.weights')}</h2>")
    weight_rows = [r for r in rows if r["status"] == "graded" and isinstance((r.get("answer") or {}).get("weights"),
                                                                             dict)]
    if weight_rows:
        columns = sorted({(str(d), str(k)) for r in weight_rows for d, row in r["answer"]["weights"].items()
                          if isinstance(row, dict) for k in row})
        head = "".join(f"<th>{E(d)}<br><small>{E(k)}</small></th>" for d, k in columns)
        lines = []
        for r in weight_rows:
            w = r["answer"]["weights"]
            cells = []
            for d, k in columns:
                v = (w.get(d) or {}).get(k) if isinstance(w.get(d), dict) else None
                cells.append(f"<td>{E(_num(v))}</td>")
            lines.append(f"<tr><td>{E(r['participant'])}</td>{''.join(cells)}</tr>")
        body.append(f"<table><tr><th>{t('grade.participant')}</th>{head}</tr>{''.join(lines)}</table>")
        revenue = [(d, k) for d, k in columns if k == "revenue"]
        for d, k in revenue:
            items = []
            for r in weight_rows:
                row = r["answer"]["weights"].get(d)
                try:
                    items.append((r["participant"], float(row.get(k, 0)) if isinstance(row, dict) else 0.0))
                except (TypeError, ValueError):
                    continue
            body.append(f"<h3>{E(d)} · {E(k)}</h3>" + hbar_svg(items))
    else:
        body.append(f"<p>{t('grade.none')}</p>")
    return _page(i18n.t("grade.class_title", lang), "".join(body), lang)


def _num(v) -> str:
    try:
        return f"{float(v):.2f}"
    except (TypeError, ValueError):
        return "" if v is None else str(v)[:20]


def write_class_report(rows: list[dict], path: Path, *, lang: str, summary: dict | None = None) -> Path:
    return atomic_write(path, class_report_html(rows, lang=lang, summary=summary))
