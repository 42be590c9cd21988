"""Facilitator notes per lesson, from ``okrkit/data/facilitator_notes.yaml``, with the kit's own numbers.

An answer such as "how many reps at 25 triệu?" names ``{reps_at_25m}``; :func:`numbers` works it out from
the bundled cascade, so the notes stay right when the sample data changes.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from importlib import resources

from .. import glossary, i18n


@lru_cache(maxsize=1)
def raw_notes() -> dict:
    """The notes as written, keyed by lesson number ("00" … "08")."""
    import yaml

    return yaml.safe_load(resources.files("okrkit").joinpath("data/facilitator_notes.yaml").read_text(encoding="utf-8"))


def numbers(lang: str) -> dict[str, str]:
    """The figures the answers quote, computed from the sample company and cascade, written ``lang``'s way."""
    import okrkit as ok

    plan = ok.sample_cascade()
    funnel = plan.funnel()
    at_25m = dataclasses.replace(plan, amounts={**plan.amounts, "deal_size": 25_000_000}).funnel()
    at_20 = dataclasses.replace(plan, rates={**plan.rates, "win_rate": 0.20}).funnel()
    company = ok.sample_company()
    parents = {o.parent for o in company.objectives if o.parent}
    orphan = next(o for o in company.objectives if o.parent is None and o.id not in parents)
    revenue_objective = next(o for o in company.objectives if o.id in parents)
    n = lambda x: i18n.number(x, lang)  # noqa: E731
    what_if = ok.what_if(plan, schemes=["70/20", "90/0"])
    out = {
        "reps": n(funnel["sales_reps"].value), "reps_at_25m": n(at_25m["sales_reps"].value),
        "deals_at_25m": n(at_25m["deals"].value), "deals_per_rep": n(plan.amounts["deals_per_rep"]),
        "retention": i18n.percent(plan.rates["sales_retention"], lang), "goal": i18n.amount(plan.goal.value, lang),
        "win_rate": i18n.percent(plan.rates["win_rate"], lang),
        "leads": n(funnel["leads"].value), "leads_at_20": n(at_20["leads"].value),
        "orphan_id": orphan.id, "orphan_owner": glossary.department_name(orphan.owner, lang), "orphan_text": orphan.text,
        "revenue_objective": revenue_objective.id,
        "shared_scheme": "70/20", "flatter_scheme": "90/0",
    }
    out["shared_sales"] = i18n.number(what_if.score("70/20", "Kinh doanh"), lang, decimals=2)
    out["flatter_sales"] = i18n.number(what_if.score("90/0", "Kinh doanh"), lang, decimals=2)
    return out


def lesson_notes(number: str, lang: str) -> dict:
    """One lesson's notes in ``lang``, every ``{figure}`` filled in."""
    note = raw_notes().get(number)
    if note is None:
        return {"questions": [], "mistakes": [], "cues": []}
    figures = numbers(lang)
    fill = lambda pair: pair[lang].format(**figures)  # noqa: E731
    return {"questions": [{"q": fill(q["q"]), "a": fill(q["a"])} for q in note.get("questions", [])],
            "mistakes": [{"m": fill(m["m"]), "d": fill(m["d"])} for m in note.get("mistakes", [])],
            "cues": [fill(c) for c in note.get("cues", [])]}
