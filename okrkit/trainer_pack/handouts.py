"""The printable handouts: OKR canvas, weekly Plan – Progress – Problems form, cascade worksheet,
KPI / Balanced Scorecard cheat sheet and glossary — the paper fallback when there are no laptops.

The worked examples on them come from the bundled sample company and cascade, so a handout and the
lesson it goes with show the same numbers.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .. import glossary, i18n

# (file stem, vi title, en title, template) in the order a course uses them.
HANDOUTS = (
    ("okr_canvas", "Khung OKR một trang", "One-page OKR canvas", "okr_canvas.html"),
    ("ppp_form", "Phiếu Kế hoạch – Tiến độ – Vấn đề", "Plan – Progress – Problems form", "ppp_form.html"),
    ("cascade_worksheet", "Phiếu phân rã mục tiêu chung", "Shared-goal cascade worksheet", "cascade_worksheet.html"),
    ("kpi_bsc_cheatsheet", "Tóm tắt KPI và Thẻ điểm cân bằng", "KPI and Balanced Scorecard cheat sheet",
     "kpi_bsc_cheatsheet.html"),
    ("glossary", "Thuật ngữ", "Glossary", "glossary.html"),
)


@lru_cache(maxsize=1)
def meanings() -> dict:
    """What each glossary term means, in vi and en (``okrkit/data/glossary_meanings.yaml``)."""
    import yaml

    text = resources.files("okrkit").joinpath("data/glossary_meanings.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def glossary_rows(lang: str) -> list[dict]:
    """One row per term: the term in ``lang``, in the other language, and what it means; sorted the language's way."""
    other = "en" if lang == "vi" else "vi"
    rows = []
    for key, meaning in meanings().items():
        if key in glossary.TERMS:
            term, alt = glossary.TERMS[key][lang], glossary.TERMS[key][other]
        else:
            term, alt = meaning["term"][lang], meaning["term"][other]
        rows.append({"term": term[:1].upper() + term[1:], "other": alt, "meaning": meaning[lang]})
    missing = set(glossary.TERMS) - set(meanings())
    if missing:  # a new glossary term needs its meaning written: say so rather than print a shorter glossary
        raise KeyError(f"glossary_meanings.yaml has no meaning for {sorted(missing)}")
    import unicodedata

    fold = lambda s: unicodedata.normalize("NFD", s.lower().replace("đ", "dz"))  # noqa: E731  đ after d
    return sorted(rows, key=lambda r: fold(r["term"]))


def example_objective(lang: str) -> dict:
    """A Sales objective of the sample company with its key results, for the canvas's example box."""
    import okrkit as ok

    company = ok.sample_company()
    sales = next(o for o in company.objectives if o.parent and o.owner == "Kinh doanh")
    return {"organization": company.organization, "text": sales.text,
            "key_results": [kr.text for kr in sales.key_results][:4]}


def cascade_context(lang: str) -> dict:
    """The sample cascade's funnel, written out stage by stage for the worksheet's example column."""
    import okrkit as ok

    plan = ok.sample_cascade()
    funnel = plan.funnel()
    T = lambda vi, en: vi if lang == "vi" else en  # noqa: E731
    how = {
        "revenue": T("mục tiêu chung, cho trước", "the shared goal, given"),
        "deals": T("doanh thu ÷ giá trị hợp đồng trung bình", "revenue ÷ average deal size"),
        "opportunities": T("hợp đồng ÷ tỷ lệ chốt", "deals ÷ win rate"),
        "leads": T("cơ hội ÷ tỷ lệ lead thành cơ hội", "opportunities ÷ lead-to-opportunity rate"),
        "traffic": T("lead ÷ tỷ lệ truy cập thành lead", "leads ÷ visit-to-lead rate"),
        "sales_reps": T("hợp đồng ÷ hợp đồng mỗi nhân viên ÷ tỷ lệ giữ chân", "deals ÷ deals per rep ÷ retention rate"),
    }
    stages = []
    for t in funnel:
        key = next(k for k in how if funnel[k] is t) if any(funnel[k] is t for k in how) else None
        value = i18n.amount(t.value, lang) if t.unit == "VND" else f"{i18n.number(t.value, lang)} {glossary.unit_name(t.unit, lang)}"
        stages.append({"title": t.title(lang), "how": how.get(key, ""), "example": value,
                       "owner": glossary.department_name(t.owner, lang)})
    r = plan.rates
    rates = ", ".join([
        f"{T('giá trị hợp đồng trung bình', 'average deal')} {i18n.amount(plan.amounts['deal_size'], lang)}",
        f"{T('tỷ lệ chốt', 'win rate')} {i18n.percent(r['win_rate'], lang)}",
        f"{T('lead thành cơ hội', 'lead to opportunity')} {i18n.percent(r['lead_to_opportunity'], lang)}",
        f"{T('truy cập thành lead', 'visit to lead')} {i18n.percent(r['visit_to_lead'], lang, decimals=1)}",
        f"{T('hợp đồng mỗi nhân viên mỗi quý', 'deals per rep a quarter')} {i18n.number(plan.amounts['deals_per_rep'], lang)}",
        f"{T('giữ chân nhân viên', 'rep retention')} {i18n.percent(r['sales_retention'], lang)}",
    ])
    weights = plan.weights()
    shared = weights.shared().get("revenue", {})
    revenue_weights = ", ".join(f"{glossary.department_name(d, lang)} {i18n.percent(w, lang)}" for d, w in shared.items())
    kpis = [glossary.kpi_name(k, lang) for k in ("revenue", "quality_leads", "new_customers")]
    departments = [glossary.department_name(d, lang) for d in ("Kinh doanh", "Marketing - PR - Đối tác", "Nhân sự")]
    return {"stages": stages, "rates": rates, "revenue_weights": revenue_weights, "kpis": kpis,
            "departments": departments, "example_org": plan.organization or ok.sample_company().organization}


def context(stem: str, lang: str) -> dict:
    """What the handout ``stem`` needs beyond the brand."""
    if stem == "okr_canvas":
        return {"example": example_objective(lang)}
    if stem == "cascade_worksheet":
        return cascade_context(lang)
    if stem == "glossary":
        return {"terms": glossary_rows(lang)}
    return {}
