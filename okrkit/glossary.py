"""The course's words: one term per concept, the same in forms, feedback, lint, lessons and reports.

Every participant-facing text names a concept with the term below (``term.<key>``
in :mod:`okrkit.i18n`).  The glossary data (``okrkit/data/glossary_meanings.yaml``)
gives, per concept, its meaning and the variants that were used before and must not
come back, in vi and en (:func:`variants`; tests scan every text a user sees for
them), and :data:`FIELD_NAMES` the file field names and ids that belong in OKR files
and code, never in a Vietnamese sentence.

Examples
--------
>>> from okrkit import glossary
>>> glossary.term("target", "vi"), glossary.term("baseline", "vi"), glossary.term("aligns_to", "vi")
('chỉ tiêu', 'mức xuất phát', 'gắn với mục tiêu')
>>> glossary.term("key_result", "en")
'key result'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from . import i18n

# concept → {"en", "vi"}; the term as it appears inside a sentence (lower case).
TERMS: dict[str, dict[str, str]] = {
    "objective": {"en": "objective", "vi": "mục tiêu"},
    "key_result": {"en": "key result", "vi": "kết quả then chốt"},
    "kr": {"en": "KR", "vi": "KR"},
    "target": {"en": "target", "vi": "chỉ tiêu"},
    "baseline": {"en": "baseline", "vi": "mức xuất phát"},
    "current": {"en": "current value", "vi": "giá trị hiện tại"},
    "weight": {"en": "weight", "vi": "trọng số"},
    "confidence": {"en": "confidence", "vi": "độ tự tin"},
    "aligns_to": {"en": "aligns to", "vi": "gắn với mục tiêu"},
    "owner": {"en": "owner", "vi": "bộ phận phụ trách"},
    "kind": {"en": "kind", "vi": "kiểu"},
    "unit": {"en": "unit", "vi": "đơn vị"},
    "committed": {"en": "committed", "vi": "cam kết"},
    "aspirational": {"en": "aspirational", "vi": "mở rộng"},
    "check_in": {"en": "check-in", "vi": "check-in"},
    "plan": {"en": "Plan", "vi": "Kế hoạch"},
    "progress": {"en": "Progress", "vi": "Tiến độ"},
    "problems": {"en": "Problems", "vi": "Vấn đề"},
    "kpi": {"en": "KPI", "vi": "KPI"},
    "department": {"en": "department", "vi": "bộ phận"},
    "score": {"en": "score", "vi": "điểm"},
    "forecast": {"en": "forecast", "vi": "dự báo"},
    "week": {"en": "week", "vi": "tuần"},
    "shared_goal": {"en": "shared goal", "vi": "mục tiêu chung"},
    "lead": {"en": "lead", "vi": "lead"},
    "behaviour_lens": {"en": "behaviour lens", "vi": "lăng kính hành vi"},
    "company_objective": {"en": "company objective", "vi": "mục tiêu công ty"},
    "quality_lead": {"en": "quality lead", "vi": "lead chất lượng"},
    "cascade": {"en": "cascade", "vi": "phân rã"},
    "department_score": {"en": "department score", "vi": "điểm bộ phận"},
    "department_okr_score": {"en": "department's OKR score", "vi": "điểm OKR của bộ phận"},
    "share": {"en": "share", "vi": "tỷ trọng"},
    "rate": {"en": "rate", "vi": "tỷ lệ"},
}

# Words once used for a concept above, per language, and the term that replaced them: they live beside the
# meanings in okrkit/data/glossary_meanings.yaml (``retired``), read on first use.

@lru_cache(maxsize=1)
def _entries() -> dict:
    """The glossary data: per concept its meaning, retired variants and allowed phrases, vi and en."""
    import yaml

    text = resources.files("okrkit").joinpath("data/glossary_meanings.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def canonical(key: str, lang: str) -> str:
    """The course's term for the concept ``key`` (a :data:`TERMS` key or one of the glossary data's own)."""
    return TERMS[key][lang] if key in TERMS else _entries()[key]["term"][lang]


def variants(lang: str = "vi") -> dict[str, str]:
    """Every retired variant in ``lang`` → the course's term that replaced it.

    >>> variants("vi")["mục tiêu cha"], variants("en")["sales-qualified lead"]
    ('gắn với mục tiêu', 'quality lead')
    """
    out = {}
    for key, entry in _entries().items():
        for word in (entry.get("retired") or {}).get(lang) or ():
            out[str(word)] = canonical(key, lang)
    return out


def allowed(lang: str = "vi") -> tuple[str, ...]:
    """Phrases that contain a retired word but are the course's own ('lead chất lượng (SQL)')."""
    return tuple(str(w) for e in _entries().values() for w in (e.get("allowed") or {}).get(lang) or ())


def __getattr__(name: str):
    if name == "RETIRED":  # the Vietnamese variants, as earlier versions of this module had them
        return variants("vi")
    raise AttributeError(name)


def _retired_pattern(word: str, lang: str) -> re.Pattern:
    plural = "(?:s|es)?" if lang == "en" else ""  # 'stretch goals' is 'stretch goal' too
    words = re.escape(word).replace(r"\ ", r"\s+")  # a line break inside the phrase is still the phrase
    return re.compile(rf"(?<![\w-]){words}{plural}(?![\w-])", re.IGNORECASE)


def retired_in(text: str, lang: str = "vi") -> list[str]:
    """The retired variants (in ``lang``) that ``text`` uses, leaving out the allowed phrases.

    >>> retired_in("Số lead đạt chuẩn (SQL) tăng; lead chất lượng (SQL) cũng tăng")
    ['lead đạt chuẩn', 'SQL']
    >>> retired_in("2,950 sales-qualified leads", "en")
    ['sales-qualified lead']
    """
    for phrase in allowed("vi") + allowed("en"):  # the course's own phrases, in either language
        text = re.sub(re.escape(phrase).replace(r"\ ", r"\s+"), " ", text, flags=re.IGNORECASE)
    return [w for w in variants(lang) if _retired_pattern(w, lang).search(text)]


# File field names, kinds and ids: right in an OKR file, wrong in a Vietnamese sentence.
FIELD_NAMES: tuple[str, ...] = (
    "target", "baseline", "current", "weight", "confidence", "parent", "owner", "kind", "key_results",
    "objectives", "increase", "decrease", "stay-above", "stay-below", "milestone", "committed", "aspirational",
    "has-objective", "three-to-five-krs", "plan-written", "revenue", "website_traffic", "quality_leads",
    "new_customers", "deal_size", "win_rate",
)


def term(key: str, lang: str | None = None) -> str:
    """The course's term for ``key`` in ``lang``."""
    return TERMS[key][i18n.get_lang(lang)]


def field_name_pattern() -> re.Pattern:
    """A pattern that finds a file field name or id used as a word (not inside another word)."""
    names = "|".join(re.escape(n) for n in sorted(FIELD_NAMES, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({names})(?![\w-])", re.IGNORECASE)


# Form-made ids ("O1", "O1.KR2") as the form labels them ("Mục tiêu 1", "KR 2 của mục tiêu 1").
_FORM_OBJECTIVE = re.compile(r"O(\d+)")
_FORM_KR = re.compile(r"O(\d+)\.KR(\d+)")


def where(item_id: str, lang: str | None = None) -> str:
    """An objective or key-result id made by the OKR form, named as the form shows it; other ids unchanged.

    >>> where("O1.KR2", "vi"), where("O2", "en"), where("S1", "vi")
    ('KR 2 của mục tiêu 1', 'objective 2', 'S1')
    """
    lang = i18n.get_lang(lang)
    text = str(item_id)
    m = _FORM_KR.fullmatch(text)
    if m:
        return f"KR {m[2]} của mục tiêu {m[1]}" if lang == "vi" else f"objective {m[1]}, KR {m[2]}"
    m = _FORM_OBJECTIVE.fullmatch(text)
    if m:
        return f"mục tiêu {m[1]}" if lang == "vi" else f"objective {m[1]}"
    return text


_AFTER_WORD = re.compile(r"\b(mục tiêu|Mục tiêu|objective|Objective) O(\d+)(?![\w.#])")
_FORM_IDS_IN_TEXT = re.compile(r"(?<![\w.#])O\d+(?:\.KR\d+)?(?![\w#])")


def name_ids(text: str, lang: str | None = None) -> str:
    """Form-made ids inside a sentence (a lint message) replaced by what the form shows.

    >>> name_ids("O1.KR3 reads as an activity; see O2.", "vi")
    'KR 3 của mục tiêu 1 reads as an activity; see mục tiêu 2.'
    >>> name_ids("Mục tiêu O1 chỉ có 2 kết quả then chốt", "vi"), name_ids("Objective O2 has no owner.", "en")
    ('Mục tiêu 1 chỉ có 2 kết quả then chốt', 'Objective 2 has no owner.')
    """
    text = _AFTER_WORD.sub(lambda m: f"{m[1]} {m[2]}", str(text))  # "Mục tiêu O1" → "Mục tiêu 1"
    return _FORM_IDS_IN_TEXT.sub(lambda m: where(m.group(0), lang), text)


i18n.register({f"term.{k}": v for k, v in TERMS.items()})
i18n.register({
    # A key result's kind, as the OKR form offers it.
    "kind.increase": {"en": "increase", "vi": "tăng"},
    "kind.decrease": {"en": "decrease", "vi": "giảm"},
    "kind.stay-above": {"en": "stay above", "vi": "giữ trên"},
    "kind.stay-below": {"en": "stay below", "vi": "giữ dưới"},
    "kind.milestone": {"en": "milestone (done or not)", "vi": "cột mốc (xong/chưa)"},
    "kind.none": {"en": "(from the words)", "vi": "(theo nội dung)"},
})


# ---------------------------------------------------------------- names of the sample company's KPIs and departments
# A cascade file names its KPIs and departments in its own language (the sample company's in Vietnamese);
# these are the English names of the bundled ones, so that an English page is English throughout.
KPI_NAMES: dict[str, dict[str, str]] = {
    "revenue": {"en": "Revenue", "vi": "Doanh thu"},
    "new_customers": {"en": "New paying customers", "vi": "Khách hàng trả phí mới"},
    "quality_leads": {"en": "Quality leads (SQL)", "vi": "Lead chất lượng (SQL)"},
    "website_traffic": {"en": "Website visits", "vi": "Lượt truy cập website"},
    "sales_headcount": {"en": "Sales reps", "vi": "Nhân viên kinh doanh"},
    "sales_retention": {"en": "Sales-rep retention rate", "vi": "Tỷ lệ giữ chân nhân viên kinh doanh"},
    "uptime": {"en": "System uptime", "vi": "Thời gian hoạt động hệ thống"},
    "churn": {"en": "Customer churn rate", "vi": "Tỷ lệ khách hàng rời bỏ"},
    "response_time": {"en": "First response time", "vi": "Thời gian phản hồi đầu tiên"},
}
DEPARTMENT_NAMES: dict[str, dict[str, str]] = {
    "Ban Giám đốc": {"en": "Board of directors", "vi": "Ban Giám đốc"},
    "Kinh doanh": {"en": "Sales", "vi": "Kinh doanh"},
    "Marketing - PR - Đối tác": {"en": "Marketing - PR - Partners", "vi": "Marketing - PR - Đối tác"},
    "Nhân sự": {"en": "HR", "vi": "Nhân sự"},
    "Sản phẩm - Kỹ thuật": {"en": "Product - Engineering", "vi": "Sản phẩm - Kỹ thuật"},
    "Kho vận - Giao hàng": {"en": "Warehouse & delivery", "vi": "Kho vận - Giao hàng"},
    "Chăm sóc khách hàng": {"en": "Customer care", "vi": "Chăm sóc khách hàng"},
}


# The English of the other names the bundled companies' files write in Vietnamese (Phúc An's KPIs, funnel
# stages and rates), looked up by the Vietnamese name itself: a manager's own file keeps its own words.
NAMES_EN: dict[str, str] = {
    "Điểm bán có đơn trong quý": "Outlets ordering in the quarter",
    "Điểm bán được viếng thăm chào hàng": "Outlets visited with an offer",
    "Lead chất lượng": "Quality leads",
    "Lead chất lượng (điểm bán đủ điều kiện lên tuyến)": "Quality leads (outlets fit for the routes)",
    "Lượt khảo sát điểm bán": "Outlet survey visits",
    "Tỷ lệ đơn giao đúng hẹn": "On-time delivery rate",
    "Tỷ lệ điểm bán ngừng đặt hàng": "Outlet churn rate",
    "tỷ lệ điểm bán được viếng thăm có đơn": "share of visited outlets that order",
    "tỷ lệ lead chất lượng được đưa lên tuyến": "share of quality leads put on a route",
    "tỷ lệ lượt khảo sát ra lead chất lượng": "share of survey visits that give a quality lead",
    "tỷ lệ giữ chân nhân viên kinh doanh": "sales retention rate",
    "doanh thu quý bình quân một điểm bán": "average quarterly revenue of an outlet",
    "điểm bán có đơn mỗi nhân viên phụ trách": "ordering outlets per rep",
    "Doanh thu quý": "Quarterly revenue",
}


def english_of(name: str | None) -> str | None:
    """The English of a name the bundled files write in Vietnamese, ``None`` when the kit does not know it.

    >>> english_of("Lượt khảo sát điểm bán"), english_of("Chỉ số của tôi")
    ('Outlet survey visits', None)
    """
    return NAMES_EN.get(str(name)) if name else None


def kpi_name(kpi_id: str, lang: str | None = None, *, given: str | None = None) -> str:
    """A KPI's name in ``lang``: the bundled name for a known id, else ``given`` (the file's name), else the id.

    >>> kpi_name("website_traffic", "vi"), kpi_name("website_traffic", "en"), kpi_name("nps", "en", given="NPS")
    ('Lượt truy cập website', 'Website visits', 'NPS')
    >>> kpi_name("website_traffic", "en", given="Lượt khảo sát điểm bán")
    'Outlet survey visits'
    """
    lang = i18n.get_lang(lang)
    known = KPI_NAMES.get(str(kpi_id))
    if known and (given is None or given == known["vi"] or lang == "vi" and not given):
        return known[lang]
    if lang == "en" and english_of(given):
        return english_of(given)
    return given or (known or {}).get(lang) or str(kpi_id)


def department_name(name: str, lang: str | None = None) -> str:
    """A department's name in ``lang`` (the bundled departments have an English name; others stay as written).

    >>> department_name("Kinh doanh", "en"), department_name("Kinh doanh", "vi"), department_name("Kho vận", "en")
    ('Sales', 'Kinh doanh', 'Kho vận')
    """
    known = DEPARTMENT_NAMES.get(str(name))
    return known[i18n.get_lang(lang)] if known else str(name)


# Units the bundled data writes in Vietnamese, and what English writes.
UNIT_NAMES: dict[str, dict[str, str]] = {
    "hợp đồng": {"en": "deals", "vi": "hợp đồng"},
    "cơ hội": {"en": "opportunities", "vi": "cơ hội"},
    "lượt": {"en": "visits", "vi": "lượt"},
    "người": {"en": "people", "vi": "người"},
    "khách hàng": {"en": "customers", "vi": "khách hàng"},
    "giờ": {"en": "hours", "vi": "giờ"},
    "lead": {"en": "leads", "vi": "lead"},
    "điểm bán": {"en": "outlets", "vi": "điểm bán"},
    "VND": {"en": "VND", "vi": "đồng"},
}


def unit_name(unit: str | None, lang: str | None = None) -> str:
    """A unit as ``lang`` writes it (``hợp đồng`` → ``deals``; ``VND`` → ``đồng``); unknown units stay as written.

    >>> unit_name("hợp đồng", "en"), unit_name("VND", "vi"), unit_name("%", "en"), unit_name(None, "vi")
    ('deals', 'đồng', '%', '')
    """
    if not unit:
        return ""
    known = UNIT_NAMES.get(str(unit)) or UNIT_NAMES.get(str(unit).lower())
    return known[i18n.get_lang(lang)] if known else str(unit)


# ---------------------------------------------------------------- the glossary as a table (lesson 9, docs/glossary.md)

i18n.register({
    "glossary.col.term": {"en": "Term", "vi": "Thuật ngữ"},
    "glossary.col.other": {"en": "Tiếng Việt", "vi": "English"},
    "glossary.col.meaning": {"en": "Meaning", "vi": "Nghĩa"},
    "glossary.col.retired": {"en": "Not used (say the term instead)", "vi": "Không dùng (thay bằng thuật ngữ)"},
    "glossary.lookup.term": {"en": "'{word}' is the course's term: {term} ({other}) — {meaning}",
                             "vi": "'{word}' là thuật ngữ của khóa học: {term} ({other}) — {meaning}"},
    "glossary.lookup.retired": {"en": "'{word}' is not used in the course; write '{term}' ({other}) — {meaning}",
                                "vi": "'{word}' không dùng trong khóa học; hãy viết '{term}' ({other}) — {meaning}"},
    "glossary.lookup.unknown": {"en": "'{word}' is not in the glossary; the course has no special term for it.",
                                "vi": "'{word}' chưa có trong bảng thuật ngữ; khóa học không có thuật ngữ riêng cho từ này."},
})


def _fold(text: str) -> str:
    """A sort key that puts đ after d and ignores case and tone marks, as a Vietnamese index does."""
    import unicodedata

    return unicodedata.normalize("NFD", text.lower().replace("đ", "dz"))


def entries(lang: str | None = None) -> list[dict]:
    """Every concept of the glossary in ``lang``: its term, the other language's term, its meaning and its retired variants.

    Sorted the language's way (đ after d).

    >>> row = next(r for r in entries("vi") if r["key"] == "quality_lead")
    >>> row["term"], row["other"], "lead đạt chuẩn" in row["retired"]
    ('Lead chất lượng', 'quality lead', True)
    """
    lang = i18n.get_lang(lang)
    other = "en" if lang == "vi" else "vi"
    rows = []
    for key, entry in _entries().items():
        term = canonical(key, lang)
        rows.append({"key": key, "term": term[:1].upper() + term[1:], "other": canonical(key, other),
                     "meaning": entry[lang], "retired": [str(w) for w in (entry.get("retired") or {}).get(lang) or ()]})
    return sorted(rows, key=lambda r: _fold(r["term"]))


class Glossary:
    """The glossary in one language, as a table (``_repr_html_`` in a notebook, text elsewhere)."""

    def __init__(self, lang: str | None = None):
        self.lang = i18n.get_lang(lang)
        self.rows = entries(self.lang)

    def columns(self) -> list[str]:
        return [i18n.t(f"glossary.col.{c}", self.lang) for c in ("term", "other", "meaning", "retired")]

    def __repr__(self) -> str:
        return "\n".join(f"{r['term']} ({r['other']}): {r['meaning']}"
                         + (f" [≠ {', '.join(r['retired'])}]" if r["retired"] else "") for r in self.rows)

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f"<th style='text-align:left'>{escape(c)}</th>" for c in self.columns())
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{escape(v)}</td>" for v in
                                         (r["term"], r["other"], r["meaning"], ", ".join(r["retired"])))
                       + "</tr>" for r in self.rows)
        return f"<table class='okrkit-glossary'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def markdown(self) -> str:
        """The table in Markdown (one row per concept)."""
        cell = lambda s: str(s).replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(self.columns()) + " |", "|---|---|---|---|"]
        lines += [f"| **{cell(r['term'])}** | {cell(r['other'])} | {cell(r['meaning'])} | {cell(', '.join(r['retired']))} |"
                  for r in self.rows]
        return "\n".join(lines)


def table(lang: str | None = None) -> Glossary:
    """The course's glossary in ``lang``: term, the other language's term, meaning, and the words not to use."""
    return Glossary(lang)


def lookup(word: str, lang: str | None = None) -> str:
    """What the course calls ``word`` — a term of the glossary, a retired variant (and its term), or neither.

    >>> lookup("Tiến triển", "vi")
    "'Tiến triển' không dùng trong khóa học; hãy viết 'Tiến độ' (Progress) — Phần thứ hai — kết quả đã đạt trong tuần, không chỉ đầu việc."
    >>> lookup("quality lead", "en").startswith("'quality lead' is the course's term: quality lead (lead chất lượng)")
    True
    """
    lang = i18n.get_lang(lang)
    other = "en" if lang == "vi" else "vi"
    wanted = " ".join(str(word).split()).lower()
    data = _entries()
    for key, entry in data.items():
        if wanted in {canonical(key, "vi").lower(), canonical(key, "en").lower()}:
            return i18n.t("glossary.lookup.term", lang, word=word, term=canonical(key, lang),
                          other=canonical(key, other), meaning=entry[lang])
    for key, entry in data.items():
        for variant_lang in (lang, other):
            if wanted in {str(w).lower() for w in (entry.get("retired") or {}).get(variant_lang) or ()}:
                return i18n.t("glossary.lookup.retired", lang, word=word, term=canonical(key, lang),
                              other=canonical(key, other), meaning=entry[lang])
    return i18n.t("glossary.lookup.unknown", lang, word=word)


def markdown() -> str:
    """``docs/glossary.md``: the glossary in Vietnamese, then in English, from the same data (``python -m okrkit.glossary``)."""
    return "\n".join([
        "# Thuật ngữ của khóa học · The course's glossary",
        "",
        "<!-- Generated from okrkit/data/glossary_meanings.yaml by `python -m okrkit.glossary > docs/glossary.md`;",
        "     tests/test_vocabulary.py checks that this page matches the data. Do not edit by hand. -->",
        "",
        "Một khái niệm, một thuật ngữ — giống nhau trong bài học, biểu mẫu, nhận xét và báo cáo. Cột cuối là những từ",
        "từng dùng cho cùng khái niệm; khóa học không dùng chúng nữa.",
        "",
        "*One concept, one term — the same in lessons, forms, feedback and reports. The last column lists the words once",
        "used for the same concept, which the course no longer uses.*",
        "",
        "## Tiếng Việt",
        "",
        table("vi").markdown(),
        "",
        "## English",
        "",
        table("en").markdown(),
        "",
    ])


if __name__ == "__main__":
    print(markdown(), end="")
