"""OKR quality feedback: findings, not exceptions.

Writing a weak OKR is not an error; it is something to learn from.  :func:`lint`
runs the ordered rules in :data:`RULES` over an OKR set (or one objective) and
returns a :class:`LintReport` of :class:`Finding` objects, each with a stable
rule id, a severity (``error``, ``warning``, ``info``), where it is (an
objective or key-result id), a message in English and Vietnamese, and the
source of the rule where there is one.  Any rule can be switched off by id.

Examples
--------
>>> import okrkit as ok
>>> report = ok.lint(ok.sample_company())
>>> report.has_errors
True
>>> [f.rule for f in report.for_id("S2.KR3")]
['kr-measurable', 'kr-activity']
>>> print(report.for_id("H2.KR3")[0].message["vi"])  # doctest: +ELLIPSIS
H2.KR3 chưa có chỉ tiêu đo lường được: ...
"""

from __future__ import annotations

import dataclasses
import html
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from . import i18n
from .errors import InputError
from .model import KeyResult, Objective, OKRSet
from .quantity import SCALES, Quantity, direction_hint, find_quantities, restore_accents, target_quantity

SEVERITIES = ("error", "warning", "info")

SOURCE_COUNTS = "\"Quản trị team Marketing với OKRs\" (NH Phương): 3–5 OKRs a quarter, 3–5 measurable KRs each"
SOURCE_MEASURABLE = "\"Quản trị team Marketing với OKRs\" (NH Phương): key results are measurable now (các kết quả then chốt có thể đo lường được)"
SOURCE_OBJECTIVE = "\"Quản trị team Marketing với OKRs\" (NH Phương): the objective is future-facing and challenging; key results carry the numbers"
SOURCE_ACTIVITY = "\"Quản trị team Marketing với OKRs\" (NH Phương): avoid declaring numbers to look busy; numbers count only when they move a KR"
# The 1.0 / 0.7 expectation comes from Google's OKR practice, not from the articles; the marketing article
# names the two kinds (cam kết / mở rộng) only.
SOURCE_TYPES = ("Google re:Work, \"Guide: Set goals with OKRs\", and John Doerr, \"Measure What Matters\" (Portfolio, "
                "2018): committed OKRs are expected to score 1.0; aspirational OKRs stretch, and about 0.7 counts as "
                "success (the two kinds also in \"Quản trị team Marketing với OKRs\" (NH Phương))")
SOURCE_ALIGN = "\"Hướng dẫn viết OKRs cho bộ phận Sales\" (FASTDO): team OKRs align with the company's OKRs"
SOURCE_WEIGHTS = ("okrkit lesson 5, \"Trọng số thay đổi điểm số ra sao\" (How weights change scores): KR weights are "
                  "shares of the objective's score and sum to 1")


# ================================================================ results

@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of feedback on an OKR.

    ``rule`` is the stable id of the rule (``kr-measurable``), ``severity``
    one of ``error``/``warning``/``info``, ``where`` the objective or key
    result id (``None`` for the whole set), ``field`` the field concerned
    (``'text'``, ``'weight'``, …) or ``None``, ``message`` a dict with the
    message in ``en`` and ``vi``, ``source`` where the rule comes from.
    """

    rule: str
    severity: str
    where: str | None
    field: str | None
    message: dict
    source: str | None = None

    def text(self, lang: str | None = None) -> str:
        """The message in one language."""
        return self.message[i18n.get_lang(lang)]

    def to_dict(self, lang: str | None = None) -> dict:
        return {"rule": self.rule, "severity": self.severity, "where": self.where, "field": self.field,
                "message": self.text(lang), "messages": dict(self.message), "source": self.source}


@dataclass(frozen=True)
class LintReport:
    """The findings of :func:`lint`, with what was read out of each text.

    ``objectives`` and ``key_results`` hold, per item, the id, the text and
    what lint made of it (``has_metric``; ``measurable`` and ``quantity``).
    """

    findings: tuple[Finding, ...]
    objectives: tuple[dict, ...] = ()
    key_results: tuple[dict, ...] = ()
    lang: str = field(default="en", compare=False)
    disabled: tuple[str, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def for_id(self, item_id: str) -> tuple[Finding, ...]:
        """The findings about one objective or key result (exactly that id)."""
        return tuple(f for f in self.findings if f.where == item_id)

    def for_objective(self, objective_id: str) -> tuple[Finding, ...]:
        """The findings about one objective and its key results."""
        krs = {k["id"] for k in self.key_results if k["objective"] == objective_id}
        return tuple(f for f in self.findings if f.where == objective_id or f.where in krs)

    def by_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule_id)

    def counts(self) -> dict[str, int]:
        """How many findings of each severity: ``{'error': n, 'warning': n, 'info': n}``."""
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def to_dict(self, lang: str | None = None) -> dict:
        lang = i18n.get_lang(lang or self.lang)
        return {"lang": lang, "has_errors": self.has_errors, "counts": self.counts(),
                "findings": [f.to_dict(lang) for f in self.findings],
                "objectives": [dict(o) for o in self.objectives],
                "key_results": [dict(k) for k in self.key_results],
                "disabled": list(self.disabled)}

    def _groups(self) -> list[tuple[str | None, str | None, list[Finding]]]:
        """Findings grouped by objective, in the order of the set."""
        owner_of = {k["id"]: k["objective"] for k in self.key_results}
        texts = {o["id"]: o["text"] for o in self.objectives}
        order = [o["id"] for o in self.objectives]
        groups: dict[str | None, list[Finding]] = {}
        for f in self.findings:
            key = owner_of.get(f.where, f.where) if f.where is not None else None
            if key is not None and key not in texts:
                key = None
            groups.setdefault(key, []).append(f)
        out = []
        if None in groups:
            out.append((None, None, groups.pop(None)))
        for oid in order:
            if oid in groups:
                out.append((oid, texts[oid], groups.pop(oid)))
        return out

    def text(self, lang: str | None = None) -> str:
        """The report as plain text, grouped by objective, with a summary line."""
        lang = i18n.get_lang(lang or self.lang)
        lines: list[str] = []
        for oid, otext, findings in self._groups():
            if oid is None:
                lines.append(i18n.t("lint.group.general", lang))
            else:
                lines.append(f"{oid} — {otext}")
            for f in findings:
                sev = i18n.t(f"lint.severity.{f.severity}", lang)
                lines.append(f"  [{sev}] {f.rule}: {f.text(lang)}")
            lines.append("")
        lines.append(self.summary(lang))
        return "\n".join(lines)

    def summary(self, lang: str | None = None) -> str:
        lang = i18n.get_lang(lang or self.lang)
        if not self.findings:
            return i18n.t("lint.summary.clean", lang)
        c = self.counts()
        return i18n.t("lint.summary", lang, errors=c["error"], warnings=c["warning"], infos=c["info"])

    def __repr__(self) -> str:
        c = self.counts()
        head = f"LintReport({c['error']} errors, {c['warning']} warnings, {c['info']} info)"
        body = [f"  {f.severity:<7} {f.rule:<22} {f.where or '-':<10} {f.text(self.lang)}" for f in self.findings]
        return "\n".join([head, *body])

    def _repr_html_(self) -> str:
        colors = {"error": "#d9534f", "warning": "#f0ad4e", "info": "#5bc0de"}
        rows = []
        for oid, otext, findings in self._groups():
            title = i18n.t("lint.group.general", self.lang) if oid is None else f"{oid} — {otext}"
            rows.append(f"<tr><th colspan='3' style='text-align:left'>{html.escape(title)}</th></tr>")
            for f in findings:
                sev = i18n.t(f"lint.severity.{f.severity}", self.lang)
                rows.append(f"<tr><td style='color:white;background:{colors[f.severity]};padding:0 .4em'>"
                            f"{html.escape(sev)}</td><td><code>{html.escape(f.rule)}</code></td>"
                            f"<td>{html.escape(f.text(self.lang))}</td></tr>")
        return (f"<div class='okrkit-lint'><p><b>{html.escape(self.summary())}</b></p>"
                f"<table>{''.join(rows)}</table></div>")


# ================================================================ reading the texts

@lru_cache(maxsize=4096)
def _target(text: str) -> Quantity | None:
    return target_quantity(text)


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(find_quantities(text))


# Verbs that start an activity (what we do), Vietnamese and English.  Longest first.
_VI_ACTIVITY = """tổ chức|tham gia|tham dự|gọi điện|gọi lại|gọi|đăng tải|đăng bài|đăng|viết bài|viết|chạy quảng cáo|chạy|
cập nhật|triển khai|hoàn thành bộ hồ sơ|hoàn thành hồ sơ|hoàn thành|liên hệ|gửi|họp|làm|thực hiện|bố trí|tiến hành|
cung cấp|hỗ trợ|nghiên cứu|khảo sát|thiết kế|soạn thảo|soạn|chuẩn bị|lên kế hoạch|lập kế hoạch|lên lịch|đào tạo|
huấn luyện|tập huấn|kiểm tra|rà soát|theo dõi|quay video|quay phim|quay phóng sự|sản xuất|phát tờ rơi|in ấn|xuất bản|đi thăm|
thăm|gặp gỡ|gặp|mời|chăm sóc|kết nối|phối hợp|dịch tài liệu|chụp ảnh|chạy quảng cáo|trao đổi|tạo nội dung|xây dựng kế hoạch|
sắp xếp|nhắn tin|gửi email|email|duyệt|thử nghiệm|tìm kiếm|tìm hiểu|review|phỏng vấn|xây dựng|
thiết lập|hoàn thiện|nâng cấp|chuyển đổi sang|livestream|tập trung vào|đẩy mạnh|đi gặp|trả lời|tư vấn|
giới thiệu sản phẩm|trình bày|thuyết trình|thu thập|phân tích|thảo luận|biên soạn|diễn thuyết|phát biểu|gom|lấy ý kiến|phát hành tài liệu|gửi tặng|tặng"""
_EN_ACTIVITY = """run|runs|running|ran|hold|holds|holding|held|organi[sz]e|organi[sz]es|organi[sz]ing|organi[sz]ed|
attend|attends|attending|call|calls|calling|send|sends|sending|sent|post|posts|posting|write|writes|writing|
publish|publishes|publishing|meet|meets|meeting|meet with|conduct|conducts|conducting|host|hosts|hosting|do|does|
doing|perform|performs|performing|complete|completes|completing|update|updates|updating|prepare|prepares|
preparing|arrange|schedule|implement|implements|implementing|set up|sets up|setting up|design|designs|designing|
produce|produces|producing|make|makes|making|visit|visits|visiting|contact|contacts|contacting|reach out|
reach out to|follow up|follow up with|email|emails|emailing|share|shares|train|trains|training|participate|
participate in|join|joins|support|provide|provides|research|survey|test|review|reviews|plan|plans|draft|drafts|
translate|record|film|distribute|print|create|creates|creating|attend|go to|work on|deliver a|give a|give|
interview|interviews|interviewing|redesign|redesigns|roll out|rolls out|develop|develops|developing|build|builds|
building|migrate|migrates|upgrade|upgrades|focus on|set up|establish|establishes|collect|collects|collecting|
gather|gathers|gathering|document|documents|documenting|present|presents|presenting|speak at|speaks at|
speaking at|pitch|pitches|analy[sz]e|analy[sz]es|discuss|discusses|brainstorm|outline|map out|coach|coaches|mentor"""
_LAUNCH_RE = re.compile(r"^(?:launch|launches|launching|start|kick off|roll out|khởi động|phát động)\b[^,;.]{0,30}?"
                        r"\b(?:campaign|campaigns|event|events|webinar|webinars|program|programme|promotion|ads|"
                        r"chiến dịch|sự kiện|chương trình)\b")
_ACTIVITY_RE = re.compile(r"^(?P<v>" + "|".join(sorted(_VI_ACTIVITY.replace("\n", "").split("|"), key=len, reverse=True))
                          + r")(?![\w])|^(?P<e>" + "|".join(
                              sorted(_EN_ACTIVITY.replace("\n", "").split("|"), key=len, reverse=True)) + r")\b")
_LEAD_IN_RE = re.compile(
    r"^(?:kr\s*\d*\s*[:.)\-–]\s*|(?:(?:mỗi|một|hàng|hằng|mọi)\s+(?:ngày|tuần|tháng|quý)|every\s+(?:day|week|month|quarter)|"
    r"each\s+(?:day|week|month|quarter)|weekly|monthly|daily|in\s+q[1-4]|trong\s+quý(?:\s+này)?|this\s+quarter|"
    r"(?:we|i|the team|our team|team|chúng tôi|chúng ta|đội|nhóm)\s+(?:will|sẽ|must|cần|phải)|"
    r"(?:will|sẽ|cần|phải))\s*,?\s*)+")
_OUTCOME_START_RE = re.compile(
    r"^(?:tăng|giảm|đạt|có thêm|có|mang về|thu về|thu hút|thu được|ký|chốt|bán|giữ|duy trì|nâng|tuyển|rút ngắn|"
    r"cắt giảm|hạ|đưa|increase|reduce|reach|grow|achieve|win|sign|close|generate|acquire|retain|cut|lift|raise|"
    r"hit|get|earn|sell|convert|hire|keep|maintain|lower|decrease|double|triple|improve|boost)\b")
_OUTCOME_CLAUSE_RE = re.compile(
    r"(?:\bđể\b|\bnhằm\b|\bgiúp\b|\bso that\b|\bin order to\b|\bto (?:reach|achieve|get|generate|win|grow|increase|"
    r"reduce|drive|bring|hit|gain|attract)\b|\band (?:get|reach|achieve|collect|receive|win|gain)\b|"
    r"\bvà (?:thu được|đạt|nhận được|có được|mang về|thu về)|\bthu được\b|\bđạt được\b|\bmang về\b|\bthu về\b|"
    r"\bthu hút\b|\bmang lại\b|\bgiúp tăng\b|\bđạt\b|\breach(?:ing)?\b|\bachiev\w*|"
    r"\b(?:that|which) (?:generates?|brings?|drives?|wins?|gets?|attracts?|converts?)\b|"
    r"\bresulting in\b|\bleading to\b|\bwith at least\b)")
_METRIC_NOUN_RE = re.compile(r"\b(?:rate|rates|ratio|score|volume|coverage|completion|attainment|backlog|"
                             r"conversion|satisfaction|nps|csat|tỷ lệ|chỉ số|điểm số|điểm hài lòng)\b")
# Verbs of building something: a task when nothing is counted ("Xây dựng quy trình …"), a result when
# the size of what is built is ("Xây dựng mạng lưới 200 đại lý").
_BUILD_VERBS = frozenset("""xây dựng|thiết lập|hoàn thiện|nâng cấp|build|builds|building|develop|develops|developing|
establish|establishes|set up|sets up|setting up|redesign|redesigns|migrate|migrates|upgrade|upgrades""".replace(
    "\n", "").split("|"))
# Activity words that are also nouns naming a metric ("Survey response rate", "Call volume", "Review score").
_NOUN_LIKE_VERBS = frozenset("""survey|call|calls|training|review|reviews|test|email|post|posts|share|shares|support|
research|plan|record|meeting|interview|interviews|khảo sát|đào tạo|email""".replace("\n", "").split("|"))
_MONEY_UNITS = frozenset({"VND", "USD", "EUR", "GBP"})
_PLAN_SHARE_RE = re.compile(r"%\s*(?:của\s+)?(?:kế hoạch|chỉ tiêu|mục tiêu|target|quota|plan|kpi)")
# Counted things that are outputs of effort, not results ("Quản trị team Marketing với OKRs" warns against "busy numbers").
_BUSY_NOUN_RE = re.compile(
    r"^(?:bài|bài viết|bài đăng|bài hướng dẫn|tin|tin bài|post|posts|blog posts|article|articles|email|emails|"
    r"cuộc gọi|call|calls|buổi|meeting|meetings|cuộc họp|webinar|webinars|sự kiện|event|events|video|videos|clip|"
    r"hội thảo|workshop|workshops|tờ rơi|flyers?|chiến dịch|campaigns?|session|sessions|mẫu|lần|times|"
    r"khóa đào tạo|trainings?)$")
_VAGUE_RE = re.compile(r"\b(?:cải thiện|nâng cao|tốt hơn|hiệu quả hơn|tối ưu|đẩy mạnh|improve|better|enhance|"
                       r"optimi[sz]e|boost|strengthen|more)\b")
_UP_WORDS_RE = re.compile(r"\b(?:tăng|nâng|gia tăng|mở rộng|increase|grow|raise|lift|boost|double|triple)\b")


_COLLECT_MONEY_RE = re.compile(r"\S+\s+(?:[^,;.]{0,30}?\s)?(?:receivables?|payments?|debts?|dues|invoices?|"
                               r"cash|revenue|fees|overdue|arrears)\b")
# Money the work spends rather than brings: "với ngân sách 50 triệu", "with a $40k budget".
_SPEND_RE = re.compile(r"\b(?:ngân sách|kinh phí|chi phí|chi tiêu|budget|spend|spending|cost)\b")


_PER_PERSON_RE = re.compile(r"^(?:mỗi|mọi|từng|each|every)\s+(?=(?:nhân viên|người|thành viên|trưởng|quản lý|sales|"
                            r"rep|reps|manager|managers|engineer|member|agent|person|team member|account)\b)")


def _strip_lead_in(low: str) -> str:
    return _LEAD_IN_RE.sub("", low.strip(), count=1).strip(" “\"'-–:")


def activity_of(text: str) -> str | None:
    """The activity verb a key result starts with, when it reads as work to do rather than a result.

    Also returns the count for a bare count of busy-work (``12 buổi kèm cặp``).
    Returns ``None`` for an outcome (``Tăng 20% yêu cầu demo``), for an
    activity whose text names the result it must bring (``Chạy quảng cáo … để
    đạt 5,000 lượt truy cập``), for amounts of money and multiples (``Build a
    $2M pipeline``) and for a share of the plan (``Hoàn thành 100% kế hoạch``).

    >>> activity_of("Tổ chức đào tạo kỹ năng bán hàng hàng tháng")
    'tổ chức'
    >>> activity_of("Một tuần cập nhật ít nhất 5 bài ở mục tin tức lên website")
    'cập nhật'
    >>> activity_of("Tăng 20% yêu cầu demo sản phẩm") is None
    True
    """
    full = restore_accents(text.lower()) if len(text.lower()) == len(text) else text.lower()
    low = _strip_lead_in(full)
    tq = _target(text)
    m = _ACTIVITY_RE.match(low)
    if not m:
        # a person as the subject: "Mỗi nhân viên kinh doanh gọi 50 cuộc/ngày", "Each rep books 10 demos"
        sm = _PER_PERSON_RE.match(low)
        if sm:
            words = [w.end() for w in re.finditer(r"\S+", low[sm.end():])][:4]
            for end in words:
                rest = low[sm.end() + end:].lstrip()
                m = _ACTIVITY_RE.match(rest)
                if m:
                    low = rest
                    break
    verb = None
    if m:
        verb = m.group("v") or m.group("e")
    else:
        lm = _LAUNCH_RE.match(low)
        if lm:
            verb = lm.group(0).split()[0]
    if verb is None:
        # no activity verb: a bare count of outputs ("12 buổi kèm cặp") is still busy-work
        if tq is not None and tq.unit and _BUSY_NOUN_RE.match(tq.unit) and not _OUTCOME_START_RE.match(low) \
                and low.startswith(tq.text.lower().strip()):
            return tq.text
        return None
    if verb in ("làm", "make", "makes", "making") and re.match(r"\S+\s+(?:hài lòng|cho|happy|sure)", low):
        return None  # "Làm hài lòng 95% khách hàng": satisfying customers is a result
    metric = _METRIC_NOUN_RE.search(low)
    if metric and (tq is not None or (verb in _NOUN_LIKE_VERBS and len(low[m.end() if m else 0:metric.start()].split()) <= 2)):
        return None  # "Training completion rate 95%", "Survey response rate": a metric, not a task
    if verb in ("collect", "collects", "collecting") and _COLLECT_MONEY_RE.match(low):
        return None  # "Collect 95% of receivables": money collected is a result
    if tq is not None and low.startswith("đăng ký"):
        return None  # "Đăng ký mới 500 tài khoản": sign-ups are a result
    if tq is not None and verb in _BUILD_VERBS and not (tq.unit and _BUSY_NOUN_RE.match(tq.unit)):
        return None  # "Xây dựng hệ thống đại lý tại 10 tỉnh": building up to a number is a result
    if tq is not None:
        if tq.unit == "x" or (tq.unit in _MONEY_UNITS
                              and not _SPEND_RE.search(full[max(0, tq.span[0] - 30):tq.span[1] + 15])):
            return None  # an amount of money or a multiple is a result ("Build a $2M pipeline"), not a budget
        if tq.unit == "%" and _PLAN_SHARE_RE.search(low):
            return None  # "Hoàn thành 100% kế hoạch doanh số": a share of the plan is a result
        clause = _OUTCOME_CLAUSE_RE.search(full)
        if clause and any(q.span[0] > clause.start() and q.role != "condition" for q in _quantities(text)):
            return None  # the work is named, but so is the result it must bring
    return verb


def _is_measurable(kr: KeyResult) -> bool:
    return kr.target is not None or kr.kind == "milestone" or _target(kr.text) is not None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1}


# ================================================================ messages

def _fmt(x: float, lang: str) -> str:
    """A number as a person writes it in ``lang`` (vi: 1.500.000 and 0,9)."""
    if x is None:
        return "—"
    if float(x).is_integer() or abs(x) >= 1e6:
        return i18n.number(x, lang, decimals=0)
    return i18n.number(x, lang, max_decimals=2)


class _PerLang(dict):
    """A message field written differently in each language."""

    def __init__(self, **texts):
        super().__init__(texts)


class _TwoDecimals(float):
    """A number always written with two decimals (a sum of weights: 0.90 / 0,90)."""


def _show(v, lang: str):
    if isinstance(v, _PerLang):
        return v[lang]
    if isinstance(v, _TwoDecimals):
        return i18n.number(v, lang, decimals=2)
    return _fmt(v, lang) if isinstance(v, float) else v


def _msg(key: str, **fields) -> dict:
    """The message in every language; float fields are written the language's way."""
    out = {}
    for lang in i18n.LANGS:
        values = {k: _show(v, lang) for k, v in fields.items()}
        out[lang] = i18n.t(key, lang, **values)
    return out


def _short(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ================================================================ the rules

@dataclass(frozen=True)
class _Context:
    okrs: OKRSet       # the OKRs, with a label such as "#2" or "O1.KR#3" in place of a missing id
    single: bool       # linting one Objective: skip rules about the whole set
    original: OKRSet   # the OKRs as given


def _label_missing_ids(okrs: OKRSet) -> OKRSet:
    """The set with a positional label for every missing id, so each finding can say where it is."""
    if all((o.id or "").strip() and all((k.id or "").strip() for k in o.key_results) for o in okrs.objectives):
        return okrs
    objectives = []
    for i, obj in enumerate(okrs.objectives, 1):
        oid = (obj.id or "").strip() or f"#{i}"
        krs = tuple(kr if (kr.id or "").strip() else dataclasses.replace(kr, id=f"{oid}.KR#{j}")
                    for j, kr in enumerate(obj.key_results, 1))
        objectives.append(dataclasses.replace(obj, id=oid, key_results=krs))
    return dataclasses.replace(okrs, objectives=tuple(objectives))


def rule(rule_id: str, severity: str, source: str | None = None):
    """Mark a function as a lint rule with a stable id, a default severity and a source."""
    def deco(fn: Callable[[_Context], Iterable[Finding]]):
        fn.id, fn.severity, fn.source = rule_id, severity, source
        return fn
    return deco


def _finding(fn, where, field_, key, severity=None, **fields) -> Finding:
    return Finding(fn.id, severity or fn.severity, where, field_, _msg(key, **fields), fn.source)


def _all_ids(okrs: OKRSet) -> Iterator[tuple[str, str, Objective, KeyResult | None]]:
    for obj in okrs.objectives:
        yield "objective", obj.id, obj, None
        for kr in obj.key_results:
            yield "kr", kr.id, obj, kr


@rule("missing-id", "error")
def check_missing_ids(ctx: _Context) -> Iterator[Finding]:
    """Every objective and key result needs an id."""
    for i, (obj, labelled) in enumerate(zip(ctx.original.objectives, ctx.okrs.objectives), 1):
        if not (obj.id or "").strip():
            yield _finding(check_missing_ids, labelled.id, "id", "lint.missing_id.objective", n=i,
                           text=_short(obj.text))
        for j, (kr, kr_labelled) in enumerate(zip(obj.key_results, labelled.key_results), 1):
            if not (kr.id or "").strip():
                yield _finding(check_missing_ids, kr_labelled.id, "id", "lint.missing_id.kr", n=j,
                               objective=labelled.id, text=_short(kr.text),
                               suggest=f"{(obj.id or '').strip() or f'O{i}'}.KR{j}")


@rule("duplicate-id", "error")
def check_duplicate_ids(ctx: _Context) -> Iterator[Finding]:
    """An id names one objective or key result only."""
    seen: dict[str, int] = {}
    for _kind, item_id, _obj, _kr in _all_ids(ctx.okrs):
        if item_id:
            seen[item_id] = seen.get(item_id, 0) + 1
    for item_id, n in seen.items():
        if n > 1:
            yield _finding(check_duplicate_ids, item_id, "id", "lint.duplicate_id", id=item_id, n=n)


@rule("parent-missing", "error", SOURCE_ALIGN)
def check_parents(ctx: _Context) -> Iterator[Finding]:
    """An objective's parent must be an objective of the same set, and not itself."""
    if ctx.single:
        return
    ids = [o.id for o in ctx.okrs.objectives]
    parents = {o.id: o.parent for o in ctx.okrs.objectives}
    for obj in ctx.okrs.objectives:
        if not obj.parent:
            continue
        if obj.parent == obj.id:
            yield _finding(check_parents, obj.id, "parent", "lint.parent.self", id=obj.id)
        elif obj.parent not in parents:
            import difflib
            close = difflib.get_close_matches(obj.parent, ids, n=1)
            key = "lint.parent.missing_close" if close else "lint.parent.missing"
            yield _finding(check_parents, obj.id, "parent", key, id=obj.id, parent=obj.parent,
                           close=close[0] if close else "", ids=", ".join(i for i in ids if i != obj.id)[:120])
        else:
            # a cycle: follow the chain of parents
            seen, cur = {obj.id}, obj.parent
            while cur in parents and cur not in seen:
                seen.add(cur)
                cur = parents[cur]
            if cur == obj.id:
                yield _finding(check_parents, obj.id, "parent", "lint.parent.cycle", id=obj.id, parent=obj.parent)


@rule("objective-count", "warning", SOURCE_COUNTS)
def check_objective_count(ctx: _Context) -> Iterator[Finding]:
    """3–5 objectives per owner and period."""
    if ctx.single:
        return
    by_owner: dict[str, list[Objective]] = {}
    for obj in ctx.okrs.objectives:
        by_owner.setdefault(obj.owner or "", []).append(obj)
    p = ctx.okrs.period
    period = _PerLang(en=f"in {p}" if p else "this period", vi=f"trong kỳ {p}" if p else "trong kỳ này")
    for owner, objs in by_owner.items():
        n = len(objs)
        if 3 <= n <= 5:
            continue
        who = owner or _PerLang(en="(no owner)", vi="(chưa rõ người phụ trách)")
        if n > 5:
            yield _finding(check_objective_count, objs[0].id, "owner", "lint.objective_count.many",
                           owner=who, n=n, period=period)
        else:
            yield _finding(check_objective_count, objs[0].id, "owner", "lint.objective_count.few", "info",
                           owner=who, n=n, period=period)


@rule("kr-count", "warning", SOURCE_COUNTS)
def check_kr_count(ctx: _Context) -> Iterator[Finding]:
    """3–5 key results per objective."""
    for obj in ctx.okrs.objectives:
        n = len(obj.key_results)
        if n == 0:
            yield _finding(check_kr_count, obj.id, "key_results", "lint.kr_count.none", "error", id=obj.id)
        elif n < 3:
            yield _finding(check_kr_count, obj.id, "key_results", "lint.kr_count.few", id=obj.id, n=n)
        elif n > 5:
            yield _finding(check_kr_count, obj.id, "key_results", "lint.kr_count.many", id=obj.id, n=n)


@rule("objective-metric", "warning", SOURCE_OBJECTIVE)
def check_objective_metric(ctx: _Context) -> Iterator[Finding]:
    """An objective is qualitative; its numbers belong in key results."""
    for obj in ctx.okrs.objectives:
        q = _target(obj.text)
        if q is not None:
            yield _finding(check_objective_metric, obj.id, "text", "lint.objective_metric", id=obj.id,
                           quantity=q.text.strip())


@rule("missing-owner", "info")
def check_owner(ctx: _Context) -> Iterator[Finding]:
    """Someone is accountable for each objective."""
    for obj in ctx.okrs.objectives:
        if not (obj.owner or "").strip():
            yield _finding(check_owner, obj.id, "owner", "lint.missing_owner", id=obj.id)


@rule("kr-measurable", "error", SOURCE_MEASURABLE)
def check_measurable(ctx: _Context) -> Iterator[Finding]:
    """A key result has a number to hit: a ``target`` or an amount in its text."""
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            if _is_measurable(kr):
                continue
            digits = re.findall(r"\d[\d.,/:-]*\d|\d", kr.text)
            vague = _VAGUE_RE.search(kr.text.lower())
            if digits:
                key = "lint.kr_measurable.numbers"
            elif vague:
                key = "lint.kr_measurable.vague"
            else:
                key = "lint.kr_measurable"
            yield _finding(check_measurable, kr.id, "text", key, id=kr.id, text=_short(kr.text),
                           numbers=", ".join(digits[:3]), word=vague.group(0) if vague else "")


@rule("kr-activity", "warning", SOURCE_ACTIVITY)
def check_activity(ctx: _Context) -> Iterator[Finding]:
    """A key result is a result, not a task or a count of busy-work."""
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            verb = activity_of(kr.text)
            if verb is None:
                continue
            if verb[:1].isdigit():
                yield _finding(check_activity, kr.id, "text", "lint.kr_activity.busy", id=kr.id, count=verb)
            else:
                at = kr.text.lower().find(verb)
                shown = kr.text[at:at + len(verb)] if at >= 0 else verb
                yield _finding(check_activity, kr.id, "text", "lint.kr_activity", id=kr.id, verb=shown)


@rule("kr-repeats-objective", "warning")
def check_repeats(ctx: _Context) -> Iterator[Finding]:
    """A key result says how you will know the objective is reached, not the objective again."""
    for obj in ctx.okrs.objectives:
        ow = _words(obj.text)
        if len(ow) < 2:
            continue
        for kr in obj.key_results:
            kw = _words(kr.text)
            if kw and len(ow & kw) / len(ow) >= 0.8 and len(kw - ow) <= 2:
                yield _finding(check_repeats, kr.id, "text", "lint.kr_repeats", id=kr.id, objective=obj.id)


_AND_RE = re.compile(r"(?:\bvà\b|\bcũng như\b|\bđồng thời\b|\band\b|\bas well as\b|;|\s\+\s)")
# After a comma, the same result said another way: "5 tỷ, tăng 25% so với cùng kỳ", "$5M, up 20% YoY".
_RESTATE_BEFORE_RE = re.compile(r",\s*(?:(?:tức|tức là|tương đương|i\.e\.|that is|equal to|equivalent to|or|hay)\b.*|"
                                r"(?:tăng|giảm|tăng trưởng|up|down|increase of|growth of|a rise of|a drop of)"
                                r"(?:\s+(?:thêm|by))?)\s*$")
_RELATIVE_AFTER_RE = re.compile(r"^[^,;]{0,25}?(?:so với|so cùng kỳ|cùng kỳ|vs\.?|versus|compared|yoy|y/y|qoq|mom|"
                                r"year over year|over last|than last|from last|of (?:last|the previous|the prior|the same|prior)|"
                                r"năm trước|quý trước|tháng trước)")


def _outside(low: str, start: int, end: int, qs: tuple[Quantity, ...]) -> str:
    """The text from ``start`` to ``end`` with the amounts in it blanked ("from 2,000 to": no comma of its own)."""
    chars = list(low[start:end])
    for q in qs:
        for i in range(max(q.span[0], start), min(q.span[1], end)):
            chars[i - start] = " "
    return "".join(chars)


def _restates(low: str, a: Quantity, b: Quantity) -> bool:
    """Whether the amount after a comma says the first one again (a change against a baseline), not a second target."""
    between = low[a.span[1]:b.span[0]]
    if "(" in between:
        return True  # "Grow members 10% (from 2,000 to 2,200)": the same change in other words
    if re.search(r",\s*(?:tức|tức là|tương đương|i\.e\.|that is|equal to|equivalent to|mỗi|each|per|every)\b", between):
        return True  # the same amount again, or a condition on each one ("40 điểm bán, mỗi điểm bán 20 triệu")
    if re.match(r"\s*(?:more|less|fewer|higher|lower|up|down|nhiều hơn|ít hơn|cao hơn|thấp hơn)\b", low[b.span[1]:]) \
            and _RELATIVE_AFTER_RE.match(low[b.span[1]:]):
        return True  # "968 demo requests, 4 more than last week": the change, said again
    relative = b.unit in ("%", "x", "pp") or a.unit in ("%", "x", "pp")
    if relative and re.fullmatch(r"\s*,\s*(?:to|lên|lên mức|thành|đạt|reaching)\s*", between):
        return True  # "Raise deal size 15%, to $24k"
    return relative and (bool(_RESTATE_BEFORE_RE.search(between)) or bool(_RELATIVE_AFTER_RE.match(low[b.span[1]:])))


@rule("kr-two-targets", "info")
def check_two_targets(ctx: _Context) -> Iterator[Finding]:
    """One key result, one result: two targets joined by 'và'/'and' are two key results."""
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            qs = [q for q in _quantities(kr.text) if q.role in ("amount", "to")]
            low = restore_accents(kr.text.lower()) if len(kr.text.lower()) == len(kr.text) else kr.text.lower()
            every = _quantities(kr.text)
            for a, b in pairwise(qs):
                between = _outside(low, a.span[1], b.span[0], every)
                if _AND_RE.search(between) or ("," in between and not _restates(low, a, b)):
                    yield _finding(check_two_targets, kr.id, "text", "lint.kr_two_targets", id=kr.id,
                                   first=a.text.strip(), second=b.text.strip())
                    break


def _kind(kr: KeyResult) -> str | None:
    if kr.kind:
        return kr.kind
    hint = direction_hint(kr.text)
    if hint:
        return hint
    if _UP_WORDS_RE.search(kr.text.lower()):
        return "increase"
    return None


@rule("target-baseline", "error")
def check_target_baseline(ctx: _Context) -> Iterator[Finding]:
    """The target moves away from the baseline, in the direction the key result wants."""
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            if kr.target is None or kr.baseline is None:
                continue
            kind = _kind(kr)
            if kind in ("stay-above", "stay-below", "milestone"):
                continue
            fields = {"id": kr.id, "target": float(kr.target), "baseline": float(kr.baseline)}
            if kr.target == kr.baseline:
                yield _finding(check_target_baseline, kr.id, "target", "lint.target.equal", **fields)
            elif kind == "increase" and kr.target < kr.baseline:
                yield _finding(check_target_baseline, kr.id, "target", "lint.target.below", **fields)
            elif kind == "decrease" and kr.target > kr.baseline:
                yield _finding(check_target_baseline, kr.id, "target", "lint.target.above", **fields)


def _agrees(q: Quantity, kr: KeyResult) -> bool:
    t, b = kr.target, kr.baseline
    close = lambda a, c: abs(a - c) <= max(1e-9, 0.011 * max(abs(a), abs(c)))
    if close(q.value, t):
        return True
    scale = _UNIT_SCALE_RE.search((kr.unit or "").lower())
    if scale and close(q.value, t * SCALES[scale.group(0)]):
        return True  # target: 12 with unit "tỷ đồng"
    if q.unit == "%" and kr.unit != "%":
        if b is None:
            return True  # a relative change we cannot check without a baseline
        return close(t, b * (1 + q.value / 100)) or close(t, b * (1 - q.value / 100))
    if q.unit == "x":
        return b is None or close(t, b * q.value)
    if q.unit == "pp":
        return b is None or close(t, b + q.value) or close(t, b - q.value)
    return False


_UNIT_SCALE_RE = re.compile(r"(?<![\w])(?:nghìn|ngàn|triệu|tỷ|tỉ|thousand|million|billion|k|tr)(?![\w])")


@rule("kr-target-text", "warning")
def check_target_text(ctx: _Context) -> Iterator[Finding]:
    """The number in the text and the ``target`` field say the same thing."""
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            if kr.target is None:
                continue
            q = _target(kr.text)
            if q is None or q.role == "limit" or _agrees(q, kr):
                continue
            yield _finding(check_target_text, kr.id, "target", "lint.target.text", id=kr.id,
                           quantity=q.text.strip(), target=float(kr.target))


@rule("kr-target-field", "info")
def check_target_field(ctx: _Context) -> Iterator[Finding]:
    """A number written in the text should also be the KR's ``target``, so progress can be scored."""
    scored = any(kr.target is not None for _o, kr in ctx.okrs.key_results())
    if not scored:
        return  # text-only OKRs (a first draft): nothing to score yet
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            if kr.target is not None or kr.kind == "milestone":
                continue
            q = _target(kr.text)
            if q is not None:
                yield _finding(check_target_field, kr.id, "target", "lint.target.field", id=kr.id,
                               quantity=q.text.strip(), value=float(q.value))


@rule("weights-sum", "error", SOURCE_WEIGHTS)
def check_weights(ctx: _Context) -> Iterator[Finding]:
    """The key results' weights of an objective are all given and sum to 1, or none is given."""
    for obj in ctx.okrs.objectives:
        krs = obj.key_results
        given = [kr for kr in krs if kr.weight is not None]
        if not given:
            continue
        missing = [kr for kr in krs if kr.weight is None]
        if missing:
            yield _finding(check_weights, obj.id, "weight", "lint.weights.partial", "warning", id=obj.id,
                           given=len(given), n=len(krs), ids=", ".join(kr.id for kr in missing))
            continue
        total = sum(kr.weight for kr in krs)
        if abs(total - 1.0) > 0.01:
            yield _finding(check_weights, obj.id, "weight", "lint.weights.sum", id=obj.id,
                           total=_TwoDecimals(total))


@rule("weight-zero", "warning", SOURCE_WEIGHTS)
def check_zero_weight(ctx: _Context) -> Iterator[Finding]:
    """A key result with weight 0 counts for nothing; a negative weight is a mistake."""
    for obj in ctx.okrs.objectives:
        for kr in obj.key_results:
            if kr.weight is not None and kr.weight < 0:
                yield _finding(check_zero_weight, kr.id, "weight", "lint.weight.negative", "error", id=kr.id,
                               weight=float(kr.weight))
            elif kr.weight == 0:
                yield _finding(check_zero_weight, kr.id, "weight", "lint.weight.zero", id=kr.id)


@rule("okr-type", "info", SOURCE_TYPES)
def check_type(ctx: _Context) -> Iterator[Finding]:
    """Committed OKRs are expected in full; aspirational ones should stretch (from the KRs' confidence)."""
    for obj in ctx.okrs.objectives:
        conf = [kr.confidence for kr in obj.key_results if kr.confidence is not None]
        if not conf or all(c == 5.0 for c in conf):
            continue  # 5/10 is the default: no one said
        low_kr = [kr for kr in obj.key_results if kr.confidence is not None and kr.confidence < 5]
        if obj.type == "committed" and low_kr:
            kr = min(low_kr, key=lambda k: k.confidence)
            yield _finding(check_type, obj.id, "type", "lint.type.committed_low", id=obj.id, kr=kr.id,
                           confidence=float(kr.confidence))
        elif obj.type == "aspirational" and min(conf) >= 9:
            yield _finding(check_type, obj.id, "type", "lint.type.aspirational_sure", id=obj.id,
                           confidence=float(min(conf)))


RULES: tuple = (
    # structure first: later rules and the report rely on ids
    check_missing_ids,
    check_duplicate_ids,
    check_parents,
    # shape of the set ("Quản trị team Marketing với OKRs": 3–5 objectives, 3–5 KRs)
    check_objective_count,
    check_kr_count,
    # the objective's words
    check_objective_metric,
    check_owner,
    # each key result's words
    check_measurable,
    check_activity,
    check_repeats,
    check_two_targets,
    # each key result's numbers
    check_target_baseline,
    check_target_text,
    check_target_field,
    # weights
    check_weights,
    check_zero_weight,
    # committed vs aspirational
    check_type,
)
RULE_IDS = tuple(r.id for r in RULES)


def lint(okrs: OKRSet | Objective, *, lang: str | None = None, disable: Iterable[str] = ()) -> LintReport:
    """Check the quality of OKRs and return findings (never raises for a weak OKR).

    Parameters
    ----------
    okrs : OKRSet or Objective
        A period's OKRs, or one objective (rules about the whole set — the
        number of objectives per owner, alignment to parents — are skipped).
    lang : {'en', 'vi'}, optional
        Language of the report's text; ``None`` means ``$OKRKIT_LANG``, else English.
        Every finding carries both languages anyway.
    disable : iterable of str
        Rule ids to switch off (see :data:`RULE_IDS`).

    Returns
    -------
    LintReport

    Examples
    --------
    >>> import okrkit as ok
    >>> report = ok.lint(ok.sample_company(), disable=["kr-activity"])
    >>> report.counts()["error"] > 0, "kr-activity" in {f.rule for f in report.findings}
    (True, False)
    >>> [f.rule for f in ok.lint(ok.sample_company().objective("P3")).findings]
    ['kr-activity', 'kr-target-field', 'weight-zero']
    """
    lang = i18n.get_lang(lang)
    disabled = tuple(dict.fromkeys(disable if not isinstance(disable, str) else [disable]))
    unknown = [d for d in disabled if d not in RULE_IDS]
    if unknown:
        raise InputError(f"unknown lint rule {unknown[0]!r}", where="disable",
                         hint=f"rule ids: {', '.join(RULE_IDS)}")
    single = isinstance(okrs, Objective)
    if single:
        okrs = OKRSet((okrs,))
    elif isinstance(okrs, (list, tuple)) and okrs and all(isinstance(o, Objective) for o in okrs):
        okrs = OKRSet(tuple(okrs))
    elif not isinstance(okrs, OKRSet):
        raise InputError(f"cannot lint a {type(okrs).__name__}",
                         hint="pass an OKRSet (ok.load_okrs(path)) or an Objective")
    ctx = _Context(_label_missing_ids(okrs), single, okrs)
    findings: list[Finding] = []
    for check in RULES:
        if check.id not in disabled:
            findings.extend(check(ctx))
    return LintReport(tuple(findings), _describe_objectives(ctx.okrs), _describe_krs(ctx.okrs), lang, disabled)


def _qdict(q: Quantity | None) -> dict | None:
    return None if q is None else {"value": q.value, "unit": q.unit}


def _describe_objectives(okrs: OKRSet) -> tuple[dict, ...]:
    out = []
    for obj in okrs.objectives:
        q = _target(obj.text)
        out.append({"id": obj.id, "text": obj.text, "owner": obj.owner, "type": obj.type,
                    "has_metric": q is not None, "quantity": _qdict(q),
                    "quantity_text": None if q is None else q.text.strip()})
    return tuple(out)


def _describe_krs(okrs: OKRSet) -> tuple[dict, ...]:
    out = []
    for obj, kr in okrs.key_results():
        q = _target(kr.text)
        out.append({"id": kr.id, "objective": obj.id, "text": kr.text, "measurable": _is_measurable(kr),
                    "quantity": _qdict(q), "quantity_text": None if q is None else q.text.strip(),
                    "target": kr.target, "unit": kr.unit,
                    "activity": activity_of(kr.text) is not None})
    return tuple(out)


# Each rule's name, where a list names rules (the class report's most common mistakes).
i18n.register({
    "lint.rule.missing-id": {"en": "Objective or key result without an id", "vi": "Mục tiêu hoặc KR chưa có mã"},
    "lint.rule.duplicate-id": {"en": "The same id used twice", "vi": "Một mã dùng hai lần"},
    "lint.rule.parent-missing": {"en": "Aligned to an objective that is not there",
                                 "vi": "Gắn với một mục tiêu không có trong bộ OKR"},
    "lint.rule.objective-count": {"en": "Too many or too few objectives", "vi": "Quá nhiều hoặc quá ít mục tiêu"},
    "lint.rule.kr-count": {"en": "Too many or too few key results", "vi": "Quá nhiều hoặc quá ít kết quả then chốt"},
    "lint.rule.objective-metric": {"en": "A number in the objective", "vi": "Mục tiêu chứa con số"},
    "lint.rule.missing-owner": {"en": "No owner", "vi": "Chưa có bộ phận phụ trách"},
    "lint.rule.kr-measurable": {"en": "Key result not measurable", "vi": "Kết quả then chốt chưa đo được"},
    "lint.rule.kr-activity": {"en": "A task, not a result", "vi": "Đầu việc, chưa phải kết quả"},
    "lint.rule.kr-repeats-objective": {"en": "Key result repeats the objective", "vi": "KR lặp lại mục tiêu"},
    "lint.rule.kr-two-targets": {"en": "Two targets in one key result", "vi": "Hai chỉ tiêu trong một KR"},
    "lint.rule.target-baseline": {"en": "Target and baseline disagree", "vi": "Chỉ tiêu và mức xuất phát mâu thuẫn"},
    "lint.rule.kr-target-text": {"en": "Text and target disagree", "vi": "Nội dung và chỉ tiêu không khớp"},
    "lint.rule.kr-target-field": {"en": "Target not filled in", "vi": "Chưa điền chỉ tiêu"},
    "lint.rule.weights-sum": {"en": "Weights do not add up to 100%", "vi": "Tổng trọng số khác 100%"},
    "lint.rule.weight-zero": {"en": "A weight of 0 or less", "vi": "Trọng số bằng 0 hoặc âm"},
    "lint.rule.okr-type": {"en": "Type and confidence disagree", "vi": "Loại OKR và độ tự tin không khớp"},
})

i18n.register({
    "lint.severity.error": {"en": "error", "vi": "lỗi"},
    "lint.severity.warning": {"en": "warning", "vi": "cảnh báo"},
    "lint.severity.info": {"en": "tip", "vi": "gợi ý"},
    "lint.group.general": {"en": "The whole set", "vi": "Toàn bộ OKR"},
    "lint.summary": {"en": "{errors} error(s), {warnings} warning(s), {infos} tip(s).",
                     "vi": "{errors} lỗi, {warnings} cảnh báo, {infos} gợi ý."},
    "lint.summary.clean": {"en": "No findings: these OKRs follow every rule checked.",
                           "vi": "Không có nhận xét nào: các OKR này đạt mọi tiêu chí được kiểm tra."},
    "lint.missing_id.objective": {
        "en": "Objective #{n} (“{text}”) has no id. Give it a short id such as O{n}, so key results, "
              "check-ins and scores can refer to it.",
        "vi": "Mục tiêu thứ {n} (“{text}”) chưa có mã. Hãy đặt một mã ngắn như O{n} để các kết quả then chốt, "
              "báo cáo tiến độ và điểm số tham chiếu tới."},
    "lint.missing_id.kr": {
        "en": "Key result #{n} of {objective} (“{text}”) has no id. Give it one such as {suggest}.",
        "vi": "Kết quả then chốt thứ {n} của {objective} (“{text}”) chưa có mã. Hãy đặt mã, ví dụ {suggest}."},
    "lint.duplicate_id": {
        "en": "The id {id} is used {n} times. Each objective and key result needs its own id, so check-ins "
              "and scores land on the right one — rename the copies.",
        "vi": "Mã {id} bị dùng {n} lần. Mỗi mục tiêu và kết quả then chốt cần một mã riêng để báo cáo tiến độ "
              "và điểm số gắn đúng chỗ — hãy đổi mã của các bản trùng."},
    "lint.parent.self": {
        "en": "{id} is aligned to itself. In 'aligns to', pick the company objective it serves, or leave it empty.",
        "vi": "{id} tự gắn với chính nó. Hãy chọn mục tiêu cấp cao hơn mà nó đóng góp (ô gắn với mục tiêu), hoặc để trống."},
    "lint.parent.missing": {
        "en": "{id} aligns to {parent}, which is not an objective in this set. Check what it aligns to "
              "(objectives here: {ids}).",
        "vi": "{id} liên kết tới {parent}, nhưng không có mục tiêu nào mang mã này trong bộ OKR. Hãy kiểm tra lại "
              "mục tiêu được gắn (các mục tiêu hiện có: {ids})."},
    "lint.parent.missing_close": {
        "en": "{id} aligns to {parent}, which is not an objective in this set. Did you mean {close}?",
        "vi": "{id} liên kết tới {parent}, nhưng không có mục tiêu nào mang mã này trong bộ OKR. Có phải ý bạn là {close}?"},
    "lint.parent.cycle": {
        "en": "{id} aligns to {parent}, whose chain of parents leads back to {id}. Alignment runs one way, "
              "from team objectives up to company objectives.",
        "vi": "{id} liên kết tới {parent}, nhưng chuỗi gắn kết lại quay về {id}. Liên kết chỉ đi một "
              "chiều, từ mục tiêu của bộ phận lên mục tiêu công ty."},
    "lint.objective_count.many": {
        "en": "{owner} has {n} objectives {period}; aim for 3–5. More spreads the team thin: keep the 3–5 "
              "that matter most and move the rest to a later quarter.",
        "vi": "{owner} có {n} mục tiêu {period}; nên giữ 3–5. Nhiều hơn sẽ dàn mỏng nguồn lực: giữ 3–5 "
              "mục tiêu quan trọng nhất và để phần còn lại cho quý sau."},
    "lint.objective_count.few": {
        "en": "{owner} has only {n} objective(s) {period}; 3–5 is usual. Fewer is fine for a small team — "
              "just check nothing important is left out.",
        "vi": "{owner} chỉ có {n} mục tiêu {period}; thông thường là 3–5. Ít hơn cũng được nếu nhóm "
              "nhỏ — chỉ cần chắc rằng không bỏ sót điều quan trọng."},
    "lint.kr_count.none": {
        "en": "Objective {id} has no key results, so no one can tell whether it is reached. Add 3–5 measurable "
              "key results.",
        "vi": "Mục tiêu {id} chưa có kết quả then chốt nào, nên không ai biết khi nào mục tiêu đạt được. Hãy "
              "thêm 3–5 kết quả then chốt đo lường được."},
    "lint.kr_count.few": {
        "en": "Objective {id} has {n} key result(s); 3–5 give a fuller picture of success. Add one that "
              "measures it from another side (customers, quality, cost).",
        "vi": "Mục tiêu {id} chỉ có {n} kết quả then chốt; 3–5 kết quả cho bức tranh đầy đủ hơn. Hãy thêm "
              "một kết quả đo từ góc độ khác (khách hàng, chất lượng, chi phí)."},
    "lint.kr_count.many": {
        "en": "Objective {id} has {n} key results; keep 3–5. Too many dilute focus — merge or drop the weakest, "
              "or split the objective in two.",
        "vi": "Mục tiêu {id} có {n} kết quả then chốt; nên giữ 3–5. Quá nhiều sẽ mất tập trung — hãy gộp hoặc "
              "bỏ những kết quả yếu nhất, hoặc tách mục tiêu làm hai."},
    "lint.objective_metric": {
        "en": "Objective {id} carries a metric (“{quantity}”). An objective should be qualitative and "
              "inspiring — say where you want to be, and move “{quantity}” into a key result.",
        "vi": "Mục tiêu {id} chứa chỉ số (“{quantity}”). Mục tiêu nên mang tính định tính và truyền cảm hứng — "
              "hãy nói điều muốn vươn tới, và chuyển “{quantity}” xuống một kết quả then chốt."},
    "lint.missing_owner": {
        "en": "Objective {id} has no owner. Name the team or person accountable, so someone reports its "
              "progress each week.",
        "vi": "Mục tiêu {id} chưa có người phụ trách. Hãy ghi rõ bộ phận hoặc người chịu trách nhiệm để có "
              "người báo cáo tiến độ hằng tuần."},
    "lint.kr_measurable": {
        "en": "{id} has no measurable target: “{text}” has no number to hit. Say how much, e.g. “Đạt 120 "
              "khách hàng mới” or “Reduce churn from 8% to 5%”, or fill in the target.",
        "vi": "{id} chưa có chỉ tiêu đo lường được: “{text}” không có con số nào để đạt. Hãy nói rõ bao nhiêu, "
              "ví dụ “Đạt 120 khách hàng mới” hoặc “Giảm tỷ lệ rời bỏ từ 8% xuống 5%”, hoặc điền chỉ tiêu."},
    "lint.kr_measurable.numbers": {
        "en": "{id} has no measurable target: the numbers in “{text}” ({numbers}) are dates, years, versions "
              "or names, not amounts to reach. A deadline says when, not how much — add the result to reach, "
              "e.g. “thu được ít nhất 1,000 phản hồi”.",
        "vi": "{id} chưa có chỉ tiêu đo lường được: các con số trong “{text}” ({numbers}) là ngày tháng, năm, "
              "phiên bản hoặc tên gọi, không phải mức cần đạt. Hạn chót chỉ nói khi nào, không nói bao nhiêu — "
              "hãy thêm kết quả cần đạt, ví dụ “thu được ít nhất 1.000 phản hồi”."},
    "lint.kr_measurable.vague": {
        "en": "{id} has no measurable target: “{word}” in “{text}” says which way, not how far. Put a number "
              "on it, e.g. “from 3.6 to 4.2 points” or “up 20%”.",
        "vi": "{id} chưa có chỉ tiêu đo lường được: “{word}” trong “{text}” chỉ nói hướng đi, không nói đi bao "
              "xa. Hãy gắn con số cụ thể, ví dụ “từ 3,6 lên 4,2 điểm” hoặc “tăng 20%”."},
    "lint.kr_activity": {
        "en": "{id} reads as an activity (“{verb} …”), not an outcome. Doing it does not show the objective "
              "moved; ask “so that what?” and measure that result — leads, customers, revenue, satisfaction.",
        "vi": "{id} giống một đầu việc (“{verb} …”) hơn là một kết quả. Làm xong việc chưa chứng tỏ mục tiêu "
              "đã tiến lên; hãy hỏi “để đạt được điều gì?” và đo chính kết quả đó — số lead, khách hàng, doanh "
              "thu, mức độ hài lòng."},
    "lint.kr_activity.busy": {
        "en": "{id} counts output (“{count}”), which rewards being busy rather than getting results. Measure "
              "what the output should bring — readers, leads, customers, resolved tickets.",
        "vi": "{id} đếm số đầu việc (“{count}”), dễ khuyến khích sự bận rộn hơn là kết quả. Hãy đo điều mà "
              "các đầu việc đó mang lại — lượt đọc, lead, khách hàng, yêu cầu được giải quyết."},
    "lint.kr_repeats": {
        "en": "{id} repeats objective {objective} in other words. A key result should say how you will know "
              "the objective is reached, with a number.",
        "vi": "{id} lặp lại mục tiêu {objective} bằng lời khác. Kết quả then chốt cần cho biết làm sao để "
              "biết mục tiêu đã đạt, kèm con số cụ thể."},
    "lint.kr_two_targets": {
        "en": "{id} sets two targets at once (“{first}” and “{second}”). One key result, one result: split it in "
              "two, so each can be scored and discussed on its own.",
        "vi": "{id} đặt hai chỉ tiêu cùng lúc (“{first}” và “{second}”). Mỗi kết quả then chốt chỉ nên đo một kết "
              "quả: hãy tách làm hai để chấm điểm và thảo luận riêng từng cái."},
    "lint.target.equal": {
        "en": "{id}: the target ({target}) equals the baseline ({baseline}), so there is nothing to achieve. "
              "Set a target that moves from where you are now, or choose the kind “stay above” / “stay below”.",
        "vi": "{id}: chỉ tiêu ({target}) bằng đúng mức xuất phát ({baseline}), nên không có gì phải đạt thêm. "
              "Hãy đặt chỉ tiêu khác mức hiện tại, hoặc chọn kiểu duy trì (giữ trên / giữ dưới)."},
    "lint.target.below": {
        "en": "{id} should go up, but its target ({target}) is below the baseline ({baseline}). Fix the numbers, "
              "or choose the kind “decrease” if smaller is better.",
        "vi": "{id} cần tăng lên, nhưng chỉ tiêu ({target}) lại thấp hơn mức xuất phát ({baseline}). Hãy sửa "
              "các con số, hoặc chọn kiểu “giảm” nếu càng nhỏ càng tốt."},
    "lint.target.above": {
        "en": "{id} should go down, but its target ({target}) is above the baseline ({baseline}). Fix the "
              "numbers, or choose the kind “increase” if bigger is better.",
        "vi": "{id} cần giảm xuống, nhưng chỉ tiêu ({target}) lại cao hơn mức xuất phát ({baseline}). Hãy sửa "
              "các con số, hoặc chọn kiểu “tăng” nếu càng lớn càng tốt."},
    "lint.target.text": {
        "en": "{id}: the text says “{quantity}” but the target is {target}. Make them agree, so the score "
              "measures what the KR says.",
        "vi": "{id}: nội dung ghi “{quantity}” nhưng chỉ tiêu là {target}. Hãy thống nhất hai con số "
              "để điểm số đo đúng điều kết quả then chốt nói."},
    "lint.target.field": {
        "en": "{id} says “{quantity}” in its text but has no target, so its progress cannot be scored. "
              "Fill in the target, {value} (and the baseline).",
        "vi": "{id} ghi “{quantity}” trong nội dung nhưng chưa điền chỉ tiêu, nên chưa chấm được tiến độ. "
              "Hãy điền chỉ tiêu {value} (và mức xuất phát)."},
    "lint.weights.partial": {
        "en": "In {id}, {given} of {n} key results have a weight; no weight on {ids}. Give every KR a weight "
              "(summing to 1), or none for equal weights.",
        "vi": "Trong {id}, {given}/{n} kết quả then chốt có trọng số; {ids} chưa có. Hãy đặt trọng số cho "
              "mọi kết quả (tổng bằng 1), hoặc bỏ hết để chia đều."},
    "lint.weights.sum": {
        "en": "The weights of {id}'s key results sum to {total}, not 1.00 — raise or lower one of them so they "
              "add up to 1 (e.g. 0.5, 0.3, 0.2).",
        "vi": "Tổng trọng số các kết quả then chốt của {id} là {total}, không phải 1,00 — hãy tăng hoặc giảm "
              "một trọng số để tổng bằng 1 (ví dụ 0,5; 0,3; 0,2)."},
    "lint.weight.zero": {
        "en": "{id} has weight 0, so it counts for nothing in the score. Give it a share of the objective, "
              "or remove it.",
        "vi": "{id} có trọng số 0 nên không được tính vào điểm. Hãy chia cho nó một phần trọng số, hoặc bỏ nó đi."},
    "lint.weight.negative": {
        "en": "{id} has a negative weight ({weight}). Weights are shares such as 0.3; use 0 to leave a KR out.",
        "vi": "{id} có trọng số âm ({weight}). Trọng số là tỷ phần như 0,3; dùng 0 nếu muốn bỏ qua kết quả này."},
    "lint.type.committed_low": {
        "en": "{id} is committed — expected to be met in full — but {kr} has confidence {confidence}/10. "
              "Lower the target, find more resources, or make the objective aspirational.",
        "vi": "{id} là OKR cam kết — phải hoàn thành đầy đủ — nhưng {kr} chỉ có độ tự tin {confidence}/10. Hãy "
              "hạ chỉ tiêu, bổ sung nguồn lực, hoặc chuyển thành OKR mở rộng."},
    "lint.type.aspirational_sure": {
        "en": "{id} is aspirational, but every key result has confidence {confidence}/10 or more — not much of "
              "a stretch. Raise the bar, or mark it committed.",
        "vi": "{id} là OKR mở rộng, nhưng mọi kết quả then chốt đều có độ tự tin từ {confidence}/10 trở lên — "
              "chưa đủ thách thức. Hãy nâng mức chỉ tiêu, hoặc chuyển thành OKR cam kết."},
})


class _CallableModule(types.ModuleType):
    """``okrkit.lint`` is both this module and its main function.

    Importing the submodule sets the package attribute ``okrkit.lint`` to the
    module, hiding the lazily exported function; making the module callable
    keeps ``ok.lint(okrs)`` working whichever of the two the name holds.
    """

    def __call__(self, okrs, **options):
        return lint(okrs, **options)


sys.modules[__name__].__class__ = _CallableModule
