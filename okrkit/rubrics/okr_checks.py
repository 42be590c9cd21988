"""Checks shared by the rubrics of the OKR-writing exercises (ex01, ex02).

An OKR-builder answer has the shape of an OKR file (``{"objectives": [...]}``).
These helpers read it with :func:`okrkit.files.okrs_from_data` after dropping
empty rows (a half-filled form is not an error), and judge it with
:mod:`okrkit.lint` when it is available, plus a few checks of their own that
the course needs (alignment to a company objective, committed/aspirational mix).

Every factory returns a :class:`~okrkit.rubric.Check`; a test returns
``(passed, detail)`` where ``detail`` names the objectives or key results at fault.
"""

from __future__ import annotations

import math
import re
import unicodedata

from .. import i18n
from ..errors import InputError
from ..files import KR_FIELDS, OBJECTIVE_FIELDS, okrs_from_data
from ..model import KR_KINDS, OKR_TYPES, KeyResult, Objective, OKRSet
from ..quantity import parse_number
from ..rubric import Check
from . import per_sample

# Verbs that start a task rather than a result ("do X" instead of "X happened").
ACTIVITY_STARTS = (
    "gọi", "tổ chức", "đăng", "viết", "gửi", "họp", "tham gia", "triển khai", "cập nhật", "chạy quảng cáo",
    "thực hiện", "liên hệ", "tiến hành", "bố trí", "cung cấp", "đào tạo", "chăm sóc", "làm ", "lập ",
    "call", "hold", "post", "write", "send", "attend", "run ", "organi", "update", "do ", "make ", "contact",
    "conduct", "visit", "meet ",
)
# Numbers that show people are busy, not that customers or the business moved.
BUSY_WORK = re.compile(r"bài viết|bài đăng|số bài|lượt thích|like|post|article|email gửi|emails? sent|"
                       r"cuộc gọi đã gọi|calls? made|số cuộc họp|meetings? held", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
_YEAR_OR_DATE = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\bQ[1-4]\b|\bquý\s*[1-4IV]+\b", re.IGNORECASE)
COMPANY_IDS = ("C1", "C2", "C3")



def plain(text: str) -> str:
    """Lower case without Vietnamese accents, so 'Gọi điện' and 'goi dien' read the same."""
    text = str(text).lower().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


_ACTIVITY_PLAIN = tuple(plain(s) for s in ACTIVITY_STARTS)
_BUSY_PLAIN = re.compile(plain(BUSY_WORK.pattern), re.IGNORECASE)


# ---------------------------------------------------------------- reading an answer

def raw_objectives(answer: dict) -> list[dict]:
    """The answer's objectives with empty key results and empty objectives left out."""
    out = []
    for raw in answer.get("objectives") or []:
        if not isinstance(raw, dict):
            continue
        krs = []
        for kr in raw.get("key_results") or []:
            if isinstance(kr, str):
                kr = {"text": kr}
            if isinstance(kr, dict) and str(kr.get("text") or "").strip():
                krs.append(_readable(kr))
        text = str(raw.get("text") or "").strip()
        if not text and not krs:
            continue
        obj = {k: v for k, v in raw.items() if k in OBJECTIVE_FIELDS and k != "key_results" and v not in ("", None)}
        if obj.get("type") is not None and str(obj["type"]).strip().lower() not in OKR_TYPES:
            del obj["type"]
        for name in ("id", "owner", "parent"):
            if name in obj and not isinstance(obj[name], (str, int, float)):
                del obj[name]
        obj["text"] = text
        obj["key_results"] = krs
        out.append(obj)
    return out


def _readable(kr: dict) -> dict:
    """A key result's fields, leaving out what cannot be read (a number typed as words, an unknown kind).

    A form keeps unreadable text as typed; one such field must cost the checks
    about that field, not the whole answer.
    """
    out = {}
    for k, v in kr.items():
        if k not in KR_FIELDS or v in ("", None):
            continue
        if k in ("baseline", "target", "current", "weight", "confidence"):
            try:
                number, _unit = parse_number(v)
            except (InputError, TypeError, ValueError):
                continue
            if math.isnan(number) or (k in ("weight", "confidence") and number < 0):
                continue
        elif k == "kind" and str(v).strip().lower() not in KR_KINDS or k in ("id", "text", "unit", "due") and not isinstance(v, (str, int, float)):
            continue
        out[k] = v
    return out


def okrset(answer: dict) -> OKRSet:
    """The answer as an :class:`OKRSet` (a blank objective text reads as ``…``)."""
    objs = [dict(o, text=o["text"] or "…") for o in raw_objectives(answer)]
    return okrs_from_data({"objectives": objs}, file="answer")


def lint_rules(okrs: OKRSet) -> dict[str, set[str]]:
    """``{objective or KR id: {rule ids}}`` from :mod:`okrkit.lint`, or ``{}`` without lint."""
    try:
        from ..lint import lint
    except ImportError:
        return {}
    out: dict[str, set[str]] = {}
    for f in lint(okrs).findings:
        out.setdefault(str(f.where), set()).add(str(f.rule))
    return out


@per_sample
def company_objectives() -> dict[str, Objective]:
    """The sample company's board objectives, by id (the parents an answer may align to)."""
    from .. import sample_company

    return {o.id: o for o in sample_company().objectives if o.id in COMPANY_IDS}


def has_number(text: str) -> bool:
    """True when ``text`` states a target amount (years, dates and quarters do not count)."""
    try:
        from ..quantity import target_quantity
    except ImportError:
        target_quantity = None
    if target_quantity is not None:
        try:
            return target_quantity(text) is not None
        except Exception:  # noqa: BLE001, S110 - fall back to the plain reading below
            pass
    return bool(_NUMBER.search(_YEAR_OR_DATE.sub(" ", text)))


def measurable(kr: KeyResult) -> bool:
    """A KR is measurable when it has a numeric target, is a dated milestone, or states a number."""
    if kr.target is not None:
        return True
    if kr.kind == "milestone":
        return kr.due is not None or has_number(kr.text)
    return has_number(kr.text)


def is_activity(kr: KeyResult) -> bool:
    """A KR that describes a task to do (or busy-work counts) rather than a result."""
    text = plain(kr.text.strip())
    return text.startswith(_ACTIVITY_PLAIN) or bool(_BUSY_PLAIN.search(text))


def _ids(items, lang: str = "en") -> str:
    """Objectives and key results named as the form shows them ("KR 2 của mục tiêu 1"), never by id."""
    return "; ".join(_named(item, lang) for item in items)


def _named(item, lang: str) -> str:
    from ..glossary import where

    if isinstance(item, tuple):  # (id or text, extra shown after it, per language or plain)
        item, extra = item
        extra = extra.get(lang, "") if isinstance(extra, dict) else str(extra)
        return f"{where(item, lang)} ({extra})"
    return where(item, lang)


def _detail(en: str, vi: str, items) -> dict[str, str]:
    return {"en": f"{en}: {_ids(items, 'en')}.", "vi": f"{vi}: {_ids(items, 'vi')}."}


# ---------------------------------------------------------------- check factories

def has_objectives(n: int, points: float, feedback: dict[str, str]) -> Check:
    def test(answer):
        objs = [o for o in raw_objectives(answer) if o["text"]]
        return len(objs) >= n
    title = ({"en": "An objective is written", "vi": "Đã viết mục tiêu"} if n == 1 else
             {"en": f"{n} objectives are written", "vi": f"Đã viết {n} mục tiêu"})
    return Check("has-objective" if n == 1 else "has-objectives", points, test, feedback, title=title)


def objective_qualitative(points: float) -> Check:
    def test(answer):
        okrs = okrset(answer)
        rules = lint_rules(okrs)
        bad = [o.id or o.text[:30] for o in okrs.objectives
               if has_number(o.text) or "objective-metric" in rules.get(o.id, ())]
        if not raw_objectives(answer):
            return False
        return not bad, _detail("Objectives with numbers", "Mục tiêu có con số", bad) if bad else None
    return Check("objective-qualitative", points, test, title={
        "en": "The objective is in words, without numbers",
        "vi": "Mục tiêu viết bằng lời, không có con số"}, feedback={
        "en": "An objective says where you want to be, in words that inspire: keep the numbers for the key "
              "results (e.g. 'Win the small-retailer market' rather than 'Revenue 12 billion').",
        "vi": "Mục tiêu (O) nói bạn muốn đi tới đâu, bằng lời truyền cảm hứng; hãy để con số cho các kết quả "
              "then chốt (ví dụ 'Chinh phục thị trường cửa hàng nhỏ' thay vì 'Doanh thu 12 tỷ').",
    })


def aligned(points: float) -> Check:
    def test(answer):
        objs = okrset(answer).objectives
        bad = [o.id or o.text[:30] for o in objs if o.parent not in company_objectives()]
        if not objs:
            return False
        return not bad, _detail("Not aligned", "Chưa gắn với mục tiêu công ty", bad) if bad else None
    return Check("aligned-to-company", points, test, title={
        "en": "Aligned to a company objective",
        "vi": "Gắn với một mục tiêu của công ty"}, feedback={
        "en": "Link each objective to the company objective it serves: in 'Aligns to', choose one of the three "
              "company objectives (be the first choice of small retailers; customers who recommend us; a strong, "
              "loyal sales team).",
        "vi": "Hãy gắn mỗi mục tiêu với mục tiêu công ty mà nó phục vụ: ở ô 'Gắn với mục tiêu', chọn một trong ba "
              "mục tiêu công ty (lựa chọn số một của cửa hàng nhỏ; khách hàng hài lòng và giới thiệu; đội kinh "
              "doanh vững, gắn bó).",
    })


def kr_count(points: float) -> Check:
    def test(answer):
        objs = okrset(answer).objectives
        bad = [(o.id or o.text[:30], {"en": f"{len(o.key_results)} KR", "vi": f"{len(o.key_results)} KR"})
               for o in objs if not 3 <= len(o.key_results) <= 5]
        if not objs:
            return False
        return not bad, _detail("Key results per objective", "Số KR của mục tiêu", bad) if bad else None
    return Check("three-to-five-krs", points, test, title={
        "en": "3 to 5 key results per objective",
        "vi": "Mỗi mục tiêu có 3–5 kết quả then chốt"}, feedback={
        "en": "Give each objective 3 to 5 key results: fewer cannot show the objective is reached, more "
              "scatter the team's focus.",
        "vi": "Mỗi mục tiêu cần 3–5 kết quả then chốt: ít hơn thì chưa đủ chứng minh mục tiêu đạt được, "
              "nhiều hơn thì đội bị phân tán.",
    })


def krs_measurable(points: float) -> Check:
    def test(answer):
        okrs = okrset(answer)
        pairs = list(okrs.key_results())
        rules = lint_rules(okrs)
        bad = [kr.id or kr.text[:30] for _, kr in pairs
               if not measurable(kr) or any("measur" in r for r in rules.get(kr.id, ()))]
        if not pairs:
            return False
        return not bad, _detail("Not measurable yet", "Chưa đo được", bad) if bad else None
    return Check("krs-measurable", points, test, title={
        "en": "Every key result is measurable",
        "vi": "Mọi kết quả then chốt đều đo được"}, feedback={
        "en": "Every key result needs a number you can check at the end of the quarter: a target (and a "
              "baseline), e.g. 'New-customer revenue from 6 to 8.4 billion VND'.",
        "vi": "Mỗi kết quả then chốt cần một con số kiểm tra được cuối quý: chỉ tiêu (và mức xuất phát), "
              "ví dụ 'Doanh thu từ khách hàng mới từ 6 tỷ lên 8,4 tỷ đồng'.",
    })


def targets_set(points: float) -> Check:
    def test(answer):
        pairs = list(okrset(answer).key_results())
        bad = [kr.id or kr.text[:30] for _, kr in pairs if kr.kind != "milestone" and kr.target is None]
        if not pairs:
            return False
        return not bad, _detail("Target not filled in", "Chưa điền ô chỉ tiêu", bad) if bad else None
    return Check("targets-filled", points, test, title={
        "en": "Targets are filled in",
        "vi": "Đã điền chỉ tiêu"}, feedback={
        "en": "Fill in the target (and the baseline) fields of each key result, not only the sentence: "
              "that is what lets the kit score progress every week.",
        "vi": "Hãy điền cả ô chỉ tiêu (và mức xuất phát) của từng KR, không chỉ câu chữ: nhờ đó bộ công cụ "
              "tính được tiến độ mỗi tuần.",
    })


def no_activities(points: float) -> Check:
    def test(answer):
        okrs = okrset(answer)
        pairs = list(okrs.key_results())
        rules = lint_rules(okrs)
        bad = [kr.id or kr.text[:30] for _, kr in pairs
               if is_activity(kr) or any("activity" in r or "busy" in r for r in rules.get(kr.id, ()))]
        if not pairs:
            return False
        return not bad, _detail("Look like tasks", "Giống đầu việc", bad) if bad else None
    return Check("outcomes-not-activities", points, test, title={
        "en": "Key results are outcomes, not tasks",
        "vi": "Kết quả then chốt là kết quả, không phải đầu việc"}, feedback={
        "en": "A key result is a result, not a task or a count of how busy we were: write what changes for "
              "customers or the business ('40 large customers sign volume agreements'), not what we do "
              "('call old customers every week', 'post 5 articles a week').",
        "vi": "KR là kết quả, không phải đầu việc hay con số cho thấy mình bận rộn: hãy viết điều thay đổi "
              "ở khách hàng hoặc doanh nghiệp ('40 khách hàng lớn ký hợp đồng cam kết doanh số'), không phải "
              "việc mình làm ('gọi điện khách cũ mỗi tuần', 'đăng 5 bài mỗi tuần').",
    })


def weights_sum(points: float) -> Check:
    def test(answer):
        objs = okrset(answer).objectives
        bad = []
        for o in objs:
            ws = [kr.weight for kr in o.key_results]
            if not ws or any(w is None for w in ws):
                bad.append((o.id or o.text[:30], {"en": "a weight is missing", "vi": "còn KR chưa có trọng số"}))
                continue
            total = sum(ws)
            if not (abs(total - 1) <= 0.011 or abs(total - 100) <= 1.1):
                share = total if total <= 1.5 else total / 100
                bad.append((o.id or o.text[:30], {lang: ("tổng " if lang == "vi" else "sum ")
                                                  + i18n.percent(share, lang, decimals=1) for lang in i18n.LANGS}))
        if not objs:
            return False
        return not bad, _detail("Weights", "Trọng số", bad) if bad else None
    return Check("weights-sum-to-one", points, test, title={
        "en": "Weights add up to 100% in each objective",
        "vi": "Trọng số mỗi mục tiêu cộng lại bằng 100%"}, feedback={
        "en": "Give every key result a weight and make each objective's weights add up to 1 (100%); put "
              "the most weight on the result that matters most.",
        "vi": "Hãy đặt trọng số cho mọi KR và để tổng trọng số của mỗi mục tiêu bằng 1 (100%); KR quan "
              "trọng nhất nhận trọng số lớn nhất.",
    })


def owner_is(names: tuple[str, ...], points: float, feedback: dict[str, str], *,
             title: dict[str, str] | None = None) -> Check:
    def test(answer):
        objs = okrset(answer).objectives
        bad = [o.id or o.text[:30] for o in objs
               if not o.owner or not any(n in o.owner.lower() for n in names)]
        return bool(objs) and not bad
    return Check("owner", points, test, feedback, title=title or {
        "en": "The right department owns it", "vi": "Đúng bộ phận phụ trách"})


def some_kr_matches(check_id: str, pattern: str, points: float, feedback: dict[str, str], *,
                    units: tuple[str, ...] = (), title: dict[str, str] | None = None) -> Check:
    rx = re.compile(plain(pattern), re.IGNORECASE)
    plain_units = {plain(u) for u in units}

    def test(answer):
        pairs = list(okrset(answer).key_results())
        return any(rx.search(plain(kr.text)) or (kr.unit and plain(kr.unit) in plain_units) for _, kr in pairs)
    return Check(check_id, points, test, feedback, title=title)
