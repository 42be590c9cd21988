"""One language on the screen: check titles, one term per concept, names instead of ids, numbers per language."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import okrkit
from okrkit import glossary, i18n
from okrkit.rubric import load_rubric
from okrkit.rubrics import IDS

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _import_everything() -> None:
    """Import every module of the kit, so that every message is in the catalogue."""
    for m in pkgutil.walk_packages(okrkit.__path__, "okrkit."):
        if m.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(m.name)
        except ImportError:  # an optional dependency (e.g. the hub) that is not installed
            continue


def _vi_catalogue() -> dict[str, str]:
    _import_everything()
    return {k: i18n._CATALOGUE[k]["vi"] for k in i18n.keys()}


def _rubric_texts(lang: str):
    """(where, text) for every title, feedback and praise of every rubric check."""
    for ex in IDS:
        for c in load_rubric(ex).checks:
            for part, texts in (("title", c.title), ("feedback", c.feedback), ("praise", c.praise)):
                if texts:
                    yield f"{ex}:{c.id}:{part}", texts[lang]


@pytest.mark.parametrize("exercise", IDS)
def test_every_check_has_a_title_in_both_languages(exercise):
    """Every check of every rubric has a title in en and vi, which is not its id, and titles are distinct."""
    checks = load_rubric(exercise).checks
    for c in checks:
        assert c.title and c.title.get("en") and c.title.get("vi"), f"{exercise}: {c.id} has no title"
        assert c.id not in (c.title["en"], c.title["vi"])
    for lang in i18n.LANGS:
        titles = [c.title[lang] for c in checks]
        assert len(set(titles)) == len(titles), f"{exercise}: two checks share a title in {lang}"


@pytest.mark.parametrize("exercise", IDS)
def test_graded_checks_carry_their_title(exercise):
    """A graded answer names each check by its title in the language asked for, passed or failed."""
    rubric = load_rubric(exercise)
    for lang in i18n.LANGS:
        result = rubric.grade({}, lang=lang)
        assert [c.title for c in result.checks] == [c.title[lang] for c in rubric.checks]


def test_vietnamese_catalogue_has_no_english_field_names():
    """No Vietnamese message uses a file field name or id (target, baseline, weight, kind: decrease, revenue…)."""
    pattern = glossary.field_name_pattern()
    bad = {}
    for key, vi in _vi_catalogue().items():
        found = pattern.findall(PLACEHOLDER.sub(" ", vi))
        if found:
            bad[key] = found
    assert not bad, bad


def test_vietnamese_catalogue_uses_no_retired_synonym():
    """One term per concept: no 'mục tiêu số', 'mục tiêu cha', 'tiến triển', 'vướng mắc'… in any Vietnamese message."""
    bad = {k: glossary.retired_in(vi) for k, vi in _vi_catalogue().items() if glossary.retired_in(vi)}
    assert not bad, bad


def test_rubric_texts_use_the_glossary():
    """Rubric titles, feedback and praise in Vietnamese use no retired synonym and no file field name."""
    pattern = glossary.field_name_pattern()
    bad = {}
    for where, text in _rubric_texts("vi"):
        found = glossary.retired_in(text) + pattern.findall(PLACEHOLDER.sub(" ", text))
        if found:
            bad[where] = found
    assert not bad, bad


def test_form_labels_and_feedback_share_terms():
    """The OKR form's fields are named as the feedback names them (target, baseline, aligns-to, PPP)."""
    _import_everything()
    assert i18n.t("ui.builder.target", "vi").lower() == glossary.term("target", "vi")
    assert i18n.t("ui.builder.baseline", "vi").lower() == glossary.term("baseline", "vi")
    assert i18n.t("ui.builder.parent", "vi").lower() == glossary.term("aligns_to", "vi")
    assert i18n.t("ui.quarter.target", "vi").lower() == glossary.term("target", "vi")
    assert i18n.t("ui.quarter.baseline", "vi").lower() == glossary.term("baseline", "vi")
    feedback = {c.id: c.feedback["vi"] for c in load_rubric("ex01_sales_okr").checks}
    assert "ô chỉ tiêu" in feedback["targets-filled"] and "mức xuất phát" in feedback["targets-filled"]
    assert "'Gắn với mục tiêu'" in feedback["aligned-to-company"]
    for part in ("plan", "progress", "problems"):
        assert i18n.t(f"ui.checkin.{part}", "vi").startswith(glossary.term(part, "vi"))


def _markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"])


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.stem != "09_glossary")
                         + sorted((ROOT / "solutions").glob("*.ipynb")),  # lesson 9 is the glossary: it names retired words
                         ids=lambda p: p.name)
def test_lessons_use_the_glossary(path):
    """Lessons and exercises use the course's terms, not the retired synonyms."""
    assert glossary.retired_in(_markdown(path)) == []


def test_aligns_to_offers_only_what_the_check_accepts():
    """The OKR form's aligns-to list is exactly the company objectives the alignment check accepts (no M3)."""
    pytest.importorskip("ipywidgets")
    from okrkit.rubrics.okr_checks import company_objectives
    from okrkit.ui.builder import _parents

    offered = [pid for pid, _text in _parents()]
    assert offered == list(company_objectives()) and "M3" not in offered
    rubric = load_rubric("ex01_sales_okr")
    for pid in offered:
        answer = {"objectives": [{"id": "O1", "text": "Trở thành đối tác tin cậy", "parent": pid, "key_results": []}]}
        assert next(c for c in rubric.grade(answer).checks if c.id == "aligned-to-company").passed


def test_form_ids_are_named_as_the_form_shows_them():
    """O1 and O1.KR2 read as the form labels them, in each language; other ids stay."""
    assert glossary.where("O1.KR2", "vi") == "KR 2 của mục tiêu 1"
    assert glossary.where("O3", "en") == "objective 3"
    assert glossary.where("S1.KR1", "vi") == "S1.KR1"
    assert glossary.name_ids("O1.KR3 giống một đầu việc", "vi") == "KR 3 của mục tiêu 1 giống một đầu việc"


@pytest.mark.parametrize("lang, words, absent", [
    ("vi", ["Kinh doanh", "Doanh thu", "Lượt truy cập website", "Lăng kính hành vi"],
     ["revenue", "website_traffic", "quality_leads", "Sales"]),
    ("en", ["Sales", "Revenue", "Website visits", "Behaviour lens"], ["website_traffic", "quality_leads", "Kinh doanh"]),
])
def test_behaviour_lens_names_kpis_and_departments(lang, words, absent):
    """The simulator's behaviour lens speaks of KPIs and departments by name, one language at a time."""
    from okrkit.rubrics.ex04_weights import SILO, starting_cascade
    from okrkit.simulate import incentives

    text = "\n".join(incentives(starting_cascade(), schemes={"silo": SILO}).lines(lang))
    for w in words:
        assert w in text
    for w in absent:
        assert not re.search(rf"(?<![\w_]){re.escape(w)}(?![\w_])", text), w


def test_cascade_lines_name_kpis_and_write_decimals_per_language():
    """The cascade's printout names KPIs (not ids) and writes 0,70 in vi, 0.70 in en."""
    from okrkit.cascade import sample_cascade

    result = sample_cascade().score()
    vi = "\n".join(result.lines("vi"))
    en = "\n".join(result.lines("en"))
    assert "0,70 × Doanh thu" in vi and "Quý 1/2026" in vi and "website_traffic" not in vi
    assert "0.70 × Revenue" in en and "Q1 2026" in en and "Marketing - PR - Partners" in en
    assert not re.search(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])", vi), "an English decimal in the vi printout"
    assert "12 tỷ đồng" in vi and "600 hợp đồng" in vi and "600 deals" in en


@pytest.mark.parametrize("lang, expect", [("vi", ["0,85", "≥ 1,0"]), ("en", ["0.85"])])
def test_rubric_numbers_follow_the_language(lang, expect):
    """Numbers inside rubric feedback are written the language's way (never 0.85 next to ≥ 1,0)."""
    from okrkit.rubrics.ex05_checkin import CRM

    answer = {"week": "2026-W08", "checkins": [{"kr": k, "current": v, "confidence": 9, "plan": "", "progress": "",
                                                "problems": ""} for k, v in CRM.items()]}
    result = load_rubric("ex05_checkin").grade(answer, lang=lang)
    text = " ".join(c.feedback for c in result.checks)
    forecast = re.findall(r"→ (\d+[.,]\d+)", text)
    assert forecast, text
    sep = "," if lang == "vi" else "."
    assert all(sep in f for f in forecast), forecast
    if lang == "vi":
        assert "M1.KR1" not in text  # key results are named by their text
