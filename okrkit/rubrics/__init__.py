"""The course's graded exercises and their rubrics.

:data:`EXERCISES` lists the exercises in course order; each has a module
``okrkit.rubrics.<id>`` defining ``RUBRIC`` (a :class:`okrkit.rubric.Rubric`),
used both by the "Check my answer" button and by the grader.  Rubrics are pure
functions of the answer dict: the expected values come from the bundled sample
data, computed in the grader's own process.

Examples
--------
>>> from okrkit.rubrics import EXERCISES, title
>>> EXERCISES[0].id
'ex01_sales_okr'
>>> title("ex01_sales_okr", "vi")
'Viết OKR cho bộ phận Kinh doanh'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from ..errors import InputError
from ..i18n import get_lang


class Exercise(NamedTuple):
    """One graded exercise: its id (= notebook name) and title in each language."""

    id: str
    title: dict[str, str]
    lessons: str


EXERCISES: tuple[Exercise, ...] = (
    Exercise("ex01_sales_okr", {"en": "Write an OKR for the Sales department",
                                "vi": "Viết OKR cho bộ phận Kinh doanh"}, "2"),
    Exercise("ex02_marketing_okrs", {"en": "A Marketing OKR set: one committed, one aspirational",
                                     "vi": "Bộ OKR Marketing: một cam kết, một mở rộng"}, "3"),
    Exercise("ex03_cascade", {"en": "Split the company's revenue goal into department targets",
                              "vi": "Chia mục tiêu doanh thu của công ty thành chỉ tiêu từng bộ phận"}, "4"),
    Exercise("ex04_weights", {"en": "Weights that make Marketing and Sales pull together",
                              "vi": "Trọng số giúp Marketing và Kinh doanh cùng kéo một hướng"}, "5"),
    Exercise("ex05_checkin", {"en": "A weekly Plan / Progress / Problems check-in with a forecast",
                              "vi": "Check-in tuần theo Kế hoạch / Tiến độ / Vấn đề, kèm dự báo"}, "3, 8"),
    Exercise("ex06_sales_review", {"en": "Answer a sales-review question from the data",
                                   "vi": "Trả lời câu hỏi họp giao ban kinh doanh bằng dữ liệu"}, "7"),
    Exercise("ex07_kpi_bsc", {"en": "KPIs in the funnel and on the Balanced Scorecard",
                              "vi": "KPI trong phễu bán hàng và trên Thẻ điểm cân bằng"}, "1, 2, 6"),
    Exercise("ex08_score_quarter", {"en": "Score the quarter: committed vs aspirational",
                                    "vi": "Chấm điểm quý: OKR cam kết và OKR mở rộng"}, "5, 8"),
    Exercise("ex09_individual_okrs", {"en": "A sales rep's own OKR, rolled up to the Sales team's",
                                      "vi": "OKR cá nhân của nhân viên kinh doanh, gắn với OKR của đội"}, "2, 7"),
)

IDS: tuple[str, ...] = tuple(e.id for e in EXERCISES)

# The course's evaluation loop: the same skills quizzed before and after the course, and the post-course
# survey.  They are forms graded like any exercise, but they are not course exercises: they carry no
# exercise number, do not count towards a certificate, and `okrkit grade` grades them only in a class
# where someone handed one in (see :mod:`okrkit.evaluation`).
EVALUATION: tuple[Exercise, ...] = (
    Exercise("quiz_pre", {"en": "Pre-course quiz: where we start", "vi": "Bài kiểm tra đầu khóa: ta bắt đầu từ đâu"},
             "0"),
    Exercise("quiz_post", {"en": "Post-course quiz: what we have learnt",
                           "vi": "Bài kiểm tra cuối khóa: ta đã học được gì"}, "1–8"),
    Exercise("survey", {"en": "Post-course survey", "vi": "Phiếu khảo sát cuối khóa"}, "1–8"),
)
EVALUATION_IDS: tuple[str, ...] = tuple(e.id for e in EVALUATION)
#: every form the grader knows: the course's exercises, then the evaluation loop
ALL_IDS: tuple[str, ...] = IDS + EVALUATION_IDS


def exercise(exercise_id: str) -> Exercise:
    """The :class:`Exercise` with this id (a course exercise or one of :data:`EVALUATION`)."""
    for e in EXERCISES + EVALUATION:
        if e.id == exercise_id:
            return e
    raise InputError(f"no exercise {exercise_id!r}", where="exercise",
                     hint=f"exercise ids: {', '.join(ALL_IDS)}")


def title(exercise_id: str, lang: str | None = None) -> str:
    """The exercise's title in ``lang``."""
    return exercise(exercise_id).title[get_lang(lang)]


# The company a rubric's expected values are computed on: the class's sample ($OKRKIT_SAMPLE), else Sao Mai.
SHORT_NAMES = {"saomai": "Sao Mai", "fmcg": "Phúc An"}


def sample_key() -> str:
    """The key of the sample company the rubrics grade on now (``okrkit.samples.resolve(None)``)."""
    from ..samples import resolve

    return resolve(None)


def company() -> str:
    """The current sample company's short name, as a question's wording names it ("Sao Mai", "Phúc An")."""
    return SHORT_NAMES.get(sample_key(), sample_key())


def per_sample(fn):
    """Cache a function of no arguments once per sample company (an import-time or plain cache would freeze one)."""
    import functools

    cache: dict = {}

    @functools.wraps(fn)
    def wrapper():
        k = sample_key()
        if k not in cache:
            cache[k] = fn()
        return cache[k]

    wrapper.cache_clear = cache.clear
    return wrapper


class LazyText(Mapping):
    """A check's ``{"en", "vi"}`` text written when it is read, from the current company's data.

    ``LazyText(fn)`` behaves as the dict ``{"en": fn("en"), "vi": fn("vi")}``, computed per read (so a
    rubric built at import still quotes the company it grades on)."""

    LANGS = ("en", "vi")

    def __init__(self, fn):
        self.fn = fn

    def __getitem__(self, lang):
        if lang not in self.LANGS:
            raise KeyError(lang)
        return self.fn(lang)

    def get(self, lang, default=None):
        return self[lang] if lang in self.LANGS else default

    def __contains__(self, lang):
        return lang in self.LANGS

    def __iter__(self):
        return iter(self.LANGS)

    def __len__(self):
        return len(self.LANGS)

    def keys(self):
        return self.LANGS

    def items(self):
        return [(lang, self[lang]) for lang in self.LANGS]

    def values(self):
        return [self[lang] for lang in self.LANGS]
