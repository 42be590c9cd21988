"""The evaluation loop as a trainer runs it: quizzes and survey handed in, `okrkit grade`, gain and survey read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from okrkit import evaluation
from okrkit.answers import FORMAT
from okrkit.cli import main
from okrkit.grading import sample_evaluation
from okrkit.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.xdist_group("grading")]


def hand_in(folder: Path, exercise: str, answer: dict) -> None:
    """What a participant hands in: the exercise notebook as given out, and the answers file its form saved."""
    (folder / "answers").mkdir(parents=True, exist_ok=True)
    (folder / f"{exercise}.ipynb").write_bytes((ROOT / "exercises" / f"{exercise}.ipynb").read_bytes())
    (folder / "answers" / f"{exercise}.json").write_text(json.dumps(
        {"format": FORMAT, "exercise": exercise, "saved_at": "2026-03-20T09:00:00+07:00", "answer": answer},
        ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class of three: An took both quizzes, Bình only the post-course one, Chi both and the survey."""
    root = tmp_path_factory.mktemp("evaluation")
    sub = root / "submissions"
    pre, post = sample_evaluation.reference("quiz_pre"), sample_evaluation.reference("quiz_post")
    hand_in(sub / "Nguyễn Văn An", "quiz_pre", sample_evaluation.quiz_answer("quiz_pre", 6))       # 4 of 10
    hand_in(sub / "Nguyễn Văn An", "quiz_post", sample_evaluation.quiz_answer("quiz_post", 1))     # 9 of 10
    hand_in(sub / "Lê Thị Bình", "quiz_post", {**post, "funnel_leads": "1,200"})                  # en-style figure
    hand_in(sub / "Trần Minh Chi", "quiz_pre", {**pre, "funnel_leads": "2.000 lead", "weight_missing": "15%"})
    hand_in(sub / "Trần Minh Chi", "quiz_post", sample_evaluation.quiz_answer("quiz_post", 10))   # 0 of 10
    hand_in(sub / "Trần Minh Chi", "survey", {"useful": "4", "confident_okr": "2", "confident_cascade": "3",
                                               "pace": "5", "recommend": "4", "most_useful": "Bài về phễu bán hàng",
                                               "change": "=HYPERLINK(\"x\") thêm ví dụ"})
    out = root / "grades"
    code = main(["grade", str(sub), "--out", str(out), "--lang", "vi", "--workers", "2", "--timeout", "60"])
    assert code == 0
    return out


def rows(out: Path) -> dict[tuple[str, str], dict]:
    with (out / "gradebook.csv").open(encoding="utf-8-sig", newline="") as f:
        return {(r["participant"], r["exercise"]): r for r in csv.DictReader(f)}


def test_quizzes_are_graded_by_okrkit_grade(graded):
    """Each quiz hand-in is run and scored one point per question; figures are read as the participant wrote them."""
    book = rows(graded)
    assert book[("Nguyễn Văn An", "quiz_pre")]["status"] == "graded"
    assert float(book[("Nguyễn Văn An", "quiz_pre")]["score"]) == 4
    assert float(book[("Nguyễn Văn An", "quiz_post")]["score"]) == 9
    assert float(book[("Lê Thị Bình", "quiz_post")]["score"]) == 10
    assert float(book[("Trần Minh Chi", "quiz_pre")]["score"]) == 10
    assert float(book[("Trần Minh Chi", "quiz_post")]["score"]) == 0
    assert book[("Lê Thị Bình", "quiz_pre")]["status"] == "missing"
    assert float(book[("Trần Minh Chi", "survey")]["score"]) == 3
    feedback = (graded / "feedback").glob("*An*.html")
    page = next(feedback).read_text(encoding="utf-8")
    assert "Tính ngược số lead từ mục tiêu doanh thu" in page    # a check is named by its skill, in Vietnamese
    assert "<h2>Bài kiểm tra đầu khóa: ta bắt đầu từ đâu</h2>" in page and "quiz_pre ·" not in page
    assert page.index("Bài kiểm tra đầu khóa") < page.index("Bài kiểm tra cuối khóa")   # pre before post


def test_gain_of_a_participant_missing_the_pre_quiz_is_unknown_not_zero(graded):
    """Bình has no pre-course quiz: their gain is unknown, and the class's gain is over An and Chi only."""
    people = {p.name: p for p in evaluation.people(graded)}
    assert people["Lê Thị Bình"].pre is None and people["Lê Thị Bình"].pre_status == "missing"
    assert people["Lê Thị Bình"].post == 100
    assert people["Lê Thị Bình"].gain is None and people["Lê Thị Bình"].normalised_gain is None
    an = people["Nguyễn Văn An"]
    assert an.gain == pytest.approx(50) and an.normalised_gain == pytest.approx(50 / 60)
    assert people["Trần Minh Chi"].gain == pytest.approx(-100)
    assert people["Trần Minh Chi"].normalised_gain is None      # nothing left to learn from 100%
    whole = evaluation.class_gain(list(people.values()))
    assert whole.pairs == 2 and whole.only_post == 1
    assert whole.mean_pre == pytest.approx(70) and whole.mean_post == pytest.approx(45)
    assert whole.normalised_gain == pytest.approx((45 - 70) / 30)


def test_survey_answers_are_saved_without_names(graded):
    """survey.csv holds the survey's answers with no participant column; a formula-like answer is quoted."""
    text = (graded / "survey.csv").read_text(encoding="utf-8-sig")
    assert "Chi" not in text and "participant" not in text
    assert "'=HYPERLINK" in text
    summary = evaluation.survey_summary(graded)
    assert summary.respondents == 1
    assert summary.ratings["confident_okr"] == [0, 1, 0, 0, 0] and summary.mean("pace") == 5
    assert summary.open["change"] == ['=HYPERLINK("x") thêm ví dụ']


def test_a_class_without_quizzes_has_no_quiz_rows(tmp_path):
    """A class that took no quiz is graded on the course's exercises alone: no quiz or survey row at all."""
    from okrkit.grading.sample_class import write

    sub = tmp_path / "sub"
    write(sub, participants=["Emily Carter"])
    for p in sub.iterdir():
        for nb in p.glob("ex0[2-8]*.ipynb"):   # one exercise is enough to see which rows the gradebook gets
            nb.unlink()
    assert main(["grade", str(sub), "--out", str(tmp_path / "g"), "--workers", "1"]) == 0
    exercises = {ex for _, ex in rows(tmp_path / "g")}
    assert not exercises & set(evaluation.EVALUATION)
    assert not evaluation.took_quizzes(tmp_path / "g")


@pytest.mark.parametrize("quiz", ["quiz_pre", "quiz_post"])
def test_quiz_items_are_parallel_not_identical(quiz):
    """Both quizzes ask the same ten skills in the same order, each with its own wording and its own key."""
    from okrkit.rubrics import quiz_post, quiz_pre, quizzes

    assert [q["id"] for q in quiz_pre.QUESTIONS] == [q["id"] for q in quiz_post.QUESTIONS] == [s for s, _ in
                                                                                              quizzes.SKILLS]
    for a, b in zip(quiz_pre.QUESTIONS, quiz_post.QUESTIONS):
        assert a["text"]["en"] != b["text"]["en"] and a["text"]["vi"] != b["text"]["vi"]
    assert quiz_pre.KEY != quiz_post.KEY
    assert load_rubric(quiz).max_score == 10


def test_unknown_is_never_zero_on_the_class_figures():
    """A participant with no result at all counts in 'neither' and changes no mean."""
    people = [evaluation.Person("A", 50.0, 75.0), evaluation.Person("B", None, None, "missing", "error")]
    whole = evaluation.class_gain(people)
    assert (whole.pairs, whole.neither, whole.mean_pre, whole.mean_gain) == (1, 1, 50.0, 25.0)
    assert evaluation.class_gain([people[1]]).mean_gain is None
