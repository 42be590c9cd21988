"""What the lessons, exercises and README say agrees with the kit's own data and rules.

Each test guards one statement a careful participant can check: the payout curve
lesson 5 describes, the strategy map of lesson 6, lesson 3's model key results,
the README's cascade example, the lesson an exercise points to, the reference
answer of ex01, and the two department scores (KPI and OKR) kept apart.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from pathlib import Path

import pytest
import yaml

import okrkit as ok
import okrkit.samples  # noqa: F401  (ok.samples)
from okrkit.quantity import find_quantities

ROOT = Path(__file__).resolve().parents[1]
LEVEL = {"learning": 0, "process": 1, "customer": 2, "financial": 3}


def cells(path: Path, kind: str | None = None) -> list[str]:
    """The sources of a notebook's cells (of one kind)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if kind is None or c["cell_type"] == kind]


def lesson(prefix: str) -> Path:
    return next((ROOT / "notebooks").glob(f"{prefix}_*.ipynb"))


def assigned(source: str, name: str):
    """The literal value a cell assigns to ``name``."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise LookupError(name)


def english(markdown: str) -> str:
    """The English half of a bilingual lesson cell (after the rule and '*English*')."""
    return markdown.split("*English*", 1)[1] if "*English*" in markdown else ""


def vietnamese(markdown: str) -> str:
    return markdown.split("*English*", 1)[0]


# ---------------------------------------------------------------- lesson 5: the payout curve

def per_tenth(curve, a: float, b: float) -> float:
    """Share of the target bonus added per 0.1 of score between ``a`` and ``b``."""
    return (curve(b) - curve(a)) / (b - a) / 10


def test_lesson5_describes_the_sample_payout_curve_as_it_is():
    """Past the target the sample curve rises more slowly (25 vs 33 points per 0.1), flat outside 0.7–1.2; the lesson says so."""
    curve = ok.sample_cascade().payout
    below = per_tenth(curve, curve.threshold, curve.target)
    above = per_tenth(curve, curve.target, curve.excellence)
    assert above < below
    assert curve(curve.threshold - 0.2) == curve(curve.threshold - 0.01) == 0
    assert curve(curve.excellence) == curve(curve.excellence + 0.3) == curve.max_payout
    markdown = cells(lesson("05"), "markdown")
    text = "\n".join(markdown)
    vi, en = "\n".join(vietnamese(c) for c in markdown), "\n".join(english(c) for c in markdown)
    assert f"{below * 100:.0f} điểm phần trăm" in vi and f"{above * 100:.0f} điểm phần trăm" in vi
    assert f"{below * 100:.0f} percentage points" in en and f"{above * 100:.0f} points" in en
    assert "chậm hơn" in vi and "more slowly" in en
    assert "tăng nhanh hơn" not in text and "rises faster" not in text
    # the claim about moving deals between quarters is limited to where the curve slopes
    for words in (f"{curve.threshold:.1f}", f"{curve.excellence:.1f}"):  # 0,7 in Vietnamese, 0.7 in English
        assert words.replace(".", ",") in vi and words in en
    assert "A linear curve without a cliff makes every extra deal worth the same" not in text


def test_lesson5_means_the_weight_when_it_says_revenue_goes_to_zero():
    """'If Marketing's revenue … drops to 0' speaks of the weight of the revenue KPI, not of the KPI's value."""
    text = "\n".join(cells(lesson("05"), "markdown"))
    assert "Nếu KPI doanh thu của Marketing về 0" not in text
    assert re.search(r"trọng số của KPI doanh thu[^.]*về 0", text)
    assert re.search(r"weight of the revenue KPI[^.]*drops to 0", text)


# ---------------------------------------------------------------- lesson 6: the strategy map

def strategy_map() -> tuple[dict, list]:
    sources = cells(lesson("06"), "code")
    perspective_of = assigned(next(s for s in sources if "perspective_of =" in s), "perspective_of")
    links = assigned(next(s for s in sources if "links =" in s), "links")
    return perspective_of, links


def test_lesson6_strategy_map_climbs_one_level_per_arrow():
    """Every cause → effect arrow goes exactly one level up: learning → process → customer → financial."""
    perspective_of, links = strategy_map()
    company = ok.sample_company()
    ids = {o.id for o in company.objectives}
    assert set(perspective_of) == ids
    assert links and {x for link in links for x in link} <= ids
    skips = [(c, e) for c, e in links if LEVEL[perspective_of[e]] - LEVEL[perspective_of[c]] != 1]
    assert not skips, skips
    text = "\n".join(cells(lesson("06"), "markdown"))
    assert "đi lên đúng\nmột tầng" in text or "đi lên đúng một tầng" in text
    assert "exactly one level" in text


def test_lesson6_files_the_win_rate_under_the_sales_process():
    """The win rate is a sales conversion (engagement stage, internal-process perspective), not value created for customers."""
    source = next(s for s in cells(lesson("06"), "code") if "LIBRARY = [" in s)
    libraries = []
    for sample in ok.samples.keys():   # each sample company has its own library (software, distribution)
        ns = {"T": lambda vi, en: vi, "sample": sample}
        with contextlib.redirect_stdout(io.StringIO()):
            exec(source, ns)  # noqa: S102  -- the lesson's own table, built as the lesson builds it
        rows = {name: (stage, perspective) for name, stage, _dept, perspective in ns["LIBRARY"]}
        stage, perspective = rows["Tỷ lệ chốt"]
        assert stage == "engagement" and perspective == "process", sample
        libraries.append(set(rows))
    assert libraries[0] != libraries[1], "the distributor's KPI library is its own, not the software company's"


# ---------------------------------------------------------------- lesson 3: model outcomes

def outcome_table(markdown: str) -> list[str]:
    """The right-hand column of the 'activity | outcome' table."""
    out = []
    for line in markdown.splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if len(parts) == 2 and not set(parts[1]) <= set("-") and parts[1] not in ("Kết quả (nên là KR)", "Outcome (a KR)"):
            out.append(parts[1])
    return out


def test_lesson3_model_outcomes_hold_one_target_each():
    """Each model outcome KR of lesson 3 holds one target (the kit's own kr-two-targets rule), in both languages."""
    idea = next(c for c in cells(lesson("03"), "markdown") if "Hoạt động (không nên là KR)" in c)
    outcomes = outcome_table(vietnamese(idea)) + outcome_table(english(idea))
    assert len(outcomes) == 8, outcomes
    for text in outcomes:
        targets = [q for q in find_quantities(text) if q.role in ("amount", "to")]
        assert len(targets) == 1, (text, [q.text for q in targets])
    krs = tuple(ok.KeyResult(f"O1.KR{i}", t) for i, t in enumerate(outcomes, start=1))
    report = ok.lint(ok.Objective("O1", "Marketing mang về khách hàng tiềm năng", key_results=krs))
    assert not report.by_rule("kr-two-targets")


# ---------------------------------------------------------------- README: the cascade example

def test_readme_cascade_example_carries_the_bundled_weights():
    """The README's cascade example loads, and each department it shows has the weights of okrkit/data/cascade.yaml."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Cascade file format", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    example = yaml.safe_load(block)
    bundled = yaml.safe_load(ok.sample_path("cascade.yaml").read_text(encoding="utf-8"))
    weights = {d["name"]: d["weights"] for d in bundled["departments"]}
    assert example["departments"]
    for dept in example["departments"]:
        assert dept["weights"] == weights[dept["name"]], dept["name"]
    assert example["payout"].items() <= bundled["payout"].items()


def test_readme_cascade_example_is_a_valid_cascade(tmp_path):
    """The example is a file the kit reads (every KPI it weighs is defined)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Cascade file format", 1)[1]
    path = tmp_path / "cascade.yaml"
    path.write_text(re.search(r"```yaml\n(.*?)```", text, re.S).group(1), encoding="utf-8")
    plan = ok.load_cascade(path)
    assert list(plan.weights().departments) == ["Kinh doanh", "Marketing - PR - Đối tác"]


# ---------------------------------------------------------------- exercises

def lesson_teaching(words: str) -> int:
    """The number of the lesson whose text teaches ``words``."""
    found = [int(p.name[:2]) for p in sorted((ROOT / "notebooks").glob("0*.ipynb"))
             if words in "\n".join(cells(p, "markdown"))]
    assert found, words
    return found[0]


def test_ex02_points_to_the_lesson_that_teaches_the_ppp_check_in():
    """ex02's pointer to the weekly Plan / Progress / Problems check-in names the lesson that teaches it."""
    ppp = lesson_teaching("Check-in hằng tuần theo PPP")
    text = "\n".join(cells(ROOT / "solutions" / "ex02_marketing_okrs.ipynb", "markdown"))
    vi = re.search(r"Kế hoạch / Tiến độ / Vấn đề \(bài (\d+)", text)
    en = re.search(r"Plan / Progress / Problems \(lesson (\d+)", text)
    assert vi and en and int(vi[1]) == int(en[1]) == ppp


def reference(exercise: str) -> dict:
    from okrkit.grading import sample_class

    return sample_class.references()[exercise]


def test_ex01_reference_has_the_type_of_the_objective_it_restates():
    """ex01's reference restates S1 (same baselines and targets), so it is aspirational like S1 — in both languages."""
    s1 = ok.sample_company().objective("S1")
    ref = reference("ex01_sales_okr")["objectives"][0]
    assert [(k["baseline"], k["target"]) for k in ref["key_results"]] == [(k.baseline, k.target) for k in s1.key_results]
    assert ref["type"] == s1.type == "aspirational"
    spec = json.loads(ok.sample_path("sample_class/class.json").read_text(encoding="utf-8"))
    en = spec["okrs_en"]["ex01_sales_okr"]["objectives"][0]   # the strong answer, translated
    assert en["type"] == ref["type"]
    assert [(k["baseline"], k["target"]) for k in en["key_results"]] == \
           [(k["baseline"], k["target"]) for k in ref["key_results"]]


def test_department_score_and_department_okr_score_are_named_apart():
    """'Điểm bộ phận' is Σ weight × KPI score (lesson 4); the mean of a department's objectives is its 'điểm OKR'."""
    from okrkit import i18n
    from okrkit.rubrics.ex08_score_quarter import RUBRIC
    from okrkit.ui import quarter_form  # noqa: F401  (registers the form's labels)

    l4 = "\n".join(cells(lesson("04"), "markdown"))
    assert "điểm bộ phận** luôn là con số này — Σ trọng số × điểm KPI" in l4 and "**điểm OKR của bộ phận**" in l4
    assert "**department score** is always this number" in l4 and "**department's OKR score**" in l4
    ex08 = "\n".join(cells(ROOT / "solutions" / "ex08_score_quarter.ipynb", "markdown"))
    assert "điểm OKR của mỗi bộ phận" in ex08 and "each department's OKR score" in ex08
    assert "điểm mỗi bộ phận (trung bình" not in ex08
    check = next(c for c in RUBRIC.checks if c.id == "department-scores")
    assert "OKR" in check.title["vi"] and "OKR" in check.title["en"]
    assert "Σ" in check.feedback["vi"] and "Σ" in check.feedback["en"]
    label = i18n.t("ui.quarter.dept_score", "vi", name="Kinh doanh")
    assert label.startswith("Điểm OKR của Kinh doanh")
    l8 = "\n".join(cells(lesson("08"), "code"))
    assert "Điểm OKR của từng bộ phận" in l8 and "Each department's OKR score" in l8


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_exercises_point_to_lessons_that_exist(folder):
    """Every 'bài N' / 'lesson N' an exercise names is a lesson of the course."""
    lessons = {int(p.name[:2]) for p in (ROOT / "notebooks").glob("0*.ipynb")}
    for path in sorted((ROOT / folder).glob("ex*.ipynb")):
        text = "\n".join(cells(path, "markdown"))
        for n in re.findall(r"\b(?:bài|lesson) (\d+)\b", text, re.IGNORECASE):
            assert int(n) in lessons, (path.name, n)
