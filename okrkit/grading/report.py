"""Feedback pages (one per participant) and the class report, as self-contained HTML.

Everything a participant typed is escaped with :func:`html.escape` before it
reaches a page (an objective holding ``<script>`` shows as text).  Pages carry
their CSS inline and their charts as inline SVG drawn here — no script, no CDN,
no altair import (which keeps re-grading an unchanged class fast).
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from .. import i18n
from ..files import atomic_write
from ..glossary import department_name, kpi_name, name_ids
from .answer_tables import answer_tables

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
    "grade.reason_other": {"en": "{detail}", "vi": "Không chấm được bài này; chi tiết kỹ thuật cho giảng viên: {detail}"},
    "grade.lint_unreadable": {"en": "Part of this answer could not be read for writing feedback.",
                              "vi": "Không đọc được một phần câu trả lời để nhận xét cách viết."},
    "grade.why": {"en": "Why not graded", "vi": "Lý do chưa chấm"},
    "grade.class_title": {"en": "Class report", "vi": "Báo cáo cả lớp"},
    "grade.distribution": {"en": "Score distribution (% of the maximum)", "vi": "Phân bố điểm (% điểm tối đa)"},
    "grade.pass_rate": {"en": "Pass rate per check", "vi": "Tỷ lệ đạt theo tiêu chí"},
    "grade.mistakes": {"en": "Most common OKR-writing mistakes", "vi": "Lỗi viết OKR thường gặp nhất"},
    "grade.weights": {"en": "Weight choices across participants (exercise 4)",
                      "vi": "So sánh lựa chọn trọng số (bài 4)"},
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
.note{color:#555;font-style:italic}table.answer{width:100%}table.answer td{font-family:inherit}
p.objective{font-weight:600;margin:.2em 0}p.meta{color:#444;margin:.2em 0 .5em}.feedback{color:#333}.sev-error{color:#a4161a}.sev-warning{color:#9a6700}.sev-info{color:#555}
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


def hbar_svg(items: list[tuple[str, float]], *, maximum: float = 1.0, percent: bool = True, width: int = 620,
             label_width: int = 300, lang: str | None = None, neutral: bool = False) -> str:
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
        color = "#5b7fa6" if neutral else "#2a9d8f" if frac >= 0.7 else ("#e9c46a" if frac >= 0.4 else "#e76f51")
        shown = i18n.percent(frac, lang) if percent else i18n.number(value, lang)
        text = label if len(label) <= 46 else label[:45] + "…"
        parts.append(f"<text x='{label_width - 6}' y='{y + 13}' text-anchor='end'>{E(text)}</text>"
                     f"<rect x='{label_width}' y='{y}' width='{span * frac:.1f}' height='{bar_h}' fill='{color}'/>"
                     f"<text x='{label_width + span * frac + 4:.1f}' y='{y + 13}'>{E(shown)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _title(exercise: str, lang: str) -> str:
    try:
        from ..rubrics import EVALUATION_IDS, title

        if exercise in EVALUATION_IDS:   # a quiz or the survey has a name, not a number
            return title(exercise, lang)
        return f"{_short(exercise, lang)} · {title(exercise, lang)}"
    except Exception:  # noqa: BLE001 - a title is a nicety
        return exercise


def _short(exercise: str, lang: str) -> str:
    """``ex04_weights`` → ``Bài 4`` / ``Exercise 4`` (the exercise's number, as the lessons name it)."""
    head = exercise.split("_")[0]
    if head[:2] == "ex" and head[2:].isdigit():
        return f"{'Bài' if lang == 'vi' else 'Exercise'} {int(head[2:])}"
    try:   # the quizzes and the survey by their title
        from ..rubrics import EVALUATION_IDS, title

        if exercise in EVALUATION_IDS:
            return title(exercise, lang).split(":")[0]
    except Exception:  # noqa: BLE001, S110 - a title is a nicety
        pass
    return exercise


@lru_cache(maxsize=32)
def _rubric_titles(exercise: str) -> dict:
    try:
        from ..rubric import load_rubric

        return {c.id: c.title or {} for c in load_rubric(exercise).checks}
    except Exception:  # noqa: BLE001 - an unknown exercise has no titles
        return {}


def check_title(exercise: str, check: dict, lang: str) -> str:
    """A check's title in ``lang``: recorded with the row, else the rubric's; the id only if neither exists."""
    title = check.get("title")
    if isinstance(title, dict) and title.get(lang) and title.get(lang) != check.get("id"):
        return title[lang]
    return _rubric_titles(exercise).get(check.get("id"), {}).get(lang) or str(check.get("id"))


# The grader writes why a row was not graded (and notes on a graded one) in English, for the gradebook and for
# tools; a page says it in the page's language.  Each pattern matches one sentence the grader writes.
_REASONS: tuple[tuple[str, dict[str, str]], ...] = (
    (r"the notebook recorded a different answer than (?P<file>\S+); the saved answers file was graded",
     {"en": "The notebook showed a different answer than the one saved in {file}; the saved answer was graded.",
      "vi": "Sổ bài tập hiển thị một câu trả lời khác với bài đã lưu trong {file}; bài đã lưu được chấm."}),
    (r"the notebook recorded no answer; the saved answers file was graded",
     {"en": "The notebook showed no answer; the saved answer was graded.",
      "vi": "Sổ bài tập không hiển thị câu trả lời; bài đã lưu được chấm."}),
    (r"no (?P<file>answers/\S+); the recorded answer was graded",
     {"en": "No saved answer ({file}); the answer shown in the notebook was graded.",
      "vi": "Không có bài đã lưu ({file}); câu trả lời hiển thị trong sổ bài tập được chấm."}),
    (r"ignored an invalid recorded answer.*",
     {"en": "The answer shown in the notebook could not be read and was left aside.",
      "vi": "Câu trả lời hiển thị trong sổ bài tập không đọc được nên không được dùng."}),
    (r"very long outputs were cut",
     {"en": "Very long outputs were cut.", "vi": "Các kết quả in ra quá dài đã bị cắt bớt."}),
    (r"no notebook (?P<file>\S+) in the hand-in",
     {"en": "The hand-in has no notebook {file}.", "vi": "Bài nộp không có sổ bài tập {file}."}),
    (r"the notebook raised (?P<error>[^:]+): .*?(?: \(cell (?P<cell>\d+)\))?",
     {"en": "The notebook stopped with an error ({error}) in cell {cell}: open it, run it from the top and fix "
            "that cell.",
      "vi": "Sổ bài tập dừng vì lỗi ({error}) ở ô {cell}: hãy mở, chạy lại từ đầu và sửa ô đó."}),
    (r"the notebook ran longer than (?P<seconds>[\d.]+) s(?: \(stopped in cell (?P<cell>\d+)\))?",
     {"en": "The notebook ran longer than {seconds} seconds (it was stopped in cell {cell}).",
      "vi": "Sổ bài tập chạy quá {seconds} giây (bị dừng ở ô {cell})."}),
    (r"the kernel died(?: in cell (?P<cell>\d+))?.*",
     {"en": "The notebook's Python process stopped in cell {cell} (the code ended it or ran out of memory).",
      "vi": "Tiến trình Python của sổ bài tập bị dừng ở ô {cell} (mã lệnh tự thoát hoặc hết bộ nhớ)."}),
    (r"the notebook file is not valid JSON.*|the notebook file is not UTF-8 text|the file is not a Jupyter notebook.*"
     r"|the notebook file (?:is nested|names the key|holds text) .*",
     {"en": "The notebook file is damaged (cut short or edited outside Jupyter): hand in a fresh copy.",
      "vi": "Tệp sổ bài tập bị hỏng (bị cắt ngắn hoặc sửa ngoài Jupyter): hãy nộp lại một bản mới."}),
    (r"the notebook is larger than .*",
     {"en": "The notebook file is too large: clear its outputs and hand it in again.",
      "vi": "Tệp sổ bài tập quá lớn: hãy xóa các kết quả in ra rồi nộp lại."}),
    (r"(?P<file>answers/\S+?):? (?:the answers file (?:is not valid JSON|is nested|names the key|holds text)"
     r"|is not a regular file|holds numbers).*",
     {"en": "The saved answer {file} is damaged and could not be read.",
      "vi": "Tệp bài làm đã lưu {file} bị hỏng, không đọc được."}),
    (r"(?:the hand-in cannot be used: )?(?:the zip file is damaged|two files named .+ in the zip"
     r"|zip member .+ (?:is damaged|is encrypted|cannot be read|uses a compression method)).*",
     {"en": "The zip file handed in cannot be unpacked (damaged, password-protected or made with an unusual "
            "method): zip the folder again, without a password, and hand it in again.",
      "vi": "Không giải nén được tệp zip đã nộp (bị hỏng, có mật khẩu hoặc nén theo cách không thông dụng): hãy nén "
            "lại thư mục bài làm, không đặt mật khẩu, rồi nộp lại."}),
    (r"(?:the hand-in cannot be used: )?(?:both .+|\d+ hand-ins) named .+ were handed in.*",
     {"en": "More than one hand-in carries this name (a folder and a zip, say): the trainer keeps one and grades "
            "again.",
      "vi": "Có nhiều bài nộp cùng tên này (ví dụ một thư mục và một tệp zip): giảng viên giữ lại một bài rồi chấm "
            "lại."}),
    (r"no answers saved.*|the notebook recorded no answer.*",
     {"en": "No answer was saved or shown: open the exercise, fill in the form and hand it in again.",
      "vi": "Không có câu trả lời nào được lưu hay hiển thị: hãy mở bài tập, điền vào biểu mẫu và nộp lại."}),
)


def reason_text(reason: str, lang: str) -> str:
    """The grader's reason or note (one or more sentences joined by ``; ``) in ``lang``."""
    import re

    out = []
    for part in [p.strip() for p in re.split(r";\s+(?=very long outputs)", str(reason or "")) if p.strip()]:
        for pattern, texts in _REASONS:
            m = re.fullmatch(pattern, part)
            if m:
                fields = {k: (v if v is not None else "?") for k, v in m.groupdict().items()}
                text = texts[lang].format(**fields)
                out.append(text.replace(" in cell ?", "").replace(" ở ô ?", "")
                           .replace(" (it was stopped in cell ?)", "").replace(" (bị dừng ở ô ?)", ""))
                break
        else:
            out.append(part if lang == "en" else i18n.t("grade.reason_other", lang, detail=part))
    return " ".join(out)


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


def _okrs_findings(answer: dict, lang: str):
    """The lint header of an OKR answer and a function giving the findings list of one objective or KR."""
    findings, problem = okr_findings(answer)
    by_id = defaultdict(list)
    for f in findings:
        by_id[f.get("where")].append(f)
    head = f"<h4>{E(i18n.t('grade.lint', lang))}</h4>"
    if problem:
        head += f"<p class='note'>{E(i18n.t('grade.lint_unreadable', lang))}</p>"
    elif not findings:
        head += f"<p class='passed'>{E(i18n.t('grade.no_findings', lang))}</p>"
    head += _finding_list(by_id.get(None), lang)
    return head, lambda item_id: _finding_list(by_id.get(item_id), lang)


def _finding_list(findings, lang: str) -> str:
    if not findings:
        return ""
    items = "".join(f"<li class='sev-{E(f['severity'])}'>{E(name_ids(f['message'].get(lang, ''), lang))}</li>"
                    for f in findings)
    return f"<ul>{items}</ul>"


def _answer_html(row: dict, lang: str) -> str:
    answer = row.get("answer")
    if not isinstance(answer, dict) or not answer:
        return ""
    parts = [f"<h3>{E(i18n.t('grade.your_answer', lang))}</h3>"]
    per_item = None
    if isinstance(answer.get("objectives"), list):
        head, per_item = _okrs_findings(answer, lang)
        parts.append(head)
    parts.append(answer_tables(row["exercise"], answer, lang, findings_html=per_item,
                               bars=lambda items: hbar_svg(items, maximum=1.0, lang=lang, neutral=True)))
    return "".join(parts)


def feedback_html(name: str, rows: list[dict], *, lang: str) -> str:
    """One participant's feedback page."""
    total = sum(r["score"] for r in rows)
    maximum = sum(r["max"] for r in rows)
    body = [f"<h1>{E(i18n.t('grade.feedback_title', lang, name=name))}</h1>",
            f"<p>{E(i18n.t('grade.total', lang, score=i18n.number(total, lang), max=i18n.number(maximum, lang)))}</p>",
            hbar_svg([(_title(r["exercise"], lang), (r["score"] / r["max"]) if r["max"] else 0.0) for r in rows],
                     lang=lang)]
    for r in rows:
        body.append(f"<h2>{E(_title(r['exercise'], lang))}</h2>"
                    f"<p>{_status(r['status'], lang)} — {_points(r['score'], r['max'], lang)}</p>")
        if r.get("reason"):
            body.append(f"<p><b>{E(i18n.t('grade.why', lang))}:</b> {E(reason_text(r['reason'], lang))}</p>")
        if r.get("note"):
            body.append(f"<p class='note'>{E(i18n.t('grade.note', lang))}: {E(reason_text(r['note'], lang))}</p>")
        if r["status"] == "graded" and r.get("checks"):
            items = "".join(
                f"<li class='{'passed' if c['passed'] else 'failed'}'>{'✔' if c['passed'] else '✘'} "
                f"<b>{E(check_title(r['exercise'], c, lang))}</b> ({_points(c['earned'], c['points'], lang)})"
                + (f"<br><span class='feedback'>{E(c['feedback'].get(lang, ''))}</span>"
                   if c['feedback'].get(lang) else "") + "</li>"
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
    from ..rubrics import ALL_IDS

    exercises = sorted({r["exercise"] for r in rows},   # course order: exercises, then the quizzes and the survey
                       key=lambda e: (ALL_IDS.index(e) if e in ALL_IDS else len(ALL_IDS), e))
    people = sorted({(r["participant"], r["slug"]) for r in rows}, key=lambda p: p[0].lower())
    body = [f"<h1>{t('grade.class_title')}</h1>"]
    if summary:
        started = str(summary.get("started") or "")
        when = f"{i18n.date(started[:10], lang)} {started[11:16]} UTC" if len(started) >= 16 else started
        body.append(f"<p>{t('grade.participants', n=len(people))} · {E(when)} · "
                    f"okrkit {E(summary.get('okrkit', ''))}</p>")

    # Scores per participant.
    table = [f"<tr><th>{t('grade.participant')}</th>" + "".join(
        f"<th title='{E(_title(ex, lang))}'>{E(_short(ex, lang))}</th>" for ex in exercises) + "<th>%</th></tr>"]
    totals = []
    for name, slug in people:
        mine = {r["exercise"]: r for r in rows if r["slug"] == slug}
        cells = []
        for ex in exercises:
            r = mine.get(ex)
            if r is None:
                cells.append("<td></td>")
            elif r["status"] == "graded":
                cells.append(f"<td>{_points(r['score'], r['max'], lang)}</td>")
            else:
                cells.append(f"<td title='{E(reason_text(r.get('reason') or '', lang))}'>{_status(r['status'], lang)}</td>")
        score = sum(r["score"] for r in mine.values())
        maximum = sum(r["max"] for r in mine.values()) or 1.0
        totals.append(score / maximum)
        table.append(f"<tr><td><a href='feedback/{E(slug)}.html'>{E(name)}</a></td>{''.join(cells)}"
                     f"<td>{i18n.number(round(100 * score / maximum), lang)}</td></tr>")
    body.append(f"<h2>{t('grade.scores')}</h2><table>{''.join(table)}</table>")

    # Distribution of total scores.
    bins = Counter(min(9, int(x * 10)) for x in totals)
    dist = [(f"{b * 10}–{b * 10 + 10}%", bins.get(b, 0)) for b in range(10)]
    body.append(f"<h2>{t('grade.distribution')}</h2>"
                + hbar_svg(dist, maximum=max(1, max((v for _, v in dist), default=1)), percent=False, lang=lang, neutral=True))

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
            rates.append((check_title(ex, c0, lang), passed / len(graded)))
            failed[(ex, check_title(ex, c0, lang))] += len(graded) - passed
        body.append(f"<h3>{E(_title(ex, lang))} ({E(i18n.t('grade.participants', lang, n=len(graded)))})</h3>"
                    + hbar_svg(rates, lang=lang))

    # Most common OKR-writing mistakes.
    rules = Counter()
    example: dict[str, str] = {}
    for r in rows:
        if r["status"] != "graded":
            continue
        findings, _ = okr_findings(r.get("answer"))
        for f in {(rule_title(f["rule"], lang), f["message"].get(lang, "")) for f in findings
                  if f["severity"] != "info"}:
            rules[f[0]] += 1
            example.setdefault(f[0], name_ids(f[1], lang))
    body.append(f"<h2>{t('grade.mistakes')}</h2>")
    if rules:
        body.append(f"<table><tr><th>{t('grade.rule')}</th><th>{t('grade.count')}</th><th>{t('grade.example')}"
                    "</th></tr>" + "".join(f"<tr><td>{E(rule)}</td><td>{n}</td><td>{E(example[rule])}</td></tr>"
                                           for rule, n in rules.most_common(10)) + "</table>")
    else:
        body.append(f"<p>{t('grade.none')}</p>")
    top = [(f"{_short(ex, lang)} · {title}", n) for (ex, title), n in failed.most_common(10) if n]
    if top:
        body.append(f"<h3>{t('grade.failed_checks')}</h3>"
                    + hbar_svg(top, maximum=max(n for _, n in top), percent=False, lang=lang, neutral=True))

    # Weight choices (ex04).
    body.append(f"<h2>{t('grade.weights')}</h2>")
    weight_rows = [r for r in rows if r["status"] == "graded" and isinstance((r.get("answer") or {}).get("weights"),
                                                                             dict)]
    if weight_rows:
        columns = sorted({(str(d), str(k)) for r in weight_rows for d, row in r["answer"]["weights"].items()
                          if isinstance(row, dict) for k in row})
        head = "".join(f"<th>{E(department_name(d, lang))}<br><small>{E(kpi_name(k, lang))}</small></th>"
                       for d, k in columns)
        lines = []
        for r in weight_rows:
            w = r["answer"]["weights"]
            cells = []
            for d, k in columns:
                v = (w.get(d) or {}).get(k) if isinstance(w.get(d), dict) else None
                cells.append(f"<td>{E(_num(v, lang))}</td>")
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
            body.append(f"<h3>{E(department_name(d, lang))} · {E(kpi_name(k, lang))}</h3>"
                        + hbar_svg(items, lang=lang, neutral=True))
    else:
        body.append(f"<p>{t('grade.none')}</p>")
    return _page(i18n.t("grade.class_title", lang), "".join(body), lang)


def _num(v, lang: str) -> str:
    try:
        return i18n.percent(float(v), lang)
    except (TypeError, ValueError):
        return "" if v is None else str(v)[:20]


def _points(earned, points, lang: str) -> str:
    return f"{i18n.number(earned, lang)}/{i18n.number(points, lang)}"


def rule_title(rule: str, lang: str) -> str:
    """A lint rule's name in ``lang`` (the class report names rules, never by their ids)."""
    from .. import lint  # noqa: F401 - registers the rule names

    try:
        return i18n.t(f"lint.rule.{rule}", lang)
    except KeyError:
        return str(rule).replace("-", " ").capitalize()


def write_class_report(rows: list[dict], path: Path, *, lang: str, summary: dict | None = None) -> Path:
    return atomic_write(path, class_report_html(rows, lang=lang, summary=summary))
