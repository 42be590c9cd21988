"""A participant's answer as readable tables on the feedback page, in one language.

The answer is what the exercise's form saved.  It is shown the way the form showed it:
objectives and key results with their fields, the check-in per key result, the
funnel's parameters and targets, the choices made, the weights per department and
KPI — field names, ids and JSON never reach the page.  Each exercise's shape has a
small renderer; any other shape falls back to a two-column table whose labels come
from the glossary (or the rubric module's ``ANSWER_LABELS``), values formatted with
:mod:`okrkit.i18n` (Babel).  Everything the participant typed is escaped.
"""

from __future__ import annotations

import html
import re
from importlib import import_module

from .. import i18n
from ..glossary import DEPARTMENT_NAMES, department_name, kpi_name, where

E = html.escape

i18n.register({
    "answer.item": {"en": "Item", "vi": "Mục"},
    "answer.value": {"en": "Your answer", "vi": "Câu trả lời"},
    "answer.objective": {"en": "Objective {n}", "vi": "Mục tiêu {n}"},
    "answer.kr": {"en": "Key result {n}", "vi": "Kết quả then chốt {n}"},
    "answer.text": {"en": "Text", "vi": "Nội dung"},
    "answer.question": {"en": "Question", "vi": "Câu hỏi"},
    "answer.choice": {"en": "Your choice", "vi": "Bạn chọn"},
    "answer.not_answered": {"en": "(not answered)", "vi": "(chưa trả lời)"},
    "answer.yes": {"en": "yes", "vi": "có"},
    "answer.no": {"en": "no", "vi": "không"},
    "answer.goal": {"en": "Shared revenue goal", "vi": "Mục tiêu doanh thu chung"},
    "answer.parameters": {"en": "Funnel parameters", "vi": "Thông số của phễu"},
    "answer.targets": {"en": "Department targets", "vi": "Chỉ tiêu của các bộ phận"},
    "answer.defence": {"en": "Why these weights", "vi": "Lý do chọn các trọng số"},
    "answer.monte_carlo": {"en": "Monte Carlo simulation shown", "vi": "Đã xem mô phỏng Monte Carlo"},
    "answer.weights": {"en": "Weights per department", "vi": "Trọng số của từng bộ phận"},
})

# Labels of answer fields the exercises share (an exercise's rubric may add ``ANSWER_LABELS``).
LABELS: dict[str, dict[str, str]] = {
    "text": {"en": "Text", "vi": "Nội dung"},
    "owner": {"en": "Owner", "vi": "Bộ phận phụ trách"},
    "type": {"en": "Type", "vi": "Loại"},
    "parent": {"en": "Aligns to", "vi": "Gắn với mục tiêu"},
    "kind": {"en": "Kind", "vi": "Kiểu"},
    "baseline": {"en": "Baseline", "vi": "Mức xuất phát"},
    "target": {"en": "Target", "vi": "Chỉ tiêu"},
    "current": {"en": "Current value", "vi": "Giá trị hiện tại"},
    "unit": {"en": "Unit", "vi": "Đơn vị"},
    "weight": {"en": "Weight", "vi": "Trọng số"},
    "confidence": {"en": "Confidence (0–10)", "vi": "Độ tự tin (0–10)"},
    "due": {"en": "Due", "vi": "Hạn"},
    "week": {"en": "Week", "vi": "Tuần"},
    "kr": {"en": "Key result", "vi": "Kết quả then chốt"},
    "plan": {"en": "Plan", "vi": "Kế hoạch"},
    "progress": {"en": "Progress", "vi": "Tiến độ"},
    "problems": {"en": "Problems", "vi": "Vấn đề"},
    "goal": {"en": "Shared revenue goal", "vi": "Mục tiêu doanh thu chung"},
    "defence": {"en": "Why these weights", "vi": "Lý do chọn các trọng số"},
    "monte_carlo": {"en": "Monte Carlo simulation shown", "vi": "Đã xem mô phỏng Monte Carlo"},
    # ex06, the sales review
    "team_achieved": {"en": "Team's % of plan", "vi": "Tỷ lệ hoàn thành kế hoạch của cả đội"},
    "lowest_rep": {"en": "Rep with the lowest % of plan", "vi": "Nhân viên có tỷ lệ hoàn thành thấp nhất"},
    "customers_without_orders": {"en": "Buying customers without an order", "vi": "Khách hàng đã mua nhưng chưa có đơn"},
    "call_first": {"en": "Customers to call first", "vi": "Khách hàng cần gọi trước"},
    "falling_line": {"en": "Product line that fell most", "vi": "Dòng sản phẩm giảm nhiều nhất"},
    "falling_region": {"en": "Region that fell most", "vi": "Khu vực giảm nhiều nhất"},
    "falling_rep": {"en": "Rep who fell most", "vi": "Nhân viên giảm nhiều nhất"},
    "action": {"en": "Action agreed", "vi": "Hành động thống nhất"},
    # ex08, scoring the quarter
    "scores": {"en": "Objective scores", "vi": "Điểm các mục tiêu"},
    "bands": {"en": "Colour bands", "vi": "Màu của điểm"},
    "meets": {"en": "Meets its type's expectation", "vi": "Đạt kỳ vọng theo loại OKR"},
    "unscorable_krs": {"en": "Key results to rewrite", "vi": "KR cần viết lại"},
    "biggest_gap": {"en": "Objective furthest below expectation", "vi": "Mục tiêu hụt xa nhất so với kỳ vọng"},
    "department_scores": {"en": "Departments' OKR scores", "vi": "Điểm OKR của các bộ phận"},
    "retro": {"en": "Retro", "vi": "Rút kinh nghiệm"},
}

KR_COLUMNS = ("kind", "baseline", "target", "current", "unit", "weight")


def _t(key: str, lang: str, **kw) -> str:
    return E(i18n.t(key, lang, **kw))


def _label(key: str, lang: str, extra: dict | None = None) -> str:
    for table in (extra or {}, LABELS):
        if key in table:
            return table[key][lang]
    key = str(key)
    if key in DEPARTMENT_NAMES:
        return department_name(key, lang)
    if re.fullmatch(r"[a-z][a-z0-9_]*", key):
        # An unknown field: its words without the underscores (never seen for the kit's own exercises).
        return key.replace("_", " ").capitalize()
    return where(key, lang)


def value_text(value, lang: str, *, key: str | None = None) -> str:
    """A value as the language writes it: numbers through Babel, yes/no, lists joined; never JSON."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return i18n.t("answer.yes" if value else "answer.no", lang)
    if isinstance(value, (int, float)):
        if key == "weight" and 0 <= value <= 1:
            return i18n.percent(value, lang, decimals=1)
        if key == "week":
            return i18n.number(value, lang)
        return i18n.number(value, lang)
    if isinstance(value, str):
        if key == "week":
            return i18n.period(value, lang)
        if key == "type" and value in ("committed", "aspirational"):
            return i18n.t(f"type.{value}", lang)
        if key == "kind":
            try:
                return i18n.t(f"kind.{value}", lang)
            except KeyError:
                return value
        if key == "owner":
            return department_name(value, lang)
        if value in ("red", "yellow", "green"):
            return i18n.t(f"band.{value}", lang)
        if value in ("yes", "no"):
            return i18n.t(f"answer.{value}", lang)
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(value_text(v, lang) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{_label(k, lang)}: {value_text(v, lang, key=k)}" for k, v in value.items())
    return str(value)


def cell(value, lang: str, key: str | None = None) -> str:
    """A value as escaped HTML; text the participant typed is marked ``<span class='typed'>``."""
    text = value_text(value, lang, key=key)
    if isinstance(value, str) and text == value and value:
        return typed(value)
    return E(text)


def typed(text: str) -> str:
    """What the participant typed, escaped and marked as theirs."""
    return f"<span class='typed'>{E(str(text))}</span>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    """A table of already-escaped cells."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table class='answer'><tr>{th}</tr>{body}</table>"


def _pairs(items: list[tuple[str, str]], lang: str) -> str:
    """A two-column table of (label, value HTML) rows; labels are escaped here, values must be HTML already."""
    return _table([_t("answer.item", lang), _t("answer.value", lang)], [[E(k), v] for k, v in items])


# ---------------------------------------------------------------- per shape

def _parent_text(pid, lang: str) -> str:
    try:
        from ..rubrics.okr_checks import company_objectives

        obj = company_objectives().get(str(pid))
        if obj is not None:
            return obj.text
    except Exception:  # noqa: BLE001, S110 - a name is a courtesy
        pass
    return value_text(pid, lang)


def objectives_table(answer: dict, lang: str, findings_html=None) -> str:
    """The OKR form's answer: one block per objective, its key results as a table."""
    out = []
    for i, o in enumerate(answer.get("objectives") or [], 1):
        if not isinstance(o, dict):
            continue
        oid = str(o.get("id") or f"O{i}")
        head = where(oid, lang)
        head = head[:1].upper() + head[1:]
        meta = [(_label(k, lang), E(_parent_text(o.get(k), lang)) if k == "parent" else cell(o.get(k), lang, k))
                for k in ("owner", "type", "parent") if o.get(k) not in (None, "")]
        meta_html = " · ".join(f"{E(k)}: <b>{v}</b>" for k, v in meta)
        out.append(f"<h4>{E(head)}</h4><p class='objective'>{cell(str(o.get('text') or ''), lang)}</p>"
                   f"<p class='meta'>{meta_html}</p>")
        if findings_html:
            out.append(findings_html(oid))
        rows = []
        for j, kr in enumerate(o.get("key_results") or [], 1):
            kr = kr if isinstance(kr, dict) else {"text": kr}
            kid = str(kr.get("id") or f"{oid}.KR{j}")
            cells = [E(f"KR {j}"), cell(str(kr.get("text") or ""), lang) + (findings_html(kid) if findings_html else "")]
            cells += [cell(kr.get(k), lang, k) for k in KR_COLUMNS]
            rows.append(cells)
        if rows:
            head_cells = ["", _t("answer.text", lang)] + [E(_label(k, lang)) for k in KR_COLUMNS]
            out.append(_table(head_cells, rows))
    return "".join(out)


def _checkin_table(answer: dict, lang: str) -> str:
    rows = answer.get("checkins") if isinstance(answer.get("checkins"), list) else []
    names = {}
    try:
        from .. import sample_company

        names = {kr.id: kr.text for _o, kr in sample_company().key_results()}
    except Exception:  # noqa: BLE001, S110 - a name is a courtesy
        pass
    cols = ("plan", "progress", "problems", "current", "confidence")
    body = []
    for r in rows:
        if not isinstance(r, dict):
            continue
        kid = str(r.get("kr") or "")
        body.append([E(names.get(kid) or where(kid, lang))] + [cell(r.get(c), lang, c) for c in cols])
    head = [E(_label("kr", lang))] + [E(_label(c, lang)) for c in cols]
    week = f"<p>{E(_label('week', lang))}: <b>{cell(answer.get('week'), lang, 'week')}</b></p>"
    return week + (_table(head, body) if body else "")


def _cascade_tables(answer: dict, lang: str) -> str:
    from ..cascade import STAGE_LABELS

    def name(key):
        en, vi = STAGE_LABELS.get(key, (key, key))
        text = en if lang == "en" else vi
        return text[:1].upper() + text[1:]

    def show(key, v):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if key in ("revenue", "deal_size", "goal"):
                return E(i18n.amount(v, lang))
            if 0 < v <= 1 and key.endswith(("rate", "retention", "to_lead", "to_opportunity")):
                return E(i18n.percent(v, lang, decimals=1))
        return cell(v, lang)

    parts = [f"<p>{_t('answer.goal', lang)}: <b>{show('goal', answer.get('goal'))}</b></p>"]
    params = [(name(k), show(k, v)) for group in ("rates", "amounts")
              for k, v in ((answer.get(group) or {}).items() if isinstance(answer.get(group), dict) else [])]
    if params:
        parts.append(f"<h4>{_t('answer.parameters', lang)}</h4>" + _pairs(params, lang))
    targets = answer.get("targets") if isinstance(answer.get("targets"), dict) else {}
    if targets:
        parts.append(f"<h4>{_t('answer.targets', lang)}</h4>"
                     + _pairs([(name(k), show(k, v)) for k, v in targets.items()], lang))
    return "".join(parts)


def _choices_table(answer: dict, module, lang: str) -> str:
    questions = getattr(module, "QUESTIONS", ())
    got = module.choices(answer) if hasattr(module, "choices") else answer
    rows = []
    for q in questions:
        value = got.get(q["id"])
        label = next((o["label"] for o in q.get("options", []) if o["value"] == value), None)
        label = label.get(lang) if isinstance(label, dict) else label
        text = q["text"].get(lang) if hasattr(q["text"], "get") else q["text"]
        rows.append([E(text), E(label) if label else typed(value) if value else _t("answer.not_answered", lang)])
    return _table([_t("answer.question", lang), _t("answer.choice", lang)], rows)


def weights_items(answer: dict, lang: str) -> list[tuple[str, list[tuple[str, float]]]]:
    """``[(department name, [(KPI name, weight), ...]), ...]`` in ``lang``."""
    weights = answer.get("weights")
    out = []
    if not isinstance(weights, dict):
        return out
    for dept, row in weights.items():
        if not isinstance(row, dict):
            continue
        items = []
        for k, v in row.items():
            try:
                items.append((kpi_name(str(k), lang), float(v)))
            except (TypeError, ValueError):
                continue
        out.append((department_name(str(dept), lang), items))
    return out


def _rubric_module(exercise: str):
    try:
        return import_module(f"okrkit.rubrics.{exercise}")
    except Exception:  # noqa: BLE001 - an unknown exercise is shown with the generic table
        return None


def answer_tables(exercise: str, answer: dict, lang: str, *, findings_html=None, bars=None) -> str:
    """The answer as tables (HTML) in ``lang``: what the form showed, never JSON or field names."""
    module = _rubric_module(exercise)
    rows_of = getattr(module, "answer_rows", None)
    if callable(rows_of):  # the exercise names its own answer: [(label, value text), ...] in lang
        try:
            return _pairs([(str(k), E(str(v))) for k, v in rows_of(answer, lang)], lang)
        except Exception:  # noqa: BLE001, S110 - fall back to the generic tables
            pass
    extra = getattr(module, "ANSWER_LABELS", None) or {}
    parts = []
    done = set()
    if isinstance(answer.get("objectives"), list):
        parts.append(objectives_table(answer, lang, findings_html))
        done.add("objectives")
    if isinstance(answer.get("weights"), dict):
        parts.append(f"<h4>{_t('answer.weights', lang)}</h4>")
        for dept, items in weights_items(answer, lang):
            parts.append(f"<h4>{E(dept)}</h4>" + (bars(items) if bars else _pairs(
                [(k, E(i18n.percent(v, lang))) for k, v in items], lang)))
        done.add("weights")
    if isinstance(answer.get("checkins"), list):
        parts.append(_checkin_table(answer, lang))
        done.update(("checkins", "week"))
    if any(k in answer for k in ("rates", "amounts", "targets")) and exercise.startswith("ex03"):
        parts.append(_cascade_tables(answer, lang))
        done.update(("goal", "rates", "amounts", "targets"))
    if module is not None and hasattr(module, "QUESTIONS") and not done:
        parts.append(_choices_table(answer, module, lang))
        done.update(q["id"] for q in module.QUESTIONS)
        done.add("choices")
    judged = None
    if callable(getattr(module, "questions", None)) and isinstance(answer.get("questions"), dict):
        # the judgement questions at the end of a form (ex06, ex08): each question's text and the chosen option
        from types import SimpleNamespace

        try:
            judged = _choices_table(answer["questions"], SimpleNamespace(QUESTIONS=module.questions()), lang)
            done.add("questions")
        except Exception:  # noqa: BLE001 - shown with the generic table instead
            judged = None
    rest = [(k, v) for k, v in answer.items() if k not in done and not str(k).startswith("_")]
    if rest:
        parts.append(_pairs([(_label(k, lang, extra), cell(v, lang, k)) for k, v in rest], lang))
    if judged:
        parts.append(judged)
    return "".join(parts)
