"""Rubric of ex05: a weekly Plan / Progress / Problems check-in, judged against the forecast.

The scenario: week 8 of 13 of 2026-Q1 (the week of Tết), Marketing's objective M1,
and this week's numbers from the CRM (:func:`crm`) — the values the current sample company's
check-in log (``okrkit/data/sales/checkins.csv``, ``data/fmcg/…``) holds for that week, read per call; :func:`last_week_values` holds
week 7's, which the form shows as "last: …".  The forecast — where each key result ends
the quarter at the pace so far — is computed here (:func:`forecast`), in the
grader's process, from the participant's current values.  As in
:mod:`okrkit.checkin`, a key result is off track when its forecast is below what
its objective's type expects (1.0 for a committed objective such as M1, 0.7 for
an aspirational one); an off-track key result must have its problem named, say who
can help and by when, and carry a modest confidence.  The written parts are judged
on lesson 3's criteria (:mod:`okrkit.rubrics.prose`): a Plan that names something
to do, a Progress that states the key result's own figures (this week's value, last
week's, the change, or the progress), a Problem that names a helper and a deadline.

>>> from okrkit.rubrics.ex05_checkin import RUBRIC, forecast, CRM
>>> [f["on_track"] for f in forecast(CRM)]
[False, False, True]
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import re

from .. import i18n
from ..rubric import Check, Rubric
from . import LazyText, per_sample, sample_key

WEEK, WEEKS = 8, 13
CHECKIN_WEEK = f"2026-W{WEEK:02d}"   # the week of the check-in, as the form pre-fills it
# What M1.KR2 counts, in each company's words.
DEMO = {"saomai": {"en": "demo requests", "vi": "yêu cầu demo"},
        "fmcg": {"en": "requests for product samples", "vi": "yêu cầu nhận hàng mẫu"}}


def logged(week: int) -> dict[str, float]:
    """M1's key results as the current company's check-in log holds them in ``week`` (ISO week of 2026)."""
    from .. import sample_checkins

    f = sample_checkins().frame
    f = f[f["objective_id"] == "M1"]
    f = f[f["date"].dt.isocalendar().week == week]
    return {k: (int(v) if float(v).is_integer() else float(v)) for k, v in f.set_index("kr_id")["value"].items()}


@per_sample
def crm() -> dict[str, float]:
    """This week's numbers "from the CRM": the log's M1 values in week 8."""
    return logged(WEEK)


@per_sample
def last_week_values() -> dict[str, float]:
    """Last week's numbers: the log's M1 values in week 7 (the form's "last: …" hints)."""
    return logged(WEEK - 1)


def __getattr__(name):
    # CRM and LAST_WEEK read as module constants, but follow the company graded on ($OKRKIT_SAMPLE).
    if name == "CRM":
        return crm()
    if name == "LAST_WEEK":
        return last_week_values()
    raise AttributeError(name)


def situation(lang: str | None = None) -> str:
    """This week's CRM numbers for the class's company, as Markdown (read from its check-in log)."""
    from .. import samples
    from ..i18n import amount, get_lang, number

    lang = get_lang(lang)
    now, before = crm(), last_week_values()
    demo = DEMO[sample_key()][lang]
    leads = {"saomai": {"vi": "lead chất lượng (SQL)", "en": "quality leads (SQL)"},
             "fmcg": {"vi": "lead chất lượng (điểm bán đủ điều kiện lên tuyến)",
                      "en": "quality leads (outlets fit for the routes)"}}[sample_key()][lang]

    def figures(v, bold):
        b = "**" if bold else ""
        return (f"{b}{number(v['M1.KR1'], lang)}{b} {leads if bold else ('lead' if lang == 'vi' else 'leads')}, {b}{number(v['M1.KR2'], lang)}{b} "
                f"{demo}, {b}{amount(v['M1.KR3'], lang, short=False)}{b}")
    company = samples.get().name(lang)
    if lang == "vi":
        return (f"**Số liệu tuần này từ CRM của {company}:** {figures(now, True)} mỗi lead; tuần trước (tuần "
                f"{WEEK - 1}) là {figures(before, False)} mỗi lead.")
    return (f"**This week's CRM numbers at {company}:** {figures(now, True)} per lead, against "
            f"{figures(before, False)} per lead last week (week {WEEK - 1}).")


@per_sample
def objective():
    from .. import sample_company

    return sample_company().objective("M1")


def last_week():
    """M1 as it stood last week: its key results carry week 7's values, not the quarter's end.

    The check-in form shows a key result's value as the "last: …" hint beside the field.
    """
    import dataclasses

    obj = objective()
    return dataclasses.replace(obj, key_results=tuple(kr.with_current(last_week_values().get(kr.id, kr.current))
                                                      for kr in obj.key_results))


def forecast(currents: dict) -> list[dict]:
    """End-of-quarter forecast per key result at the pace so far (linear from the baseline).

    ``currents`` maps KR id to this week's value.  A ``stay-below`` / ``stay-above``
    key result is on track when it keeps its level now.
    """
    from ..scoring import EXPECTED, kind_of, progress

    expected = EXPECTED.get(objective().type, 1.0)
    out = []
    for kr in objective().key_results:
        current = currents.get(kr.id)
        try:
            current = float(current)
        except (TypeError, ValueError):
            out.append({"kr": kr.id, "current": None, "projected": None, "progress": None, "on_track": None})
            continue
        kind = kind_of(kr)
        if kind in ("increase", "decrease") and kr.baseline is not None:
            projected = kr.baseline + (current - kr.baseline) * WEEKS / WEEK
        else:
            projected = current
        p = progress(kr, current=projected)
        out.append({"kr": kr.id, "current": current, "projected": projected, "progress": p,
                    "on_track": None if p is None else p >= expected - 1e-9})
    return out


def _rows(answer) -> dict[str, dict]:
    rows = answer.get("checkins") if isinstance(answer.get("checkins"), list) else []
    return {str(r.get("kr")): r for r in rows if isinstance(r, dict)}


def _words(text) -> int:
    return len(str(text or "").split())


def _ids(items, lang: str = "en") -> str:
    """Key results named as the check-in form shows them: by their text, never by id."""
    texts = {kr.id: kr.text for kr in objective().key_results}
    return "; ".join(f"“{texts.get(k, k)}”" for k in items)


def _both(en: str, vi: str, items) -> dict[str, str]:
    return {"en": f"{en}: {_ids(items, 'en')}.", "vi": f"{vi}: {_ids(items, 'vi')}."}


def _plans(answer):
    """Each key result's Plan names something to do this week (lesson 3: the work and the result expected)."""
    from .prose import vague

    rows = _rows(answer)
    if not rows:
        return False
    missing = [kr.id for kr in objective().key_results if vague(rows.get(kr.id, {}).get("plan"))]
    return not missing, (_both("Say what you will do", "Hãy nói rõ sẽ làm gì", missing) if missing else None)


def _progress_numbers(answer):
    """Each key result's Progress says, in numbers, how its value moved since last week (lesson 3)."""
    from ..scoring import progress
    from .prose import mentions

    rows = _rows(answer)
    if not rows:
        return False
    missing = []
    for kr in objective().key_results:
        row = rows.get(kr.id, {})
        try:
            now = float(row.get("current"))
        except (TypeError, ValueError):
            now = None
        this, last = crm()[kr.id], last_week_values()[kr.id]
        values = [v for v in (now, this, last) if v is not None]
        values += [abs(v - last) for v in (now, this) if v is not None]
        shares = tuple(p for v in (now, this) if v is not None
                       and (p := progress(kr, current=v)) is not None)
        if not mentions(row.get("progress"), values, percent_of=shares):
            missing.append(kr.id)
    return not missing, (_both("No figure of this key result yet", "Chưa có con số của KR này", missing)
                         if missing else None)


def _week(answer):
    week = str(answer.get("week") or "")
    m = re.search(r"W?0*(\d{1,2})\s*$", week.strip(), re.IGNORECASE)
    return bool(m) and int(m.group(1)) == WEEK and ("2026" in week or not re.search(r"\d{4}", week))


def _currents(answer):
    rows = _rows(answer)
    wrong = []
    for kid, want in crm().items():
        got = rows.get(kid, {}).get("current")
        try:
            ok = abs(float(got) - want) <= 0.005 * want
        except (TypeError, ValueError):
            ok = False
        if not ok:
            wrong.append(kid)
    return not wrong, (_both("Check", "Xem lại", wrong) if wrong else None)


def _currents_of(answer) -> dict:
    return {k: r.get("current") for k, r in _rows(answer).items()}


def _off_track(answer) -> list[str]:
    return [f["kr"] for f in forecast(_currents_of(answer)) if f["on_track"] is False]


def _detail_forecast(answer) -> dict[str, str]:
    def text(lang):
        parts = [f"{_ids([f['kr']], lang)} → {i18n.number(f['progress'], lang, decimals=2)}"
                 for f in forecast(_currents_of(answer)) if f["progress"] is not None]
        return "; ".join(parts) or "–"
    return {"en": f"(forecast at the end of the quarter: {text('en')})", "vi": f"(dự báo cuối quý: {text('vi')})"}


_NO_FORECAST = {"en": "(No forecast yet: type this week's current values first — the forecast is computed from them.)",
                "vi": "(Chưa có dự báo: hãy nhập giá trị hiện tại tuần này trước — dự báo được tính từ đó.)"}


def _without_current(answer) -> list[str]:
    """The key results whose current value is not a number: their forecast, and so these checks, wait for it."""
    rows = _rows(answer)
    return [k for k in crm() if not isinstance(rows.get(k, {}).get("current"), (int, float))]


def _problems(answer):
    rows = _rows(answer)
    if rows and _without_current(answer):
        return False, _NO_FORECAST
    off = _off_track(answer)
    missing = [k for k in off if _words(rows.get(k, {}).get("problems")) < 3]
    if not rows:
        return False
    return not missing, (_detail_forecast(answer) if missing else None)


def _help_asked(answer):
    """Where the forecast falls short, the Problem says whose help is needed and by when (lesson 3)."""
    from .prose import names_deadline, names_helper

    rows = _rows(answer)
    if not rows:
        return False
    if _without_current(answer):
        return False, _NO_FORECAST
    lacking = {}
    for k in _off_track(answer):
        text = rows.get(k, {}).get("problems")
        gaps = [gap for gap, ok in (("who", names_helper(text)), ("when", names_deadline(text))) if not ok]
        if gaps:
            lacking[k] = gaps
    if not lacking:
        return True
    said = {"en": {"who": "who can help", "when": "by when"}, "vi": {"who": "ai giúp được", "when": "tới khi nào"}}
    return False, {lang: ("(" + ("missing" if lang == "en" else "còn thiếu") + " — " + "; ".join(
        f"{_ids([k], lang)}: {', '.join(said[lang][g] for g in gaps)}" for k, gaps in lacking.items()) + ")")
        for lang in ("en", "vi")}


def _confidence(answer):
    rows = _rows(answer)
    if not rows:
        return False
    if _without_current(answer):
        return False, _NO_FORECAST
    bad = []
    for f in forecast(_currents_of(answer)):
        conf = rows.get(f["kr"], {}).get("confidence")
        try:
            conf = float(conf)
        except (TypeError, ValueError):
            bad.append(f["kr"])
            continue
        if f["on_track"] is False and conf > 5 or f["on_track"] is True and conf < 6:
            bad.append(f["kr"])
    if bad:
        d = _detail_forecast(answer)
        return False, {lang: f"{d[lang]} {'Check' if lang == 'en' else 'Xem lại'}: {_ids(bad, lang)}." for lang in d}
    return True


def _n(kr_id: str, lang: str) -> str:
    """This week's number of one key result, written the language's way."""
    return i18n.number(crm()[kr_id], lang)


RUBRIC = Rubric("ex05_checkin", (
    Check("plan-written", 1, _plans,
          title={"en": "A Plan for each key result", "vi": "Có Kế hoạch cho từng kết quả then chốt"}, feedback={
        "en": "Start here: for each key result, write this week's Plan — two or three concrete actions that move "
              "the number (what you will do, for whom), not 'keep working'.",
        "vi": "Bắt đầu từ đây: với mỗi kết quả then chốt, viết Kế hoạch tuần này — hai, ba việc cụ thể làm con số "
              "nhích lên (làm gì, cho ai), không phải 'tiếp tục cố gắng'.",
    }),
    Check("progress-in-numbers", 1, _progress_numbers,
          title={"en": "Progress in numbers for each key result", "vi": "Tiến độ của từng KR có con số"}, feedback={
        "en": "Write each key result's Progress with its numbers: how far its value moved since last week "
              "(from … to …, or by how much), as lesson 3's check-in does.",
        "vi": "Viết Tiến độ của từng KR bằng con số: giá trị của KR đã đổi bao nhiêu so với tuần trước "
              "(từ … lên …, hoặc thêm bao nhiêu), như check-in mẫu ở Bài 3.",
    }),
    Check("week", 1, _week,
          title={"en": "The check-in's week", "vi": "Đúng tuần của buổi check-in"}, feedback={
        "en": "Set the week of this check-in: week 8 of the quarter (2026-W08).",
        "vi": "Ghi đúng tuần của buổi check-in: tuần 8 của quý (2026-W08).",
    }),
    Check("current-values", 2, _currents,
          title={"en": "This week's current values from the CRM", "vi": "Giá trị hiện tại tuần này lấy từ CRM"}, feedback=LazyText(lambda lang: {
        "en": "Type this week's numbers from the CRM into 'Current value': "
              f"{_n('M1.KR1', 'en')} quality leads, {_n('M1.KR2', 'en')} {DEMO[sample_key()]['en']}, {_n('M1.KR3', 'en')} VND per lead.",
        "vi": "Nhập số liệu tuần này từ CRM vào ô 'Giá trị hiện tại': "
              f"{_n('M1.KR1', 'vi')} lead chất lượng, {_n('M1.KR2', 'vi')} {DEMO[sample_key()]['vi']}, {_n('M1.KR3', 'vi')} đồng mỗi lead.",
    }[lang])),
    Check("problems-where-off-track", 2, _problems,
          title={"en": "Problems named where the forecast falls short", "vi": "Nêu Vấn đề ở KR mà dự báo không đạt"}, feedback={
        "en": "Every key result the forecast shows short of its target by the end of the quarter (M1 is committed: "
              "1.0 is expected) needs its Problem named: "
              "what is in the way, and what help you need.",
        "vi": "KR nào theo dự báo sẽ không đạt mục tiêu vào cuối quý (M1 là OKR cam kết: cần đạt 1,0) thì phải nêu rõ "
              "Vấn đề: điều gì đang cản trở và "
              "bạn cần hỗ trợ gì.",
    }),
    Check("problems-ask-for-help", 2, _help_asked,
          title={"en": "Problems say who can help, and by when", "vi": "Vấn đề nêu ai giúp được và tới khi nào"},
          feedback={
        "en": "For each key result heading off track, ask for help as lesson 3 teaches: name who can help (a "
              "department, a person) and by when (a date, a day, within 48 hours).",
        "vi": "Với mỗi KR đang lệch hướng, hãy xin hỗ trợ như Bài 3 hướng dẫn: nêu ai giúp được (một bộ phận, "
              "một người) và tới khi nào (một ngày, một thứ trong tuần, trong 48 giờ).",
    }),
    Check("honest-confidence", 2, _confidence,
          title={"en": "Confidence follows the forecast", "vi": "Độ tự tin khớp với dự báo"}, feedback={
        "en": "Let confidence follow the forecast: at most 5/10 for a key result heading off track, at least 6/10 "
              "for one on track. An honest 'red' now is worth more than a surprise at the end of the quarter.",
        "vi": "Để độ tự tin đi theo dự báo: tối đa 5/10 cho KR đang lệch hướng, ít nhất 6/10 cho KR đúng "
              "hướng. Báo 'đỏ' trung thực bây giờ đáng giá hơn một bất ngờ cuối quý.",
    }),
))
